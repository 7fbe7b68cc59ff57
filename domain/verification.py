"""What verification (thẩm định) shows: each member unit's sheet as its verifier sees it,
and the bloc's progress.

Self-scoring blocs verify each unit's own sheet. Cross-scoring blocs verify the mean of the
other units' sheets: items and bonus stand as the others scored them, and the leader sets
the penalties, which are facts (domain.md), on the unit's own record, a sheet the leader
keeps for it. Either way every change reaches the unit, who agrees or explains within the
bloc's time (48 hours by default)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from domain.criteria import CriteriaTable
from domain.errors import UnknownCriterion
from domain.model import BlocYear, Unit
from domain.scoring import SheetTotals, read_typed
from domain.settings import ScoringMode
from domain.sheets import Entry, ScoreSheet, SheetStatus
from domain.summary import Cycle


@dataclass(frozen=True)
class CrossSheet:
    """One other unit's sheet about the unit verified (cross mode)."""

    scorer: Unit
    submitted: bool
    total: Decimal | None


@dataclass(frozen=True)
class UnitReview:
    """One member unit as its verifier sees it."""

    unit: Unit
    table: CriteriaTable
    mode: ScoringMode
    record: ScoreSheet | None  # its sheet (self mode) or the leader's record of it (cross)
    own: SheetTotals | None  # as the unit scored itself, or the others' mean before penalties
    final: SheetTotals | None  # after verification
    means: dict[str, Decimal]  # cross mode: each item's and bonus's mean
    cross: tuple[CrossSheet, ...]
    evidence: dict[str, int]  # items with evidence: how many pieces
    answer_hours: int
    own_unit: bool  # the verifier's own unit: the other of leader and deputy verifies it

    @property
    def ready(self) -> bool:
        """There is something to verify: a submitted sheet, or the others' sheets about it."""
        if self.mode is ScoringMode.CROSS:
            return self.final is not None
        return self.record is not None and self.record.status is SheetStatus.SUBMITTED

    @property
    def verified(self) -> bool:
        return self.record is not None and self.record.verified_at is not None

    def changes(self) -> list[Entry]:
        """The entries verification changed, in the criteria table's order."""
        if self.record is None:
            return []
        order = {code: index for index, code in enumerate(self.table.all_codes())}
        return sorted(self.record.changes(), key=lambda entry: order.get(entry.code, len(order)))

    def answer_due(self, entry: Entry) -> datetime | None:
        if entry.verified_at is None:
            return None
        return entry.verified_at + timedelta(hours=self.answer_hours)

    def awaiting(self, now: datetime) -> list[Entry]:
        """Changes the unit has not answered while it still may."""
        return [
            entry
            for entry in self.changes()
            if entry.answer is None and (due := self.answer_due(entry)) is not None and now <= due
        ]

    def explained(self) -> list[Entry]:
        return [entry for entry in self.changes() if entry.answer_text]

    def value(self, code: str) -> Decimal | None:
        """What the unit (or, in cross mode, the others' mean) gave the criterion."""
        if self.mode is ScoringMode.CROSS and code in self.means:
            return self.means[code]
        entry = self.record.entries.get(code) if self.record else None
        value = entry.own_value if entry else None
        if value is None and any(penalty.code == code for penalty in self.table.penalties):
            return Decimal(0)  # a penalty not declared did not happen
        return value


@dataclass(frozen=True)
class Board:
    cycle: Cycle
    mode: ScoringMode
    units: tuple[UnitReview, ...]
    published: bool

    @property
    def verified_count(self) -> int:
        return sum(review.verified for review in self.units)

    @property
    def ready_count(self) -> int:
        return sum(review.ready for review in self.units)


@dataclass(frozen=True)
class OpenItems:
    """What is still open before a ranking becomes final: shown when the leader publishes."""

    not_verified: tuple[Unit, ...]  # a sheet to verify, not marked verified
    leader_not_verified: bool  # among them the leader's own, which the deputy verifies
    awaiting: tuple[tuple[Unit, int], ...]  # changes the unit may still answer
    explained: tuple[tuple[Unit, int], ...]  # explanations the units gave
    missing: tuple[Unit, ...]  # nothing to rank: not submitted (or not scored by anyone)

    @property
    def clear(self) -> bool:
        return not (self.not_verified or self.awaiting)


def open_items(board: Board, leader_unit_id: int, now: datetime) -> OpenItems:
    not_verified = tuple(r.unit for r in board.units if r.ready and not r.verified)
    return OpenItems(
        not_verified=not_verified,
        leader_not_verified=any(unit.id == leader_unit_id for unit in not_verified),
        awaiting=tuple((r.unit, n) for r in board.units if (n := len(r.awaiting(now)))),
        explained=tuple((r.unit, n) for r in board.units if (n := len(r.explained()))),
        missing=tuple(r.unit for r in board.units if not r.ready),
    )


def cross_penalties(year: BlocYear, sheets: list[ScoreSheet], unit_id: int) -> dict[str, int]:
    """In cross mode the penalties are facts the leader verifies once per unit (kept on the
    unit's own record), counted when the bloc's rules say so."""
    if not year.rules.cross_penalties:
        return {}
    record = next((s for s in sheets if s.is_self and s.unit_id == unit_id), None)
    return record.final_occurrences() if record else {}


def read_value(table: CriteriaTable, code: str, text: str) -> Decimal:
    """A verified value as typed: an item's or bonus's points within its maximum, or how
    many times a penalty happened (a one-off penalty: "có" or "không", 1 or 0)."""
    found = table.find(code)
    if found is None:
        raise UnknownCriterion(code=code)
    return read_typed(found, text)
