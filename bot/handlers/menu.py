"""/menu, /trogiup and /ngonngu: each lists what the person's roles may use."""

from __future__ import annotations

from bot import command_menus, views, web_entry
from bot.context import Context
from bot.i18n import Translator
from bot.request import Reply, Request
from bot.router import Router
from domain.errors import NotRegistered
from domain.model import Role
from domain.services import preferences

router = Router()


async def roles(req: Request, ctx: Context) -> frozenset[Role]:
    """The asker's roles in their bloc this year (none before they join)."""
    chat = req.incoming.chat_id if req.is_group else None
    found, _bloc = await command_menus.standing(ctx.uow, ctx.officer, req.channel, chat)
    return found


async def main_menu(req: Request, ctx: Context) -> Reply:
    """The menu, and the person's Telegram command menu brought up to date with it."""
    if ctx.officer is None:
        return views.menu.unregistered(ctx.t, views.names.given_name(ctx.identity.display_name))
    unit = await ctx.uow.blocs.unit(ctx.officer.unit_id) if ctx.officer.unit_id else None
    chat = req.incoming.chat_id if req.is_group else None
    known = await command_menus.standing(ctx.uow, ctx.officer, req.channel, chat)
    if not req.is_group:
        await command_menus.refresh(ctx.uow, ctx.identity, ctx.now, known=known)
    reply = views.menu.main_menu(ctx.t, unit, known[0])
    if ctx.officer.board_role is not None:
        # The board's view of every bloc exists only on the web.
        reply = await web_entry.offer(reply, req, ctx, "web-btn-board", web_entry.BOARD)
    return reply


@router.command("menu")
async def menu(req: Request, ctx: Context) -> Reply:
    if ctx.officer is None and req.is_group:
        raise NotRegistered()
    return await main_menu(req, ctx)


@router.command("trogiup", "help")
async def help_command(req: Request, ctx: Context) -> Reply:
    return views.menu.help_text(ctx.t, await roles(req, ctx))


@router.command("ngonngu", "language")
async def language(req: Request, ctx: Context) -> Reply:
    choice = req.args.strip().lower()
    if choice in preferences.SUPPORTED_LOCALES:
        return await _set(req, ctx, choice)
    return views.menu.language_choice(ctx.t)


@router.action("lang")
async def choose_language(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    choice = req.action.arg(0)
    if choice not in preferences.SUPPORTED_LOCALES:
        return views.errors.forged(ctx.t)
    return await _set(req, ctx, choice)


async def _set(req: Request, ctx: Context, locale: str) -> Reply:
    await preferences.set_locale(ctx.uow, ctx.identity, locale, ctx.now)
    ctx.t = Translator(locale)
    await command_menus.refresh(ctx.uow, ctx.identity, ctx.now)  # in the new language
    return views.menu.language_set(ctx.t, await roles(req, ctx))
