"""/khoi: the bloc, its year, units, leader and deputy, and who has joined."""

from __future__ import annotations

from bot import views
from bot.context import Context
from bot.handlers.common import membership
from bot.request import Reply, Request
from bot.router import Router
from domain.services import blocs

router = Router()


@router.command("khoi", "bloc")
async def bloc(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx, req.args.split()[0] if req.args else None)
    return views.bloc.overview(ctx.t, await blocs.overview(ctx.uow, member))
