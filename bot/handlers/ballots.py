"""/binhxet: the year's ballots; the leader sets one up, opens, closes and revotes it."""

from __future__ import annotations

from dataclasses import replace

from bot import ballot_drafts, views
from bot.ballot_documents import ballot_files
from bot.context import Context
from bot.handlers.common import action_id, ballot_membership, organiser, places
from bot.request import Action, Button, Reply, Request
from bot.router import Router
from bot.views import ballot_setup
from bot.views import ballots as ballot_views
from bot.views import documents as document_views
from domain.ballots import AWARD_KINDS, BallotDraft, BallotKind, BallotStatus, Candidate
from domain.documents import parse_officials
from domain.errors import DomainError, StaleAction
from domain.local_time import parse_moment
from domain.policy import Permission, allowed
from domain.services import ballots, handover, voting
from domain.services.members import Membership
from domain.settings import ALLOWED_THRESHOLDS, ThresholdBase

router = Router()

DRAFT = "ballot-draft"
CLOSING = "ballot-closing"
PLACE = "ballot-place"
QUESTION = "ballot-question"
OFFICIALS = "ballot-officials"  # the draft's chair, secretary and tellers, typed
OFFICIALS_OF = "ballot-officials-of"  # the same for a ballot already open or closed
RECENT_CLOSED = 5


@router.command("binhxet", "ballots")
async def show(req: Request, ctx: Context) -> Reply:
    """The ballots of the year in review (its results, minutes and proposals stay at hand
    until the end of March) and of the current year; new ones go where the review runs."""
    found = await places(req, ctx)
    open_ones, closed, years = [], [], {}
    for place in found:
        assert place.year.id is not None
        years[place.year.id] = place.year.year
        open_ones += await voting.open_for(ctx.uow, place, ctx.now)
        closed += [b for b in await ctx.uow.ballots.for_year(place.year.id)
                   if b.status is BallotStatus.CLOSED]  # fmt: skip
    member = await handover.acting_place(ctx.uow, found)
    leader = allowed(member.actor, Permission.RUN_BALLOTS, member.year) and not req.is_group
    recent = closed[-RECENT_CLOSED:][::-1]
    board = _files_to_board(req, member) and any(b.kind in AWARD_KINDS for b in closed)
    return ballot_setup.overview(
        ctx.t, member.year.year, open_ones, recent, leader, board_file=board, years=years
    )


@router.action("bnew")
async def new(req: Request, ctx: Context) -> Reply:
    await organiser(req, ctx, Permission.RUN_BALLOTS, review=True)
    return ballot_setup.kinds(ctx.t)


@router.action("bk")
async def kind(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await organiser(req, ctx, Permission.RUN_BALLOTS, review=True)
    if req.action.arg(0) not in set(BallotKind):
        return views.errors.forged(ctx.t)
    draft = await ballots.draft(ctx.uow, member, BallotKind(req.action.arg(0)), ctx.now)
    if draft.kind is BallotKind.REPORT:
        draft = replace(draft, title=ctx.t("ballot-report-question", year=member.year.year))
    if draft.kind is BallotKind.QUESTION:
        ctx.conversation.enter(QUESTION, draft=ballot_drafts.dump(draft))
        return ballot_setup.ask_question(ctx.t)
    return _screen(ctx, member, draft)


@router.state(QUESTION)
async def question(req: Request, ctx: Context) -> Reply:
    member = await organiser(req, ctx, Permission.RUN_BALLOTS, review=True)
    draft = _draft(ctx)
    return _screen(ctx, member, replace(draft, title=ballots.question_text(req.text)))


@router.action("bdc", "bdt", "bdv", "bdq", "bds", "bdh", "bdb", "bdg", "bdp", "bdf")
async def edit(req: Request, ctx: Context) -> Reply:
    """One change to the draft; each button re-shows the screen it belongs to."""
    assert req.action is not None
    member = await organiser(req, ctx, Permission.RUN_BALLOTS, review=True)
    draft = _draft(ctx)
    name, arg = req.action.name, req.action.arg(0)
    if draft.parent_id is not None and name not in ("bdv", "bdg", "bdp", "bdf"):
        return views.errors.forged(ctx.t)  # a revote's candidates and rule are fixed
    assert member.bloc.id is not None
    units = [
        u for u in await ctx.uow.blocs.units(member.bloc.id) if u.id in member.year.member_unit_ids
    ]
    if name == "bdc":
        ctx.conversation.enter(DRAFT, draft=ballot_drafts.dump(draft))
        return ballot_setup.candidate_picker(ctx.t, draft, units)
    if name == "bdt":
        unit = next((u for u in units if u.id == action_id(arg)), None)
        if unit is None:
            return views.errors.forged(ctx.t)
        known = {
            c.unit_id: c for c in await ballots.default_candidates(ctx.uow, member, draft.kind)
        }
        candidate = known.get(unit.id, Candidate(unit.name, unit.id))
        draft = ballot_drafts.toggle_candidate(draft, candidate)
        ctx.conversation.enter(DRAFT, draft=ballot_drafts.dump(draft))
        return ballot_setup.candidate_picker(ctx.t, draft, units)
    if name == "bdq" and not arg:
        return ballot_setup.quota_picker(ctx.t, draft)
    if name == "bdq":
        quota = action_id(arg)
        if not 1 <= quota <= max(1, len(draft.candidates)):
            return views.errors.forged(ctx.t)
        draft = replace(draft, quota=quota)
    if name == "bds":
        draft = replace(draft, secret=not draft.secret)
    if name == "bdh" and not arg:
        return ballot_setup.threshold_picker(ctx.t, draft)
    if name == "bdh":
        index = action_id(arg)
        if not 0 <= index < len(ALLOWED_THRESHOLDS):
            return views.errors.forged(ctx.t)
        draft = replace(draft, threshold=ALLOWED_THRESHOLDS[index])
    if name == "bdb":
        present = draft.base is ThresholdBase.ALL_MEMBERS
        draft = replace(
            draft, base=ThresholdBase.PRESENT_MEMBERS if present else ThresholdBase.ALL_MEMBERS
        )
    if name == "bdg":
        ctx.conversation.enter(CLOSING, draft=ballot_drafts.dump(draft))
        return ballot_setup.ask_closing(ctx.t)
    if name == "bdp":
        ctx.conversation.enter(PLACE, draft=ballot_drafts.dump(draft))
        return ballot_setup.ask_place(ctx.t)
    if name == "bdf":
        ctx.conversation.enter(OFFICIALS, draft=ballot_drafts.dump(draft))
        return document_views.ask_officials(ctx.t, draft.officials, Action("bdv"))
    return _screen(ctx, member, draft)


@router.state(CLOSING)
async def closing(req: Request, ctx: Context) -> Reply:
    member = await organiser(req, ctx, Permission.RUN_BALLOTS, review=True)
    draft = _draft(ctx)
    moment = parse_moment(req.text, ctx.now)
    if moment is None or moment <= ctx.now:
        return views.errors.refusal(
            ctx.t("error-closing-time-unreadable", text=req.text.strip()[:40])
        )
    return _screen(ctx, member, replace(draft, closes_at=moment))


@router.state(PLACE)
async def place(req: Request, ctx: Context) -> Reply:
    """Where the vote is held, for the minutes (the conference hall, or online)."""
    member = await organiser(req, ctx, Permission.RUN_BALLOTS, review=True)
    draft = _draft(ctx)
    return _screen(ctx, member, replace(draft, place=ballots.place_text(req.text)))


@router.state(OFFICIALS)
async def officials(req: Request, ctx: Context) -> Reply:
    """Who the minutes will name, typed one role a line; the others stay as they were."""
    member = await organiser(req, ctx, Permission.RUN_BALLOTS)
    draft = _draft(ctx)
    typed = parse_officials(req.text, draft.officials)
    return _screen(ctx, member, replace(draft, officials=typed))


@router.action("bof")
async def ask_officials(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await organiser(req, ctx, Permission.RUN_BALLOTS)
    ballot = await ballots.ballot_in_year(ctx.uow, member, action_id(req.action.arg(0)))
    ctx.conversation.enter(OFFICIALS_OF, ballot=ballot.id)
    back = Action("br", (str(ballot.id),))
    return document_views.ask_officials(ctx.t, ballot.officials, back)


@router.state(OFFICIALS_OF)
async def officials_of(req: Request, ctx: Context) -> Reply:
    member = await organiser(req, ctx, Permission.RUN_BALLOTS)
    ballot_id = int(ctx.conversation.data.get("ballot") or 0)
    ballot = await ballots.set_officials(ctx.uow, member, ballot_id, req.text, ctx.now)
    ctx.conversation.clear()
    saved = ctx.t("officials-saved")
    if ballot.status is not BallotStatus.CLOSED:
        return Reply(saved, [[Button(ctx.t("btn-setup-back"), Action("cmd", ("binhxet",)))]])
    reply = await _result(req, ctx, member, ballot_id)
    reply.text = f"{saved}\n\n{reply.text}"
    return reply


@router.action("bdo")
async def open_ballot(req: Request, ctx: Context) -> Reply:
    member = await organiser(req, ctx, Permission.RUN_BALLOTS, review=True)
    draft = _draft(ctx)
    ballot = await ballots.open_ballot(ctx.uow, member, draft, ctx.now, ctx.notices)
    ctx.conversation.clear()
    state = await voting.state(ctx.uow, member, ballot.id or 0)
    reply = ballot_views.paper(ctx.t, state, member.year.year, 0, ctx.now)
    reply.text = f"{ctx.t('ballot-opened')}\n\n{reply.text}"
    return reply


@router.action("bdx")
async def cancel(req: Request, ctx: Context) -> Reply:
    ctx.conversation.clear()
    return Reply(
        ctx.t("ballot-setup-cancelled"), [[views.menu.command_button(ctx.t("btn-menu"), "menu")]]
    )


@router.action("bc")
async def confirm_close(req: Request, ctx: Context) -> Reply:
    member, ballot_id = await _of_ballot(req, ctx, Permission.RUN_BALLOTS)
    state = await voting.state(ctx.uow, member, ballot_id)
    return ballot_setup.confirm_close(ctx.t, state, member.year.year)


@router.action("bcc")
async def close(req: Request, ctx: Context) -> Reply:
    member, ballot_id = await _of_ballot(req, ctx, Permission.RUN_BALLOTS)
    record = await ballots.close(ctx.uow, member, ballot_id, ctx.now, ctx.notices)
    can = await _can_revote(ctx, member, record.ballot.id)
    board = _files_to_board(req, member) and bool(record.proposal_number)
    return ballot_views.result(ctx.t, record, can, organiser=True, board_file=board)


@router.action("br")
async def result(req: Request, ctx: Context) -> Reply:
    member, ballot_id = await _of_ballot(req, ctx)
    return await _result(req, ctx, member, ballot_id)


async def _result(req: Request, ctx: Context, member: Membership, ballot_id: int) -> Reply:
    record = await ballots.closed_record(ctx.uow, member, ballot_id)
    can = not req.is_group and await _can_revote(ctx, member, record.ballot.id)
    leader = not req.is_group and allowed(member.actor, Permission.RUN_BALLOTS, member.year)
    board = _files_to_board(req, member) and bool(record.proposal_number)
    return ballot_views.result(ctx.t, record, can, organiser=leader, board_file=board)


@router.action("bm")
async def documents(req: Request, ctx: Context) -> Reply:
    member, ballot_id = await _of_ballot(req, ctx)
    record = await ballots.closed_record(ctx.uow, member, ballot_id)
    reply = Reply(ctx.t("ballot-documents"), files=ballot_files(record))
    reply.new_message = True
    return reply


@router.action("brv")
async def revote(req: Request, ctx: Context) -> Reply:
    member, ballot_id = await _of_ballot(req, ctx, Permission.RUN_BALLOTS)
    draft = await ballots.revote_draft(ctx.uow, member, ballot_id, ctx.now)
    return _screen(ctx, member, draft)


async def _of_ballot(
    req: Request, ctx: Context, permission: Permission | None = None
) -> tuple[Membership, int]:
    """The asker in the year of the ballot the button names (the year in review's or the
    current year's), as its organiser when `permission` is given; and the ballot's id."""
    assert req.action is not None
    ballot_id = action_id(req.action.arg(0))
    if permission is None:
        return await ballot_membership(req, ctx, ballot_id), ballot_id
    year_id = await ballots.year_of(ctx.uow, ballot_id)
    return await organiser(req, ctx, permission, year_id=year_id), ballot_id


def _draft(ctx: Context) -> BallotDraft:
    draft = ballot_drafts.load(ctx.conversation.data.get("draft") or {})
    if draft is None:
        raise StaleAction()
    return draft


def _screen(ctx: Context, member: Membership, draft: BallotDraft) -> Reply:
    ctx.conversation.enter(DRAFT, draft=ballot_drafts.dump(draft))
    return ballot_setup.draft_screen(
        ctx.t, draft, member.year.year, len(member.year.member_unit_ids)
    )


def _files_to_board(req: Request, member: Membership) -> bool:
    """The file for the provincial board is offered privately to who sends or receives it."""
    return not req.is_group and allowed(member.actor, Permission.FILE_TO_BOARD, member.year)


async def _can_revote(ctx: Context, member: Membership, ballot_id: int | None) -> bool:
    if ballot_id is None or not allowed(member.actor, Permission.RUN_BALLOTS, member.year):
        return False
    try:
        await ballots.revote_draft(ctx.uow, member, ballot_id, ctx.now)
    except DomainError:  # refused: there is no revote to offer
        return False
    return True
