"""SQLite called on the event loop's own thread, behind SQLAlchemy's aiosqlite dialect.

aiosqlite runs every call on a thread of its own and hands each result back through the
event loop: a statement crosses four times (cursor, execute, fetch, close), and each time
waits its turn behind the other updates in flight. SQLite has one writer, so the unit of
work holding it held every other one up for those turns: measured in
bench/bench_webhook_throughput.py, 5 ms a unit of work, 0.85 of them in SQLite, at about
160 updates a second with the worker's CPU half idle. A local SQLite statement takes tens
of microseconds; it costs less to run it where the unit of work already is.

Two rules come with it. A worker holds one connection (db/engine.py): a second one waiting
for SQLite's write lock would wait on this thread, where the first one could no longer
finish; in the pool's queue, it waits without holding anything up. And SQLite's own busy
handler, which sleeps where it is called, is off: a transaction that finds the write lock
taken by another process (a `main.py import`, say) waits for it here, in `asyncio.sleep`,
up to `busy_wait`, while the loop goes on with everything else.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from typing import Any

BUSY_WAIT = 5.0  # seconds a transaction waits for another process's write lock
_PAUSES = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05)  # then 0.05 s until the wait is over


class InlineCursor:
    """aiosqlite's Cursor, as far as SQLAlchemy uses it. The sqlite3 cursor is made on
    entering, where SQLAlchemy turns a closed connection's error into a disconnect (the pool
    then opens a new one) rather than in `InlineConnection.cursor`, where it would not."""

    def __init__(self, connection: InlineConnection) -> None:
        self._connection = connection
        self._cursor: sqlite3.Cursor | None = None

    async def __aenter__(self) -> InlineCursor:
        self._cursor = self._connection.sqlite.cursor()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def _open(self) -> sqlite3.Cursor:
        if self._cursor is None:
            raise sqlite3.ProgrammingError("Cannot operate on a cursor not entered.")
        return self._cursor

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> InlineCursor:
        cursor = self._open
        if self._connection.sqlite.in_transaction:
            cursor.execute(sql, parameters)  # inside a transaction, a busy answer is final
        else:
            # It begins the transaction (BEGIN IMMEDIATE) or is one on its own: answered
            # busy, it did nothing yet, and may run again.
            await self._connection.patiently(lambda: cursor.execute(sql, parameters))
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> InlineCursor:
        self._open.executemany(sql, parameters)
        return self

    async def fetchone(self) -> Any:
        return self._open.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        cursor = self._open
        return cursor.fetchmany(cursor.arraysize if size is None else size)

    async def fetchall(self) -> list[Any]:
        return self._open.fetchall()

    async def close(self) -> None:
        # Kept: SQLAlchemy reads rowcount, lastrowid and description after closing.
        if self._cursor is not None:
            self._cursor.close()

    async def __aiter__(self) -> AsyncIterator[Any]:
        for row in self._open:
            yield row

    @property
    def description(self) -> Any:
        return self._open.description

    @property
    def rowcount(self) -> int:
        return self._open.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._open.lastrowid

    @property
    def arraysize(self) -> int:
        return self._open.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._open.arraysize = value


class _RunNow:
    """The call queue SQLAlchemy's isolation-level setter puts its call on: run at once."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as error:  # handed to the awaiting caller, as aiosqlite does
            if future is not None:
                future.set_exception(error)
            return
        if future is not None:
            future.set_result(result)


class InlineConnection:
    """aiosqlite's Connection, as far as SQLAlchemy's dialect uses it. Once closed, the
    sqlite3 connection itself refuses every call ("Cannot operate on a closed database."),
    which SQLAlchemy's SQLite dialect knows for a disconnect."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._conn = connection  # where SQLAlchemy's isolation-level setter looks for it
        self._closed = False
        self._tx = _RunNow()
        self.busy_wait = BUSY_WAIT

    @property
    def sqlite(self) -> sqlite3.Connection:
        return self._conn

    @property
    def _connection(self) -> sqlite3.Connection | None:  # what the dialect checks: None once closed
        return None if self._closed else self._conn

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    def cursor(self) -> InlineCursor:
        return InlineCursor(self)

    async def commit(self) -> None:
        # A COMMIT kept waiting (by readers, outside WAL) may run again.
        await self.patiently(self._conn.commit)

    async def rollback(self) -> None:
        self._conn.rollback()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        self._closed = True
        self._conn.close()

    async def patiently(self, call: Callable[[], object]) -> None:
        """`call`, tried again while SQLite answers busy (another process writing), for up
        to `busy_wait` seconds, sleeping in the loop between tries."""
        deadline = time.monotonic() + self.busy_wait
        attempt = 0
        while True:
            try:
                call()
                return
            except sqlite3.OperationalError as error:
                if not (_busy(error) and await _pause(attempt, deadline)):
                    raise
                attempt += 1


async def _pause(attempt: int, deadline: float) -> bool:
    """Sleep before another try; False once the wait is over."""
    left = deadline - time.monotonic()
    if left <= 0:
        return False
    await asyncio.sleep(min(_PAUSES[min(attempt, len(_PAUSES) - 1)], left))
    return True


def _busy(error: sqlite3.OperationalError) -> bool:
    return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY or (
        "database is locked" in str(error)
    )


def inline_connector(database: str) -> Callable[[], Any]:
    """`async_creator` for create_async_engine: a connection to the `database` file."""

    async def connect() -> InlineConnection:
        # SQLAlchemy sets the isolation level and db/engine.py the pragmas once connected.
        return InlineConnection(sqlite3.connect(database, timeout=0, check_same_thread=False))

    return connect
