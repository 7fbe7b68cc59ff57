"""A unit's score sheet for one cycle: its entries, its state, and the verified changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from domain.criteria import CriteriaTable
from domain.scoring import SheetTotals, cross_scores, totals
from domain.summary import Cycle

# Evidence the bloc keeps: photos, PDFs and office documents, up to Telegram's 20 MB for bots.
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
EVIDENCE_TYPES = frozenset(
    {
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "image/jpeg",
        "image/png",
    }
)
NOTE_MAX_CHARS = 2000


class SheetStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class EntryKind(StrEnum):
    ITEM = "item"
    BONUS = "bonus"
    PENALTY = "penalty"


class EntrySource(StrEnum):
    """Where an entry's value came from: the unit typed it, or it stands until the unit
    changes it — filled in by the bot from what it knows, or copied from last period."""

    TYPED = "typed"
    BOT = "bot"  # "bot đã điền"
    COPIED = "copied"  # from the mid-year sheet, or last year's annual one


class Answer(StrEnum):
    """How the unit answered a verification change (domain.md: verification closes a loop)."""

    AGREED = "agreed"  # đồng ý
    EXPLAINED = "explained"  # giải trình, with a text


@dataclass
class Entry:
    """One criterion on one sheet. Kept as its own row, so two officers of a unit scoring
    different items at once never overwrite each other."""

    code: str
    kind: EntryKind
    points: Decimal | None = None  # items and bonus
    occurrences: int | None = None  # penalties
    verified: Decimal | None = None  # set by the leader or deputy (items, bonus)
    verify_reason: str = ""
    note: str = ""
    updated_by: int | None = None
    updated_at: datetime | None = None
    verified_occurrences: int | None = None  # a penalty as verified
    verified_at: datetime | None = None
    verified_by: int | None = None
    answer: Answer | None = None  # the unit's answer to the change
    answer_text: str = ""
    answered_at: datetime | None = None
    answered_by: int | None = None
    source: EntrySource = EntrySource.TYPED

    @property
    def own_value(self) -> Decimal | None:
        """What the unit entered: points, or for a penalty its occurrences."""
        if self.kind is EntryKind.PENALTY:
            return None if self.occurrences is None else Decimal(self.occurrences)
        return self.points

    @property
    def verified_value(self) -> Decimal | None:
        if self.kind is EntryKind.PENALTY:
            count = self.verified_occurrences
            return None if count is None else Decimal(count)
        return self.verified

    @property
    def changed(self) -> bool:
        """The verification set a value other than the unit's own."""
        verified = self.verified_value
        return verified is not None and verified != (self.own_value or Decimal(0))

    # Raised by every save: what a page compares before it writes. Bookkeeping, not part of
    # what the entry says, so two entries with the same values are equal whatever it is.
    version: int = field(default=0, compare=False)


@dataclass
class Evidence:
    code: str
    kind: str  # photo | document | note
    reference: str  # the platform's file id or URL; for a note, the text
    name: str = ""
    size: int = 0
    added_by: int | None = None
    added_at: datetime | None = None
    id: int | None = None
    mime_type: str = ""  # checked when added; the platform keeps the file itself
    channel: str = ""  # the channel it came through, whose reference this is


@dataclass
class ScoreSheet:
    bloc_year_id: int
    unit_id: int  # the unit scored
    scorer_unit_id: int  # the same unit, or another one in cross mode
    cycle: Cycle
    status: SheetStatus = SheetStatus.DRAFT
    entries: dict[str, Entry] = field(default_factory=dict)
    submitted_at: datetime | None = None
    submitted_by: int | None = None
    id: int | None = None
    verified_at: datetime | None = None  # the leader's (or deputy's) "verified" mark
    verified_by: int | None = None
    reopened_until: datetime | None = None  # reopened for this unit past the window's close
    reopen_reason: str = ""

    @property
    def is_self(self) -> bool:
        return self.unit_id == self.scorer_unit_id

    def changes(self) -> list[Entry]:
        """The entries the verification changed (in no particular order)."""
        return [entry for entry in self.entries.values() if entry.changed]

    def own_points(self, kind: EntryKind) -> dict[str, Decimal]:
        return {
            e.code: e.points
            for e in self.entries.values()
            if e.kind is kind and e.points is not None
        }

    def final_points(self, kind: EntryKind) -> dict[str, Decimal]:
        """The verified value where the leader changed one, else the unit's own."""
        result = self.own_points(kind)
        for entry in self.entries.values():
            if entry.kind is kind and entry.verified is not None:
                result[entry.code] = entry.verified
        return result

    def occurrences(self) -> dict[str, int]:
        return {
            e.code: e.occurrences
            for e in self.entries.values()
            if e.kind is EntryKind.PENALTY and e.occurrences
        }

    def final_occurrences(self) -> dict[str, int]:
        """Penalties as verified where the leader changed one, else as the unit declared."""
        result = self.occurrences()
        for entry in self.entries.values():
            if entry.kind is EntryKind.PENALTY and entry.verified_occurrences is not None:
                result[entry.code] = entry.verified_occurrences
        return {code: count for code, count in result.items() if count}

    def self_totals(self, table: CriteriaTable) -> SheetTotals:
        items, bonus = self.own_points(EntryKind.ITEM), self.own_points(EntryKind.BONUS)
        return totals(table, items, bonus, self.occurrences())

    def final_totals(self, table: CriteriaTable) -> SheetTotals:
        items, bonus = self.final_points(EntryKind.ITEM), self.final_points(EntryKind.BONUS)
        return totals(table, items, bonus, self.final_occurrences())


def cross_means(sheets: list[ScoreSheet], unit_id: int) -> dict[str, Decimal] | None:
    """Cross mode: each item's and bonus's mean over the other units' submitted sheets about
    the unit; None while no other unit has submitted one."""
    by_scorer: dict[int, dict[int, dict[str, Decimal]]] = {}
    for sheet in sheets:
        if sheet.is_self or sheet.status is not SheetStatus.SUBMITTED:
            continue
        points = sheet.own_points(EntryKind.ITEM) | sheet.own_points(EntryKind.BONUS)
        by_scorer.setdefault(sheet.scorer_unit_id, {})[sheet.unit_id] = points
    if not any(unit_id in by_unit for by_unit in by_scorer.values()):
        return None
    return cross_scores(by_scorer, unit_id)


def split_bonus(
    table: CriteriaTable, points: Mapping[str, Decimal]
) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """Points by criterion code, as (items, bonus)."""
    bonus_codes = {criterion.code for criterion in table.bonus}
    items = {code: value for code, value in points.items() if code not in bonus_codes}
    return items, {code: value for code, value in points.items() if code in bonus_codes}


def mean_totals(
    table: CriteriaTable, means: Mapping[str, Decimal], penalties: Mapping[str, int]
) -> SheetTotals:
    items, bonus = split_bonus(table, means)
    return totals(table, items, bonus, penalties)
