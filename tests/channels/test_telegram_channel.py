"""The Telegram channel end to end: the real aiogram 3 stack long polling the fake Bot API.

Each test runs `TelegramChannel.run()` against `FakeTelegramServer` on the sample bloc (Khối
thi đua Khối 7, Trà Vinh, 2022), pushes what a person types or presses, waits until aiogram has
completely handled that update, then checks what the person sees (messages, buttons, edits,
callback answers) and what the database holds. Nothing sleeps: every wait is on a condition."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiogram.types import TelegramObject, Update

from bot.channels.telegram import MESSAGE_LIMIT, TelegramChannel
from bot.channels.telegram_session import make_bot
from bot.channels.zalo_api import split_text
from bot.dispatcher import OutboxDispatcher, link_maker
from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.runtime import Runtime
from domain.model import AuditEntry, Channel, GroupChat
from domain.services import blocs, invites
from tests.channels.menu_support import LEADER_MENU, rows
from tests.channels.telegram_support import Press, button_data, button_rows
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_server import (
    QUERY_TOO_OLD,
    FakeTelegramServer,
    StoredMessage,
)

TOKEN = "42:TEST-TOKEN"
BOT_USERNAME = "thidua_test_bot"
BLOC_CODE = "khoi7-travinh"
BLOC_NAME = "Khối thi đua Khối 7"
WAIT = 5.0  # seconds: only bounds a failing wait, a passing one returns as soon as it can

SNN = "Sở Nông nghiệp và Phát triển nông thôn"
STN = "Sở Tài nguyên và Môi trường"
SGT = "Sở Giao thông vận tải"
SCT = "Sở Công Thương"
PTTH = "Đài Phát thanh và Truyền hình Trà Vinh"

MAIN_BUTTONS = rows(LEADER_MENU)
BAD_INVITE = (
    "⚠️ Mã mời không đúng hoặc đã hết hạn. Anh/chị vui lòng xin lại đường dẫn từ Khối trưởng."
)
REVOKED_INVITE = "⚠️ Mã mời này đã bị thu hồi. Anh/chị vui lòng xin lại đường dẫn từ Khối trưởng."
FORGED = "Nút này không hợp lệ hoặc đã cũ. Gõ /menu để mở menu mới."
STALE = "Nút này thuộc một tin nhắn cũ. Gõ /viec để xem việc cần làm hiện tại."
GENERIC_ERROR = (
    "Có lỗi khi xử lý yêu cầu. Dữ liệu đã ghi không bị thay đổi; anh/chị vui lòng thử lại."
)
NOT_ORGANISER = "⚠️ Chỉ Khối trưởng hoặc Khối phó mới liên kết được nhóm với Khối."
GROUP_REQUIRED = (
    "⚠️ Lệnh /lienket dùng trong nhóm chat của Khối: thêm bot vào nhóm rồi gõ /lienket ở đó."
)
BIND_GROUP_TASK = "Liên kết nhóm chat của Khối: thêm bot vào nhóm rồi gõ /lienket trong nhóm."
PLEDGE_TASK = "Đăng ký thi đua năm 2022 (gõ /dangky) — hạn 31/03/2022 (còn 80 ngày)"


# ------------------------------------------------------------------------ people and chats


@dataclass(frozen=True)
class Person:
    """A Telegram user; their private chat with the bot has their user id."""

    user_id: int
    first_name: str
    last_name: str | None = None

    @property
    def chat_id(self) -> int:
        return self.user_id


@dataclass(frozen=True)
class Group:
    chat_id: int
    title: str
    chat_type: str = "supergroup"


AN = Person(1001, "Nguyễn Văn", "An")  # officer of SNN, the leader unit
BINH = Person(1002, "Trần Thị", "Bình")  # officer of SCT, an ordinary member
CUONG = Person(1003, "Lê", "Cường")  # a stranger who never joins

BLOC_GROUP = Group(-1001234567001, "Khối 7 Trà Vinh")
OTHER_GROUP = Group(-1001234567002, "Sở Công Thương - nội bộ")


# ---------------------------------------------------------------------------------- harness


@dataclass
class Harness:
    """The running channel, and helpers to talk to it the way a person would."""

    server: FakeTelegramServer
    channel: TelegramChannel
    runtime: Runtime
    clock: FakeClock
    codes: dict[str, str]
    task: asyncio.Task[None] | None = None
    updates: dict[int, Update] = field(default_factory=dict)
    handled: Counter[int] = field(default_factory=Counter)
    _progress: asyncio.Event = field(default_factory=asyncio.Event)

    async def track(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        """An outer update middleware: counts each update aiogram has finished with."""
        try:
            return await handler(event, data)
        finally:
            assert isinstance(event, Update)
            self.updates[event.update_id] = event
            self.handled[event.update_id] += 1
            self._progress.set()

    async def settled(self, update_id: int, copies: int = 1) -> Update:
        """Wait until `copies` deliveries of the update are completely handled (replies sent)."""
        async with asyncio.timeout(WAIT):
            while self.handled[update_id] < copies:
                self._progress.clear()
                await self._progress.wait()
        return self.updates[update_id]

    def mark(self) -> int:
        return len(self.server.calls)

    def bot_messages(self, chat_id: int, since: int = 0) -> list[StoredMessage]:
        """Messages the bot sent to `chat_id` through `calls[since:]`, in their current state."""
        return [
            self.server.messages[(chat_id, call.result["message_id"])]
            for call in self.server.calls[since:]
            if call.method == "sendMessage" and call.ok and call.params["chat_id"] == chat_id
        ]

    def push_message(self, person: Person, text: str, group: Group | None = None) -> int:
        return self.server.user_message(
            group.chat_id if group else person.chat_id,
            person.user_id,
            text,
            first_name=person.first_name,
            last_name=person.last_name,
            chat_type=group.chat_type if group else "private",
            chat_title=group.title if group else None,
        )

    async def say(
        self, person: Person, text: str, group: Group | None = None
    ) -> list[StoredMessage]:
        """`person` writes `text` privately or in `group`; the bot's new messages there."""
        since = self.mark()
        await self.settled(self.push_message(person, text, group))
        return self.bot_messages(group.chat_id if group else person.chat_id, since)

    async def reply_to(
        self, person: Person, text: str, group: Group | None = None
    ) -> StoredMessage:
        """Like `say`, when exactly one reply is expected."""
        replies = await self.say(person, text, group)
        assert len(replies) == 1, [reply.text for reply in replies]
        return replies[0]

    async def press(self, person: Person, message: StoredMessage, data: str) -> Press:
        """`person` presses a button carrying `data` on the bot's `message`."""
        since = self.mark()
        update_id = self.server.user_callback(
            message.chat_id,
            person.user_id,
            message.message_id,
            data,
            first_name=person.first_name,
            last_name=person.last_name,
        )
        update = await self.settled(update_id)
        assert update.callback_query is not None
        return Press(update.callback_query.id, self.server.calls[since:])

    async def press_button(self, person: Person, message: StoredMessage, label: str) -> Press:
        return await self.press(person, message, button_data(message, label))

    async def join(self, person: Person, unit_code: str) -> StoredMessage:
        """`person` opens the unit's deep link; the greeting they got."""
        return await self.reply_to(person, f"/start {self.codes[unit_code]}")

    async def signed(self, action: Action) -> str:
        """Callback data the bot itself would put on a button for `action`."""
        return (await self.runtime.app.codec()).encode(action)


_LIST_MARKER = re.compile(r"^(?:•|\d+\.) ")


def lines_of(message: StoredMessage) -> list[str]:
    """The message's lines, list markers ("• ", "1. ") dropped: bullets or numbers are the
    view's choice, what each item says is what the tests check."""
    return [_LIST_MARKER.sub("", line) for line in (message.text or "").splitlines()]


# --------------------------------------------------------------------------- database views


async def officers_by_unit(runtime: Runtime) -> dict[str, list[str]]:
    """Unit code → the names of its officers."""
    async with runtime.uow() as uow:
        bloc = await uow.blocs.by_code(BLOC_CODE)
        assert bloc is not None and bloc.id is not None
        code_of = {unit.id: unit.code for unit in await uow.blocs.units(bloc.id)}
        officers = await uow.people.officers_of_units([uid for uid in code_of if uid is not None])
    result: dict[str, list[str]] = {}
    for officer in officers:
        result.setdefault(code_of[officer.unit_id], []).append(officer.full_name)
    return result


async def audit_entries(runtime: Runtime, action: str) -> list[AuditEntry]:
    async with runtime.uow() as uow:
        return [entry for entry in await uow.audit.entries() if entry.action == action]


async def stored_group(runtime: Runtime, group: Group) -> GroupChat | None:
    async with runtime.uow() as uow:
        return await uow.groups.get(Channel.TELEGRAM, str(group.chat_id))


async def state(runtime: Runtime) -> tuple[object, ...]:
    """What a refused or ignored update must leave alone: officers, groups, the audit log."""
    async with runtime.uow() as uow:
        bloc = await uow.blocs.by_code(BLOC_CODE)
        assert bloc is not None and bloc.id is not None
        groups = await uow.groups.for_bloc(bloc.id)
        audit = [(entry.action, entry.entity_id) for entry in await uow.audit.entries()]
    return await officers_by_unit(runtime), groups, audit


async def was_processed(runtime: Runtime, update_id: int) -> bool:
    async with runtime.uow() as uow:
        return await uow.updates.seen(Channel.TELEGRAM.value, str(update_id))


# --------------------------------------------------------------------------------- fixtures


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
) -> AsyncIterator[Harness]:
    """The channel set up (command menu registered) and polling the fake server."""
    bot = make_bot(TOKEN, server.base_url)
    channel = TelegramChannel(sample_runtime.app, bot, polling_timeout=1)
    harness = Harness(server, channel, sample_runtime, clock, invite_codes)
    channel.dispatcher.update.outer_middleware(harness.track)
    polling = asyncio.Event()

    async def on_startup() -> None:  # async: aiogram runs a plain function in a thread
        polling.set()

    channel.dispatcher.startup.register(on_startup)  # emitted once setup() is done
    task = harness.task = asyncio.create_task(channel.run(), name="telegram-channel")
    started = asyncio.create_task(polling.wait())
    try:
        await asyncio.wait({task, started}, timeout=WAIT, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            task.result()  # setup failed: raise its error here
        assert polling.is_set(), "the channel did not start polling"
        yield harness
        assert not task.done(), "the channel stopped while the test ran"
    finally:
        started.cancel()
        await channel.stop()
        try:
            await asyncio.wait_for(task, WAIT)
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await bot.session.close()


@pytest.fixture
async def greeting(tg: Harness) -> StoredMessage:
    """AN has joined for SNN, the leader unit; the greeting he got (kept up to date)."""
    return await tg.join(AN, "SNN")


# --------------------------------------------------------------------- 1. setup and commands


PRIVATE_MENU_VI = {
    "menu": "Menu chính",
    "viec": "Việc cần làm và hạn chót",
    "khoi": "Khối thi đua, đơn vị thành viên",
    "trogiup": "Hướng dẫn sử dụng",
    "ngonngu": "Đổi ngôn ngữ",
}
PRIVATE_MENU_EN = {
    "menu": "Main menu",
    "viec": "To-do list and deadlines",
    "khoi": "The bloc and its member units",
    "trogiup": "How to use the bot",
    "ngonngu": "Change language",
}


def _menu(server: FakeTelegramServer, scope: str, language: str = "") -> dict[str, str]:
    key = (json.dumps({"type": scope}, sort_keys=True), language)
    assert key in server.commands, f"no command menu for {key}; have {list(server.commands)}"
    return {item["command"]: item["description"] for item in server.commands[key]}


async def test_setup_registers_the_command_menus_before_polling(tg: Harness) -> None:
    methods = [call.method for call in tg.server.calls]
    assert methods[:6] == ["getMe", "deleteWebhook", *["setMyCommands"] * 4]
    assert all(call.ok for call in tg.server.calls[:6])
    assert not tg.server.calls[1].params.get("drop_pending_updates")
    assert tg.channel.username == BOT_USERNAME


async def test_command_menu_is_vietnamese_by_default_and_english_for_english_clients(
    tg: Harness,
) -> None:
    private_vi = _menu(tg.server, "default")
    private_en = _menu(tg.server, "default", "en")

    assert {name: private_vi.get(name) for name in PRIVATE_MENU_VI} == PRIVATE_MENU_VI
    assert {name: private_en.get(name) for name in PRIVATE_MENU_EN} == PRIVATE_MENU_EN
    assert "lienket" not in private_vi  # linking only makes sense inside a group
    vi, en = Translator("vi"), Translator("en")  # and any command added later is translated
    assert private_vi == {name: vi(f"cmd-{name}") for name in private_vi}
    assert private_en == {name: en(f"cmd-{name}") for name in private_vi}


async def test_group_command_menu_offers_linking_the_group(tg: Harness) -> None:
    group_vi = _menu(tg.server, "all_group_chats")
    group_en = _menu(tg.server, "all_group_chats", "en")

    assert group_vi["lienket"] == "Liên kết nhóm này với Khối"
    assert group_en["lienket"] == "Link this group to the bloc"
    assert group_vi["khoi"] == "Khối thi đua, đơn vị thành viên"
    assert group_vi.keys() == group_en.keys()
    assert "ngonngu" not in group_vi


# ----------------------------------------------------------------------------- 2-4. joining


async def test_deep_link_joins_the_leader_unit(tg: Harness) -> None:
    reply = await tg.join(AN, "SNN")

    assert lines_of(reply) == [
        f"Chào anh/chị An! Anh/chị đã tham gia {BLOC_NAME} (năm 2022) "
        f"với tư cách cán bộ thi đua của {SNN}.",
        "Sở NN&PTNT là Khối trưởng năm nay.",
    ]
    assert button_rows(reply) == MAIN_BUTTONS
    assert await officers_by_unit(tg.runtime) == {"SNN": ["Nguyễn Văn An"]}
    [joined] = await audit_entries(tg.runtime, "officer.joined")
    assert joined.details["unit"] == "SNN"
    assert joined.details["invite"] == tg.codes["SNN"]
    assert joined.channel == "telegram"


async def test_opening_the_same_link_again_changes_nothing(
    tg: Harness, greeting: StoredMessage
) -> None:
    reply = await tg.join(AN, "SNN")

    assert lines_of(reply)[0] == f"Chào anh/chị An! Anh/chị đã là cán bộ thi đua của {SNN} rồi."
    assert await officers_by_unit(tg.runtime) == {"SNN": ["Nguyễn Văn An"]}
    assert len(await audit_entries(tg.runtime, "officer.joined")) == 1


async def test_bloc_button_edits_the_greeting_into_the_bloc_overview(
    tg: Harness, greeting: StoredMessage
) -> None:
    message_id = greeting.message_id

    press = await tg.press_button(AN, greeting, "🏢 Khối của tôi")

    [answer] = press.answers
    assert answer.ok and answer.params["callback_query_id"] == press.query_id
    assert press.query_id in tg.server.callback_answers
    [edit] = press.edits
    assert (edit.params["chat_id"], edit.params["message_id"]) == (AN.chat_id, message_id)
    assert press.sends == []
    overview = tg.server.messages[(AN.chat_id, message_id)]
    assert overview.history[0].text == (
        f"Chào anh/chị An! Anh/chị đã tham gia {BLOC_NAME} (năm 2022) "
        f"với tư cách cán bộ thi đua của {SNN}.\nSở NN&PTNT là Khối trưởng năm nay."
    )
    assert lines_of(overview) == [
        f"🏢 {BLOC_NAME} — năm 2022",
        "Tỉnh: Trà Vinh",
        f"Khối trưởng: {SNN}",
        f"Khối phó: {PTTH}",
        "",
        "Đơn vị thành viên (1/5 đã tham gia bot):",
        f"{SNN} (Khối trưởng) · đơn vị của anh/chị — ✅ đã tham gia",
        f"{STN} — ⏳ chưa tham gia",
        f"{SGT} — ⏳ chưa tham gia",
        f"{SCT} — ⏳ chưa tham gia",
        f"{PTTH} (Khối phó) — ⏳ chưa tham gia",
        "",
        "Chưa liên kết nhóm chat. Khối trưởng thêm bot vào nhóm của Khối rồi gõ /lienket trong "
        "nhóm.",
    ]
    assert button_rows(overview) == [["📋 Việc cần làm", "☰ Menu chính"]]
    assert len(tg.bot_messages(AN.chat_id)) == 1


async def test_tasks_button_edits_in_place(tg: Harness, greeting: StoredMessage) -> None:
    press = await tg.press_button(AN, greeting, "📋 Việc cần làm")

    assert len(press.answers) == 1 and len(press.edits) == 1 and press.sends == []
    assert lines_of(greeting)[:3] == [
        "📋 Việc cần làm của Sở NN&PTNT",
        PLEDGE_TASK,
        BIND_GROUP_TASK,
    ]


async def test_unknown_invite_code_is_refused(tg: Harness) -> None:
    reply = await tg.reply_to(CUONG, "/start snn-zzzzzz")

    assert reply.text == BAD_INVITE
    assert reply.reply_markup is None
    assert await officers_by_unit(tg.runtime) == {}
    assert await audit_entries(tg.runtime, "officer.joined") == []


async def test_revoked_invite_code_is_refused(tg: Harness) -> None:
    async with tg.runtime.uow() as uow:
        await invites.revoke(uow, tg.codes["SGT"], None, tg.clock.now())
        await uow.commit()

    reply = await tg.join(CUONG, "SGT")

    assert reply.text == REVOKED_INVITE
    assert await officers_by_unit(tg.runtime) == {}


async def test_expired_invite_code_is_refused(tg: Harness) -> None:
    tg.clock.advance(timedelta(days=61))

    reply = await tg.join(CUONG, "STN")

    # Issued 10/01/2022 09:00 (Asia/Ho_Chi_Minh), valid to the end of the 60th day after.
    assert reply.text == (
        "⚠️ Mã mời này đã hết hạn lúc 23:59 11/03/2022. "
        "Anh/chị vui lòng xin lại đường dẫn từ Khối trưởng."
    )
    assert await officers_by_unit(tg.runtime) == {}


async def test_leaders_invite_link_lets_another_unit_join(
    tg: Harness, greeting: StoredMessage
) -> None:
    invite_list = lines_of(await tg.reply_to(AN, "/moi"))
    prefix = f"https://t.me/{BOT_USERNAME}?start="
    assert sum(line.strip().startswith(prefix) for line in invite_list) == 5
    sct_link = invite_list[invite_list.index(SCT) + 1].strip()
    assert sct_link == prefix + tg.codes["SCT"]  # the live code is reused, not replaced

    # Telegram turns the opened deep link into "/start <code>" from the new user.
    reply = await tg.reply_to(BINH, "/start " + sct_link.removeprefix(prefix))

    assert lines_of(reply) == [
        f"Chào anh/chị Bình! Anh/chị đã tham gia {BLOC_NAME} (năm 2022) "
        f"với tư cách cán bộ thi đua của {SCT}.",
        f"Khối trưởng năm nay: {SNN}.",
    ]
    assert await officers_by_unit(tg.runtime) == {
        "SNN": ["Nguyễn Văn An"],
        "SCT": ["Trần Thị Bình"],
    }


# ------------------------------------------------------------------------------- 5. moving


async def test_officer_opening_another_units_link_is_asked_and_can_stay(
    tg: Harness, greeting: StoredMessage
) -> None:
    question = await tg.join(AN, "STN")
    assert lines_of(question) == [
        f"Anh/chị đang là cán bộ thi đua của {SNN}.",
        f"Mã mời này thuộc {STN}. Chuyển anh/chị sang {STN}?",
    ]
    assert button_rows(question) == [["Chuyển sang Sở TN&MT"], ["Giữ nguyên ở Sở NN&PTNT"]]

    press = await tg.press_button(AN, question, "Giữ nguyên ở Sở NN&PTNT")

    assert len(press.answers) == 1 and len(press.edits) == 1 and press.sends == []
    assert question.text == f"Đã giữ nguyên: anh/chị vẫn là cán bộ thi đua của {SNN}."
    assert button_rows(question) == MAIN_BUTTONS
    assert await officers_by_unit(tg.runtime) == {"SNN": ["Nguyễn Văn An"]}
    assert await audit_entries(tg.runtime, "officer.moved") == []


async def test_officer_confirming_the_move_is_moved(tg: Harness, greeting: StoredMessage) -> None:
    kept = await tg.join(AN, "STN")
    await tg.press_button(AN, kept, "Giữ nguyên ở Sở NN&PTNT")
    question = await tg.join(AN, "STN")

    press = await tg.press_button(AN, question, "Chuyển sang Sở TN&MT")

    assert len(press.answers) == 1 and len(press.edits) == 1 and press.sends == []
    assert lines_of(question) == [
        f"Chào anh/chị An! Đã chuyển anh/chị từ {SNN} sang {STN}.",
        f"Khối trưởng năm nay: {SNN}.",
    ]
    assert await officers_by_unit(tg.runtime) == {"STN": ["Nguyễn Văn An"]}
    [moved] = await audit_entries(tg.runtime, "officer.moved")
    assert (moved.details["from_unit"], moved.details["unit"]) == ("SNN", "STN")


# ---------------------------------------------------------------------- 6. refused buttons


FORGED_DATA = [
    "1:cmd:khoi:AAAAAAAA",  # a well-formed button with a wrong signature
    "2:cmd:khoi:AAAAAAAA",  # another version
    "garbage",
    "",
]


async def test_forged_buttons_are_answered_with_a_warning_and_change_nothing(
    tg: Harness, greeting: StoredMessage
) -> None:
    before = await state(tg.runtime)

    for data in FORGED_DATA:
        press = await tg.press(AN, greeting, data)

        assert press.toast == FORGED, data
        assert press.answers[0].ok and press.answers[0].params.get("show_alert") is True
        assert press.sends == [] and press.edits == []  # the pressed message stays as it was
        assert (greeting.text or "").startswith("Chào ")
    assert await state(tg.runtime) == before


async def test_signed_button_with_an_unknown_action_is_refused(
    tg: Harness, greeting: StoredMessage
) -> None:
    before = await state(tg.runtime)

    press = await tg.press(AN, greeting, await tg.signed(Action("nope")))

    assert press.toast == FORGED
    assert await state(tg.runtime) == before


async def test_move_button_pressed_again_after_moving_is_refused(
    tg: Harness, greeting: StoredMessage
) -> None:
    question = await tg.join(AN, "STN")
    move = button_data(question, "Chuyển sang Sở TN&MT")
    await tg.press(AN, question, move)
    before = await state(tg.runtime)

    again = await tg.press(AN, question, move)

    assert again.toast == STALE
    assert again.edits == [] and again.sends == []  # refused as an alert on the press
    assert await state(tg.runtime) == before
    assert await officers_by_unit(tg.runtime) == {"STN": ["Nguyễn Văn An"]}
    assert len(await audit_entries(tg.runtime, "officer.moved")) == 1


# ---------------------------------------------------------------------------- 7. redelivery


async def test_redelivered_message_is_answered_once(tg: Harness) -> None:
    since = tg.mark()
    update_id = tg.push_message(CUONG, f"/start {tg.codes['SGT']}")
    await tg.server.wait_for("sendMessage", WAIT, since=since)
    await tg.settled(update_id)

    tg.server.redeliver(update_id)
    await tg.settled(update_id, copies=2)

    assert len(tg.bot_messages(CUONG.chat_id, since)) == 1
    assert await officers_by_unit(tg.runtime) == {"SGT": ["Lê Cường"]}
    assert len(await audit_entries(tg.runtime, "officer.joined")) == 1


async def test_update_delivered_twice_in_one_batch_is_answered_once(tg: Harness) -> None:
    since = tg.mark()
    update_id = tg.push_message(CUONG, f"/start {tg.codes['SGT']}")
    tg.server.redeliver(update_id)  # queued before the next poll: both copies come together

    await tg.settled(update_id, copies=2)

    assert len(tg.bot_messages(CUONG.chat_id, since)) == 1
    assert await officers_by_unit(tg.runtime) == {"SGT": ["Lê Cường"]}
    assert len(await audit_entries(tg.runtime, "officer.joined")) == 1


async def test_redelivered_button_press_is_handled_once(
    tg: Harness, greeting: StoredMessage
) -> None:
    press = await tg.press_button(AN, greeting, "🏢 Khối của tôi")
    [update_id] = [uid for uid, update in tg.updates.items() if update.callback_query]
    since = tg.mark()

    tg.server.redeliver(update_id)
    await tg.settled(update_id, copies=2)

    assert len(press.edits) == 1 and len(press.answers) == 1
    # Nothing is done twice; the press is only answered again, in case the first worker died
    # before answering it (no spinner left).
    again = [call for call in tg.server.calls[since:] if call.method != "getUpdates"]
    assert [call.method for call in again] == ["answerCallbackQuery"]
    assert again[0].params.get("text") == (
        "Đã ghi nhận thao tác này trước đó; gõ /viec hoặc /binhxet để xem lại."
    )


# -------------------------------------------------------------------------------- 8. groups


async def test_leader_links_the_group_with_a_command_addressed_to_the_bot(
    tg: Harness, greeting: StoredMessage
) -> None:
    reply = await tg.reply_to(AN, f"/lienket@{BOT_USERNAME}", BLOC_GROUP)

    assert reply.text == (
        f"✅ Đã liên kết nhóm «{BLOC_GROUP.title}» với {BLOC_NAME}. "
        "Bình xét, nhắc lịch và thông báo của Khối sẽ được gửi vào nhóm này."
    )
    group = await stored_group(tg.runtime, BLOC_GROUP)
    assert group is not None and group.title == BLOC_GROUP.title
    [bound] = await audit_entries(tg.runtime, "group.bound")
    assert bound.entity_id == f"telegram:{BLOC_GROUP.chat_id}"
    assert group.bound_by == bound.actor_officer_id is not None


async def test_linking_the_same_group_again_says_so(tg: Harness, greeting: StoredMessage) -> None:
    await tg.reply_to(AN, "/lienket", BLOC_GROUP)

    again = await tg.reply_to(AN, "/lienket", BLOC_GROUP)

    assert again.text == f"Nhóm «{BLOC_GROUP.title}» đã được liên kết với {BLOC_NAME} từ trước."
    assert len(await audit_entries(tg.runtime, "group.bound")) == 1


async def test_ordinary_member_cannot_link_a_group(tg: Harness) -> None:
    await tg.join(BINH, "SCT")

    reply = await tg.reply_to(BINH, "/lienket", OTHER_GROUP)

    assert reply.text == NOT_ORGANISER
    assert await stored_group(tg.runtime, OTHER_GROUP) is None
    assert await audit_entries(tg.runtime, "group.bound") == []


async def test_link_command_in_a_private_chat_points_to_the_group(
    tg: Harness, greeting: StoredMessage
) -> None:
    reply = await tg.reply_to(AN, "/lienket")

    # The leader also gets a one-time code for a group whose admins stay anonymous
    # (test_telegram_platform.py).
    assert (reply.text or "").split("\n\n")[0] == GROUP_REQUIRED
    assert await audit_entries(tg.runtime, "group.bound") == []


async def test_stranger_asking_for_the_bloc_in_the_group_is_told_to_join(
    tg: Harness, greeting: StoredMessage
) -> None:
    await tg.reply_to(AN, "/lienket", BLOC_GROUP)

    reply = await tg.reply_to(CUONG, "/khoi", BLOC_GROUP)

    assert reply.text == (
        "⚠️ Lê Cường chưa là cán bộ của đơn vị thành viên trong khối này. "
        "Nhắn riêng cho bot: /start kèm mã mời của đơn vị."
    )


async def test_member_asking_for_the_bloc_in_the_group_gets_the_overview(
    tg: Harness, greeting: StoredMessage
) -> None:
    await tg.reply_to(AN, "/lienket", BLOC_GROUP)
    await tg.join(BINH, "SCT")

    reply = await tg.reply_to(BINH, f"/khoi@{BOT_USERNAME}", BLOC_GROUP)

    lines = lines_of(reply)
    assert lines[0] == f"🏢 {BLOC_NAME} — năm 2022"
    assert "Đơn vị thành viên (2/5 đã tham gia bot):" in lines
    assert lines[-1] == f"Nhóm chat của Khối: {BLOC_GROUP.title}"


NOT_FOR_THE_BOT = [
    "/khoi@other_bot",
    "/lienket@other_bot",
    "Chào cả nhà, chiều nay họp khối nhé!",
    "3",
]


async def test_group_messages_not_for_the_bot_are_ignored(
    tg: Harness, greeting: StoredMessage
) -> None:
    await tg.reply_to(AN, "/lienket", BLOC_GROUP)
    before = await state(tg.runtime)

    for text in NOT_FOR_THE_BOT:
        assert await tg.say(AN, text, BLOC_GROUP) == [], text
        assert await tg.say(CUONG, text, BLOC_GROUP) == [], text
    assert await state(tg.runtime) == before


# ------------------------------------------------------------------------------ 9. language


async def test_switching_to_english_edits_the_choice_and_later_replies_follow(
    tg: Harness, greeting: StoredMessage
) -> None:
    choice = await tg.reply_to(AN, "/ngonngu")
    assert choice.text == "Chọn ngôn ngữ / Choose a language:"
    assert button_rows(choice) == [["Tiếng Việt", "English"]]

    press = await tg.press_button(AN, choice, "English")

    assert press.toast == "Switched to English."
    [edit] = press.edits
    assert edit.params["message_id"] == choice.message_id
    assert choice.text == "Switched to English."
    assert button_rows(choice)[0] == ["📋 To-do", "🏢 My bloc"]
    assert button_rows(choice)[-2:] == [
        ["🔢 Document register", "🚩 Hand over"],
        ["❓ Help", "🌐 Language"],
    ]

    overview = await tg.reply_to(AN, "/khoi")
    assert lines_of(overview)[:3] == [
        f"🏢 {BLOC_NAME} — 2022",
        "Province: Trà Vinh",
        f"Bloc leader: {SNN}",
    ]
    assert "Member units (1/5 have joined the bot):" in lines_of(overview)
    assert "chưa tham gia" not in (overview.text or "")


async def test_switching_back_to_vietnamese(tg: Harness, greeting: StoredMessage) -> None:
    choice = await tg.reply_to(AN, "/ngonngu en")
    assert choice.text == "Switched to English."

    await tg.press_button(AN, choice, "🌐 Language")
    press = await tg.press_button(AN, choice, "Tiếng Việt")

    assert press.toast == "Đã chuyển sang tiếng Việt."
    assert button_rows(choice) == MAIN_BUTTONS


# --------------------------------------------------------------------------------- 10. tasks


async def test_leader_tasks_list_the_group_link_until_it_is_done(
    tg: Harness, greeting: StoredMessage
) -> None:
    tasks = await tg.reply_to(AN, "/viec")
    lines = lines_of(tasks)
    # The leader unit registers its own pledge too, and that task has a deadline: it is first.
    assert lines[:3] == ["📋 Việc cần làm của Sở NN&PTNT", PLEDGE_TASK, BIND_GROUP_TASK]
    assert lines[3].startswith(
        "Mời 4 đơn vị chưa tham gia bot: Sở TN&MT, Sở GTVT, Sở Công Thương, Đài PT-TH"
    )
    assert len(lines) == 4
    assert button_rows(tasks) == [
        ["📝 Đăng ký thi đua"],
        ["🏢 Khối của tôi", "☰ Menu chính"],
    ]

    await tg.reply_to(AN, "/lienket", BLOC_GROUP)
    await tg.join(BINH, "SCT")
    tasks = await tg.reply_to(AN, "/viec")

    lines = lines_of(tasks)
    assert BIND_GROUP_TASK not in (tasks.text or "")
    assert lines[:2] == ["📋 Việc cần làm của Sở NN&PTNT", PLEDGE_TASK]
    assert lines[2].startswith("Mời 3 đơn vị chưa tham gia bot: Sở TN&MT, Sở GTVT, Đài PT-TH")
    assert len(lines) == 3


async def test_ordinary_member_registers_its_pledge_and_then_has_no_tasks(tg: Harness) -> None:
    await tg.join(BINH, "SCT")

    tasks = await tg.reply_to(BINH, "/viec")

    assert lines_of(tasks) == ["📋 Việc cần làm của Sở Công Thương", PLEDGE_TASK]
    assert button_rows(tasks)[0] == ["📝 Đăng ký thi đua"]
    tg.clock.current = datetime(2022, 4, 2, 2, 0, tzinfo=UTC)  # after the pledge window
    tasks = await tg.reply_to(BINH, "/viec")
    assert (tasks.text or "").startswith("📋 Hiện Sở Công Thương không có việc nào cần làm.")


# ------------------------------------------------------------------------- 11. robustness


async def test_blocked_chat_does_not_stop_the_channel(tg: Harness, greeting: StoredMessage) -> None:
    tg.server.block_chat(AN.chat_id)

    assert await tg.say(AN, "/khoi") == []
    assert tg.server.calls_of("sendMessage")[-1].status == 403

    reply = await tg.join(BINH, "SCT")
    assert lines_of(reply)[0].startswith("Chào anh/chị Bình!")
    assert tg.task is not None and not tg.task.done()


async def test_double_tap_on_a_button_sends_nothing_new(
    tg: Harness, greeting: StoredMessage
) -> None:
    data = button_data(greeting, "🏢 Khối của tôi")

    first = await tg.press(AN, greeting, data)
    second = await tg.press(AN, greeting, data)  # the very same content: "not modified"

    assert len(first.answers) == 1 and len(second.answers) == 1
    assert [call.status for call in second.edits] == [400]
    assert first.sends == [] and second.sends == []
    assert len(tg.bot_messages(AN.chat_id)) == 1


async def test_reply_to_a_press_on_an_uneditable_message_is_sent_anew(
    tg: Harness, greeting: StoredMessage
) -> None:
    tg.server.fail_next("editMessageText", 400, "Bad Request: message to edit not found")

    press = await tg.press_button(AN, greeting, "🏢 Khối của tôi")

    assert len(press.answers) == 1
    [sent] = press.sends
    assert sent.params["chat_id"] == AN.chat_id
    assert str(sent.params["text"]).startswith(f"🏢 {BLOC_NAME} — năm 2022")


LONG_TEXT = "\n".join(f"Dòng {n}: " + "nội dung báo cáo " * 12 for n in range(50))  # 3 parts


async def outbox_of(tg: Harness) -> OutboxDispatcher:
    """The outbox's dispatcher, sending through the harness's channel."""
    link = link_maker(tg.runtime.settings.public_base_url, await tg.runtime.app.signing_secret())
    return OutboxDispatcher(tg.runtime.uow, tg.clock, {Channel.TELEGRAM: tg.channel}, link)


async def send_the_outbox(tg: Harness) -> None:
    """Rounds until nothing is left, the clock moved past each retry_after between them
    (the dispatcher's own pause waits out the fake server's limits)."""
    outbox = await outbox_of(tg)
    for _ in range(8):
        await outbox.flush()
        async with tg.runtime.uow() as uow:
            if not await uow.outbox.pending_count():
                return
        tg.clock.advance(timedelta(seconds=2))
    raise AssertionError("the outbox still holds messages")


async def test_a_reply_telegram_refuses_goes_to_the_outbox_and_arrives_once(
    tg: Harness, greeting: StoredMessage
) -> None:
    """The update is recorded before its reply goes out: a reply refused then (a 429) is
    queued for the outbox instead of lost, and the update is not handled again."""
    await send_the_outbox(tg)  # AN's own command menu, queued when he joined
    tg.server.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    since = tg.mark()
    await tg.settled(tg.push_message(AN, "/khoi"))
    assert tg.bot_messages(AN.chat_id, since) == []

    outbox = await outbox_of(tg)
    assert await outbox.flush() == 1
    [reply] = tg.bot_messages(AN.chat_id, since)
    assert str(reply.text).startswith(f"🏢 {BLOC_NAME} — năm 2022")
    assert await outbox.flush() == 0


async def test_a_long_text_meeting_the_chat_limit_arrives_once_part_by_part(
    tg: Harness,
) -> None:
    """Telegram takes about one message a second in a chat, and a long text goes in parts
    back to back: each retry sends only the parts still missing, never the first again."""
    text = LONG_TEXT
    parts = split_text(text, MESSAGE_LIMIT)
    assert len(parts) == 3
    async with tg.runtime.uow() as uow:
        await uow.outbox.enqueue("telegram", str(AN.chat_id), {"text": text}, tg.clock.now())
        await uow.commit()
    tg.server.enable_rate_limits()
    since = tg.mark()
    await send_the_outbox(tg)
    assert [m.text for m in tg.bot_messages(AN.chat_id, since)] == parts


async def test_a_long_reply_cut_short_sends_only_the_rest_later(tg: Harness) -> None:
    """A reply's second part meets the chat's limit: the first part is not sent again, the
    rest (with the buttons) goes through the outbox."""
    text = LONG_TEXT
    parts = split_text(text, MESSAGE_LIMIT)
    reply = Reply(text, [[Button("☰ Menu chính", Action("cmd", ("menu",)))]])
    tg.server.enable_rate_limits()
    since = tg.mark()
    await tg.channel._answer(AN.chat_id, reply)
    assert [m.text for m in tg.bot_messages(AN.chat_id, since)] == parts[:1]

    await send_the_outbox(tg)
    sent = tg.bot_messages(AN.chat_id, since)
    assert "".join(str(m.text) for m in sent) == text
    assert sent[-1].reply_markup is not None and sent[0].reply_markup is None


async def test_unexpected_failure_is_answered_and_rolled_back(
    tg: Harness, greeting: StoredMessage, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(blocs, "overview", broken)
    since = tg.mark()
    update_id = tg.push_message(AN, "/khoi")
    await tg.settled(update_id)

    [reply] = tg.bot_messages(AN.chat_id, since)
    assert reply.text == f"⚠️ {GENERIC_ERROR}"
    assert not await was_processed(tg.runtime, update_id)  # rolled back: a retry may succeed

    press = await tg.press_button(AN, greeting, "🏢 Khối của tôi")

    assert press.toast == GENERIC_ERROR
    assert press.answers[0].params.get("show_alert") is True
    assert press.edits == [] and press.sends == []  # the apology is the alert itself
    assert button_rows(greeting) == MAIN_BUTTONS


# ------------------------------------------------ presses that go wrong, and stale buttons


async def test_reply_to_a_press_still_arrives_when_answering_it_fails(
    tg: Harness, greeting: StoredMessage
) -> None:
    tg.server.fail_next("answerCallbackQuery", 400, f"Bad Request: {QUERY_TOO_OLD}")

    press = await tg.press_button(AN, greeting, "🏢 Khối của tôi")

    assert len(press.edits) == 1
    assert lines_of(greeting)[0] == f"🏢 {BLOC_NAME} — năm 2022"


async def test_signed_button_for_an_unknown_command_is_refused(
    tg: Harness, greeting: StoredMessage
) -> None:
    press = await tg.press(AN, greeting, await tg.signed(Action("cmd", ("khongco",))))

    assert press.toast == FORGED  # renamed since the message was sent: a stale button
    assert press.edits == []


async def test_unknown_action_is_refused_in_the_users_language(
    tg: Harness, greeting: StoredMessage
) -> None:
    await tg.reply_to(AN, "/ngonngu en")

    press = await tg.press(AN, greeting, await tg.signed(Action("nope")))

    assert press.toast == "This button is invalid or out of date. Type /menu to open a new menu."
