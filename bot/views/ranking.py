"""/xephang: the ranking, or before it is published, the unit's own figures."""

from __future__ import annotations

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.views import fmt
from bot.views.menu import command_button
from domain.services.scoring import SheetView
from domain.summary import Cycle, ScoreSummary


def ranking(t: Translator, summary: ScoreSummary, can_publish: bool) -> Reply:
    status = "published" if summary.published else "draft"
    lines = [t("ranking-title", cycle=summary.cycle.value, year=summary.year, status=status)]
    for row in summary.rows:
        place = t("ranking-tied", rank=row.rank) if row.tied else str(row.rank)
        points = fmt.points(row.final_totals.final, t.locale)
        lines.append(t("ranking-row", rank=place, unit=row.short_name, points=points))
    if not summary.rows:
        lines.append(t("ranking-empty"))
    if summary.unranked:
        lines.append(t("ranking-unranked", units=", ".join(summary.unranked)))
    buttons: list[list[Button]] = []
    if can_publish and not summary.published and summary.rows:
        buttons.append([Button(t("btn-publish"), Action("pubq", (summary.cycle.value,)))])
    buttons.append([command_button(t("btn-reports"), "baocao")])
    buttons.append([command_button(t("btn-menu"), "menu")])
    return Reply("\n".join(lines), buttons)


def own_only(t: Translator, cycle: Cycle, year: int, view: SheetView | None) -> Reply:
    lines = [t("ranking-not-yet", cycle=cycle.value, year=year)]
    if view is None:
        lines.append(t("ranking-own-none"))
    else:
        own = fmt.points(view.totals.final, t.locale)
        final = fmt.points(view.final.final, t.locale)
        status = "submitted" if not view.editable else "draft"
        lines.append(t("ranking-own", unit=view.unit.short_name, own=own, final=final,
                       status=status))  # fmt: skip
    return Reply("\n".join(lines), [[command_button(t("btn-menu"), "menu")]])


def published(t: Translator) -> str:
    return t("ranking-published")
