"""/baocao: the score summary table (.xlsx) and the ranking chart (.png) as files."""

from __future__ import annotations

import asyncio

from bot.context import Context
from bot.handlers.common import membership
from bot.request import File, Reply, Request
from bot.router import Router
from domain.services import ranking, scoring
from domain.summary import Cycle
from reports import build_ranking_chart, build_score_table

router = Router()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.command("baocao", "reports")
async def reports(req: Request, ctx: Context) -> Reply:
    member = await membership(req, ctx)
    cycle = scoring.reporting_cycle(member.year, ctx.now)
    summary = await ranking.score_summary(ctx.uow, member, cycle, in_group=req.is_group)
    stem = f"{'so-ket' if cycle is Cycle.MIDYEAR else 'tong-ket'}-{summary.year}"
    # Both are CPU work (about a second for 2,000 units): keep the event loop free.
    table = await asyncio.to_thread(build_score_table, summary)
    chart = await asyncio.to_thread(build_ranking_chart, summary)
    files = [
        File(f"bang-tong-hop-diem-{stem}.xlsx", table, XLSX,
             ctx.t("report-table-caption", year=summary.year)),
        File(f"xep-hang-{stem}.png", chart, "image/png",
             ctx.t("report-chart-caption", year=summary.year)),
    ]  # fmt: skip
    status = "published" if summary.published else "draft"
    return Reply(ctx.t("report-ready", year=summary.year, status=status), files=files)
