"""The pledge page in the browser: titles, campaigns and commitments saved as they change,
sent, approved by the leader, signed, and the covenant downloaded."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from domain.model import Channel
from domain.pledges import PledgeStatus, Title
from domain.services import campaigns, members, pledge_review, signing
from domain.services.members import Membership
from tests.web.conftest import Site, join, no_sideways_scroll, shot

IN_PLEDGE_WINDOW = datetime(2022, 1, 10, 2, 0, tzinfo=UTC)


async def membership(site: Site, user: str) -> tuple[Any, Membership]:
    uow = site.runtime.uow()
    await uow.__aenter__()
    identity = await uow.people.identity(Channel.CONSOLE, user)
    assert identity is not None and identity.officer_id is not None
    officer = await uow.people.officer(identity.officer_id)
    return uow, await members.membership(uow, officer, Channel.CONSOLE)


async def as_leader(site: Site, action: Any) -> Any:
    uow, member = await membership(site, "lead")
    try:
        result = await action(uow, member)
        await uow.commit()
        return result
    finally:
        await uow.__aexit__(None, None, None)


async def test_a_unit_pledges_signs_and_downloads_the_covenant_on_the_page(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    site.clock.current = IN_PLEDGE_WINDOW
    await join(site, "lead", invite_codes["SNN"], "Nguyễn Văn An")
    await join(site, "gt", invite_codes["SGT"], "Phạm Hùng")
    now = site.clock.now()
    campaign = await as_leader(
        site, lambda uow, m: campaigns.add_campaign(uow, m, "Chuyển đổi số", now)
    )

    answer = await site.say("gt", "/dangky")
    assert "📝 Mở đăng ký thi đua trên trang web" in answer
    link = re.search(r"http://\S+/w/in/\S+", answer)
    assert link is not None
    await phone.goto(link.group(0))
    assert phone.url.endswith("/w/pledge")
    await no_sideways_scroll(phone)

    await phone.check(f"input[name=title][value={Title.BANG_KHEN.value}]")
    await phone.check(f"input[name=campaign][value='{campaign.id}']")
    await phone.fill("#commitments", "Hoàn thành 100% chỉ tiêu kế hoạch năm 2022.")
    await phone.press("#commitments", "Tab")
    # Each change saved the whole form, one save after another; the last is done.
    await phone.wait_for_selector("#pledge[data-busy='0']")
    assert "đã lưu" in await phone.inner_text("#pledge-msg")
    await shot(phone, "pledge-draft")
    await phone.click("text=📤 Gửi đăng ký")
    await phone.wait_for_url(re.compile(r"done=submitted"))
    assert "đã gửi, chờ duyệt" in await phone.inner_text("main")

    unit_id = await as_leader(site, lambda uow, m: _unit_id(uow, m, "SGT"))
    notices = site.runtime.app.notices
    await as_leader(site, lambda uow, m: pledge_review.approve(uow, m, unit_id, now, notices))
    await phone.reload()
    await phone.click("text=🤝 Ký kết giao ước")
    await phone.wait_for_url(re.compile(r"done=signed"))
    main = await phone.inner_text("main")
    assert "Đã ký kết giao ước" in main and "Đã ký kết: 1/5 đơn vị" in main
    await shot(phone, "pledge-signed")
    # Issued once every unit has signed, or when the leader asks: here the leader asks.
    assert "Tải giao ước thi đua" not in main
    await as_leader(site, lambda uow, m: signing.issue(uow, m, now))
    await phone.reload()
    async with phone.expect_download() as download:
        await phone.click("text=Tải giao ước thi đua")
    assert (await download.value).suggested_filename.endswith(".docx")

    uow, member = await membership(site, "gt")
    try:
        assert member.unit is not None and member.year.id is not None
        pledge = await uow.pledges.pledge(member.year.id, member.unit.id or 0)
    finally:
        await uow.__aexit__(None, None, None)
    assert pledge is not None and pledge.status is PledgeStatus.APPROVED
    assert pledge.titles == [Title.BANG_KHEN] and pledge.campaign_ids == [campaign.id]
    assert pledge.commitments == "Hoàn thành 100% chỉ tiêu kế hoạch năm 2022."
    assert pledge.signed_at == now


async def _unit_id(uow: Any, member: Membership, code: str) -> int:
    units = await uow.blocs.units(member.bloc.id)
    return int(next(u.id for u in units if u.code == code))
