"""/start [invite]: joining the bloc, and moving an officer after they confirm."""

from __future__ import annotations

from bot import command_menus, views, wording
from bot.context import Context
from bot.handlers.menu import main_menu
from bot.i18n import speak_for
from bot.request import Reply, Request
from bot.router import Router
from domain.model import Role
from domain.services import onboarding
from domain.services.onboarding import Joined, JoinedBoard

router = Router()


@router.command("start")
async def start(req: Request, ctx: Context) -> Reply:
    if req.is_group:
        return Reply(ctx.t("start-in-group"))
    if not req.args:
        return await main_menu(req, ctx)
    name = views.names.given_name(ctx.identity.display_name)
    result = await onboarding.join(ctx.uow, ctx.identity, req.args.split()[0], ctx.now)
    if isinstance(result, Joined):
        return views.onboarding.joined(ctx.t, result, name, await _joined(req, ctx, result))
    if isinstance(result, JoinedBoard):
        roles = await _joined(req, ctx, result)
        return views.onboarding.joined_board(ctx.t, result, name, roles)
    return views.onboarding.move_needed(ctx.t, result)


@router.action("mv")
async def confirm_move(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    result = await onboarding.confirm_move(ctx.uow, ctx.identity, req.action.arg(0), ctx.now)
    name = views.names.given_name(ctx.identity.display_name)
    return views.onboarding.joined(ctx.t, result, name, await _joined(req, ctx, result))


@router.action("stay")
async def keep_unit(req: Request, ctx: Context) -> Reply:
    unit = None
    if ctx.officer is not None and ctx.officer.unit_id is not None:
        unit = await ctx.uow.blocs.unit(ctx.officer.unit_id)
    roles, _bloc = await command_menus.standing(ctx.uow, ctx.officer, req.channel)
    return views.onboarding.stayed(ctx.t, unit.name if unit else "", roles)


async def _joined(req: Request, ctx: Context, result: Joined | JoinedBoard) -> frozenset[Role]:
    """The newcomer's roles, their bloc's words for the greeting, their own command menu."""
    if isinstance(result, Joined):
        speak_for(wording.bloc_words(result.bloc))
    known = await command_menus.standing(ctx.uow, result.officer, req.channel)
    await command_menus.refresh(ctx.uow, ctx.identity, ctx.now, known=known)
    return known[0]
