"""The score summary table (bảng tổng hợp chấm điểm): what the .xlsx and the chart show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from domain.criteria import CriteriaTable
from domain.model import Bloc, Unit
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
    self_items: dict[str, Decimal] = field(default_factory=dict)  # as the unit scored itself
    reasons: dict[str, str] = field(default_factory=dict)  # why verification changed an item


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
    bloc: Bloc | None = None  # the issuer of the table: its name, province, superior
    leader: Unit | None = None  # the leader unit of the year, whose head signs the table
    prepared_by: str = ""  # who made the table (người lập biểu): who published the ranking
    dated: datetime | None = None  # when it was published (or made, for a draft)
    cross_scored: bool = False  # final scores are the means of the others' marks

    @property
    def issuer(self) -> Bloc:
        return self.bloc or Bloc("", self.bloc_name, self.province)
