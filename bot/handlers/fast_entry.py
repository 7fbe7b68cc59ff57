"""Fast entry: the whole sheet in one message, the unit's filled .xlsx form, or last
period's scores as the start — from the sheet's ⚡ button, or typed at any item's prompt."""

from __future__ import annotations

import asyncio
import io
from typing import Any

from bot import views
from bot.context import Context
from bot.handlers.common import action_id, membership
from bot.handlers.criteria import XLSX_TYPES
from bot.request import Reply, Request
from bot.router import Router
from domain.errors import EntryProblems
from domain.fast_entry import Written, is_sheet_message, split_message
from domain.services import fast_entry, scoring
from domain.services.fast_entry import FastScreen
from domain.services.members import Membership
from imports.limits import MIB, InputRefused
from imports.score_form import FORM_MAX_BYTES, read_form
from imports.xlsx_layout import WorkbookFormatError

router = Router()

FAST = "score-fast"  # the next message is the whole sheet (or its form): data {sheet, shown}


@router.action("sf")
async def open_fast(req: Request, ctx: Context) -> Reply:
    assert req.action is not None
    member = await membership(req, ctx)
    fast = await fast_entry.open_fast(ctx.uow, member, action_id(req.action.arg(0)), ctx.now)
    return _screen(ctx, fast)


@router.state(FAST)
async def typed_sheet(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    if req.incoming.attachment is not None:
        return await _form_sent(req, ctx, member)
    return await enter(ctx, member, split_message(req.text), "message")


@router.action("sft")
async def send_form(req: Request, ctx: Context) -> Reply:
    """📄: the sheet's .xlsx form, to fill in and send back here."""
    assert req.action is not None
    member = await membership(req, ctx)
    fast = await fast_entry.open_fast(ctx.uow, member, action_id(req.action.arg(0)), ctx.now)
    _screen(ctx, fast)  # the file sent back is read in the fast-entry step
    from reports.score_form import build_score_form, file_name  # openpyxl: loaded when asked

    content = await asyncio.to_thread(build_score_form, fast.view)
    return views.fast_entry.form(ctx.t, fast.view, file_name(fast.view), content)


@router.action("sfc")
async def copy_previous(req: Request, ctx: Context) -> Reply:
    """📋: last period's scores into the draft, where nothing is entered yet."""
    assert req.action is not None
    member = await membership(req, ctx)
    copied = await fast_entry.copy_previous(ctx.uow, member, action_id(req.action.arg(0)), ctx.now)
    notice = views.fast_entry.copied_notice(ctx.t, copied)
    return _screen(ctx, FastScreen(copied.view, None), notice)


def typed_at_item(member: Membership, text: str) -> bool:
    """At an item's prompt: the message is entries of the sheet, not the item's score."""
    table = member.year.criteria
    return table is not None and is_sheet_message(table, text)


async def enter(
    ctx: Context, member: Membership, written: list[Written], via: str, in_file: bool = False
) -> Reply:
    """Record every entry or none; the problems by line, or what changed over the sheet."""
    data = ctx.conversation.data
    shown: dict[str, Any] = dict(data.get("shown") or {})
    try:
        result = await fast_entry.enter_sheet(
            ctx.uow, member, int(data["sheet"]), written, ctx.now, shown, via
        )
    except EntryProblems as error:
        # Nothing was written. A colleague's value they are now told of is what they saw:
        # sending the same again replaces it, as the item prompt does.
        for problem in error.problems:
            if problem.code == "changed-meanwhile":
                value = problem.value("value")
                code = str(problem.value("code"))
                if value is None:
                    shown.pop(code, None)
                else:
                    shown[code] = str(value)
        data["shown"] = shown
        table = scoring.sheet_table(member.year)
        return views.fast_entry.problems(ctx.t, error, table, in_file)
    ctx.conversation.clear()
    return views.fast_entry.entered(ctx.t, result)


async def _form_sent(req: Request, ctx: Context, member: Membership) -> Reply:
    attachment = req.incoming.attachment
    assert attachment is not None
    if ctx.fetch is None:  # Zalo: the platform hands the bot no documents
        return Reply(ctx.t("fast-no-upload"), is_error=True)
    is_xlsx = attachment.name.lower().endswith(".xlsx") or attachment.mime_type in XLSX_TYPES
    if attachment.kind != "document" or not is_xlsx:
        return Reply(ctx.t("fast-not-xlsx"), is_error=True)
    too_large = Reply(ctx.t("fast-form-too-large", max_mb=FORM_MAX_BYTES // MIB), is_error=True)
    if attachment.size > FORM_MAX_BYTES:  # as declared: an early answer, not the only check
        return too_large
    try:
        content = await ctx.fetch(attachment, FORM_MAX_BYTES)
        rows = await asyncio.to_thread(read_form, io.BytesIO(content))
    except InputRefused as error:
        if error.code == "file-too-large":
            return too_large
        reason = views.errors.refused_input(ctx.t, error)
        return Reply(ctx.t("fast-form-refused", reason=reason), is_error=True)
    except WorkbookFormatError as error:
        return Reply("\n".join([ctx.t("fast-form-bad"), *error.messages]), is_error=True)
    written = [Written(r.row, r.code, r.score, f"{r.code} {r.score}".strip()) for r in rows]
    return await enter(ctx, member, written, "xlsx", in_file=True)


def _screen(ctx: Context, fast: FastScreen, notice: str = "") -> Reply:
    ctx.conversation.enter(FAST, sheet=fast.view.sheet.id, shown=fast_entry.shown(fast.view.sheet))
    return views.fast_entry.screen(ctx.t, fast, ctx.fetch is not None, notice)
