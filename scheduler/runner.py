"""The APScheduler instance of a running bot, in the blocs' time zone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from domain.ports import Clock, ConferenceNotifier, CycleNotifier, Notifier, UnitOfWork
from domain.settings import LOCAL_TZ
from scheduler.jobs import ballot_tick, conference_tick, cycle_tick

BALLOT_TICK_SECONDS = 15
CONFERENCE_TICK_SECONDS = 60
CYCLE_TICK_SECONDS = 60


class Notices(Notifier, ConferenceNotifier, CycleNotifier, Protocol):
    """Whatever tells the bloc: one object serves every job."""


def build_scheduler(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, notifier: Notices
) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=LOCAL_TZ)
    scheduler.add_job(
        ballot_tick,
        "interval",
        seconds=BALLOT_TICK_SECONDS,
        args=(uow_factory, clock, notifier),
        id="ballot-tick",
        max_instances=1,  # a slow tick is never run twice at once
        coalesce=True,  # after the machine slept: one catch-up run, not a burst
        misfire_grace_time=None,
    )
    scheduler.add_job(
        conference_tick,
        "interval",
        seconds=CONFERENCE_TICK_SECONDS,
        args=(uow_factory, clock, notifier),
        id="conference-tick",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
    )
    scheduler.add_job(
        cycle_tick,
        "interval",
        seconds=CYCLE_TICK_SECONDS,
        args=(uow_factory, clock, notifier),
        id="cycle-tick",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
    )
    return scheduler
