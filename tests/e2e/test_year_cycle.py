"""The sample bloc's year runs itself: the scheduler's cycle job, driven by a fake clock
through the 2022 pledge window on the real SQLite runtime, announces the window to every
officer, reminds only the units that have not sent their pledge (in each officer's language)
and tells the leader and deputy who is missing; at the annual review /bangiao hands the
bloc to next year's leader and deputy, and /khoi shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.request import ChatKind, Incoming, Reply
from bot.runtime import Runtime
from db.models import AuditRow, OutboxMessageRow
from domain.model import Channel
from domain.settings import LOCAL_TZ
from scheduler.jobs import cycle_tick
from tests.channels.ballot_support import a_message
from tests.e2e.test_annual_review import Person
from tests.fakes.clock import FakeClock

GROUP = "-1001234"
STEP = timedelta(hours=4)  # the job runs every minute; every 4 hours hits each 08:00 moment
OPENED = "📢 Đợt đăng ký thi đua năm 2022 đã mở đến 31/03/2022 — gõ /dangky."
NAMES = {
    "SNN": "Sở Nông nghiệp và Phát triển nông thôn",
    "STN": "Sở Tài nguyên và Môi trường",
    "PTTH": "Đài Phát thanh và Truyền hình Trà Vinh",
}


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LOCAL_TZ)


@dataclass(frozen=True)
class Sent:
    chat_id: str
    text: str
    buttons: list[str]
    at: datetime
    expires_at: datetime | None


async def outbox(runtime: Runtime, since: int = 0) -> list[Sent]:
    """What the bot queued for sending, in order, from the table itself."""
    async with AsyncSession(runtime.engine) as session:
        rows = (
            await session.scalars(
                select(OutboxMessageRow)
                .where(OutboxMessageRow.id > since, a_message())
                .order_by("id")
            )
        ).all()
    return [_sent(row) for row in rows]


def _sent(row: OutboxMessageRow) -> Sent:
    payload: dict[str, Any] = row.payload
    labels = [label for line in payload["buttons"] for label, _data in line]
    at = row.created_at.replace(tzinfo=UTC).astimezone(LOCAL_TZ)
    expires = row.expires_at.replace(tzinfo=UTC) if row.expires_at else None
    return Sent(row.chat_id, payload["text"], labels, at, expires)


async def last_id(runtime: Runtime) -> int:
    async with AsyncSession(runtime.engine) as session:
        ids = (await session.scalars(select(OutboxMessageRow.id))).all()
    return max(ids, default=0)


async def attempt(runtime: Runtime, person: Person, text: str, kind: ChatKind) -> Reply:
    """Like Person.say, in a private chat or the bloc's group, a refusal allowed."""
    Person.updates += 1
    chat = person.user if kind is ChatKind.PRIVATE else GROUP
    incoming = Incoming(Channel.TELEGRAM, chat, kind, person.user, person.user, text,
                        update_key=f"cycle-{Person.updates}", chat_title="Khối 7")  # fmt: skip
    (reply,) = (await runtime.app.handle(incoming)).replies
    return reply


async def run_ticks(runtime: Runtime, clock: FakeClock, until: datetime) -> None:
    while clock.now() < until:
        await cycle_tick(runtime.uow, clock, runtime.app.notices)
        clock.advance(STEP)


async def send_pledge(person: Person, unit: str) -> None:
    await person.say("/dangky")
    await person.press("xuất sắc")
    await person.press("Cam kết")
    await person.say(f"{unit}: hoàn thành 100% chỉ tiêu kế hoạch năm 2022.")
    await person.press("Gửi đăng ký")


async def test_the_pledge_window_runs_itself_and_the_leader_hands_over(
    sample_runtime: Runtime, invite_codes: dict[str, str], clock: FakeClock
) -> None:
    runtime = sample_runtime
    clock.current = local(2022, 1, 3, 8, 0).astimezone(UTC)  # before the window opens
    people = {unit: Person(runtime, unit.lower()) for unit in ("SNN", "STN", "SGT", "SCT", "PTTH")}
    for unit, person in people.items():
        await person.say(f"/start {invite_codes[unit]}")
    english = Person(runtime, "sgt-en")  # a second officer of Sở GTVT, reading English
    await english.say(f"/start {invite_codes['SGT']}")
    await english.say("/ngonngu en")
    await attempt(runtime, people["SNN"], "/lienket", ChatKind.GROUP)
    clock.current = local(2022, 1, 4, 0, 0).astimezone(UTC)
    start = await last_id(runtime)

    # January to the morning the window opens: every officer hears of it, once.
    await run_ticks(runtime, clock, local(2022, 2, 1, 12, 0))
    opened = await outbox(runtime, start)
    assert sorted(m.chat_id for m in opened) == ["ptth", "sct", "sgt", "sgt-en", "snn", "stn"]
    vi = [m for m in opened if m.chat_id != "sgt-en"]
    assert {m.text for m in vi} == {OPENED}
    assert all(m.at == local(2022, 1, 5, 8, 0) and m.buttons == ["📝 Đăng ký thi đua"] for m in vi)
    (en,) = [m for m in opened if m.chat_id == "sgt-en"]
    assert en.text == "📢 The 2022 pledge round is open until 31/03/2022 — type /dangky."
    assert all(m.expires_at == local(2022, 1, 6, 8, 0) for m in opened)  # stale a day later

    # February: two units send their pledges, Sở GTVT starts a draft; the others do nothing.
    for unit in ("SNN", "STN"):
        await send_pledge(people[unit], unit)
    await people["SGT"].say("/dangky")
    await people["SGT"].press("xuất sắc")
    mark = await last_id(runtime)
    await run_ticks(runtime, clock, local(2022, 3, 29, 12, 0))
    three_days = await outbox(runtime, mark)
    assert sorted(m.chat_id for m in three_days) == ["ptth", "sct", "sgt", "sgt-en"]
    by_chat = {m.chat_id: m for m in three_days}
    assert by_chat["sgt"].text == (
        "⏰ Còn 3 ngày: hạn gửi đăng ký thi đua năm 2022 là 31/03/2022.\n"
        "Sở GTVT đã soạn đăng ký nhưng chưa gửi."
    )
    assert by_chat["ptth"].text.endswith("\nĐài PT-TH chưa đăng ký thi đua.")
    assert by_chat["sgt-en"].text.startswith("⏰ 3 days left: the deadline to send the 2022")
    assert all(m.at == local(2022, 3, 28, 8, 0) for m in three_days)

    # Sở Công Thương sends on the 29th: the last reminder and the closing leave it out.
    await send_pledge(people["SCT"], "SCT")
    mark = await last_id(runtime)
    await run_ticks(runtime, clock, local(2022, 4, 2, 0, 0))
    last = await outbox(runtime, mark)
    reminders = [m for m in last if m.text.startswith("⏰")]
    assert sorted(m.chat_id for m in reminders) == ["ptth", "sgt", "sgt-en"]
    assert all(m.at == local(2022, 3, 30, 8, 0) for m in reminders)
    (ptth,) = [m for m in reminders if m.chat_id == "ptth"]
    assert ptth.text.startswith("⏰ Còn 1 ngày: hạn gửi đăng ký thi đua năm 2022 là 31/03/2022.")
    closings = [m for m in last if m.text.startswith("🔒")]
    assert sorted(m.chat_id for m in closings) == ["ptth", "snn"]  # the leader and deputy
    closing = closings[0].text
    assert closing.startswith("🔒 Đợt đăng ký thi đua năm 2022 đã đóng lúc 23:59 31/03/2022.")
    assert "Số liệu đã khóa theo thời hạn" in closing
    assert "Còn 2/5 đơn vị chưa hoàn thành:" in closing
    assert "• Sở GTVT đã soạn đăng ký nhưng chưa gửi." in closing
    assert "• Đài PT-TH chưa đăng ký thi đua." in closing
    assert "Sở Công Thương" not in closing and closings[0].buttons == ["📋 Duyệt đăng ký"]
    assert len(last) == len(reminders) + len(closings)
    assert all(m.at == local(2022, 4, 1, 8, 0) for m in closings)
    # Restarted, or the clock set back and forth: nothing is sent twice.
    mark = await last_id(runtime)
    clock.current = local(2022, 3, 30, 9, 0).astimezone(UTC)
    await cycle_tick(runtime.uow, clock, runtime.app.notices)
    clock.current = local(2022, 4, 5, 9, 0).astimezone(UTC)
    await cycle_tick(runtime.uow, clock, runtime.app.notices)
    assert await outbox(runtime, mark) == []

    # The annual review, January 2023: only the leader, deputy or board may hand over.
    clock.current = local(2023, 1, 16, 9, 0).astimezone(UTC)
    refused = await attempt(runtime, people["SGT"], "/bangiao", ChatKind.PRIVATE)
    assert refused.text == (
        "⚠️ Chỉ Khối trưởng, Khối phó năm nay hoặc Ban Thi đua - Khen thưởng mới bàn giao được "
        "Khối trưởng, Khối phó cho năm sau."
    )
    in_group = await attempt(runtime, people["SNN"], "/bangiao", ChatKind.GROUP)
    assert in_group.is_error and "tin nhắn riêng" in in_group.text
    typo = await attempt(runtime, people["SNN"], "/bangiao XYZ", ChatKind.PRIVATE)
    assert typo.text == (
        "⚠️ Không hiểu «XYZ». Gõ /bangiao MÃ_KHỐI_TRƯỞNG MÃ_KHỐI_PHÓ bằng mã đơn vị: "
        "PTTH, SCT, SGT, SNN, STN."
    )

    leader = people["SNN"]
    plan = await leader.say("/bangiao")
    assert plan.text.startswith("🚩 Bàn giao Khối trưởng, Khối phó: năm 2022 → năm 2023")
    assert f"Khối trưởng năm 2023: {NAMES['PTTH']}" in plan.text
    assert f"Khối phó năm 2023: {NAMES['STN']}" in plan.text
    assert "Sở NN&PTNT → Đài PT-TH → Sở TN&MT → Sở GTVT → Sở Công Thương" in plan.text
    mark = await last_id(runtime)
    done = await leader.press("Xác nhận bàn giao")
    assert done.text.startswith(f"✅ Đã bàn giao. Năm 2023: Khối trưởng {NAMES['PTTH']}")
    again = await _press_again(runtime, leader, plan)
    assert again.is_error and "Năm 2022 đã bàn giao rồi" in again.text

    told = await outbox(runtime, mark)
    notice = (
        f"🚩 Khối thi đua Khối 7: kết thúc năm 2022, {NAMES['SNN']} bàn giao cờ luân lưu cho "
        f"{NAMES['PTTH']}. Năm 2023: Khối trưởng {NAMES['PTTH']}, Khối phó {NAMES['STN']}."
    )
    everyone = ["ptth", "sct", "sgt", "sgt-en", "snn", "stn"]
    assert sorted(m.chat_id for m in told) == sorted([GROUP, *everyone])  # the group, and all
    assert [m.text for m in told if m.chat_id == GROUP] == [notice]
    # The new year's pledge window opened on 05/01, before the year existed: said here.
    opening = "📢 Đợt đăng ký thi đua năm 2023 đã mở đến 31/03/2023 — gõ /dangky."
    officers = [m for m in told if m.chat_id not in (GROUP, "sgt-en")]
    assert all(m.text == f"{notice}\n\n{opening}" for m in officers)
    assert all(m.buttons == ["📝 Đăng ký thi đua", "🏢 Khối của tôi"] for m in officers)
    async with AsyncSession(runtime.engine) as session:
        (flag,) = (
            await session.scalars(select(AuditRow).where(AuditRow.action == "flag.handed"))
        ).all()
    assert flag.details["next_year"] == 2023 and flag.details["created"] is True

    bloc = await people["SCT"].say("/khoi")
    assert bloc.text.startswith("🏢 Khối thi đua Khối 7 — năm 2023")
    assert f"Khối trưởng: {NAMES['PTTH']}" in bloc.text
    assert f"Khối phó: {NAMES['STN']}" in bloc.text

    # The new year runs itself too; its opening, eleven days old, is not announced again.
    mark = await last_id(runtime)
    await cycle_tick(runtime.uow, clock, runtime.app.notices)
    assert await outbox(runtime, mark) == []


async def _press_again(runtime: Runtime, person: Person, screen: Reply) -> Reply:
    """The confirm button of the old screen, pressed a second time."""
    (button,) = [b for b in screen.flat_buttons() if "Xác nhận" in b.label]
    Person.updates += 1
    data = (await runtime.app.codec()).encode(button.action)
    incoming = Incoming(
        Channel.TELEGRAM, person.user, ChatKind.PRIVATE, person.user, person.user,
        callback_data=data, update_key=f"cycle-{Person.updates}",
    )  # fmt: skip
    (reply,) = (await runtime.app.handle(incoming)).replies
    return reply
