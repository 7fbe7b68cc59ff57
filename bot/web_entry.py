"""The one button of a chat screen that opens the same task on the web: a Mini App button on
Telegram (served over HTTPS), elsewhere a personal sign-in link that works once, 15 minutes."""

from __future__ import annotations

from bot.context import Context
from bot.request import Action, Button, Reply, Request
from domain.model import Channel
from web.tokens import LINK_TTL, new_token, token_hash

SHEET = "/w/sheet"
PLEDGE = "/w/pledge"
YEAR = "/w/year"
BOARD = "/w/board"
VERIFY = "/w/verify"


def ballot_path(ballot_id: int) -> str:
    return f"/w/ballot/{ballot_id}"


async def offer(reply: Reply, req: Request, ctx: Context, label_key: str, path: str) -> Reply:
    """`reply` with the web page first; never in a group, where a link would be anyone's."""
    if not ctx.config.web_pages or req.is_group:
        return reply
    button = Button(ctx.t(label_key), Action("web"), await page_url(req, ctx, path))
    reply.buttons.insert(0, [button])
    return reply


async def page_url(req: Request, ctx: Context, path: str) -> str:
    base = ctx.config.public_base_url.rstrip("/")
    if req.channel is Channel.TELEGRAM and base.startswith("https://"):
        # The Mini App signs the person in with its initData: no link to keep secret.
        return f"{base}{path}?tg=1"
    token = new_token()
    await ctx.uow.web_access.add_link(
        token_hash(token), req.channel.value, req.incoming.user_id, path,
        ctx.now, ctx.now + LINK_TTL,
    )  # fmt: skip
    return f"{base}/w/in/{token}"
