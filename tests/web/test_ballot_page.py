"""The ballot paper in the browser: a secret vote cast on the page, others cast in the chat,
each counted once; its receipt stays on the page; the quota and a closed ballot."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

from domain.ballots import BallotKind, Candidate
from domain.model import Channel
from domain.services import ballots, members
from tests.web.conftest import Site, join, no_sideways_scroll, shot


async def open_merit_ballot(site: Site, leader: str, secret: bool = True) -> int:
    """A merit ballot (secret unless said) on three units with their scores, up to 2."""
    async with site.runtime.uow() as uow:
        identity = await uow.people.identity(Channel.CONSOLE, leader)
        assert identity is not None and identity.officer_id is not None
        officer = await uow.people.officer(identity.officer_id)
        member = await members.membership(uow, officer, Channel.CONSOLE)
        units = {u.code: u for u in await uow.blocs.units(member.bloc.id or 0)}
        now = site.clock.now()
        draft = await ballots.draft(uow, member, BallotKind.MERIT, now)
        scored = [("STN", "99.5"), ("SGT", "97"), ("SCT", "95")]
        candidates = tuple(
            Candidate(units[code].name, units[code].id, Decimal(points)) for code, points in scored
        )
        draft = replace(draft, candidates=candidates, quota=2, secret=secret,
                        closes_at=now + timedelta(hours=2))  # fmt: skip
        opened = await ballots.open_ballot(uow, member, draft, now, site.runtime.app.notices)
        await uow.commit()
    assert opened.id is not None
    return opened.id


async def counted(site: Site, ballot_id: int) -> tuple[int, int]:
    async with site.runtime.uow() as uow:
        voters = await uow.ballots.voted_units(ballot_id)
        return len(voters), len(await uow.ballots.votes(ballot_id))


async def test_a_secret_vote_on_the_page_and_votes_in_the_chat_each_count_once(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    for user, code, name in (("lead", "SNN", "Nguyễn Văn An"), ("gt", "SGT", "Phạm Hùng"),
                             ("ct", "SCT", "Võ Thị Mai")):  # fmt: skip
        await join(site, user, invite_codes[code], name)
    ballot_id = await open_merit_ballot(site, "lead")

    # The paper in the chat offers the page.
    await site.say("gt", "/binhxet")
    answer = await site.say("gt", "1")
    assert "🗳 Mở phiếu bầu trên trang web" in answer, answer
    link = re.search(r"http://\S+/w/in/\S+", answer)
    assert link is not None
    await phone.goto(link.group(0))
    assert phone.url.endswith(f"/w/ballot/{ballot_id}")
    await no_sideways_scroll(phone)
    main = await phone.inner_text("main")
    assert "Sở Tài nguyên và Môi trường" in main and "hạng 1 · 99,5 điểm" in main
    assert "Đã bỏ phiếu: 0/5 đơn vị" in main

    # Up to the quota: a third tick is not offered.
    boxes = phone.locator("input[name=c]")
    await boxes.nth(0).check()
    await boxes.nth(1).check()
    assert await boxes.nth(2).is_disabled()
    await shot(phone, "ballot-paper")
    await phone.click("#send")  # the confirmation (accepted): a secret vote is final
    await phone.wait_for_url(re.compile(r"sent=1"))
    receipt = await phone.inner_text("#receipt")
    found = re.search(r"[2-9A-Z]{3}-[2-9A-Z]{3}", receipt)
    assert found is not None, receipt
    await shot(phone, "ballot-sent")

    # Two other units vote in the chat; the page's unit cannot vote again there.
    for user in ("ct", "lead"):
        await site.say(user, "/binhxet")
        await site.say(user, "1")  # the paper
        await site.say(user, "1")  # tick the first candidate
        sent = await site.say(user, "4")  # send
        if "Gửi" in sent and "không sửa được" in sent:
            sent = await site.say(user, "1")  # the secret ballot's confirmation
        assert "Mã biên nhận" in sent or "biên nhận" in sent, sent
    again = await site.say("gt", "/binhxet")
    assert "đã bỏ phiếu" in again.lower()
    assert await counted(site, ballot_id) == (3, 3)

    # The year's open ballots, and the pages' home.
    await phone.goto(f"{site.base}/w/ballots")
    assert "đơn vị đã bỏ phiếu" in await phone.inner_text("main")
    await shot(phone, "ballots", full=False)
    await phone.goto(f"{site.base}/w")
    assert "Phiếu chấm điểm" in await phone.inner_text("main")
    await shot(phone, "home", full=False)
    await phone.goto(f"{site.base}/w/ballot/{ballot_id}")

    # The receipt stays on the page; the count moves on.
    await phone.reload()
    assert found.group(0) in await phone.inner_text("#receipt")
    assert "Đã bỏ phiếu: 3/5 đơn vị" in await phone.inner_text("main")
    assert await phone.locator("#paper").count() == 0  # nothing left to send

    # A paper sent after the close (the page was open meanwhile) is refused and not counted.
    await join(site, "tn", invite_codes["STN"], "Lý Thu Hà")
    await site.say("tn", "/binhxet")
    answer = await site.say("tn", "1")
    late = re.search(r"http://\S+/w/in/\S+", answer)
    assert late is not None
    await phone.goto(late.group(0))
    await phone.locator("input[name=c]").nth(2).check()
    site.clock.advance(timedelta(hours=3))
    await phone.click("#send")
    assert "Cuộc bỏ phiếu đã đóng lúc" in await phone.inner_text("main")
    assert await counted(site, ballot_id) == (3, 3)
    await phone.goto(f"{site.base}/w/ballot/{ballot_id}")
    assert "đã đóng" in (await phone.inner_text("main")).lower()


async def test_an_open_vote_can_be_changed_on_the_page_until_the_close(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    await join(site, "lead", invite_codes["SNN"], "Nguyễn Văn An")
    await join(site, "gt", invite_codes["SGT"], "Phạm Hùng")
    ballot_id = await open_merit_ballot(site, "lead", secret=False)
    await site.say("gt", "/binhxet")
    link = re.search(r"http://\S+/w/in/\S+", await site.say("gt", "1"))
    assert link is not None
    await phone.goto(link.group(0))
    boxes = phone.locator("input[name=c]")
    await boxes.nth(0).check()
    await phone.click("#send")  # no confirmation: an open vote may be changed
    await phone.wait_for_url(re.compile(r"sent=1"))
    first = await phone.inner_text("#receipt")
    assert await boxes.nth(0).is_checked()  # the page shows what the unit chose
    await boxes.nth(0).uncheck()
    await boxes.nth(2).check()
    await phone.click("#send")
    await phone.wait_for_url(re.compile(r"sent=1"))
    assert await phone.inner_text("#receipt") == first  # the same vote, changed
    assert await counted(site, ballot_id) == (1, 1)
    async with site.runtime.uow() as uow:
        (vote,) = await uow.ballots.votes(ballot_id)
        ballot = await uow.ballots.get(ballot_id)
    assert ballot is not None
    assert vote.approved == {ballot.candidates[2].id}
