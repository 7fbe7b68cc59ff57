"""/thamdinh: the leader or deputy verifies a submitted sheet, item by item, with reasons."""

from __future__ import annotations

from decimal import Decimal

from bot import views
from bot.context import Context
from bot.handlers.common import action_id, membership
from bot.request import Reply, Request
from bot.router import Router
from domain.errors import StaleAction
from domain.policy import Permission, require
from domain.scoring import parse_points
from domain.services import scoring

router = Router()

CODE, POINTS, REASON = "verify-code", "verify-points", "verify-reason"


@router.command("thamdinh", "verify")
async def start(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    ctx.conversation.clear()
    cycle = scoring.reporting_cycle(member.year, ctx.now)
    return views.verify.sheet_list(ctx.t, await scoring.sheets_to_verify(ctx.uow, member, cycle))


@router.action("vl")
async def back_to_list(req: Request, ctx: Context) -> Reply:
    return await start(req, ctx)


@router.action("vs")
async def open_sheet(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    require(member.actor, Permission.VERIFY_SCORES, member.year)
    sheet_id = action_id(req.action.arg(0))
    view = await _verifiable(req, ctx, sheet_id)
    ctx.conversation.enter(CODE, sheet=sheet_id)
    return views.verify.sheet_detail(ctx.t, view)


@router.state(CODE)
async def typed_code(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    sheet_id = int(ctx.conversation.data["sheet"])
    code = req.text.strip()
    maximum = scoring.criterion_max(member.year, code)
    view = await _verifiable(req, ctx, sheet_id)
    ctx.conversation.enter(POINTS, sheet=sheet_id, code=code)
    return views.verify.ask_points(ctx.t, view, code, maximum)


@router.state(POINTS)
async def typed_points(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    data = ctx.conversation.data
    code = str(data["code"])
    points = parse_points(req.text, scoring.criterion_max(member.year, code))
    ctx.conversation.enter(REASON, sheet=data["sheet"], code=code, points=str(points))
    return views.verify.ask_reason(ctx.t, code, points)


@router.state(REASON)
async def typed_reason(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    data = ctx.conversation.data
    sheet_id, code, points = int(data["sheet"]), str(data["code"]), Decimal(data["points"])
    view = await scoring.verify_entry(
        ctx.uow, member, sheet_id, code, str(points), req.text, ctx.now
    )
    ctx.conversation.enter(CODE, sheet=sheet_id)
    return views.verify.verified(ctx.t, view, code)


async def _verifiable(req: Request, ctx: Context, sheet_id: int) -> scoring.SheetView:
    """One of the submitted sheets of the cycle; any other id is a stale button."""
    member = await membership(req, ctx)
    cycle = scoring.reporting_cycle(member.year, ctx.now)
    for view in await scoring.sheets_to_verify(ctx.uow, member, cycle):
        if view.sheet.id == sheet_id:
            return view
    raise StaleAction()
