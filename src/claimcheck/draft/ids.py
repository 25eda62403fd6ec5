"""Claim ids that survive re-runs and edits elsewhere in the document.

An id is the source id plus a short digest of the figure's sentence and its
span text: `003_f582aa4241273fed-5c1e0a9b`. Editing another paragraph, adding
a sentence before it or re-running the draft leaves the id as it was, so a
person's edits to the draft and a CI baseline keyed on it survive. Only an
edit of the sentence itself gives a new id. The same figure written twice in
the same sentence, or the same sentence twice in a document, gets `-2`, `-3`
in reading order.
"""

from __future__ import annotations

import hashlib

DIGEST_BYTES = 4


def digest(sentence: str, span: str) -> str:
    """Eight hex digits from the sentence and the figure's text."""
    data = f"{sentence}\x1f{span}".encode()
    return hashlib.blake2b(data, digest_size=DIGEST_BYTES).hexdigest()


def claim_ids(source_id: str, figures: list[tuple[str, str]]) -> list[str]:
    """The ids of one document's figures, given each figure's (sentence, span text)."""
    seen: dict[str, int] = {}
    ids: list[str] = []
    for sentence, span in figures:
        base = f"{source_id}-{digest(sentence, span)}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids
