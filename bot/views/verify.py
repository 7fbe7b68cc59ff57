"""/thamdinh: the leader's verification of the submitted sheets."""

from __future__ import annotations

from decimal import Decimal

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.views import fmt
from bot.views.menu import command_button
from domain.services.scoring import SheetView
from domain.sheets import EntryKind


def sheet_list(t: Translator, views: list[SheetView]) -> Reply:
    if not views:
        return Reply(t("verify-none"), [[command_button(t("btn-menu"), "menu")]])
    rows = []
    for view in views:
        label = t("verify-unit", unit=view.unit.short_name,
                  own=fmt.points(view.totals.final, t.locale),
                  final=fmt.points(view.final.final, t.locale))  # fmt: skip
        rows.append([Button(label, Action("vs", (str(view.sheet.id),)))])
    return Reply(t("verify-choose"), rows)


def sheet_detail(t: Translator, view: SheetView) -> Reply:
    lines = [t("verify-title", unit=view.unit.name)]
    for section in view.table.sections:
        lines.append(t("section-heading", code=section.code, title=section.title,
                       max=fmt.points(section.max_points, t.locale)))  # fmt: skip
        for item in section.items:
            entry = view.sheet.entries.get(item.code)
            own = entry.points if entry and entry.points is not None else Decimal(0)
            text = f"{fmt.points(own, t.locale)}/{fmt.points(item.max_points, t.locale)}"
            if entry and entry.verified is not None:
                text += f" → {fmt.points(entry.verified, t.locale)}"
            lines.append(f"{item.code}. {item.title} — {text}")
    occurrences = view.sheet.occurrences()
    if occurrences:
        times = ", ".join(f"{code}×{n}" for code, n in occurrences.items())
        lines.append(t("verify-penalties", items=times))
    lines.append(t("verify-totals", own=fmt.points(view.totals.final, t.locale),
                   final=fmt.points(view.final.final, t.locale)))  # fmt: skip
    lines.append(t("verify-ask-code"))
    sid = str(view.sheet.id)
    back = [[Button(t("btn-back"), Action("vl", (sid,)))]]
    return Reply("\n".join(lines), back, lettered=True)  # a typed number is an item code


def ask_points(t: Translator, view: SheetView, code: str, maximum: Decimal) -> Reply:
    entry = view.sheet.entries.get(code)
    own = entry.points if entry and entry.points is not None else Decimal(0)
    return Reply(t("verify-ask-points", item=code, own=fmt.points(own, t.locale),
                   max=fmt.points(maximum, t.locale)))  # fmt: skip


def ask_reason(t: Translator, code: str, points: Decimal) -> Reply:
    return Reply(t("verify-ask-reason", item=code, points=fmt.points(points, t.locale)))


def verified(t: Translator, view: SheetView, code: str) -> Reply:
    entry = view.sheet.entries[code]
    before = (
        entry.points
        if entry.kind is not EntryKind.PENALTY and entry.points is not None
        else Decimal(0)
    )
    text = t("verify-done", item=code, old=fmt.points(before, t.locale),
             new=fmt.points(entry.verified or Decimal(0), t.locale), unit=view.unit.short_name,
             final=fmt.points(view.final.final, t.locale),
             own=fmt.points(view.totals.final, t.locale))  # fmt: skip
    sid = str(view.sheet.id)
    buttons = [[Button(t("btn-verify-more"), Action("vs", (sid,))),
                Button(t("btn-verify-list"), Action("vl", (sid,)))]]  # fmt: skip
    return Reply(text, buttons, lettered=True)  # a typed number is the next item code
