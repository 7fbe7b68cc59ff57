"""A unit's score sheet for one cycle: its entries, its state, and the verified changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from domain.criteria import CriteriaTable
from domain.scoring import SheetTotals, totals
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


@dataclass
class Entry:
    """One criterion on one sheet. Kept as its own row, so two officers of a unit scoring
    different items at once never overwrite each other."""

    code: str
    kind: EntryKind
    points: Decimal | None = None  # items and bonus
    occurrences: int | None = None  # penalties
    verified: Decimal | None = None  # set by the leader or deputy
    verify_reason: str = ""
    note: str = ""
    updated_by: int | None = None
    updated_at: datetime | None = None
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

    @property
    def is_self(self) -> bool:
        return self.unit_id == self.scorer_unit_id

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

    def self_totals(self, table: CriteriaTable) -> SheetTotals:
        items, bonus = self.own_points(EntryKind.ITEM), self.own_points(EntryKind.BONUS)
        return totals(table, items, bonus, self.occurrences())

    def final_totals(self, table: CriteriaTable) -> SheetTotals:
        items, bonus = self.final_points(EntryKind.ITEM), self.final_points(EntryKind.BONUS)
        return totals(table, items, bonus, self.occurrences())
