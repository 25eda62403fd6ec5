"""claimcheck: find where reports contradict each other about the same figure.

The flow is one direction, and so are the imports: load (table) -> intervals
(quantities, intervals) -> findings (the vocabulary every rule writes in) ->
rules (pairs, relations, near_duplicates) -> report (models) -> pipeline ->
render and cli. docs/library.md shows the API below in use.

The names are exported lazily: `claimcheck --help` imports this package, and
must not pay for polars, pint or rich until a comparison runs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimcheck.consensus import Consensus, ConsensusOptions, consensus, consensus_files
    from claimcheck.draft import Document, Draft, draft_documents, draft_files
    from claimcheck.errors import (
        ClaimcheckError,
        InputError,
        InputErrors,
        Location,
        UnitError,
        UsageError,
    )
    from claimcheck.findings import DEFAULT_FAIL_ON, Kind, Severity, fingerprint_text
    from claimcheck.models import CompareOptions, Finding, Report, parse_fail_on
    from claimcheck.pipeline import compare, compare_files
    from claimcheck.relations import load_relations
    from claimcheck.table import ClaimsTable, load_table

__version__ = "0.1.0"

_HOMES = {
    "load_table": "table", "ClaimsTable": "table",
    "load_relations": "relations",
    "consensus": "consensus", "consensus_files": "consensus", "Consensus": "consensus",
    "ConsensusOptions": "consensus",
    "compare": "pipeline", "compare_files": "pipeline",
    "CompareOptions": "models", "parse_fail_on": "models", "Report": "models", "Finding": "models",
    "Kind": "findings", "Severity": "findings", "DEFAULT_FAIL_ON": "findings",
    "fingerprint_text": "findings",
    "ClaimcheckError": "errors", "InputError": "errors", "InputErrors": "errors",
    "UnitError": "errors", "UsageError": "errors", "Location": "errors",
    "Document": "draft", "Draft": "draft", "draft_documents": "draft", "draft_files": "draft",
}  # fmt: skip

__all__ = [
    "DEFAULT_FAIL_ON",
    "ClaimcheckError",
    "ClaimsTable",
    "CompareOptions",
    "Consensus",
    "ConsensusOptions",
    "Document",
    "Draft",
    "Finding",
    "InputError",
    "InputErrors",
    "Kind",
    "Location",
    "Report",
    "Severity",
    "UnitError",
    "UsageError",
    "__version__",
    "compare",
    "compare_files",
    "consensus",
    "consensus_files",
    "draft_documents",
    "draft_files",
    "fingerprint_text",
    "load_relations",
    "load_table",
    "parse_fail_on",
]


def __getattr__(name: str) -> Any:
    """Import a public name's home module on first use (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
    value = getattr(import_module(f"claimcheck.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
