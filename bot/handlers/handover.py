"""/bangiao: the leader (the deputy or the board standing in) sees next year's leader and
deputy as the bloc's rules propose them, or as typed after the command, and confirms."""

from __future__ import annotations

from bot import command_menus
from bot.context import Context
from bot.handlers.common import action_id, membership
from bot.request import Reply, Request
from bot.router import Router
from bot.views import cycle as cycle_views
from domain.errors import NotAuthorized
from domain.services import handover

router = Router()


@router.command("bangiao", "handover")
async def show(req: Request, ctx: Context) -> Reply:
    if req.is_group:
        return cycle_views.private_only(ctx.t)
    member = await membership(req, ctx)
    try:
        proposal = await handover.propose(ctx.uow, member, ctx.now, req.args.split())
    except NotAuthorized:
        return cycle_views.not_allowed(ctx.t)
    return cycle_views.plan(ctx.t, proposal)


@router.action(cycle_views.CONFIRM)
async def confirm(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    if req.is_group:
        return cycle_views.private_only(ctx.t)
    member = await membership(req, ctx)
    year_id, leader = action_id(req.action.arg(0)), action_id(req.action.arg(1))
    deputy = action_id(req.action.arg(2))
    try:
        done = await handover.confirm(
            ctx.uow, member, year_id, leader, deputy if deputy > 0 else None, ctx.now, ctx.notices
        )
    except NotAuthorized:  # refused before anything is written
        return cycle_views.not_allowed(ctx.t)
    assert member.bloc.id is not None
    units = {u.id: u for u in await ctx.uow.blocs.units(member.bloc.id) if u.id is not None}
    # Roles changed with the year: every officer's own command menu follows.
    await command_menus.refresh_units(ctx.uow, list(units), ctx.now)
    return cycle_views.handed(ctx.t, done, units)
