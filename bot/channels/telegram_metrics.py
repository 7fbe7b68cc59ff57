"""The Telegram channel's measurements for /metrics, as aiogram middlewares (kept apart from
bot/metrics.py so that a worker without Telegram never imports aiogram)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import TelegramObject

from bot.metrics import Metrics


class TelegramRateLimits(BaseRequestMiddleware):
    """An aiogram client-session middleware: every 429 the Bot API answers, whichever call
    (a reply, an outbox send, an edit) got it."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Any,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter:
            self._metrics.rate_limited.inc(channel="telegram")
            raise


class TelegramUpdateTiming(BaseMiddleware):
    """An aiogram outer middleware on updates: counts and times each one, polled or posted
    to the webhook."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        with self._metrics.timed("telegram"):
            return await handler(event, data)
