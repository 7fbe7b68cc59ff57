"""A worker's PostgreSQL pool: the connections it keeps, and none opened past them."""

from __future__ import annotations

import asyncio

import pytest
from pydantic import ValidationError
from sqlalchemy import text

from bot.settings import Settings
from db.engine import create_engine
from tests.conftest import POSTGRES_URL
from tests.integration.conftest import _postgres_reachable


async def test_past_the_pool_work_waits_for_a_connection_instead_of_opening_one() -> None:
    if not await _postgres_reachable():
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL} (set TEST_POSTGRES_URL)")
    engine = create_engine(POSTGRES_URL, pool_size=2)
    try:
        first, second = await engine.connect().start(), await engine.connect().start()
        third = asyncio.create_task(engine.connect().start())
        done, _ = await asyncio.wait({third}, timeout=0.3)
        assert not done  # both connections are out: the third waits
        await first.close()
        connection = await asyncio.wait_for(third, timeout=10)
        assert (await connection.execute(text("select 1"))).scalar() == 1
        assert engine.pool.checkedout() == 2  # type: ignore[attr-defined]
        await asyncio.gather(connection.close(), second.close())
    finally:
        await engine.dispose()


def test_the_pool_size_comes_from_the_settings_within_bounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Settings().database_pool_size == 10
    monkeypatch.setenv("DATABASE_POOL_SIZE", "8")
    assert Settings().database_pool_size == 8
    monkeypatch.setenv("DATABASE_POOL_SIZE", "0")
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        Settings()
