"""Invitations: one live code per member unit, renewed when expired, revocable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import BlocNotFound, InviteNotFound
from domain.model import BoardRole, Invitation, Unit
from domain.policy import Actor
from domain.ports import UnitOfWork
from domain.services import audit
from domain.services.onboarding import invite_expiry, new_invite_code, normalise_code


@dataclass(frozen=True)
class UnitInvite:
    unit: Unit
    invitation: Invitation
    joined_officers: int


async def ensure_unit_invites(
    uow: UnitOfWork, bloc_code: str, now: datetime, ttl_days: int, renew: bool = False
) -> list[UnitInvite]:
    """A usable invite for each member unit of the bloc's current year, created where missing.

    With `renew`, every live code is revoked and replaced (e.g. after a code leaked)."""
    bloc = await uow.blocs.by_code(bloc_code)
    year = await uow.blocs.current_year(bloc.id) if bloc and bloc.id else None
    if bloc is None or year is None:
        raise BlocNotFound(code=bloc_code)
    result = []
    for unit_id in year.member_unit_ids:
        unit = await uow.blocs.unit(unit_id)
        assert unit is not None and unit.id is not None
        live = [inv for inv in await uow.invitations.for_unit(unit.id) if inv.is_usable(now)]
        if renew:
            for old in live:
                await _revoke(uow, old, None, now)
            live = []
        invitation = max(live, key=lambda inv: inv.expires_at) if live else None
        if invitation is None:
            invitation = await _create(uow, unit.code, now, ttl_days, unit_id=unit.id)
        officers = await uow.people.officers_of_units([unit.id])
        result.append(UnitInvite(unit, invitation, len(officers)))
    return result


BOARD_INVITE_DAYS = 7


async def create_board_invite(uow: UnitOfWork, role: BoardRole, now: datetime) -> Invitation:
    """Board roles see every bloc: their codes are single-use and short-lived."""
    return await _create(uow, "ban", now, BOARD_INVITE_DAYS, board_role=role, max_uses=1)


async def revoke(uow: UnitOfWork, code: str, actor: Actor | None, now: datetime) -> Invitation:
    invitation = await uow.invitations.by_code(normalise_code(code))
    if invitation is None:
        raise InviteNotFound(code=code)
    if invitation.revoked_at is None:
        await _revoke(uow, invitation, actor, now)
    return invitation


async def _revoke(
    uow: UnitOfWork, invitation: Invitation, actor: Actor | None, now: datetime
) -> None:
    invitation.revoked_at = now
    await uow.invitations.save(invitation)
    await audit.record(uow, actor, "invite.revoked", "invitation", invitation.code, now)


async def _create(
    uow: UnitOfWork,
    prefix: str,
    now: datetime,
    ttl_days: int,
    unit_id: int | None = None,
    board_role: BoardRole | None = None,
    max_uses: int | None = None,
) -> Invitation:
    code = new_invite_code(prefix)
    while await uow.invitations.by_code(code) is not None:
        code = new_invite_code(prefix)
    invitation = Invitation(
        code=code,
        expires_at=invite_expiry(now, ttl_days),
        unit_id=unit_id,
        board_role=board_role,
        created_at=now,
        max_uses=max_uses,
    )
    invitation = await uow.invitations.save(invitation)
    await audit.record(
        uow, None, "invite.created", "invitation", code, now,
        unit_id=unit_id, board_role=board_role.value if board_role else None,
    )  # fmt: skip
    return invitation
