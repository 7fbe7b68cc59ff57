"""Scoring rules: reading a score as officers type it, a sheet's totals, cross-scoring means.

Scores have at most one decimal; never above an item's maximum, never below zero. Final =
items + bonus (capped) − penalties, rounded half up to one decimal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from domain.criteria import CriteriaTable, Found
from domain.errors import (
    CountBelowZero,
    CountNotANumber,
    PenaltyNotYesNo,
    ScoreBelowZero,
    ScoreNotANumber,
    ScoreOutOfRange,
    ScoreSpacedDigits,
    ScoreTooManyDecimals,
)

__all__ = ["ScoreNotANumber", "ScoreOutOfRange", "ScoreTooManyDecimals"]

ONE_DECIMAL = Decimal("0.1")
ZERO = Decimal(0)
COUNT_LIMIT = 99
# What officers write after a number: "240đ", "240 điểm", "2 lần".
POINT_UNITS = ("điểm", "diem", "đ", "d")
COUNT_UNITS = ("lần", "lan")
YES = frozenset({"có", "co", "1", "yes"})
NO = frozenset({"không", "khong", "ko", "0", "no"})
_SIGN_SPACE = re.compile(r"^([+-])\s+")


def round1(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _bare(text: str, units: tuple[str, ...]) -> str:
    """The typed number without its unit and the spaces around, "- 5" joined as "-5"."""
    shown = unicodedata.normalize("NFC", text).strip()
    folded = shown.casefold()
    for unit in units:
        if folded.endswith(unit) and len(folded) > len(unit):
            shown = shown[: -len(unit)].rstrip()
            break
    return _SIGN_SPACE.sub(r"\1", shown)


def parse_points(text: str, max_points: Decimal) -> Decimal:
    """ "8,5", "8.5", " 9 " and "240đ" are scores; "8,55", "abc", "-1", "2 4 0" and over the
    maximum are not."""
    shown = text.strip()
    cleaned = _bare(text, POINT_UNITS)
    if any(char.isspace() for char in cleaned):  # "2 4 0": 240, or 2 and 40?
        joined = "".join(cleaned.split())
        raise ScoreSpacedDigits(text=shown, joined=joined, max=max_points)
    cleaned = cleaned.replace(",", ".")
    unsigned = cleaned[1:] if cleaned.startswith("-") else cleaned
    whole, _, fraction = unsigned.partition(".")
    if not (whole + fraction).isascii() or not whole.isdecimal() or len(whole) > 6:
        raise ScoreNotANumber(text=shown, max=max_points)
    if fraction and not fraction.isdecimal():
        raise ScoreNotANumber(text=shown, max=max_points)
    value = Decimal(cleaned) + ZERO  # "+ 0" turns "-0" into 0
    if value < ZERO:
        raise ScoreBelowZero(text=shown, max=max_points)
    if value > max_points:
        raise ScoreOutOfRange(value=value, max=max_points)
    if len(fraction.rstrip("0")) > 1:
        raise ScoreTooManyDecimals(text=shown, max=max_points)
    return value


def parse_count(text: str, limit: int = COUNT_LIMIT) -> int:
    """How many times a per-occurrence penalty happened: a whole number from 0."""
    cleaned = _bare(text, COUNT_UNITS)
    if cleaned.startswith("-") and cleaned[1:].isascii() and cleaned[1:].isdecimal():
        if int(cleaned[1:]):
            raise CountBelowZero(text=text.strip())
        cleaned = "0"
    if not (cleaned.isascii() and cleaned.isdecimal()) or int(cleaned) > limit:
        raise CountNotANumber(text=text.strip(), max=limit)
    return int(cleaned)


def parse_yes_no(text: str, points: Decimal) -> int:
    """A one-off penalty: it happened ("có", 1) or not ("không", 0), never a count."""
    word = unicodedata.normalize("NFC", text).strip().rstrip(".!").casefold()
    if word in YES:
        return 1
    if word in NO:
        return 0
    raise PenaltyNotYesNo(text=text.strip(), points=points)


def read_typed(found: Found, text: str) -> Decimal:
    """What an officer typed for a criterion: points within its maximum, or for a penalty
    how many times it happened (a one-off penalty: yes or no, stored as 1 or 0)."""
    if found.kind != "penalty":
        return parse_points(text, found.points)
    if found.per_occurrence:
        return Decimal(parse_count(text))
    return Decimal(parse_yes_no(text, found.points))


def example_score(maximum: Decimal) -> Decimal:
    """A score an officer might type for this criterion, in its own range: 216 for a
    240-point item, 9,5 for a 10-point one."""
    if maximum >= 20:
        return (maximum * Decimal("0.9")).to_integral_value()
    return max(maximum - Decimal("0.5"), ZERO)


@dataclass(frozen=True)
class SheetTotals:
    sections: Mapping[str, Decimal]
    items: Decimal
    bonus: Decimal  # after the cap
    bonus_claimed: Decimal  # before the cap
    penalties: Decimal
    final: Decimal
    scored_items: int
    item_count: int

    @property
    def complete(self) -> bool:
        return self.scored_items == self.item_count


def totals(
    table: CriteriaTable,
    items: Mapping[str, Decimal],
    bonus: Mapping[str, Decimal] | None = None,
    penalties: Mapping[str, int] | None = None,
) -> SheetTotals:
    """Totals of one sheet. `items` and `bonus` map criterion codes to points; `penalties`
    maps penalty codes to occurrences (a one-off penalty counts once whatever the number)."""
    bonus = bonus or {}
    penalties = penalties or {}
    sections = {
        section.code: sum((items.get(item.code, ZERO) for item in section.items), ZERO)
        for section in table.sections
    }
    item_total = sum(sections.values(), ZERO)
    claimed = sum((bonus.get(item.code, ZERO) for item in table.bonus), ZERO)
    capped = claimed if table.bonus_cap is None else min(claimed, table.bonus_cap)
    deducted = ZERO
    for penalty in table.penalties:
        times = penalties.get(penalty.code, 0)
        if times > 0:
            deducted += penalty.points * (times if penalty.per_occurrence else 1)
    codes = {item.code for section in table.sections for item in section.items}
    return SheetTotals(
        sections=sections,
        items=round1(item_total),
        bonus=round1(capped),
        bonus_claimed=round1(claimed),
        penalties=round1(deducted),
        final=round1(item_total + capped - deducted),
        scored_items=len(codes & items.keys()),
        item_count=len(codes),
    )


def cross_scores(
    scores_by_scorer: Mapping[int, Mapping[int, Mapping[str, Decimal]]], unit_id: int
) -> dict[str, Decimal]:
    """In cross mode an item's score is the mean of the other units' scores for it; the
    unit's own scoring of itself, if any slipped in, is left out. Rounded to one decimal."""
    collected: dict[str, list[Decimal]] = {}
    for scorer, by_unit in scores_by_scorer.items():
        if scorer == unit_id:
            continue
        for code, points in by_unit.get(unit_id, {}).items():
            collected.setdefault(code, []).append(points)
    return {code: round1(sum(values, ZERO) / len(values)) for code, values in collected.items()}


def bonus_over_cap(table: CriteriaTable, bonus: Mapping[str, Decimal]) -> bool:
    return table.bonus_cap is not None and sum(bonus.values(), ZERO) > table.bonus_cap
