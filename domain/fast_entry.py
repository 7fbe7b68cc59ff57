"""A whole sheet entered at once: typed in one message ("1.1 180; 1.2 108; 6.1 không", or one
code and score per line) or written in the score column of the sheet's .xlsx form.

Every line is read with the rules of one entry typed alone (domain.scoring) and checked
against the criteria table before anything is recorded: one problem anywhere and nothing is
written, and every problem is listed with its line, so the unit corrects them in one go."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.criteria import CriteriaTable, Found
from domain.errors import DomainError, EntryProblem, EntryProblems
from domain.scoring import COUNT_LIMIT, ZERO, bonus_over_cap, read_typed
from domain.sheets import EntryKind, ScoreSheet

# Entries are split at a newline or a semicolon; a list's bullet ("- ", "• ") is dropped.
_SEPARATOR = re.compile(r"[;\n]")
_BULLET = re.compile(r"^[-•*+]\s+")
# The code runs to the first space, ":" or "="; the rest is the value ("A1: 240", "A1=240",
# "A1 – 240"). A dash between spaces parts them too; "A1 -5" is a score below zero.
_LINE = re.compile(r"^(?P<code>[^\s:=]+)\s*(?:[:=–—]|-(?=\s))?\s*(?P<value>.*)$", re.DOTALL)
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Written:
    """One entry as written: its place (its line, or the .xlsx row), the code and the value
    as they stand, and the text to quote back when it has a problem."""

    place: int
    code: str
    value: str
    text: str


@dataclass(frozen=True)
class Typed:
    """One entry read and checked: the criteria table's own code and the value (points, or
    a penalty's occurrences)."""

    place: int
    code: str
    kind: EntryKind
    value: Decimal
    text: str = ""


def is_sheet_message(table: CriteriaTable, text: str) -> bool:
    """Typed at one item's prompt: entries of the sheet rather than the item's score —
    several lines or a ";", or one entry whose code is not itself a number ("A1 240"; but
    "1.1 200" may be a mistyped score, and is refused as one rather than guessed)."""
    if _SEPARATOR.search(text.strip()):
        return True
    written = split_message(text)
    if len(written) != 1 or not written[0].value:
        return False
    code = written[0].code
    return table.code_of(code) is not None and _NUMBER.fullmatch(code) is None


def split_message(text: str) -> list[Written]:
    """The entries of a message, numbered from 1 as they come (blank ones left out)."""
    pieces = [_BULLET.sub("", piece.strip()) for piece in _SEPARATOR.split(text)]
    written = []
    for place, piece in enumerate((piece for piece in pieces if piece), start=1):
        match = _LINE.match(piece)
        assert match is not None  # a non-empty piece always has a first word
        written.append(Written(place, match["code"], match["value"].strip(), piece))
    return written


def check(
    table: CriteriaTable, written: Sequence[Written], bonus_kept: Mapping[str, Decimal]
) -> list[Typed]:
    """Every entry read and checked, or EntryProblems listing each line that cannot be
    recorded. `bonus_kept` is the bonus already on the sheet: with what is written, the
    bonus may not pass its cap."""
    problems: list[EntryProblem] = []
    typed: list[Typed] = []
    first: dict[str, int] = {}
    for line in written:
        code = table.code_of(line.code) if line.code else None
        found = table.find(code) if code else None
        if not line.code or code is None or found is None:
            problems.append(_problem(line, "unknown-code" if line.code else "missing-code"))
            continue
        if code in first:
            problems.append(_problem(line, "twice", code=code, first=first[code]))
            continue
        first[code] = line.place
        if not line.value:
            problems.append(_problem(line, "missing-value", code=code, kind=found.kind))
            continue
        try:
            value = read_typed(found, line.value)
        except DomainError as error:
            problems.append(_problem(line, error.code, code=code, **error.values))
            continue
        typed.append(Typed(line.place, code, EntryKind(found.kind), value, line.text))
    bonus = dict(bonus_kept) | {t.code: t.value for t in typed if t.kind is EntryKind.BONUS}
    if bonus_over_cap(table, bonus):
        claimed = _values(cap=table.bonus_cap, claimed=sum(bonus.values(), ZERO))
        problems.append(EntryProblem(0, "", "bonus-over-cap", claimed))
    if not written:
        problems.append(EntryProblem(0, "", "nothing-written"))
    if problems:
        raise EntryProblems(problems)
    return typed


def _problem(line: Written, reason: str, **values: object) -> EntryProblem:
    return EntryProblem(line.place, line.text, reason, _values(written=line.code, **values))


def _values(**values: object) -> tuple[tuple[str, object], ...]:
    return tuple(values.items())


@dataclass(frozen=True)
class CarryOver:
    """Last period's values as this sheet's starting point."""

    values: tuple[Typed, ...]  # to write, marked as copied
    kept: tuple[str, ...]  # already entered here: never overwritten
    left_out: tuple[str, ...]  # not in this table, of another kind, or over its maximum now


def carry_over(
    table: CriteriaTable,
    previous_table: CriteriaTable,
    previous: ScoreSheet,
    current: ScoreSheet,
) -> CarryOver:
    """What last period's sheet gives this one: each value as it ended (verified where the
    leader changed it), matched by code, where this sheet has nothing yet."""
    values: list[Typed] = []
    kept: list[str] = []
    left_out: list[str] = []
    order = {code: index for index, code in enumerate(previous_table.all_codes())}
    for code in sorted(previous.entries, key=lambda code: order.get(code, len(order))):
        entry = previous.entries[code]
        value = entry.verified_value if entry.verified_value is not None else entry.own_value
        if value is None:
            continue
        found = _fitting(table, previous_table, code, value)
        now_entry = current.entries.get(code)
        if now_entry is not None and now_entry.own_value is not None:
            kept.append(code)
        elif found is None:
            left_out.append(code)
        else:
            values.append(Typed(0, code, EntryKind(found.kind), value))
    bonus = current.own_points(EntryKind.BONUS)
    bonus |= {t.code: t.value for t in values if t.kind is EntryKind.BONUS}
    if bonus_over_cap(table, bonus):  # this year's cap is lower: the bonus is left to the unit
        left_out += [t.code for t in values if t.kind is EntryKind.BONUS]
        values = [t for t in values if t.kind is not EntryKind.BONUS]
    return CarryOver(tuple(values), tuple(kept), tuple(left_out))


def _fitting(
    table: CriteriaTable, previous_table: CriteriaTable, code: str, value: Decimal
) -> Found | None:
    """The criterion of this table the value carries over to: the same code, of the same
    kind, and the value within its maximum (a one-off penalty: 0 or 1)."""
    found, before = table.find(code), previous_table.find(code)
    if found is None or before is None or found.kind != before.kind:
        return None
    if found.kind != "penalty":
        largest = found.points
    else:
        largest = Decimal(COUNT_LIMIT if found.per_occurrence else 1)
    return found if value <= largest else None
