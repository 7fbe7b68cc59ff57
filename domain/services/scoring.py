"""Scoring a unit: open its sheet in the open window, enter items, bonus and penalties,
submit; the leader and deputy verify. In cross mode every unit scores the others."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from domain.criteria import CriteriaTable
from domain.errors import (
    BonusOverCap,
    EntryChangedMeanwhile,
    EvidenceNoteInvalid,
    EvidenceTooLarge,
    EvidenceType,
    NoCriteriaTable,
    NotAMember,
    OwnUnitInCrossMode,
    ScoringClosed,
    SheetIncomplete,
    SheetSubmitted,
    StaleAction,
    UnknownCriterion,
)
from domain.known_facts import Known
from domain.model import BlocYear, Unit
from domain.policy import Permission, require
from domain.ports import UnitOfWork
from domain.scoring import SheetTotals, bonus_over_cap, read_typed
from domain.services import audit
from domain.services.known_facts import fill_known
from domain.services.members import Membership
from domain.settings import ScoringMode
from domain.sheets import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_TYPES,
    NOTE_MAX_CHARS,
    Entry,
    EntryKind,
    EntrySource,
    Evidence,
    ScoreSheet,
    SheetStatus,
)
from domain.summary import Cycle
from domain.windows import WindowKind, WindowTimes, window_times

UNCHANGED = object()  # "the caller did not say what it saw"


@dataclass(frozen=True)
class SheetView:
    sheet: ScoreSheet
    table: CriteriaTable
    unit: Unit
    scorer: Unit
    window: WindowTimes
    totals: SheetTotals  # the unit's own figures
    final: SheetTotals  # after verification
    filled: tuple[Known, ...] = ()  # penalties the bot has just filled in from its records

    @property
    def editable(self) -> bool:
        return self.sheet.status is SheetStatus.DRAFT


def cycle_window(year: BlocYear, cycle: Cycle) -> WindowTimes:
    return window_times(year.calendar, WindowKind(cycle.value), year.year)


def open_cycle(year: BlocYear, now: datetime) -> Cycle | None:
    """The cycle whose window is open now, if any (annual first: it is the one that counts)."""
    for cycle in (Cycle.ANNUAL, Cycle.MIDYEAR):
        if cycle_window(year, cycle).is_open(now):
            return cycle
    return None


def current_cycle(year: BlocYear, now: datetime) -> Cycle:
    """The open cycle, or ScoringClosed naming the next window (or the last one, if the
    year's windows are all past)."""
    cycle = open_cycle(year, now)
    if cycle is not None:
        return cycle
    windows = sorted((cycle_window(year, c) for c in Cycle), key=lambda w: w.opens_at)
    coming = [w for w in windows if w.opens_at > now]
    _check_window(year, Cycle((coming[0] if coming else windows[-1]).kind.value), now)
    raise AssertionError("unreachable: the window was closed")


def reporting_cycle(year: BlocYear, now: datetime) -> Cycle:
    """The cycle a ranking is asked about: the annual one once its window has opened."""
    return Cycle.ANNUAL if now >= cycle_window(year, Cycle.ANNUAL).opens_at else Cycle.MIDYEAR


async def own_result(uow: UnitOfWork, member: Membership, cycle: Cycle) -> SheetView | None:
    """The member unit's own sheet for the cycle, if it has one (what it may see before the
    ranking is published)."""
    unit = member.unit
    if unit is None or unit.id is None or member.year.id is None:
        return None
    if member.year.rules.scoring_mode is ScoringMode.CROSS:
        return None  # the others score it; its own record holds only verified penalties
    sheet = await uow.scores.find_sheet(member.year.id, unit.id, unit.id, cycle)
    if sheet is None:
        return None
    return await view_of(uow, member.year, sheet)


async def open_sheet(
    uow: UnitOfWork,
    member: Membership,
    cycle: Cycle,
    now: datetime,
    unit_id: int | None = None,
) -> SheetView:
    """The sheet the member's unit fills in: its own, or in cross mode another unit's."""
    require(member.actor, Permission.SCORE, member.year)
    scorer = _own_unit(member)
    target_id = scorer.id if unit_id is None else unit_id
    assert target_id is not None and member.year.id is not None
    if target_id not in member.year.member_unit_ids:
        raise NotAMember(bloc=member.bloc.name, year=member.year.year)
    cross = member.year.rules.scoring_mode is ScoringMode.CROSS
    if cross and target_id == scorer.id:
        raise OwnUnitInCrossMode()
    if not cross and target_id != scorer.id:
        raise NotAMember(bloc=member.bloc.name, year=member.year.year)
    window = _check_window(member.year, cycle, now)
    sheet = await uow.scores.find_sheet(member.year.id, target_id, scorer.id or 0, cycle)
    if sheet is None:
        sheet = await uow.scores.save_sheet(
            ScoreSheet(member.year.id, target_id, scorer.id or 0, cycle)
        )
    filled = await fill_known(uow, member, sheet, sheet_table(member.year), now)
    return replace(await view_of(uow, member.year, sheet, window), filled=tuple(filled))


async def sheet_view(uow: UnitOfWork, member: Membership, sheet_id: int) -> SheetView:
    sheet = await _sheet(uow, member, sheet_id)
    return await view_of(uow, member.year, sheet)


async def set_entry(
    uow: UnitOfWork,
    member: Membership,
    sheet_id: int,
    code: str,
    text: str,
    now: datetime,
    seen: object = UNCHANGED,
    version: int | None = None,
) -> SheetView:
    """Record one score. `seen` is the value the officer was shown (`version`, the entry's
    version, where a page keeps it): when another officer of the unit changed it since,
    nothing is overwritten and they are told."""
    sheet = await editable_sheet(uow, member, sheet_id, now)
    table = sheet_table(member.year)
    found = table.find(code)
    if found is None:
        raise UnknownCriterion(code=code)
    entry = sheet.entries.get(code) or Entry(code, EntryKind(found.kind))
    current = entry.occurrences if entry.kind is EntryKind.PENALTY else entry.points
    changed = seen is not UNCHANGED and seen != current
    if changed or (version is not None and version != entry.version):
        by, bot = await changed_by(uow, entry), entry.source is EntrySource.BOT
        raise EntryChangedMeanwhile(item=code, value=current, by=by, bot=bot)
    value = read_typed(found, text)
    if entry.kind is EntryKind.BONUS:
        claimed = sheet.own_points(EntryKind.BONUS) | {code: value}
        if bonus_over_cap(table, claimed):
            raise BonusOverCap(cap=table.bonus_cap)
    set_own_value(entry, value, member.actor.officer_id, now)
    await uow.scores.save_entry(sheet_id, entry)
    sheet.entries[code] = entry
    return await view_of(uow, member.year, sheet)


def set_own_value(
    entry: Entry,
    value: Decimal,
    by: int | None,
    now: datetime,
    source: EntrySource = EntrySource.TYPED,
) -> None:
    """The unit's value of an entry: points, or a penalty's occurrences."""
    if entry.kind is EntryKind.PENALTY:
        entry.occurrences = int(value)
    else:
        entry.points = value
    entry.updated_by, entry.updated_at, entry.source = by, now, source


async def changed_by(uow: UnitOfWork, entry: Entry) -> str:
    """Who last wrote the entry, as a colleague who changed it meanwhile is named ("" for
    the bot's own filling)."""
    officer = await uow.people.officer(entry.updated_by) if entry.updated_by else None
    return officer.full_name if officer else ""


async def add_evidence(
    uow: UnitOfWork,
    member: Membership,
    sheet_id: int,
    evidence: Evidence,
    now: datetime,
) -> SheetView:
    """Attach a photo, document or note to an item of a draft sheet."""
    sheet = await editable_sheet(uow, member, sheet_id, now)
    if sheet_table(member.year).find(evidence.code) is None:
        raise UnknownCriterion(code=evidence.code)
    if evidence.kind == "note":
        if not evidence.reference.strip() or len(evidence.reference) > NOTE_MAX_CHARS:
            raise EvidenceNoteInvalid(max=NOTE_MAX_CHARS)
    elif evidence.size > EVIDENCE_MAX_BYTES:
        raise EvidenceTooLarge(max_mb=EVIDENCE_MAX_BYTES // (1024 * 1024))
    elif evidence.kind == "document" and evidence.mime_type not in EVIDENCE_TYPES:
        raise EvidenceType(name=evidence.name)
    evidence.added_by, evidence.added_at = member.actor.officer_id, now
    await uow.scores.add_evidence(sheet_id, evidence)
    await audit.record(
        uow, member.actor, "evidence.added", "sheet", sheet_id, now,
        item=evidence.code, kind=evidence.kind, name=evidence.name,
    )  # fmt: skip
    return await view_of(uow, member.year, sheet)


async def sheet_evidence(uow: UnitOfWork, member: Membership, sheet_id: int) -> list[Evidence]:
    """What is attached to a sheet the member's unit fills in (its own or, crossing, another's)."""
    await _sheet(uow, member, sheet_id)
    return await uow.scores.evidence(sheet_id)


async def remove_evidence(
    uow: UnitOfWork, member: Membership, sheet_id: int, evidence_id: int, now: datetime
) -> Evidence:
    """Take a piece of evidence off a draft sheet; what it was stays in the audit log."""
    sheet = await editable_sheet(uow, member, sheet_id, now)
    found = next((e for e in await uow.scores.evidence(sheet_id) if e.id == evidence_id), None)
    if found is None or not await uow.scores.remove_evidence(sheet_id, evidence_id):
        raise StaleAction()
    await audit.record(
        uow, member.actor, "evidence.removed", "sheet", sheet.id, now,
        item=found.code, kind=found.kind, name=found.name,
    )  # fmt: skip
    return found


async def evidence_count(uow: UnitOfWork, sheet_id: int, code: str) -> int:
    return (await uow.scores.evidence_counts(sheet_id)).get(code, 0)


async def submit(uow: UnitOfWork, member: Membership, sheet_id: int, now: datetime) -> SheetView:
    sheet = await editable_sheet(uow, member, sheet_id, now)
    table = sheet_table(member.year)
    items = sheet.own_points(EntryKind.ITEM)
    missing = [i.code for s in table.sections for i in s.items if i.code not in items]
    if missing:
        raise SheetIncomplete(count=len(missing), items=", ".join(missing))
    sheet.status, sheet.submitted_at = SheetStatus.SUBMITTED, now
    sheet.submitted_by = member.actor.officer_id
    await uow.scores.save_sheet(sheet)
    final = sheet.self_totals(table).final
    await audit.record(
        uow, member.actor, "sheet.submitted", "sheet", sheet.id, now,
        unit=sheet.unit_id, cycle=sheet.cycle.value, total=str(final),
    )  # fmt: skip
    return await view_of(uow, member.year, sheet)


def _check_window(year: BlocYear, cycle: Cycle, now: datetime) -> WindowTimes:
    window = cycle_window(year, cycle)
    if not window.is_open(now):
        raise ScoringClosed(
            cycle=cycle.value, opens_at=window.opens_at, closes_at=window.closes_at,
            year=year.year, before=now < window.opens_at,
        )  # fmt: skip
    return window


async def editable_sheet(
    uow: UnitOfWork, member: Membership, sheet_id: int, now: datetime
) -> ScoreSheet:
    require(member.actor, Permission.SCORE, member.year)
    sheet = await _sheet(uow, member, sheet_id)
    if sheet.status is SheetStatus.SUBMITTED:
        raise SheetSubmitted(at=sheet.submitted_at)
    if sheet.reopened_until is None or now > sheet.reopened_until:
        _check_window(member.year, sheet.cycle, now)  # a reopened sheet keeps its own time
    return sheet


async def _sheet(
    uow: UnitOfWork, member: Membership, sheet_id: int, any_unit: bool = False
) -> ScoreSheet:
    """A sheet of this bloc year that the member may touch; anything else is a stale button."""
    sheet = await uow.scores.sheet(sheet_id)
    if sheet is None or sheet.bloc_year_id != member.year.id:
        raise StaleAction()
    if not any_unit and (member.unit is None or sheet.scorer_unit_id != member.unit.id):
        raise StaleAction()
    return sheet


async def view_of(
    uow: UnitOfWork, year: BlocYear, sheet: ScoreSheet, window: WindowTimes | None = None
) -> SheetView:
    table = sheet_table(year)
    window = window or cycle_window(year, sheet.cycle)
    unit, scorer = await uow.blocs.unit(sheet.unit_id), await uow.blocs.unit(sheet.scorer_unit_id)
    assert unit is not None and scorer is not None
    totals, final = sheet.self_totals(table), sheet.final_totals(table)
    return SheetView(sheet, table, unit, scorer, window, totals, final)


def sheet_table(year: BlocYear) -> CriteriaTable:
    if year.criteria is None:
        raise NoCriteriaTable(year=year.year)
    return year.criteria


def _own_unit(member: Membership) -> Unit:
    if member.unit is None:
        raise NotAMember(bloc=member.bloc.name, year=member.year.year)
    return member.unit
