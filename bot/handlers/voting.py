"""A unit votes: the ballot paper (ticking candidates up to the quota) and sending it. A
secret vote is never cast by one tap: the choice is shown first, with "✅ Gửi phiếu"; and
the receipt is written in the voter's private chat, not only in a passing toast. What is
pressed in the group is answered there with a private toast; the rest goes privately."""

from __future__ import annotations

from bot import views, web_entry
from bot.context import Context
from bot.handlers.common import action_id, ballot_membership, year_membership
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
    ballot_id = action_id(req.action.arg(0))
    member = await ballot_membership(req, ctx, ballot_id)
    state = await voting.state(ctx.uow, member, ballot_id)
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
    return await _privately(req, ctx, reply, ctx.t("ballot-paper-sent-private"))


@router.action("bs")
async def send(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    ballot_id = action_id(req.action.arg(0))
    # Held first, so that the vote reads the ballot once, as it stands.
    member = await year_membership(req, ctx, await voting.hold(ctx.uow, ballot_id))
    ballot = await ballots.ballot_in_year(ctx.uow, member, ballot_id)
    mask = action_id(req.action.arg(1))
    approved = ballot_views.approved_of(ballot, mask)
    if approved is None or ballot.id is None:
        return views.errors.forged(ctx.t)
    if ballot.secret and req.action.arg(2) != "ok":
        # A tap (or a typed "1" meant for another list) never casts what cannot be undone.
        state = await voting.check_vote(ctx.uow, member, ballot.id, approved, ctx.now)
        confirm = ballot_views.confirm_secret(ctx.t, state, member.year.year, mask, ctx.now)
        return await _privately(req, ctx, confirm, ctx.t("ballot-confirm-sent-private"))
    result = await voting.cast(ctx.uow, member, ballot.id, approved, ctx.now, ctx.notices)
    unit = member.unit.short_name if member.unit else ""
    toast = ballot_views.receipt(ctx.t, result, unit)
    state = voting.state_after(result, member)
    reply = ballot_views.paper(ctx.t, state, member.year.year, 0, ctx.now)
    reply.text = f"✅ {toast}\n\n{reply.text}"
    # Queued (sent privately from a group press, or refused by the platform at first), a
    # secret vote's receipt is kept sealed in the outbox.
    reply.sealed = ballot.secret
    if not reply.buttons:  # voted: where to go next
        reply.buttons = [
            [
                command_button(ctx.t("btn-vote"), "binhxet"),
                command_button(ctx.t("btn-menu"), "menu"),
            ]
        ]
    reply.toast = toast
    return await _privately(req, ctx, reply, toast)


async def _privately(req: Request, ctx: Context, reply: Reply, toast: str) -> Reply:
    """`reply` itself in a private chat; pressed in the group, it goes to the presser's
    private chat and the group press gets only `toast`, which the presser alone sees."""
    if not req.is_group:
        return reply
    reply.toast = None
    await ctx.notices.post(ctx.uow, req.channel, req.incoming.user_id, reply, locale=ctx.t.locale)
    return Reply(toast, toast=toast, toast_only=True)
