"""/bangtieuchi: the leader replaces the year's criteria table by sending an .xlsx."""

from __future__ import annotations

import asyncio
import io

from bot import views
from bot.context import Context
from bot.handlers.common import membership
from bot.request import Reply, Request
from bot.router import Router
from domain.bloc_spec import parse_criteria_table
from domain.errors import InvalidBlocSpec
from domain.services import criteria
from imports.limits import MIB, InputRefused
from imports.xlsx_layout import WorkbookFormatError

router = Router()

UPLOAD = "criteria-upload"
MAX_BYTES = 5 * MIB
XLSX_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/octet-stream",
    }
)


@router.command("bangtieuchi", "criteria")
async def start(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    criteria.check_may_replace(member)
    ctx.conversation.enter(UPLOAD)
    return Reply(ctx.t("criteria-ask-file", year=member.year.year))


@router.state(UPLOAD)
async def uploaded(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    attachment = req.incoming.attachment
    if attachment is None or ctx.fetch is None:
        return Reply(ctx.t("criteria-ask-file", year=member.year.year), is_error=True)
    is_xlsx = attachment.name.lower().endswith(".xlsx") or attachment.mime_type in XLSX_TYPES
    if attachment.kind != "document" or not is_xlsx:
        return Reply(ctx.t("criteria-not-xlsx"), is_error=True)
    too_large = Reply(ctx.t("criteria-too-large", max_mb=MAX_BYTES // MIB), is_error=True)
    if attachment.size > MAX_BYTES:  # declared: an early answer, never the only check
        return too_large
    try:
        content = await ctx.fetch(attachment, MAX_BYTES)
    except InputRefused:
        return too_large
    from imports.xlsx_source import read_workbook  # openpyxl: loaded when a workbook comes

    try:
        data, where = await asyncio.to_thread(
            read_workbook, io.BytesIO(content), frozenset({"criteria"})
        )
        table = parse_criteria_table(data, where)
    except InputRefused as error:
        reason = views.errors.refused_input(ctx.t, error)
        return Reply(ctx.t("criteria-file-refused", reason=reason), is_error=True)
    except WorkbookFormatError as error:
        return Reply("\n".join([ctx.t("criteria-bad-file"), *error.messages]), is_error=True)
    except InvalidBlocSpec as error:
        lines = views.errors.problem_lines(ctx.t, error.problems)
        header = ctx.t("import-invalid", count=len(error.problems))
        return Reply("\n".join([header, *lines]), is_error=True)
    await criteria.replace_criteria(ctx.uow, member, table, ctx.now)
    ctx.conversation.clear()
    return Reply(
        ctx.t("criteria-replaced", year=member.year.year, items=table.item_count,
              scale=views.fmt.points(table.scale, ctx.t.locale))
    )  # fmt: skip
