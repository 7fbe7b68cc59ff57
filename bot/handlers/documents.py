"""/sovanban: the leader or deputy sees the year's numbered documents and sets the number
the next one takes (to follow papers numbered by hand before the bot); and the year's file
for the provincial board, offered by /binhxet beside the ballots' documents."""

from __future__ import annotations

import asyncio

from bot.context import Context
from bot.handlers.common import organiser
from bot.request import Reply, Request
from bot.router import Router
from bot.views import documents as views
from domain.policy import Permission
from domain.services import board_file as files
from domain.services import documents

router = Router()

NEXT_NUMBER = "register-next"  # conversation state: the next text is the number


@router.command("sovanban", "register")
async def show(req: Request, ctx: Context) -> Reply:
    member = await organiser(req, ctx, Permission.NUMBER_DOCUMENTS)
    ctx.conversation.clear()
    book = await documents.register(ctx.uow, member, ctx.now)
    return views.register(ctx.t, book, member.bloc.name)


@router.action(views.SET_NEXT)
async def ask(req: Request, ctx: Context) -> Reply:
    member = await organiser(req, ctx, Permission.NUMBER_DOCUMENTS)
    book = await documents.register(ctx.uow, member, ctx.now)
    ctx.conversation.enter(NEXT_NUMBER)
    return views.ask_next(ctx.t, book)


@router.state(NEXT_NUMBER)
async def typed(req: Request, ctx: Context) -> Reply:
    member = await organiser(req, ctx, Permission.NUMBER_DOCUMENTS)
    book = await documents.set_next_number(ctx.uow, member, req.text, ctx.now)
    ctx.conversation.clear()
    return views.number_set(ctx.t, book, member.bloc.name)


@router.action(views.BOARD_FILE)
async def board_file(req: Request, ctx: Context) -> Reply:
    """The year's file for the provincial board: proposals, minutes, score table, covenant."""
    member = await organiser(req, ctx, Permission.FILE_TO_BOARD)
    found = await files.board_file(ctx.uow, member, ctx.now)
    # Laying out a dozen pages is CPU work: keep the event loop free for other chats.
    from reports.board_file import build_board_file  # python-docx: loaded when asked

    content = await asyncio.to_thread(build_board_file, found)
    return views.board_file(ctx.t, found, content)
