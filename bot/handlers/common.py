"""Small helpers the handlers share: who is asking, in which bloc."""

from __future__ import annotations

from bot import wording
from bot.context import Context
from bot.i18n import speak_for
from bot.request import Request
from domain.errors import PrivateChatRequired
from domain.policy import Permission, require
from domain.services import ballots, handover, members
from domain.services.members import Membership


async def membership(req: Request, ctx: Context, bloc_code: str | None = None) -> Membership:
    """The asker's place in the bloc: in a bound group, the group's bloc."""
    chat = req.incoming.chat_id if req.is_group else None
    member = await members.membership(ctx.uow, ctx.officer, req.channel, bloc_code, chat)
    speak_for(wording.bloc_words(member.bloc))  # the rest of the update speaks of this bloc
    return member


async def places(req: Request, ctx: Context) -> list[Membership]:
    """The asker's places in the bloc's year in review (the year just ended, until the end
    of March after it) and in its current year, in that order."""
    chat = req.incoming.chat_id if req.is_group else None
    return await members.memberships(ctx.uow, ctx.officer, req.channel, ctx.now, None, chat)


async def review_membership(req: Request, ctx: Context) -> Membership:
    """The asker's place in the year whose annual review runs, else in the current year:
    the ranking, the reports and verification of the year just ended stay reachable."""
    return (await places(req, ctx))[0]


async def year_membership(req: Request, ctx: Context, year_id: int) -> Membership:
    """The asker's place in the year a button's ballot or conference belongs to."""
    return members.in_year(await places(req, ctx), year_id)


async def ballot_membership(req: Request, ctx: Context, ballot_id: int) -> Membership:
    """The asker's place in the year of the ballot a button names."""
    return await year_membership(req, ctx, await ballots.year_of(ctx.uow, ballot_id))


def action_id(text: str) -> int:
    """An id carried by a button; a forged one finds nothing and is refused as stale."""
    return int(text) if text.isascii() and text.isdigit() else -1


async def organiser(
    req: Request,
    ctx: Context,
    permission: Permission,
    *,
    review: bool = False,
    year_id: int | None = None,
) -> Membership:
    """The leader's set-up screens are private: the group sees only what they produce. With
    `review`, in the year whose annual review has not been handed over yet (a new ballot);
    with `year_id`, in that year (a ballot's own)."""
    if year_id is not None:
        member = await year_membership(req, ctx, year_id)
    elif review:
        member = await handover.acting_place(ctx.uow, await places(req, ctx))
    else:
        member = await membership(req, ctx)
    if req.is_group:
        raise PrivateChatRequired()
    require(member.actor, permission, member.year)
    return member
