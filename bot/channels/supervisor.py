"""Runs the configured channels side by side until one ends or the process is stopped.

Polling (the default) or webhooks (`run --webhook`, or WEBHOOK_URL set): then one web server
takes both platforms' updates, and several workers may run side by side on one PostgreSQL
database. Every worker sends the outbox (rows claimed, never sent twice); one at a time runs
the scheduler, the one holding the database lock."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from bot import heap
from bot.channels.console import ConsoleChannel
from bot.channels.zalo_api import ZaloBotAPI
from bot.dispatcher import OVERALL_RATE, OutboxDispatcher, Sender, link_maker
from bot.metrics import CountingSender, MeasuredZaloChannel, Metrics
from bot.runtime import Runtime
from bot.web import WebServer, add_web_pages
from bot.webhooks import ZaloWebhook, webhook_secret
from db.leader import scheduler_lock
from domain.model import Channel
from scheduler.leader import SchedulerLeader
from scheduler.runner import build_scheduler

log = logging.getLogger(__name__)


async def serve(
    runtime: Runtime,
    console: ConsoleChannel | None = None,
    banner: str = "",
    pick: bool = False,
    webhook: bool = False,
) -> int:
    """Run until a channel ends (the console's /thoat) or the process is stopped. `pick`
    opens the console with the units to act as."""
    settings = runtime.settings
    base_url = settings.webhook_url
    if webhook and not base_url:
        log.error("webhook mode needs WEBHOOK_URL, the public HTTPS base of this server")
        return 2
    webhook = bool(base_url)
    runners: list[Callable[[], Coroutine[Any, Any, None]]] = []
    stoppers: list[Callable[[], Awaitable[None]]] = []
    closers: list[Callable[[], Awaitable[None]]] = []
    registrations: list[Callable[[str], Awaitable[None]]] = []
    senders: dict[Channel, Sender] = {}
    metrics = Metrics()
    signing = await runtime.app.signing_secret()
    lock = scheduler_lock(runtime.engine)
    leader = SchedulerLeader(
        lock, lambda: build_scheduler(runtime.app.uow_factory, runtime.clock, runtime.app.notices)
    )
    web: WebServer | None = None
    if webhook or settings.zalo_bot_token or settings.zalo_oa_enabled or settings.web_pages:
        # Zalo gets files as links to this server; webhooks arrive there; the web pages too.
        web = WebServer(
            runtime.app.uow_factory, runtime.clock, signing, settings.web_host, settings.web_port,
            metrics=metrics, leader=lambda: leader.is_leader, leader_present=lock.holder_present,
        )  # fmt: skip
        add_web_pages(web, runtime.app, settings)
    secret = await webhook_secret(runtime.app, settings) if webhook else ""
    if settings.telegram_bot_token:
        # aiogram is imported only where Telegram runs: some 40 MB and half a second to load,
        # its types built on first use (bot/channels/aiogram_models.py).
        from bot.channels.telegram import TelegramChannel
        from bot.channels.telegram_metrics import TelegramRateLimits, TelegramUpdateTiming
        from bot.channels.telegram_session import make_bot
        from bot.channels.telegram_webhook import TelegramWebhook

        bot = make_bot(settings.telegram_bot_token.get_secret_value(), settings.telegram_api_base)
        bot.session.middleware(TelegramRateLimits(metrics))
        telegram = TelegramChannel(runtime.app, bot, settings.polling_timeout)
        telegram.dispatcher.update.outer_middleware(TelegramUpdateTiming(metrics))
        if web is not None and webhook:
            telegram_hook = TelegramWebhook(telegram, secret)
            telegram_hook.add_routes(web.app)
            registrations.append(telegram_hook.register)
        else:
            runners.append(telegram.run)
            stoppers.append(telegram.stop)
        senders[Channel.TELEGRAM] = CountingSender(telegram, "telegram", metrics, count_429=False)
        closers.append(bot.session.close)
    if settings.zalo_bot_token:
        api = ZaloBotAPI(settings.zalo_bot_token.get_secret_value(), settings.zalo_api_base)
        zalo = MeasuredZaloChannel(runtime.app, api, metrics, settings.polling_timeout)
        if web is not None and webhook:
            zalo_hook = ZaloWebhook(zalo, secret)
            zalo_hook.add_routes(web.app)
            registrations.append(zalo_hook.register)
        else:
            runners.append(zalo.run)
            stoppers.append(zalo.stop)
        # Its 429s are counted by the channel: a send held while the quota is waited out is
        # not one.
        senders[Channel.ZALO] = CountingSender(zalo, "zalo", metrics, count_429=False)
        closers.append(api.close)
    if settings.zalo_oa_enabled and web is not None:
        # The Official Account only posts its events: its webhook serves in either mode.
        from bot.channels.zalo_oa_setup import build_zalo_oa

        oa = await build_zalo_oa(runtime, metrics, web)
        runners.append(oa.channel.run)  # the token's keeper
        stoppers.append(oa.channel.stop)
        senders[Channel.ZALO_OA] = CountingSender(oa.channel, "zalo_oa", metrics)
        closers.append(oa.close)
    if console is not None:
        runners.append(lambda: console.run(banner, pick=pick))
        senders[Channel.CONSOLE] = console
    if web is not None:
        try:
            await web.start()
        except OSError as error:
            if webhook or settings.zalo_bot_token or settings.zalo_oa_enabled:
                raise  # the platforms' updates or file links need it
            # Only the pages beside a console (its port taken by another bot): without them.
            log.warning("web pages not started: %s", error)
            await web.stop()
            web = None
    if web is not None:
        closers.insert(0, web.stop)  # no more updates in, before the clients close
    window = None
    if settings.redis_url:  # several workers: one overall send rate between them
        from bot.shared_rate import SharedWindow

        shared = SharedWindow.connect(settings.redis_url, OVERALL_RATE)
        window = shared
        closers.append(shared.close)
    dispatcher = OutboxDispatcher(
        runtime.app.uow_factory, runtime.clock, senders,
        link_maker(settings.public_base_url, signing), window=window,
    )  # fmt: skip
    runners.append(dispatcher.run)
    stoppers.append(dispatcher.stop)
    runners.append(leader.run)
    stoppers.append(leader.stop)
    tasks: list[asyncio.Task[None]] = []
    heap.settle()
    try:
        for register in registrations:  # the server already listens: updates may come at once
            assert base_url is not None
            try:
                await register(base_url)
            except Exception:
                log.exception("could not register a webhook")
                return 1
        tasks = [asyncio.create_task(runner()) for runner in runners]
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
