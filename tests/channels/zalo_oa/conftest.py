"""The Official Account's fixtures: the fake Zalo platform, the bot running its OA channel
against it over the sample bloc, and Lan, who follows the OA and joins as SNN's officer."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.runtime import Runtime
from tests.channels.zalo_oa.support import LAN, OABot, oa_bot
from tests.fakes.clock import FakeClock
from tests.fakes.zalo_oa_server import FakeZaloOAServer


@pytest.fixture
async def zalo(clock: FakeClock) -> AsyncIterator[FakeZaloOAServer]:
    async with FakeZaloOAServer(clock=clock.now) as fake:
        fake.add_person(LAN, "Nguyễn Thị Lan")
        yield fake


@pytest.fixture
async def bot(sample_runtime: Runtime, zalo: FakeZaloOAServer) -> AsyncIterator[OABot]:
    async with oa_bot(sample_runtime, zalo) as running:
        yield running


@pytest.fixture
async def lan(bot: OABot, zalo: FakeZaloOAServer, invite_codes: dict[str, str]) -> str:
    """Lan follows the OA and joins as the officer of SNN, the leader unit."""
    await zalo.follow(LAN)
    await zalo.user_says(LAN, f"/start {invite_codes['SNN']}")
    return LAN
