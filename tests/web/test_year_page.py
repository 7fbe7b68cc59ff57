"""The bloc's year in the browser, for the leader: every unit's progress with the deadlines,
a document downloaded, a ballot set up and a conference scheduled from the page (and the
chat shows them); an ordinary unit's officer is refused, another bloc's ids are a 404."""

from __future__ import annotations

import io
import re
from typing import Any

from openpyxl import load_workbook

from tests.web.conftest import Site, join, no_sideways_scroll, shot


async def test_the_leader_follows_every_unit_and_runs_the_year_from_the_page(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    for user, code, name in (("lead", "SNN", "Nguyễn Văn An"), ("gt", "SGT", "Phạm Hùng"),
                             ("ct", "SCT", "Võ Thị Mai")):  # fmt: skip
        await join(site, user, invite_codes[code], name)

    # The leader's task list offers the whole year on the web.
    tasks = await site.say("lead", "/viec")
    assert "📊 Mở trang cả năm của khối" in tasks, tasks
    await phone.goto(await site.link("lead", "/viec"))
    assert phone.url.endswith("/w/year")
    await no_sideways_scroll(phone)
    main = await phone.inner_text("main")
    assert "Năm thi đua 2022" in main and "Đang chấm điểm cả năm" in main
    assert "Tiến độ 5 đơn vị" in main
    for unit in ("Sở NN&PTNT", "Sở TN&MT", "Sở GTVT", "Sở Công Thương", "Đài PT-TH"):
        assert unit in main
    assert main.count("chưa ai tham gia bot") == 2  # two units have not joined
    assert "Sở NN&PTNT Khối trưởng" in main and "Đài PT-TH Khối phó" in main
    assert "Chấm điểm cả năm\n15/11/2022 – 15/12/2022" in main  # the deadlines
    assert main.count("chưa chấm tiêu chí nào") == 5
    await shot(phone, "year")

    # The draft score table downloads as a workbook.
    async with phone.expect_download() as downloading:
        await phone.click("a[href='/w/year/report/annual/table.xlsx']")
    download = await downloading.value
    content = open(await download.path(), "rb").read()  # noqa: SIM115,ASYNC230
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.worksheets, download.suggested_filename
    assert download.suggested_filename.endswith(".xlsx")

    # A merit ballot with the chat's defaults (no ranking yet: the leader picks the units).
    await phone.select_option("#ballot-kind", "merit")
    await phone.click("text=Chuẩn bị bỏ phiếu")
    await phone.wait_for_url(re.compile(r"/w/year/new-ballot\?kind=merit"))
    await no_sideways_scroll(phone)
    assert await phone.locator("#closes_at").input_value()  # closing in two hours
    assert await phone.is_checked("input[name=secret]")  # the sample's rules: secret
    boxes = phone.locator("input[name=unit]")
    for index in (1, 2, 3):
        await boxes.nth(index).check()
    await phone.fill("#quota", "4")  # over the candidates: refused, said why, nothing opened
    await shot(phone, "year-ballot")
    await phone.click("#open-ballot")
    assert "Số được chọn phải từ 1 đến 3" in await phone.inner_text(".error")
    assert await phone.is_checked("input[name=unit] >> nth=2")  # the form kept its values
    await phone.fill("#quota", "2")
    await phone.click("#open-ballot")
    await phone.wait_for_url(re.compile(r"/w/year\?done=ballot"))
    assert "Đã mở bỏ phiếu" in await phone.inner_text("main")
    assert "⏳ chưa bỏ phiếu" in await phone.inner_text("main")
    answer = await site.say("gt", "/binhxet")
    assert "BẰNG KHEN" in answer and "đã bỏ phiếu 0/5" in answer, answer

    # The annual review conference on the date the bot proposes.
    await phone.select_option("#conference-kind", "annual")
    await phone.click("text=Chuẩn bị giấy mời")
    await phone.wait_for_url(re.compile(r"/w/year/new-conference\?kind=annual"))
    proposed = await phone.locator("#starts_at").input_value()
    assert proposed.startswith("2022-12") or proposed.startswith("2023-01"), proposed
    await phone.fill("#starts_at", "2022-11-01T08:00")  # passed: refused
    await phone.click("#send-conference")
    assert await phone.locator(".error").count() == 1
    await shot(phone, "year-conference")
    await phone.fill("#starts_at", proposed)
    await phone.fill("#place", "Hội trường UBND tỉnh")
    await phone.click("#send-conference")
    await phone.wait_for_url(re.compile(r"/w/year\?done=conference"))
    main = await phone.inner_text("main")
    assert "Hội nghị tổng kết" in main and "⏳ chưa trả lời" in main
    answer = await site.say("ct", "/hoinghi")
    assert "Hội trường UBND tỉnh" in answer, answer
    async with phone.expect_download() as downloading:
        await phone.click("a[href$='/calendar.ics']")
    ics = open(await (await downloading.value).path(), "rb").read()  # noqa: SIM115,ASYNC230
    assert b"BEGIN:VCALENDAR" in ics
    await shot(phone, "year-after")

    # Another bloc's or no one's ballot: nothing there.
    for path in ("/w/year/ballot/99999/minutes", "/w/year/conference/99999/calendar.ics"):
        response = await phone.goto(site.base + path)
        assert response is not None and response.status == 404, path


async def test_an_ordinary_units_officer_cannot_open_the_year_page(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    await join(site, "gt", invite_codes["SGT"], "Phạm Hùng")
    tasks = await site.say("gt", "/viec")
    assert "cả năm của khối" not in tasks
    await phone.goto(await site.link("gt", "/chamdiem"))
    for path in ("/w/year", "/w/year/new-ballot?kind=merit", "/w/year/report/annual/table.xlsx"):
        response = await phone.goto(site.base + path)
        assert response is not None and response.status == 403, path
    assert "dành cho Khối trưởng và Khối phó" in await phone.inner_text("main")
    await shot(phone, "year-refused", full=False)
