"""/menu, /trogiup and /ngonngu."""

from __future__ import annotations

from bot import views
from bot.context import Context
from bot.handlers.common import membership
from bot.i18n import Translator
from bot.request import Reply, Request
from bot.router import Router
from domain.errors import DomainError, NotRegistered
from domain.policy import is_organiser
from domain.services import preferences

router = Router()


@router.command("menu")
async def menu(req: Request, ctx: Context) -> Reply:
    if ctx.officer is None and req.is_group:
        raise NotRegistered()
    if ctx.officer is None:
        return views.menu.unregistered(ctx.t, ctx.identity.display_name)
    unit = await ctx.uow.blocs.unit(ctx.officer.unit_id) if ctx.officer.unit_id else None
    return views.menu.main_menu(ctx.t, unit, ctx.officer.board_role is not None)


@router.command("trogiup", "help")
async def help_command(req: Request, ctx: Context) -> Reply:
    organiser = False
    if ctx.officer is not None:
        try:
            organiser = is_organiser((await membership(req, ctx)).roles)
        except DomainError:
            organiser = ctx.officer.board_role is not None
    return views.menu.help_text(ctx.t, organiser)


@router.command("ngonngu", "language")
async def language(req: Request, ctx: Context) -> Reply:
    choice = req.args.strip().lower()
    if choice in preferences.SUPPORTED_LOCALES:
        return await _set(ctx, choice)
    return views.menu.language_choice(ctx.t)


@router.action("lang")
async def choose_language(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    choice = req.action.arg(0)
    if choice not in preferences.SUPPORTED_LOCALES:
        return views.errors.forged(ctx.t)
    return await _set(ctx, choice)


async def _set(ctx: Context, locale: str) -> Reply:
    await preferences.set_locale(ctx.uow, ctx.identity, locale, ctx.now)
    ctx.t = Translator(locale)
    return views.menu.language_set(ctx.t)
