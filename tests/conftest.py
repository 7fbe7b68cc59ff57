"""Shared fixtures: a migrated database with the sample bloc, and its invite codes.

The database is a SQLite file per test, or, with TEST_DATABASE=postgresql, a fresh schema
per test on the PostgreSQL server at TEST_POSTGRES_URL (dropped afterwards)."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.admin import read_bloc_file
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from db.engine import create_engine
from domain.bloc_spec import parse_bloc_spec
from domain.services import importer, invites
from tests.fakes.clock import FakeClock
from tests.samples import sample_yaml

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
TEST_DATABASE = os.environ.get("TEST_DATABASE", "sqlite") or "sqlite"
DATABASES = ("sqlite", "postgresql")


def in_schema(url: str, schema: str) -> str:
    """`url` (postgresql+asyncpg) with every connection's search_path set to `schema`.

    A URL string, so that it also serves whatever builds its own engine from DATABASE_URL
    (`build_runtime`, `python main.py`, Alembic's env.py). SQLAlchemy hands the URL's query
    options to asyncpg.connect as keywords; `dsn` is one, and asyncpg passes the options of
    its DSN it does not know itself (here search_path) to the server as settings, while
    the host, port, user and database still come from the URL."""
    parsed = make_url(url)
    return parsed.update_query_dict(
        {"dsn": f"postgresql://?search_path={schema}"}
    ).render_as_string(hide_password=False)


# Secret ballots are sealed with a secret kept outside the database (db/sealing.py): every
# test, and every `python main.py` a test starts, shares this one.
os.environ.setdefault("BALLOT_SECRET", "tests-only-ballot-secret-0123456789")


def pytest_configure(config: pytest.Config) -> None:
    if TEST_DATABASE not in DATABASES:
        raise pytest.UsageError(f"TEST_DATABASE={TEST_DATABASE!r}: expected one of {DATABASES}")
    if TEST_DATABASE == "postgresql" and make_url(POSTGRES_URL).drivername != "postgresql+asyncpg":
        raise pytest.UsageError(f"TEST_POSTGRES_URL={POSTGRES_URL!r}: expected postgresql+asyncpg")


def pytest_report_header(config: pytest.Config) -> str:
    if TEST_DATABASE == "postgresql":
        where = make_url(POSTGRES_URL).render_as_string(hide_password=True)
        return f"settings/runtime fixtures: PostgreSQL at {where}, a schema per test"
    return "settings/runtime fixtures: SQLite, a file per test (or TEST_DATABASE=postgresql)"


async def _postgres_answers() -> str | None:
    """None when the server at POSTGRES_URL answers, else why not."""
    engine = create_engine(POSTGRES_URL)
    try:
        async with asyncio.timeout(5):
            async with engine.connect() as connection:
                await connection.execute(text("select 1"))
        return None
    except Exception as error:  # any failure: it is the reason given
        return f"{type(error).__name__}: {error}"
    finally:
        await engine.dispose()


def pytest_sessionstart(session: pytest.Session) -> None:
    # Asked for PostgreSQL: an unreachable server ends the run at once, rather than skipping
    # (a pass that tested nothing) or failing every test after a connection timeout.
    if TEST_DATABASE == "postgresql" and (reason := asyncio.run(_postgres_answers())):
        pytest.exit(
            f"TEST_DATABASE=postgresql, but TEST_POSTGRES_URL does not answer: {reason}",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def database_url(tmp_path: Path) -> AsyncIterator[str]:
    """An empty database of the test's own: a SQLite file, or a fresh PostgreSQL schema."""
    if TEST_DATABASE != "postgresql":
        yield f"sqlite+aiosqlite:///{tmp_path / 'thidua.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    try:
        async with admin.begin() as connection:
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield in_schema(POSTGRES_URL, schema)
    finally:
        async with admin.begin() as connection:
            # A connection the test left inside a transaction must not hang the run.
            await connection.execute(text("SET LOCAL lock_timeout = '30s'"))
            await connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        await admin.dispose()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        telegram_bot_token=None,
        zalo_bot_token=None,
        # The chat's screens as they were: the web page each offers is tested in tests/web.
        web_pages=False,
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
async def runtime(settings: Settings, clock: FakeClock) -> AsyncIterator[Runtime]:
    rt = await build_runtime(settings, clock=clock)
    yield rt
    await rt.close()


@pytest.fixture
async def sample_runtime(runtime: Runtime, clock: FakeClock) -> Runtime:
    """The runtime with the shared sample bloc (Khối 7, Trà Vinh, 2022) imported."""
    data, where = read_bloc_file(sample_yaml())
    async with runtime.uow() as uow:
        await importer.import_bloc(uow, parse_bloc_spec(data, where), clock.now())
        await uow.commit()
    return runtime


@pytest.fixture
async def invite_codes(sample_runtime: Runtime, clock: FakeClock) -> dict[str, str]:
    """Unit code → a live invite code, e.g. {"SNN": "snn-4f9a2k", ...}."""
    async with sample_runtime.uow() as uow:
        items = await invites.ensure_unit_invites(uow, "khoi7-travinh", clock.now(), 60)
        await uow.commit()
    return {item.unit.code: item.invitation.code for item in items}
