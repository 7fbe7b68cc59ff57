"""Webhook mode: the bot's real web server on 127.0.0.1 receives Telegram updates (the real
aiogram stack, replying through the fake Bot API server) and Zalo updates, checks their
secrets, handles each update once, and reports its health and metrics."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import socket
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from pydantic import SecretStr

from bot.channels.supervisor import serve
from bot.channels.telegram import ALLOWED_UPDATES, TelegramChannel
from bot.channels.telegram_metrics import TelegramRateLimits, TelegramUpdateTiming
from bot.channels.telegram_session import make_bot
from bot.channels.telegram_webhook import TELEGRAM_HEADER, TELEGRAM_PATH, TelegramWebhook
from bot.channels.zalo_api import ZaloBotAPI
from bot.metrics import MeasuredZaloChannel, Metrics
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from bot.web import WebServer
from bot.webhooks import ZALO_HEADER, ZALO_PATH, ZaloWebhook, webhook_secret
from db.engine import create_engine, session_factory
from db.uow import SqlUnitOfWork
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_server import FakeTelegramServer
from tests.fakes.zalo_server import FakeZaloServer
from tests.samples import sealer

SECRET = "s3cret-Webhook_token"
ZALO_TOKEN = "123:zalo-test"


@dataclass
class Stack:
    web: WebServer
    metrics: Metrics
    telegram: FakeTelegramServer
    zalo: FakeZaloServer
    telegram_channel: TelegramChannel
    zalo_channel: MeasuredZaloChannel

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.web.port}{path}"


@pytest.fixture
async def stack(runtime: Runtime, clock: FakeClock) -> AsyncIterator[Stack]:
    async with FakeTelegramServer() as telegram_server, FakeZaloServer(ZALO_TOKEN) as zalo_server:
        app = runtime.app
        metrics = Metrics()
        bot = make_bot("42:TEST", telegram_server.base_url)
        bot.session.middleware(TelegramRateLimits(metrics))
        telegram = TelegramChannel(app, bot)
        telegram.dispatcher.update.outer_middleware(TelegramUpdateTiming(metrics))
        api = ZaloBotAPI(ZALO_TOKEN, zalo_server.base_url)
        zalo = MeasuredZaloChannel(app, api, metrics)
        web = WebServer(
            app.uow_factory, clock, await app.signing_secret(), port=0, metrics=metrics,
            leader=lambda: True,
        )  # fmt: skip
        telegram_hook, zalo_hook = TelegramWebhook(telegram, SECRET), ZaloWebhook(zalo, SECRET)
        telegram_hook.add_routes(web.app)
        zalo_hook.add_routes(web.app)
        await web.start()
        base = f"http://127.0.0.1:{web.port}"
        await telegram_hook.register(base)
        await zalo_hook.register(base)
        try:
            yield Stack(web, metrics, telegram_server, zalo_server, telegram, zalo)
        finally:
            await web.stop()
            await bot.session.close()
            await api.close()


def telegram_update(server: FakeTelegramServer, text: str, chat: int = 100) -> dict[str, Any]:
    update_id = server.user_message(chat_id=chat, user_id=chat, text=text, first_name="Đông")
    return next(u for u in server.pending_updates if u["update_id"] == update_id)


def zalo_update(text: str, chat: str = "zchat-1") -> dict[str, Any]:
    message = {
        "message_id": uuid.uuid4().hex,
        "date": 1_700_000_000_000,
        "from": {"id": chat, "display_name": "Tây", "is_bot": False},
        "chat": {"id": chat, "chat_type": "PRIVATE"},
        "text": text,
    }
    return {"event_name": "message.text.received", "message": message}


async def post(url: str, body: Any, headers: dict[str, str]) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http:
        kwargs: dict[str, Any] = {"data": body} if isinstance(body, bytes) else {"json": body}
        async with http.post(url, headers=headers, **kwargs) as response:
            return response.status, await response.text()


async def test_registers_both_webhooks_with_the_secret(stack: Stack) -> None:
    [call] = stack.telegram.calls_of("setWebhook")
    assert call.params["url"] == stack.url(TELEGRAM_PATH)
    assert call.params["secret_token"] == SECRET
    assert call.params["allowed_updates"] == ALLOWED_UPDATES
    assert stack.telegram.calls_of("setMyCommands")  # the menu, as in polling mode
    assert stack.zalo.webhook_url == stack.url(ZALO_PATH)
    assert stack.zalo.webhook_secret == SECRET


async def test_a_telegram_update_with_the_secret_is_answered_once(stack: Stack) -> None:
    update = telegram_update(stack.telegram, "/trogiup")
    headers = {TELEGRAM_HEADER: SECRET}
    assert (await post(stack.url(TELEGRAM_PATH), update, headers))[0] == 200
    # Handled before the answer: the reply is already at the Bot API.
    assert len(stack.telegram.sent_messages(100)) == 1
    # Delivered again (a retry, or another worker): handled once.
    statuses = await asyncio.gather(
        *(post(stack.url(TELEGRAM_PATH), update, headers) for _ in range(3))
    )
    assert [status for status, _ in statuses] == [200, 200, 200]
    assert len(stack.telegram.sent_messages(100)) == 1


async def test_a_wrong_or_missing_secret_is_refused_and_nothing_handled(stack: Stack) -> None:
    update = telegram_update(stack.telegram, "/trogiup")
    for headers in ({TELEGRAM_HEADER: "wrong"}, {}, {TELEGRAM_HEADER: SECRET + "x"}):
        assert (await post(stack.url(TELEGRAM_PATH), update, headers))[0] == 401
    assert (await post(stack.url(ZALO_PATH), zalo_update("/trogiup"), {ZALO_HEADER: "no"}))[
        0
    ] == 401
    assert (await post(stack.url(ZALO_PATH), zalo_update("/trogiup"), {}))[0] == 401
    # The Telegram secret is not the Zalo header.
    assert (await post(stack.url(ZALO_PATH), zalo_update("/x"), {TELEGRAM_HEADER: SECRET}))[
        0
    ] == 401
    assert stack.telegram.sent_messages() == [] and stack.zalo.sent_messages() == []
    assert stack.metrics.updates.value(channel="telegram") == 0


async def test_a_secret_header_that_is_not_utf8_is_refused(stack: Stack) -> None:
    body = json.dumps(telegram_update(stack.telegram, "/trogiup")).encode()
    for path, header in ((TELEGRAM_PATH, TELEGRAM_HEADER), (ZALO_PATH, ZALO_HEADER)):
        reader, writer = await asyncio.open_connection("127.0.0.1", stack.web.port)
        writer.write(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n".encode()
            + header.encode() + b": \xff\xfe" + SECRET.encode() + b"\r\n\r\n" + body
        )  # fmt: skip
        status_line = await reader.readline()
        writer.close()
        assert status_line.split()[1] == b"401", (path, status_line)
    assert stack.telegram.sent_messages() == [] and stack.zalo.sent_messages() == []


async def test_a_malformed_body_is_a_bad_request(stack: Stack) -> None:
    for path, header in ((TELEGRAM_PATH, TELEGRAM_HEADER), (ZALO_PATH, ZALO_HEADER)):
        headers = {header: SECRET, "Content-Type": "application/json"}
        for body in (b"{not json", b"[1, 2]", b'{"update_id": "x", "message": 5}', b""):
            status, _ = await post(stack.url(path), body, headers)
            assert status == 400, (path, body)
    assert stack.telegram.sent_messages() == [] and stack.zalo.sent_messages() == []


async def test_a_zalo_update_is_answered_once(stack: Stack) -> None:
    update = zalo_update("/trogiup")
    headers = {ZALO_HEADER: SECRET}
    assert (await post(stack.url(ZALO_PATH), update, headers))[0] == 200
    sent = len(stack.zalo.sent_messages("zchat-1"))
    assert sent >= 1  # long help may come in parts
    assert (await post(stack.url(ZALO_PATH), update, headers))[0] == 200
    assert len(stack.zalo.sent_messages("zchat-1")) == sent
    # The getUpdates envelope is understood as well.
    enveloped = {"ok": True, "result": zalo_update("/trogiup", chat="zchat-2")}
    assert (await post(stack.url(ZALO_PATH), enveloped, headers))[0] == 200
    assert stack.zalo.sent_messages("zchat-2")


async def test_health_and_metrics(stack: Stack, runtime: Runtime) -> None:
    async with runtime.uow() as uow:
        await uow.outbox.enqueue("telegram", "100", {"text": "chờ gửi"}, FakeClock().now())
        await uow.commit()
    headers = {TELEGRAM_HEADER: SECRET}
    for text in ("/trogiup", "/menu"):
        await post(stack.url(TELEGRAM_PATH), telegram_update(stack.telegram, text), headers)
    await post(stack.url(ZALO_PATH), zalo_update("/trogiup"), {ZALO_HEADER: SECRET})
    stack.metrics.rate_limited.inc(channel="telegram")  # as the session middleware does
    async with aiohttp.ClientSession() as http:
        async with http.get(stack.url("/healthz")) as response:
            assert response.status == 200
            assert await response.json() == {
                "status": "ok",
                "database": True,
                "outbox_pending": 1,
                "scheduler": {"this_worker": True, "leader_present": True},
            }
        async with http.get(stack.url("/metrics")) as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
            text = await response.text()
    values = dict(re.findall(r"^(\S+) (\S+)$", text, re.M))
    assert values['thidua_updates_handled_total{channel="telegram"}'] == "2"
    assert values['thidua_updates_handled_total{channel="zalo"}'] == "1"
    assert values['thidua_update_handler_seconds_count{channel="telegram"}'] == "2"
    assert values['thidua_update_handler_seconds_bucket{channel="telegram",le="+Inf"}'] == "2"
    assert 0 < float(values['thidua_update_handler_seconds_sum{channel="telegram"}']) < 10
    assert values['thidua_rate_limited_total{channel="telegram"}'] == "1"
    assert values["thidua_outbox_pending"] == "1"
    assert values["thidua_scheduler_leader"] == "1"
    assert "# TYPE thidua_update_handler_seconds histogram" in text
    assert "# TYPE thidua_outbox_sent_total counter" in text


async def test_health_is_503_while_the_database_is_unreachable(clock: FakeClock) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    engine = create_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/none")
    sessions = session_factory(engine)
    web = WebServer(lambda: SqlUnitOfWork(sessions, sealer()), clock, "x", port=0)
    await web.start()
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{web.port}/healthz") as response:
                assert response.status == 503
                body = await response.json()
            async with http.get(f"http://127.0.0.1:{web.port}/metrics") as response:
                assert response.status == 200  # the counters still show
                samples = [line for line in (await response.text()).splitlines() if line[:1] != "#"]
                assert not any(line.startswith("thidua_outbox_pending") for line in samples)
    finally:
        await web.stop()
        await engine.dispose()
    assert body == {"status": "unavailable", "database": False, "outbox_pending": None}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_run_in_webhook_mode_end_to_end(tmp_path: Path, clock: FakeClock) -> None:
    """`serve` as `python main.py run --webhook` runs it: the webhooks registered with the
    secret kept in the database, an update answered, the outbox sent, the scheduler led."""
    async with FakeTelegramServer() as telegram_server, FakeZaloServer(ZALO_TOKEN) as zalo_server:
        port = free_port()
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{tmp_path / 'thidua.db'}",
            telegram_bot_token=SecretStr("42:TEST"),
            telegram_api_base=telegram_server.base_url,
            zalo_bot_token=SecretStr(ZALO_TOKEN),
            zalo_api_base=zalo_server.base_url,
            web_port=port,
            webhook_url=f"http://127.0.0.1:{port}/",
            _env_file=None,  # type: ignore[call-arg]
        )
        runtime = await build_runtime(settings, clock=clock)
        task = asyncio.create_task(serve(runtime, webhook=True))
        try:
            await telegram_server.wait_for("setWebhook", timeout=10)
            await zalo_server.wait_for("setWebhook", timeout=10)
            secret = await webhook_secret(runtime.app, settings)
            assert len(secret) >= 32 and zalo_server.webhook_secret == secret
            assert telegram_server.webhook_url == f"http://127.0.0.1:{port}{TELEGRAM_PATH}"
            update = telegram_update(telegram_server, "/trogiup", chat=7)
            url = f"http://127.0.0.1:{port}{TELEGRAM_PATH}"
            assert (await post(url, update, {TELEGRAM_HEADER: secret}))[0] == 200
            assert len(telegram_server.sent_messages(7)) == 1
            async with runtime.uow() as uow:
                await uow.outbox.enqueue("telegram", "8", {"text": "thông báo"}, clock.now())
                await uow.commit()
            await telegram_server.wait_for(
                lambda call: call.method == "sendMessage" and call.params.get("chat_id") == 8
            )
            async with aiohttp.ClientSession() as http:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                    health = await response.json()
                async with http.get(f"http://127.0.0.1:{port}/metrics") as response:
                    metrics = await response.text()
            assert health["scheduler"] == {"this_worker": True, "leader_present": True}
            assert 'thidua_outbox_sent_total{channel="telegram"} 1' in metrics
            assert not task.done()
        finally:
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            await runtime.close()
    assert telegram_server.calls_of("getUpdates") == []  # never polled


async def test_webhook_mode_needs_a_url(runtime: Runtime) -> None:
    runtime.settings.telegram_bot_token = SecretStr("42:TEST")
    assert await serve(runtime, webhook=True) == 2


@contextlib.asynccontextmanager
async def unreachable_database(runtime: Runtime) -> AsyncIterator[None]:
    """The app's transactions go to a PostgreSQL address where nothing listens (a restart
    in progress), through the real unit of work; restored afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again when the block ends: refused
    dead = create_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/gone")
    sessions = session_factory(dead)
    app = runtime.app
    real = app.uow_factory
    app.uow_factory = lambda: SqlUnitOfWork(sessions, sealer())
    try:
        yield
    finally:
        app.uow_factory = real
        await dead.dispose()


async def test_an_update_meeting_an_unreachable_database_is_refused_then_redelivered(
    stack: Stack, runtime: Runtime
) -> None:
    update = telegram_update(stack.telegram, "/trogiup")
    message = zalo_update("/trogiup", chat="zchat-down")
    async with unreachable_database(runtime):
        assert (await post(stack.url(TELEGRAM_PATH), update, {TELEGRAM_HEADER: SECRET}))[0] == 500
        assert (await post(stack.url(ZALO_PATH), message, {ZALO_HEADER: SECRET}))[0] == 500
        # Nothing said: the platform delivers it again, and a reply now would come twice.
        assert stack.telegram.sent_messages(100) == []
        assert stack.zalo.sent_messages("zchat-down") == []
    assert (await post(stack.url(TELEGRAM_PATH), update, {TELEGRAM_HEADER: SECRET}))[0] == 200
    assert (await post(stack.url(ZALO_PATH), message, {ZALO_HEADER: SECRET}))[0] == 200
    assert len(stack.telegram.sent_messages(100)) == 1
    assert len(stack.zalo.sent_messages("zchat-down")) == 1


async def test_a_polled_update_meeting_an_unreachable_database_is_told_to_retry(
    stack: Stack, runtime: Runtime
) -> None:
    """Polling has no redelivery: the person is asked to send it again shortly."""
    stack.telegram_channel.redelivers = False
    stack.zalo_channel.redelivers = False
    update = telegram_update(stack.telegram, "/trogiup")
    async with unreachable_database(runtime):
        assert (await post(stack.url(TELEGRAM_PATH), update, {TELEGRAM_HEADER: SECRET}))[0] == 200
        message = zalo_update("/trogiup", chat="zchat-poll")
        assert (await post(stack.url(ZALO_PATH), message, {ZALO_HEADER: SECRET}))[0] == 200
    [told] = stack.telegram.sent_messages(100)
    assert "thử lại sau ít phút" in (told.text or "")
    [said] = stack.zalo.sent_messages("zchat-poll")
    assert "thử lại sau ít phút" in said["text"]
