"""Binding a group chat to the bloc, so ballots and announcements have a place to go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import GroupAlreadyBound, GroupChatRequired
from domain.model import Channel, GroupChat
from domain.policy import Permission, require
from domain.ports import UnitOfWork
from domain.services import audit
from domain.services.members import Membership


@dataclass(frozen=True)
class GroupBound:
    group: GroupChat
    already: bool


async def bind_group(
    uow: UnitOfWork,
    member: Membership,
    channel: Channel,
    chat_id: str,
    title: str,
    is_group: bool,
    now: datetime,
) -> GroupBound:
    if not is_group:
        raise GroupChatRequired()
    require(member.actor, Permission.BIND_GROUP, member.year)
    assert member.bloc.id is not None
    existing = await uow.groups.get(channel, chat_id)
    if existing is not None and existing.bloc_id != member.bloc.id:
        other = await uow.blocs.get(existing.bloc_id)
        raise GroupAlreadyBound(bloc=other.name if other else "")
    if existing is not None:
        return GroupBound(existing, already=True)
    group = await uow.groups.save(
        GroupChat(channel, chat_id, member.bloc.id, title, bound_by=member.actor.officer_id)
    )
    await audit.record(
        uow, member.actor, "group.bound", "group", f"{channel.value}:{chat_id}", now,
        bloc=member.bloc.code, title=title,
    )  # fmt: skip
    return GroupBound(group, already=False)
