"""Until the ranking is out the leader gives more time: a window extended for the bloc, or
one unit's submitted sheet reopened; each with a date and a reason the units read."""

from __future__ import annotations

from datetime import datetime

from bot import views
from bot.context import Context
from bot.handlers.common import action_id, review_membership
from bot.request import Reply, Request
from bot.router import Router
from domain.errors import StaleAction
from domain.local_time import parse_day_end
from domain.services import deadlines, verification
from domain.summary import Cycle
from domain.windows import WindowKind

router = Router()

EXT_DATE, EXT_REASON = "extend-date", "extend-reason"
RO_DATE, RO_REASON = "reopen-date", "reopen-reason"


@router.action("dl")
async def menu(req: Request, ctx: Context) -> Reply:
    member = await review_membership(req, ctx)
    ctx.conversation.clear()
    windows = await deadlines.extendable(ctx.uow, member, ctx.now)
    return views.deadlines.deadlines(ctx.t, windows, _cycle(req))


@router.action("ext")
async def extend(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await review_membership(req, ctx)
    kind = req.action.arg(0)
    windows = {w.kind.value: w for w in await deadlines.extendable(ctx.uow, member, ctx.now)}
    if kind not in windows:
        raise StaleAction()
    ctx.conversation.enter(EXT_DATE, window=kind)
    return views.deadlines.ask_extension(ctx.t, windows[kind], ctx.now)


@router.state(EXT_DATE)
async def typed_extension(req: Request, ctx: Context) -> Reply:
    closes_at = parse_day_end(req.text, ctx.now)
    if closes_at is None:
        return views.deadlines.bad_date(ctx.t, req.text, ctx.now)
    member = await review_membership(req, ctx)
    kind = WindowKind(str(ctx.conversation.data["window"]))
    deadlines.check_extension(member.year, kind, closes_at, ctx.now)  # before the reason
    ctx.conversation.enter(EXT_REASON, window=ctx.conversation.data["window"],
                           closes=closes_at.isoformat())  # fmt: skip
    return views.deadlines.ask_reason(ctx.t, "extend-ask-reason", verification.REASON_MAX_CHARS)


@router.state(EXT_REASON)
async def typed_extension_reason(req: Request, ctx: Context) -> Reply:
    member = await review_membership(req, ctx)
    data = ctx.conversation.data
    kind = WindowKind(str(data["window"]))
    closes_at = _moment(str(data["closes"]))
    window = await deadlines.extend_window(
        ctx.uow, member, kind, closes_at, req.text, ctx.now, ctx.notices
    )
    ctx.conversation.clear()
    return views.deadlines.extended(ctx.t, window)


@router.action("rop")
async def reopen(req: Request, ctx: Context) -> Reply:
    member = await review_membership(req, ctx)
    cycle = _cycle(req)
    units = await deadlines.reopenable(ctx.uow, member, cycle)
    return views.deadlines.choose_unit(ctx.t, units, cycle)


@router.action("rou")
async def reopen_unit(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await review_membership(req, ctx)
    unit_id, cycle = action_id(req.action.arg(0)), _cycle(req, 1)
    units = {u.id: u for u in await deadlines.reopenable(ctx.uow, member, cycle)}
    if unit_id not in units:
        raise StaleAction()
    ctx.conversation.enter(RO_DATE, unit=unit_id, cycle=cycle.value)
    return views.deadlines.ask_until(ctx.t, units[unit_id], ctx.now)


@router.state(RO_DATE)
async def typed_until(req: Request, ctx: Context) -> Reply:
    until = parse_day_end(req.text, ctx.now)
    if until is None:
        return views.deadlines.bad_date(ctx.t, req.text, ctx.now)
    deadlines.check_reopen_until(until, ctx.now)  # before the reason is typed
    data = ctx.conversation.data
    ctx.conversation.enter(RO_REASON, unit=data["unit"], cycle=data["cycle"],
                           until=until.isoformat())  # fmt: skip
    return views.deadlines.ask_reason(ctx.t, "reopen-ask-reason", verification.REASON_MAX_CHARS)


@router.state(RO_REASON)
async def typed_reopen_reason(req: Request, ctx: Context) -> Reply:
    member = await review_membership(req, ctx)
    data = ctx.conversation.data
    cycle, until = Cycle(str(data["cycle"])), _moment(str(data["until"]))
    review = await deadlines.reopen_sheet(
        ctx.uow, member, int(data["unit"]), cycle, until, req.text, ctx.now, ctx.notices
    )
    ctx.conversation.clear()
    return views.deadlines.reopened(ctx.t, review.unit, until)


def _cycle(req: Request, index: int = 0) -> Cycle:
    assert req.action is not None
    value = req.action.arg(index)
    if value not in set(Cycle):
        raise StaleAction()
    return Cycle(value)


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)
