"""Conferences through the chat on the sample bloc: the leader schedules the covenant signing
on the date the bot proposes, every officer gets the invitation with its .ics file, units
answer who attends, the scheduler reminds 7 days, 1 day and 2 hours before — once each,
following a move — and a cancellation stops them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.request import ChatKind, Incoming
from bot.runtime import Runtime
from domain.model import Channel
from scheduler.jobs import conference_tick
from tests.e2e.test_annual_review import Person
from tests.fakes.clock import FakeClock

UNITS = ("SNN", "STN", "SGT", "SCT", "PTTH")
FAR = datetime(2030, 1, 1, tzinfo=UTC)


async def queued(runtime: Runtime, now: datetime = FAR) -> list[Any]:
    """Every message the dispatcher would send at `now`; they are then marked sent, so each
    check sees only what came since the last."""
    async with runtime.uow() as uow:
        messages = list(await uow.outbox.due(now, 1000))
        for message in messages:
            await uow.outbox.sent(message.id, now, None)
        await uow.commit()
    return messages


async def tick(runtime: Runtime, clock: FakeClock, at: datetime) -> list[str]:
    clock.current = at
    await conference_tick(runtime.app.uow_factory, clock, runtime.app.notices)
    return [m.payload["text"].splitlines()[0] for m in await queued(runtime, at)]


async def test_a_conference_from_invitation_to_reminders(
    sample_runtime: Runtime, invite_codes: dict[str, str], clock: FakeClock
) -> None:
    people = {unit: Person(sample_runtime, unit.lower()) for unit in UNITS}
    for unit, person in people.items():
        await person.say(f"/start {invite_codes[unit]}")
    leader = people["SNN"]
    await queued(sample_runtime)

    await leader.say("/hoinghi")
    await leader.press("Lên lịch hội nghị")
    draft = await leader.press("ký kết")
    assert "⏰ Thời gian: 08:00 15/03/2022" in draft.text  # the proposed working day
    assert "📍 Địa điểm: Hội trường Sở Nông nghiệp và Phát triển nông thôn" in draft.text
    await leader.press("Thời gian")
    past = await leader.runtime.app.handle(
        Incoming(
            Channel.TELEGRAM,
            "snn",
            ChatKind.PRIVATE,
            "snn",
            "snn",
            "08:00 05/01/2022",
            update_key="past",
        )
    )
    assert "đã qua" in past.replies[0].text and past.replies[0].is_error
    await leader.say("08:30 15/03/2022")
    sent = await leader.press("Gửi giấy mời")
    assert sent.text.startswith("📨 Đã gửi giấy mời"), sent.text
    queue = await queued(sample_runtime)
    # One officer per unit here, no group bound; on Telegram the .ics is an upload of its own.
    invitations = [m for m in queue if m.payload["text"]]
    uploads = [m for m in queue if not m.payload["text"]]
    assert len(invitations) == len(uploads) == len(UNITS)
    first = invitations[0].payload
    assert first["text"].startswith("📅 GIẤY MỜI — Khối thi đua Khối 7")
    assert "08:30 15/03/2022" in first["text"]
    assert [f["name"] for f in uploads[0].payload["files"]] == ["hoi-nghi-signing-2022.ics"]

    todo = await people["PTTH"].say("/viec")
    assert (
        "• Xác nhận dự Hội nghị ký kết giao ước thi đua năm 2022 (gõ /hoinghi)"
        " — khai mạc 08:30 15/03/2022"
    ) in todo.text

    # Units answer; one changes its mind. The leader sees the list.
    for unit, count in (("STN", "2 người"), ("SGT", "1 người"), ("SGT", "3 người")):
        await people[unit].say("/hoinghi")
        await people[unit].press("Đăng ký dự")
        await people[unit].press(count)
    await people["SCT"].say("/hoinghi")
    await people["SCT"].press("Đăng ký dự")
    await people["SCT"].press("Không dự")
    await leader.say("/hoinghi")
    listing = await leader.press("Danh sách dự")
    assert "Xác nhận dự" not in (await people["SGT"].say("/viec")).text  # answered
    assert "• Sở GTVT: Đơn vị đăng ký dự: 3 người." in listing.text
    assert "• Sở Công Thương: Đơn vị đã báo không dự." in listing.text
    assert "Tổng cộng 5 người; 2 đơn vị chưa trả lời." in listing.text

    # Reminders: 7 days, 1 day, 2 hours before 08:30 15/03 (01:30 UTC), once each.
    start = datetime(2022, 3, 15, 1, 30, tzinfo=UTC)
    assert await tick(sample_runtime, clock, start - timedelta(days=8)) == []
    seven = await tick(sample_runtime, clock, start - timedelta(days=7))
    assert len(seven) == 5 and all("còn 7 ngày nữa" in line for line in seven)
    assert await tick(sample_runtime, clock, start - timedelta(days=6)) == []

    # Moved to 17/03: the next reminder follows the new time.
    clock.current = start - timedelta(days=3)
    await leader.say("/hoinghi")
    await leader.press("Danh sách dự")
    await leader.press("Dời lịch")
    moved = await leader.say("08:00 17/03/2022")
    assert moved.text.startswith("⏰ Đã dời lịch"), moved.text
    notices = [m for m in await queued(sample_runtime) if m.payload["text"]]
    assert len(notices) == 5 and notices[0].payload["text"].startswith("📅 DỜI LỊCH")
    new_start = datetime(2022, 3, 17, 1, 0, tzinfo=UTC)
    # Not at the old time, and not the 7-day reminder the move notice made needless.
    assert await tick(sample_runtime, clock, start - timedelta(days=1)) == []
    day = await tick(sample_runtime, clock, new_start - timedelta(hours=23))
    assert len(day) == 5 and all("còn 23 giờ nữa" in line for line in day)  # time left

    # Cancelled: everyone told, no 2-hour reminder.
    clock.current = new_start - timedelta(hours=5)
    await leader.say("/hoinghi")
    await leader.press("Danh sách dự")
    await leader.press("Hủy hội nghị")
    done = await leader.press("Hủy và báo")
    assert done.text.startswith("🚫 Đã hủy hội nghị"), done.text
    cancelled = [m for m in await queued(sample_runtime) if m.payload["text"]]
    assert len(cancelled) == 5 and "đã bị hủy" in cancelled[0].payload["text"]
    assert await tick(sample_runtime, clock, new_start - timedelta(hours=1)) == []
