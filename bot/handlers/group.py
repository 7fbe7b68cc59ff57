"""/lienket: bind the group chat the command is sent in to the bloc.

An administrator who stays anonymous writes as the group, so who asks is unknown: the
binding then takes a one-time code the leader (or deputy) got privately from /lienket, and
the platform is asked whether that person administers the group (see bot.bind_codes)."""

from __future__ import annotations

from bot import bind_codes, views
from bot.context import Context
from bot.handlers.common import membership
from bot.request import Reply, Request
from bot.router import Router
from bot.views import binding
from domain.errors import GroupChatRequired
from domain.policy import Permission, allowed
from domain.services import groups, members

router = Router()


@router.command("lienket", "bind")
async def bind(req: Request, ctx: Context) -> Reply:
    if req.incoming.sender_is_chat:
        return await _bind_for_the_leader(req, ctx)
    member = await membership(req, ctx, req.args.split()[0] if req.args else None)
    private = not req.is_group and ctx.chat_admin is not None
    if private and allowed(member.actor, Permission.BIND_GROUP, member.year):
        # Where groups may have anonymous administrators: the code for one of them.
        assert member.actor.officer_id is not None
        key = await ctx.uow.app_settings.secret(bind_codes.KEY_NAME)
        code = bind_codes.issue(key, member.actor.officer_id, ctx.now)
        return binding.where_to_bind(ctx.t, code)
    incoming = req.incoming
    result = await groups.bind_group(
        ctx.uow, member, req.channel, incoming.chat_id, incoming.chat_title, req.is_group,
        ctx.now, incoming.thread_id,
    )  # fmt: skip
    return views.bloc.group_bound(ctx.t, result, member.bloc.name)


async def _bind_for_the_leader(req: Request, ctx: Context) -> Reply:
    incoming = req.incoming
    if not req.is_group:
        raise GroupChatRequired()
    if not req.args:
        raise bind_codes.AnonymousNeedsCode()
    key = await ctx.uow.app_settings.secret(bind_codes.KEY_NAME)
    code = req.args.split()[0]
    officer = await ctx.uow.people.officer(bind_codes.read(key, code, ctx.now))
    if officer is None or officer.id is None:
        raise bind_codes.BindCodeInvalid()
    member = await members.membership(ctx.uow, officer, req.channel)
    accounts = [
        identity.external_id
        for identity in await ctx.uow.people.identities_of([officer.id])
        if identity.channel is req.channel
    ]
    check = ctx.chat_admin
    if check is None or not any([await check(incoming.chat_id, a) for a in accounts]):
        raise bind_codes.NotChatAdmin(name=officer.full_name)
    result = await groups.bind_group(
        ctx.uow, member, req.channel, incoming.chat_id, incoming.chat_title, True, ctx.now,
        incoming.thread_id, once=bind_codes.once_key(code),
    )  # fmt: skip
    return views.bloc.group_bound(ctx.t, result, member.bloc.name)
