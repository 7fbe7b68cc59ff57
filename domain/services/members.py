"""Who is talking: the account, its officer, and the officer's place in a bloc's year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.cycle import cycle_over
from domain.errors import BlocNotFound, NotAMember, NotRegistered, StaleAction
from domain.model import Bloc, BlocYear, Channel, Identity, Officer, Role, Unit
from domain.policy import Actor, roles_in
from domain.ports import UnitOfWork


@dataclass(frozen=True)
class Membership:
    """An officer seen inside one bloc's current year."""

    actor: Actor
    bloc: Bloc
    year: BlocYear
    unit: Unit | None
    roles: frozenset[Role]


async def identify(
    uow: UnitOfWork, channel: Channel, external_id: str, display_name: str
) -> Identity:
    """The account behind a request, created on first contact; its name follows the platform."""
    identity = await uow.people.identity(channel, external_id)
    if identity is None:
        return await uow.people.save_identity(Identity(channel, external_id, display_name))
    renamed = bool(display_name) and identity.display_name != display_name
    if renamed or identity.blocked_at is not None:
        # Writing to the bot again means they no longer block it.
        identity.display_name = display_name or identity.display_name
        identity.blocked_at = None
        await uow.people.save_identity(identity)
    return identity


async def officer_of(uow: UnitOfWork, identity: Identity) -> Officer | None:
    if identity.officer_id is None:
        return None
    return await uow.people.officer(identity.officer_id)


async def membership(
    uow: UnitOfWork,
    officer: Officer | None,
    channel: Channel,
    bloc_code: str | None = None,
    group_chat_id: str | None = None,
) -> Membership:
    """The officer's bloc: the one named, else the bloc of the group the request came from,
    else its unit's bloc, or for the board the only one."""
    actor, bloc, unit, year = await _place(uow, officer, channel, bloc_code, group_chat_id)
    roles = roles_in(actor, year)
    if not roles:
        raise NotAMember(year=year.year, bloc=bloc.name)
    return Membership(actor, bloc, year, unit, roles)


async def memberships(
    uow: UnitOfWork,
    officer: Officer | None,
    channel: Channel,
    now: datetime,
    bloc_code: str | None = None,
    group_chat_id: str | None = None,
) -> list[Membership]:
    """The officer's places in the bloc's year in review, then in its current year.

    The year in review is the one before the current year, until the end of March after it
    (when its cycle is over): next year may exist before the annual review of this one has
    ended — imported early, or created by the handover at the review conference — and the
    review's scores, ballots and documents must stay reachable. An officer whose unit was
    in only one of the two years has a place in that one."""
    actor, bloc, unit, current = await _place(uow, officer, channel, bloc_code, group_chat_id)
    assert bloc.id is not None
    years = [current]
    previous = await uow.blocs.year(bloc.id, current.year - 1)
    if previous is not None and not cycle_over(previous.year, now):
        years.insert(0, previous)
    found = [
        Membership(actor, bloc, y, unit, roles) for y in years if (roles := roles_in(actor, y))
    ]
    if not found:
        raise NotAMember(year=current.year, bloc=bloc.name)
    return found


def in_year(places: list[Membership], year_id: int) -> Membership:
    """The place in the year a button's ballot or conference belongs to; a year no longer
    (or never) reachable is a stale button."""
    found = next((place for place in places if place.year.id == year_id), None)
    if found is None:
        raise StaleAction()
    return found


async def _place(
    uow: UnitOfWork,
    officer: Officer | None,
    channel: Channel,
    bloc_code: str | None,
    group_chat_id: str | None,
) -> tuple[Actor, Bloc, Unit | None, BlocYear]:
    if officer is None:
        raise NotRegistered()
    bound = None
    if bloc_code is None and group_chat_id is not None:
        group = await uow.groups.get(channel, group_chat_id)
        bound = await uow.blocs.get(group.bloc_id) if group else None
    actor = Actor.of(officer, channel)
    unit = await uow.blocs.unit(officer.unit_id) if officer.unit_id is not None else None
    bloc = await _bloc_for(uow, officer, unit, bloc_code, bound)
    assert bloc.id is not None
    year = await uow.blocs.current_year(bloc.id)
    if year is None:
        raise BlocNotFound(code=bloc.code)
    return actor, bloc, unit, year


async def _bloc_for(
    uow: UnitOfWork,
    officer: Officer,
    unit: Unit | None,
    bloc_code: str | None,
    bound: Bloc | None = None,  # the bloc of the group the request came from
) -> Bloc:
    if bloc_code is not None or bound is not None:
        bloc = bound or await uow.blocs.by_code(bloc_code or "")
        if bloc is None:
            raise BlocNotFound(code=bloc_code)
        if officer.board_role is None and (unit is None or unit.bloc_id != bloc.id):
            assert bloc.id is not None
            year = await uow.blocs.current_year(bloc.id)
            raise NotAMember(bloc=bloc.name, year=year.year if year else "")
        return bloc
    if unit is not None:
        found = await uow.blocs.get(unit.bloc_id)
        if found is not None:
            return found
    blocs = await uow.blocs.list_blocs()
    if officer.board_role is not None and len(blocs) == 1:
        return blocs[0]
    raise BlocNotFound(code=None, choices=[bloc.code for bloc in blocs])
