"""The leader's side of the pledges (/duyet): every unit's state, approving a pledge or
returning it with a reason for the unit to correct."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import PledgeNotSubmitted, ReturnReasonRequired, StaleAction
from domain.model import Unit
from domain.pledges import Pledge, PledgeState, PledgeStatus, state_of
from domain.policy import Permission, require
from domain.ports import PledgeNotifier, UnitOfWork
from domain.services import audit
from domain.services.members import Membership
from domain.services.pledges import PledgeView, view_of


@dataclass(frozen=True)
class UnitPledge:
    unit: Unit
    pledge: Pledge | None

    @property
    def state(self) -> PledgeState:
        return state_of(self.pledge)


async def unit_pledges(uow: UnitOfWork, member: Membership) -> list[UnitPledge]:
    """Every member unit in the year's order, with its pledge if it has one."""
    year = member.year
    assert year.id is not None and member.bloc.id is not None
    units = {unit.id: unit for unit in await uow.blocs.units(member.bloc.id)}
    pledges = {pledge.unit_id: pledge for pledge in await uow.pledges.pledges(year.id)}
    return [UnitPledge(units[uid], pledges.get(uid)) for uid in year.member_unit_ids]


async def review_list(uow: UnitOfWork, member: Membership) -> list[UnitPledge]:
    require(member.actor, Permission.REVIEW_PLEDGES, member.year)
    return await unit_pledges(uow, member)


async def review_pledge(
    uow: UnitOfWork, member: Membership, unit_id: int, now: datetime
) -> PledgeView:
    require(member.actor, Permission.REVIEW_PLEDGES, member.year)
    unit, pledge = await _unit_pledge(uow, member, unit_id)
    assert member.year.id is not None
    return await view_of(uow, member.year, pledge or Pledge(member.year.id, unit_id), unit, now)


async def approve(
    uow: UnitOfWork, member: Membership, unit_id: int, now: datetime, notifier: PledgeNotifier
) -> PledgeView:
    """The unit is told, and may sign the covenant."""
    require(member.actor, Permission.REVIEW_PLEDGES, member.year)
    unit, pledge = await _submitted(uow, member, unit_id)
    pledge.status, pledge.return_reason = PledgeStatus.APPROVED, ""
    pledge.decided_at, pledge.decided_by = now, member.actor.officer_id
    await uow.pledges.save(pledge)
    await audit.record(uow, member.actor, "pledge.approved", "pledge", pledge.id, now, unit=unit_id)
    await notifier.pledge_approved(uow, member.year, unit, pledge)
    return await view_of(uow, member.year, pledge, unit, now)


async def returnable(
    uow: UnitOfWork, member: Membership, unit_id: int, now: datetime
) -> PledgeView:
    """The pledge about to be returned, refused at once when it cannot be (not sent, or
    already decided): before the leader types a reason for nothing."""
    require(member.actor, Permission.REVIEW_PLEDGES, member.year)
    unit, pledge = await _submitted(uow, member, unit_id)
    return await view_of(uow, member.year, pledge, unit, now)


async def return_pledge(
    uow: UnitOfWork,
    member: Membership,
    unit_id: int,
    reason: str,
    now: datetime,
    notifier: PledgeNotifier,
) -> PledgeView:
    """Back to the unit with the reason it is told; it corrects and sends it again."""
    require(member.actor, Permission.REVIEW_PLEDGES, member.year)
    cleaned = reason.strip()
    if not cleaned:
        raise ReturnReasonRequired()
    unit, pledge = await _submitted(uow, member, unit_id)
    pledge.status, pledge.return_reason = PledgeStatus.RETURNED, cleaned
    pledge.decided_at, pledge.decided_by = now, member.actor.officer_id
    await uow.pledges.save(pledge)
    await audit.record(
        uow, member.actor, "pledge.returned", "pledge", pledge.id, now,
        unit=unit_id, reason=cleaned,
    )  # fmt: skip
    await notifier.pledge_returned(uow, member.year, unit, pledge)
    return await view_of(uow, member.year, pledge, unit, now)


async def waiting(uow: UnitOfWork, member: Membership) -> list[Unit]:
    """The units whose pledges wait for the leader's decision."""
    return [
        item.unit for item in await unit_pledges(uow, member) if item.state is PledgeState.SUBMITTED
    ]


async def _submitted(uow: UnitOfWork, member: Membership, unit_id: int) -> tuple[Unit, Pledge]:
    unit, pledge = await _unit_pledge(uow, member, unit_id)
    if pledge is None or pledge.status is not PledgeStatus.SUBMITTED:
        status = pledge.status if pledge else PledgeStatus.DRAFT
        raise PledgeNotSubmitted(status=status.value)
    return unit, pledge


async def _unit_pledge(
    uow: UnitOfWork, member: Membership, unit_id: int
) -> tuple[Unit, Pledge | None]:
    """A member unit of the year and its pledge; any other id is a stale button."""
    year = member.year
    assert year.id is not None
    unit = await uow.blocs.unit(unit_id) if unit_id in year.member_unit_ids else None
    if unit is None:
        raise StaleAction()
    return unit, await uow.pledges.pledge(year.id, unit_id)
