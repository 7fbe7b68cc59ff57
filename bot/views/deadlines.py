"""Publishing with its check, and the leader's extra time: extend a window, reopen a sheet."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.views import fmt
from domain.model import Unit
from domain.summary import Cycle
from domain.verification import OpenItems
from domain.windows import WindowTimes


def publish_check(t: Translator, items: OpenItems, cycle: Cycle, year: int, deputy: str) -> Reply:
    lines = [t("publish-check-title", year=year, cycle=cycle.value)]
    if items.not_verified:
        lines.append(t("publish-check-not-verified", units=_names(items.not_verified)))
    if items.leader_not_verified:
        lines.append(t("publish-check-leader", deputy=deputy))
    if items.awaiting:
        lines.append(t("publish-check-awaiting", items=_counted(items.awaiting)))
    if items.explained:
        lines.append(t("publish-check-explained", items=_counted(items.explained)))
    if items.missing:
        lines.append(t("publish-check-missing", units=_names(items.missing)))
    if items.clear:
        lines.insert(1, t("publish-check-clear"))
    label = "btn-publish-confirm" if items.clear else "btn-publish-anyway"
    buttons = [[Button(t(label), Action("pub", (cycle.value,))),
                Button(t("btn-back"), Action("vl", (cycle.value,)))]]  # fmt: skip
    return Reply("\n".join(lines), buttons)


def deadlines(t: Translator, windows: list[WindowTimes], cycle: Cycle) -> Reply:
    rows = [
        [Button(t("btn-extend", window=w.kind.value, date=fmt.date(w.closes_at)),
                Action("ext", (w.kind.value,)))]
        for w in windows
    ]  # fmt: skip
    rows.append([Button(t("btn-reopen"), Action("rop", (cycle.value,)))])
    rows.append([Button(t("btn-back"), Action("vl", (cycle.value,)))])
    text = t("deadlines-title") if windows else t("deadlines-title") + "\n" + t("deadlines-none")
    return Reply(text, rows)


def ask_extension(t: Translator, window: WindowTimes, now: datetime) -> Reply:
    example = fmt.date(max(window.closes_at, now) + timedelta(days=7))
    return Reply(t("extend-ask-date", window=window.kind.value,
                   date=fmt.date_time(window.closes_at), example=example))  # fmt: skip


def ask_reason(t: Translator, key: str, limit: int) -> Reply:
    return Reply(t(key, max=limit))


def extended(t: Translator, window: WindowTimes) -> Reply:
    return Reply(t("extend-done", date=fmt.date_time(window.closes_at)))


def choose_unit(t: Translator, units: list[Unit], cycle: Cycle) -> Reply:
    back = [Button(t("btn-back"), Action("dl", (cycle.value,)))]
    if not units:
        return Reply(t("reopen-none"), [back])
    rows = [[Button(unit.short_name, Action("rou", (str(unit.id), cycle.value)))] for unit in units]
    return Reply(t("reopen-choose"), [*rows, back])


def ask_until(t: Translator, unit: Unit, now: datetime) -> Reply:
    return Reply(t("reopen-ask-until", unit=unit.short_name,
                   example=fmt.date(now + timedelta(days=3))))  # fmt: skip


def reopened(t: Translator, unit: Unit, until: datetime) -> Reply:
    return Reply(t("reopen-done", unit=unit.short_name, date=fmt.date_time(until)))


def bad_date(t: Translator, text: str, now: datetime) -> Reply:
    example = fmt.date(now + timedelta(days=7))
    return Reply("⚠️ " + t("error-date-bad", text=text.strip()[:40], example=example), is_error=True)


def _names(units: tuple[Unit, ...]) -> str:
    return ", ".join(unit.short_name for unit in units)


def _counted(items: tuple[tuple[Unit, int], ...]) -> str:
    return ", ".join(f"{unit.short_name} ({count})" for unit, count in items)
