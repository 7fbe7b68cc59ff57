"""A unit answers the verification's changes to its sheet: agree (đồng ý), or explain one
(giải trình) in writing, from the buttons of the notice that told it."""

from __future__ import annotations

from bot import views
from bot.context import Context
from bot.handlers.common import review_membership
from bot.request import Reply, Request
from bot.router import Router
from domain.errors import NothingToAnswer, StaleAction
from domain.model import Role
from domain.services import answers
from domain.sheets import Answer
from domain.summary import Cycle
from domain.verification import UnitReview

router = Router()

EXPLAIN = "answer-explain"


@router.action("ans")
async def answer(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await review_membership(req, ctx)
    cycle = _cycle(req.action.arg(0))
    if req.action.arg(1) == "a":
        review, agreed = await answers.answer(
            ctx.uow, member, cycle, Answer.AGREED, ctx.now, ctx.notices
        )
        return views.answers.agreed(ctx.t, review, len(agreed))
    review = await answers.own_review(ctx.uow, member, cycle)
    waiting = review.awaiting(ctx.now)
    if not waiting:
        raise NothingToAnswer()
    if len(waiting) > 1:
        return views.answers.choose(ctx.t, review, waiting, cycle)
    return _ask_text(ctx, review, waiting[0].code, cycle)


@router.action("ansi")
async def explain_item(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await review_membership(req, ctx)
    cycle, code = _cycle(req.action.arg(0)), req.action.arg(1)
    review = await answers.own_review(ctx.uow, member, cycle)
    if code not in {entry.code for entry in review.awaiting(ctx.now)}:
        raise StaleAction()
    return _ask_text(ctx, review, code, cycle)


@router.state(EXPLAIN)
async def typed_explanation(req: Request, ctx: Context) -> Reply:
    member = await review_membership(req, ctx)
    data = ctx.conversation.data
    cycle, code = Cycle(str(data["cycle"])), str(data["code"])
    await answers.answer(
        ctx.uow, member, cycle, Answer.EXPLAINED, ctx.now, ctx.notices, code, req.text
    )
    ctx.conversation.clear()
    kind = views.fmt.bloc_kind(member.bloc)
    return views.answers.explained(ctx.t, code, views.verify.role_name(ctx.t, Role.LEADER, kind))


def _ask_text(ctx: Context, review: UnitReview, code: str, cycle: Cycle) -> Reply:
    ctx.conversation.enter(EXPLAIN, cycle=cycle.value, code=code)
    return views.answers.ask_text(ctx.t, review, code, answers.EXPLANATION_MAX_CHARS)


def _cycle(value: str) -> Cycle:
    if value not in set(Cycle):
        raise StaleAction()
    return Cycle(value)
