"""A migrated, empty database per test: SQLite in a temp folder, and PostgreSQL in a schema
of its own (skipped, with the reason, where the server is unreachable)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import BotApp
from bot.context import BotUnitOfWork
from db.engine import create_engine, session_factory
from db.migrate import upgrade
from db.uow import SqlUnitOfWork
from tests.conftest import POSTGRES_URL
from tests.fakes.clock import FakeClock
from tests.samples import sealer

_pg_reachable: bool | None = None


async def _postgres_reachable() -> bool:
    global _pg_reachable
    if _pg_reachable is None:
        engine = create_engine(POSTGRES_URL)
        try:
            async with asyncio.timeout(3):
                async with engine.connect() as connection:
                    await connection.execute(text("select 1"))
            _pg_reachable = True
        except Exception:
            _pg_reachable = False
        finally:
            await engine.dispose()
    return _pg_reachable


@pytest.fixture(params=["sqlite", "postgresql"])
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    if request.param == "sqlite":
        sqlite = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'test.db'}")
        await upgrade(sqlite)
        yield sqlite
        await sqlite.dispose()
        return
    if not await _postgres_reachable():
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL} (set TEST_POSTGRES_URL)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    pg = create_engine(POSTGRES_URL, connect_args={"server_settings": {"search_path": schema}})
    try:
        await upgrade(pg)
        yield pg
    finally:
        await pg.dispose()
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


@pytest.fixture
def uow_factory(engine: AsyncEngine) -> Callable[[], BotUnitOfWork]:
    sessions = session_factory(engine)
    return lambda: SqlUnitOfWork(sessions, sealer())


@pytest.fixture
def app(uow_factory: Callable[[], BotUnitOfWork]) -> BotApp:
    return BotApp(uow_factory, FakeClock())
