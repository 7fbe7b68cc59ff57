"""Fast entry: a whole sheet at once — one message, or the unit's filled .xlsx form — and
last period's scores as a starting point. Everything is written as the per-item entries
scoring writes (domain.services.scoring), with the same protection: what a colleague changed
since the officer's screen showed it is never overwritten; they are told instead."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domain.criteria import CriteriaTable
from domain.errors import EntryProblem, EntryProblems, NothingToCopy
from domain.fast_entry import Typed, Written, carry_over, check
from domain.ports import UnitOfWork
from domain.services import audit, scoring
from domain.services.members import Membership
from domain.services.scoring import SheetView
from domain.sheets import Entry, EntryKind, EntrySource, ScoreSheet
from domain.summary import Cycle

Shown = Mapping[str, str]  # code → the value the officer's screen showed (absent: none)


@dataclass(frozen=True)
class Change:
    code: str
    kind: EntryKind
    old: Decimal | None
    new: Decimal


@dataclass(frozen=True)
class Entered:
    view: SheetView
    changes: tuple[Change, ...]
    unchanged: int  # entries written with the value they already had


@dataclass(frozen=True)
class Previous:
    """Last period's sheet: this year's mid-year one, or last year's annual one."""

    sheet: ScoreSheet
    table: CriteriaTable
    year: int


@dataclass(frozen=True)
class Copied:
    view: SheetView
    source: Previous
    copied: tuple[str, ...]
    kept: tuple[str, ...]  # already entered on this sheet: left as they were
    left_out: tuple[str, ...]  # no longer in the table as they were, or over its maximum


@dataclass(frozen=True)
class FastScreen:
    view: SheetView
    previous: Previous | None  # last period's sheet the unit may start from


async def open_fast(
    uow: UnitOfWork, member: Membership, sheet_id: int, now: datetime
) -> FastScreen:
    """The draft sheet ready for fast entry, and what it may be copied from."""
    sheet = await scoring.editable_sheet(uow, member, sheet_id, now)
    view = await scoring.view_of(uow, member.year, sheet)
    return FastScreen(view, await previous(uow, member, sheet))


def shown(sheet: ScoreSheet) -> dict[str, str]:
    """The sheet's values as a screen shows them, to tell later what changed meanwhile."""
    return {
        code: str(entry.own_value)
        for code, entry in sheet.entries.items()
        if entry.own_value is not None
    }


async def enter_sheet(
    uow: UnitOfWork,
    member: Membership,
    sheet_id: int,
    written: Sequence[Written],
    now: datetime,
    seen: Shown,
    via: str,
) -> Entered:
    """Record every entry written, or none: EntryProblems lists each line that cannot be
    recorded, the entries a colleague changed since `seen` among them."""
    sheet = await scoring.editable_sheet(uow, member, sheet_id, now)
    table = scoring.sheet_table(member.year)
    typed = check(table, written, sheet.own_points(EntryKind.BONUS))
    conflicts = [problem for t in typed if (problem := await _changed(uow, sheet, t, seen))]
    if conflicts:
        raise EntryProblems(conflicts)
    changes: list[Change] = []
    for item in typed:
        entry = sheet.entries.get(item.code) or Entry(item.code, item.kind)
        old = entry.own_value
        if old == item.value and entry.source is EntrySource.TYPED:
            continue
        scoring.set_own_value(entry, item.value, member.actor.officer_id, now)
        await uow.scores.save_entry(sheet_id, entry)
        sheet.entries[item.code] = entry
        if old != item.value:
            changes.append(Change(item.code, item.kind, old, item.value))
    await audit.record(uow, member.actor, "sheet.entered_at_once", "sheet", sheet_id, now,
                       via=via, entries=len(typed), changed=len(changes))  # fmt: skip
    view = await scoring.view_of(uow, member.year, sheet)
    return Entered(view, tuple(changes), len(typed) - len(changes))


async def _changed(
    uow: UnitOfWork, sheet: ScoreSheet, typed: Typed, seen: Shown
) -> EntryProblem | None:
    entry = sheet.entries.get(typed.code)
    current = entry.own_value if entry else None
    before = seen.get(typed.code)
    if current == (None if before is None else Decimal(before)):
        return None
    by = await scoring.changed_by(uow, entry) if entry else ""
    bot = entry is not None and entry.source is EntrySource.BOT
    values = (("code", typed.code), ("value", current), ("by", by), ("bot", bot))
    return EntryProblem(typed.place, typed.text, "changed-meanwhile", values)


async def previous(uow: UnitOfWork, member: Membership, sheet: ScoreSheet) -> Previous | None:
    """The sheet last period's scores come from, if the unit has one with values."""
    year = member.year
    assert year.id is not None and member.bloc.id is not None
    if sheet.cycle is Cycle.ANNUAL:
        midyear = await uow.scores.find_sheet(
            year.id, sheet.unit_id, sheet.scorer_unit_id, Cycle.MIDYEAR
        )
        if midyear is not None and year.criteria is not None and shown(midyear):
            return Previous(midyear, year.criteria, year.year)
    last = await uow.blocs.year(member.bloc.id, year.year - 1)
    if last is None or last.id is None or last.criteria is None:
        return None
    annual = await uow.scores.find_sheet(last.id, sheet.unit_id, sheet.scorer_unit_id, Cycle.ANNUAL)
    return Previous(annual, last.criteria, last.year) if annual and shown(annual) else None


async def copy_previous(
    uow: UnitOfWork, member: Membership, sheet_id: int, now: datetime
) -> Copied:
    """Last period's values into this draft, marked as copied and the unit's to change;
    never over anything already entered."""
    sheet = await scoring.editable_sheet(uow, member, sheet_id, now)
    table = scoring.sheet_table(member.year)
    source = await previous(uow, member, sheet)
    if source is None:
        raise NothingToCopy(cycle=sheet.cycle.value)
    plan = carry_over(table, source.table, source.sheet, sheet)
    for item in plan.values:
        entry = sheet.entries.get(item.code) or Entry(item.code, item.kind)
        scoring.set_own_value(entry, item.value, member.actor.officer_id, now, EntrySource.COPIED)
        await uow.scores.save_entry(sheet_id, entry)
        sheet.entries[item.code] = entry
    copied = tuple(item.code for item in plan.values)
    await audit.record(uow, member.actor, "sheet.copied", "sheet", sheet_id, now,
                       source=source.sheet.id, copied=len(copied))  # fmt: skip
    view = await scoring.view_of(uow, member.year, sheet)
    return Copied(view, source, copied, plan.kept, plan.left_out)
