"""/moi: the leader's list of invite links, to forward to units that have not joined."""

from __future__ import annotations

from bot import views
from bot.context import Context
from bot.handlers.common import membership
from bot.request import Reply, Request
from bot.router import Router
from domain.model import Channel
from domain.services.unit_invites import invites_for_leader

router = Router()


@router.command("moi", "invites")
async def list_invites(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    ttl = ctx.config.invite_ttl_days
    items = await invites_for_leader(ctx.uow, member, ctx.now, ttl, in_group=req.is_group)
    username = req.incoming.bot_username if req.channel is Channel.TELEGRAM else None
    return views.invites.invite_list(ctx.t, member.bloc.name, items, username)
