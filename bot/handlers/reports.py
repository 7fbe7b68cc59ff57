"""/baocao: the score summary table (.xlsx) and the ranking chart (.png) as files."""

from __future__ import annotations

import asyncio

from bot.context import Context
from bot.handlers.common import review_membership
from bot.report_files import summary_files
from bot.request import Reply, Request
from bot.router import Router
from domain.services import ranking, scoring

router = Router()


@router.command("baocao", "reports")
async def reports(req: Request, ctx: Context) -> Reply:
    member = await review_membership(req, ctx)
    cycle = scoring.reporting_cycle(member.year, ctx.now)
    summary = await ranking.score_summary(ctx.uow, member, cycle, in_group=req.is_group)
    # CPU work (about a second for 2,000 units): keep the event loop free.
    files = await asyncio.to_thread(summary_files, ctx.t, summary)
    status = "published" if summary.published else "draft"
    return Reply(ctx.t("report-ready", year=summary.year, status=status), files=files)
