"""Runs the configured channels side by side until one ends or the process is stopped."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.channels.console import ConsoleChannel
from bot.channels.telegram import TelegramChannel, make_bot
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_api import ZaloBotAPI
from bot.dispatcher import OutboxDispatcher, Sender, link_maker
from bot.runtime import Runtime
from bot.web import WebServer
from domain.model import Channel
from scheduler.runner import build_scheduler

log = logging.getLogger(__name__)


async def serve(runtime: Runtime, banner: str | None = None) -> int:
    settings = runtime.settings
    runners: list[Callable[[], Coroutine[Any, Any, None]]] = []
    stoppers: list[Callable[[], Awaitable[None]]] = []
    closers: list[Callable[[], Awaitable[None]]] = []
    senders: dict[Channel, Sender] = {}
    if settings.telegram_bot_token:
        bot = make_bot(settings.telegram_bot_token.get_secret_value(), settings.telegram_api_base)
        telegram = TelegramChannel(runtime.app, bot, settings.polling_timeout)
        runners.append(telegram.run)
        senders[Channel.TELEGRAM] = telegram
        stoppers.append(telegram.stop)
        closers.append(bot.session.close)
    if settings.zalo_bot_token:
        # Zalo gets files as links to this server.
        web = WebServer(
            runtime.app.uow_factory, runtime.clock, await runtime.app.signing_secret(),
            settings.web_host, settings.web_port,
        )  # fmt: skip
        await web.start()
        closers.append(web.stop)
        api = ZaloBotAPI(settings.zalo_bot_token.get_secret_value(), settings.zalo_api_base)
        zalo = ZaloChannel(runtime.app, api, settings.polling_timeout)
        runners.append(zalo.run)
        senders[Channel.ZALO] = zalo
        stoppers.append(zalo.stop)
        closers.append(api.close)
    if banner is not None:
        console = ConsoleChannel(runtime.app)
        runners.append(lambda: console.run(banner))
        senders[Channel.CONSOLE] = console
    dispatcher = OutboxDispatcher(
        runtime.app.uow_factory, runtime.clock, senders,
        link_maker(settings.public_base_url, await runtime.app.signing_secret()),
    )  # fmt: skip
    runners.append(dispatcher.run)
    stoppers.append(dispatcher.stop)
    scheduler = build_scheduler(runtime.app.uow_factory, runtime.clock, runtime.app.notices)
    scheduler.start()
    stoppers.append(_shutdown(scheduler))
    tasks = [asyncio.create_task(runner()) for runner in runners]
    try:
        done, _pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task.exception() is not None:
                log.error("a channel stopped: %r", task.exception())
                return 1
        return 0
    finally:
        for stop in stoppers:
            await stop()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for close in closers:
            await close()


def _shutdown(scheduler: AsyncIOScheduler) -> Callable[[], Awaitable[None]]:
    async def stop() -> None:
        scheduler.shutdown(wait=False)

    return stop
