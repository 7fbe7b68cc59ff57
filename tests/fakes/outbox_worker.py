"""A worker process that only sends the outbox, through the real Telegram channel, to a fake
Bot API server: what the crash test and bench kill with SIGKILL mid-send.

    python -m tests.fakes.outbox_worker DATABASE_URL BOT_API_URL [--lease SECONDS]

It prints its claimer name (the outbox's `claimed_by`) on its first line, then sends until
it is killed. A short lease lets the others take a killed worker's messages over soon."""

from __future__ import annotations

import argparse
import asyncio
import os
from datetime import timedelta

import db.outbox
from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_session import make_bot
from bot.dispatcher import OutboxDispatcher, link_maker
from bot.runtime import build_runtime
from bot.settings import Settings
from domain.model import Channel

TOKEN = "42:OUTBOX"


async def work(database_url: str, bot_api_url: str) -> None:
    settings = Settings(database_url=database_url, _env_file=None)  # type: ignore[call-arg]
    runtime = await build_runtime(settings, migrate=False)
    bot = make_bot(TOKEN, bot_api_url)
    dispatcher = OutboxDispatcher(
        runtime.app.uow_factory, runtime.clock,
        {Channel.TELEGRAM: TelegramChannel(runtime.app, bot)},
        link_maker(settings.public_base_url, "outbox-worker"), interval=0.05,
    )  # fmt: skip
    print(db.outbox.WORKER, flush=True)
    await dispatcher.run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database_url")
    parser.add_argument("bot_api_url")
    parser.add_argument("--lease", type=float, default=db.outbox.LEASE.total_seconds())
    args = parser.parse_args()
    db.outbox.LEASE = timedelta(seconds=args.lease)
    os.environ.setdefault("BALLOT_SECRET", "outbox-worker-ballot-secret-0123456789")
    asyncio.run(work(args.database_url, args.bot_api_url))


if __name__ == "__main__":
    main()
