"""One scheduler across workers: a PostgreSQL advisory lock on a connection of its own; when
the holder's connection closes (the worker died) another worker takes it. SQLite: granted."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import create_engine
from db.leader import AdvisoryLock, AlwaysGranted, scheduler_lock
from scheduler.leader import SchedulerLeader
from tests.conftest import POSTGRES_URL
from tests.integration.conftest import _postgres_reachable


@pytest.fixture
async def workers() -> AsyncIterator[tuple[AsyncEngine, AsyncEngine, AsyncEngine]]:
    """Two workers' engines and an administrator's."""
    if not await _postgres_reachable():
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL} (set TEST_POSTGRES_URL)")
    engines = (
        create_engine(POSTGRES_URL),
        create_engine(POSTGRES_URL),
        create_engine(POSTGRES_URL),
    )
    yield engines
    for engine in engines:
        await engine.dispose()


@pytest.fixture
def key() -> int:
    return random.randrange(1, 2**31)  # never a running bot's lock


HELD = (
    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = :key"
    " AND granted"
)


async def kill(admin: AsyncEngine, lock: AdvisoryLock) -> None:
    """The holder's connection ends, as when its worker is killed. pg_terminate_backend only
    signals the backend: wait until it has gone and its lock with it."""
    async with admin.connect() as connection:
        await connection.execute(
            text(f"SELECT pg_terminate_backend(pid) FROM ({HELD}) AS holder"), {"key": lock.key}
        )
        for _ in range(100):
            if (await connection.execute(text(HELD), {"key": lock.key})).first() is None:
                return
            await asyncio.sleep(0.05)
    raise AssertionError("the holder's backend did not end within 5 s")


async def test_only_one_holds_it_and_it_passes_when_the_holder_dies(
    workers: tuple[AsyncEngine, AsyncEngine, AsyncEngine], key: int
) -> None:
    one, two, admin = workers
    first, second = AdvisoryLock(one, key), AdvisoryLock(two, key)
    assert await first.acquire()
    assert not await second.acquire()
    assert await first.acquire() and first.held  # still ours, connection checked
    assert await second.holder_present() is True
    await kill(admin, first)
    assert await second.acquire()
    assert not await first.acquire() and not first.held  # noticed its loss
    assert not await first.acquire()  # and the other holds it now
    await second.release()
    assert await first.acquire()
    await first.release()
    assert await second.holder_present() is False


async def test_a_closed_connection_releases_it(
    workers: tuple[AsyncEngine, AsyncEngine, AsyncEngine], key: int
) -> None:
    one, two, _admin = workers
    first, second = AdvisoryLock(one, key), AdvisoryLock(two, key)
    assert await first.acquire()
    await one.dispose()  # the worker's pool gone: no connection lingers holding the lock
    assert first._connection is not None
    await first._connection.invalidate()
    assert await second.acquire()
    await second.release()


async def test_the_scheduler_runs_on_one_worker_and_moves_on(
    workers: tuple[AsyncEngine, AsyncEngine, AsyncEngine], key: int
) -> None:
    one, two, admin = workers
    built: list[AsyncIOScheduler] = []

    def build() -> AsyncIOScheduler:
        built.append(AsyncIOScheduler())
        return built[-1]

    a = SchedulerLeader(AdvisoryLock(one, key), build, retry=0.1)
    b = SchedulerLeader(AdvisoryLock(two, key), build, retry=0.1)
    assert await a.check() and a.is_leader
    assert not await b.check() and not b.is_leader
    assert built[0].running
    lock = a.lock
    assert isinstance(lock, AdvisoryLock)
    await kill(admin, lock)
    assert await b.check() and b.is_leader
    assert not await a.check() and not a.is_leader
    await asyncio.sleep(0.01)  # APScheduler shuts down on the loop's next turn
    assert not built[0].running
    assert len(built) == 2 and built[1].running
    await a.stop()
    await b.stop()
    await asyncio.sleep(0.01)
    assert not built[1].running


async def test_sqlite_always_grants_it(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    lock = scheduler_lock(engine)
    assert isinstance(lock, AlwaysGranted)
    assert await lock.acquire() and await lock.acquire() and await lock.holder_present()
    await lock.release()
    await engine.dispose()
