"""The APScheduler instance of a running bot, in the blocs' time zone."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from domain.ports import Clock, ConferenceNotifier, CycleNotifier, Notifier, UnitOfWork
from domain.settings import LOCAL_TZ
from scheduler.jobs import ballot_tick, conference_tick, cycle_tick

BALLOT_TICK_SECONDS = 15
CONFERENCE_TICK_SECONDS = 60
CYCLE_TICK_SECONDS = 60
DRAIN_SECONDS = 10.0  # a tick is one transaction: seconds at most

Job = Callable[..., Awaitable[None]]


class Notices(Notifier, ConferenceNotifier, CycleNotifier, Protocol):
    """Whatever tells the bloc: one object serves every job."""


class DrainingScheduler(AsyncIOScheduler):  # type: ignore[misc]  # untyped library
    """An APScheduler whose `drain` lets the ticks in progress finish their transaction
    before it stops: APScheduler's own shutdown cancels them mid-way (and logs each as a
    failed job), as Ctrl+C or a worker's stop would otherwise do."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._runs: set[asyncio.Task[Any]] = set()

    def tracked(self, job: Job) -> Job:
        async def run(*args: Any) -> None:
            task = asyncio.current_task()
            assert task is not None
            self._runs.add(task)
            try:
                await job(*args)
            finally:
                self._runs.discard(task)

        return run

    async def drain(self, grace: float = DRAIN_SECONDS) -> None:
        if self.running:
            self.pause()  # no new tick starts meanwhile
        if self._runs:
            await asyncio.wait(set(self._runs), timeout=grace)
        if self.running:
            self.shutdown(wait=False)


def build_scheduler(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, notifier: Notices
) -> DrainingScheduler:
    scheduler = DrainingScheduler(timezone=LOCAL_TZ)
    jobs = (
        (ballot_tick, BALLOT_TICK_SECONDS, "ballot-tick"),
        (conference_tick, CONFERENCE_TICK_SECONDS, "conference-tick"),
        (cycle_tick, CYCLE_TICK_SECONDS, "cycle-tick"),
    )
    for job, seconds, name in jobs:
        scheduler.add_job(
            scheduler.tracked(job),
            "interval",
            seconds=seconds,
            args=(uow_factory, clock, notifier),
            id=name,
            max_instances=1,  # a slow tick is never run twice at once
            coalesce=True,  # after the machine slept: one catch-up run, not a burst
            misfire_grace_time=None,
            # At once on start, then on the interval: a worker taking over (or a console
            # just opened) catches up now, not a minute later.
            next_run_time=datetime.now(LOCAL_TZ),
        )
    return scheduler
