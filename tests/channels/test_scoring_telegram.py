"""Scoring, verification, ranking and reports through Telegram: the real aiogram 3 stack long
polling the fake Bot API, on the sample bloc (Khối thi đua Khối 7, Trà Vinh, 2022).

Officers join with their unit's invite on 10/01/2022 (invites expire), then the clock moves
into the annual window (15/11–15/12/2022, local time). A button press answers by editing the
pressed message; typed text gets new messages; reports go out with sendDocument. Nothing
sleeps: every wait is on a condition (the update completely handled by aiogram)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from aiogram.types import TelegramObject, Update
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_session import make_bot
from bot.runtime import Runtime
from bot.views.names import given_name
from domain.sheets import Evidence, ScoreSheet, SheetStatus
from domain.summary import Cycle
from tests.channels.telegram_support import Press, button_data, button_rows
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_server import FakeTelegramServer, RecordedCall, StoredMessage

TOKEN = "42:TEST-TOKEN"
BOT_USERNAME = "thidua_test_bot"
BLOC_CODE = "khoi7-travinh"
YEAR = 2022
WAIT = 5.0  # seconds: only bounds a failing wait, a passing one returns as soon as it can

IN_WINDOW = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)  # 09:00 20/11/2022 in Trà Vinh
BEFORE_WINDOW = datetime(2022, 10, 20, 2, 0, tzinfo=UTC)
AFTER_WINDOW = datetime(2022, 12, 16, 2, 0, tzinfo=UTC)
LAST_MINUTE = datetime(2022, 12, 15, 16, 59, tzinfo=UTC)  # 23:59 15/12/2022 local
JUST_CLOSED = datetime(2022, 12, 15, 17, 0, tzinfo=UTC)  # 00:00 16/12/2022 local

SGT = "Sở Giao thông vận tải"
SGT_SHORT = "Sở GTVT"
SCT_SHORT = "Sở Công Thương"
UNRANKED = (
    "Chưa nộp bảng điểm (không xếp hạng): Sở Nông nghiệp và Phát triển nông thôn, "
    "Sở Tài nguyên và Môi trường, Đài Phát thanh và Truyền hình Trà Vinh"
)

# --------------------------------------------------------------------------- the criteria

SECTION_I_TITLES = {
    "1": "Hoàn thành các chỉ tiêu kế hoạch năm được giao",
    "2": "Hoàn thành đúng hạn các nhiệm vụ UBND tỉnh giao",
    "3": "Chất lượng tham mưu văn bản quy phạm pháp luật và đề án",
    "4": "Thực hiện các chuyên đề thi đua đã đăng ký",
}
ITEM_CODES = [str(code) for code in range(1, 19)]

# What Sở GTVT types for its 18 items (as officers type them: a decimal comma), and the
# bonus criterion 19 after them.
SGT_SCORES = {
    "1": "14", "2": "9,5", "3": "7", "4": "6,5",  # I: 37 of 40
    "5": "5", "6": "4,5", "7": "4", "8": "5",  # II: 18,5 of 20
    "9": "6", "10": "4,5", "11": "3,5",  # III: 14 of 15
    "12": "5", "13": "4", "14": "3", "15": "3",  # IV: 15 of 15
    "16": "4", "17": "2,5", "18": "3",  # V: 9,5 of 10
}  # fmt: skip
SGT_BONUS = "2"  # criterion 19
# By hand: 37 + 18,5 + 14 + 15 + 9,5 = 94 for the items, + 2 bonus, no penalty.
SGT_TOTAL = "96"
# The leader lowers item 9 from 6 to 5.
SGT_VERIFIED_TOTAL = "95"
VERIFY_REASON = "Chỉ số CCHC năm 2022 của đơn vị chỉ đạt loại khá"

# Sở Công Thương: the same except item 1 (10 instead of 14) and no bonus: 94 − 4 = 90.
SCT_SCORES = SGT_SCORES | {"1": "10"}
SCT_TOTAL = "90"

OVERVIEW_BUTTONS = [
    ["Phần I (0/4)", "Phần II (0/4)", "Phần III (0/3)"],
    ["Phần IV (0/4)", "Phần V (0/3)"],
    ["⭐ Điểm thưởng", "⚠️ Điểm trừ"],
    ["⚡ Nhập nhanh cả bảng"],
    ["📤 Nộp bảng điểm"],
    ["☰ Menu chính"],
]
ITEM_BUTTONS = [["◀ Tiêu chí trước", "Bỏ qua ▶"], ["📝 Ghi chú minh chứng", "💾 Lưu nháp"]]
UNKNOWN_TEXT = "Bot chưa hiểu tin nhắn này. Gõ /menu để mở menu hoặc /trogiup để xem hướng dẫn."
UNSUPPORTED = (
    "Bot chưa đọc được loại tin nhắn này. Anh/chị gửi tin nhắn chữ, hoặc gõ /menu để mở menu."
)


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

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name


AN = Person(1001, "Nguyễn Văn", "An")  # Sở NN&PTNT: the bloc leader
HUNG = Person(1002, "Lê Văn", "Hùng")  # Sở GTVT
LAN = Person(1003, "Phạm Thị", "Lan")  # Sở GTVT, a second officer of the same unit
BINH = Person(1004, "Trần Thị", "Bình")  # Sở Công Thương


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
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(50_000))

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

    async def settled(self, update_id: int) -> Update:
        """Wait until the update is completely handled (its replies sent)."""
        async with asyncio.timeout(WAIT):
            while self.handled[update_id] < 1:
                self._progress.clear()
                await self._progress.wait()
        return self.updates[update_id]

    def mark(self) -> int:
        return len(self.server.calls)

    def calls(self, method: str, since: int) -> list[RecordedCall]:
        return [call for call in self.server.calls[since:] if call.method == method]

    def bot_messages(self, chat_id: int, since: int = 0) -> list[StoredMessage]:
        """What the bot showed `chat_id` through `calls[since:]`: messages it sent, and the
        screen it updated in place for a typed answer, in their current state."""
        shown = []
        for call in self.server.calls[since:]:
            if not call.ok or call.params.get("chat_id") != chat_id:
                continue
            if call.method == "sendMessage":
                shown.append(self.server.messages[(chat_id, call.result["message_id"])])
            elif call.method == "editMessageText" and self.typed_since(since):
                shown.append(self.server.messages[(chat_id, int(call.params["message_id"]))])
        return shown

    def typed_since(self, since: int) -> bool:
        """Whether the interval began with a typed message (not a button press)."""
        return not self.calls("answerCallbackQuery", since)

    async def say(self, person: Person, text: str) -> list[StoredMessage]:
        """`person` writes `text` to the bot privately; the bot's new messages."""
        since = self.mark()
        update_id = self.server.user_message(
            person.chat_id,
            person.user_id,
            text,
            first_name=person.first_name,
            last_name=person.last_name,
        )
        await self.settled(update_id)
        return self.bot_messages(person.chat_id, since)

    async def reply_to(self, person: Person, text: str) -> StoredMessage:
        """Like `say`, when exactly one reply is expected."""
        replies = await self.say(person, text)
        assert len(replies) == 1, [reply.text for reply in replies]
        return replies[0]

    async def send_content(self, person: Person, **content: Any) -> StoredMessage:
        """`person` sends a message built by hand (a photo, a document, a sticker...)."""
        user = {
            "id": person.user_id,
            "is_bot": False,
            "first_name": person.first_name,
            "last_name": person.last_name,
        }
        chat = {"id": person.chat_id, "type": "private", "first_name": person.first_name}
        message = {
            "message_id": next(self._message_ids),
            "date": int(self.clock.now().timestamp()),
            "chat": chat,
            "from": user,
            **content,
        }
        since = self.mark()
        await self.settled(self.server.push_update({"message": message}))
        [reply] = self.bot_messages(person.chat_id, since)
        return reply

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

    async def join(self, person: Person, unit_code: str) -> None:
        reply = await self.reply_to(person, f"/start {self.codes[unit_code]}")
        assert (reply.text or "").startswith(f"Chào anh/chị {given_name(person.full_name)}!"), (
            reply.text
        )


def section_button(message: StoredMessage, section: str) -> str:
    """The label of a section's button, whatever its count: "Phần I (2/4)"."""
    labels = [label for row in button_rows(message) for label in row]
    [label] = [label for label in labels if label.startswith(f"Phần {section} (")]
    return label


def lines(message: StoredMessage) -> list[str]:
    return (message.text or "").splitlines()


# --------------------------------------------------------------------------- conversations


async def open_item(tg: Harness, person: Person, section: str = "I") -> StoredMessage:
    """/chamdiem, then the section's button: the overview edited into an item prompt."""
    sheet = await tg.reply_to(person, "/chamdiem")
    press = await tg.press_button(person, sheet, section_button(sheet, section))
    press.assert_edited_in_place(sheet)
    return sheet


async def score_items(
    tg: Harness, person: Person, scores: dict[str, str], bonus: str | None = None
) -> StoredMessage:
    """Open section I and type the 18 items in order (and criterion 19 when given); the last
    reply, which prompts the next criterion."""
    await open_item(tg, person)
    reply: StoredMessage | None = None
    for code in ITEM_CODES:
        reply = await tg.reply_to(person, scores[code])
        assert lines(reply)[0].startswith(f"Đã ghi {scores[code]}/"), reply.text
    if bonus is not None:
        reply = await tg.reply_to(person, bonus)
        assert lines(reply)[0].startswith(f"Đã ghi {bonus}/3 cho tiêu chí 19."), reply.text
    assert reply is not None
    return reply


async def submit(tg: Harness, person: Person) -> StoredMessage:
    """/chamdiem, 📤 and ✅: the overview edited into the confirmation, then into the receipt."""
    sheet = await tg.reply_to(person, "/chamdiem")
    (await tg.press_button(person, sheet, "📤 Nộp bảng điểm")).assert_edited_in_place(sheet)
    (await tg.press_button(person, sheet, "✅ Nộp")).assert_edited_in_place(sheet)
    return sheet


async def submit_sgt(tg: Harness) -> None:
    await score_items(tg, HUNG, SGT_SCORES, SGT_BONUS)
    await submit(tg, HUNG)


async def verify_item(tg: Harness, code: str, points: str, reason: str) -> StoredMessage:
    """The leader verifies one item of Sở GTVT's submitted sheet; the confirmation."""
    choice = await tg.reply_to(AN, "/thamdinh")
    [unit] = button_rows(choice)[0]
    (await tg.press_button(AN, choice, unit)).assert_edited_in_place(choice)
    await tg.reply_to(AN, code)
    await tg.reply_to(AN, points)
    return await tg.reply_to(AN, reason)


# --------------------------------------------------------------------------- database views


async def sheet_of(runtime: Runtime, unit_code: str) -> ScoreSheet | None:
    """The unit's own annual sheet of 2022, as stored."""
    async with runtime.uow() as uow:
        bloc = await uow.blocs.by_code(BLOC_CODE)
        assert bloc is not None and bloc.id is not None
        year = await uow.blocs.year(bloc.id, YEAR)
        assert year is not None and year.id is not None
        [unit_id] = [u.id for u in await uow.blocs.units(bloc.id) if u.code == unit_code]
        assert unit_id is not None
        return await uow.scores.find_sheet(year.id, unit_id, unit_id, Cycle.ANNUAL)


async def points_of(runtime: Runtime, unit_code: str) -> dict[str, Decimal]:
    """Criterion → the unit's own points, as stored."""
    sheet = await sheet_of(runtime, unit_code)
    assert sheet is not None
    return {code: e.points for code, e in sheet.entries.items() if e.points is not None}


async def evidence_of(runtime: Runtime, unit_code: str) -> list[Evidence]:
    sheet = await sheet_of(runtime, unit_code)
    assert sheet is not None and sheet.id is not None
    async with runtime.uow() as uow:
        return await uow.scores.evidence(sheet.id)


# ---------------------------------------------------------------------------- spreadsheets
# The summary sheet "Tong_hop": headings in rows 6-7, unit names in column B.


def column_of(sheet: Worksheet, heading: str) -> int:
    for row in sheet.iter_rows(min_row=6, max_row=7):
        for cell in row:
            if cell.value == heading:
                return int(cell.column)
    raise AssertionError(f"no column {heading!r}")


def row_of(sheet: Worksheet, unit_name: str) -> int:
    for (cell,) in sheet.iter_rows(min_col=2, max_col=2):
        if cell.value == unit_name:
            return int(cell.row)
    raise AssertionError(f"no row for {unit_name!r}")


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
    """The channel set up and polling the fake server; officers of Sở NN&PTNT (the leader),
    Sở GTVT (two of them) and Sở Công Thương joined on 10/01/2022, while invites are live."""
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
        for person, unit in ((AN, "SNN"), (HUNG, "SGT"), (LAN, "SGT"), (BINH, "SCT")):
            await harness.join(person, unit)
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
def scoring(tg: Harness) -> Harness:
    """The clock in the annual window."""
    tg.clock.current = IN_WINDOW
    return tg


@pytest.fixture
async def submitted(scoring: Harness) -> Harness:
    """Sở GTVT has scored everything (96 points) and submitted."""
    await submit_sgt(scoring)
    return scoring


@pytest.fixture
async def verified(submitted: Harness) -> Harness:
    """The leader has lowered Sở GTVT's item 9 from 6 to 5 (95 points after verification)."""
    await verify_item(submitted, "9", "5", VERIFY_REASON)
    return submitted


@pytest.fixture
async def two_submitted(verified: Harness) -> Harness:
    """Sở GTVT (95 after verification) and Sở Công Thương (90) have submitted."""
    await score_items(verified, BINH, SCT_SCORES)
    await submit(verified, BINH)
    return verified


@pytest.fixture
async def both_on_item_3(scoring: Harness) -> Harness:
    """Hùng and Lan (both of Sở GTVT) have item 3 open, empty."""
    for person in (HUNG, LAN):
        sheet = await open_item(scoring, person)
        await scoring.press_button(person, sheet, "Bỏ qua ▶")
        await scoring.press_button(person, sheet, "Bỏ qua ▶")
        assert f"▶️ 3. {SECTION_I_TITLES['3']} — tối đa 8" in lines(sheet)
    await scoring.reply_to(HUNG, "8")
    return scoring


# ------------------------------------------------------------------ 1. overview and sections


async def test_score_command_shows_the_sheet_overview(scoring: Harness) -> None:
    sheet = await scoring.reply_to(HUNG, "/chamdiem")

    assert lines(sheet) == [
        f"Chấm điểm năm 2022 — {SGT_SHORT} (bản nháp)",
        "Phần I. Thực hiện nhiệm vụ chính trị, chuyên môn (40 điểm) — đã chấm 0/4 · 0 điểm",
        "Phần II. Công tác thi đua, khen thưởng (20 điểm) — đã chấm 0/4 · 0 điểm",
        "Phần III. Cải cách hành chính, chuyển đổi số (15 điểm) — đã chấm 0/3 · 0 điểm",
        "Phần IV. Xây dựng tổ chức, nội bộ (15 điểm) — đã chấm 0/4 · 0 điểm",
        "Phần V. Tham gia hoạt động của Khối (10 điểm) — đã chấm 0/3 · 0 điểm",
        "Điểm thưởng: 0 (tối đa 10)",
        "Điểm trừ: 0",
        "Tạm tính: 0 / 100",
        "Hạn nộp: 23:59 15/12/2022",
    ]
    assert button_rows(sheet) == OVERVIEW_BUTTONS


async def test_section_button_edits_the_overview_into_the_first_item(scoring: Harness) -> None:
    sheet = await scoring.reply_to(HUNG, "/chamdiem")

    press = await scoring.press_button(HUNG, sheet, "Phần I (0/4)")

    press.assert_edited_in_place(sheet)
    assert press.toast is None
    assert lines(sheet) == [
        f"Chấm điểm năm 2022 — {SGT_SHORT} (bản nháp)",
        "Phần I. Thực hiện nhiệm vụ chính trị, chuyên môn (40 điểm)",
        f"▶️ 1. {SECTION_I_TITLES['1']} — tối đa 15",
        f"▫️ 2. {SECTION_I_TITLES['2']} — tối đa 10",
        f"▫️ 3. {SECTION_I_TITLES['3']} — tối đa 8",
        f"▫️ 4. {SECTION_I_TITLES['4']} — tối đa 7",
        "Nhập điểm từ 0 đến 15, ví dụ 14,5.",  # in the item's own range
        "Tạm tính: 0 / 100",
    ]
    assert button_rows(sheet) == ITEM_BUTTONS
    assert len(scoring.bot_messages(HUNG.chat_id)) == 2  # the greeting and the sheet


async def test_skip_and_previous_move_between_items_in_place(scoring: Harness) -> None:
    sheet = await open_item(scoring, HUNG)

    (await scoring.press_button(HUNG, sheet, "Bỏ qua ▶")).assert_edited_in_place(sheet)
    assert f"▶️ 2. {SECTION_I_TITLES['2']} — tối đa 10" in lines(sheet)

    (await scoring.press_button(HUNG, sheet, "◀ Tiêu chí trước")).assert_edited_in_place(sheet)
    assert f"▶️ 1. {SECTION_I_TITLES['1']} — tối đa 15" in lines(sheet)

    (await scoring.press_button(HUNG, sheet, "💾 Lưu nháp")).assert_edited_in_place(sheet)
    assert button_rows(sheet) == OVERVIEW_BUTTONS


# ------------------------------------------------------------------------- 2. typed scores


async def test_typed_score_is_recorded_and_the_next_item_prompted(scoring: Harness) -> None:
    sheet = await open_item(scoring, HUNG)

    since = scoring.mark()
    reply = await scoring.reply_to(HUNG, "14,5")

    assert reply.message_id == sheet.message_id  # the sheet on screen moves on, edited
    assert scoring.calls("sendMessage", since) == []
    assert lines(reply) == [
        "Đã ghi 14,5/15 cho tiêu chí 1. Tạm tính: 14,5.",
        "",
        f"Chấm điểm năm 2022 — {SGT_SHORT} (bản nháp)",
        "Phần I. Thực hiện nhiệm vụ chính trị, chuyên môn (40 điểm)",
        f"✅ 1. {SECTION_I_TITLES['1']} — 14,5/15",
        f"▶️ 2. {SECTION_I_TITLES['2']} — tối đa 10",
        f"▫️ 3. {SECTION_I_TITLES['3']} — tối đa 8",
        f"▫️ 4. {SECTION_I_TITLES['4']} — tối đa 7",
        "Nhập điểm từ 0 đến 10, ví dụ 9,5.",
        "Tạm tính: 14,5 / 100",
    ]
    assert button_rows(reply) == ITEM_BUTTONS
    assert await points_of(scoring.runtime, "SGT") == {"1": Decimal("14.5")}


def last_message_id(tg: Harness, chat_id: int) -> int:
    """The bot's newest message in the chat: under it only what the person typed."""
    return max(
        message_id
        for (chat, message_id), message in tg.server.messages.items()
        if chat == chat_id and message.from_bot
    )


async def test_score_over_the_maximum_is_refused_on_the_sheet_itself(scoring: Harness) -> None:
    """The warning edits the sheet in place, on top of it: the chat still ends with the
    current sheet, and nothing is stored."""
    sheet = await open_item(scoring, HUNG)
    await scoring.reply_to(HUNG, "14,5")
    since = scoring.mark()

    reply = await scoring.reply_to(HUNG, "10,5")

    assert reply.message_id == sheet.message_id
    assert scoring.calls("sendMessage", since) == []
    assert lines(reply)[0] == (
        "⚠️ Tiêu chí này tối đa 10 điểm — anh/chị vui lòng nhập lại (từ 0 đến 10)."
    )
    assert f"▶️ 2. {SECTION_I_TITLES['2']} — tối đa 10" in lines(reply)
    assert lines(reply)[-1] == "Tạm tính: 14,5 / 100"
    assert button_rows(reply) == ITEM_BUTTONS
    assert last_message_id(scoring, HUNG.chat_id) == sheet.message_id
    assert await points_of(scoring.runtime, "SGT") == {"1": Decimal("14.5")}


async def test_text_that_is_not_a_number_is_refused(scoring: Harness) -> None:
    sheet = await open_item(scoring, HUNG)
    await scoring.reply_to(HUNG, "14,5")

    reply = await scoring.reply_to(HUNG, "abc")

    assert reply.message_id == sheet.message_id
    assert lines(reply)[0] == (
        "⚠️ «abc» không phải là điểm. Anh/chị nhập một số từ 0 đến 10, "
        "có thể có một chữ số thập phân."
    )
    assert await points_of(scoring.runtime, "SGT") == {"1": Decimal("14.5")}


async def test_a_valid_score_after_refusals_is_recorded_on_the_same_sheet(
    scoring: Harness,
) -> None:
    sheet = await open_item(scoring, HUNG)
    await scoring.reply_to(HUNG, "14,5")
    since = scoring.mark()
    await scoring.reply_to(HUNG, "10,5")
    await scoring.reply_to(HUNG, "abc")

    reply = await scoring.reply_to(HUNG, "9,5")

    assert lines(reply)[0] == "Đã ghi 9,5/10 cho tiêu chí 2. Tạm tính: 24."
    assert "⚠️" not in (reply.text or "")  # the warning went with the score that fixed it
    assert f"▶️ 3. {SECTION_I_TITLES['3']} — tối đa 8" in lines(reply)
    assert reply.message_id == sheet.message_id == last_message_id(scoring, HUNG.chat_id)
    assert scoring.calls("sendMessage", since) == []
    assert await points_of(scoring.runtime, "SGT") == {"1": Decimal("14.5"), "2": Decimal("9.5")}


async def test_a_message_under_the_sheet_has_the_next_score_sent_anew(scoring: Harness) -> None:
    """Once something else is under the sheet (here the bot's answer to a typed command), a
    typed score brings a fresh sheet to the bottom instead of editing the one above."""
    sheet = await open_item(scoring, HUNG)
    await scoring.reply_to(HUNG, "14,5")
    await scoring.reply_to(HUNG, "/trogiup")  # ends the step; the help is now the last message
    await scoring.press_button(HUNG, sheet, "Bỏ qua ▶")  # back to an item, on the old sheet

    reply = await scoring.reply_to(HUNG, "6")

    assert reply.message_id != sheet.message_id
    assert reply.message_id == last_message_id(scoring, HUNG.chat_id)
    assert lines(reply)[0].startswith("Đã ghi 6/")


# ------------------------------------------------------------------------------ 3. submitting


async def test_scoring_everything_and_submitting(scoring: Harness) -> None:
    last = await score_items(scoring, HUNG, SGT_SCORES, SGT_BONUS)
    assert lines(last)[0] == f"Đã ghi {SGT_BONUS}/3 cho tiêu chí 19. Tạm tính: {SGT_TOTAL}."
    sheet = await scoring.reply_to(HUNG, "/chamdiem")
    assert f"Tạm tính: {SGT_TOTAL} / 100" in lines(sheet)

    ask = await scoring.press_button(HUNG, sheet, "📤 Nộp bảng điểm")

    ask.assert_edited_in_place(sheet)
    assert sheet.text == (
        f"Nộp bảng tự chấm điểm của {SGT_SHORT}: {SGT_TOTAL} điểm? "
        "Sau khi nộp, đơn vị không sửa được nữa."
    )
    assert button_rows(sheet) == [["✅ Nộp", "◀ Quay lại"]]
    draft = await sheet_of(scoring.runtime, "SGT")
    assert draft is not None and draft.status is SheetStatus.DRAFT

    done = await scoring.press_button(HUNG, sheet, "✅ Nộp")

    done.assert_edited_in_place(sheet)
    assert sheet.text == (
        f"✅ Đã nộp bảng tự chấm điểm năm 2022 của {SGT_SHORT}: {SGT_TOTAL} điểm. "
        "Khối trưởng và Khối phó sẽ thẩm định; mỗi điều chỉnh được báo lại để đơn vị "
        "đồng ý hoặc giải trình."
    )
    assert button_rows(sheet) == [["📄 Xem bảng điểm", "☰ Menu chính"]]
    stored = await sheet_of(scoring.runtime, "SGT")
    assert stored is not None and stored.status is SheetStatus.SUBMITTED
    assert stored.submitted_at == IN_WINDOW
    expected = {code: Decimal(text.replace(",", ".")) for code, text in SGT_SCORES.items()}
    assert await points_of(scoring.runtime, "SGT") == expected | {"19": Decimal(SGT_BONUS)}


async def test_submitting_with_items_missing_is_refused(scoring: Harness) -> None:
    await open_item(scoring, HUNG)
    await scoring.reply_to(HUNG, "14,5")
    sheet = await scoring.reply_to(HUNG, "/chamdiem")
    await scoring.press_button(HUNG, sheet, "📤 Nộp bảng điểm")

    press = await scoring.press_button(HUNG, sheet, "✅ Nộp")

    assert press.toast == (
        "Còn 17 tiêu chí chưa chấm (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, "
        "18). Anh/chị chấm đủ rồi nộp."
    )
    assert press.answers[0].params.get("show_alert") is True
    assert press.edits == [] and press.sends == []
    stored = await sheet_of(scoring.runtime, "SGT")
    assert stored is not None and stored.status is SheetStatus.DRAFT


async def test_item_buttons_of_a_submitted_sheet_change_nothing(scoring: Harness) -> None:
    old_prompt = await score_items(scoring, HUNG, SGT_SCORES, SGT_BONUS)
    await submit(scoring, HUNG)
    before = await points_of(scoring.runtime, "SGT")

    press = await scoring.press_button(HUNG, old_prompt, "◀ Tiêu chí trước")

    press.assert_edited_in_place(old_prompt)  # back to the overview, read-only
    assert lines(old_prompt)[0] == f"Chấm điểm năm 2022 — {SGT_SHORT} (đã nộp)"
    assert lines(old_prompt)[-1] == "Đã nộp lúc 09:00 20/11/2022; bảng điểm không sửa được nữa."
    assert button_rows(old_prompt) == [
        ["Phần I (4/4)", "Phần II (4/4)", "Phần III (3/3)"],
        ["Phần IV (4/4)", "Phần V (3/3)"],
        ["☰ Menu chính"],
    ]
    overview = old_prompt.text

    press = await scoring.press_button(HUNG, old_prompt, "Phần I (4/4)")

    assert [call.status for call in press.edits] == [400]  # the same overview: not modified
    assert old_prompt.text == overview  # never an item prompt again
    reply = await scoring.reply_to(HUNG, "1")  # no item is open any more
    assert reply.text == UNKNOWN_TEXT
    assert await points_of(scoring.runtime, "SGT") == before


async def test_typing_into_an_item_after_a_colleague_submitted_is_refused(
    scoring: Harness,
) -> None:
    await score_items(scoring, HUNG, SGT_SCORES)
    await open_item(scoring, LAN, "III")  # Lan has item 9 open
    await submit(scoring, HUNG)

    reply = await scoring.reply_to(LAN, "1")

    assert reply.text == (
        "⚠️ Bảng điểm đã nộp lúc 09:00 20/11/2022 nên không sửa được nữa; "
        "liên hệ Khối trưởng nếu cần điều chỉnh."
    )
    assert (await points_of(scoring.runtime, "SGT"))["9"] == Decimal(6)


# ------------------------------------------------------------------------------- penalties


async def test_penalty_button_prompts_counts_and_deducts(scoring: Harness) -> None:
    sheet = await scoring.reply_to(HUNG, "/chamdiem")

    press = await scoring.press_button(HUNG, sheet, "⚠️ Điểm trừ")

    press.assert_edited_in_place(sheet)
    assert lines(sheet)[1:4] == [
        "Điểm trừ",
        "▶️ 22. Không ký giao ước hoặc không đăng ký thi đua — trừ 8 điểm",
        "▫️ 23. Nộp báo cáo trễ hạn (mỗi lần) — trừ 1 điểm",
    ]
    # A one-off penalty is a yes or no; a per-occurrence one a count.
    assert "Có vi phạm không? Gõ «có» (trừ 8 điểm) hoặc «không»." in lines(sheet)
    answered = await scoring.reply_to(HUNG, "không")
    assert lines(answered)[0] == "Đã ghi: tiêu chí 22 không vi phạm. Tạm tính: 0."
    assert "✅ 22. Không ký giao ước hoặc không đăng ký thi đua — không" in lines(answered)
    assert "Nhập số lần vi phạm (0 nếu không có)." in lines(answered)
    reply = await scoring.reply_to(HUNG, "2")
    assert lines(reply)[0] == "Đã ghi 2 lần cho mục 23."
    assert "✅ 23. Nộp báo cáo trễ hạn (mỗi lần) — 2 lần" in lines(reply)
    assert lines(reply)[-1] == "Tạm tính: -2 / 100"  # 2 late reports × 1 point
    stored = await sheet_of(scoring.runtime, "SGT")
    assert stored is not None and stored.occurrences() == {"23": 2}


async def test_a_fractional_penalty_count_is_refused_without_inviting_decimals(
    scoring: Harness,
) -> None:
    sheet = await scoring.reply_to(HUNG, "/chamdiem")
    await scoring.press_button(HUNG, sheet, "⚠️ Điểm trừ")

    reply = await scoring.reply_to(HUNG, "1,5")

    assert (reply.text or "").startswith("⚠️ ")
    assert "chữ số thập phân" not in (reply.text or "")
    stored = await sheet_of(scoring.runtime, "SGT")
    assert stored is not None and stored.occurrences() == {}


# ------------------------------------------------------------------- 4. stickers and files


async def test_a_sticker_is_answered_with_the_unsupported_message(scoring: Harness) -> None:
    sticker = {
        "file_id": "CAACAgIAAxkBAAIBsticker",
        "file_unique_id": "AgADsticker",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "👍",
    }

    reply = await scoring.send_content(HUNG, sticker=sticker)

    assert reply.text == UNSUPPORTED
    assert await sheet_of(scoring.runtime, "SGT") is None


async def test_a_photo_while_an_item_is_open_is_kept_as_its_evidence(scoring: Harness) -> None:
    await open_item(scoring, HUNG)
    await scoring.reply_to(HUNG, "14,5")  # item 2 is open
    sizes = [
        {"file_id": "AgACAgIAAxkBAAIBsmall", "file_unique_id": "AQADs", "width": 90,
         "height": 120, "file_size": 2_400},
        {"file_id": "AgACAgIAAxkBAAIBlarge", "file_unique_id": "AQADl", "width": 960,
         "height": 1280, "file_size": 180_000},
    ]  # fmt: skip

    reply = await scoring.send_content(HUNG, photo=sizes)

    assert lines(reply)[0] == "📎 Đã lưu minh chứng (ảnh) cho tiêu chí 2."
    assert f"▶️ 2. {SECTION_I_TITLES['2']} — tối đa 10" in lines(reply)  # still on item 2
    assert "Đã có 1 minh chứng. Gửi thêm ảnh hoặc tệp nếu cần." in lines(reply)
    assert button_rows(reply) == ITEM_BUTTONS
    [kept] = await evidence_of(scoring.runtime, "SGT")
    assert (kept.code, kept.kind, kept.reference, kept.size) == (
        "2",
        "photo",
        "AgACAgIAAxkBAAIBlarge",  # the largest size Telegram made
        180_000,
    )


async def test_a_photo_with_no_item_open_says_how_to_attach_evidence(scoring: Harness) -> None:
    photo = [{"file_id": "AgACAgIAAxkBAAIBlone", "file_unique_id": "AQADo", "width": 960,
              "height": 1280, "file_size": 180_000}]  # fmt: skip

    reply = await scoring.send_content(HUNG, photo=photo)

    assert reply.text == (
        "Để gửi minh chứng: gõ /chamdiem, mở tiêu chí cần minh chứng rồi gửi ảnh hoặc tệp."
    )
    assert await sheet_of(scoring.runtime, "SGT") is None


async def test_note_button_asks_for_a_note_and_keeps_it(scoring: Harness) -> None:
    sheet = await open_item(scoring, HUNG)

    press = await scoring.press_button(HUNG, sheet, "📝 Ghi chú minh chứng")

    press.assert_edited_in_place(sheet)
    assert sheet.text == (
        "Gõ ghi chú minh chứng cho tiêu chí 1 (ví dụ số, ngày văn bản; tối đa 2000 ký tự):"
    )
    reply = await scoring.reply_to(HUNG, "Quyết định số 123/QĐ-UBND ngày 05/12/2022")
    assert lines(reply)[0] == "📎 Đã lưu minh chứng (ghi chú) cho tiêu chí 1."
    assert "Đã có 1 minh chứng. Gửi thêm ảnh hoặc tệp nếu cần." in lines(reply)
    [note] = await evidence_of(scoring.runtime, "SGT")
    assert (note.code, note.kind, note.reference) == (
        "1",
        "note",
        "Quyết định số 123/QĐ-UBND ngày 05/12/2022",
    )
    recorded = await scoring.reply_to(HUNG, "14")  # back to scoring item 1
    assert lines(recorded)[0] == "Đã ghi 14/15 cho tiêu chí 1. Tạm tính: 14."


async def test_a_photo_sent_after_the_note_button_is_kept(scoring: Harness) -> None:
    sheet = await open_item(scoring, HUNG)
    await scoring.press_button(HUNG, sheet, "📝 Ghi chú minh chứng")
    photo = [{"file_id": "AgACAgIAAxkBAAIBminutes", "file_unique_id": "AQADm", "width": 960,
              "height": 1280, "file_size": 180_000}]  # fmt: skip

    await scoring.send_content(HUNG, photo=photo, caption="Biên bản họp")

    kept = await evidence_of(scoring.runtime, "SGT")
    assert ("photo", "AgACAgIAAxkBAAIBminutes") in [(e.kind, e.reference) for e in kept]


async def test_a_video_sent_as_a_document_is_refused(scoring: Harness) -> None:
    await open_item(scoring, HUNG)
    document = {
        "file_id": "BQACAgIAAxkBAAIBvideo",
        "file_unique_id": "AgADvideo",
        "file_name": "hoi-nghi.mp4",
        "mime_type": "video/mp4",
        "file_size": 1_500_000,
    }

    reply = await scoring.send_content(HUNG, document=document)

    assert reply.text == (
        "⚠️ Bot chỉ lưu minh chứng là ảnh, PDF, Word hoặc Excel; "
        "tệp «hoi-nghi.mp4» không thuộc các loại này."
    )
    assert await evidence_of(scoring.runtime, "SGT") == []
    recorded = await scoring.reply_to(HUNG, "14")  # item 1 is still the one open
    assert lines(recorded)[0] == "Đã ghi 14/15 cho tiêu chí 1. Tạm tính: 14."


# ----------------------------------------------------------- 5. two officers of one unit


async def test_a_colleagues_score_typed_meanwhile_is_not_overwritten(
    both_on_item_3: Harness,
) -> None:
    tg = both_on_item_3

    reply = await tg.reply_to(LAN, "6")

    assert lines(reply)[0] == (
        f"⚠️ Tiêu chí 3 vừa được {HUNG.full_name} chấm 8. "
        "Điểm đó được giữ nguyên; gõ lại nếu anh/chị muốn thay."
    )
    assert await points_of(tg.runtime, "SGT") == {"3": Decimal(8)}


async def test_typing_again_after_being_told_replaces_the_colleagues_score(
    both_on_item_3: Harness,
) -> None:
    tg = both_on_item_3
    await tg.reply_to(LAN, "6")

    reply = await tg.reply_to(LAN, "6")

    assert lines(reply)[0] == "Đã ghi 6/8 cho tiêu chí 3. Tạm tính: 6."
    assert await points_of(tg.runtime, "SGT") == {"3": Decimal(6)}


# ----------------------------------------------------------------------------- 6. verifying


async def test_leader_verifies_an_item_with_a_reason(submitted: Harness) -> None:
    tg = submitted
    board = await tg.reply_to(AN, "/thamdinh")
    assert lines(board)[0] == "🔎 Thẩm định năm 2022 (tổng kết) — đã thẩm định 0/1"
    assert f"● {SGT_SHORT} — tự chấm {SGT_TOTAL} → {SGT_TOTAL}" in lines(board)
    assert lines(board)[-1] == "Sở NN&PTNT là đơn vị của anh/chị: Khối phó thẩm định."
    unit_button = f"{SGT_SHORT} ({SGT_TOTAL} → {SGT_TOTAL})"
    assert button_rows(board) == [
        [unit_button],
        ["📢 Công bố xếp hạng", "⏱ Gia hạn, mở lại bảng điểm"],
        ["☰ Menu chính"],
    ]

    press = await tg.press_button(AN, board, unit_button)

    press.assert_edited_in_place(board)
    detail = lines(board)
    assert detail[0] == (
        f"🔎 Thẩm định bảng điểm của {SGT} — tự chấm {SGT_TOTAL} · sau thẩm định {SGT_TOTAL}"
    )
    assert "9. Chỉ số cải cách hành chính của đơn vị — 6/6 điểm" in detail
    assert detail[-1] == ("Gõ mã tiêu chí cần điều chỉnh (ví dụ 9), kể cả điểm thưởng và điểm trừ.")
    assert button_rows(board) == [["✅ Đồng ý toàn bộ bảng điểm"], ["◀ Danh sách đơn vị"]]
    asked = await tg.reply_to(AN, "9")
    assert asked.text == (
        "Tiêu chí 9 (tối đa 6): đơn vị tự chấm 6. Nhập điểm thẩm định (ví dụ 5,5):"
    )
    reason = await tg.reply_to(AN, "5")
    assert reason.text == (
        "Lý do điều chỉnh 9 thành 5 (đơn vị sẽ đọc lý do này; tối đa 500 ký tự):"
    )

    done = await tg.reply_to(AN, VERIFY_REASON)

    assert lines(done)[0] == (
        f"✅ Đã điều chỉnh 9 của {SGT_SHORT}: 6 → 5. "
        f"Điểm sau thẩm định: {SGT_VERIFIED_TOTAL} (tự chấm {SGT_TOTAL}). "
        "Đơn vị sẽ được báo để đồng ý hoặc giải trình."
    )
    assert any(
        line.startswith("9. Chỉ số cải cách hành chính của đơn vị — 6/6 điểm → 5, lý do: «")
        and "⏳ chờ trả lời đến 09:00 22/11/2022" in line
        for line in lines(done)
    ), lines(done)
    assert button_rows(done) == [["✅ Xác nhận đã thẩm định"], ["◀ Danh sách đơn vị"]]
    sheet = await sheet_of(tg.runtime, "SGT")
    assert sheet is not None
    entry = sheet.entries["9"]
    assert (entry.points, entry.verified, entry.verify_reason) == (
        Decimal(6),
        Decimal(5),
        VERIFY_REASON,
    )
    assert entry.verified_at == tg.clock.current and entry.answer is None


async def test_unit_sees_the_verification_and_its_reason(verified: Harness) -> None:
    sheet = await verified.reply_to(HUNG, "/chamdiem")

    text = lines(sheet)
    assert text[0] == f"Chấm điểm năm 2022 — {SGT_SHORT} (đã nộp)"
    assert f"Tạm tính: {SGT_TOTAL} / 100" in text
    start = text.index("Khối trưởng đã thẩm định:")
    assert text[start : start + 3] == [
        "Khối trưởng đã thẩm định:",
        f'• Tiêu chí 9: 6 → 5 — "{VERIFY_REASON}"',
        f"Điểm sau thẩm định: {SGT_VERIFIED_TOTAL} (tự chấm {SGT_TOTAL}).",
    ]


async def test_an_ordinary_unit_cannot_verify(submitted: Harness) -> None:
    reply = await submitted.reply_to(BINH, "/thamdinh")

    assert reply.text == "⚠️ Chỉ Khối trưởng hoặc Khối phó mới thẩm định được bảng điểm."


# ------------------------------------------------------------------------------ 7. ranking


async def test_before_publishing_a_unit_sees_only_its_own_figures(two_submitted: Harness) -> None:
    reply = await two_submitted.reply_to(HUNG, "/xephang")

    assert lines(reply) == [
        "Bảng xếp hạng năm 2022 chưa được Khối trưởng công bố.",
        f"Điểm của {SGT_SHORT} (đã nộp): tự chấm {SGT_TOTAL}; sau thẩm định {SGT_VERIFIED_TOTAL}.",
    ]
    assert button_rows(reply) == [["☰ Menu chính"]]


async def test_leader_sees_the_draft_ranking_with_the_publish_button(
    two_submitted: Harness,
) -> None:
    reply = await two_submitted.reply_to(AN, "/xephang")

    assert lines(reply) == [
        "🏆 Xếp hạng thi đua năm 2022 (chưa công bố)",
        f"1. {SGT_SHORT} — {SGT_VERIFIED_TOTAL} điểm",
        f"2. {SCT_SHORT} — {SCT_TOTAL} điểm",
        UNRANKED,
    ]
    assert button_rows(reply) == [
        ["📢 Công bố xếp hạng"],
        ["📥 Tải báo cáo"],
        ["☰ Menu chính"],
    ]


async def test_publishing_shows_the_ranking_to_every_unit(two_submitted: Harness) -> None:
    tg = two_submitted
    tg.clock.current = datetime(2022, 12, 16, 1, 0, tzinfo=UTC)  # published once it closed
    ranking = await tg.reply_to(AN, "/xephang")

    check = await tg.press_button(AN, ranking, "📢 Công bố xếp hạng")
    check.assert_edited_in_place(ranking)
    assert lines(ranking) == [
        "📢 Công bố xếp hạng năm 2022 (tổng kết)? Công bố rồi điểm không thay đổi nữa.",
        f"• Chưa thẩm định xong: {SGT_SHORT}, {SCT_SHORT}",  # the change's 48 hours are over
        "• Không xếp hạng (chưa nộp): Sở NN&PTNT, Sở TN&MT, Đài PT-TH",
    ]
    assert button_rows(ranking) == [["📢 Vẫn công bố", "◀ Quay lại"]]

    press = await tg.press_button(AN, ranking, "📢 Vẫn công bố")

    press.assert_edited_in_place(ranking)
    assert press.toast == "Đã công bố bảng xếp hạng cho cả Khối."
    assert press.answers[0].params.get("show_alert") in (None, False)
    assert lines(ranking)[0] == "🏆 Xếp hạng thi đua năm 2022 (đã công bố)"
    assert button_rows(ranking) == [["📥 Tải báo cáo"], ["☰ Menu chính"]]
    seen_by_unit = await tg.reply_to(HUNG, "/xephang")
    assert lines(seen_by_unit) == [
        "🏆 Xếp hạng thi đua năm 2022 (đã công bố)",
        f"1. {SGT_SHORT} — {SGT_VERIFIED_TOTAL} điểm",
        f"2. {SCT_SHORT} — {SCT_TOTAL} điểm",
        UNRANKED,
    ]
    assert button_rows(seen_by_unit) == [["📥 Tải báo cáo"], ["☰ Menu chính"]]


# ------------------------------------------------------------------------------ 8. reports


async def test_reports_are_sent_as_an_xlsx_and_a_png_document(verified: Harness) -> None:
    since = verified.mark()

    [reply] = await verified.say(AN, "/baocao")

    assert reply.text == "📥 Báo cáo chấm điểm năm 2022 (bản nháp, chưa công bố):"
    table_call, chart_call = verified.calls("sendDocument", since)
    assert table_call.ok and chart_call.ok
    assert table_call.params["chat_id"] == chart_call.params["chat_id"] == AN.chat_id
    assert table_call.params["caption"] == "Bảng tổng hợp kết quả chấm điểm năm 2022"
    assert chart_call.params["caption"] == "Biểu đồ xếp hạng năm 2022"
    table, chart = table_call.upload("document"), chart_call.upload("document")
    assert table is not None and chart is not None
    assert table.filename == "bang-tong-hop-diem-tong-ket-2022.xlsx"
    assert chart.filename == "xep-hang-tong-ket-2022.png"
    assert table.content.startswith(b"PK")
    assert chart.content.startswith(b"\x89PNG\r\n\x1a\n")

    workbook = load_workbook(BytesIO(table.content))
    sheet = workbook["Tong_hop"]
    row = row_of(sheet, SGT)
    assert sheet.cell(row, column_of(sheet, "Tự chấm")).value == float(SGT_TOTAL)
    assert sheet.cell(row, column_of(sheet, "Thẩm định")).value == float(SGT_VERIFIED_TOTAL)
    assert sheet.cell(row, column_of(sheet, "9 (6)")).value == 5.0


async def test_reports_button_on_the_ranking_sends_the_files_as_new_messages(
    verified: Harness,
) -> None:
    ranking = await verified.reply_to(AN, "/xephang")
    before = ranking.text

    press = await verified.press_button(AN, ranking, "📥 Tải báo cáo")

    assert len(press.answers) == 1 and press.edits == []
    [sent] = press.sends
    assert sent.params["text"] == "📥 Báo cáo chấm điểm năm 2022 (bản nháp, chưa công bố):"
    names = [call.upload("document") for call in press.of("sendDocument")]
    assert [upload.filename for upload in names if upload is not None] == [
        "bang-tong-hop-diem-tong-ket-2022.xlsx",
        "xep-hang-tong-ket-2022.png",
    ]
    assert ranking.text == before  # the ranking stays where it was


async def test_an_ordinary_unit_gets_no_reports_before_publishing(verified: Harness) -> None:
    since = verified.mark()

    reply = await verified.reply_to(HUNG, "/baocao")

    assert reply.text == "⚠️ Bảng xếp hạng năm 2022 chưa được Khối trưởng công bố."
    assert verified.calls("sendDocument", since) == []


# ------------------------------------------------------------------------- 9. the window


async def test_before_the_window_scoring_says_when_it_opens(tg: Harness) -> None:
    tg.clock.current = BEFORE_WINDOW

    reply = await tg.reply_to(HUNG, "/chamdiem")

    assert reply.text == (
        "⚠️ Đợt chấm điểm tổng kết năm 2022 mở từ 00:00 15/11/2022 đến 23:59 15/12/2022."
    )
    assert await sheet_of(tg.runtime, "SGT") is None


async def test_after_the_window_scoring_says_it_closed(tg: Harness) -> None:
    tg.clock.current = AFTER_WINDOW

    reply = await tg.reply_to(HUNG, "/chamdiem")

    assert reply.text == (
        "⚠️ Đợt chấm điểm tổng kết năm 2022 đã đóng lúc 23:59 15/12/2022; "
        "liên hệ Khối trưởng nếu cần mở lại."
    )
    assert await sheet_of(tg.runtime, "SGT") is None


async def test_a_score_typed_after_the_window_closed_is_refused(scoring: Harness) -> None:
    scoring.clock.current = LAST_MINUTE
    await open_item(scoring, HUNG)
    scoring.clock.current = JUST_CLOSED

    reply = await scoring.reply_to(HUNG, "14")

    assert reply.text == (
        "⚠️ Đợt chấm điểm tổng kết năm 2022 đã đóng lúc 23:59 15/12/2022; "
        "liên hệ Khối trưởng nếu cần mở lại."
    )
    assert await points_of(scoring.runtime, "SGT") == {}
