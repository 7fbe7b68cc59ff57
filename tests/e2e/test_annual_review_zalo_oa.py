"""The sample bloc's annual review again, every officer on the Zalo Official Account: each
message a signed webhook event from FakeZaloOAServer, each answer what the bot sent Zalo (its
buttons pressed, its numbered lines typed, its documents uploaded or downloaded by their
links), the token kept fresh across the year's months as a running bot's keeper keeps it."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

from bot.request import Action, Button, File, Reply
from bot.runtime import Runtime
from tests.channels.zalo_oa.support import OABot, oa_bot
from tests.e2e.test_annual_review import check_score_table, year_to_published_ranking
from tests.fakes.clock import FakeClock
from tests.fakes.zalo_oa_server import FakeZaloOAServer, Sent

CHOICE = re.compile(r"^([0-9]+|[a-z])\. (.+)$", re.MULTILINE)
LINK = re.compile(r"📎 (\S+): (\S+)")
MONTH = timedelta(days=30)


class Keeper:
    """The token keeper of a bot that ran through the clock's jumps: rounds of it played
    before the next event, a month apart (it looks every 10 minutes; what matters over months
    is that the refresh token, good for 3 months, is used and replaced in time)."""

    def __init__(self, bot: OABot, clock: FakeClock) -> None:
        self.bot, self.clock = bot, clock
        self.looked = clock.now()

    async def catch_up(self) -> None:
        now = self.clock.now()
        while now - self.looked > MONTH:
            self.looked += MONTH
            self.clock.current = self.looked
            await self.bot.channel.auth.keep()
        self.clock.current, self.looked = now, max(self.looked, now)


class OAPerson:
    """An officer writing to the Official Account: what the bot sent back since, as a Reply
    (text, buttons, and the documents, uploaded or linked)."""

    def __init__(self, bot: OABot, zalo: FakeZaloOAServer, keeper: Keeper, user: str) -> None:
        self.bot, self.zalo, self.keeper, self.user = bot, zalo, keeper, user
        zalo.add_person(user, f"Cán bộ {user.upper()}")

    async def say(self, text: str) -> Reply:
        return await self._act(lambda: self.zalo.user_says(self.user, text))

    async def press(self, label: str) -> Reply:
        """The newest button (or numbered line, beyond Zalo's five buttons) with `label`."""
        for sent in reversed(self.zalo.to(self.user)):
            if any(label in button["title"] for button in sent.buttons):
                return await self._act(lambda: self.zalo.press(self.user, label))
            keys = [key for key, line in CHOICE.findall(sent.text) if label in line]
            if keys:
                return await self.say(keys[0])
        raise AssertionError(f"{self.user}: nothing to press with {label!r}")

    async def _act(self, event: Callable[[], Awaitable[int]]) -> Reply:
        await self.keeper.catch_up()
        before = len(self.zalo.to(self.user))
        assert await event() == 200
        await self.bot.flush()
        sent = self.zalo.to(self.user)[before:]
        assert sent, f"{self.user}: no answer"
        reply = await self._reply(sent)
        assert not reply.text.startswith("⚠️"), reply.text
        return reply

    async def _reply(self, sent: list[Sent]) -> Reply:
        """The answer is the first message, or with documents the text just before them."""
        uploads = [i for i, s in enumerate(sent) if "attachment" in s.message and not s.buttons]
        text = sent[uploads[0] - 1 if uploads and uploads[0] else 0]
        files = [await self._download(name, url) for name, url in LINK.findall(text.text)]
        for sent_file in (sent[i] for i in uploads):
            payload = sent_file.message["attachment"]["payload"]
            ref = payload.get("token") or payload["elements"][0]["attachment_id"]
            upload = self.zalo.uploads[ref]
            files.append(File(upload.name, upload.content, ""))
        buttons = [[Button(b["title"], Action("zalo"))] for b in text.buttons]
        return Reply(text.text, buttons, files=files)

    async def _download(self, name: str, url: str) -> File:
        parts = urlsplit(url)
        local = f"http://127.0.0.1:{self.bot.web.port}{parts.path}?{parts.query}"
        async with aiohttp.ClientSession() as session, session.get(local) as answer:
            assert answer.status == 200, url
            return File(name, await answer.read(), answer.content_type)


async def test_the_bloc_runs_its_annual_review_on_the_official_account(
    sample_runtime: Runtime, invite_codes: dict[str, str], clock: FakeClock, tmp_path: Path
) -> None:
    async with FakeZaloOAServer(clock=clock.now) as zalo, oa_bot(sample_runtime, zalo) as bot:
        keeper = Keeper(bot, clock)
        people = await year_to_published_ranking(
            lambda user: OAPerson(bot, zalo, keeper, user), invite_codes, clock, tmp_path
        )
        assert "Khối trưởng đã thẩm định" in (await people["SGT"].say("/chamdiem")).text
        reports = await people["SCT"].say("/baocao")

        check_score_table(reports)  # the .xlsx came as a signed link, downloaded here
        chart = next(f for f in reports.files if f.name.endswith(".png"))
        assert chart.content.startswith(b"\x89PNG")  # uploaded: Zalo takes a PNG up to 1 MB
        assert zalo.refreshes >= 11  # renewed through the year's months, never refused
        assert bot.channel.auth.paused_reason is None
