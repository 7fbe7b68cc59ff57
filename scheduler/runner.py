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
    jobs = (
        (ballot_tick, BALLOT_TICK_SECONDS, "ballot-tick"),
        (conference_tick, CONFERENCE_TICK_SECONDS, "conference-tick"),
        (cycle_tick, CYCLE_TICK_SECONDS, "cycle-tick"),
    )
    for job, seconds, name in jobs:
        scheduler.add_job(
            job,
            "interval",
            seconds=seconds,
            args=(uow_factory, clock, notifier),
            id=name,
            max_instances=1,  # a slow tick is never run twice at once
            coalesce=True,  # after the machine slept: one catch-up run, not a burst
            misfire_grace_time=None,
        )
    return scheduler
