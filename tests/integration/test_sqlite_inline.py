"""SQLite on the event loop's thread (db/sqlite_inline.py): what SQLAlchemy expects of a
driver, and units of work that take turns on the one connection."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.request import Action, Button, Reply
from bot.runtime import build_runtime
from bot.settings import Settings
from db.engine import create_engine
from db.sqlite_inline import InlineConnection
from domain.model import Channel
from tests.fakes.clock import FakeClock


async def test_a_file_database_runs_on_the_loops_thread_through_one_connection(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'inline.db'}")
    threads = threading.active_count()
    try:
        async with engine.begin() as connection:
            raw = await connection.get_raw_connection()
            assert isinstance(raw.driver_connection, InlineConnection)
            await connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"))
            await connection.execute(text("INSERT INTO t (v) VALUES ('một'), ('hai')"))
            updated = await connection.execute(text("UPDATE t SET v = 'hai' WHERE id = 2"))
            assert updated.rowcount == 1  # read by SQLAlchemy once the cursor is closed
            journal = await connection.scalar(text("PRAGMA journal_mode"))
            keys = await connection.scalar(text("PRAGMA foreign_keys"))
        assert (journal, keys) == ("wal", 1)  # db/engine.py's pragmas, as with aiosqlite
        assert threading.active_count() == threads  # no driver thread
        assert engine.pool.size() == 1  # type: ignore[attr-defined]
        async with engine.connect() as connection:
            rows = (await connection.execute(text("SELECT v FROM t ORDER BY id"))).all()
            streamed = [row.v async for row in await connection.stream(text("SELECT v FROM t"))]
        assert [row.v for row in rows] == streamed == ["một", "hai"]
    finally:
        await engine.dispose()


async def test_errors_are_sqlalchemys_and_a_failed_unit_of_work_leaves_nothing(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'inline.db'}")
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY)"))
            await connection.execute(text("INSERT INTO t VALUES (1)"))
        with pytest.raises(IntegrityError):
            async with engine.begin() as connection:
                await connection.execute(text("INSERT INTO t VALUES (2)"))
                await connection.execute(text("INSERT INTO t VALUES (1)"))
        with pytest.raises(OperationalError, match="no such table"):
            async with engine.connect() as connection:
                await connection.execute(text("SELECT * FROM missing"))
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT id FROM t"))).scalars().all() == [1]
    finally:
        await engine.dispose()


async def test_units_of_work_take_turns_without_database_is_locked(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'inline.db'}")
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE t (n INTEGER)"))

        async def add(n: int) -> None:
            async with engine.begin() as connection:
                await connection.execute(text("INSERT INTO t VALUES (:n)"), {"n": n})
                await asyncio.sleep(0)  # another unit of work gets the loop meanwhile
                await connection.execute(text("INSERT INTO t VALUES (:n)"), {"n": -n})

        await asyncio.gather(*(add(n) for n in range(1, 51)))
        async with engine.connect() as connection:
            total = await connection.scalar(text("SELECT count(*) FROM t"))
        assert total == 100
    finally:
        await engine.dispose()


async def test_another_process_write_lock_is_waited_for_while_the_loop_goes_on(
    tmp_path: Path,
) -> None:
    path = tmp_path / "inline.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE t (n INTEGER)"))
    other = sqlite3.connect(path, isolation_level=None)  # another process: the CLI, say
    other.execute("BEGIN IMMEDIATE")
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.005)
            ticks += 1

    ticker = asyncio.create_task(tick())
    try:
        write = asyncio.create_task(_insert(engine, 1))
        await asyncio.sleep(0.2)
        assert not write.done() and ticks >= 10  # waiting, and the loop is not held up
        other.execute("ROLLBACK")
        await asyncio.wait_for(write, timeout=5)
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(OperationalError, match="database is locked"):
            async with engine.connect() as connection:
                raw = (await connection.get_raw_connection()).driver_connection
                assert isinstance(raw, InlineConnection)
                raw.busy_wait = 0.05
                await connection.execute(text("INSERT INTO t VALUES (2)"))
        other.execute("ROLLBACK")
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT n FROM t"))).scalars().all() == [1]
    finally:
        ticker.cancel()
        other.close()
        await engine.dispose()


async def _insert(engine: AsyncEngine, n: int) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("INSERT INTO t VALUES (:n)"), {"n": n})


async def test_a_closed_connection_is_replaced_not_handed_out_again(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'inline.db'}")
    try:
        async with engine.connect() as connection:
            raw = (await connection.get_raw_connection()).driver_connection
            assert isinstance(raw, InlineConnection)
            raw.stop()  # as if closed under the pool's feet
        with pytest.raises(DBAPIError) as refused:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        assert refused.value.connection_invalidated
        async with engine.connect() as connection:  # a fresh connection in its place
            assert await connection.scalar(text("SELECT 1")) == 1
    finally:
        await engine.dispose()


async def test_a_notice_posted_inside_a_unit_of_work_needs_no_second_connection(
    tmp_path: Path,
) -> None:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'thidua.db'}",
        web_pages=False,
        _env_file=None,  # type: ignore[call-arg]
    )
    runtime = await build_runtime(settings, clock=FakeClock(datetime(2026, 3, 2, 9, tzinfo=UTC)))
    try:
        async with asyncio.timeout(10), runtime.uow() as uow:
            assert await uow.outbox.pending_count() == 0  # the one connection, now held
            # The notice signs its buttons with the app's key, read when the runtime was built.
            reply = Reply("Nhắc việc", buttons=[[Button("Mở", Action("cmd", ("menu",)))]])
            await runtime.app.notices.post(uow, Channel.TELEGRAM, "42", reply)
            await uow.commit()
        async with runtime.uow() as uow:
            assert len(await uow.outbox.due(datetime(2026, 3, 2, 10, tzinfo=UTC))) == 1
    finally:
        await runtime.close()
