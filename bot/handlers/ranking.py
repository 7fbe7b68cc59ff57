"""/xephang: the ranking of the cycle; the leader publishes it to the whole bloc."""

from __future__ import annotations

from bot import views
from bot.context import Context
from bot.handlers.common import review_membership
from bot.request import Reply, Request
from bot.router import Router
from domain.errors import RankingNotPublished, StaleAction
from domain.model import Role
from domain.policy import Permission, allowed
from domain.services import ranking, scoring
from domain.summary import Cycle

router = Router()


@router.command("xephang", "ranking")
async def show(req: Request, ctx: Context) -> Reply:
    member = await review_membership(req, ctx)
    cycle = scoring.reporting_cycle(member.year, ctx.now)
    try:
        summary = await ranking.score_summary(ctx.uow, member, cycle, in_group=req.is_group)
    except RankingNotPublished:
        own = await scoring.own_result(ctx.uow, member, cycle)
        return views.ranking.own_only(ctx.t, cycle, member.year.year, own)
    can_publish = allowed(member.actor, Permission.PUBLISH_RANKING, member.year)
    return views.ranking.ranking(ctx.t, summary, can_publish)


@router.action("pubq")
async def publish_check(req: Request, ctx: Context) -> Reply:
    """Publishing asks first, naming what is still open."""
    member = await review_membership(req, ctx)
    cycle = _cycle(req)
    items = await ranking.publish_check(ctx.uow, member, cycle, ctx.now)
    deputy = views.verify.role_name(ctx.t, Role.DEPUTY, views.fmt.bloc_kind(member.bloc))
    return views.deadlines.publish_check(ctx.t, items, cycle, member.year.year, deputy)


@router.action("pub")
async def publish(req: Request, ctx: Context) -> Reply:
    member = await review_membership(req, ctx)
    cycle = _cycle(req)
    await ranking.publish(ctx.uow, member, cycle, ctx.now, ctx.notices)
    summary = await ranking.score_summary(ctx.uow, member, cycle, in_group=req.is_group)
    reply = views.ranking.ranking(ctx.t, summary, can_publish=True)
    reply.toast = views.ranking.published(ctx.t)
    return reply


def _cycle(req: Request) -> Cycle:
    assert req.action is not None
    if req.action.arg(0) not in set(Cycle):
        raise StaleAction()
    return Cycle(req.action.arg(0))
