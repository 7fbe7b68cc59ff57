"""The unit's answers to verification: agreed, the change to explain, the explanation."""

from __future__ import annotations

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.views import fmt
from bot.views.menu import command_button
from domain.sheets import Entry
from domain.summary import Cycle
from domain.verification import UnitReview


def answer_buttons(t: Translator, cycle: str) -> list[Button]:
    return [Button(t("btn-answer-agree"), Action("ans", (cycle, "a"))),
            Button(t("btn-answer-explain"), Action("ans", (cycle, "x")))]  # fmt: skip


def agreed(t: Translator, review: UnitReview, count: int) -> Reply:
    text = t("answer-agreed", unit=review.unit.short_name, count=count)
    return Reply(text, [[command_button(t("btn-menu"), "menu")]], new_message=True)


def choose(t: Translator, review: UnitReview, waiting: list[Entry], cycle: Cycle) -> Reply:
    rows = []
    for entry in waiting:
        old, new = _old_new(t, review, entry)
        label = t("btn-answer-item", code=entry.code, old=old, new=new)
        rows.append([Button(label, Action("ansi", (cycle.value, entry.code)))])
    return Reply(t("answer-choose"), rows, new_message=True)  # the notice stays readable


def ask_text(t: Translator, review: UnitReview, code: str, limit: int) -> Reply:
    entry = review.record.entries[code] if review.record else None
    old, new = _old_new(t, review, entry) if entry else ("—", "—")
    return Reply(t("answer-ask-text", code=code, old=old, new=new, max=limit), new_message=True)


def explained(t: Translator, code: str, verifier: str) -> Reply:
    return Reply(t("answer-explained", code=code, verifier=verifier),
                 [[command_button(t("btn-menu"), "menu")]])  # fmt: skip


def _old_new(t: Translator, review: UnitReview, entry: Entry) -> tuple[str, str]:
    old = fmt.points_or_dash(review.value(entry.code), t.locale)
    return old, fmt.points_or_dash(entry.verified_value, t.locale)
