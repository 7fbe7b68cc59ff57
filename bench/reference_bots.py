"""The two bots the webhook bench measures the full bot against, each run as a process of its
own (`python bench/reference_bots.py echo PORT API_BASE` or `... floor PORT API_BASE DSN`):

- echo: a bare aiogram 3 Dispatcher answering each message with sendMessage and each press
  with answerCallbackQuery, served by aiogram's aiohttp webhook handler. The issue's yardstick.
- floor: the echo bot plus, before each answer, the least bookkeeping the production mode asks
  of any bot (processed update ids and conversation state kept in PostgreSQL), in one
  transaction through bare asyncpg: claim the update id, read the sender's account and
  conversation, write the conversation back. No ORM, no domain, no views: what this machine
  allows a bot that keeps its state in PostgreSQL, whatever it is written with.
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
    import asyncpg
    from aiogram import Bot, Dispatcher
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import CallbackQuery, Message, TelegramObject, Update
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler
    from aiohttp import web

    from bot.webhooks import TELEGRAM_PATH
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

    if kind == "floor":
        pools: list[asyncpg.Pool] = []

        async def connect(_app: web.Application) -> None:
            pools.append(await asyncpg.create_pool(dsn, min_size=2, max_size=10))
            async with pools[0].acquire() as connection:
                await connection.execute(FLOOR_SCHEMA)

        async def bookkeeping(
            handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
            update: TelegramObject,
            data: dict[str, Any],
        ) -> Any:
            assert isinstance(update, Update)
            event = update.message or update.callback_query
            assert event is not None and event.from_user is not None
            sender = event.from_user.id
            async with pools[0].acquire() as connection, connection.transaction():
                if await connection.fetchval(CLAIM, update.update_id) is None:
                    return None  # delivered before: answered then
                await connection.fetchval(ACCOUNT, sender)
                state = json.loads(await connection.fetchval(CONVERSATION, sender) or "{}")
                state["last"] = update.update_id
                await connection.execute(SAVE, sender, json.dumps(state))
            return await handler(update, data)

        app.on_startup.append(connect)
        dispatcher.update.outer_middleware(bookkeeping)

    async def health(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    # Handled before the answer, as the full bot does (a killed process is retried).
    handler = SimpleRequestHandler(dispatcher, bot, handle_in_background=False, secret_token=SECRET)
    handler.register(app, path=TELEGRAM_PATH)
    app.router.add_get("/healthz", health)
    web.run_app(app, host=HOST, port=port, print=None, access_log=None)


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
