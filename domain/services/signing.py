"""Signing the covenant (ký kết giao ước, /kyket): each unit with an approved pledge confirms
once; the covenant lists every member unit, the ones that have not signed marked as such."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import AlreadySigned, CovenantNotReady, PledgeNotApproved
from domain.model import Bloc, Role, Unit
from domain.pledges import Pledge, PledgeStatus
from domain.policy import Permission, require
from domain.ports import UnitOfWork
from domain.services import audit
from domain.services.members import Membership
from domain.services.pledge_review import UnitPledge, unit_pledges
from domain.services.pledges import PledgeView, own_pledge


@dataclass(frozen=True)
class CovenantEntry:
    unit: Unit
    pledge: Pledge | None  # only an approved pledge is part of the covenant
    campaigns: tuple[str, ...]  # the titles of the campaigns it joins
    role: Role | None  # leader or deputy of the year


@dataclass(frozen=True)
class CovenantData:
    bloc: Bloc
    year: int
    signed_at: datetime  # the latest confirmation: the covenant's date
    entries: tuple[CovenantEntry, ...]

    @property
    def signed_count(self) -> int:
        return sum(1 for e in self.entries if e.pledge and e.pledge.signed_at)


@dataclass(frozen=True)
class SigningStatus:
    own: PledgeView | None  # None for the board's officers, who belong to no unit
    signed: int
    total: int

    @property
    def covenant_ready(self) -> bool:
        return self.signed > 0


async def signing_status(uow: UnitOfWork, member: Membership, now: datetime) -> SigningStatus:
    require(member.actor, Permission.VIEW_BLOC, member.year)
    own = await own_pledge(uow, member, now) if member.unit is not None else None
    items = await unit_pledges(uow, member)
    signed = sum(1 for item in items if item.pledge and item.pledge.signed_at)
    return SigningStatus(own, signed, len(items))


async def sign(uow: UnitOfWork, member: Membership, now: datetime) -> PledgeView:
    """The unit's one action at the signing: only an approved pledge, and only once."""
    view = await own_pledge(uow, member, now)
    pledge = view.pledge
    if pledge.signed_at is not None:
        raise AlreadySigned(at=pledge.signed_at)
    if pledge.status is not PledgeStatus.APPROVED:
        raise PledgeNotApproved(status=pledge.status.value)
    pledge.signed_at, pledge.signed_by = now, member.actor.officer_id
    await uow.pledges.save(pledge)
    await audit.record(uow, member.actor, "pledge.signed", "pledge", pledge.id, now,
                       unit=pledge.unit_id)  # fmt: skip
    return view


async def covenant(uow: UnitOfWork, member: Membership) -> CovenantData:
    """Everyone in the bloc may read it once a first unit has signed."""
    require(member.actor, Permission.VIEW_BLOC, member.year)
    year = member.year
    assert year.id is not None
    items = await unit_pledges(uow, member)
    signatures = [item.pledge.signed_at for item in items if item.pledge and item.pledge.signed_at]
    if not signatures:
        raise CovenantNotReady(year=year.year)
    titles = {c.id: c.title for c in await uow.pledges.campaigns(year.id)}
    entries = tuple(_entry(item, titles, year.role_of(item.unit.id)) for item in items)
    return CovenantData(member.bloc, year.year, max(signatures), entries)


def _entry(item: UnitPledge, titles: dict[int | None, str], role: Role | None) -> CovenantEntry:
    pledge = item.pledge if item.pledge and item.pledge.status is PledgeStatus.APPROVED else None
    if pledge is None:
        return CovenantEntry(item.unit, None, (), role)
    campaigns = tuple(titles[cid] for cid in pledge.campaign_ids if cid in titles)
    return CovenantEntry(item.unit, pledge, campaigns, role)
