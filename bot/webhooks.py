"""Webhook mode: Telegram and Zalo post their updates to the bot's web server.

Each call is checked against the secret the bot registered (401 and nothing processed when it
is wrong), parsed (400 when it is not an update), and handled before it is answered: a worker
killed mid-update never said 200, so the platform delivers it again, and `BotApp` recognises
an update already handled (its id is recorded with its changes), on this worker or another."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets

from aiogram.exceptions import TelegramRetryAfter
from aiogram.types import Update
from aiohttp import web
from pydantic import ValidationError

from bot.app import BotApp
from bot.channels.telegram import ALLOWED_UPDATES as ALLOWED_UPDATES  # (where tests look)
from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_api import parse_update
from bot.settings import Settings

log = logging.getLogger(__name__)

TELEGRAM_PATH = "/webhook/telegram"
ZALO_PATH = "/webhook/zalo"
TELEGRAM_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ZALO_HEADER = "X-Bot-Api-Secret-Token"
SECRET_KEY_NAME = "webhook-secret"
SET_WEBHOOK_TRIES = 10  # workers started together: one sets it each second, the rest see it


async def webhook_secret(app: BotApp, settings: Settings) -> str:
    """WEBHOOK_SECRET, or one made once and kept in the database, shared by every worker.
    (token_urlsafe: the letters, digits, _ and - that Telegram accepts, 43 of them.)"""
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    async with app.uow_factory() as uow:
        secret = await uow.app_settings.secret(SECRET_KEY_NAME)
        await uow.commit()
    return secret


def webhook_url(base: str, path: str) -> str:
    return base.rstrip("/") + path


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
        if not _secret_matches(request.headers.get(TELEGRAM_HEADER, ""), self.secret):
            return _status(401)
        try:
            data = await request.json(loads=json.loads)
            bot = self.channel.bot
            update = Update.model_validate(data, context={"bot": bot})
        except (ValueError, ValidationError):  # not JSON, or not an update
            return _status(400)
        try:
            await self.channel.dispatcher.feed_update(bot, update)
        except Exception:
            # Telegram delivers it again; what was recorded is recognised then.
            log.exception("telegram: webhook update %s failed", update.update_id)
            return _status(500)
        return _status(200)


class ZaloWebhook:
    def __init__(self, channel: ZaloChannel, secret: str) -> None:
        self.channel = channel
        self.secret = secret
        channel.redelivers = True

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post(ZALO_PATH, self.receive)

    async def register(self, base_url: str) -> None:
        me = await self.channel.api.get_me()
        await self.channel.api.set_webhook(webhook_url(base_url, ZALO_PATH), self.secret)
        log.info("zalo: webhook set for %s", me.account_name)

    async def receive(self, request: web.Request) -> web.Response:
        if not _secret_matches(request.headers.get(ZALO_HEADER, ""), self.secret):
            return _status(401)
        try:
            data = await request.json(loads=json.loads)
            if isinstance(data, dict) and isinstance(data.get("result"), dict):
                data = data["result"]  # the getUpdates envelope, should a call carry one
            update = parse_update(data)
        except ValueError:
            return _status(400)
        try:
            await self.channel.handle(update)
        except Exception:
            log.exception("zalo: webhook message %s failed", update.message_id)
            return _status(500)
        return _status(200)


def _secret_matches(given: str, secret: str) -> bool:
    # aiohttp keeps bytes that are not UTF-8 as surrogates: given back, never an error.
    return secrets.compare_digest(given.encode("utf-8", "surrogateescape"), secret.encode())


def _status(status: int) -> web.Response:
    return web.json_response({"ok": status == 200}, status=status)
