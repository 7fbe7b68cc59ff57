"""/lienket: bind the group chat the command is sent in to the bloc."""

from __future__ import annotations

from bot import views
from bot.context import Context
from bot.handlers.common import membership
from bot.request import Reply, Request
from bot.router import Router
from domain.services import groups

router = Router()


@router.command("lienket", "bind")
async def bind(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx, req.args.split()[0] if req.args else None)
    incoming = req.incoming
    result = await groups.bind_group(
        ctx.uow, member, req.channel, incoming.chat_id, incoming.chat_title, req.is_group, ctx.now
    )
    return views.bloc.group_bound(ctx.t, result, member.bloc.name)
