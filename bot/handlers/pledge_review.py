"""/duyet: the leader or deputy reviews every unit's pledge, approves it or returns it with a
reason; /chuyende: the year's themed campaigns, added and removed by them."""

from __future__ import annotations

from bot import views
from bot.context import Context
from bot.handlers.common import action_id, membership
from bot.request import Reply, Request
from bot.router import Router
from domain.policy import Permission, allowed, require
from domain.services import campaigns, pledge_review

router = Router()

REASON = "pledge-return-reason"  # conversation state, data {unit}
CAMPAIGN = "campaign-title"  # conversation state: the next text is a new campaign


@router.command("duyet", "review")
async def review(req: Request, ctx: Context) -> Reply:
    return await _review_list(req, ctx)


async def _review_list(req: Request, ctx: Context, notice: str = "") -> Reply:
    member = await membership(req, ctx)
    ctx.conversation.clear()
    items = await pledge_review.review_list(ctx.uow, member)
    return views.pledge_review.review_list(ctx.t, items, member.year.year, notice)


@router.action("rl")
async def back_to_list(req: Request, ctx: Context) -> Reply:
    return await review(req, ctx)


@router.action("ro")
async def open_unit(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    ctx.conversation.clear()
    view = await pledge_review.review_pledge(ctx.uow, member, action_id(req.action.arg(0)), ctx.now)
    return views.pledge_review.unit_pledge(ctx.t, view)


@router.action("ra")
async def approve(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    unit_id = action_id(req.action.arg(0))
    view = await pledge_review.approve(ctx.uow, member, unit_id, ctx.now, ctx.notices)
    return await _review_list(req, ctx, views.pledge_review.approved_notice(ctx.t, view))


@router.action("rr")
async def ask_reason(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    unit_id = action_id(req.action.arg(0))
    view = await pledge_review.returnable(ctx.uow, member, unit_id, ctx.now)
    ctx.conversation.enter(REASON, unit=unit_id)
    return views.pledge_review.ask_reason(ctx.t, view)


@router.state(REASON)
async def typed_reason(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    unit_id = int(ctx.conversation.data["unit"])
    view = await pledge_review.return_pledge(
        ctx.uow, member, unit_id, req.text, ctx.now, ctx.notices
    )
    return await _review_list(req, ctx, views.pledge_review.returned_notice(ctx.t, view))


@router.command("chuyende", "campaigns")
async def campaign_list(req: Request, ctx: Context) -> Reply:
    return await _campaign_list(req, ctx)


async def _campaign_list(req: Request, ctx: Context, notice: str = "") -> Reply:
    member = await membership(req, ctx)
    ctx.conversation.clear()
    items = await campaigns.year_campaigns(ctx.uow, member)
    manage = allowed(member.actor, Permission.MANAGE_CAMPAIGNS, member.year)
    return views.pledge_review.campaigns(ctx.t, items, member.year.year, manage, notice)


@router.action("cl")
async def back_to_campaigns(req: Request, ctx: Context) -> Reply:
    return await campaign_list(req, ctx)


@router.action("ca")
async def ask_campaign(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    require(member.actor, Permission.MANAGE_CAMPAIGNS, member.year)
    ctx.conversation.enter(CAMPAIGN)
    return views.pledge_review.ask_campaign_title(ctx.t, member.year.year)


@router.state(CAMPAIGN)
async def typed_campaign(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    added = await campaigns.add_campaign(ctx.uow, member, req.text, ctx.now)
    return await _campaign_list(req, ctx, views.pledge_review.added_notice(ctx.t, added))


@router.action("cd")
async def remove_campaign(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    removed = await campaigns.remove_campaign(
        ctx.uow, member, action_id(req.action.arg(0)), ctx.now
    )
    return await _campaign_list(req, ctx, views.pledge_review.removed_notice(ctx.t, removed))
