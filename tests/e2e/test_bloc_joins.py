"""A bloc joins the bot: the sample is imported, five officers open their units' deep links,
the leader binds the group, and /khoi shows every unit joined with its leader and deputy."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_session import make_bot
from bot.runtime import Runtime
from bot.views.names import given_name
from domain.model import Channel
from tests.fakes.telegram_server import FakeTelegramServer, RecordedCall

GROUP_ID = -1001234
OFFICERS = {  # unit code → (Telegram user id, first name, last name), as Telegram keeps them
    "SNN": (101, "Nguyễn Văn", "Đông"),
    "STN": (102, "Trần Thị", "Mai"),
    "SGT": (103, "Lê Văn", "Hùng"),
    "SCT": (104, "Phạm Thị", "Lan"),
    "PTTH": (105, "Võ Minh", "Tâm"),
}


@pytest.fixture
async def telegram(sample_runtime: Runtime) -> AsyncIterator[FakeTelegramServer]:
    async with FakeTelegramServer() as server:
        bot = make_bot("123:TEST", server.base_url)
        channel = TelegramChannel(sample_runtime.app, bot, polling_timeout=1)
        task = asyncio.create_task(channel.run())
        await server.wait_for("getUpdates")
        try:
            yield server
        finally:
            await channel.stop()
            await asyncio.wait_for(task, timeout=10)
            await bot.session.close()


async def say(
    server: FakeTelegramServer,
    chat_id: int,
    user: tuple[int, str, str],
    text: str,
    chat_type: str = "private",
    chat_title: str | None = None,
) -> str:
    """Send a user's message and return the text of the bot's answer in that chat."""
    since = len(server.calls)
    user_id, first, last = user
    server.user_message(
        chat_id, user_id, text, first_name=first, last_name=last,
        chat_type=chat_type, chat_title=chat_title,
    )  # fmt: skip

    def answered(call: RecordedCall) -> bool:
        return call.method == "sendMessage" and str(call.params.get("chat_id")) == str(chat_id)

    call = await server.wait_for(answered, since=since)
    return str(call.params["text"])


async def test_five_units_join_and_the_leader_binds_the_group(
    telegram: FakeTelegramServer, sample_runtime: Runtime, invite_codes: dict[str, str]
) -> None:
    for unit, user in OFFICERS.items():
        link_payload = invite_codes[unit]  # what https://t.me/<bot>?start=<code> delivers
        greeting = await say(telegram, user[0], user, f"/start {link_payload}")
        assert greeting.startswith(f"Chào anh/chị {given_name(f'{user[1]} {user[2]}')}!")
    leader = OFFICERS["SNN"]
    bound = await say(
        telegram, GROUP_ID, leader, "/lienket@thidua_test_bot",
        chat_type="supergroup", chat_title="Khối thi đua Khối 7 - Trà Vinh",
    )  # fmt: skip
    assert "Đã liên kết nhóm «Khối thi đua Khối 7 - Trà Vinh»" in bound

    overview = await say(
        telegram, GROUP_ID, OFFICERS["SGT"], "/khoi", chat_type="supergroup", chat_title="K7"
    )
    assert "Đơn vị thành viên (5/5 đã tham gia bot)" in overview
    assert "Khối trưởng: Sở Nông nghiệp và Phát triển nông thôn" in overview
    assert "Khối phó: Đài Phát thanh và Truyền hình Trà Vinh" in overview
    assert overview.count("✅ đã tham gia") == 5
    assert "Nhóm chat của Khối: Khối thi đua Khối 7 - Trà Vinh" in overview

    async with sample_runtime.uow() as uow:
        group = await uow.groups.get(Channel.TELEGRAM, str(GROUP_ID))
        bloc = await uow.blocs.by_code("khoi7-travinh")
        assert bloc is not None and bloc.id is not None
        year = await uow.blocs.current_year(bloc.id)
        assert year is not None
        officers = await uow.people.officers_of_units(year.member_unit_ids)
        actions = [entry.action for entry in await uow.audit.entries()]
    assert group is not None and group.bloc_id == bloc.id
    assert len(officers) == 5 and {o.unit_id for o in officers} == set(year.member_unit_ids)
    assert actions.count("officer.joined") == 5 and actions.count("group.bound") == 1
