"""The score sheet page when things go otherwise: a colleague's change meets a save, files
that are refused, evidence removed, a window that closed meanwhile; then the read-only sheet
with its verification, the English switch, and cross mode's choice of unit."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from bot.admin import read_bloc_file
from domain.bloc_spec import parse_bloc_spec
from domain.model import Channel
from domain.services import importer, invites, members, scoring
from domain.summary import Cycle
from tests.samples import CROSS_YAML
from tests.verification_support import verify_entry
from tests.web.conftest import Site, join, shot
from tests.web.test_sheet_page import saved, sheet_of, type_score


async def test_a_save_meets_a_colleagues_change_files_are_checked_and_a_closed_window_stops_it(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    site.clock.current = datetime(2022, 12, 15, 10, 0, tzinfo=UTC)  # 17:00, the last day
    await join(site, "an", invite_codes["SNN"], "Nguyễn Văn An")
    await join(site, "binh", invite_codes["SNN"], "Trần Thị Bình")
    await phone.goto(await site.link("an", "/chamdiem"))
    # The page was opened; then Bình scores item 1 in the chat.
    await site.say("binh", "/chamdiem")
    await site.say("binh", "1")
    await site.say("binh", "12")
    await type_score(phone, "1", "14")
    await phone.wait_for_selector("#i-1 .conflict")
    assert "Trần Thị Bình vừa sửa thành 12" in await phone.inner_text("#m-1")
    await shot(phone, "sheet-conflict", full=False)
    sheet, _ = await sheet_of(site, "an")
    assert sheet.entries["1"].points == Decimal(12)  # not overwritten silently
    await phone.click("#i-1 >> text=Giữ của tôi")
    await saved(phone, "1")
    sheet, _ = await sheet_of(site, "an")
    assert sheet.entries["1"].points == Decimal(14)

    # Files the bot does not keep, or too large: refused, the limits named, nothing kept.
    program = {"name": "bao-cao.exe", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 10}
    await phone.set_input_files("#i-2 input[type=file]:not([capture])", program)
    await phone.wait_for_function("document.getElementById('m-2').textContent.includes('⚠')")
    assert "ảnh, PDF, Word hoặc Excel" in await phone.inner_text("#m-2")
    huge = {"name": "ho-so.pdf", "mimeType": "application/pdf",
            "buffer": b"%PDF-1.7\n" + bytes(21 * 1024 * 1024)}  # fmt: skip
    await phone.set_input_files("#i-2 input[type=file]:not([capture])", huge)
    await phone.wait_for_function("document.getElementById('m-2').textContent.includes('20 MB')")
    assert "quá lớn (tối đa 20 MB)" in await phone.inner_text("#m-2")
    # A PDF kept, a note written; the PDF removed again.
    pdf = {"name": "ke-hoach.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF"}
    await phone.set_input_files("#i-2 input[type=file]:not([capture])", pdf)
    await phone.wait_for_selector("#ev-2 li a")
    await phone.click("#i-2 summary")
    await phone.fill("#n-2", "Đạt 100% kế hoạch, xem báo cáo số 12/BC.")
    await phone.click("#i-2 >> text=Lưu ghi chú")
    await phone.wait_for_selector("#ev-2 li:nth-child(2)")
    await phone.click("#ev-2 li:first-child button")
    await phone.wait_for_function("document.querySelectorAll('#ev-2 li').length === 1")
    _, evidence = await sheet_of(site, "an")
    assert [(e.kind, e.reference) for e in evidence] == [
        ("note", "Đạt 100% kế hoạch, xem báo cáo số 12/BC.")
    ]

    # The window closes while the page is open: saving says so and changes nothing.
    site.clock.current = datetime(2022, 12, 15, 17, 0, tzinfo=UTC)  # 00:00 on the 16th
    await type_score(phone, "2", "9")
    await phone.wait_for_function("document.getElementById('m-2').textContent.includes('⚠')")
    assert "đã đóng" in await phone.inner_text("#m-2")
    sheet, _ = await sheet_of(site, "an")
    assert "2" not in sheet.entries


async def submit_and_verify(site: Site, unit_user: str, leader: str) -> None:
    """The unit's whole sheet scored at the maximum and submitted; the leader lowers item 9."""
    async with site.runtime.uow() as uow:
        now = site.clock.now()
        unit = await _member(uow, unit_user)
        view = await scoring.open_sheet(uow, unit, Cycle.ANNUAL, now)
        sheet_id = view.sheet.id or 0
        for section in view.table.sections:
            for item in section.items:
                await scoring.set_entry(uow, unit, sheet_id, item.code, str(item.max_points), now)
        await scoring.submit(uow, unit, sheet_id, now)
        boss = await _member(uow, leader)
        await verify_entry(uow, boss, sheet_id, "9", "5", "Chỉ số CCHC năm 2022 xếp thứ 12/19", now)
        await uow.commit()


async def _member(uow: Any, user: str) -> Any:
    identity = await uow.people.identity(Channel.CONSOLE, user)
    return await members.membership(
        uow, await uow.people.officer(identity.officer_id), Channel.CONSOLE
    )


async def test_a_submitted_sheet_reads_with_its_verification_in_either_language(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    await join(site, "lead", invite_codes["SNN"], "Nguyễn Văn An")
    await join(site, "gt", invite_codes["SGT"], "Phạm Hùng")
    await submit_and_verify(site, "gt", "lead")
    await phone.goto(await site.link("gt", "/chamdiem"))
    item = await phone.inner_text("#i-9")
    assert "Thẩm định: 6 → 5 — «Chỉ số CCHC năm 2022 xếp thứ 12/19»" in item
    main = await phone.inner_text("main")
    assert "Sau thẩm định: 99 điểm (tự chấm 100)." in main
    assert await phone.locator("#submit").count() == 0
    await phone.locator("#i-9").scroll_into_view_if_needed()
    await shot(phone, "sheet-verified", full=False)

    await phone.click("header >> text=EN")
    await phone.wait_for_selector("text=Running total")
    assert "After verification: 99 points (self-scored 100)." in await phone.inner_text("main")
    await shot(phone, "sheet-verified-en", full=False)


async def test_in_cross_mode_the_unit_chooses_the_unit_to_score(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    site.clock.current = datetime(2025, 11, 20, 2, 0, tzinfo=UTC)  # its annual window
    data, where = read_bloc_file(CROSS_YAML)
    async with site.runtime.uow() as uow:
        await importer.import_bloc(uow, parse_bloc_spec(data, where), site.clock.now())
        made = await invites.ensure_unit_invites(uow, data["bloc"]["code"], site.clock.now(), 60)
        codes = {item.unit.code: item.invitation.code for item in made}
        await uow.commit()
    await join(site, "yt", codes["SYT"], "Đỗ Minh Tâm")
    await phone.goto(await site.link("yt", "/chamdiem"))
    assert "Chấm chéo: chọn đơn vị" in await phone.inner_text("main")
    names = await phone.locator("nav.menu a").all_inner_texts()
    assert "Sở Y tế" not in names and "Sở Giáo dục và Đào tạo" in names
    await shot(phone, "cross-choose", full=False)
    await phone.click("text=Sở Giáo dục và Đào tạo")
    await phone.wait_for_url(re.compile(r"/w/sheet/\d+$"))
    assert "chấm" in (await phone.inner_text("main")).lower()
    await type_score(phone, "A1", "28,5")
    await saved(phone, "A1")
