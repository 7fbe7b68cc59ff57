"""The score summary table (bảng tổng hợp chấm điểm): what the .xlsx and the chart show."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from domain.criteria import CriteriaTable
from domain.scoring import SheetTotals


class Cycle(StrEnum):
    MIDYEAR = "midyear"  # sơ kết 6 tháng
    ANNUAL = "annual"  # tổng kết năm


@dataclass(frozen=True)
class SummaryRow:
    unit_code: str
    unit_name: str
    short_name: str
    items: dict[str, Decimal]  # criterion code → final (verified) points, bonus included
    penalties: dict[str, int]  # penalty code → occurrences
    self_totals: SheetTotals  # as the unit scored itself
    final_totals: SheetTotals  # after verification (or the cross-scoring means)
    rank: int
    tied: bool


@dataclass(frozen=True)
class ScoreSummary:
    bloc_name: str
    province: str
    year: int
    cycle: Cycle
    table: CriteriaTable
    rows: tuple[SummaryRow, ...]  # in rank order
    unranked: tuple[str, ...]  # names of member units that submitted nothing
    published: bool
