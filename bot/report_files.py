"""The score summary as files people open: the table (.xlsx) and the ranking chart (.png),
for /baocao and for the group when the ranking is published."""

from __future__ import annotations

from bot.i18n import Translator
from bot.request import File
from domain.summary import Cycle, ScoreSummary

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def summary_files(t: Translator, summary: ScoreSummary) -> list[File]:
    """CPU work (about a second for 2,000 units): callers on the event loop use a thread."""
    from reports import build_ranking_chart, build_score_table  # heavy: loaded when used

    stem = f"{'so-ket' if summary.cycle is Cycle.MIDYEAR else 'tong-ket'}-{summary.year}"
    return [
        File(f"bang-tong-hop-diem-{stem}.xlsx", build_score_table(summary), XLSX,
             t("report-table-caption", year=summary.year)),
        File(f"xep-hang-{stem}.png", build_ranking_chart(summary), "image/png",
             t("report-chart-caption", year=summary.year)),
    ]  # fmt: skip
