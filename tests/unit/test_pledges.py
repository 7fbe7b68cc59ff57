"""Pledges on the sample bloc: the unit's draft, titles and campaigns, submitting and
withdrawing in the window, the leader's approval or return, the campaigns, and signing."""

from __future__ import annotations

import copy
from collections.abc import Awaitable
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from docx import Document

from domain.errors import (
    AlreadySigned,
    CampaignExists,
    CampaignInUse,
    CampaignTitleRequired,
    CampaignTitleTooLong,
    CommitmentsRequired,
    CommitmentsTooLong,
    ConflictingTitles,
    CovenantNotReady,
    DomainError,
    NotAuthorized,
    PledgeNotApproved,
    PledgeNotEditable,
    PledgeNotSubmitted,
    PledgeWindowClosed,
    PledgeWindowNotOpen,
    ReturnReasonRequired,
    StaleAction,
    TitleRequired,
)
from domain.model import BoardRole, Channel, Role
from domain.pledges import (
    LABOUR_TITLES,
    MAX_COMMITMENTS,
    PledgeState,
    PledgeStatus,
    Title,
    check_titles,
    toggle_title,
)
from domain.services import campaigns, pledge_review, pledges, signing
from domain.services.members import Membership, membership
from domain.settings import LOCAL_TZ
from reports.pledge_covenant import build_pledge_covenant, covenant_of
from tests.unit.fakes import FakeUnitOfWork, PledgeDecisions, add_officer, imported

OPEN = datetime(2022, 2, 1, 2, 0, tzinfo=UTC)  # 09:00 in Trà Vinh: the window is open
OPENS = datetime(2022, 1, 5, 0, 0, tzinfo=LOCAL_TZ)
CLOSES = datetime(2022, 3, 31, 23, 59, 59, tzinfo=LOCAL_TZ)
LAST_SECOND = datetime(2022, 3, 31, 16, 59, 59, tzinfo=UTC)
AFTER = datetime(2022, 3, 31, 17, 0, 0, tzinfo=UTC)  # 00:00 on 1 April, local
BEFORE = datetime(2022, 1, 4, 16, 59, 59, tzinfo=UTC)  # 23:59:59 on 4 January, local
COMMITMENTS = "Hoàn thành 100% chỉ tiêu kế hoạch năm 2022.\nGiải quyết đúng hạn 100% hồ sơ."


async def member(
    uow: FakeUnitOfWork, code: str | None, board_role: BoardRole | None = None
) -> Membership:
    officer = await add_officer(uow, code, f"Cán bộ {code}", board_role)
    return await membership(uow, officer, Channel.TELEGRAM)


def unit_id(who: Membership) -> int:
    assert who.unit is not None and who.unit.id is not None
    return who.unit.id


async def refused(
    uow: FakeUnitOfWork, call: Awaitable[object], error: type[DomainError]
) -> DomainError:
    """The call is refused with `error` and the store is exactly as before."""
    before = copy.deepcopy(uow.store)
    with pytest.raises(error) as caught:
        await call
    assert uow.store == before
    return caught.value


async def ready(uow: FakeUnitOfWork, who: Membership, now: datetime = OPEN) -> None:
    """A pledge that can be sent: one title and the commitments."""
    await pledges.toggle_title(uow, who, Title.BANG_KHEN.value, now)
    await pledges.set_commitments(uow, who, COMMITMENTS, now)


async def sent(uow: FakeUnitOfWork, who: Membership, now: datetime = OPEN) -> None:
    await ready(uow, who, now)
    await pledges.submit(uow, who, now)


@pytest.fixture
async def uow() -> FakeUnitOfWork:
    return await imported(now=OPEN)


@pytest.fixture
async def snn(uow: FakeUnitOfWork) -> Membership:
    """An officer of the leader unit."""
    return await member(uow, "SNN")


@pytest.fixture
async def stn(uow: FakeUnitOfWork) -> Membership:
    """An officer of an ordinary member unit."""
    return await member(uow, "STN")


# -- the rules on titles -----------------------------------------------------------------------


def test_choosing_one_labour_title_drops_the_other() -> None:
    titles = toggle_title([Title.CO_THI_DUA, Title.LAO_DONG_XUAT_SAC], Title.LAO_DONG_TIEN_TIEN)
    assert titles == [Title.CO_THI_DUA, Title.LAO_DONG_TIEN_TIEN]
    assert toggle_title(titles, Title.CO_THI_DUA) == [Title.LAO_DONG_TIEN_TIEN]
    assert toggle_title([], Title.BANG_KHEN) == [Title.BANG_KHEN]


def test_titles_need_one_and_at_most_one_labour_title() -> None:
    check_titles([Title.CO_THI_DUA, Title.BANG_KHEN, Title.LAO_DONG_XUAT_SAC])
    with pytest.raises(ConflictingTitles):
        check_titles(LABOUR_TITLES)
    with pytest.raises(TitleRequired):
        check_titles([])


# -- the unit's draft --------------------------------------------------------------------------


async def test_an_untouched_pledge_is_an_empty_draft_and_stores_nothing(
    uow: FakeUnitOfWork, stn: Membership
) -> None:
    before = copy.deepcopy(uow.store)
    view = await pledges.own_pledge(uow, stn, OPEN)
    assert view.pledge.id is None and view.pledge.status is PledgeStatus.DRAFT
    assert view.editable and not view.can_withdraw
    assert (view.window.opens_at, view.window.closes_at) == (OPENS, CLOSES)
    assert uow.store == before


async def test_titles_campaigns_and_commitments_are_kept(
    uow: FakeUnitOfWork, snn: Membership, stn: Membership
) -> None:
    digital = await campaigns.add_campaign(uow, snn, "Chuyển đổi số", OPEN)
    await campaigns.add_campaign(uow, snn, "Cải cách hành chính", OPEN)
    assert digital.id is not None

    await pledges.toggle_title(uow, stn, "lao_dong_xuat_sac", OPEN)
    await pledges.toggle_title(uow, stn, "co_thi_dua", OPEN)
    await pledges.toggle_title(uow, stn, "lao_dong_tien_tien", OPEN)
    await pledges.toggle_campaign(uow, stn, digital.id, OPEN)
    view = await pledges.set_commitments(uow, stn, f"  {COMMITMENTS}\n ", OPEN)

    [stored] = uow.store.pledges.values()
    assert stored.unit_id == unit_id(stn) and stored.status is PledgeStatus.DRAFT
    assert stored.titles == [Title.CO_THI_DUA, Title.LAO_DONG_TIEN_TIEN]
    assert stored.campaign_ids == [digital.id]
    assert stored.commitments == COMMITMENTS
    assert [c.title for c in view.chosen_campaigns] == ["Chuyển đổi số"]

    await pledges.toggle_campaign(uow, stn, digital.id, OPEN)
    assert uow.store.pledges[stored.id or 0].campaign_ids == []


async def test_bad_input_changes_nothing(
    uow: FakeUnitOfWork, snn: Membership, stn: Membership
) -> None:
    await ready(uow, stn)
    error = await refused(
        uow,
        pledges.set_commitments(uow, stn, "x" * (MAX_COMMITMENTS + 1), OPEN),
        CommitmentsTooLong,
    )
    assert error.values == {"max": MAX_COMMITMENTS, "length": MAX_COMMITMENTS + 1}
    await refused(uow, pledges.set_commitments(uow, stn, "  \n ", OPEN), CommitmentsRequired)
    await refused(uow, pledges.toggle_title(uow, stn, "huan_chuong", OPEN), StaleAction)
    await refused(uow, pledges.toggle_campaign(uow, stn, 9999, OPEN), StaleAction)
    admin = await member(uow, None, BoardRole.ADMIN)
    error = await refused(uow, pledges.toggle_title(uow, admin, "bang_khen", OPEN), NotAuthorized)
    assert error.values == {"permission": "pledge"}


async def test_sending_needs_a_title_and_commitments(uow: FakeUnitOfWork, stn: Membership) -> None:
    await pledges.set_commitments(uow, stn, COMMITMENTS, OPEN)
    await refused(uow, pledges.submit(uow, stn, OPEN), TitleRequired)
    sct = await member(uow, "SCT")
    await pledges.toggle_title(uow, sct, "bang_khen", OPEN)
    await refused(uow, pledges.submit(uow, sct, OPEN), CommitmentsRequired)


async def test_sending_records_who_and_when_and_locks_the_pledge(
    uow: FakeUnitOfWork, stn: Membership
) -> None:
    await ready(uow, stn)
    view = await pledges.submit(uow, stn, OPEN)

    assert view.pledge.status is PledgeStatus.SUBMITTED and view.can_withdraw
    assert not view.editable
    assert (view.pledge.submitted_at, view.pledge.submitted_by) == (OPEN, stn.actor.officer_id)
    [entry] = [e for e in uow.store.audit if e.action == "pledge.submitted"]
    assert entry.entity == "pledge" and entry.entity_id == str(view.pledge.id)
    assert entry.details == {
        "unit": unit_id(stn), "titles": ["bang_khen"], "campaigns": [], "resent": False,
    }  # fmt: skip
    error = await refused(
        uow, pledges.toggle_title(uow, stn, "co_thi_dua", OPEN), PledgeNotEditable
    )
    assert error.values == {"status": "submitted"}


@pytest.mark.parametrize(
    ("now", "error"), [(BEFORE, PledgeWindowNotOpen), (AFTER, PledgeWindowClosed)]
)
async def test_outside_the_window_nothing_is_registered(
    uow: FakeUnitOfWork, stn: Membership, now: datetime, error: type[DomainError]
) -> None:
    caught = await refused(uow, pledges.toggle_title(uow, stn, "bang_khen", now), error)
    assert caught.values["year"] == 2022 and caught.values["closes_at"] == CLOSES
    view = await pledges.own_pledge(uow, stn, now)
    assert not view.editable


async def test_the_last_second_still_counts(uow: FakeUnitOfWork, stn: Membership) -> None:
    await sent(uow, stn, LAST_SECOND)
    [stored] = uow.store.pledges.values()
    assert stored.status is PledgeStatus.SUBMITTED


async def test_withdrawing_goes_back_to_a_draft_before_the_deadline(
    uow: FakeUnitOfWork, stn: Membership
) -> None:
    await refused(uow, pledges.withdraw(uow, stn, OPEN), PledgeNotSubmitted)
    await sent(uow, stn)
    await refused(uow, pledges.withdraw(uow, stn, AFTER), PledgeWindowClosed)

    view = await pledges.withdraw(uow, stn, OPEN)

    assert view.pledge.status is PledgeStatus.DRAFT and view.editable
    assert [e.action for e in uow.store.audit][-2:] == ["pledge.submitted", "pledge.withdrawn"]


# -- the leader's review -----------------------------------------------------------------------


async def test_only_organisers_review(uow: FakeUnitOfWork, stn: Membership) -> None:
    await sent(uow, stn)
    sid = unit_id(stn)
    error = await refused(
        uow, pledge_review.approve(uow, stn, sid, OPEN, PledgeDecisions()), NotAuthorized
    )
    assert error.values == {"permission": "review_pledges"}
    observer = await member(uow, None, BoardRole.OBSERVER)
    await refused(uow, pledge_review.review_list(uow, observer), NotAuthorized)
    admin = await member(uow, None, BoardRole.ADMIN)
    assert (
        await pledge_review.approve(uow, admin, sid, OPEN, PledgeDecisions())
    ).pledge.status is (PledgeStatus.APPROVED)


async def test_the_list_shows_every_unit_in_the_years_order(
    uow: FakeUnitOfWork, snn: Membership, stn: Membership
) -> None:
    await sent(uow, stn)
    await ready(uow, await member(uow, "SGT"))  # a draft is not registered yet

    items = await pledge_review.review_list(uow, snn)

    assert [(i.unit.code, i.state) for i in items] == [
        ("SNN", PledgeState.NOT_REGISTERED),
        ("STN", PledgeState.SUBMITTED),
        ("SGT", PledgeState.NOT_REGISTERED),
        ("SCT", PledgeState.NOT_REGISTERED),
        ("PTTH", PledgeState.NOT_REGISTERED),
    ]


async def test_a_returned_pledge_is_corrected_and_sent_again_even_late(
    uow: FakeUnitOfWork, snn: Membership, stn: Membership
) -> None:
    await sent(uow, stn)
    sid = unit_id(stn)
    decisions = PledgeDecisions()
    returning = pledge_review.return_pledge(uow, snn, sid, "  ", OPEN, decisions)
    await refused(uow, returning, ReturnReasonRequired)
    assert decisions.told == []

    view = await pledge_review.return_pledge(
        uow, snn, sid, " Thiếu chỉ tiêu cụ thể. ", OPEN, decisions
    )

    assert view.pledge.status is PledgeStatus.RETURNED
    assert view.pledge.return_reason == "Thiếu chỉ tiêu cụ thể."
    assert (view.pledge.decided_at, view.pledge.decided_by) == (OPEN, snn.actor.officer_id)
    assert uow.store.audit[-1].details == {"unit": sid, "reason": "Thiếu chỉ tiêu cụ thể."}
    assert decisions.told == [("returned", "STN", "Thiếu chỉ tiêu cụ thể.")]
    # Sent in time, so the unit may still correct it after the deadline.
    late = await pledges.set_commitments(uow, stn, COMMITMENTS + "\nCụ thể: 12 chỉ tiêu.", AFTER)
    assert late.editable
    again = await pledges.submit(uow, stn, AFTER)
    assert again.pledge.status is PledgeStatus.SUBMITTED and again.pledge.return_reason == ""
    assert uow.store.audit[-1].details["resent"] is True
    await refused(uow, pledges.withdraw(uow, stn, AFTER), PledgeWindowClosed)


async def test_approval_is_final(uow: FakeUnitOfWork, snn: Membership, stn: Membership) -> None:
    sid = unit_id(stn)
    decisions = PledgeDecisions()
    error = await refused(
        uow, pledge_review.approve(uow, snn, sid, OPEN, decisions), PledgeNotSubmitted
    )
    assert error.values == {"status": "draft"}
    await sent(uow, stn)

    view = await pledge_review.approve(uow, snn, sid, OPEN, decisions)

    assert view.pledge.status is PledgeStatus.APPROVED
    assert decisions.told == [("approved", "STN", "")]
    assert uow.store.audit[-1].action == "pledge.approved"
    error = await refused(uow, pledges.withdraw(uow, stn, OPEN), PledgeNotSubmitted)
    assert error.values == {"status": "approved"}
    error = await refused(
        uow, pledges.toggle_title(uow, stn, "co_thi_dua", OPEN), PledgeNotEditable
    )
    assert error.values == {"status": "approved"}
    await refused(
        uow,
        pledge_review.return_pledge(uow, snn, sid, "Sai", OPEN, PledgeDecisions()),
        PledgeNotSubmitted,
    )
    await refused(uow, pledge_review.approve(uow, snn, 9999, OPEN, PledgeDecisions()), StaleAction)


# -- campaigns ---------------------------------------------------------------------------------


async def test_the_leader_defines_the_campaigns(
    uow: FakeUnitOfWork, snn: Membership, stn: Membership
) -> None:
    error = await refused(
        uow, campaigns.add_campaign(uow, stn, "Chuyển đổi số", OPEN), NotAuthorized
    )
    assert error.values == {"permission": "manage_campaigns"}
    added = await campaigns.add_campaign(uow, snn, "  Chuyển   đổi số ", OPEN)
    assert added.title == "Chuyển đổi số"
    await refused(uow, campaigns.add_campaign(uow, snn, "chuyển đổi SỐ", OPEN), CampaignExists)
    await refused(uow, campaigns.add_campaign(uow, snn, " ", OPEN), CampaignTitleRequired)
    await refused(uow, campaigns.add_campaign(uow, snn, "x" * 201, OPEN), CampaignTitleTooLong)
    assert [c.title for c in await campaigns.year_campaigns(uow, stn)] == ["Chuyển đổi số"]
    assert uow.store.audit[-1].action == "campaign.added"


async def test_a_campaign_in_a_sent_pledge_stays(
    uow: FakeUnitOfWork, snn: Membership, stn: Membership
) -> None:
    used = await campaigns.add_campaign(uow, snn, "Chuyển đổi số", OPEN)
    drafted = await campaigns.add_campaign(uow, snn, "Cải cách hành chính", OPEN)
    assert used.id is not None and drafted.id is not None
    await pledges.toggle_campaign(uow, stn, used.id, OPEN)
    await sent(uow, stn)
    sgt = await member(uow, "SGT")
    await pledges.toggle_campaign(uow, sgt, drafted.id, OPEN)

    error = await refused(uow, campaigns.remove_campaign(uow, snn, used.id, OPEN), CampaignInUse)
    assert error.values == {"title": "Chuyển đổi số", "count": 1}
    await campaigns.remove_campaign(uow, snn, drafted.id, OPEN)

    assert [c.title for c in uow.store.campaigns.values()] == ["Chuyển đổi số"]
    assert (await pledges.own_pledge(uow, sgt, OPEN)).pledge.campaign_ids == []
    assert uow.store.audit[-1].action == "campaign.removed"
    await refused(uow, campaigns.remove_campaign(uow, snn, drafted.id, OPEN), StaleAction)


# -- signing and the covenant ------------------------------------------------------------------


async def test_only_an_approved_pledge_is_signed_once(
    uow: FakeUnitOfWork, snn: Membership, stn: Membership
) -> None:
    error = await refused(uow, signing.sign(uow, stn, OPEN), PledgeNotApproved)
    assert error.values == {"status": "draft"}
    await sent(uow, stn)
    await refused(uow, signing.sign(uow, stn, OPEN), PledgeNotApproved)
    await pledge_review.approve(uow, snn, unit_id(stn), OPEN, PledgeDecisions())
    colleague = await member(uow, "STN")

    view = await signing.sign(uow, colleague, OPEN)

    assert (view.pledge.signed_at, view.pledge.signed_by) == (OPEN, colleague.actor.officer_id)
    assert uow.store.audit[-1].action == "pledge.signed"
    error = await refused(uow, signing.sign(uow, stn, OPEN), AlreadySigned)
    assert error.values == {"at": OPEN}
    admin = await member(uow, None, BoardRole.ADMIN)
    await refused(uow, signing.sign(uow, admin, OPEN), NotAuthorized)


async def test_the_leader_issues_the_covenant_before_everyone_has_signed(
    uow: FakeUnitOfWork, snn: Membership, stn: Membership
) -> None:
    """Not at the first signature: the leader issues it, listing every member unit, with
    those that have not signed marked as such; a unit signing later is not in this issue."""
    await refused(uow, signing.covenant(uow, stn), CovenantNotReady)
    await refused(uow, signing.issue(uow, snn, OPEN), CovenantNotReady)  # nobody signed
    digital = await campaigns.add_campaign(uow, snn, "Chuyển đổi số", OPEN)
    assert digital.id is not None
    await pledges.toggle_campaign(uow, stn, digital.id, OPEN)
    await pledges.toggle_title(uow, stn, "lao_dong_xuat_sac", OPEN)
    await sent(uow, stn)
    await sent(uow, snn)
    await pledge_review.approve(uow, snn, unit_id(stn), OPEN, PledgeDecisions())
    await pledge_review.approve(uow, snn, unit_id(snn), OPEN, PledgeDecisions())
    later = datetime(2022, 3, 10, 18, 0, tzinfo=UTC)  # 11 March, 01:00 local
    await signing.sign(uow, stn, OPEN)
    await signing.sign(uow, snn, later)
    await ready(uow, await member(uow, "SGT"))  # a draft stays out of the covenant
    await refused(uow, signing.covenant(uow, stn), CovenantNotReady)  # 2 of 5: not yet
    status = await signing.signing_status(uow, snn, later)
    assert (status.signed, status.total, status.covenant_ready, status.can_issue) == (
        2, 5, False, True,
    )  # fmt: skip
    assert not (await signing.signing_status(uow, stn, later)).can_issue  # only the organisers
    await refused(uow, signing.issue(uow, stn, later), NotAuthorized)

    issued = await signing.issue(uow, snn, later)

    data = await signing.covenant(uow, await member(uow, "SCT"))
    assert data == issued and str(data.number) == "01/GƯ-KTĐ" and data.replaces is None
    assert [e.unit.code for e in data.entries] == ["SNN", "STN", "SGT", "SCT", "PTTH"]
    assert data.signed_count == 2 and data.issued_at == later
    roles = {e.unit.code: e.role for e in data.entries}
    assert roles["SNN"] is Role.LEADER and roles["PTTH"] is Role.DEPUTY
    document = covenant_of(data)
    assert document.issued_on == date(2022, 3, 11) and document.number == data.number
    snn_unit, stn_unit, sgt_unit, *_ = document.units
    assert snn_unit.is_leader and snn_unit.titles == ("Bằng khen của Chủ tịch UBND tỉnh",)
    assert snn_unit.head is not None and snn_unit.head.name == "Nguyễn Hoàng Phúc"
    assert stn_unit.titles == ("Bằng khen của Chủ tịch UBND tỉnh", "Tập thể lao động xuất sắc")
    assert stn_unit.campaigns == ("Chuyển đổi số",) and stn_unit.commitments == COMMITMENTS
    assert (sgt_unit.titles, sgt_unit.commitments, sgt_unit.signed_at) == ((), "", None)
    status = await signing.signing_status(uow, stn, later)
    assert (status.signed, status.total, status.covenant_ready) == (2, 5, True)
    assert not (await signing.signing_status(uow, snn, later)).can_issue  # nothing new
    assert await signing.issue(uow, snn, later) == data  # the same issue, no new number
    assert uow.store.audit[-1].action == "covenant.issued"


async def test_the_last_signature_issues_it_again_and_replaces_the_first(
    uow: FakeUnitOfWork, snn: Membership, stn: Membership
) -> None:
    for who in (snn, stn):
        await sent(uow, who)
        await pledge_review.approve(uow, snn, unit_id(who), OPEN, PledgeDecisions())
    await signing.sign(uow, stn, OPEN)
    first = await signing.issue(uow, snn, OPEN)
    others = [await member(uow, code) for code in ("SGT", "SCT", "PTTH")]
    late = datetime(2022, 3, 20, 2, 0, tzinfo=UTC)
    for who in others:
        await sent(uow, who)
        await pledge_review.approve(uow, snn, unit_id(who), OPEN, PledgeDecisions())
        await signing.sign(uow, who, late)
    assert (await signing.covenant(uow, stn)).number == first.number  # 4 of 5: no new issue
    await signing.sign(uow, snn, late)  # the last one

    again = await signing.covenant(uow, stn)
    assert str(again.number) == "02/GƯ-KTĐ" and again.replaces == first.number
    assert again.signed_count == 5 and again.issued_at == late
    texts = [p.text for p in Document(BytesIO(build_pledge_covenant(again))).paragraphs]
    assert any("thay thế Giao ước thi đua số 01/GƯ-KTĐ" in text for text in texts)
