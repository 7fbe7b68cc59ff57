"""Webhook mode: Telegram and Zalo post their updates to the bot's web server.

Each call is checked against the secret the bot registered (401 and nothing processed when it
is wrong), parsed (400 when it is not an update, or nests deeper than any update, or holds
NaN or Infinity: `imports.json_source`), and handled before it is answered: a worker
killed mid-update never said 200, so the platform delivers it again, and `BotApp` recognises
an update already handled (its id is recorded with its changes), on this worker or another."""

from __future__ import annotations

import logging
import secrets

from aiohttp import web

from bot.app import BotApp
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_api import parse_update
from bot.settings import Settings
from imports.json_source import loads as strict_json

log = logging.getLogger(__name__)

ZALO_PATH = "/webhook/zalo"
ZALO_HEADER = "X-Bot-Api-Secret-Token"
SECRET_KEY_NAME = "webhook-secret"


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
        if not secret_matches(request.headers.get(ZALO_HEADER, ""), self.secret):
            return status_response(401)
        try:
            data = await request.json(loads=strict_json)
            if isinstance(data, dict) and isinstance(data.get("result"), dict):
                data = data["result"]  # the getUpdates envelope, should a call carry one
            update = parse_update(data)
        except ValueError:
            return status_response(400)
        try:
            await self.channel.handle(update)
        except Exception:
            log.exception("zalo: webhook message %s failed", update.message_id)
            return status_response(500)
        return status_response(200)


def secret_matches(given: str, secret: str) -> bool:
    # aiohttp keeps bytes that are not UTF-8 as surrogates: given back, never an error.
    return secrets.compare_digest(given.encode("utf-8", "surrogateescape"), secret.encode())


def status_response(status: int) -> web.Response:
    return web.json_response({"ok": status == 200}, status=status)
