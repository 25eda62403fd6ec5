"""Exit statuses, shared by every command (contract section 6)."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """What a claimcheck process tells its caller.

    1 is reserved for "ran, and found what fails": a CI job must be able to
    tell contradictions (1) from a broken table or a typo in an option (2).
    """

    OK = 0
    FINDINGS = 1
    INPUT_ERROR = 2
