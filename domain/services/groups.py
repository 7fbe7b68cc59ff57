"""Binding a group chat to the bloc, so ballots and announcements have a place to go; and
what becomes of the binding when the platform changes the group under it (a new id) or the
bot is removed from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.errors import DomainError, GroupAlreadyBound, GroupChatRequired
from domain.model import AuditEntry, Channel, GroupChat
from domain.policy import Permission, require
from domain.ports import UnitOfWork
from domain.services import audit
from domain.services.members import Membership


class BindCodeUsed(DomainError):
    """An anonymous administrator's one-time code was used already."""

    code = "bind-code-used"


class GroupNotifier(Protocol):
    async def group_lost(self, uow: UnitOfWork, group: GroupChat) -> None:
        """The bot was removed from the bloc's group: the leader is told, to add it again."""
        ...


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
    thread_id: str | None = None,
    once: str | None = None,
) -> GroupBound:
    """`thread_id`: the forum topic the command came from, where posts will go (bound again
    from another topic, the binding moves there). `once`: the key of a one-time code that
    stood in for the asker (an anonymous administrator): refused when used before."""
    if not is_group:
        raise GroupChatRequired()
    require(member.actor, Permission.BIND_GROUP, member.year)
    assert member.bloc.id is not None
    if once is not None and await uow.events.has(once):
        raise BindCodeUsed()
    existing = await uow.groups.get(channel, chat_id)
    if existing is not None and existing.bloc_id != member.bloc.id:
        other = await uow.blocs.get(existing.bloc_id)
        raise GroupAlreadyBound(bloc=other.name if other else "")
    if once is not None:
        await uow.events.add(once, now)
    if existing is not None:
        if existing.thread_id != thread_id:
            existing.thread_id = thread_id
            await uow.groups.save(existing)
        return GroupBound(existing, already=True)
    group = await uow.groups.save(
        GroupChat(
            channel, chat_id, member.bloc.id, title, bound_by=member.actor.officer_id,
            thread_id=thread_id,
        )
    )  # fmt: skip
    await audit.record(
        uow, member.actor, "group.bound", "group", f"{channel.value}:{chat_id}", now,
        bloc=member.bloc.code, title=title, **({"anonymous": True} if once else {}),
    )  # fmt: skip
    return GroupBound(group, already=False)


async def group_moved(
    uow: UnitOfWork, channel: Channel, old_chat_id: str, new_chat_id: str, now: datetime
) -> GroupChat | None:
    """The platform gave the group a new id (a basic group upgraded to a supergroup): its
    binding follows. Bound in the new one already, the old binding simply goes."""
    group = await uow.groups.get(channel, old_chat_id)
    if group is None:
        return await uow.groups.get(channel, new_chat_id)
    existing = await uow.groups.get(channel, new_chat_id)
    if existing is not None:
        await uow.groups.delete(group)
        result = existing
    else:
        group.chat_id, group.thread_id = new_chat_id, None  # a new supergroup has no topics
        result = await uow.groups.save(group)
    await _platform_audit(
        uow, channel, "group.moved", old_chat_id, now, to=new_chat_id, bloc_id=group.bloc_id
    )
    return result


async def group_gone(
    uow: UnitOfWork, channel: Channel, chat_id: str, now: datetime, notifier: GroupNotifier
) -> GroupChat | None:
    """The bot was removed from the group (or left it): the binding goes, and the leader is
    told. Not bound (or already unbound): nothing happens."""
    group = await uow.groups.get(channel, chat_id)
    if group is None:
        return None
    await uow.groups.delete(group)
    await _platform_audit(uow, channel, "group.lost", chat_id, now, bloc_id=group.bloc_id)
    await notifier.group_lost(uow, group)
    return group


async def _platform_audit(
    uow: UnitOfWork, channel: Channel, action: str, chat_id: str, now: datetime, **details: object
) -> None:
    """A change the platform made, not a person: no actor, the channel it came from."""
    entry = AuditEntry(
        action, "group", f"{channel.value}:{chat_id}", details, channel=channel.value, at=now
    )
    await uow.audit.record(entry)
