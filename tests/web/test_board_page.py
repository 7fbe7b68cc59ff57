"""The provincial board's page in the browser: every bloc of the province on one page, with
its stage, the lagging units, the published rankings and the ballots' documents; every bloc's
proposals in one .xlsx; an officer of a unit is refused."""

from __future__ import annotations

import io
import re
from typing import Any

from openpyxl import load_workbook

from bot.admin import read_bloc_file
from domain.bloc_spec import parse_bloc_spec
from domain.model import BoardRole, Channel
from domain.services import ballots, importer, members, voting
from domain.services.invites import create_board_invite
from tests.samples import CUM_1000_YAML
from tests.web.conftest import SHOTS, Site, join, no_sideways_scroll, shot
from tests.web.test_ballot_page import open_merit_ballot

UNITS = (("lead", "SNN", "Nguyễn Văn An"), ("gt", "SGT", "Phạm Hùng"),
         ("ct", "SCT", "Võ Thị Mai"), ("tn", "STN", "Lý Thu Hà"),
         ("th", "PTTH", "Trần Minh"))  # fmt: skip


async def member_of(uow: Any, user: str) -> members.Membership:
    identity = await uow.people.identity(Channel.CONSOLE, user)
    assert identity is not None and identity.officer_id is not None
    officer = await uow.people.officer(identity.officer_id)
    return await members.membership(uow, officer, Channel.CONSOLE)


async def vote_and_close(site: Site, ballot_id: int) -> None:
    """Every unit approves the first two candidates; the leader closes the ballot."""
    now, notices = site.clock.now(), site.runtime.app.notices
    async with site.runtime.uow() as uow:
        ballot = await uow.ballots.get(ballot_id)
        assert ballot is not None
        approved = frozenset(c.id for c in ballot.candidates[:2] if c.id is not None)
        for user, _code, _name in UNITS:
            await voting.cast(uow, await member_of(uow, user), ballot_id, approved, now, notices)
        await ballots.close(uow, await member_of(uow, "lead"), ballot_id, now, notices)
        await uow.commit()


async def board_account(site: Site, role: BoardRole, user: str) -> None:
    async with site.runtime.uow() as uow:
        invitation = await create_board_invite(uow, role, site.clock.now())
        await uow.commit()
    await site.say(user, f"/start {invitation.code}", "Lê Văn Ban")


async def test_the_board_sees_every_bloc_and_downloads_the_proposals(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    data, where = read_bloc_file(CUM_1000_YAML)
    async with site.runtime.uow() as uow:
        await importer.import_bloc(uow, parse_bloc_spec(data, where), site.clock.now())
        await uow.commit()
    for user, code, name in UNITS:
        await join(site, user, invite_codes[code], name)
    ballot_id = await open_merit_ballot(site, "lead", secret=False)
    await vote_and_close(site, ballot_id)

    await board_account(site, BoardRole.ADMIN, "ban")
    menu = await site.say("ban", "/menu")
    assert "🏛 Mở trang theo dõi các khối, cụm thi đua" in menu, menu
    await phone.goto(await site.link("ban", "/menu"))
    assert phone.url.endswith("/w/board")
    await no_sideways_scroll(phone)
    main = await phone.inner_text("main")
    async with site.runtime.uow() as uow:
        blocs = await uow.blocs.list_blocs()
    assert len(blocs) == 2
    khoi7 = next(bloc for bloc in blocs if bloc.code == "khoi7-travinh")
    for bloc in blocs:
        assert bloc.name in main, bloc.name
    assert "2 khối, cụm; 1 tờ trình" in main, main
    assert "Đang chấm điểm cả năm" in main  # Trà Vinh's Khối 7 in November 2022
    assert "chưa chấm tiêu chí nào" in main  # its lagging units
    await shot(phone, "board")

    # The proposal and the minutes of Khối 7's ballot.
    async with phone.expect_download() as downloading:
        await phone.click("a[href$='/proposal']")
    proposal = await downloading.value
    assert proposal.suggested_filename.startswith("to-trinh-")
    async with phone.expect_download() as downloading:
        await phone.click("a[href$='/minutes']")
    assert (await downloading.value).suggested_filename.startswith("bien-ban-")

    # Every bloc's proposals in one workbook: one row per unit proposed.
    async with phone.expect_download() as downloading:
        await phone.click("#proposals-xlsx")
    download = await downloading.value
    assert download.suggested_filename.endswith(".xlsx")
    content = open(await download.path(), "rb").read()  # noqa: SIM115,ASYNC230
    if SHOTS is not None:  # for a person to look at, printed (LibreOffice → PDF)
        (SHOTS / "board-proposals.xlsx").write_bytes(content)
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    rows = [[cell for cell in row] for row in sheet.iter_rows(min_row=5, values_only=True)]
    proposed = [row for row in rows if row[0] is not None]
    assert [row[4] for row in proposed] == ["Sở Tài nguyên và Môi trường", "Sở Giao thông vận tải"]
    assert all("Bằng khen" in str(row[3]) and row[1] == khoi7.name for row in proposed)
    assert all(re.fullmatch(r"\d{2}/TTr-\w+", str(row[8])) for row in proposed), proposed

    # A bloc or ballot that is not there.
    bloc_id = khoi7.id
    for path in (f"/w/board/99999/ballot/{ballot_id}/minutes",
                 f"/w/board/{bloc_id}/ballot/99999/minutes"):  # fmt: skip
        response = await phone.goto(site.base + path)
        assert response is not None and response.status == 404, path


async def test_the_board_observer_sees_the_page_and_a_units_officer_is_refused(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    await board_account(site, BoardRole.OBSERVER, "obs")
    await phone.goto(await site.link("obs", "/menu"))
    assert phone.url.endswith("/w/board")
    main = await phone.inner_text("main")
    assert "Khối thi đua Khối 7" in main and "1 khối, cụm; 0 tờ trình" in main, main
    assert "Chưa công bố xếp hạng." in main and "Chưa có cuộc bỏ phiếu nào kết thúc." in main
    await join(site, "gt", invite_codes["SGT"], "Phạm Hùng")
    assert "🏛" not in await site.say("gt", "/menu")
    await phone.context.clear_cookies()
    await phone.goto(await site.link("gt", "/chamdiem"))
    for path in ("/w/board", "/w/board/proposals.xlsx"):
        response = await phone.goto(site.base + path)
        assert response is not None and response.status == 403, path
    assert "dành cho tài khoản của Ban Thi đua" in await phone.inner_text("main")
