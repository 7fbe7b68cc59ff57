"""The overall send rate shared through Redis (REDIS_URL): two workers' dispatchers together
never start more than the limit in any second, stay evenly spaced, and a 429 seen by one
pauses both. Against the Redis server at TEST_REDIS_URL (skipped, with the reason, when it
does not answer)."""

from __future__ import annotations

import asyncio
import itertools
import os
import time
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from bot.shared_rate import SharedWindow

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    client = Redis.from_url(REDIS_URL)
    try:
        async with asyncio.timeout(2):
            await client.ping()
    except Exception:
        await client.aclose()
        pytest.skip(f"Redis is not reachable at {REDIS_URL} (set TEST_REDIS_URL)")
    yield client
    await client.aclose()


def key() -> str:
    return f"test:sends:{uuid.uuid4().hex}"


async def test_two_workers_share_one_rate(redis: Redis) -> None:
    shared_key = key()
    workers = [SharedWindow(redis, 10, key=shared_key) for _ in range(2)]
    starts: list[float] = []

    async def send(window: SharedWindow) -> None:
        await window.acquire()
        starts.append(time.monotonic())

    began = time.monotonic()
    await asyncio.gather(*(send(workers[n % 2]) for n in range(30)))
    starts.sort()
    assert len(starts) == 30
    for first, later in zip(starts, starts[10:], strict=False):
        assert later - first >= 0.98, "more than 10 starts within a second"
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.9 * 0.1 - 0.01  # evenly spaced, not in bursts
    assert time.monotonic() - began >= 2.0  # 30 sends at 10 a second


async def test_a_429_pauses_every_worker(redis: Redis) -> None:
    shared_key = key()
    first, second = SharedWindow(redis, 10, key=shared_key), SharedWindow(redis, 10, key=shared_key)
    await first.acquire()
    first.pause(1.0)
    await asyncio.sleep(0.05)  # the pause reaches Redis in the background
    began = time.monotonic()
    await second.acquire()
    assert time.monotonic() - began >= 0.85
