"""The scheduler's side of the bloc's year: announce each window as it opens, remind the
units that still owe its task before the deadline, and tell the leader and deputy who is
missing once it closes. Each event is taken once, by its key in the event log."""

from __future__ import annotations

from datetime import datetime

from domain.cycle import (
    CycleEvent,
    CycleEventKind,
    Laggard,
    LagState,
    cycle_over,
    due_events,
    year_events,
)
from domain.model import Bloc, BlocYear
from domain.pledges import PledgeStatus
from domain.ports import CycleNotifier, UnitOfWork
from domain.settings import ScoringMode
from domain.sheets import EntryKind, ScoreSheet, SheetStatus
from domain.summary import Cycle
from domain.windows import WindowKind

DONE_PLEDGE = frozenset({PledgeStatus.SUBMITTED, PledgeStatus.APPROVED})


async def run_due(uow: UnitOfWork, now: datetime, notifier: CycleNotifier) -> int:
    """Fire every event of every bloc's year whose moment has come and that was not taken
    yet, recording its key in the same transaction; the number fired. A clock jump or a
    restart never fires one twice, and one no longer useful is dropped (see due_events)."""
    fired = 0
    for bloc in await uow.blocs.list_blocs():
        for year in await active_years(uow, bloc, now):
            for event in due_events(year_events(year.calendar, year.year), now):
                if await _fire(uow, year, event, now, notifier):
                    fired += 1
    return fired


async def active_years(uow: UnitOfWork, bloc: Bloc, now: datetime) -> list[BlocYear]:
    """The current year, and the one before while its cycle runs: a next year created at
    an early handover in December must not silence the old year's annual deadline."""
    assert bloc.id is not None
    current = await uow.blocs.current_year(bloc.id)
    if current is None:
        return []
    previous = await uow.blocs.year(bloc.id, current.year - 1)
    years = [previous, current] if previous is not None else [current]
    return [year for year in years if not cycle_over(year.year, now)]


async def _fire(
    uow: UnitOfWork, year: BlocYear, event: CycleEvent, now: datetime, notifier: CycleNotifier
) -> bool:
    assert year.id is not None
    key = event.key(year.id)
    if await uow.events.has(key):
        return False
    await uow.events.add(key, now)
    window = event.window
    if event.kind is CycleEventKind.OPENED:
        owing = await laggards(uow, year, window.kind)  # a late opening: some have done it
        if owing:
            await notifier.window_opened(uow, year, window, owing)
    elif event.kind is CycleEventKind.REMINDER:
        assert event.offset is not None
        owing = await laggards(uow, year, window.kind)
        if owing:
            await notifier.deadline_reminder(uow, year, window, event.offset, owing)
    else:
        await notifier.window_closed(uow, year, window, await laggards(uow, year, window.kind))
    return True


async def laggards(uow: UnitOfWork, year: BlocYear, kind: WindowKind) -> list[Laggard]:
    """The member units that have not done the window's task, in roster order: no pledge
    submitted or approved; for the scoring windows, the unit's own sheet not submitted (in
    cross mode, not all its sheets of the other units)."""
    if kind is WindowKind.PLEDGE:
        return await _pledge_laggards(uow, year)
    return await _sheet_laggards(uow, year, Cycle(kind.value))


async def _pledge_laggards(uow: UnitOfWork, year: BlocYear) -> list[Laggard]:
    assert year.id is not None
    pledges = {pledge.unit_id: pledge for pledge in await uow.pledges.pledges(year.id)}
    owing = []
    for unit_id in year.member_unit_ids:
        pledge = pledges.get(unit_id)
        if pledge is None:
            owing.append(Laggard(unit_id, LagState.NONE))
        elif pledge.status is PledgeStatus.RETURNED:
            owing.append(Laggard(unit_id, LagState.RETURNED))
        elif pledge.status not in DONE_PLEDGE:
            owing.append(Laggard(unit_id, LagState.DRAFT))
    return owing


async def _sheet_laggards(uow: UnitOfWork, year: BlocYear, cycle: Cycle) -> list[Laggard]:
    assert year.id is not None
    sheets = await uow.scores.sheets(year.id, cycle)
    owing = []
    if year.rules.scoring_mode is ScoringMode.CROSS:
        others = len(year.member_unit_ids) - 1
        for unit_id in year.member_unit_ids:
            submitted = sum(
                1
                for sheet in sheets
                if sheet.scorer_unit_id == unit_id
                and not sheet.is_self
                and sheet.status is SheetStatus.SUBMITTED
            )
            if submitted < others:
                owing.append(Laggard(unit_id, LagState.CROSS, submitted, others))
        return owing
    own = {sheet.unit_id: sheet for sheet in sheets if sheet.is_self}
    for unit_id in year.member_unit_ids:
        lag = _own_sheet_lag(year, unit_id, own.get(unit_id))
        if lag is not None:
            owing.append(lag)
    return owing


async def sheet_laggard(
    uow: UnitOfWork, year: BlocYear, cycle: Cycle, unit_id: int
) -> Laggard | None:
    """One unit's entry in `laggards` for a scoring window, reading only its own sheet (an
    officer's task list asks this on every /viec; the whole bloc's sheets are many)."""
    assert year.id is not None
    if unit_id not in year.member_unit_ids:
        return None
    if year.rules.scoring_mode is ScoringMode.CROSS:
        owing = await _sheet_laggards(uow, year, cycle)
        return next((lag for lag in owing if lag.unit_id == unit_id), None)
    return _own_sheet_lag(
        year, unit_id, await uow.scores.find_sheet(year.id, unit_id, unit_id, cycle)
    )


def _own_sheet_lag(year: BlocYear, unit_id: int, sheet: ScoreSheet | None) -> Laggard | None:
    items = year.criteria.item_count if year.criteria else 0
    if sheet is None:
        return Laggard(unit_id, LagState.NONE, 0, items)
    if sheet.status is SheetStatus.SUBMITTED:
        return None
    scored = len(sheet.own_points(EntryKind.ITEM))
    return Laggard(unit_id, LagState.DRAFT if scored else LagState.NONE, scored, items)
