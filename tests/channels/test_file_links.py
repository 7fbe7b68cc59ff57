"""Zalo gets files as signed, expiring links that the bot's own web server serves."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest

from bot.request import ChatKind, Incoming
from bot.runtime import Runtime
from bot.web import WebServer
from domain.model import Channel
from tests.fakes.clock import FakeClock

LINK = re.compile(r"📎 (\S+): (http://\S+)")


@pytest.fixture
async def web(sample_runtime: Runtime, clock: FakeClock) -> AsyncIterator[WebServer]:
    app = sample_runtime.app
    server = WebServer(app.uow_factory, clock, await app.signing_secret(), port=0)
    await server.start()
    yield server
    await server.stop()


async def say(runtime: Runtime, key: str, text: str) -> str:
    incoming = Incoming(Channel.ZALO, "z", ChatKind.PRIVATE, "z", "Đông", text, update_key=key)
    return (await runtime.app.handle(incoming)).replies[0].text


async def test_reports_arrive_as_links_that_download(
    sample_runtime: Runtime, invite_codes: dict[str, str], web: WebServer, clock: FakeClock
) -> None:
    app = sample_runtime.app
    app.config = replace(app.config, public_base_url=f"http://127.0.0.1:{web.port}")
    await say(sample_runtime, "1", f"/start {invite_codes['SNN']}")  # the leader unit
    clock.current = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)  # in the annual window
    text = await say(sample_runtime, "2", "/baocao")
    links = dict(LINK.findall(text))
    assert set(links) == {"bang-tong-hop-diem-tong-ket-2022.xlsx", "xep-hang-tong-ket-2022.png"}
    assert "Đường dẫn tải dùng được đến 09:00 23/11/2022" in text  # 72 hours, local time
    async with aiohttp.ClientSession() as http:
        async with http.get(links["xep-hang-tong-ket-2022.png"]) as response:
            assert response.status == 200
            assert response.content_type == "image/png"
            assert (await response.read()).startswith(b"\x89PNG")
        xlsx = links["bang-tong-hop-diem-tong-ket-2022.xlsx"]
        async with http.get(xlsx) as response:
            assert response.status == 200
            assert "bang-tong-hop-diem" in response.headers["Content-Disposition"]
            assert (await response.read())[:2] == b"PK"  # a zip: the .xlsx
        async with http.get(xlsx.replace("sig=", "sig=x")) as response:
            assert response.status == 403
        async with http.get(xlsx.split("?")[0]) as response:
            assert response.status == 403
        clock.advance(timedelta(hours=73))
        async with http.get(xlsx) as response:
            assert response.status == 410
            assert "hết hạn" in await response.text()


async def test_health_check(web: WebServer) -> None:
    url = f"http://127.0.0.1:{web.port}/healthz"
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        assert response.status == 200 and (await response.json())["status"] == "ok"
