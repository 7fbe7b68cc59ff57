"""Joining the bot with an invite code: an account becomes an officer of a unit (or of the
board). Moving an officer who already belongs to another unit is asked first, then logged."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from domain.errors import (
    InviteExpired,
    InviteNotFound,
    InviteRevoked,
    InviteUsedUp,
    StaleAction,
    UnitNotFound,
)
from domain.model import Bloc, BlocYear, BoardRole, Identity, Invitation, Officer, Role, Unit
from domain.policy import Actor
from domain.ports import UnitOfWork
from domain.services import audit
from domain.settings import LOCAL_TZ

INVITE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: codes get read aloud


@dataclass(frozen=True)
class Joined:
    officer: Officer
    unit: Unit
    bloc: Bloc
    year: BlocYear
    role: Role | None
    leader: Unit | None
    moved_from: Unit | None = None
    already: bool = False


@dataclass(frozen=True)
class JoinedBoard:
    officer: Officer
    role: BoardRole


@dataclass(frozen=True)
class MoveNeeded:
    """The officer belongs to another unit: they must confirm before being moved."""

    code: str
    current: Unit
    target: Unit


def new_invite_code(prefix: str) -> str:
    tail = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(6))
    cleaned = "".join(ch for ch in prefix.lower() if ch.isalnum())[:8]
    return f"{cleaned}-{tail}" if cleaned else tail


def normalise_code(code: str) -> str:
    return code.strip().lower()


async def join(
    uow: UnitOfWork, identity: Identity, code: str, now: datetime
) -> Joined | JoinedBoard | MoveNeeded:
    invitation = await _usable_invitation(uow, code, now)
    officer = await _officer(uow, identity)
    if invitation.board_role is not None:
        return await _join_board(uow, identity, officer, invitation, now)
    target = await _unit(uow, invitation.unit_id)
    if officer is not None and officer.unit_id not in (None, target.id):
        current = await _unit(uow, officer.unit_id)
        return MoveNeeded(invitation.code, current, target)
    return await _bind(uow, identity, officer, invitation, target, now, moved_from=None)


async def confirm_move(uow: UnitOfWork, identity: Identity, code: str, now: datetime) -> Joined:
    invitation = await _usable_invitation(uow, code, now)
    if invitation.board_role is not None:
        raise StaleAction()
    officer = await _officer(uow, identity)
    target = await _unit(uow, invitation.unit_id)
    if officer is None or officer.unit_id in (None, target.id):
        raise StaleAction()
    current = await _unit(uow, officer.unit_id)
    return await _bind(uow, identity, officer, invitation, target, now, moved_from=current)


async def _bind(
    uow: UnitOfWork,
    identity: Identity,
    officer: Officer | None,
    invitation: Invitation,
    target: Unit,
    now: datetime,
    moved_from: Unit | None,
) -> Joined:
    already = officer is not None and officer.unit_id == target.id
    if officer is None:
        officer = await uow.people.save_officer(Officer(identity.display_name, target.id))
        identity.officer_id = officer.id
        await uow.people.save_identity(identity)
    elif not already:
        officer.unit_id = target.id
        officer = await uow.people.save_officer(officer)
    bloc = await uow.blocs.get(target.bloc_id)
    year = await uow.blocs.current_year(target.bloc_id)
    assert bloc is not None and year is not None
    if not already:
        invitation.uses += 1
        await uow.invitations.save(invitation)
        actor = Actor.of(officer, identity.channel)
        action = "officer.moved" if moved_from else "officer.joined"
        await audit.record(
            uow, actor, action, "unit", target.id, now,
            invite=invitation.code, unit=target.code,
            from_unit=moved_from.code if moved_from else None,
        )  # fmt: skip
    leader = await uow.blocs.unit(year.leader_unit_id)
    return Joined(officer, target, bloc, year, year.role_of(target.id), leader, moved_from, already)


async def _join_board(
    uow: UnitOfWork,
    identity: Identity,
    officer: Officer | None,
    invitation: Invitation,
    now: datetime,
) -> JoinedBoard:
    assert invitation.board_role is not None
    if officer is None:
        officer = Officer(identity.display_name)
    if officer.board_role is BoardRole.ADMIN:
        return JoinedBoard(officer, BoardRole.ADMIN)  # an observer code never demotes an admin
    if officer.board_role != invitation.board_role:
        officer.board_role = invitation.board_role
        officer = await uow.people.save_officer(officer)
        identity.officer_id = officer.id
        await uow.people.save_identity(identity)
        invitation.uses += 1
        await uow.invitations.save(invitation)
        await audit.record(
            uow, Actor.of(officer, identity.channel), "officer.board_role", "officer",
            officer.id, now, role=invitation.board_role.value, invite=invitation.code,
        )  # fmt: skip
    return JoinedBoard(officer, invitation.board_role)


async def _usable_invitation(uow: UnitOfWork, code: str, now: datetime) -> Invitation:
    invitation = await uow.invitations.by_code(normalise_code(code))
    if invitation is None:
        raise InviteNotFound(code=code)
    if invitation.revoked_at is not None:
        raise InviteRevoked(code=code)
    if invitation.used_up:
        raise InviteUsedUp(code=code)
    if not invitation.is_usable(now):
        raise InviteExpired(code=code, expired_at=invitation.expires_at)
    return invitation


async def _officer(uow: UnitOfWork, identity: Identity) -> Officer | None:
    if identity.officer_id is None:
        return None
    return await uow.people.officer(identity.officer_id)


async def _unit(uow: UnitOfWork, unit_id: int | None) -> Unit:
    unit = await uow.blocs.unit(unit_id) if unit_id is not None else None
    if unit is None:
        raise UnitNotFound(unit_id=unit_id)
    return unit


def invite_expiry(now: datetime, ttl_days: int) -> datetime:
    """The end of the local day `ttl_days` from now: a code is shown with its date alone."""
    last_day = (now.astimezone(LOCAL_TZ) + timedelta(days=ttl_days)).date()
    return datetime.combine(last_day, time(23, 59, 59), tzinfo=LOCAL_TZ)
