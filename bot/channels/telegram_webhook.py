"""Telegram's updates by webhook (production mode), apart from bot/webhooks.py so that a
worker without Telegram never imports aiogram."""

from __future__ import annotations

import asyncio
import logging

from aiogram.exceptions import TelegramRetryAfter
from aiogram.types import Update
from aiohttp import web
from pydantic import ValidationError

from bot.channels.telegram import ALLOWED_UPDATES, TelegramChannel
from bot.webhooks import secret_matches, status_response, webhook_url
from imports.json_source import loads as strict_json

log = logging.getLogger(__name__)

TELEGRAM_PATH = "/webhook/telegram"
TELEGRAM_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SET_WEBHOOK_TRIES = 10  # workers started together: one sets it each second, the rest see it


class TelegramWebhook:
    def __init__(self, channel: TelegramChannel, secret: str) -> None:
        self.channel = channel
        self.secret = secret
        channel.redelivers = True

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post(TELEGRAM_PATH, self.receive)

    async def register(self, base_url: str) -> None:
        """The commands menu and the bot's name, then the webhook (set by every worker on
        start: the same URL and secret, so it is idempotent). Telegram takes setWebhook once
        a second per bot and answers a 429 to the others: a worker refused waits it out,
        then finds the webhook set by another (the secret is shared) or sets it itself."""
        # No delete first: the other workers keep receiving while this one starts.
        await self.channel.setup(polling=False)
        bot, url = self.channel.bot, webhook_url(base_url, TELEGRAM_PATH)
        for attempt in range(1, SET_WEBHOOK_TRIES + 1):
            try:
                await bot.set_webhook(
                    url, secret_token=self.secret, allowed_updates=ALLOWED_UPDATES,
                    drop_pending_updates=False,
                )  # fmt: skip
                break
            except TelegramRetryAfter as error:
                if attempt == SET_WEBHOOK_TRIES:
                    raise
                await asyncio.sleep(error.retry_after)
            info = await bot.get_webhook_info()
            if info.url == url and sorted(info.allowed_updates or []) == sorted(ALLOWED_UPDATES):
                log.info("telegram: webhook already set by another worker")
                break
        log.info("telegram: webhook set for @%s", self.channel.username)

    async def receive(self, request: web.Request) -> web.Response:
        if not secret_matches(request.headers.get(TELEGRAM_HEADER, ""), self.secret):
            return status_response(401)
        try:
            data = await request.json(loads=strict_json)
            bot = self.channel.bot
            update = Update.model_validate(data, context={"bot": bot})
        except (ValueError, ValidationError):  # not JSON, hostile JSON, or not an update
            return status_response(400)
        try:
            await self.channel.dispatcher.feed_update(bot, update)
        except Exception:
            # Telegram delivers it again; what was recorded is recognised then.
            log.exception("telegram: webhook update %s failed", update.update_id)
            return status_response(500)
        return status_response(200)
