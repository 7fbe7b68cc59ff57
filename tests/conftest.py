"""Shared fixtures: a migrated database with the sample bloc, and its invite codes."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.admin import read_bloc_file
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from domain.bloc_spec import parse_bloc_spec
from domain.services import importer, invites
from tests.fakes.clock import FakeClock
from tests.samples import sample_yaml

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'thidua.db'}",
        telegram_bot_token=None,
        zalo_bot_token=None,
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
