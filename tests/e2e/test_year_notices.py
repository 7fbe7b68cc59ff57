"""Every notice of the year's loops arrives once, to the right people and nobody else, in
each one's language: the real aiogram stack long polling the fake Bot API, the outbox
dispatcher sending through it, the scheduler's ticks run by hand on a clock moved by hand.

The sample bloc: Sở NN&PTNT leads (An), Sở GTVT has two officers (Hùng, and Lan, who reads
English), then Sở Công Thương (Bình), Sở TN&MT (Dũng) and Đài PT-TH, the deputy (Giang);
the bloc's Telegram group is bound. Who receives what:

- a pledge approved: the unit's officers (Sở GTVT: Hùng, Lan in English);
- a pledge returned, with the reason: the unit's officers (Sở Công Thương: Bình);
- a window opening announced late: the officers of the units that still owe its task;
- a secret vote pressed in the group: the voter alone, privately, to confirm; then the
  receipt, written in that message;
- a ballot's result: the group (with the minutes, proposal and chart) and every officer of
  every member unit, except the one who closed it by hand, whose screen already shows it;
- the handover: the group, and every officer, told also of the new year's open windows."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from bot.runtime import Runtime
from domain.model import Channel
from domain.services import pledges, scoring
from domain.summary import Cycle
from scheduler.jobs import cycle_tick
from tests.channels.ballot_support import (
    BallotHarness,
    Group,
    publish_ranking,
    running,
    unpaced,
)
from tests.channels.telegram_support import button_rows
from tests.channels.test_ballots_telegram import DUNG, GIANG, RECEIPT, SEND, TO_CONFIRM
from tests.channels.test_ballots_zalo import member_of
from tests.channels.test_scoring_telegram import AN, BINH, BOT_USERNAME, HUNG, LAN, Person
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_server import FakeTelegramServer, RecordedCall

GROUP = Group(-1001234567003, "Khối 7 Trà Vinh")
OFFICERS = {AN: "SNN", HUNG: "SGT", LAN: "SGT", BINH: "SCT", DUNG: "STN", GIANG: "PTTH"}
NAMES = {AN: "An", HUNG: "Hùng", LAN: "Lan", BINH: "Bình", DUNG: "Dũng", GIANG: "Giang"}
CHAT = {person.chat_id: name for person, name in NAMES.items()} | {GROUP.chat_id: "group"}
FEBRUARY = datetime(2022, 2, 1, 2, 0, tzinfo=UTC)  # 09:00 local
REASON = "Chưa ghi số liệu cụ thể cho từng chỉ tiêu."
FINALS = {"SGT": Decimal(100), "SNN": Decimal("99.5"), "STN": Decimal(97),
          "PTTH": Decimal(96), "SCT": Decimal(95)}  # fmt: skip
FLAG = "BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022"


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A local time (UTC+7) as the clock's UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


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
    unpaced(monkeypatch)
    async with running(server, sample_runtime, clock, invite_codes) as harness:
        for person, unit in OFFICERS.items():
            await harness.join(person, unit)
        await harness.reply_to(LAN, "/ngonngu en")
        await harness.say_in(GROUP, AN, "/lienket")
        await deliver(harness)  # what joining and binding queued
        yield harness


async def deliver(tg: BallotHarness) -> dict[str, list[str]]:
    """Everything due goes out (rounds a few seconds apart, as the count's batches); the
    texts each chat received, by whom."""
    calls: list[RecordedCall] = []
    for _ in range(3):
        calls += await tg.flush()
        tg.clock.advance(timedelta(seconds=5))
    received: dict[str, list[str]] = {}
    for call in calls:
        if call.method == "sendMessage" and call.ok:
            received.setdefault(CHAT[call.params["chat_id"]], []).append(call.params["text"])
    return received


async def tick(tg: BallotHarness, at: datetime) -> None:
    tg.clock.current = at
    await cycle_tick(tg.runtime.uow, tg.clock, tg.runtime.app.notices)


async def send_pledge(tg: BallotHarness, person: Person) -> None:
    async with tg.runtime.uow() as uow:
        member = await member_of(uow, Channel.TELEGRAM, str(person.user_id))
        await pledges.toggle_title(uow, member, "lao_dong_xuat_sac", tg.clock.now())
        await pledges.set_commitments(uow, member, "Hoàn thành 100% chỉ tiêu.", tg.clock.now())
        await pledges.submit(uow, member, tg.clock.now())
        await uow.commit()


async def test_every_notice_of_the_years_loops_arrives_once_to_the_right_people(
    tg: BallotHarness,
) -> None:
    # January: the pledge window opened on the 5th, before the bot was running: no news.
    await tick(tg, local(2022, 1, 10, 9, 0))
    assert await deliver(tg) == {}

    # February: Sở GTVT's pledge approved, Sở Công Thương's returned with the reason.
    tg.clock.current = FEBRUARY
    for person in (HUNG, BINH):
        await send_pledge(tg, person)
    listing = await tg.reply_to(AN, "/duyet")
    await tg.press_button(AN, listing, "📨 Sở GTVT — đã gửi")
    await tg.press_button(AN, listing, "✅ Duyệt")
    await tg.press_button(AN, listing, "📨 Sở Công Thương — đã gửi")
    await tg.press_button(AN, listing, "↩️ Trả lại")
    await tg.reply_to(AN, REASON)
    assert await deliver(tg) == {
        "Hùng": ["✅ Khối trưởng đã duyệt đăng ký thi đua năm 2022 của Sở GTVT. "
                 "Bước tiếp theo: ký kết giao ước (gõ /kyket)."],
        "Lan": ["✅ The 2022 emulation pledge of Sở GTVT was approved (bloc leader). "
                "Next: sign the covenant (type /kyket)."],
        "Bình": [f"↩️ Khối trưởng trả lại đăng ký thi đua năm 2022 của Sở Công Thương. "
                 f"Lý do: «{REASON}». Anh/chị sửa rồi gửi lại (gõ /dangky)."],
    }  # fmt: skip
    notice = tg.server.last_sent(BINH.chat_id)
    assert notice is not None and notice.reply_markup is not None  # the way to correct it

    # 1 June: the bot is down at 08:00; Sở GTVT submits its mid-year sheet at 09:00; the
    # opening, told at 10:00, goes to the units that still owe it.
    tg.clock.current = local(2022, 6, 1, 9, 0)
    async with tg.runtime.uow() as uow:
        member = await member_of(uow, Channel.TELEGRAM, str(HUNG.user_id))
        view = await scoring.open_sheet(uow, member, Cycle.MIDYEAR, tg.clock.now())
        assert view.sheet.id is not None and member.year.criteria is not None
        for section in member.year.criteria.sections:
            for item in section.items:
                await scoring.set_entry(uow, member, view.sheet.id, item.code,
                                        str(item.max_points), tg.clock.now())  # fmt: skip
        await scoring.submit(uow, member, view.sheet.id, tg.clock.now())
        await uow.commit()
    await tick(tg, local(2022, 6, 1, 10, 0))
    opened = await deliver(tg)
    assert sorted(opened) == ["An", "Bình", "Dũng", "Giang"]  # not Sở GTVT's Hùng and Lan
    assert all(texts == [opened["An"][0]] for texts in opened.values())
    assert opened["An"][0].startswith("📢 ")
    await tick(tg, local(2022, 6, 3, 9, 0))
    assert await deliver(tg) == {}  # once

    # 20 December: the ranking is out; the flag ballot, voted, closed by the leader.
    await publish_ranking(tg.runtime, "khoi7-travinh", 2022, FINALS, local(2022, 12, 16, 8, 0))
    tg.clock.current = local(2022, 12, 20, 8, 30)
    screen = await tg.reply_to(AN, "/binhxet")
    for label in ("➕ Mở cuộc bình xét mới", "🚩 Đề nghị Cờ thi đua của UBND tỉnh",
                  "✅ Mở bỏ phiếu"):  # fmt: skip
        await tg.press_button(AN, screen, label)
    papers = await deliver(tg)
    assert sorted(papers) == ["Bình", "Dũng", "Giang", "Hùng", "Lan", "group"]
    [post] = tg.server.sent_messages(GROUP.chat_id)[-1:]

    press = await tg.press_button(HUNG, post, "✅ Đồng ý")  # in the group: secret, confirmed
    assert press.toast == TO_CONFIRM and press.sends == press.edits == []
    asked = await deliver(tg)
    assert sorted(asked) == ["Hùng"]  # the voter alone; the group sees nothing yet
    assert asked["Hùng"] == [f"🔒 Phiếu kín «{FLAG}»: ✅ Đồng ý.\n"
                             "Phiếu kín gửi rồi không sửa được. Gửi?"]  # fmt: skip
    confirm = tg.server.last_sent(HUNG.chat_id)
    assert confirm is not None
    sent = await tg.press_button(HUNG, confirm, SEND)
    assert re.fullmatch(f"✅ Đã ghi nhận phiếu của Sở GTVT. {RECEIPT}",
                        (confirm.text or "").splitlines()[0])  # fmt: skip
    assert sent.sends == []  # the receipt is written in the confirmed message itself
    for person in (BINH, DUNG, GIANG, AN):  # from the papers in their private chats
        paper = tg.server.last_sent(person.chat_id)
        assert paper is not None
        await tg.press_button(person, paper, "✅ Đồng ý")
        await tg.press_button(person, paper, SEND)
    assert await deliver(tg) == {}  # only the group's count, edited in place
    screen = await tg.reply_to(AN, "/binhxet")
    [close] = [label for row in button_rows(screen) for label in row if "Đóng cuộc" in label]
    await tg.press_button(AN, screen, close)
    press = await tg.press_button(AN, screen, "⏹ Đóng và kiểm phiếu")
    assert (screen.text or "").startswith(f"KẾT QUẢ {FLAG}: 5/5 đơn vị bỏ phiếu.")
    result = await deliver(tg)
    assert sorted(result) == ["Bình", "Dũng", "Giang", "Hùng", "Lan", "group"]  # not An
    assert all(len(texts) == 1 for texts in result.values())
    assert result["group"] == [screen.text] and result["Hùng"] == [screen.text]
    assert result["Lan"][0].startswith("RESULT")

    # 10 January 2023, the annual review: the handover; 2023's pledge window is open.
    tg.clock.current = local(2023, 1, 10, 11, 0)
    plan = await tg.reply_to(AN, "/bangiao")
    await tg.press_button(AN, plan, "✅ Xác nhận bàn giao")
    handed = await deliver(tg)
    assert sorted(handed) == ["An", "Bình", "Dũng", "Giang", "Hùng", "Lan", "group"]
    assert all(len(texts) == 1 for texts in handed.values())
    [group_notice] = handed["group"]
    window = "📢 Đợt đăng ký thi đua năm 2023 đã mở đến 31/03/2023 — gõ /dangky."
    assert handed["Hùng"] == [f"{group_notice}\n\n{window}"]
    assert window not in group_notice
    await tick(tg, local(2023, 1, 10, 12, 0))
    assert await deliver(tg) == {}  # the opening, five days old, is not announced
