"""Verification on the web in a real browser at phone size: the leader verifies each sheet
with its evidence open beside it, changes an item with its reason (the unit is told, as from
the chat), reads the unit's explanation, marks every unit verified, and publishes; the
deputy verifies the leader's own unit; bad numbers, a missing reason, a stale page; and no
one else reaches the page or another bloc's sheets."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from bot.admin import read_bloc_file
from domain.bloc_spec import parse_bloc_spec
from domain.model import Channel
from domain.services import answers, deadlines, importer, invites, ranking, scoring
from domain.sheets import Answer, Evidence
from domain.summary import Cycle
from tests.samples import CROSS_YAML
from tests.web.conftest import PHONE, Site, join, jpeg, no_sideways_scroll, shot
from tests.web.test_sheet_edges import _member

PEOPLE = {
    "lead": ("SNN", "Nguyễn Văn An"),
    "deputy": ("PTTH", "Lê Thị Giang"),
    "gt": ("SGT", "Phạm Hùng"),
    "tn": ("STN", "Trần Văn Dũng"),
    "ct": ("SCT", "Võ Thị Mai"),
}
MAXIMA = ["15", "10", "8", "7", "5", "5", "5", "5", "6", "5", "4", "5", "4", "3", "3", "4"]
FULL = dict(zip([str(n) for n in range(1, 19)], [*MAXIMA, "3", "3"], strict=True))
AFTER_CLOSE = datetime(2022, 12, 16, 1, 0, tzinfo=UTC)  # 08:00 the day after the window
WHY = "Chỉ số CCHC năm 2022 xếp thứ 12/19."


async def everyone_joins(site: Site, codes: dict[str, str]) -> None:
    for user, (unit, name) in PEOPLE.items():
        await join(site, user, codes[unit], name)


async def submit(site: Site, user: str) -> None:
    """The unit's sheet at the maximum of every item, submitted."""
    async with site.runtime.uow() as uow:
        now = site.clock.now()
        unit = await _member(uow, user)
        view = await scoring.open_sheet(uow, unit, Cycle.ANNUAL, now)
        for code, value in FULL.items():
            await scoring.set_entry(uow, unit, view.sheet.id or 0, code, value, now)
        await scoring.submit(uow, unit, view.sheet.id or 0, now)
        await uow.commit()


async def unit_id(site: Site, code: str) -> int:
    async with site.runtime.uow() as uow:
        bloc = await uow.blocs.by_code("khoi7-travinh")
        assert bloc is not None and bloc.id is not None
        units = await uow.blocs.units(bloc.id)
        return next(u.id or 0 for u in units if u.code == code)


async def told(site: Site, user: str) -> list[str]:
    """The messages the outbox holds for `user`'s console chat."""
    async with site.runtime.uow() as uow:
        due = await uow.outbox.due(datetime(2030, 1, 1, tzinfo=UTC), 1000)
        return [m.payload["text"] for m in due if m.chat_id == user]


async def sheet_entry(site: Site, user: str, code: str) -> Any:
    async with site.runtime.uow() as uow:
        unit = await _member(uow, user)
        sheet = await uow.scores.find_sheet(unit.year.id, unit.unit.id, unit.unit.id, Cycle.ANNUAL)
        assert sheet is not None
        return sheet, sheet.entries.get(code)


async def change(page: Any, code: str, value: str, reason: str) -> None:
    """Opens the item's change form (if closed), fills it and saves."""
    if not await page.is_visible(f"#f-{code}"):
        await page.click(f"#i-{code} summary")
    await page.fill(f"#v-{code}", value)
    await page.fill(f"#r-{code}", reason)
    async with page.expect_navigation():
        await page.click(f"#f-{code} button")


async def agree(page: Any, site: Site, code: str) -> None:
    await page.goto(f"{site.base}/w/verify/annual/{await unit_id(site, code)}")
    assert await page.inner_text("#mark-btn") == "✅ Đồng ý toàn bộ bảng điểm"
    async with page.expect_navigation():
        await page.click("#mark-btn")
    flash = await page.inner_text("#flash")
    assert flash.startswith("✅ Đã thẩm định xong bảng điểm của") and "100 điểm" in flash, flash


async def test_the_leader_verifies_with_the_evidence_open_and_publishes(
    site: Site, phone: Any, browser: Any, invite_codes: dict[str, str]
) -> None:
    await everyone_joins(site, invite_codes)
    # Sở GTVT photographs its evidence for item 9 on its own sheet page.
    unit_phone = await (await browser.new_context(viewport=PHONE, locale="vi-VN")).new_page()
    await unit_phone.goto(await site.link("gt", "/chamdiem"))
    photo = {"name": "chi-so-cchc.jpg", "mimeType": "image/jpeg", "buffer": jpeg(200)}
    await unit_phone.set_input_files("#i-9 input[capture]", photo)
    await unit_phone.wait_for_selector("#ev-9 li a")
    for user in PEOPLE:
        await submit(site, user)

    # The chat's /thamdinh offers the page.
    link = await site.link("lead", "/thamdinh")
    assert "🔎 Mở trang thẩm định" in site.said[-1]
    await phone.goto(link)
    assert phone.url.endswith("/w/verify"), phone.url
    main = await phone.inner_text("main")
    assert "đã thẩm định 0/5" in main
    assert "Sở Giao thông vận tải" in main and "chưa thẩm định · tự chấm 100 → 100 điểm" in main
    # The leader's own unit is the deputy's to verify: not a link for the leader.
    snn = await unit_id(site, "SNN")
    assert await phone.locator(f"a#u-{snn}").count() == 0
    # Publishing waits for the window to close, and says so.
    assert "còn mở đến" in await phone.inner_text("#publish")
    await no_sideways_scroll(phone)
    await shot(phone, "verify-board")

    gt = await unit_id(site, "SGT")
    await phone.click(f"#u-{gt}")
    await phone.wait_for_url(re.compile(rf"/w/verify/annual/{gt}$"))
    # The photo is open inline beside its item: the browser loaded it.
    image = phone.locator("#ev-9 img")
    await image.scroll_into_view_if_needed()
    assert await image.evaluate("img => img.complete && img.naturalWidth") == 200
    assert "chi-so-cchc.jpg" in await phone.inner_text("#ev-9")
    await no_sideways_scroll(phone)
    await shot(phone, "verify-unit-evidence", full=False)
    await shot(phone, "verify-unit")

    # Over the maximum: the field says why, and nothing changes.
    await change(phone, "9", "7", WHY)
    assert "tối đa 6" in await phone.inner_text("#vm-9")
    assert await phone.get_attribute("#v-9", "aria-invalid") == "true"
    assert await phone.input_value("#r-9") == WHY  # what was typed stays
    await phone.locator("#i-9").scroll_into_view_if_needed()
    await shot(phone, "verify-bad-number", full=False)
    # No reason: the reason field says it is needed.
    await change(phone, "9", "5", "  ")
    assert "Cần ghi lý do" in await phone.inner_text("#rm-9")
    _, entry = await sheet_entry(site, "gt", "9")
    assert entry.verified is None
    assert await told(site, "gt") == []

    await change(phone, "9", "5", WHY)
    assert re.search(rf"/w/verify/annual/{gt}\?changed=9", phone.url)
    assert "Đã điều chỉnh 9 của Sở GTVT thành 5. Điểm sau thẩm định: 99." in await phone.inner_text(
        "#flash"
    )
    item = await phone.inner_text("#c-9")
    assert f"Thẩm định: 6 → 5 — «{WHY}»" in item and "chờ trả lời đến" in item
    _, entry = await sheet_entry(site, "gt", "9")
    assert entry.verified == Decimal(5) and entry.verify_reason == WHY
    # The unit is told through the outbox, exactly as a change in the chat tells it.
    notices = await told(site, "gt")
    assert len(notices) == 1 and f"6 → 5, lý do: «{WHY}»" in notices[0], notices

    # The unit explains; the explanation shows beside the changed item.
    async with site.runtime.uow() as uow:
        unit = await _member(uow, "gt")
        await answers.answer(
            uow, unit, Cycle.ANNUAL, Answer.EXPLAINED, site.clock.now(), site.runtime.app.notices,
            code="9", text="Đã có Quyết định công nhận xếp thứ 10/19.",
        )  # fmt: skip
        await uow.commit()
    await phone.reload()
    assert (
        "đơn vị giải trình: «Đã có Quyết định công nhận xếp thứ 10/19.»"
        in await phone.inner_text("#c-9")
    )
    assert "1 giải trình của đơn vị" in await phone.inner_text("#state")
    await phone.locator("#c-9").scroll_into_view_if_needed()
    await shot(phone, "verify-answered", full=False)

    # The verified mark: with a change made, it is not "agree with the whole sheet".
    assert await phone.inner_text("#mark-btn") == "✅ Xác nhận đã thẩm định"
    async with phone.expect_navigation():
        await phone.click("#mark-btn")
    assert (
        "Đã thẩm định xong bảng điểm của Sở GTVT: 99 điểm (tự chấm 100)"
        in await phone.inner_text("#flash")
    )
    assert "đã thẩm định" in await phone.inner_text("#state")
    assert await phone.locator("#mark-btn").count() == 0
    for code in ("STN", "SCT", "PTTH"):
        await agree(phone, site, code)
    assert any("Sở TN&MT đã được thẩm định: 100 điểm" in n for n in await told(site, "tn"))

    # The deputy verifies the leader's unit, on the page too.
    deputy_phone = await (await browser.new_context(viewport=PHONE, locale="vi-VN")).new_page()
    await deputy_phone.goto(await site.link("deputy", "/thamdinh"))
    await deputy_phone.click(f"#u-{snn}")
    await deputy_phone.wait_for_url(re.compile(rf"/w/verify/annual/{snn}$"))
    async with deputy_phone.expect_navigation():
        await deputy_phone.click("#mark-btn")

    # After the window closes: everything verified, the explanation named, then published.
    site.clock.current = AFTER_CLOSE  # a new day: a new link (a session lasts 12 hours)
    await phone.goto(await site.link("lead", "/thamdinh"))
    main = await phone.inner_text("main")
    assert "đã thẩm định 5/5" in main
    publish = await phone.inner_text("#publish")
    assert "Mọi bảng điểm đã thẩm định" in publish and "Sở GTVT (1)" in publish
    await shot(phone, "verify-publish")
    async with phone.expect_navigation():
        await phone.click("#publish-btn")
    assert "Đã công bố bảng xếp hạng cho cả Khối" in await phone.inner_text("#flash")
    assert await phone.locator("#publish").count() == 0
    async with site.runtime.uow() as uow:
        unit = await _member(uow, "lead")
        assert await uow.scores.published_at(unit.year.id, Cycle.ANNUAL) is not None
    assert any("Đã công bố xếp hạng năm 2022" in n for n in await told(site, "gt"))
    await shot(phone, "verify-published")


async def test_a_stale_page_changes_nothing(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    await everyone_joins(site, invite_codes)
    for user in ("gt", "tn"):
        await submit(site, user)
    gt, tn = await unit_id(site, "SGT"), await unit_id(site, "STN")
    await phone.goto(await site.link("lead", "/thamdinh"))
    await phone.goto(f"{site.base}/w/verify/annual/{gt}")
    # Meanwhile the leader gives the sheet back in the chat; the unit submits it again.
    async with site.runtime.uow() as uow:
        boss = await _member(uow, "lead")
        now = site.clock.now()
        await deadlines.reopen_sheet(
            uow, boss, gt, Cycle.ANNUAL, now + timedelta(days=1), "Bổ sung minh chứng", now,
            site.runtime.app.notices,
        )  # fmt: skip
        await uow.commit()
    await change(phone, "2", "9", "Thiếu báo cáo quý IV.")
    assert "đã thay đổi từ khi anh/chị mở trang" in await phone.inner_text("#stale")
    assert "Đơn vị chưa nộp bảng điểm này" in await phone.inner_text("main")
    assert (
        await phone.locator("#f-2").count() == 0 and await phone.locator("#mark-btn").count() == 0
    )
    _, entry = await sheet_entry(site, "gt", "2")
    assert entry.verified is None
    await shot(phone, "verify-stale", full=False)

    # Another page open while the ranking is published: saving says so.
    site.clock.current = AFTER_CLOSE
    await phone.goto(await site.link("lead", "/thamdinh"))
    await phone.goto(f"{site.base}/w/verify/annual/{tn}")
    async with site.runtime.uow() as uow:
        await ranking.publish(uow, await _member(uow, "lead"), Cycle.ANNUAL, site.clock.now())
        await uow.commit()
    async with phone.expect_navigation():
        await phone.click("#mark-btn")
    assert "đã công bố" in await phone.inner_text("#stale")
    sheet, _ = await sheet_entry(site, "tn", "1")
    assert sheet.verified_at is None


async def test_only_the_leader_and_deputy_and_only_their_own_blocs_sheets(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    await everyone_joins(site, invite_codes)
    await submit(site, "gt")
    gt = await unit_id(site, "SGT")
    # An ordinary unit's officer: the list and a sheet are refused, as the other pages do.
    await phone.goto(await site.link("gt", "/chamdiem"))
    refused = await phone.goto(f"{site.base}/w/verify")
    assert refused.status == 403
    assert "Chỉ Khối trưởng hoặc Khối phó mới thẩm định được bảng điểm." in await phone.inner_text(
        "main"
    )
    refused = await phone.goto(f"{site.base}/w/verify/annual/{gt}")
    assert refused.status == 403
    home = await phone.goto(f"{site.base}/w")
    assert home.status == 200 and await phone.locator("a[href='/w/verify']").count() == 0

    # Another bloc's unit, and its evidence: not found for this bloc's leader.
    site.clock.current = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)
    data, where = read_bloc_file(CROSS_YAML)
    async with site.runtime.uow() as uow:
        await importer.import_bloc(uow, parse_bloc_spec(data, where), site.clock.now())
        made = await invites.ensure_unit_invites(uow, data["bloc"]["code"], site.clock.now(), 60)
        other = next(item.unit.id for item in made)
        await uow.commit()
    leader_phone = phone
    await leader_phone.goto(await site.link("lead", "/thamdinh"))
    assert await leader_phone.locator("a[href='/w/verify']").count() == 0
    paths = [
        f"/w/verify/annual/{other}",
        f"/w/verify/annual/{other}/evidence/1",
        "/w/verify/annual/99999",
        "/w/verify/later/1",
        f"/w/verify/annual/{gt}/evidence/99",
    ]
    for path in paths:
        response = await leader_phone.goto(site.base + path)
        assert response.status == 404, path
    await leader_phone.goto(f"{site.base}/w")
    assert await leader_phone.locator("a[href='/w/verify']").count() == 1


async def test_in_cross_mode_the_leader_sees_the_cross_sheets_and_sets_a_penalty(
    site: Site, phone: Any
) -> None:
    site.clock.current = datetime(2025, 11, 20, 2, 0, tzinfo=UTC)  # its annual window
    data, where = read_bloc_file(CROSS_YAML)
    async with site.runtime.uow() as uow:
        await importer.import_bloc(uow, parse_bloc_spec(data, where), site.clock.now())
        made = await invites.ensure_unit_invites(uow, data["bloc"]["code"], site.clock.now(), 60)
        codes = {item.unit.code: item.invitation.code for item in made}
        ids = {item.unit.code: item.unit.id or 0 for item in made}
        await uow.commit()
    for user, code, name in (("yt", "SYT", "Nguyễn Minh Khoa"), ("gd", "SGDDT", "Trần Thu Hà"),
                             ("nv", "SNV", "Lê Quốc Bảo")):  # fmt: skip
        await join(site, user, codes[code], name)
    scores = {
        "yt": {"A1": "28", "A2": "15", "A3": "14", "B1": "15", "B2": "13", "C1": "10"},
        "gd": {"A1": "26", "A2": "13", "A3": "14", "B1": "15", "B2": "13", "C1": "10"},
    }
    async with site.runtime.uow() as uow:
        now = site.clock.now()
        for user, given in scores.items():
            scorer = await _member(uow, user)
            view = await scoring.open_sheet(uow, scorer, Cycle.ANNUAL, now, ids["SNV"])
            for code, value in given.items():
                await scoring.set_entry(uow, scorer, view.sheet.id or 0, code, value, now)
            await scoring.submit(uow, scorer, view.sheet.id or 0, now)
        await uow.commit()

    await phone.goto(await site.link("yt", "/thamdinh"))
    row = await phone.inner_text(f"#u-{ids['SNV']}")
    assert "trung bình 93 → 93 điểm" in row, row
    assert "Phiếu chấm chéo: Sở Y tế: 95 điểm, Sở GD&ĐT: 91 điểm" in row, row
    await phone.click(f"#u-{ids['SNV']}")
    main = await phone.inner_text("main")
    assert "Trung bình các phiếu: 27/30" in await phone.inner_text("#i-A1")
    assert "Sở Y tế: 95 điểm" in await phone.inner_text("#cross")
    # Items stand as the others scored them; only the penalties are set here.
    assert await phone.locator("#f-A1").count() == 0 and "Điều chỉnh" in main
    await no_sideways_scroll(phone)
    await shot(phone, "verify-cross")
    await change(phone, "E2", "1", "Vắng hội nghị sơ kết ngày 10/7 không báo lý do.")
    assert (
        "Đã điều chỉnh E2 của Sở Nội vụ thành 1. Điểm sau thẩm định: 91."
        in await phone.inner_text("#flash")
    )
    assert any("Vắng hội nghị sơ kết" in text for text in await told(site, "nv"))
    # In English, the same page.
    await phone.click("header >> text=EN")
    await phone.wait_for_selector("text=Cross-scoring sheets")
    assert "Mean of the sheets: 27/30" in await phone.inner_text("#i-A1")
    await shot(phone, "verify-cross-en", full=False)


async def test_evidence_sent_in_a_chat_opens_where_this_process_runs_that_chat(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    await everyone_joins(site, invite_codes)
    photo = jpeg(120)
    asked: list[str] = []

    async def telegram(attachment: Any, limit: int) -> bytes:
        asked.append(attachment.reference)
        return photo

    site.pages.fetchers = {Channel.TELEGRAM: telegram}
    async with site.runtime.uow() as uow:
        now = site.clock.now()
        unit = await _member(uow, "gt")
        view = await scoring.open_sheet(uow, unit, Cycle.ANNUAL, now)
        sheet_id = view.sheet.id or 0
        pieces = [
            Evidence("9", "photo", "AgACAgIAAxk-photo", "", 4000, channel="telegram"),
            Evidence("10", "document", "https://zalo.example/f/1", "quyet-dinh.pdf", 9000,
                     mime_type="application/pdf", channel="zalo"),
        ]  # fmt: skip
        for piece in pieces:
            await scoring.add_evidence(uow, unit, sheet_id, piece, now)
        await uow.commit()
    await submit(site, "gt")
    await phone.goto(await site.link("lead", "/thamdinh"))
    await phone.goto(f"{site.base}/w/verify/annual/{await unit_id(site, 'SGT')}")
    image = phone.locator("#ev-9 img")
    await image.scroll_into_view_if_needed()
    assert await image.evaluate("img => img.complete && img.naturalWidth") == 120
    assert asked == ["AgACAgIAAxk-photo"]
    # This process runs no Zalo channel: the page names the file and where to open it.
    assert await phone.locator("#ev-10 a").count() == 0
    listed = await phone.inner_text("#ev-10")
    assert "quyet-dinh.pdf" in listed and "gửi trong trò chuyện" in listed, listed
