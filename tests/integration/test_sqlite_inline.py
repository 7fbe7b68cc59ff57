"""SQLite on the event loop's thread (db/sqlite_inline.py): what SQLAlchemy expects of a
driver, and units of work that take turns on the one connection."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import create_engine
from db.sqlite_inline import InlineConnection


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
