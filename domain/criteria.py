"""The criteria table (bảng tiêu chí): sections of items with maximum points, bonus, penalties."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class PenaltyFact(StrEnum):
    """What a penalty is about, when the bot itself knows it (a penalty's `fact:` tag): it
    fills the penalty in on each unit's sheet, marked as its own, and the unit may change it."""

    COVENANT_UNSIGNED = "covenant_unsigned"  # not registered, covenant not signed in time
    CONFERENCE_ABSENCE = "conference_absence"  # a conference the unit said it would miss
    LATE_REPORT = "late_report"  # a pledge or a sheet submitted after its window


@dataclass(frozen=True)
class Criterion:
    code: str
    title: str
    max_points: Decimal


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    items: tuple[Criterion, ...]

    @property
    def max_points(self) -> Decimal:
        return sum((item.max_points for item in self.items), Decimal(0))


@dataclass(frozen=True)
class Penalty:
    code: str
    title: str
    points: Decimal
    per_occurrence: bool = False
    fact: PenaltyFact | None = None


@dataclass(frozen=True)
class Found:
    """A criterion looked up by code: what kind it is, its title and its points (the
    maximum of an item or bonus, the deduction of a penalty)."""

    kind: str  # item | bonus | penalty
    title: str
    points: Decimal
    per_occurrence: bool = False  # a penalty counted each time it happened


@dataclass(frozen=True)
class CriteriaTable:
    scale: Decimal
    sections: tuple[Section, ...]
    bonus_cap: Decimal | None = None  # None: no cap; 0: bonus points do not count
    bonus: tuple[Criterion, ...] = field(default=())
    penalties: tuple[Penalty, ...] = field(default=())

    @property
    def items_total(self) -> Decimal:
        return sum((section.max_points for section in self.sections), Decimal(0))

    @property
    def item_count(self) -> int:
        return sum(len(section.items) for section in self.sections)

    def find(self, code: str) -> Found | None:
        for section in self.sections:
            for item in section.items:
                if item.code == code:
                    return Found("item", item.title, item.max_points)
        for bonus in self.bonus:
            if bonus.code == code:
                return Found("bonus", bonus.title, bonus.max_points)
        for penalty in self.penalties:
            if penalty.code == code:
                return Found("penalty", penalty.title, penalty.points, penalty.per_occurrence)
        return None

    def code_of(self, typed: str) -> str | None:
        """The table's code for what an officer typed: "a1" or " A1 " is "A1"."""
        cleaned = typed.strip()
        codes = self.all_codes()
        if cleaned in codes:
            return cleaned
        return next((code for code in codes if code.casefold() == cleaned.casefold()), None)

    def all_codes(self) -> list[str]:
        codes = [item.code for section in self.sections for item in section.items]
        codes += [item.code for item in self.bonus]
        codes += [penalty.code for penalty in self.penalties]
        return codes
