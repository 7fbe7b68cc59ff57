"""A unit registers its pledge (/dangky): the titles it aims for, the campaigns it joins and
its commitments; it submits before the deadline and may withdraw until the leader approves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import (
    NotAMember,
    PledgeNotEditable,
    PledgeNotSubmitted,
    PledgeWindowClosed,
    PledgeWindowNotOpen,
    StaleAction,
)
from domain.model import BlocYear, Unit
from domain.pledges import (
    Campaign,
    Pledge,
    PledgeStatus,
    Title,
    check_commitments,
    check_titles,
    clean_commitments,
)
from domain.pledges import toggle_title as toggled
from domain.policy import Permission, require
from domain.ports import UnitOfWork
from domain.services import audit
from domain.services.members import Membership
from domain.windows import WindowKind, WindowTimes, window_times


@dataclass(frozen=True)
class PledgeView:
    pledge: Pledge  # not saved yet (no id) while the unit has not touched it
    unit: Unit
    campaigns: list[Campaign]  # the year's campaigns, to choose from
    window: WindowTimes
    now: datetime

    @property
    def editable(self) -> bool:
        return self.pledge.editable and _may_edit(self.window, self.pledge, self.now)

    @property
    def can_withdraw(self) -> bool:
        return self.pledge.status is PledgeStatus.SUBMITTED and self.window.is_open(self.now)

    @property
    def chosen_campaigns(self) -> list[Campaign]:
        return [c for c in self.campaigns if c.id in self.pledge.campaign_ids]


def pledge_window(year: BlocYear) -> WindowTimes:
    return window_times(year.calendar, WindowKind.PLEDGE, year.year)


def check_window(year: BlocYear, now: datetime, pledge: Pledge | None = None) -> WindowTimes:
    """The open pledge window. A pledge the leader returned may still be corrected and sent
    again after the deadline: it was sent in time, and the unit is only doing as asked."""
    window = pledge_window(year)
    if now < window.opens_at:
        raise PledgeWindowNotOpen(
            year=year.year, opens_at=window.opens_at, closes_at=window.closes_at
        )
    if not _may_edit(window, pledge, now):
        raise PledgeWindowClosed(year=year.year, closes_at=window.closes_at)
    return window


async def own_pledge(uow: UnitOfWork, member: Membership, now: datetime) -> PledgeView:
    """The member unit's pledge, or an empty draft (not stored until something is chosen)."""
    require(member.actor, Permission.PLEDGE, member.year)
    unit = _own_unit(member)
    assert unit.id is not None and member.year.id is not None
    pledge = await uow.pledges.pledge(member.year.id, unit.id)
    return await view_of(uow, member.year, pledge or Pledge(member.year.id, unit.id), unit, now)


async def toggle_title(uow: UnitOfWork, member: Membership, code: str, now: datetime) -> PledgeView:
    view = await editable_pledge(uow, member, now)
    try:
        title = Title(code)
    except ValueError:
        raise StaleAction() from None  # a button from another version of the bot
    view.pledge.titles = toggled(view.pledge.titles, title)
    return await _save(uow, view)


async def toggle_campaign(
    uow: UnitOfWork, member: Membership, campaign_id: int, now: datetime
) -> PledgeView:
    view = await editable_pledge(uow, member, now)
    if campaign_id not in {c.id for c in view.campaigns}:
        raise StaleAction()  # removed since the button was shown
    chosen = set(view.pledge.campaign_ids) ^ {campaign_id}
    view.pledge.campaign_ids = [c.id for c in view.campaigns if c.id in chosen and c.id]
    return await _save(uow, view)


async def set_commitments(
    uow: UnitOfWork, member: Membership, text: str, now: datetime
) -> PledgeView:
    view = await editable_pledge(uow, member, now)
    check_commitments(text)
    view.pledge.commitments = clean_commitments(text)
    return await _save(uow, view)


async def submit(uow: UnitOfWork, member: Membership, now: datetime) -> PledgeView:
    view = await editable_pledge(uow, member, now)
    pledge = view.pledge
    check_titles(pledge.titles)
    check_commitments(pledge.commitments)
    resent = pledge.status is PledgeStatus.RETURNED
    pledge.status, pledge.return_reason = PledgeStatus.SUBMITTED, ""
    pledge.submitted_at, pledge.submitted_by = now, member.actor.officer_id
    view = await _save(uow, view)
    await audit.record(
        uow, member.actor, "pledge.submitted", "pledge", pledge.id, now,
        unit=pledge.unit_id, titles=[t.value for t in pledge.titles],
        campaigns=list(pledge.campaign_ids), resent=resent,
    )  # fmt: skip
    return view


async def withdraw(uow: UnitOfWork, member: Membership, now: datetime) -> PledgeView:
    """Back to a draft, to change it before the deadline; never once approved."""
    view = await own_pledge(uow, member, now)
    pledge = view.pledge
    if pledge.status is not PledgeStatus.SUBMITTED:
        raise PledgeNotSubmitted(status=pledge.status.value)
    check_window(member.year, now)
    pledge.status = PledgeStatus.DRAFT
    view = await _save(uow, view)
    await audit.record(
        uow, member.actor, "pledge.withdrawn", "pledge", pledge.id, now, unit=pledge.unit_id
    )
    return view


async def view_of(
    uow: UnitOfWork, year: BlocYear, pledge: Pledge, unit: Unit, now: datetime
) -> PledgeView:
    assert year.id is not None
    campaigns = await uow.pledges.campaigns(year.id)
    return PledgeView(pledge, unit, campaigns, pledge_window(year), now)


async def editable_pledge(uow: UnitOfWork, member: Membership, now: datetime) -> PledgeView:
    """The unit's pledge if it may change it now; else why not."""
    view = await own_pledge(uow, member, now)
    if not view.pledge.editable:
        raise PledgeNotEditable(status=view.pledge.status.value)
    check_window(member.year, now, view.pledge)
    return view


async def _save(uow: UnitOfWork, view: PledgeView) -> PledgeView:
    await uow.pledges.save(view.pledge)
    return view


def _may_edit(window: WindowTimes, pledge: Pledge | None, now: datetime) -> bool:
    returned = pledge is not None and pledge.status is PledgeStatus.RETURNED
    return window.opens_at <= now and (now <= window.closes_at or returned)


def _own_unit(member: Membership) -> Unit:
    if member.unit is None:
        raise NotAMember(bloc=member.bloc.name, year=member.year.year)
    return member.unit
