"""/chamdiem: a unit scores itself (or, in cross mode, the others), item by item."""

from __future__ import annotations

from decimal import Decimal

from bot import views, web_entry
from bot.context import Context
from bot.handlers import fast_entry as fast
from bot.handlers.common import action_id, membership
from bot.request import RefusedOnScreen, Reply, Request
from bot.router import Router
from domain.errors import (
    BonusOverCap,
    CountNotANumber,
    EntryChangedMeanwhile,
    ScoreNotANumber,
    ScoreOutOfRange,
    ScoreTooManyDecimals,
    ScoringClosed,
)
from domain.fast_entry import split_message
from domain.services import answers, fast_entry, scoring
from domain.services.members import Membership
from domain.services.sheet_walk import first_in, neighbour
from domain.settings import ScoringMode
from domain.sheets import NOTE_MAX_CHARS, EntryKind, Evidence, SheetStatus
from domain.summary import Cycle

router = Router()

SCORING = "score"  # conversation state: data {sheet, code, seen}
NOTE = "score-note"  # the next text is an evidence note for the item
# What is wrong with the value typed: the item stays on screen to be typed again.
TYPED_VALUE_REFUSED = (
    ScoreNotANumber, ScoreOutOfRange, ScoreTooManyDecimals, CountNotANumber, BonusOverCap,
    EntryChangedMeanwhile,
)  # fmt: skip


@router.command("chamdiem", "score")
async def start(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    ctx.conversation.clear()
    try:
        cycle = scoring.current_cycle(member.year, ctx.now)
    except ScoringClosed:
        # Outside the window the unit still reads its sheet and the verification.
        cycle = scoring.reporting_cycle(member.year, ctx.now)
        sheet = await scoring.own_result(ctx.uow, member, cycle)
        if sheet is None:
            raise
        return await _with_answers(ctx, member, sheet, req)
    if member.year.rules.scoring_mode is ScoringMode.CROSS:
        units = await ctx.uow.blocs.units(member.bloc.id or 0)
        own = member.unit.id if member.unit else None
        others = [
            (u.id or 0, u.name)
            for u in units
            if u.id in member.year.member_unit_ids and u.id != own
        ]
        return await _with_page(views.scoring.choose_unit(ctx.t, others, cycle.value), req, ctx)
    view = await scoring.open_sheet(ctx.uow, member, cycle, ctx.now)
    return await _with_answers(ctx, member, view, req)


async def _with_answers(
    ctx: Context, member: Membership, view: scoring.SheetView, req: Request
) -> Reply:
    """The sheet, with its web page offered; once verified with changes still open to an
    answer, the unit answers here."""
    reply = await _with_page(views.scoring.overview(ctx.t, view), req, ctx)
    sheet = view.sheet
    if sheet.status is SheetStatus.SUBMITTED and sheet.is_self and sheet.changes():
        review = await answers.own_review(ctx.uow, member, sheet.cycle)
        if review.awaiting(ctx.now):
            reply.buttons.insert(0, views.answers.answer_buttons(ctx.t, sheet.cycle.value))
    return reply


async def _with_page(reply: Reply, req: Request, ctx: Context) -> Reply:
    """/chamdiem offers the whole sheet on one web page (📝 Mở phiếu chấm điểm)."""
    return await web_entry.offer(reply, req, ctx, "web-btn-sheet", web_entry.SHEET)


@router.action("su")
async def score_unit(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    cycle, unit_id = Cycle(req.action.arg(0)), int(req.action.arg(1))
    view = await scoring.open_sheet(ctx.uow, member, cycle, ctx.now, unit_id=unit_id)
    return views.scoring.overview(ctx.t, view)


@router.action("sv")
async def show_sheet(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    ctx.conversation.clear()
    view = await scoring.sheet_view(ctx.uow, member, action_id(req.action.arg(0)))
    return await _with_answers(ctx, member, view, req)


@router.action("sc")
async def open_section(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    view = await scoring.sheet_view(ctx.uow, member, action_id(req.action.arg(0)))
    done = {code for code, e in view.sheet.entries.items() if e.points is not None}
    code = first_in(view.table, req.action.arg(1), done)
    if code is None or not view.editable:
        return views.scoring.overview(ctx.t, view)
    return await _prompt(ctx, view, code)


@router.action("si")
async def move(req: Request, ctx: Context) -> Reply:
    """◀ / ▶: the item before or after the one shown."""
    assert req.action is not None
    member = await membership(req, ctx)
    view = await scoring.sheet_view(ctx.uow, member, action_id(req.action.arg(0)))
    code = neighbour(view.table, req.action.arg(1), action_id(req.action.arg(2)))
    if code is None or not view.editable:
        ctx.conversation.clear()
        return views.scoring.overview(ctx.t, view)
    return await _prompt(ctx, view, code)


@router.state(SCORING)
async def typed_score(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    data = ctx.conversation.data
    sheet_id, code = int(data["sheet"]), str(data["code"])
    attachment = req.incoming.attachment
    if attachment is not None:
        evidence = Evidence(
            code, attachment.kind, attachment.reference, attachment.name, attachment.size,
            mime_type=attachment.mime_type, channel=req.channel.value,
        )  # fmt: skip
        view = await scoring.add_evidence(ctx.uow, member, sheet_id, evidence, ctx.now)
        notice = ctx.t("evidence-saved", item=code, kind=attachment.kind)
        return await _prompt(ctx, view, code, notice)
    if fast.typed_at_item(member, req.text):  # "1.1 180; 1.2 108": the sheet, not one score
        return await fast.enter(ctx, member, split_message(req.text), "message")
    try:
        view = await scoring.set_entry(
            ctx.uow, member, sheet_id, code, req.text, ctx.now, seen=_seen(data.get("seen"))
        )
    except TYPED_VALUE_REFUSED as refused:
        # Told on the item's screen, which stays the last message (edited in place where the
        # channel can). Shown the colleague's value, they replace it by typing again.
        screen = await _prompt(ctx, await scoring.sheet_view(ctx.uow, member, sheet_id), code)
        screen.replaces_screen = True
        raise RefusedOnScreen(refused, screen) from refused
    notice = views.scoring.recorded(ctx.t, view, code)
    following = neighbour(view.table, code, 1)
    if following is None:
        ctx.conversation.clear()
        screen = views.scoring.overview(ctx.t, view)
        screen.text = f"{notice}\n\n{screen.text}"
    else:
        screen = await _prompt(ctx, view, following, notice)
    screen.replaces_screen = True  # the sheet on screen moves on, as on paper
    return screen


@router.action("sn")
async def ask_note(req: Request, ctx: Context) -> Reply:
    """📝: the next text typed is a note of evidence for the item shown."""
    assert req.action is not None
    data = ctx.conversation.data
    if ctx.conversation.state != SCORING or str(data.get("code")) != req.action.arg(1):
        return views.errors.forged(ctx.t)
    ctx.conversation.enter(NOTE, **data)
    return Reply(ctx.t("evidence-ask-note", item=req.action.arg(1), max=NOTE_MAX_CHARS))


@router.state(NOTE)
async def typed_note(req: Request, ctx: Context) -> Reply:
    if req.incoming.attachment is not None:
        ctx.conversation.state = SCORING  # a photo or file is evidence of its own, not a note
        return await typed_score(req, ctx)
    member = await membership(req, ctx)
    data = ctx.conversation.data
    sheet_id, code = int(data["sheet"]), str(data["code"])
    note = Evidence(code, "note", req.text.strip(), ctx.t("evidence-note-name"))
    view = await scoring.add_evidence(ctx.uow, member, sheet_id, note, ctx.now)
    return await _prompt(ctx, view, code, ctx.t("evidence-saved", item=code, kind="note"))


@router.action("sb")
async def ask_submit(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    ctx.conversation.clear()
    view = await scoring.sheet_view(ctx.uow, member, action_id(req.action.arg(0)))
    return views.scoring.confirm_submit(ctx.t, view)


@router.action("sbc")
async def submit(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    view = await scoring.submit(ctx.uow, member, action_id(req.action.arg(0)), ctx.now)
    return views.scoring.submitted(ctx.t, view)


async def _prompt(ctx: Context, view: scoring.SheetView, code: str, notice: str = "") -> Reply:
    entry = view.sheet.entries.get(code)
    seen: Decimal | int | None = None
    if entry is not None:
        seen = entry.occurrences if entry.kind is EntryKind.PENALTY else entry.points
    ctx.conversation.enter(
        SCORING, sheet=view.sheet.id, code=code, seen=None if seen is None else str(seen),
        shown=fast_entry.shown(view.sheet),  # what a whole sheet typed here is checked against
    )  # fmt: skip
    evidence = await scoring.evidence_count(ctx.uow, view.sheet.id or 0, code)
    return views.scoring.item_prompt(ctx.t, view, code, notice, evidence)


def _seen(stored: object) -> Decimal | int | None:
    """What the officer was shown, as the service compares it."""
    if stored is None:
        return None
    text = str(stored)
    return int(text) if text.isdigit() and "." not in text else Decimal(text)
