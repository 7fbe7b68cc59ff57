"""One scheduler across workers: the worker holding the lock runs it; the others try again
every few seconds and take over when the holder dies. The lock itself is the database's
(`db/leader.py`), passed in, so this package stays free of SQL. The jobs are idempotent, so a
handover that overlaps a tick by a moment fires nothing twice."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from scheduler.runner import DrainingScheduler

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class Lock(Protocol):
    @property
    def held(self) -> bool: ...

    async def acquire(self) -> bool:
        """Try once; True while this worker holds the lock."""
        ...

    async def release(self) -> None: ...


class SchedulerLeader:
    """Runs `build()`'s scheduler while this worker holds `lock`; checks it every `retry`
    seconds (taking it when free, giving the scheduler up when the lock's connection died)."""

    def __init__(
        self,
        lock: Lock,
        build: Callable[[], AsyncIOScheduler],
        retry: float = RETRY_SECONDS,
    ) -> None:
        self.lock = lock
        self._build = build
        self._retry = retry
        self._scheduler: AsyncIOScheduler | None = None
        self._stopping = asyncio.Event()

    @property
    def is_leader(self) -> bool:
        return self._scheduler is not None

    async def run(self) -> None:
        try:
            while not self._stopping.is_set():
                await self.check()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), self._retry)
        finally:
            await self._step_down()

    async def check(self) -> bool:
        """One try: start the scheduler on getting the lock, stop it on losing it."""
        holds = await self.lock.acquire()
        if holds and self._scheduler is None:
            self._scheduler = self._build()
            self._scheduler.start()
            log.info("scheduler: this worker holds the lock and runs the scheduler")
        elif not holds and self._scheduler is not None:
            log.warning("scheduler: lock lost; stopping the scheduler here")
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        return holds

    async def stop(self) -> None:
        self._stopping.set()
        await self._step_down()

    async def _step_down(self) -> None:
        scheduler, self._scheduler = self._scheduler, None
        if isinstance(scheduler, DrainingScheduler):
            await scheduler.drain()  # the ticks in progress end their transaction first
        elif scheduler is not None:
            scheduler.shutdown(wait=False)
        await self.lock.release()
