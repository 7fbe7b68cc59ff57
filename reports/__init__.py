"""Reports of a scoring cycle: the score summary table (.xlsx) and the ranking chart (.png);
of a closed ballot: the minutes and the proposal (.docx) and the results chart (.png).

Built from the domain's `ScoreSummary` and `BallotRecord`; no chat platform, no database. The
builders are loaded on first use, so that importing one report does not import matplotlib for
the others."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reports.ballot_chart import build_ballot_chart
    from reports.ballot_minutes import build_ballot_minutes
    from reports.ballot_proposal import build_ballot_proposal
    from reports.ranking_chart import build_ranking_chart
    from reports.score_table import build_score_table

__all__ = [
    "build_ballot_chart",
    "build_ballot_minutes",
    "build_ballot_proposal",
    "build_ranking_chart",
    "build_score_table",
]

_HOMES = {
    "build_ballot_chart": "reports.ballot_chart",
    "build_ballot_minutes": "reports.ballot_minutes",
    "build_ballot_proposal": "reports.ballot_proposal",
    "build_ranking_chart": "reports.ranking_chart",
    "build_score_table": "reports.score_table",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'reports' has no attribute {name!r}")
    return getattr(import_module(home), name)
