"""`validate`: every file that `compare` would read, checked, every problem listed at once.

A table that validates must compare: `compare` also reads relations.csv (given,
or found beside the claims), so `validate` reads it too, and reports its
problems, a duplicate `relation_id` among them, with the table's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claimcheck.errors import InputError, InputErrors
from claimcheck.table import ClaimsTable, default_beside, load_table


@dataclass(frozen=True)
class Validated:
    """A valid table and how many relations its relations.csv declares (None: no file)."""

    table: ClaimsTable
    relations: int | None


def validate_files(
    claims: str | Path,
    *,
    sources: str | Path | None = None,
    aliases: str | Path | None = None,
    relations: str | Path | None = None,
) -> Validated:
    """Load the claims with their companions as `compare` does; InputErrors list every problem."""
    from claimcheck.relations import load_relations

    errors: list[InputError] = []
    table: ClaimsTable | None = None
    try:
        table = load_table(claims, sources_path=sources, aliases_path=aliases)
    except InputErrors as exc:
        errors.extend(exc.errors)
    if relations is None and str(claims) != "-":
        relations = default_beside(claims, "relations.csv")
    count: int | None = None
    if relations is not None:
        try:
            count = len(load_relations(relations))
        except InputErrors as exc:
            errors.extend(exc.errors)
        except InputError as exc:
            errors.append(exc)
    if errors or table is None:
        raise InputErrors(errors)
    return Validated(table, count)
