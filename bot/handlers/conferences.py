"""/hoinghi: the year's conferences; units answer who attends; the leader schedules, moves
and cancels them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from bot import views
from bot.context import Context
from bot.handlers.common import action_id, organiser, places, year_membership
from bot.request import Action, Reply, Request
from bot.router import Router
from bot.views import conferences as conference_views
from domain.conferences import ConferenceKind
from domain.errors import StaleAction
from domain.local_time import parse_moment
from domain.model import Unit
from domain.policy import Permission, allowed
from domain.services import conferences, handover
from domain.services.conferences import ConferenceDraft
from domain.services.members import Membership

router = Router()

DRAFT = "conference-draft"
TYPING = "conference-typing"  # a field of the draft being typed
MOVING = "conference-moving"  # the new time of a scheduled conference
FIELDS = {"hdt": "time", "hdp": "place", "hda": "agenda", "hdw": "attendees"}


@router.command("hoinghi", "conferences")
async def show(req: Request, ctx: Context) -> Reply:
    """The conferences of the year in review (its tổng kết may come after next year was
    created) and of the current year."""
    found = await places(req, ctx)
    items, answers, years = [], {}, {}
    for place in found:
        assert place.year.id is not None
        years[place.year.id] = place.year.year
        for conference in await conferences.of_year(ctx.uow, place):
            items.append(conference)
            assert conference.id is not None
            for rsvp in await ctx.uow.conferences.rsvps(conference.id):
                if place.unit is not None and rsvp.unit_id == place.unit.id:
                    answers[conference.id] = rsvp
    member = await handover.acting_place(ctx.uow, found)
    organiser_ = allowed(member.actor, Permission.RUN_CONFERENCES, member.year)
    return conference_views.overview(
        ctx.t, member.year.year, items, answers, await _units(ctx, member),
        organiser_ and not req.is_group, ctx.now, years,
    )  # fmt: skip


@router.action("ha")
async def ask_answer(req: Request, ctx: Context) -> Reply:
    member, conference_id = await _of_conference(req, ctx)
    conference = await conferences.conference_in_year(ctx.uow, member, conference_id)
    return conference_views.answer_picker(ctx.t, conference, member.year.year)


@router.action("hr")
async def answer(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member, conference_id = await _of_conference(req, ctx)
    people = action_id(req.action.arg(1))
    rsvp = await conferences.answer(ctx.uow, member, conference_id, people, ctx.now)
    conference = await conferences.conference_in_year(ctx.uow, member, conference_id)
    reply = conference_views.answered(ctx.t, conference, member.year.year, rsvp)
    reply.toast = ctx.t("conference-answered", name=conference_views.name(
        ctx.t, conference.kind, member.year.year))  # fmt: skip
    return reply


@router.action("hi")
async def calendar(req: Request, ctx: Context) -> Reply:
    member, conference_id = await _of_conference(req, ctx)
    conference = await conferences.conference_in_year(ctx.uow, member, conference_id)
    hosts = await _units(ctx, member)
    file = conference_views.calendar_file(
        ctx.t, conference, member.year.year, member.bloc.code, member.bloc.name,
        hosts.get(conference.host_unit_id or 0), ctx.now,
    )  # fmt: skip
    return Reply(ctx.t("conference-ics-caption"), files=[file], new_message=True)


@router.action("hnew")
async def new(req: Request, ctx: Context) -> Reply:
    review = await organiser(req, ctx, Permission.RUN_CONFERENCES, review=True)
    current = (await places(req, ctx))[-1]
    return conference_views.kinds(ctx.t, current.year.year, annual_year=review.year.year)


@router.action("hk")
async def kind(req: Request, ctx: Context) -> Reply:
    """The annual review (tổng kết) belongs to the year in review until it is handed over;
    the others to the current year."""
    assert req.action is not None
    if req.action.arg(0) not in set(ConferenceKind):
        return views.errors.forged(ctx.t)
    chosen = ConferenceKind(req.action.arg(0))
    review = chosen is ConferenceKind.ANNUAL
    member = await organiser(req, ctx, Permission.RUN_CONFERENCES, review=review)
    draft = conferences.propose(member, chosen, ctx.now)
    return await _screen(ctx, member, draft)


@router.action("hdt", "hdp", "hda", "hdw")
async def ask_field(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await _draft_organiser(req, ctx)
    draft = _draft(ctx)
    field = FIELDS[req.action.name]
    ctx.conversation.enter(TYPING, draft=_dump(draft, member), field=field)
    return conference_views.ask(ctx.t, field, Action("hdv"), member.year.year)


@router.action("hdh")
async def ask_host(req: Request, ctx: Context) -> Reply:
    member = await _draft_organiser(req, ctx)
    draft = _draft(ctx)
    units = await _units(ctx, member)
    members = [units[uid] for uid in member.year.member_unit_ids if uid in units]
    return conference_views.host_picker(ctx.t, members, draft.host_unit_id)


@router.action("hdu")
async def chosen_host(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await _draft_organiser(req, ctx)
    draft = conferences.with_host(_draft(ctx), member, action_id(req.action.arg(0)))
    return await _screen(ctx, member, draft)


@router.state(TYPING)
async def typed(req: Request, ctx: Context) -> Reply:
    member = await _draft_organiser(req, ctx)
    draft = _draft(ctx)
    field = str(ctx.conversation.data.get("field", ""))
    if field == "time":
        moment = parse_moment(req.text, ctx.now)
        if moment is None:
            return views.errors.refusal(
                ctx.t("error-conference-time-unreadable", text=req.text[:40], year=member.year.year)
            )
        draft = replace(draft, starts_at=moment)
    elif field in ("place", "agenda", "attendees"):
        draft = conferences.with_text(draft, field, req.text)
    else:
        raise StaleAction()
    conferences.validate(draft, member, ctx.now)  # refused now, not only when sending
    return await _screen(ctx, member, draft)


@router.action("hdv")
async def back(req: Request, ctx: Context) -> Reply:
    member = await _draft_organiser(req, ctx)
    return await _screen(ctx, member, _draft(ctx))


@router.action("hds")
async def send(req: Request, ctx: Context) -> Reply:
    member = await _draft_organiser(req, ctx)
    conference = await conferences.schedule(ctx.uow, member, _draft(ctx), ctx.now, ctx.notices)
    ctx.conversation.clear()
    return await _managed(ctx, member, conference.id or 0, "conference-sent")


@router.action("hdx")
async def cancel_draft(req: Request, ctx: Context) -> Reply:
    ctx.conversation.clear()
    return Reply(ctx.t("conference-setup-cancelled"),
                 [[views.menu.command_button(ctx.t("btn-conferences"), "hoinghi")]])  # fmt: skip


@router.action("hm")
async def manage(req: Request, ctx: Context) -> Reply:
    member, conference_id = await _of_conference(req, ctx, manage=True)
    return await _managed(ctx, member, conference_id)


@router.action("hmv")
async def ask_move(req: Request, ctx: Context) -> Reply:
    member, conference_id = await _of_conference(req, ctx, manage=True)
    ctx.conversation.enter(MOVING, conference=conference_id)
    back = Action("hm", (str(conference_id),))
    return conference_views.ask(ctx.t, "time", back, member.year.year)


@router.state(MOVING)
async def move(req: Request, ctx: Context) -> Reply:
    conference_id = int(ctx.conversation.data.get("conference", -1))
    member, _ = await _of_conference(req, ctx, manage=True, conference_id=conference_id)
    moment = parse_moment(req.text, ctx.now)
    if moment is None:
        unreadable = ctx.t(
            "error-conference-time-unreadable", text=req.text[:40], year=member.year.year
        )
        return views.errors.refusal(unreadable)
    await conferences.move(ctx.uow, member, conference_id, moment, None, ctx.now, ctx.notices)
    ctx.conversation.clear()
    return await _managed(ctx, member, conference_id, "conference-moved-done")


@router.action("hcx")
async def ask_cancel(req: Request, ctx: Context) -> Reply:
    member, conference_id = await _of_conference(req, ctx, manage=True)
    conference = await conferences.conference_in_year(ctx.uow, member, conference_id)
    return conference_views.confirm_cancel(ctx.t, conference, member.year.year)


@router.action("hcc")
async def cancel(req: Request, ctx: Context) -> Reply:
    member, conference_id = await _of_conference(req, ctx, manage=True)
    await conferences.cancel(ctx.uow, member, conference_id, ctx.now, ctx.notices)
    return await _managed(ctx, member, conference_id, "conference-cancelled-done")


async def _of_conference(
    req: Request, ctx: Context, manage: bool = False, conference_id: int | None = None
) -> tuple[Membership, int]:
    """The asker in the year of the conference the button names (the year in review's or
    the current year's), as its organiser when it is to `manage` it; and the id."""
    if conference_id is None:
        assert req.action is not None
        conference_id = action_id(req.action.arg(0))
    year_id = await conferences.year_of(ctx.uow, conference_id)
    if manage:
        return await organiser(req, ctx, Permission.RUN_CONFERENCES, year_id=year_id), conference_id
    return await year_membership(req, ctx, year_id), conference_id


async def _draft_organiser(req: Request, ctx: Context) -> Membership:
    """The organiser in the year the draft being set up belongs to."""
    data = ctx.conversation.data.get("draft")
    year_id = data.get("year") if isinstance(data, dict) else None
    if not isinstance(year_id, int):
        raise StaleAction()
    return await organiser(req, ctx, Permission.RUN_CONFERENCES, year_id=year_id)


async def _managed(
    ctx: Context, member: Membership, conference_id: int, done: str | None = None
) -> Reply:
    """The organiser's screen of a conference, under what was just done (`done`: its key)."""
    attendance = await conferences.attendance(ctx.uow, member, conference_id)
    reply = conference_views.manage(ctx.t, attendance, member.year.year, ctx.now)
    if done is not None:
        reply.text = f"{ctx.t(done)}\n\n{reply.text}"
    return reply


async def _units(ctx: Context, member: Membership) -> dict[int, Unit]:
    assert member.bloc.id is not None
    return {u.id: u for u in await ctx.uow.blocs.units(member.bloc.id) if u.id is not None}


async def _screen(ctx: Context, member: Membership, draft: ConferenceDraft) -> Reply:
    ctx.conversation.enter(DRAFT, draft=_dump(draft, member))
    host = (await _units(ctx, member)).get(draft.host_unit_id or 0)
    return conference_views.draft_screen(ctx.t, draft, member.year.year, host)


def _dump(draft: ConferenceDraft, member: Membership) -> dict[str, Any]:
    return {
        "year": member.year.id,
        "kind": draft.kind.value,
        "starts_at": draft.starts_at.isoformat(),
        "host": draft.host_unit_id,
        "place": draft.place,
        "agenda": draft.agenda,
        "attendees": draft.attendees,
    }


def _draft(ctx: Context) -> ConferenceDraft:
    data = ctx.conversation.data.get("draft")
    if not isinstance(data, dict):
        raise StaleAction()
    try:
        return ConferenceDraft(
            ConferenceKind(data["kind"]), datetime.fromisoformat(data["starts_at"]),
            data["host"], str(data["place"]), str(data["agenda"]), str(data["attendees"]),
        )  # fmt: skip
    except (KeyError, ValueError, TypeError) as error:
        raise StaleAction() from error
