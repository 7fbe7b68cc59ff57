"""The overall send rate shared through Redis (REDIS_URL): two workers' dispatchers together
never start more than the limit in any second, stay evenly spaced, and a 429 seen by one
pauses both; while Redis is away each paces itself and keeps sending. Against the Redis server
at TEST_REDIS_URL (skipped, with the reason, when it does not answer), through a TCP relay
where Redis goes away."""

from __future__ import annotations

import asyncio
import itertools
import os
import time
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from bot.shared_rate import FALLBACK_SHARE, SharedWindow, redis_client
from tests.fakes.tcp_relay import TcpRelay

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
    # Redis counts on its own clock; measured here, a start's answer can arrive late on a
    # busy machine, which brings the next ones closer. Two unshared windows of 10 a second
    # would put 11 starts in half a second, and bursts 0 s apart.
    for first, later in zip(starts, starts[10:], strict=False):
        assert later - first >= 0.85, "more than 10 starts within a second"
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.05  # evenly spaced (0.09 s apart on Redis's clock), not in bursts
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


@pytest.fixture
async def relayed(redis: Redis) -> AsyncIterator[tuple[TcpRelay, Redis]]:
    """A client reaching the same Redis through a relay that can take it away."""
    address = redis.connection_pool.connection_kwargs
    relay = TcpRelay(address.get("host", "127.0.0.1"), address.get("port", 6379))
    await relay.start()
    client = redis_client(f"redis://127.0.0.1:{relay.port}/{address.get('db', 0)}")
    yield relay, client
    await client.aclose()
    await relay.close()


async def test_while_redis_is_away_a_worker_paces_itself_and_keeps_sending(
    redis: Redis, relayed: tuple[TcpRelay, Redis]
) -> None:
    relay, client = relayed
    shared_key = key()
    window = SharedWindow(client, 30, key=shared_key, retry=0.3)
    await window.acquire()
    last = await redis.get(f"{shared_key}:last")  # the start Redis recorded
    assert window.shared and last is not None

    relay.cut()
    own_limit = 30 // FALLBACK_SHARE
    began = time.monotonic()
    for _ in range(own_limit + 2):
        await asyncio.wait_for(window.acquire(), 5)  # never stalls on the missing Redis
    elapsed = time.monotonic() - began
    assert not window.shared
    assert elapsed >= 0.95, f"{own_limit + 2} sends in {elapsed:.2f} s: more than its share"
    assert await redis.get(f"{shared_key}:last") == last  # none of them reached Redis

    relay.restore()
    await asyncio.sleep(0.35)  # past `retry`: Redis is asked again
    await window.acquire()
    assert window.shared and await redis.get(f"{shared_key}:last") != last


async def test_a_429_while_redis_is_away_still_pauses_the_worker(
    relayed: tuple[TcpRelay, Redis],
) -> None:
    relay, client = relayed
    relay.cut()
    window = SharedWindow(client, 30, key=key(), retry=60)
    await window.acquire()
    assert not window.shared
    window.pause(0.5)  # its message to Redis fails in the background, quietly
    began = time.monotonic()
    await window.acquire()
    assert time.monotonic() - began >= 0.45
    if window._pending:
        await asyncio.wait(set(window._pending), timeout=2)
    await asyncio.sleep(0)  # the done callbacks run
    assert not window._pending  # the failed pause settled and was let go, quietly
