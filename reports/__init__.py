"""Reports of a scoring cycle: the score summary table (.xlsx) and the ranking chart (.png).

Built from the domain's `ScoreSummary`; no chat platform, no database. The builders are
loaded on first use, so that importing one report does not import matplotlib for the others."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reports.ranking_chart import build_ranking_chart
    from reports.score_table import build_score_table

__all__ = ["build_ranking_chart", "build_score_table"]

_HOMES = {
    "build_ranking_chart": "reports.ranking_chart",
    "build_score_table": "reports.score_table",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'reports' has no attribute {name!r}")
    return getattr(import_module(home), name)
