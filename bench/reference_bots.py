"""The bots the webhook bench measures the full bot against, each run as a process of its
own (`python bench/reference_bots.py echo PORT API_BASE`, or `floor` or `floor-sqlalchemy` with a
PostgreSQL DSN after them):

- echo: a bare aiogram 3 Dispatcher answering each message with sendMessage and each press
  with answerCallbackQuery, served by aiogram's aiohttp webhook handler. The issue's yardstick.
- floor: the echo bot plus, before each answer, the least bookkeeping the production mode asks
  of any bot (processed update ids and conversation state kept in PostgreSQL), in one
  transaction through bare asyncpg: claim the update id, read the sender's account and
  conversation, write the conversation back. No ORM, no domain, no views: what this machine
  allows a bot that keeps its state in PostgreSQL, whatever it is written with.
- floor-sqlalchemy: the same statements through SQLAlchemy 2 async Core (text statements on an
  AsyncEngine, no ORM): what the project's stack allows before any domain work.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FLOOR_SCHEMA = """
CREATE TABLE IF NOT EXISTS floor_processed (update_id bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS floor_accounts (user_id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE IF NOT EXISTS floor_conversations (user_id bigint PRIMARY KEY, state text NOT NULL);
INSERT INTO floor_accounts SELECT n, 'Cán bộ ' || n FROM generate_series(30000, 40000) AS n
ON CONFLICT DO NOTHING;
"""
CLAIM = "INSERT INTO floor_processed VALUES ($1) ON CONFLICT DO NOTHING RETURNING update_id"
ACCOUNT = "SELECT name FROM floor_accounts WHERE user_id = $1"
CONVERSATION = "SELECT state FROM floor_conversations WHERE user_id = $1"
SAVE = (
    "INSERT INTO floor_conversations VALUES ($1, $2)"
    " ON CONFLICT (user_id) DO UPDATE SET state = excluded.state"
)


def serve(kind: str, port: int, api_base: str, dsn: str | None) -> None:
    from aiogram import Bot, Dispatcher
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import CallbackQuery, Message, TelegramObject, Update
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler
    from aiohttp import web

    from bot.channels.telegram_webhook import TELEGRAM_PATH
    from tests.e2e.workers_support import HOST, SECRET, TOKEN

    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(api_base)))
    dispatcher = Dispatcher()
    app = web.Application()

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "…")

    @dispatcher.callback_query()
    async def pressed(query: CallbackQuery) -> None:
        await query.answer("✓")

    if kind.startswith("floor"):
        assert dsn is not None
        book = _asyncpg_bookkeeping(dsn) if kind == "floor" else _sqlalchemy_bookkeeping(dsn)

        async def bookkeeping(
            handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
            update: TelegramObject,
            data: dict[str, Any],
        ) -> Any:
            assert isinstance(update, Update)
            event = update.message or update.callback_query
            assert event is not None and event.from_user is not None
            if not await book(update.update_id, event.from_user.id):
                return None  # delivered before: answered then
            return await handler(update, data)

        dispatcher.update.outer_middleware(bookkeeping)

    async def health(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    # Handled before the answer, as the full bot does (a killed process is retried).
    handler = SimpleRequestHandler(dispatcher, bot, handle_in_background=False, secret_token=SECRET)
    handler.register(app, path=TELEGRAM_PATH)
    app.router.add_get("/healthz", health)
    web.run_app(app, host=HOST, port=port, print=None, access_log=None)


# Claims the update id (False: delivered before) and keeps the conversation. Each makes its
# tables on the first update: the bench posts one alone before the load.
Bookkeeping = Callable[[int, int], Awaitable[bool]]


def _asyncpg_bookkeeping(dsn: str) -> Bookkeeping:
    import asyncpg

    pools: list[asyncpg.Pool] = []

    async def book(update_id: int, sender: int) -> bool:
        if not pools:
            pools.append(await asyncpg.create_pool(dsn, min_size=2, max_size=10))
            async with pools[0].acquire() as connection:
                await connection.execute(FLOOR_SCHEMA)
        async with pools[0].acquire() as connection, connection.transaction():
            if await connection.fetchval(CLAIM, update_id) is None:
                return False
            await connection.fetchval(ACCOUNT, sender)
            state = json.loads(await connection.fetchval(CONVERSATION, sender) or "{}")
            state["last"] = update_id
            await connection.execute(SAVE, sender, json.dumps(state))
        return True

    return book


def _sqlalchemy_bookkeeping(dsn: str) -> Bookkeeping:
    """The same statements through SQLAlchemy 2 async Core (the project's stack), no ORM."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(dsn.replace("postgresql://", "postgresql+asyncpg://", 1))
    claim, account, conversation, save = (
        text(sql.replace("$1", ":a").replace("$2", ":b"))
        for sql in (CLAIM, ACCOUNT, CONVERSATION, SAVE)
    )
    made: list[bool] = []

    async def book(update_id: int, sender: int) -> bool:
        if not made:
            async with engine.begin() as connection:
                driver = await connection.get_raw_connection()
                await driver.driver_connection.execute(FLOOR_SCHEMA)  # type: ignore[union-attr]
            made.append(True)
        async with engine.begin() as connection:
            if (await connection.execute(claim, {"a": update_id})).first() is None:
                return False
            await connection.scalar(account, {"a": sender})
            state = json.loads(await connection.scalar(conversation, {"a": sender}) or "{}")
            state["last"] = update_id
            await connection.execute(save, {"a": sender, "b": json.dumps(state)})
        return True

    return book


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
