"""Which worker runs the scheduler: a PostgreSQL session-level advisory lock, held on a
connection of its own for as long as the worker leads. When the worker dies its connection
closes and PostgreSQL releases the lock, so another worker's next try takes it. SQLite is one
process: there the lock is always granted."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)

# pg_try_advisory_lock(bigint): any constant the rest of the database does not use. Kept
# under 2**31 so pg_locks shows it as objid with classid 0.
SCHEDULER_LOCK = 740_318_202
# The server drops a silent peer (a machine gone, not just its process) within about
# idle + interval * count seconds, and so releases its lock.
_KEEPALIVE = ("SET tcp_keepalives_idle = 10", "SET tcp_keepalives_interval = 5",
              "SET tcp_keepalives_count = 3")  # fmt: skip
_TIMEOUT = 5.0


class AdvisoryLock:
    """`acquire()` tries once: True while this worker holds the lock (checking that its
    connection still lives), False when another worker does or the database is unreachable.
    `release()` gives it up."""

    def __init__(self, engine: AsyncEngine, key: int = SCHEDULER_LOCK) -> None:
        self.engine = engine
        self.key = key
        self._connection: AsyncConnection | None = None

    @property
    def held(self) -> bool:
        return self._connection is not None

    async def acquire(self) -> bool:
        try:
            async with asyncio.timeout(_TIMEOUT):
                if self._connection is not None:
                    await self._connection.execute(text("SELECT 1"))
                    return True
                return await self._take()
        except Exception as error:  # the database restarting, unreachable, our connection cut
            if self._connection is not None:
                log.warning("scheduler lock: lost the connection holding it (%r)", error)
            await self._drop()
            return False

    async def _take(self) -> bool:
        connection = await self.engine.connect()
        try:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            for statement in _KEEPALIVE:
                await connection.execute(text(statement))
            got = await connection.scalar(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}
            )
        except BaseException:
            await _discard(connection)
            raise
        if not got:
            await connection.close()
            return False
        self._connection = connection
        return True

    async def release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            async with asyncio.timeout(_TIMEOUT):
                await connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
                await connection.close()
        except Exception:
            await _discard(connection)  # closing the session releases it all the same

    async def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            await _discard(connection)

    async def holder_present(self) -> bool | None:
        """Whether some worker holds the lock now (None when the database cannot tell)."""
        if self._connection is not None:
            return True
        try:
            async with asyncio.timeout(_TIMEOUT), self.engine.connect() as connection:
                count = await connection.scalar(
                    text(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                        " AND classid = 0 AND objid = :key AND objsubid = 1 AND granted"
                    ),
                    {"key": self.key},
                )
        except Exception:
            return None
        return bool(count)


class AlwaysGranted:
    """SQLite: one process, one scheduler."""

    def __init__(self) -> None:
        self._held = False

    @property
    def held(self) -> bool:
        return self._held

    async def acquire(self) -> bool:
        self._held = True
        return True

    async def release(self) -> None:
        self._held = False

    async def holder_present(self) -> bool | None:
        return self._held


def scheduler_lock(engine: AsyncEngine, key: int = SCHEDULER_LOCK) -> AdvisoryLock | AlwaysGranted:
    if engine.dialect.name == "postgresql":
        return AdvisoryLock(engine, key)
    return AlwaysGranted()


async def _discard(connection: AsyncConnection) -> None:
    """A connection that may be broken: never back into the pool, where it could keep a
    session lock alive or fail the next user."""
    with contextlib.suppress(Exception):
        await connection.invalidate()
    with contextlib.suppress(Exception):
        await connection.close()
