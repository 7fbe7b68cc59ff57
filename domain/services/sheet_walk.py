"""The order an officer walks a criteria table in: items section by section, then bonus,
then penalties — and where to go next."""

from __future__ import annotations

from dataclasses import dataclass

from domain.criteria import CriteriaTable
from domain.sheets import EntryKind


@dataclass(frozen=True)
class Step:
    code: str
    kind: EntryKind
    section: str  # a section code, or "bonus" / "penalty"


def steps(table: CriteriaTable) -> list[Step]:
    walk = [Step(i.code, EntryKind.ITEM, s.code) for s in table.sections for i in s.items]
    walk += [Step(b.code, EntryKind.BONUS, "bonus") for b in table.bonus]
    walk += [Step(p.code, EntryKind.PENALTY, "penalty") for p in table.penalties]
    return walk


def neighbour(table: CriteriaTable, code: str, offset: int) -> str | None:
    codes = [step.code for step in steps(table)]
    if code not in codes:
        return None
    index = codes.index(code) + offset
    return codes[index] if 0 <= index < len(codes) else None


def first_in(table: CriteriaTable, section: str, done: set[str]) -> str | None:
    """The first step of a section not yet done, else its first step."""
    in_section = [step.code for step in steps(table) if step.section == section]
    return next(
        (code for code in in_section if code not in done), in_section[0] if in_section else None
    )
