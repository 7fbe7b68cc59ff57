"""The score sheet page in a real browser at phone size: the whole sample sheet filled with a
photo of evidence and submitted while a colleague changes an item in the chat; bad input,
stale pages and refused files."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from domain.model import Channel
from domain.sheets import SheetStatus
from domain.summary import Cycle
from tests.web.conftest import Site, join, jpeg, no_sideways_scroll, shot

# What the unit types into the sample sheet, as people write numbers.
ITEMS = {
    "1": "14,5", "2": "10", "3": "7.5", "4": "7", "5": "5", "6": "4,5", "7": "5", "8": "5",
    "9": "5", "10": "5", "11": "4", "12": "4", "13": "4", "14": "3", "15": "3 điểm",
    "16": "3", "17": "3", "18": "3",
}  # fmt: skip
BONUS = {"19": "2", "20": "4", "21": "0"}
COUNTS = {"23": "0", "24": "1"}  # per-occurrence penalties
YES_NO = {"22": "0", "25": "0"}  # one-off penalties: "Không"


async def saved(page: Any, code: str) -> None:
    await page.wait_for_function(
        f"document.getElementById('m-{code}').textContent.includes('đã lưu')"
    )


async def type_score(page: Any, code: str, text: str) -> None:
    await page.fill(f"#v-{code}", text)
    await page.press(f"#v-{code}", "Tab")


async def sheet_of(site: Site, user: str) -> Any:
    async with site.runtime.uow() as uow:
        identity = await uow.people.identity(Channel.CONSOLE, user)
        assert identity is not None and identity.officer_id is not None
        officer = await uow.people.officer(identity.officer_id)
        assert officer is not None and officer.unit_id is not None
        unit = await uow.blocs.unit(officer.unit_id)
        assert unit is not None
        year = await uow.blocs.current_year(unit.bloc_id)
        assert year is not None and year.id is not None
        sheet = await uow.scores.find_sheet(year.id, unit.id or 0, unit.id or 0, Cycle.ANNUAL)
        evidence = await uow.scores.evidence(sheet.id or 0) if sheet else []
        return sheet, evidence


async def test_a_unit_fills_the_whole_sheet_while_a_colleague_scores_in_the_chat(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    await join(site, "an", invite_codes["SNN"], "Nguyễn Văn An")
    await join(site, "binh", invite_codes["SNN"], "Trần Thị Bình")
    link = await site.link("an", "/chamdiem")
    assert "📝 Mở phiếu chấm điểm" in site.said[-1]

    await phone.goto(link)
    assert re.search(r"/w/sheet/\d+$", phone.url), phone.url
    assert "Nguyễn Văn An · Sở NN&PTNT · Khối thi đua Khối 7 · năm 2022" in await phone.inner_text(
        "header"
    )
    await no_sideways_scroll(phone)
    await shot(phone, "sheet-empty")

    # A score over the maximum: the field says why, and nothing is stored.
    await type_score(phone, "1", "16")
    await phone.wait_for_selector("#v-1[aria-invalid=true]")
    assert "tối đa 15" in await phone.inner_text("#m-1")
    await shot(phone, "sheet-error")
    sheet, _ = await sheet_of(site, "an")
    assert "1" not in sheet.entries

    # As on a phone: a value, then the keyboard's Next, which saves it and moves on.
    await phone.fill("#v-1", "")  # the refused 16 goes
    for code, text in ITEMS.items():
        await phone.keyboard.type(text)
        await phone.keyboard.press("Enter")
        await saved(phone, code)
    assert await phone.evaluate("document.activeElement.id") == "v-19"  # the bonus next
    for code, text in (BONUS | COUNTS).items():
        await type_score(phone, code, text)
        await saved(phone, code)
    for code, value in YES_NO.items():
        await phone.check(f"#i-{code} input[type=radio][value='{value}']")
        await saved(phone, code)

    # A photo of evidence, taken with the phone's camera.
    photo = {"name": "chi-so-cchc.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}
    await phone.set_input_files("#i-9 input[capture]", photo)
    await phone.wait_for_selector("#ev-9 li a")
    assert "chi-so-cchc.jpg" in await phone.inner_text("#ev-9")

    # Meanwhile a colleague changes item 1 in the chat.
    await site.say("binh", "/chamdiem")
    answer = await site.say("binh", "1")  # section I: its first item, as all are scored
    assert "1. Hoàn thành các chỉ tiêu" in answer
    assert "Đã ghi 13/15 cho tiêu chí 1" in await site.say("binh", "13")
    # The page learns of it when it is looked at again, and shows who changed what.
    await phone.evaluate("window.dispatchEvent(new Event('focus'))")
    await phone.wait_for_function("document.getElementById('v-1').value === '13'")
    assert "Trần Thị Bình" in await phone.inner_text("#m-1")
    total = await phone.inner_text("#final")
    await shot(phone, "sheet-filled")

    assert await phone.inner_text("#submit") == f"Nộp bảng điểm ({total} điểm)"
    await phone.click("#submit")  # asks first, naming the total and what is left
    assert f"tổng {total} điểm? Đã chấm đủ các tiêu chí." in await phone.inner_text("main")
    await shot(phone, "sheet-confirm")
    await phone.click("#confirm")
    await phone.wait_for_url(re.compile(r"submitted=1"))
    assert f"Đã nộp bảng điểm: {total} điểm" in await phone.inner_text("main")
    assert await phone.get_attribute("#v-2", "readonly") is not None
    await shot(phone, "sheet-submitted")

    sheet, evidence = await sheet_of(site, "an")
    assert sheet.status is SheetStatus.SUBMITTED
    assert sheet.entries["1"].points == Decimal(13)  # the colleague's, not overwritten
    assert sheet.entries["3"].points == Decimal("7.5")
    assert sheet.entries["15"].points == Decimal(3)  # "3 điểm"
    assert sheet.entries["24"].occurrences == 1 and sheet.entries["22"].occurrences == 0
    assert [(e.code, e.kind, e.name) for e in evidence] == [("9", "photo", "chi-so-cchc.jpg")]
    # The page's total is the domain's.
    assert total == "98"
