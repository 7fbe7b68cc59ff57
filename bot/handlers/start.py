"""/start [invite]: joining the bloc, and moving an officer after they confirm."""

from __future__ import annotations

from bot import views
from bot.context import Context
from bot.request import Reply, Request
from bot.router import Router
from domain.services import onboarding
from domain.services.onboarding import Joined, JoinedBoard

router = Router()


@router.command("start")
async def start(req: Request, ctx: Context) -> Reply:
    if req.is_group:
        return Reply(ctx.t("start-in-group"))
    name = ctx.identity.display_name
    if not req.args:
        if ctx.officer is None:
            return views.menu.unregistered(ctx.t, name)
        unit = await ctx.uow.blocs.unit(ctx.officer.unit_id) if ctx.officer.unit_id else None
        return views.menu.main_menu(ctx.t, unit, ctx.officer.board_role is not None)
    result = await onboarding.join(ctx.uow, ctx.identity, req.args.split()[0], ctx.now)
    if isinstance(result, Joined):
        return views.onboarding.joined(ctx.t, result, name)
    if isinstance(result, JoinedBoard):
        return views.onboarding.joined_board(ctx.t, result, name)
    return views.onboarding.move_needed(ctx.t, result)


@router.action("mv")
async def confirm_move(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    result = await onboarding.confirm_move(ctx.uow, ctx.identity, req.action.arg(0), ctx.now)
    return views.onboarding.joined(ctx.t, result, ctx.identity.display_name)


@router.action("stay")
async def keep_unit(req: Request, ctx: Context) -> Reply:
    unit = None
    if ctx.officer is not None and ctx.officer.unit_id is not None:
        unit = await ctx.uow.blocs.unit(ctx.officer.unit_id)
    return views.onboarding.stayed(ctx.t, unit.name if unit else "")
