"""Benchmark: 3,000 reminders through the outbox to the fake Telegram Bot API server with
its rate limits switched on (30 messages a second overall, 1 a second per chat).

Prints the achieved rate as a share of 30 msg/s and the 429 answers received; goal: at least
95 % and no 429. Each message goes to its own private chat; each is checked sent once.

    .venv/bin/python bench/bench_outbox_rate.py [--messages 3000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_session import make_bot
from bot.dispatcher import OutboxDispatcher, link_maker
from bot.runtime import build_runtime
from bot.settings import Settings
from domain.model import Channel
from tests.fakes.telegram_server import FakeTelegramServer

# Secret ballots are sealed with a secret outside the database (db/sealing.py).
os.environ.setdefault("BALLOT_SECRET", "bench-only-ballot-secret-0123456789")

TELEGRAM_RATE = 30.0
GOAL_SHARE = 0.95


class ServerThread:
    """The fake Bot API server on its own thread and event loop, as Telegram is another
    machine: its clock counts arrivals, not the bot's own scheduling."""

    def __init__(self) -> None:
        self.server = FakeTelegramServer()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> FakeTelegramServer:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self.loop).result()
        return self.server

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()


async def run(messages: int, database_url: str) -> None:
    settings = Settings(database_url=database_url, _env_file=None)  # type: ignore[call-arg]
    runtime = await build_runtime(settings)
    with ServerThread() as server:
        server.enable_rate_limits()
        bot = make_bot("42:BENCH", server.base_url)
        channel = TelegramChannel(runtime.app, bot)
        now = datetime.now(UTC)
        async with runtime.uow() as uow:
            for n in range(messages):
                text = f"⏰ Còn 1 ngày: hạn nộp bảng tự chấm điểm năm 2022 (nhắc số {n + 1})."
                await uow.outbox.enqueue("telegram", str(10_000 + n), {"text": text}, now)
            await uow.commit()
        dispatcher = OutboxDispatcher(
            runtime.app.uow_factory, runtime.clock, {Channel.TELEGRAM: channel},
            link_maker(settings.public_base_url, "bench"),
        )  # fmt: skip
        started = time.perf_counter()
        sent, left = 0, messages
        while left:  # a 429 leaves a message queued for a moment: the dispatcher comes back
            sent += await dispatcher.flush()
            async with runtime.uow() as uow:
                left = await uow.outbox.pending_count()
            if left:
                await asyncio.sleep(0.2)
        elapsed = time.perf_counter() - started
        await bot.session.close()
        per_chat = Counter(
            call.params["chat_id"] for call in server.calls_of("sendMessage") if call.ok
        )
    await runtime.close()
    rate = sent / elapsed
    print(f"messages:            {messages} ({sent} handled, {left} left queued)")
    print(f"delivered once each: {len(per_chat) == messages and set(per_chat.values()) == {1}}")
    print(f"time:                {elapsed:.1f} s")
    print(f"rate:                {rate:.2f} msg/s = {rate / TELEGRAM_RATE:.1%} of 30 msg/s"
          f" (goal ≥ {GOAL_SHARE:.0%})")  # fmt: skip
    print(f"429 answers:         {server.rate_limited} (goal 0)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite+aiosqlite:///{folder}/bench.db"
        asyncio.run(run(args.messages, url))


if __name__ == "__main__":
    main()
