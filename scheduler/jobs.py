"""Scheduled jobs: each opens a unit of work, calls domain services, and commits.

Idempotent: a job that runs twice, or late after the machine slept, finds nothing left to
do the second time (a closed ballot is not open any more; a reminder is stamped as sent)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from domain.ports import Clock, Notifier, UnitOfWork
from domain.services import voting

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
