"""The aiogram client session, with the response models it builds kept alive.

aiogram parses every Bot API answer with `Response[<the method's return type>]`, a pydantic
generic built on first use and cached only weakly: a garbage collection drops it and the next
call builds the model class again (a few milliseconds, about a quarter of the bot's CPU under
load). Keeping one reference per return type makes every later call a cache hit.

The models a worker needs for every update (`Update`, and the methods it answers with and
their responses) are built when the bot is made, before the worker takes updates: aiogram's
types are built on first use (bot/channels/aiogram_models.py), and a fresh worker that built
them on its first presses spent about 0.3 s of CPU on them while those presses waited."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.client.telegram import TelegramAPIServer
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageText,
    GetChatMember,
    Response,
    SendDocument,
    SendMessage,
    SetMyCommands,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import Update

# What the bot calls while handling updates and sending the outbox (bot/channels/telegram*.py).
HOT_METHODS: tuple[type[TelegramMethod[Any]], ...] = (
    AnswerCallbackQuery, SendMessage, EditMessageText, SendDocument, SetMyCommands, GetChatMember,
)  # fmt: skip


class KeepResponseModels(BaseRequestMiddleware):
    def __init__(self) -> None:
        self.models: dict[Any, type[Response[Any]]] = {}

    def build(self, methods: tuple[type[TelegramMethod[Any]], ...]) -> None:
        for method in methods:
            method.model_rebuild()
            self._keep(method.__returning__)

    def _keep(self, returning: Any) -> None:
        if returning not in self.models:
            self.models[returning] = Response[returning]

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        self._keep(method.__returning__)
        return await make_request(bot, method)


def make_bot(token: str, api_base: str | None) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base)) if api_base else None
    bot = Bot(token, session=session)
    models = KeepResponseModels()
    Update.model_rebuild()
    models.build(HOT_METHODS)
    bot.session.middleware(models)
    return bot
