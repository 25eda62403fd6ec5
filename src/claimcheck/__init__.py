"""claimcheck: find where reports contradict each other about the same figure.

The flow is one direction: load (table) -> normalize (keys, quantities) ->
group and compare (compare) -> report (render). This module re-exports the
public library API; importing it stays cheap because the heavy parts load
lazily.
"""

from __future__ import annotations

__version__ = "0.1.0"
