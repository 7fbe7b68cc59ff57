"""Small helpers the handlers share: who is asking, in which bloc."""

from __future__ import annotations

from bot.context import Context
from bot.request import Request
from domain.errors import PrivateChatRequired
from domain.policy import Permission, require
from domain.services import members
from domain.services.members import Membership


async def membership(req: Request, ctx: Context, bloc_code: str | None = None) -> Membership:
    """The asker's place in the bloc: in a bound group, the group's bloc."""
    chat = req.incoming.chat_id if req.is_group else None
    return await members.membership(ctx.uow, ctx.officer, req.channel, bloc_code, chat)


def action_id(text: str) -> int:
    """An id carried by a button; a forged one finds nothing and is refused as stale."""
    return int(text) if text.isascii() and text.isdigit() else -1


async def organiser(req: Request, ctx: Context, permission: Permission) -> Membership:
    """The leader's set-up screens are private: the group sees only what they produce."""
    member = await membership(req, ctx)
    if req.is_group:
        raise PrivateChatRequired()
    require(member.actor, permission, member.year)
    return member
