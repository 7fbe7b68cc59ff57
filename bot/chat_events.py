"""What a platform says about the bot's chats apart from any message: a group upgraded to a
supergroup (it has a new id), the bot removed from a group, a person who blocked the bot.
The bloc's binding and the outbox follow, in one transaction with the update's id, so a
redelivered update changes nothing twice. The outbox's sender meets the same changes as
refusals (a send to the old id, to a group the bot left) and applies them the same way."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.context import BotUnitOfWork
from bot.group_notices import GroupNotices
from domain.model import Channel
from domain.services import groups

log = logging.getLogger(__name__)

GONE = "the bot is no longer in the group"


async def apply_moved(
    uow: BotUnitOfWork, channel: Channel, old_chat_id: str, new_chat_id: str, now: datetime
) -> None:
    group = await groups.group_moved(uow, channel, old_chat_id, new_chat_id, now)
    moved = await uow.outbox.move_chat(channel.value, old_chat_id, new_chat_id)
    log.info("%s: chat %s is now %s (bound: %s, %d queued message(s) moved)",
             channel.value, old_chat_id, new_chat_id, group is not None, moved)  # fmt: skip


async def apply_gone(uow: BotUnitOfWork, channel: Channel, chat_id: str, now: datetime) -> None:
    group = await groups.group_gone(uow, channel, chat_id, now, GroupNotices(now))
    dropped = await uow.outbox.drop_chat(channel.value, chat_id, GONE)
    log.info("%s: the bot is out of group %s (was bound: %s, %d queued message(s) dropped)",
             channel.value, chat_id, group is not None, dropped)  # fmt: skip


async def apply_blocked(uow: BotUnitOfWork, channel: Channel, chat_id: str, now: datetime) -> None:
    await uow.people.mark_blocked(channel, chat_id, now)


Change = Callable[[BotUnitOfWork, datetime], Awaitable[None]]


async def once(
    uow_factory: Callable[[], BotUnitOfWork],
    now: datetime,
    channel: Channel,
    update_key: str | None,
    change: Change,
) -> None:
    """Apply `change` in a transaction of its own, unless this update was handled before."""
    async with uow_factory() as uow:
        if update_key is not None and not await uow.updates.claim(channel.value, update_key, now):
            return
        await change(uow, now)
        await uow.commit()
