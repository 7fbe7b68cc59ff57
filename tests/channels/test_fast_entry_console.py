"""Fast entry in the console, on the 1,000-point cụm sample: what the bot fills in itself
(the covenant signed on time, a conference answered "không dự", reports on time), the
mid-year sheet copied as the annual sheet's start, one message, and the .xlsx form saved by
the console and sent back with "@path" — every choice typed as its letter or number."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook

from bot.runtime import Runtime
from domain.fast_entry import split_message
from domain.model import Channel
from domain.services import fast_entry, scoring
from domain.settings import LOCAL_TZ
from domain.summary import Cycle
from tests.channels.cum_support import (
    MESSAGE,
    SCORING,
    SHEET,
    TOTAL,
    import_cum,
    pledged_and_absent,
)
from tests.channels.test_ballots_console import Terminal
from tests.channels.test_ballots_zalo import choice, member_of
from tests.channels.test_fast_entry_telegram import filled_form
from tests.fakes.clock import FakeClock

MIDYEAR = datetime(2025, 6, 10, 2, 0, tzinfo=UTC)
FILE = re.compile(r"^📎 (.+\.xlsx)$", re.MULTILINE)


def fill_in(path: str) -> str:
    """The unit fills the form the console saved, in Excel, and saves it in place."""
    form = Path(path)
    form.write_bytes(filled_form(form.read_bytes(), SHEET))
    return path


def form_rows(path: str) -> list[tuple[object, ...]]:
    book = load_workbook(io.BytesIO(Path(path).read_bytes()))
    return list(book["Cham_diem"].iter_rows(values_only=True))


async def joined(runtime: Runtime, clock: FakeClock, tmp_path: Path) -> Terminal:
    codes = await import_cum(runtime, clock)
    nam = Terminal(runtime, "SXD", tmp_path, name="Trần Văn Nam")
    assert (await nam.type(f"/start {codes['SXD']}")).startswith("Chào anh/chị Nam!")
    return nam


async def a_year_of_facts(runtime: Runtime, clock: FakeClock, nam: Terminal) -> None:
    """Sở Xây dựng pledged and signed in time, said it would miss the mid-year review, and
    submitted its mid-year sheet (item 1.1 at 170, bonus 5.2 at 15) on 10/06."""
    async with runtime.uow() as uow:
        member = await member_of(uow, Channel.CONSOLE, nam.user_id)
        year, unit = member.year.id, member.unit.id if member.unit else None
        assert year is not None and unit is not None
        pledged = datetime(2025, 2, 20, 9, 0, tzinfo=LOCAL_TZ)
        review = datetime(2025, 7, 15, 8, 0, tzinfo=LOCAL_TZ)
        await pledged_and_absent(uow, year, unit, pledged=pledged, absent=review)
        clock.current = MIDYEAR
        sheet = await scoring.open_sheet(uow, member, Cycle.MIDYEAR, clock.now())
        assert sheet.sheet.id is not None
        text = MESSAGE.replace("1.1 180", "1.1 170").replace("5.2 10", "5.2 15")
        seen = fast_entry.shown(sheet.sheet)  # the bot filled 6.1 and 6.2 on opening
        await fast_entry.enter_sheet(
            uow, member, sheet.sheet.id, split_message(text), clock.now(), seen, "message"
        )
        await scoring.submit(uow, member, sheet.sheet.id, clock.now())
        await uow.commit()
    clock.current = SCORING


async def test_filled_by_the_bot_copied_from_midyear_then_one_message(
    runtime: Runtime, clock: FakeClock, tmp_path: Path
) -> None:
    nam = await joined(runtime, clock, tmp_path)
    await a_year_of_facts(runtime, clock, nam)

    sheet = await nam.type("/chamdiem")
    assert sheet.splitlines()[:4] == [
        "🤖 Bot đã điền sẵn những gì bot biết (anh/chị sửa được):",
        "• Tiêu chí 6.1: không — đã ký giao ước ngày 14/03/2025",
        "• Tiêu chí 6.2: 0 lần — báo cáo gửi qua bot đều đúng hạn",
        "• Tiêu chí 6.3: 1 lần — báo không dự hội nghị sơ kết ngày 15/07/2025",
    ]
    assert "🤖 Bot đã điền sẵn: 6.1, 6.2, 6.3 — anh/chị xem và sửa được." in sheet
    assert "Điểm trừ: 20" in sheet

    screen = await nam.type(choice(sheet, "⚡ Nhập nhanh cả bảng"))
    assert "📋 Có thể lấy điểm bảng sơ kết 6 tháng năm 2025 làm điểm khởi đầu" in screen
    assert screen.endswith(
        "a. 📄 Tải mẫu Excel\nb. 📋 Chép điểm 6 tháng năm 2025\nc. ◀ Quay lại bảng điểm"
    )
    copied = await nam.type("b")
    assert copied.splitlines()[0] == (
        "📋 Đã chép 15 tiêu chí từ bảng sơ kết 6 tháng năm 2025 (điểm sau thẩm định nếu có), "
        "giữ nguyên 3 tiêu chí đã nhập. Anh/chị gõ những điểm cần sửa."
    )
    assert "b. 📋" not in copied  # copied once: no second offer

    done = await nam.type("1.1 180; 5.2 10; 6.3 0")  # this year's figures, and 6.3 corrected
    assert done.splitlines()[:4] == [
        "✅ Đã ghi: 3 tiêu chí thay đổi, 0 giữ nguyên.",
        "• Tiêu chí 1.1: 170 → 180",
        "• Tiêu chí 5.2: 15 → 10",
        "• Tiêu chí 6.3: 1 lần → 0 lần",
    ]
    assert "Tạm tính: 930,5 / 1000" in done  # 900,5 + 30, no penalty left
    assert "📋 13 tiêu chí chép từ kỳ trước — anh/chị xem lại và sửa nếu cần." in done

    # Item by item, the marks say what the unit did not type itself.
    item = await nam.type(choice(done, "Phần I ("))
    title = "Tham mưu Ủy ban nhân dân thành phố ban hành văn bản đúng hạn"
    assert f"✅ 1.2. {title} — 108,5/120 📋" in item
    assert "🤖 bot đã điền · 📋 chép kỳ trước — gõ điểm để thay." in item


async def test_the_xlsx_form_saved_and_sent_back_with_at_path(
    runtime: Runtime, clock: FakeClock, tmp_path: Path
) -> None:
    nam = await joined(runtime, clock, tmp_path)
    clock.current = SCORING
    actions = 0

    async def act(line: str) -> str:
        nonlocal actions
        actions += 1
        return await nam.type(line)

    sheet = await act("/chamdiem")
    screen = await act(choice(sheet, "⚡ Nhập nhanh cả bảng"))
    assert "📄 Hoặc bấm «Tải mẫu Excel», ghi điểm vào cột «Điểm» rồi gửi lại tệp vào đây." in (
        screen
    )
    sent = await act(choice(screen, "📄 Tải mẫu Excel"))
    [path] = FILE.findall(sent)
    assert Path(path).name == "bang-diem-SXD-2025-ca-nam.xlsx"
    done = await act(f"@{fill_in(path)}")
    assert done.splitlines()[0] == "✅ Đã ghi: 18 tiêu chí thay đổi, 0 giữ nguyên."
    assert f"Tạm tính: {TOTAL} / 1000" in done
    assert actions == 4  # /chamdiem, ⚡, 📄, @path (and 18 cells in Excel)

    # The form again: what the draft holds now stands in the "Đã ghi" column.
    again = await nam.type(choice(done, "⚡ Nhập nhanh cả bảng"))
    [second] = FILE.findall(await nam.type(choice(again, "📄 Tải mẫu Excel")))
    rows = form_rows(second)
    assert [row[5] for row in rows if row[0] in ("1.2", "6.1")] == ["108,5", "không"]
