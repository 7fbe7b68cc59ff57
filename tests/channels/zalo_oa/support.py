"""The real Official Account channel, built from settings as `serve` builds it, behind the
bot's web server, talking to FakeZaloOAServer; the outbox sent by the real dispatcher."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pydantic import SecretStr

from bot.channels.zalo_oa import ZaloOAChannel
from bot.channels.zalo_oa_setup import build_zalo_oa
from bot.channels.zalo_oa_webhook import PATH
from bot.dispatcher import OutboxDispatcher, link_maker
from bot.metrics import CountingSender, Metrics
from bot.runtime import Runtime
from bot.web import WebServer
from domain.model import Channel
from tests.fakes.clock import FakeClock
from tests.fakes.zalo_oa_server import FakeZaloOAServer

LAN = "8442107652209134121"  # Nguyễn Thị Lan's id for the OA
KEEPER_STEP = timedelta(hours=12)


@dataclass
class OABot:
    runtime: Runtime
    zalo: FakeZaloOAServer
    channel: ZaloOAChannel
    web: WebServer
    metrics: Metrics
    dispatcher: OutboxDispatcher

    async def flush(self) -> int:
        """Send what the outbox holds that is due now (the votes' count posted first)."""
        await self.runtime.app.live_counts.settled()
        return await self.dispatcher.flush()

    async def pending(self) -> int:
        async with self.runtime.uow() as uow:
            return await uow.outbox.pending_count()


def oa_settings(zalo: FakeZaloOAServer, refresh: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "zalo_oa_app_id": zalo.app_id,
        "zalo_oa_secret_key": SecretStr(zalo.secret_key),
        "zalo_oa_refresh_token": SecretStr(refresh) if refresh else None,
        "zalo_oa_webhook_key": SecretStr(zalo.oa_secret_key),
        "zalo_oa_api_base": zalo.base_url,
        "zalo_oa_oauth_base": zalo.base_url,
        **extra,
    }


@asynccontextmanager
async def oa_bot(
    runtime: Runtime, zalo: FakeZaloOAServer, refresh: str | None = None, **extra: Any
) -> AsyncIterator[OABot]:
    """The bot with its OA channel; `refresh` defaults to a fresh grant of the fake's."""
    settings = runtime.settings.model_copy(
        update=oa_settings(zalo, refresh if refresh is not None else zalo.grant(), **extra)
    )
    rt = Runtime(settings, runtime.engine, runtime.clock, runtime.app)
    metrics = Metrics()
    signing = await rt.app.signing_secret()
    web = WebServer(rt.app.uow_factory, rt.clock, signing, "127.0.0.1", 0, metrics=metrics)
    oa = await build_zalo_oa(rt, metrics, web)
    await web.start()
    zalo.webhook_url = f"http://127.0.0.1:{web.port}{PATH}"
    sender = CountingSender(oa.channel, Channel.ZALO_OA.value, metrics)
    dispatcher = OutboxDispatcher(
        rt.app.uow_factory, rt.clock, {Channel.ZALO_OA: sender},
        link_maker(rt.app.config.public_base_url, signing), rate=10_000, gaps=(0.0, 0.0),
    )  # fmt: skip
    try:
        yield OABot(rt, zalo, oa.channel, web, metrics, dispatcher)
    finally:
        await web.stop()
        await oa.close()


async def pass_time(bot: OABot, clock: FakeClock, until: datetime) -> None:
    """Move the clock to `until` as a running bot lives through it: the token's keeper looks
    every few hours (a refresh token unused for 3 months would be refused)."""
    while clock.now() < until:
        clock.current = min(until, clock.now() + KEEPER_STEP)
        await bot.channel.auth.keep()
