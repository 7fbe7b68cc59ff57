"""A unit votes: the ballot paper (ticking candidates up to the quota) and sending it."""

from __future__ import annotations

from bot import views, web_entry
from bot.context import Context
from bot.handlers.common import action_id, membership
from bot.request import Reply, Request
from bot.router import Router
from bot.views import ballots as ballot_views
from bot.views.menu import command_button
from domain.services import ballots, voting

router = Router()


@router.action("bp")
async def paper(req: Request, ctx: Context) -> Reply:
    """Show the paper with the ticks the button carries. Pressed in the group, the paper
    goes to the presser's private chat: what a unit ticks is nobody else's business."""
    assert req.action is not None
    member = await membership(req, ctx)
    state = await voting.state(ctx.uow, member, action_id(req.action.arg(0)))
    mask = action_id(req.action.arg(1))
    approved = ballot_views.approved_of(state.ballot, mask)
    if approved is None:
        return views.errors.forged(ctx.t)
    voting.check_paper(state.ballot, approved)  # said at the tick, not only when sent
    reply = ballot_views.paper(ctx.t, state, member.year.year, mask, ctx.now)
    if not req.is_group:
        if mask or not state.ballot.is_open(ctx.now):  # offered once, with the fresh paper
            return reply
        path = web_entry.ballot_path(state.ballot.id or 0)
        return await web_entry.offer(reply, req, ctx, "web-btn-ballot", path)
    user = req.incoming.user_id
    await ctx.notices.post(ctx.uow, req.channel, user, reply, locale=ctx.t.locale)
    toast = ctx.t("ballot-paper-sent-private")
    return Reply(toast, toast=toast, toast_only=True)


@router.action("bs")
async def send(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    ballot = await ballots.ballot_in_year(ctx.uow, member, action_id(req.action.arg(0)))
    mask = action_id(req.action.arg(1))
    approved = ballot_views.approved_of(ballot, mask)
    if approved is None or ballot.id is None:
        return views.errors.forged(ctx.t)
    if ballot.secret and req.typed_choices and req.action.arg(2) != "ok":
        # A typed "1" meant for another list must not cast a vote that cannot be undone.
        state = await voting.state(ctx.uow, member, ballot.id)
        return ballot_views.confirm_secret(ctx.t, state, member.year.year, mask, ctx.now)
    result = await voting.cast(ctx.uow, member, ballot.id, approved, ctx.now, ctx.notices)
    unit = member.unit.short_name if member.unit else ""
    toast = ballot_views.receipt(ctx.t, result, unit)
    if req.is_group:
        return Reply(toast, toast=toast, toast_only=True, sealed=ballot.secret)
    state = await voting.state(ctx.uow, member, ballot.id)
    reply = ballot_views.paper(ctx.t, state, member.year.year, 0, ctx.now)
    reply.text = f"✅ {toast}\n\n{reply.text}"
    reply.toast = toast
    reply.sealed = ballot.secret  # queued (the platform refused it at first), kept unread
    if not reply.buttons:  # voted: where to go next
        reply.buttons = [
            [
                command_button(ctx.t("btn-vote"), "binhxet"),
                command_button(ctx.t("btn-menu"), "menu"),
            ]
        ]
    return reply
