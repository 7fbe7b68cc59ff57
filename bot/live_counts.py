"""The groups' live count of each open ballot, taken after votes commit and outside their
transactions: a vote's transaction only writes the vote, and one recount follows however many
votes committed while the last one ran.

A vote asks for its recount once it has committed (`UnitOfWork.on_commit`), so every recount
starts after the votes that asked for it and sees them; the recounts of one ballot take turns
(`voting.recount`), across workers too, so the last count posted is whole. A worker that stops
between a vote's commit and its recount leaves the count one vote behind until the next vote
or the close, whose result replaces the count."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from bot.context import BotUnitOfWork
from domain.errors import Conflict
from domain.ports import Notifier
from domain.services import voting

log = logging.getLogger(__name__)

GATHER = 0.2  # seconds a recount waits for the votes of a burst to gather behind it
ATTEMPTS = 3  # a recount that meets a conflict is tried again, then left to the next vote


class LiveCounts:
    def __init__(
        self, uow_factory: Callable[[], BotUnitOfWork], notifier: Notifier, gather: float = GATHER
    ) -> None:
        self._uow_factory = uow_factory
        self._notifier = notifier
        self._gather = gather
        self._due: set[int] = set()
        self._task: asyncio.Task[None] | None = None
        self.recounts = 0  # posted, for the benches and tests

    def touch(self, ballot_id: int) -> None:
        """A vote of this ballot committed: count it again soon."""
        self._due.add(ballot_id)
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def settled(self) -> None:
        """Wait until every recount asked for has been posted (tests, and a worker stopping)."""
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)

    async def _run(self) -> None:
        while self._due:
            await asyncio.sleep(self._gather)
            due, self._due = sorted(self._due), set()
            for ballot_id in due:
                await self._recount(ballot_id)

    async def _recount(self, ballot_id: int) -> None:
        for _ in range(ATTEMPTS):
            try:
                async with self._uow_factory() as uow:
                    await voting.recount(uow, ballot_id, self._notifier)
                    await uow.commit()
                self.recounts += 1
                return
            except Conflict:
                continue
            except Exception:  # the next vote asks again; the close posts the result anyway
                log.exception("the live count of ballot %s was not posted", ballot_id)
                return
