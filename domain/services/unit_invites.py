"""The leader's view of invitations: each member unit's live code and whether it has joined."""

from __future__ import annotations

from datetime import datetime

from domain.errors import PrivateChatRequired
from domain.policy import Permission, require
from domain.ports import UnitOfWork
from domain.services import invites
from domain.services.invites import UnitInvite
from domain.services.members import Membership


async def invites_for_leader(
    uow: UnitOfWork, member: Membership, now: datetime, ttl_days: int, in_group: bool
) -> list[UnitInvite]:
    require(member.actor, Permission.MANAGE_INVITES, member.year)
    if in_group:
        raise PrivateChatRequired()  # anyone in the group could join as any unit
    return await invites.ensure_unit_invites(uow, member.bloc.code, now, ttl_days)
