"""Telegram's command menu, per person (setMyCommands with BotCommandScopeChat), through the
real aiogram stack, the outbox dispatcher and the fake Bot API server, which records each
chat's list: set on joining, in the person's language, moved by the handover, never set twice
for nothing — and the default list holds only what every officer may use."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.command_menus import START_RATE, TRACK
from bot.runtime import Runtime
from db.models import OutboxMessageRow
from domain.model import Channel
from domain.services import members, onboarding
from tests.channels.ballot_support import BallotHarness, running, unpaced
from tests.channels.test_ballots_telegram import GIANG
from tests.channels.test_scoring_telegram import AN, BINH, BOT_USERNAME, Person
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_server import FakeTelegramServer

ORGANISERS_OWN = {"thamdinh", "duyet", "chuyende", "bangtieuchi", "moi", "sovanban", "bangiao"}
EVERY_OFFICER = [
    "menu", "viec", "khoi", "dangky", "kyket", "chamdiem", "xephang", "binhxet", "hoinghi",
    "baocao", "trogiup", "ngonngu",
]  # fmt: skip
REVIEW = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)  # the annual window is open: handover time


@pytest.fixture
async def server() -> AsyncIterator[FakeTelegramServer]:
    async with FakeTelegramServer(bot_username=BOT_USERNAME) as fake:
        yield fake


@pytest.fixture
async def tg(
    server: FakeTelegramServer,
    sample_runtime: Runtime,
    invite_codes: dict[str, str],
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[BallotHarness]:
    """Sở NN&PTNT's officer (this year's leader), Sở Công Thương's and Đài PT-TH's (next
    year's leader in the rotation) have joined; the outbox has gone out."""
    unpaced(monkeypatch)
    async with running(server, sample_runtime, clock, invite_codes) as harness:
        for person, unit in ((AN, "SNN"), (BINH, "SCT"), (GIANG, "PTTH")):
            await harness.join(person, unit)
        await harness.flush()
        yield harness


def menu_of(server: FakeTelegramServer, person: Person) -> dict[str, str]:
    commands = server.chat_commands(person.chat_id)
    assert commands is not None, f"no command menu for {person}"
    return {item["command"]: item["description"] for item in commands}


def default_menu(server: FakeTelegramServer) -> list[str]:
    key = (json.dumps({"type": "default"}), "")
    return [item["command"] for item in server.commands[key]]


async def test_each_person_gets_the_commands_of_their_role(tg: BallotHarness) -> None:
    leader, officer = menu_of(tg.server, AN), menu_of(tg.server, BINH)

    assert list(officer) == EVERY_OFFICER
    assert set(leader) == set(EVERY_OFFICER) | ORGANISERS_OWN
    assert leader["thamdinh"] == "Thẩm định bảng điểm (Khối trưởng, Khối phó)"
    assert leader["khoi"] == officer["khoi"] == "Khối thi đua, đơn vị thành viên"
    # Everyone else's default list: what every officer may use, never the organisers' own.
    assert default_menu(tg.server) == EVERY_OFFICER
    calls = [call for call in tg.server.calls_of("setMyCommands") if "scope" in call.params]
    scopes = [call.params["scope"] for call in calls if call.params["scope"]["type"] == "chat"]
    assert {scope["chat_id"] for scope in scopes} == {AN.chat_id, BINH.chat_id, GIANG.chat_id}
    assert all(call.ok for call in calls)


async def test_the_menu_follows_the_language_and_is_not_set_again_for_nothing(
    tg: BallotHarness,
) -> None:
    await tg.reply_to(BINH, "/ngonngu en")
    await tg.flush()

    assert menu_of(tg.server, BINH)["chamdiem"] == "Score your unit"
    assert menu_of(tg.server, AN)["chamdiem"] == "Chấm điểm thi đua của đơn vị"

    before = len(tg.server.calls_of("setMyCommands"))
    await tg.reply_to(AN, "/menu")  # the menu checks the person's list: unchanged
    await tg.runtime.app.refresh_command_menus()  # what a restart does for every officer
    await tg.flush()
    assert len(tg.server.calls_of("setMyCommands")) == before


async def test_the_handover_moves_the_organisers_commands(tg: BallotHarness) -> None:
    tg.clock.current = REVIEW
    plan = await tg.reply_to(AN, "/bangiao")
    assert "Khối trưởng năm 2023: Đài Phát thanh và Truyền hình Trà Vinh" in (plan.text or "")

    await tg.press_button(AN, plan, "✅ Xác nhận bàn giao")
    await tg.flush()

    assert set(menu_of(tg.server, GIANG)) >= ORGANISERS_OWN  # next year's leader
    assert not set(menu_of(tg.server, AN)) & ORGANISERS_OWN  # an ordinary member in 2023
    assert not set(menu_of(tg.server, BINH)) & ORGANISERS_OWN


async def test_at_start_every_known_officer_gets_a_menu_spread_out(tg: BallotHarness) -> None:
    """Officers who joined while the bot ran elsewhere (here written straight to the
    database) get their list when the channel starts, a few a second, and only once."""
    now = tg.clock.now()
    async with tg.runtime.uow() as uow:
        for user_id, unit in ((2001, "SGT"), (2002, "STN"), (2003, "SGT")):
            identity = await members.identify(uow, Channel.TELEGRAM, str(user_id), "Hà Văn Tú")
            await onboarding.join(uow, identity, tg.codes[unit], now)
        await uow.commit()

    await tg.runtime.app.refresh_command_menus()
    await tg.runtime.app.refresh_command_menus()  # a second start: nothing more

    async with tg.runtime.engine.connect() as connection:
        rows = await connection.execute(
            select(OutboxMessageRow.chat_id, OutboxMessageRow.not_before)
            .where(OutboxMessageRow.track.startswith(TRACK), OutboxMessageRow.status == "pending")
            .order_by(OutboxMessageRow.id)
        )
        queued = [(chat, due.replace(tzinfo=UTC) - now) for chat, due in rows]
    assert [chat for chat, _due in queued] == ["2001", "2002", "2003"]
    assert [due for _chat, due in queued] == [timedelta(seconds=n / START_RATE) for n in range(3)]
    tg.clock.advance(timedelta(seconds=1))
    await tg.flush()
    for user_id in (2001, 2002, 2003):
        assert tg.server.chat_commands(user_id) is not None
