"""The bot's overall send rate shared by every worker through Redis (REDIS_URL): Telegram's
limit is per bot, not per process, so N workers each pacing themselves would send N times
too fast. One Lua script keeps, on the Redis server's own clock, the last second's sends,
the last start (even spacing) and a pause after a 429, atomically for all workers.

Redis only carries this short-lived pacing: while it does not answer, each worker paces
itself on a share of the rate and the outbox keeps sending."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from bot.dispatcher import SlidingWindow

log = logging.getLogger(__name__)

KEY = "thidua:outbox:sends"
TIMEOUT = 2.0  # seconds: a Redis that hangs counts as away, not as a stalled outbox
RETRY = 10.0  # seconds: how long a worker paces itself before asking Redis again
# While Redis is away each worker keeps a third of the rate: the guide's three workers stay
# under the limit together; more would meet a 429, which pauses and retries as always.
FALLBACK_SHARE = 3
AWAY = (RedisError, OSError, TimeoutError)

# Returns 0 when this send may start now (and records it), else the seconds to wait.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local window, limit, closest = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local paused = tonumber(redis.call('GET', KEYS[1] .. ':paused') or '0')
if now < paused then return tostring(paused - now) end
local last = tonumber(redis.call('GET', KEYS[1] .. ':last') or '0')
if now < last + closest then return tostring(last + closest - now) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tostring(tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], 5000)
redis.call('SET', KEYS[1] .. ':last', tostring(now), 'PX', 5000)
return '0'
"""

_PAUSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local until_ = now + tonumber(ARGV[1])
local paused = tonumber(redis.call('GET', KEYS[1] .. ':paused') or '0')
if until_ > paused then
  local ttl = math.ceil(tonumber(ARGV[1]) * 1000) + 1000
  redis.call('SET', KEYS[1] .. ':paused', tostring(until_), 'PX', ttl)
end
return 'OK'
"""


def redis_client(url: str) -> Redis:
    """One quick retry (a pooled connection that a Redis restart closed), not redis-py's ten
    with backoff: a Redis that is away is found out in a moment, and the outbox goes on."""
    return Redis.from_url(
        url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT, retry=Retry(NoBackoff(), 1)
    )


class SharedWindow:
    """What `SlidingWindow` does in one process, for all of them: at most `limit` sends in
    any second, never two closer than 90 % of an even spacing, and a 429's pause for all."""

    def __init__(
        self,
        redis: Redis,
        limit: float,
        window: float = 1.0,
        key: str = KEY,
        retry: float = RETRY,
    ) -> None:
        self._redis = redis
        self._key = key
        self._args = (window, int(limit), 0.9 * window / int(limit))
        self._acquire: Any = redis.register_script(_ACQUIRE)
        self._pause: Any = redis.register_script(_PAUSE)
        self._pending: set[asyncio.Task[Any]] = set()
        self._own = SlidingWindow(max(1, int(limit) // FALLBACK_SHARE), window)
        self._retry = retry
        self._away_until: float | None = None  # loop time; None while Redis answers

    @classmethod
    def connect(cls, url: str, limit: float) -> SharedWindow:
        return cls(redis_client(url), limit)

    @property
    def shared(self) -> bool:
        """Whether the last send was paced through Redis."""
        return self._away_until is None

    async def acquire(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            if self._away_until is not None and loop.time() < self._away_until:
                await self._own.acquire()
                return
            member = uuid.uuid4().hex
            try:
                wait = float(await self._acquire(keys=[self._key], args=[*self._args, member]))
            except AWAY as error:
                if self._away_until is None:
                    log.warning("Redis does not answer (%r): this worker paces its own sends"
                                " until it does", error)  # fmt: skip
                self._away_until = loop.time() + self._retry
                continue
            if self._away_until is not None:
                log.warning("Redis answers again: the send rate is shared")
                self._away_until = None
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    def pause(self, seconds: float) -> None:
        """Called from the send that got the 429; the pause reaches Redis in the background
        (and this worker's own pacing, for when Redis is away)."""
        self._own.pause(seconds)
        task = asyncio.get_running_loop().create_task(self._pause(keys=[self._key], args=[seconds]))
        self._pending.add(task)
        task.add_done_callback(self._settled)

    def _settled(self, task: asyncio.Task[Any]) -> None:
        self._pending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.debug("a 429's pause did not reach Redis: %r", task.exception())

    async def close(self) -> None:
        await self._redis.aclose()
