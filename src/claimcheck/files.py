"""The file-system edge: what claimcheck agrees to read and write, and how it writes.

Every path comes from a user, a table (sources.csv `path`) or a CI script, so
none is trusted (docs/security.md):

- an input must be a regular file, checked on the open descriptor before a
  byte is read: `/dev/zero` or `/dev/urandom` would be read until memory runs
  out, a FIFO or a socket would block forever, a directory is a mistake.
  `-` is standard input; it must not be a character device other than a
  terminal (`< /dev/zero`), and is read up to `MAX_STDIN_BYTES`;
- an output must never be one of the command's inputs, its companions
  included, and must be a regular file or absent; `-` and `/dev/stdout`
  are standard output;
- a file that is replaced is replaced atomically (a temporary file in the
  same folder, fsync, rename), through a symlink to its target, keeping its
  mode, under a lock on its folder so that two writers never interleave a
  read-modify-write;
- a path a table names must stay inside the table's folder once symlinks are
  resolved, or in a root the user allowed explicitly.

Errors are `InputError`s (or `UsageError`s for options) with the path, so the
CLI prints one line and exits 2.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, BinaryIO

from claimcheck.errors import InputError, Location, UsageError

STDIO = "-"
STDOUT_NAMES = (STDIO, "/dev/stdout")
"""Output names meaning standard output: `-o /dev/stdout` is a common idiom in scripts."""

MAX_STDIN_BYTES = 1 << 31
"""Standard input is read whole; a pipe that never ends (`yes |`) must not eat the memory.
2 GiB is eight times the million-claim bench table; save larger inputs to a file."""

MAX_TEXT_BYTES = 64 << 20
"""A source text or an extract input is an article or a report, never 64 MiB: a larger
one is a mistake or an attack, and folding and searching it would take minutes."""

LOCK_TIMEOUT = 60.0
"""Seconds a writer waits for another writer's lock before giving up with a message."""

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words for a message."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a file"


def not_regular(path: str | Path, mode: int) -> InputError:
    """The one message for every special file, so users and tests can rely on its words."""
    return InputError(f"not a regular file ({kind_of(mode)})", Location(str(path)))


def _unreadable(exc: OSError, shown: str, what: str) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError("no such file", Location(shown))
    if isinstance(exc, IsADirectoryError):
        return InputError(f"not a regular file (a directory), not {what}", Location(shown))
    return InputError(f"cannot read: {exc.strerror or exc}", Location(shown))


def open_input(path: str | Path, shown: str | None = None, what: str = "a file") -> BinaryIO:
    """Open a regular file for reading; anything else is an InputError before any read.

    The file is opened non-blocking (so a FIFO with no writer cannot block the
    open itself) and checked with fstat on the descriptor, so a file swapped
    for a FIFO between a check and the open is still refused.
    """
    shown = shown or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        mode = Path(path).stat().st_mode  # a socket cannot even be opened: say what it is
        if not stat.S_ISREG(mode):
            raise not_regular(shown, mode)
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise _unreadable(exc, shown, what) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise not_regular(shown, mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def check_input(path: str | Path, shown: str | None = None, what: str = "a file") -> None:
    """`open_input`'s checks, for a file another library (polars) opens itself."""
    open_input(path, shown, what).close()


def read_input(
    path: str | Path, shown: str | None = None, what: str = "a file", limit: int | None = None
) -> bytes:
    """A regular file's bytes, or an InputError naming the path (also when over `limit`)."""
    shown = shown or str(path)
    with open_input(path, shown, what) as handle:
        try:
            data = handle.read() if limit is None else handle.read(limit + 1)
        except OSError as exc:
            raise _unreadable(exc, shown, what) from None
    if limit is not None and len(data) > limit:
        raise InputError(f"larger than {limit:,} bytes: not read", Location(shown))
    return data


def read_stdin(stdin: IO[bytes] | None = None, limit: int = MAX_STDIN_BYTES) -> bytes:
    """Standard input's bytes: refused when closed, a device other than a terminal, or huge."""
    shown = "<stdin>"
    if stdin is None:
        if sys.stdin is None:
            raise InputError("standard input is closed", Location(shown))
        stdin = sys.stdin.buffer
        try:
            mode = os.fstat(stdin.fileno()).st_mode
        except io.UnsupportedOperation:  # a stream with no descriptor (a test's)
            mode = stat.S_IFIFO
        except OSError as exc:
            if exc.errno == errno.EBADF:
                raise InputError("standard input is closed", Location(shown)) from None
            raise InputError(f"cannot read: {exc.strerror}", Location(shown)) from None
        if (stat.S_ISCHR(mode) and not stdin.isatty()) or stat.S_ISBLK(mode):
            raise not_regular(shown, mode)
        if stat.S_ISDIR(mode):
            raise not_regular(shown, mode)
    try:
        data = stdin.read(limit + 1)
    except OSError as exc:
        if exc.errno == errno.EBADF:
            raise InputError("standard input is closed", Location(shown)) from None
        raise InputError(f"cannot read: {exc.strerror}", Location(shown)) from None
    if len(data) > limit:
        raise InputError(
            f"standard input holds more than {limit:,} bytes: save it to a file", Location(shown)
        )
    return data


def same_file(left: str | Path, right: str | Path) -> bool:
    """Whether two paths name one file: by inode when both exist, else by resolved path."""
    try:
        return Path(left).samefile(right)
    except OSError:
        return Path(left).resolve() == Path(right).resolve()


def check_output(
    output: str | Path, inputs: Iterable[tuple[str, str | Path | None]], option: str = "--output"
) -> None:
    """Refuse an output path that is one of the inputs, or an existing non-regular file.

    `inputs` pairs each input's role ("claims", "aliases", ...) with its path
    (None or `-` when there is none on disk). Standard output names are fine.
    """
    if str(output) in STDOUT_NAMES:
        return
    for role, path in inputs:
        if path is None or str(path) == STDIO:
            continue
        if same_file(output, path):
            raise UsageError(
                f"{option} {output} must not be the {role} file {path}: commands never write over "
                "their inputs; choose another path"
            )
    try:
        mode = Path(output).stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise UsageError(f"cannot write {output}: not a regular file ({kind_of(mode)})")


def write_target(path: str | Path) -> Path:
    """The file a write replaces: a symlink's target (followed fully), so the link stays."""
    return Path(os.path.realpath(path))


@contextlib.contextmanager
def locked(target: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on `target`'s folder while a read-modify-write of it runs.

    An advisory `flock` on the folder, not on the file, which the rename
    replaces (a lock on the old inode would not stop a writer that opened the
    new one), and not on a companion lock file, which would be left in the
    repository. A second `claimcheck baseline` waits for the first to finish
    and then reads its result, so no entry is lost.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks in the stdlib
        yield
        return
    folder = target.parent
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {folder}: {exc.strerror}") from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise UsageError(
                        f"{target}: another claimcheck has been writing in {folder} for "
                        f"more than {timeout:.0f} s; try again when it is done"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def write_atomic(path: str | Path, text: str) -> None:
    """Replace a file's content in one step: temp file beside it, fsync, rename.

    A symlink is followed to its target, which is replaced and keeps the link;
    an existing file keeps its mode. A crash before the rename leaves the old
    content and no temporary file. The folder is synced after the rename, so
    the new name survives a power cut too.
    """
    target = write_target(path)
    mode = _mode_for(target)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).chmod(mode)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new one gets what the umask allows.

    mkstemp creates files readable by the owner only, which would surprise a
    repository that commits the file.
    """
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def inside(root: Path, relative: str, allowed: Iterable[Path] = ()) -> Path | None:
    """`root / relative` with symlinks resolved, when it lies inside `root` or an allowed root.

    None when it escapes (`../../etc/passwd`, `/etc/hostname`, a symlink out).
    """
    resolved = Path(os.path.realpath(root / relative))
    for base in (root, *allowed):
        real = Path(os.path.realpath(base))
        if resolved == real or real in resolved.parents:
            return resolved
    return None
