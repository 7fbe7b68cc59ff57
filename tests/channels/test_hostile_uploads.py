"""/bangtieuchi on Telegram with files that lie: the real aiogram stack downloads what the
leader sent through getFile and the file endpoint (file_download_support), counting the bytes
as they come: a size declared small never lets a big file in, and a zip bomb is refused
before it is unpacked. The table stays as it was."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot
from aiogram.types import Update

from bot.channels.telegram import TelegramChannel
from bot.runtime import Runtime
from tests import hostile
from tests.channels.file_download_support import FilesTelegramServer, telegram_with_files

TOKEN = "42:TEST-TOKEN"
LEADER = 100  # the leader's user id, and their private chat's
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Chat:
    server: FilesTelegramServer
    bot: Bot
    channel: TelegramChannel
    numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def send(self, **content: Any) -> list[str]:
        """The leader sends a message; what the bot answered in the chat."""
        number = next(self.numbers)
        person = {"id": LEADER, "is_bot": False, "first_name": "Lan"}
        message = {
            "message_id": number, "date": 1_700_000_000, "from": person,
            "chat": {"id": LEADER, "type": "private", "first_name": "Lan"}, **content,
        }  # fmt: skip
        update = Update.model_validate(
            {"update_id": number, "message": message}, context={"bot": self.bot}
        )
        before = len(self.server.sent_messages(LEADER))
        await self.channel.dispatcher.feed_update(self.bot, update)
        return [sent.text or "" for sent in self.server.sent_messages(LEADER)[before:]]

    async def upload(self, file_id: str, declared: int) -> list[str]:
        assert await self.send(text="/bangtieuchi")
        document = {
            "file_id": file_id, "file_unique_id": f"U{file_id}", "file_name": "tieu-chi.xlsx",
            "mime_type": XLSX, "file_size": declared,
        }  # fmt: skip
        return await self.send(document=document)


@pytest.fixture
async def chat(sample_runtime: Runtime, invite_codes: dict[str, str]) -> AsyncIterator[Chat]:
    async with telegram_with_files(TOKEN) as (server, bot):
        channel = TelegramChannel(sample_runtime.app, bot)
        await channel.setup(polling=False)
        chat = Chat(server, bot, channel)
        assert await chat.send(text=f"/start {invite_codes['SNN']}")  # the bloc's leader
        yield chat


async def criteria_replaced(runtime: Runtime) -> bool:
    async with runtime.uow() as uow:
        return "criteria.replaced" in [entry.action for entry in await uow.audit.entries()]


async def test_an_honest_workbook_is_downloaded_and_replaces_the_table(
    chat: Chat, sample_runtime: Runtime, tmp_path: Path
) -> None:
    content = hostile.sample_workbook(tmp_path / "tieu-chi.xlsx").read_bytes()
    chat.server.host.add("BQAC-ok", content)
    said = await chat.upload("BQAC-ok", len(content))
    assert said == ["✅ Đã thay bảng tiêu chí năm 2022: 18 tiêu chí, thang điểm 100."]
    assert await criteria_replaced(sample_runtime)


async def test_a_file_declared_small_is_cut_off_once_past_the_limit(
    chat: Chat, sample_runtime: Runtime
) -> None:
    big = b"PK" + bytes(32 * 1024 * 1024)
    chat.server.host.add("BQAC-big", big, declared=20_000)  # the message and getFile say 20 KB
    said = await chat.upload("BQAC-big", 20_000)
    assert said == ["Tệp lớn quá 5 MB; bảng tiêu chí thường chỉ vài chục KB."]
    # The download stopped soon after 5 MB: the rest was never sent (socket buffers aside).
    assert chat.server.host.files["BQAC-big"].sent < len(big) // 2
    assert not await criteria_replaced(sample_runtime)


async def test_a_file_declared_too_big_is_not_downloaded(
    chat: Chat, sample_runtime: Runtime
) -> None:
    chat.server.host.add("BQAC-huge", b"x", declared=6 * 1024 * 1024)
    said = await chat.upload("BQAC-huge", 6 * 1024 * 1024)
    assert said == ["Tệp lớn quá 5 MB; bảng tiêu chí thường chỉ vài chục KB."]
    assert chat.server.calls_of("getFile") == []


async def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    chat: Chat, sample_runtime: Runtime, tmp_path: Path
) -> None:
    content = hostile.zip_bomb(tmp_path / "bom.xlsx", unpacked_mb=64).read_bytes()
    chat.server.host.add("BQAC-bomb", content)
    said = await chat.upload("BQAC-bomb", len(content))
    assert said == [
        "Tệp không dùng được: tệp .xlsx giải nén ra lớn quá 8 MB. Anh/chị sửa lại rồi gửi, "
        "hoặc gõ /menu để hủy."
    ]
    assert not await criteria_replaced(sample_runtime)
