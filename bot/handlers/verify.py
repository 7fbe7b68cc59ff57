"""/thamdinh: the leader or deputy verifies the cycle's sheets: the bloc's progress, one
unit's sheet with its evidence, a change with its reason, the "verified" mark."""

from __future__ import annotations

from decimal import Decimal

from bot import views, web_entry
from bot.context import Context
from bot.evidence_fetch import fetch_all
from bot.handlers.common import action_id, review_membership
from bot.request import Reply, Request
from bot.router import Router
from domain.errors import CrossMeanFixed, OwnUnitVerification, StaleAction, UnknownCriterion
from domain.model import Role
from domain.policy import Permission, allowed
from domain.services import scoring, verification
from domain.services.members import Membership
from domain.settings import ScoringMode
from domain.summary import Cycle
from domain.verification import read_value

router = Router()

CODE, VALUE, REASON = "verify-code", "verify-value", "verify-reason"


@router.command("thamdinh", "verify")
async def start(req: Request, ctx: Context) -> Reply:
    member = await review_membership(req, ctx)
    ctx.conversation.clear()
    reply = await _board(ctx, member, scoring.reporting_cycle(member.year, ctx.now))
    return await web_entry.offer(reply, req, ctx, "web-btn-verify", web_entry.VERIFY)


@router.action("vl")
async def back_to_board(req: Request, ctx: Context) -> Reply:
    member = await review_membership(req, ctx)
    ctx.conversation.clear()
    return await _board(ctx, member, _cycle(req))


@router.action("vu")
async def open_unit(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await review_membership(req, ctx)
    unit_id, cycle = action_id(req.action.arg(0)), _cycle(req, 1)
    review = await verification.unit_review(ctx.uow, member, unit_id, cycle)
    if review.own_unit:
        raise OwnUnitVerification()  # told before any code or reason is typed
    if not review.ready:
        raise StaleAction()
    ctx.conversation.enter(CODE, unit=unit_id, cycle=cycle.value)
    return views.verify.detail(ctx.t, review, ctx.now, _verifier(ctx, member, Role.LEADER))


@router.state(CODE)
async def typed_code(req: Request, ctx: Context) -> Reply:
    member = await review_membership(req, ctx)
    unit_id, cycle = _unit_and_cycle(ctx)
    review = await verification.unit_review(ctx.uow, member, unit_id, cycle)
    code = review.table.code_of(req.text)
    found = review.table.find(code) if code else None
    if code is None or found is None:
        raise UnknownCriterion(code=req.text.strip())
    if review.mode is ScoringMode.CROSS and found.kind != "penalty":
        raise CrossMeanFixed(item=code)  # before the leader types a score for nothing
    ctx.conversation.enter(VALUE, unit=unit_id, cycle=cycle.value, code=code)
    if found.kind == "penalty":
        return views.verify.ask_count(ctx.t, review, code)
    return views.verify.ask_points(ctx.t, review, code, found.points)


@router.state(VALUE)
async def typed_value(req: Request, ctx: Context) -> Reply:
    member = await review_membership(req, ctx)
    data = ctx.conversation.data
    code = str(data["code"])
    if member.year.criteria is None:
        raise StaleAction()
    value = str(read_value(member.year.criteria, code, req.text))
    ctx.conversation.enter(REASON, unit=data["unit"], cycle=data["cycle"], code=code, value=value)
    shown = views.fmt.points(Decimal(value), ctx.t.locale)
    return views.verify.ask_reason(ctx.t, code, shown, verification.REASON_MAX_CHARS)


@router.state(REASON)
async def typed_reason(req: Request, ctx: Context) -> Reply:
    member = await review_membership(req, ctx)
    data = ctx.conversation.data
    unit_id, cycle = _unit_and_cycle(ctx)
    code, value = str(data["code"]), str(data["value"])
    before = await verification.unit_review(ctx.uow, member, unit_id, cycle)
    entry = before.record.entries.get(code) if before.record else None
    old = entry.verified_value if entry and entry.verified_value is not None else before.value(code)
    review = await verification.verify_entry(
        ctx.uow, member, unit_id, cycle, code, value, req.text, ctx.now, ctx.notices
    )
    ctx.conversation.enter(CODE, unit=unit_id, cycle=cycle.value)
    shown_old = "—" if old is None else views.fmt.points(old, ctx.t.locale)
    verifier = _verifier(ctx, member, Role.LEADER)
    return views.verify.changed(ctx.t, review, code, shown_old, ctx.now, verifier)


@router.action("vok")
async def mark(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await review_membership(req, ctx)
    unit_id, cycle = action_id(req.action.arg(0)), _cycle(req, 1)
    review = await verification.mark_verified(ctx.uow, member, unit_id, cycle, ctx.now, ctx.notices)
    ctx.conversation.clear()
    return views.verify.marked(ctx.t, review)


@router.action("vev")
async def evidence(req: Request, ctx: Context) -> Reply:
    """The unit's evidence: notes as text, photos and documents as files where this
    process can fetch them from the channel they came through."""
    assert req.action is not None
    member = await review_membership(req, ctx)
    unit_id, cycle = action_id(req.action.arg(0)), _cycle(req, 1)
    review = await verification.unit_review(ctx.uow, member, unit_id, cycle)
    pieces = await verification.evidence_of(ctx.uow, review)
    files, unreachable = await fetch_all(pieces, ctx.fetchers, ctx.fetch)
    return views.evidence.listing(ctx.t, review, pieces, files, unreachable)


async def _board(ctx: Context, member: Membership, cycle: Cycle) -> Reply:
    state = await verification.board(ctx.uow, member, cycle)
    can_publish = allowed(member.actor, Permission.PUBLISH_RANKING, member.year)
    reply = views.verify.board(ctx.t, state, member.year.year, ctx.now, can_publish)
    own = member.unit
    if own is not None and own.id in member.year.member_unit_ids:
        other = Role.DEPUTY if own.id == member.year.leader_unit_id else Role.LEADER
        note = views.verify.own_unit_note(ctx.t, own.short_name, _verifier(ctx, member, other))
        reply.text += "\n" + note
    return reply


def _verifier(ctx: Context, member: Membership, role: Role) -> str:
    return views.verify.role_name(ctx.t, role, views.fmt.bloc_kind(member.bloc))


def _cycle(req: Request, index: int = 0) -> Cycle:
    assert req.action is not None
    value = req.action.arg(index)
    if value not in set(Cycle):
        raise StaleAction()
    return Cycle(value)


def _unit_and_cycle(ctx: Context) -> tuple[int, Cycle]:
    data = ctx.conversation.data
    return int(data["unit"]), Cycle(str(data["cycle"]))
