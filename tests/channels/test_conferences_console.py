"""Conferences in the console (numbered choices, as on Zalo): the leader schedules the
mid-year review by typing numbers and a time, an officer reads the invitation with the .ics
as a download link, answers by number, and the reminder reaches them the day before; the
annual review hosted by another member unit than the leader."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.dispatcher import OutboxDispatcher, link_maker
from bot.runtime import Runtime
from domain.model import Channel
from scheduler.jobs import conference_tick
from tests.channels.ballot_support import unpaced
from tests.channels.test_ballots_console import Terminal, deliver
from tests.channels.test_ballots_zalo import choice
from tests.fakes.clock import FakeClock

JUNE = datetime(2022, 6, 20, 2, 0, tzinfo=UTC)  # 09:00 20/06/2022 in Trà Vinh
DECEMBER = datetime(2022, 12, 1, 2, 0, tzinfo=UTC)


async def joined(
    runtime: Runtime, codes: dict[str, str], files: Path, clock: FakeClock, unit: str
) -> tuple[Terminal, Terminal, OutboxDispatcher]:
    """The leader's terminal and `unit`'s, both joined, and a dispatcher printing the
    bloc's notices on the latter's."""
    leader, other = (Terminal(runtime, code, files) for code in ("SNN", unit))
    for code, terminal in (("SNN", leader), (unit, other)):
        assert (await terminal.type(f"/start {codes[code]}")).startswith("Chào ")
    link = link_maker(runtime.app.config.public_base_url, await runtime.app.signing_secret())
    dispatcher = OutboxDispatcher(runtime.uow, clock, {Channel.CONSOLE: other.channel}, link)
    return leader, other, dispatcher


async def test_the_mid_year_review_by_numbers(
    sample_runtime: Runtime,
    invite_codes: dict[str, str],
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unpaced(monkeypatch)
    leader, sgt, dispatcher = await joined(sample_runtime, invite_codes, tmp_path, clock, "SGT")
    clock.current = JUNE

    screen = await leader.type("/hoinghi")
    assert "Chưa có hội nghị nào được lên lịch." in screen
    screen = await leader.type(choice(screen, "Lên lịch hội nghị"))
    draft = await leader.type(choice(screen, "sơ kết 6 tháng"))
    assert "⏰ Thời gian: 08:00 15/07/2022" in draft  # the proposed Friday
    asked = await leader.type(choice(draft, "Thời gian"))
    assert asked.endswith("\n\na. ◀ Quay lại")  # digits are the time here: the way back is a
    refused = await leader.type("ngày mai")
    assert refused.startswith("⚠️ Không hiểu thời gian «ngày mai»")
    draft = await leader.type("14:00 14/07/2022")
    assert "⏰ Thời gian: 14:00 14/07/2022" in draft
    sent = await leader.type(choice(draft, "Gửi giấy mời"))
    assert sent.startswith("📨 Đã gửi giấy mời")

    start = len(sgt.stdout.getvalue())
    await deliver(sample_runtime, dispatcher)
    printed = sgt.printed_since(start)
    assert "📅 GIẤY MỜI — Khối thi đua Khối 7: Hội nghị sơ kết 6 tháng đầu năm 2022" in printed
    assert "📎 hoi-nghi-midyear-2022.ics: http" in printed  # a download link, as on Zalo
    assert "1. ✋ Đăng ký dự: Hội nghị sơ kết" in printed

    picker = await sgt.type("1")  # the invitation's own button, answered by number
    answered = await sgt.type(choice(picker, "2 người"))
    assert "Đơn vị đăng ký dự: 2 người." in answered

    start = len(sgt.stdout.getvalue())
    clock.current = datetime(2022, 7, 13, 7, 0, tzinfo=UTC)  # 14:00 the day before
    await conference_tick(sample_runtime.app.uow_factory, clock, sample_runtime.app.notices)
    await deliver(sample_runtime, dispatcher)
    reminder = sgt.printed_since(start)
    assert (
        "📅 Nhắc lịch: Hội nghị sơ kết 6 tháng đầu năm 2022 (Khối thi đua Khối 7) còn 1 ngày"
        in (reminder)
    )
    assert "Đơn vị đăng ký dự: 2 người." in reminder
    clock.advance(timedelta(minutes=10))
    await conference_tick(sample_runtime.app.uow_factory, clock, sample_runtime.app.notices)
    async with sample_runtime.uow() as uow:
        assert await uow.outbox.pending_count() == 0  # not twice


async def test_the_leader_lets_another_unit_host_the_annual_review(
    sample_runtime: Runtime,
    invite_codes: dict[str, str],
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Any member unit may host; the place defaults to the host's hall."""
    unpaced(monkeypatch)
    leader, sct, dispatcher = await joined(sample_runtime, invite_codes, tmp_path, clock, "SCT")
    clock.current = DECEMBER

    screen = await leader.type("/hoinghi")
    screen = await leader.type(choice(screen, "Lên lịch hội nghị"))
    draft = await leader.type(choice(screen, "tổng kết"))
    assert "🏢 Đơn vị chủ trì: Sở Nông nghiệp và Phát triển nông thôn" in draft
    assert "📍 Địa điểm: Hội trường Sở Nông nghiệp và Phát triển nông thôn" in draft
    picker = await leader.type(choice(draft, "Đơn vị chủ trì"))
    assert picker.startswith("Đơn vị nào chủ trì hội nghị?")
    assert "✅ Sở Nông nghiệp và Phát triển nông thôn" in picker  # the current host
    assert "Đài Phát thanh và Truyền hình Trà Vinh" in picker  # every member unit
    draft = await leader.type(choice(picker, "Sở Công Thương"))
    assert "🏢 Đơn vị chủ trì: Sở Công Thương" in draft
    assert "📍 Địa điểm: Hội trường Sở Công Thương" in draft
    sent = await leader.type(choice(draft, "Gửi giấy mời"))
    assert sent.startswith("📨 Đã gửi giấy mời")

    start = len(sct.stdout.getvalue())
    await deliver(sample_runtime, dispatcher)
    invitation = sct.printed_since(start)
    assert "Hội nghị tổng kết công tác thi đua năm 2022" in invitation
    assert "📍 Địa điểm: Hội trường Sở Công Thương" in invitation
