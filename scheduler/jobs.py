"""Scheduled jobs: each opens a unit of work, calls domain services, and commits.

Idempotent: a job that runs twice, or late after the machine slept, finds nothing left to
do the second time (a closed ballot is not open any more; a reminder is stamped as sent)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from domain.ports import Clock, ConferenceNotifier, CycleNotifier, Notifier, UnitOfWork
from domain.services import conferences, cycle, voting

log = logging.getLogger(__name__)


async def ballot_tick(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, notifier: Notifier
) -> None:
    """Remind the units that have not voted as the end draws near; close ballots on time."""
    async with uow_factory() as uow:
        now = clock.now()
        reminded = await voting.remind_due(uow, now, notifier)
        closed = await voting.close_due(uow, now, notifier)
        await uow.commit()
    if reminded or closed:
        log.info("ballots: reminded %d units, closed %d ballots", reminded, len(closed))


async def conference_tick(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, notifier: ConferenceNotifier
) -> None:
    """Each conference's reminders (7 days, 1 day, 2 hours by default) as their time comes."""
    async with uow_factory() as uow:
        sent = await conferences.remind_due(uow, clock.now(), notifier)
        await uow.commit()
    if sent:
        log.info("conferences: %d reminders queued", sent)


async def cycle_tick(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, notifier: CycleNotifier
) -> None:
    """The year's windows: announced as they open, reminded to the units that still owe the
    task (3 days and 1 day before by default), reported to the leader once closed."""
    async with uow_factory() as uow:
        fired = await cycle.run_due(uow, clock.now(), notifier)
        await uow.commit()
    if fired:
        log.info("year cycle: %d events fired", fired)
