"""Engines and session factories for SQLite (default) and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session

from db.sqlite_inline import InlineConnection, inline_connector

POOL_WAIT = 30.0  # seconds a unit of work waits for a pooled connection before failing


def create_engine(url: str, pool_size: int | None = None, **kwargs: Any) -> AsyncEngine:
    """`pool_size`: on PostgreSQL, the connections kept, and no more opened: past them a unit
    of work waits its turn, which costs less than a connection opened and closed again."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if pool_size is not None and backend == "postgresql":
        kwargs |= {"pool_size": pool_size, "max_overflow": 0, "pool_timeout": POOL_WAIT}
    if (
        backend == "sqlite"
        and parsed.database not in (None, "", ":memory:")
        and not parsed.query  # options (uri=true, mode=ro…) stay aiosqlite's to read
        and "poolclass" not in kwargs
    ):
        # SQLite on the loop's thread (db/sqlite_inline.py), through one connection: the
        # units of work take turns in the pool's queue rather than in SQLite's busy handler.
        kwargs = {
            "async_creator": inline_connector(parsed.database),
            "pool_size": 1,
            "max_overflow": 0,
            "pool_timeout": POOL_WAIT,
        } | kwargs
    engine = create_async_engine(url, **kwargs)
    if backend == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_connect)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Foreign keys are off by default in SQLite; WAL lets readers work beside a writer.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # aiosqlite's thread may sleep in SQLite's busy handler; ours waits in the loop instead.
    inline = isinstance(dbapi_connection.driver_connection, InlineConnection)
    cursor.execute(f"PRAGMA busy_timeout={0 if inline else 5000}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
    # The driver would begin transactions itself, only at the first write, which breaks
    # savepoints and lets reads escape the transaction; SQLAlchemy begins them instead.
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection: Any) -> None:
    # IMMEDIATE takes the write lock up front: two transactions that read and then write
    # queue on busy_timeout instead of one failing with "database is locked".
    connection.exec_driver_sql("BEGIN IMMEDIATE")


HELD = "held"  # the session.info key of the rows a HoldingSession keeps


class HoldingSession(Session):
    """A session that keeps every row it loaded until it closes (one unit of work). The
    identity map holds rows weakly, so a row read and dropped (a lock, a lookup whose result
    was turned into a domain object) was read again by the next `get` of the same key."""


@event.listens_for(HoldingSession, "loaded_as_persistent")
def _hold(session: Session, instance: object) -> None:
    session.info.setdefault(HELD, []).append(instance)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, sync_session_class=HoldingSession)
