"""The web pages served as in production (the bot's aiohttp server on 127.0.0.1) over the
sample bloc, people who talk to the bot in the console, and Debian's Chromium driven by
Playwright at a phone's 360×740 viewport. Nothing downloads a browser: Chromium is launched
by its path, and a test is skipped, saying so, only where it is not installed."""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.channels.render import numbered_text
from bot.request import ChatKind, Incoming
from bot.runtime import Runtime
from bot.web import WebServer
from domain.model import Channel
from tests.fakes.clock import FakeClock
from web.server import WebConfig, WebPages

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]  # fmt: skip
PHONE = {"width": 360, "height": 740}
IN_WINDOW = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)  # 09:00 20/11/2022 in Trà Vinh
BOT_TOKEN = "123456:TEST-web-pages-token"
# Screenshots are looked at by a person; kept outside the repository.
SHOTS = Path(os.environ.get("WEB_SHOTS", "")) if os.environ.get("WEB_SHOTS") else None
LINK = re.compile(r"http://127\.0\.0\.1:\d+/w/in/[A-Za-z0-9_-]+")


@dataclass
class Site:
    runtime: Runtime
    clock: FakeClock
    base: str
    pages: WebPages
    said: list[str] = field(default_factory=list)

    async def say(self, user: str, text: str, name: str = "") -> str:
        """`user` types `text` in the console chat; the bot's answer as the console shows it."""
        incoming = Incoming(
            channel=Channel.CONSOLE, chat_id=user, chat_kind=ChatKind.PRIVATE, user_id=user,
            user_name=name or user, text=text,
        )  # fmt: skip
        outcome = await self.runtime.app.handle(incoming)
        answer = "\n".join(numbered_text(reply) for reply in outcome.replies)
        self.said.append(answer)
        return answer

    async def link(self, user: str, command: str) -> str:
        """The personal link the chat gives for `command`."""
        answer = await self.say(user, command)
        found = LINK.search(answer)
        assert found, answer
        return found.group(0)


@pytest.fixture
async def site(sample_runtime: Runtime, clock: FakeClock) -> AsyncIterator[Site]:
    clock.current = IN_WINDOW
    app = sample_runtime.app
    server = WebServer(app.uow_factory, clock, await app.signing_secret(), "127.0.0.1", 0)
    # No Telegram script in tests: nothing may leave this machine.
    config = WebConfig(telegram_token=BOT_TOKEN, telegram_script=None, poll_seconds=3600)
    pages = WebPages(app.uow_factory, clock, app.notices, config)
    pages.install(server.app)
    await server.start()
    base = f"http://127.0.0.1:{server.port}"
    app.config = replace(app.config, public_base_url=base, web_pages=True)
    try:
        yield Site(sample_runtime, clock, base, pages)
    finally:
        await server.stop()


@pytest.fixture
async def browser() -> AsyncIterator[object]:
    if not shutil.which(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            await chromium.close()


@pytest.fixture
async def phone(browser: object) -> AsyncIterator[object]:
    """A fresh phone-sized browser tab, which answers every confirmation with OK."""
    context = await browser.new_context(viewport=PHONE, locale="vi-VN")  # type: ignore[attr-defined]
    page = await context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    await context.close()


async def shot(page: object, name: str, full: bool = True) -> None:
    """A screenshot at 360×740 for a person to look at (WEB_SHOTS=folder): what the phone
    shows first, and (`full`) the whole page."""
    if SHOTS is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]
    if full:
        await page.screenshot(path=str(SHOTS / f"{name}-full.png"), full_page=True)  # type: ignore[attr-defined]


async def no_sideways_scroll(page: object) -> None:
    width = await page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= PHONE["width"], f"the page is {width} px wide"


def jpeg(size: int = 24) -> bytes:
    """A small real photo (a JPEG, as a phone's camera sends)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (size, size), (30, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


async def join(site: Site, user: str, code: str, name: str) -> None:
    answer = await site.say(user, f"/start {code}", name)
    assert "Khối" in answer, answer
