"""/dangky: the unit's pledge (titles, campaigns, commitments; submit, withdraw) and /kyket:
signing the covenant, which comes back as a .docx."""

from __future__ import annotations

import asyncio

from bot import views, web_entry
from bot.context import Context
from bot.handlers.common import action_id, membership
from bot.request import File, Reply, Request
from bot.router import Router
from domain.services import pledges, signing
from domain.services.members import Membership

router = Router()

COMMITMENTS = "pledge-commitments"  # conversation state: the next text is the commitments


@router.command("dangky", "pledge")
async def start(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    ctx.conversation.clear()
    reply = views.pledges.screen(ctx.t, await pledges.own_pledge(ctx.uow, member, ctx.now))
    if req.command is None:  # "pv" (back to the screen): the link was given with /dangky
        return reply
    return await web_entry.offer(reply, req, ctx, "web-btn-pledge", web_entry.PLEDGE)


@router.action("pv")
async def show(req: Request, ctx: Context) -> Reply:
    return await start(req, ctx)


@router.action("pt")
async def toggle_title(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    ctx.conversation.clear()
    view = await pledges.toggle_title(ctx.uow, member, req.action.arg(0), ctx.now)
    return views.pledges.screen(ctx.t, view)


@router.action("pc")
async def toggle_campaign(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    ctx.conversation.clear()
    campaign_id = action_id(req.action.arg(0))
    view = await pledges.toggle_campaign(ctx.uow, member, campaign_id, ctx.now)
    return views.pledges.screen(ctx.t, view)


@router.action("pw")
async def ask_commitments(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    view = await pledges.editable_pledge(ctx.uow, member, ctx.now)
    ctx.conversation.enter(COMMITMENTS)
    return views.pledges.ask_commitments(ctx.t, view)


@router.state(COMMITMENTS)
async def typed_commitments(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    view = await pledges.set_commitments(ctx.uow, member, req.text, ctx.now)
    ctx.conversation.clear()
    return views.pledges.saved(ctx.t, view)


@router.action("ps")
async def submit(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    ctx.conversation.clear()
    return views.pledges.submitted(ctx.t, await pledges.submit(ctx.uow, member, ctx.now))


@router.action("pr")
async def withdraw(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    ctx.conversation.clear()
    return views.pledges.withdrawn(ctx.t, await pledges.withdraw(ctx.uow, member, ctx.now))


@router.command("kyket", "sign")
async def signing_screen(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    status = await signing.signing_status(ctx.uow, member, ctx.now)
    reply = views.pledges.signing(ctx.t, status, member.year.year)
    own = status.own
    if own is not None and own.pledge.signed_at is not None and status.issued is not None:
        reply.files.append(await _covenant_file(ctx, member))
    return reply


@router.action("kk")
async def sign(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    ctx.conversation.clear()
    view = await signing.sign(ctx.uow, member, ctx.now)
    status = await signing.signing_status(ctx.uow, member, ctx.now)
    document = await _covenant_file(ctx, member) if status.issued is not None else None
    return views.pledges.signed(ctx.t, view, document, status)


@router.action("gu")
async def covenant(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    ctx.conversation.clear()
    data = await signing.covenant(ctx.uow, member)
    return views.pledges.covenant(ctx.t, data, await _file(ctx, data), len(data.entries))


@router.action("gl")
async def issue(req: Request, ctx: Context) -> Reply:
    """The leader or deputy issues the covenant with the units that have signed so far."""
    member = await membership(req, ctx)
    ctx.conversation.clear()
    data = await signing.issue(ctx.uow, member, ctx.now)
    return views.pledges.covenant(ctx.t, data, await _file(ctx, data), len(data.entries))


async def _covenant_file(ctx: Context, member: Membership) -> File:
    return await _file(ctx, await signing.covenant(ctx.uow, member))


async def _file(ctx: Context, data: signing.CovenantData) -> File:
    # Laying out the document is CPU work: keep the event loop free for other chats.
    from reports.pledge_covenant import build_pledge_covenant  # python-docx: loaded when asked

    content = await asyncio.to_thread(build_pledge_covenant, data)
    return views.pledges.covenant_file(ctx.t, data.year, content)
