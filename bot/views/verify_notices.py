"""What a unit and the bloc are told as verification runs: each change with its reason and
the time to answer, the verified sheet, the unit's answer, the published ranking, a
deadline moved, a sheet reopened."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.views import fmt
from bot.views.answers import answer_buttons
from bot.views.menu import command_button
from domain.sheets import Entry
from domain.summary import ScoreSummary
from domain.verification import UnitReview
from domain.windows import WindowTimes


def _pts(t: Translator, value: Decimal | None) -> str:
    return fmt.points_or_dash(value, t.locale)


def _old_new(t: Translator, review: UnitReview, entry: Entry) -> tuple[str, str]:
    return _pts(t, review.value(entry.code)), _pts(t, entry.verified_value)


def changed(
    t: Translator, review: UnitReview, year: int, verifier: str, now: datetime
) -> Reply | None:
    """Every change the unit may still answer, as one message; None when none is left."""
    waiting = review.awaiting(now)
    if not waiting:
        return None
    lines = [t("notice-changed-title", verifier=verifier, year=year, unit=review.unit.short_name)]
    for entry in waiting:
        found = review.table.find(entry.code)
        old, new = _old_new(t, review, entry)
        lines.append(t("notice-change", code=entry.code, title=found.title if found else "",
                       old=old, new=new, reason=entry.verify_reason))  # fmt: skip
    lines.append(
        t("notice-changed-total", final=_pts(t, _final(review)), own=_pts(t, _own(review)))
    )
    due = min(d for entry in waiting if (d := review.answer_due(entry)) is not None)
    lines.append(t("notice-changed-due", due=fmt.date_time(due)))
    cycle = review.record.cycle.value if review.record else "annual"
    return Reply("\n".join(lines), [answer_buttons(t, cycle)])


def verified(t: Translator, review: UnitReview, year: int) -> Reply:
    text = t("notice-verified", year=year, unit=review.unit.short_name,
             final=_pts(t, _final(review)), own=_pts(t, _own(review)))  # fmt: skip
    if changes := len(review.changes()):
        text += "\n" + t("notice-verified-changes", count=changes)
    return Reply(text)


def answered(t: Translator, review: UnitReview, entries: list[Entry]) -> Reply:
    unit = review.unit.short_name
    cycle = review.record.cycle.value if review.record else "annual"
    open_review = [[Button(t("btn-open-review", unit=unit),
                           Action("vu", (str(review.unit.id), cycle)))]]  # fmt: skip
    explained = [entry for entry in entries if entry.answer_text]
    if explained:
        entry = explained[0]
        old, new = _old_new(t, review, entry)
        text = t("notice-answer-explained", unit=unit, code=entry.code, old=old, new=new,
                 text=entry.answer_text)  # fmt: skip
    else:
        text = t("notice-answer-agreed", unit=unit, items=", ".join(e.code for e in entries))
    return Reply(text, open_review)


def published_group(t: Translator, summary: ScoreSummary, verifier: str) -> Reply:
    lines = [t("notice-published-group", verifier=verifier, year=summary.year,
               cycle=summary.cycle.value, bloc=summary.bloc_name)]  # fmt: skip
    for row in summary.rows:
        place = t("ranking-tied", rank=row.rank) if row.tied else str(row.rank)
        points = fmt.points(row.final_totals.final, t.locale)
        lines.append(t("ranking-row", rank=place, unit=row.short_name, points=points))
    if summary.unranked:
        lines.append(t("ranking-unranked", units=", ".join(summary.unranked)))
    return Reply("\n".join(lines))


def published_unit(t: Translator, summary: ScoreSummary, unit_code: str, unit: str) -> Reply:
    row = next((row for row in summary.rows if row.unit_code == unit_code), None)
    buttons = [[command_button(t("btn-see-ranking"), "xephang")]]
    if row is None:
        return Reply(t("notice-published-unranked", year=summary.year, unit=unit), buttons)
    points = fmt.points(row.final_totals.final, t.locale)
    text = t("notice-published-unit", year=summary.year, unit=row.short_name, rank=row.rank,
             count=len(summary.rows), points=points)  # fmt: skip
    return Reply(text, buttons)


def extended(t: Translator, window: WindowTimes, year: int, reason: str) -> Reply:
    return Reply(t("notice-extended", window=window.kind.value, year=year,
                   date=fmt.date_time(window.closes_at), reason=reason))  # fmt: skip


def reopened(t: Translator, review: UnitReview, year: int, reason: str) -> Reply:
    until = review.record.reopened_until if review.record else None
    date = fmt.date_time(until) if until else "—"
    text = t("notice-reopened", year=year, unit=review.unit.short_name, date=date, reason=reason)
    return Reply(text, [[command_button(t("btn-task-score"), "chamdiem")]])


def _final(review: UnitReview) -> Decimal | None:
    return review.final.final if review.final else None


def _own(review: UnitReview) -> Decimal | None:
    return review.own.final if review.own else None
