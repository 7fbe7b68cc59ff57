"""The try-it path: `python main.py` with no token opens the console and, beside it, the web
pages; /chamdiem's link opens the score sheet (here with the clock in the sample's window)."""

from __future__ import annotations

import asyncio
import io
import queue
import re
import socket
import sys
from typing import Any

import aiohttp
import pytest

import main
from bot.runtime import build_runtime
from bot.settings import Settings
from tests.fakes.clock import FakeClock
from tests.web.conftest import IN_WINDOW


class TypedLines:
    """stdin as a person types it: each line when the test gives it; "" is Ctrl+D."""

    def __init__(self) -> None:
        self.lines: queue.Queue[str] = queue.Queue()

    def readline(self, size: int | None = -1) -> str:
        return self.lines.get(timeout=60)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def printed(out: io.StringIO, pattern: str) -> re.Match[str]:
    for _ in range(600):  # bounded: 60 s at most
        found = re.search(pattern, out.getvalue())
        if found:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"never printed {pattern!r}:\n{out.getvalue()}")


async def test_the_consoles_link_opens_the_score_sheet(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    settings = Settings(
        database_url=database_url, telegram_bot_token=None, zalo_bot_token=None,
        web_port=port, public_base_url=f"http://127.0.0.1:{port}", _env_file=None,
    )  # type: ignore[call-arg]  # fmt: skip
    runtime = await build_runtime(settings, clock=FakeClock(IN_WINDOW))
    stdin, stdout = TypedLines(), io.StringIO()
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", stdout)
    console = asyncio.create_task(main._console(runtime, "console", "Khách", try_out=True))
    try:
        await printed(stdout, "1. Sở NN&PTNT — Khối trưởng")
        stdin.lines.put("1\n")  # act as Sở NN&PTNT's officer
        await printed(stdout, "Khối thi đua Khối 7")
        stdin.lines.put("/chamdiem\n")
        link = (await printed(stdout, r"📝 Mở phiếu chấm điểm: (http://\S+)")).group(1)
        jar = aiohttp.CookieJar(unsafe=True)
        # What the link's page does at once: post, and follow to the sheet.
        async with aiohttp.ClientSession(cookie_jar=jar) as http, http.post(link) as page:
            body: Any = await page.text()
            assert page.status == 200 and re.search(r"/w/sheet/\d+$", str(page.url))
        assert "Chấm điểm năm 2022 — Sở NN&amp;PTNT" in body
    finally:
        stdin.lines.put("")
        await asyncio.wait_for(console, 30)
        await runtime.close()
