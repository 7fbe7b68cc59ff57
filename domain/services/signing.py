"""Signing the covenant (ký kết giao ước, /kyket): each unit with an approved pledge confirms
once. The covenant document is issued when the last member unit signs, or earlier when the
leader or deputy asks; each issue takes a number of its own and replaces the one before. It
lists every member unit, those that had not signed when it was issued marked as such."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.documents import DocumentKind, DocumentNumber
from domain.errors import AlreadySigned, CovenantNotReady, PledgeNotApproved
from domain.model import Bloc, Role, Unit
from domain.pledges import Pledge, PledgeStatus
from domain.policy import Permission, require
from domain.ports import UnitOfWork
from domain.services import audit, documents
from domain.services.members import Membership
from domain.services.pledge_review import UnitPledge, unit_pledges
from domain.services.pledges import PledgeView, own_pledge


@dataclass(frozen=True)
class CovenantEntry:
    unit: Unit
    pledge: Pledge | None  # only an approved pledge is part of the covenant
    campaigns: tuple[str, ...]  # the titles of the campaigns it joins
    role: Role | None  # leader or deputy of the year
    signed_at: datetime | None = None  # when it signed, if before the covenant was issued


@dataclass(frozen=True)
class CovenantData:
    bloc: Bloc
    year: int
    issued_at: datetime  # the issue's moment: the covenant's date
    entries: tuple[CovenantEntry, ...]
    number: DocumentNumber | None = None
    replaces: DocumentNumber | None = None  # the earlier issue this one replaces

    @property
    def signed_count(self) -> int:
        return sum(1 for e in self.entries if e.signed_at is not None)


@dataclass(frozen=True)
class SigningStatus:
    own: PledgeView | None  # None for the board's officers, who belong to no unit
    signed: int
    total: int
    issued: DocumentNumber | None = None  # the covenant's latest issue
    can_issue: bool = False  # the asker may issue it (again) now

    @property
    def covenant_ready(self) -> bool:
        return self.issued is not None


async def signing_status(uow: UnitOfWork, member: Membership, now: datetime) -> SigningStatus:
    require(member.actor, Permission.VIEW_BLOC, member.year)
    own = await own_pledge(uow, member, now) if member.unit is not None else None
    items = await unit_pledges(uow, member)
    signed = [item.pledge.signed_at for item in items if item.pledge and item.pledge.signed_at]
    latest = await _latest(uow, member)
    organiser = member.roles & {Role.ADMIN, Role.LEADER, Role.DEPUTY}
    newer = latest is None or any(at > latest.issued_at for at in signed if at)
    return SigningStatus(
        own, len(signed), len(items), latest, bool(organiser) and bool(signed) and newer
    )


async def sign(uow: UnitOfWork, member: Membership, now: datetime) -> PledgeView:
    """The unit's one action at the signing: only an approved pledge, and only once. The
    last member unit to sign issues the covenant."""
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
    items = await unit_pledges(uow, member)
    if all(item.pledge and item.pledge.signed_at for item in items):
        await _issue(uow, member, now)
    return view


async def issue(uow: UnitOfWork, member: Membership, now: datetime) -> CovenantData:
    """The leader or deputy issues the covenant before every unit has signed (or again,
    after more have): a new number, which replaces the earlier issue."""
    require(member.actor, Permission.REVIEW_PLEDGES, member.year)
    status = await signing_status(uow, member, now)
    if not status.signed:
        raise CovenantNotReady(year=member.year.year)
    if status.can_issue:
        await _issue(uow, member, now)
    return await covenant(uow, member)


async def _issue(uow: UnitOfWork, member: Membership, now: datetime) -> None:
    assert member.year.id is not None
    number = await documents.issue_edition(
        uow, member.bloc, DocumentKind.COVENANT, member.year.id, now
    )
    await audit.record(uow, member.actor, "covenant.issued", "bloc_year", member.year.id, now,
                       number=str(number))  # fmt: skip


async def _latest(uow: UnitOfWork, member: Membership) -> DocumentNumber | None:
    assert member.year.id is not None
    found = await documents.current(uow, member.bloc, DocumentKind.COVENANT, member.year.id)
    return found[0] if found else None


async def covenant(uow: UnitOfWork, member: Membership) -> CovenantData:
    """The covenant as last issued; everyone in the bloc may read it."""
    require(member.actor, Permission.VIEW_BLOC, member.year)
    year = member.year
    assert year.id is not None
    found = await documents.current(uow, member.bloc, DocumentKind.COVENANT, year.id)
    if found is None:
        raise CovenantNotReady(year=year.year)
    number, replaced = found
    items = await unit_pledges(uow, member)
    titles = {c.id: c.title for c in await uow.pledges.campaigns(year.id)}
    entries = tuple(
        _entry(item, titles, year.role_of(item.unit.id), number.issued_at) for item in items
    )
    return CovenantData(member.bloc, year.year, number.issued_at, entries, number, replaced)


def _entry(
    item: UnitPledge, titles: dict[int | None, str], role: Role | None, issued_at: datetime
) -> CovenantEntry:
    pledge = item.pledge if item.pledge and item.pledge.status is PledgeStatus.APPROVED else None
    if pledge is None:
        return CovenantEntry(item.unit, None, (), role)
    campaigns = tuple(titles[cid] for cid in pledge.campaign_ids if cid in titles)
    # As issued: a unit that signed after the issue appears in the next one.
    signed = pledge.signed_at if pledge.signed_at and pledge.signed_at <= issued_at else None
    return CovenantEntry(item.unit, pledge, campaigns, role, signed)
