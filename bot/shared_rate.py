"""The bot's overall send rate shared by every worker through Redis (REDIS_URL): Telegram's
limit is per bot, not per process, so N workers each pacing themselves would send N times
too fast. One Lua script keeps, on the Redis server's own clock, the last second's sends,
the last start (even spacing) and a pause after a 429, atomically for all workers."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from redis.asyncio import Redis

KEY = "thidua:outbox:sends"

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


class SharedWindow:
    """What `SlidingWindow` does in one process, for all of them: at most `limit` sends in
    any second, never two closer than 90 % of an even spacing, and a 429's pause for all."""

    def __init__(self, redis: Redis, limit: float, window: float = 1.0, key: str = KEY) -> None:
        self._redis = redis
        self._key = key
        self._args = (window, int(limit), 0.9 * window / int(limit))
        self._acquire: Any = redis.register_script(_ACQUIRE)
        self._pause: Any = redis.register_script(_PAUSE)
        self._pending: set[asyncio.Task[Any]] = set()

    @classmethod
    def connect(cls, url: str, limit: float) -> SharedWindow:
        return cls(Redis.from_url(url), limit)

    async def acquire(self) -> None:
        while True:
            member = uuid.uuid4().hex
            wait = float(await self._acquire(keys=[self._key], args=[*self._args, member]))
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    def pause(self, seconds: float) -> None:
        """Called from the send that got the 429; the pause reaches Redis in the background."""
        task = asyncio.get_running_loop().create_task(self._pause(keys=[self._key], args=[seconds]))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def close(self) -> None:
        await self._redis.aclose()
