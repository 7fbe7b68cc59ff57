"""/thamdinh: the bloc's verification progress, one unit's sheet beside its evidence, and the
prompts of a change."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.views import fmt
from bot.views.menu import command_button
from domain.criteria import CriteriaTable
from domain.model import Role
from domain.scoring import SheetTotals
from domain.settings import ScoringMode
from domain.sheets import Entry
from domain.verification import Board, UnitReview


def role_name(t: Translator, role: Role, kind: str) -> str:
    return t("role-name", role=role.value, bloc_kind=kind)


def board(t: Translator, state: Board, year: int, now: datetime, can_publish: bool) -> Reply:
    lines = [t("verify-board-title", year=year, cycle=state.cycle.value,
               verified=state.verified_count, ready=state.ready_count)]  # fmt: skip
    awaiting = sum(len(review.awaiting(now)) for review in state.units)
    explained = sum(len(review.explained()) for review in state.units)
    if awaiting or explained:
        lines.append(t("verify-board-open", awaiting=awaiting, explained=explained))
    lines.append("")
    rows: list[list[Button]] = []
    for review in state.units:
        lines.append(_row(t, review, now))
        if review.ready and not review.own_unit:
            rows.append([_unit_button(t, review, state.cycle.value)])
    cycle = state.cycle.value
    if not state.published:
        tools = [Button(t("btn-deadlines"), Action("dl", (cycle,)))]
        if can_publish:
            tools.insert(0, Button(t("btn-publish"), Action("pubq", (cycle,))))
        rows.append(tools)
    rows.append([command_button(t("btn-menu"), "menu")])
    if not rows[:-1] and not state.ready_count:
        lines.append(t("verify-none"))
    return Reply("\n".join(lines), rows)


def own_unit_note(t: Translator, unit: str, verifier: str) -> str:
    return t("verify-own-unit", unit=unit, verifier=verifier)


def _row(t: Translator, review: UnitReview, now: datetime) -> str:
    name = review.unit.short_name
    if not review.ready:
        key = (
            "verify-row-cross-missing" if review.mode is ScoringMode.CROSS else "verify-row-missing"
        )
        return t(key, unit=name)
    own, final = _pts(t, review.own), _pts(t, review.final)
    if review.mode is ScoringMode.CROSS:
        done = sum(sheet.submitted for sheet in review.cross)
        mark = "✅" if review.verified else "●"
        line = t("verify-row-cross", mark=mark, unit=name, mean=own, done=done,
                 total=len(review.cross), final=final)  # fmt: skip
    elif review.verified:
        line = t("verify-row-verified", unit=name, own=own, final=final)
    else:
        line = t("verify-row-ready", unit=name, own=own, final=final)
    if awaiting := len(review.awaiting(now)):
        line += t("verify-row-awaiting", count=awaiting)
    if explained := len(review.explained()):
        line += t("verify-row-explained", count=explained)
    return line


def _unit_button(t: Translator, review: UnitReview, cycle: str) -> Button:
    name = review.unit.short_name
    action = Action("vu", (str(review.unit.id), cycle))
    if review.verified:
        return Button(t("btn-verify-unit-done", unit=name, final=_pts(t, review.final)), action)
    own, final = _pts(t, review.own), _pts(t, review.final)
    return Button(t("btn-verify-unit", unit=name, own=own, final=final), action)


def detail(t: Translator, review: UnitReview, now: datetime, verifier: str) -> Reply:
    """The unit's sheet: items with their evidence and changes, bonus, penalties; a typed
    code changes a criterion, so the buttons are lettered."""
    cross = review.mode is ScoringMode.CROSS
    key = "verify-title-cross" if cross else "verify-title"
    lines = [t(key, unit=review.unit.name, own=_pts(t, review.own), final=_pts(t, review.final))]
    table = review.table
    for section in table.sections:
        lines.append(t("section-heading", code=section.code, title=section.title,
                       max=fmt.points(section.max_points, t.locale)))  # fmt: skip
        for item in section.items:
            lines.append(_criterion_line(t, review, item.code, item.title, item.max_points, now))
    if table.bonus:
        lines.append(_bonus_heading(t, review, table))
        for bonus in table.bonus:
            lines.append(_criterion_line(t, review, bonus.code, bonus.title, bonus.max_points, now))
    lines.extend(_penalty_lines(t, review, now, verifier))
    if cross and review.cross:
        sheets = ", ".join(
            t("verify-cross-sheet", unit=s.scorer.short_name, total=_pts(t, s.total))
            if s.submitted
            else t("verify-cross-sheet-draft", unit=s.scorer.short_name)
            for s in review.cross
        )
        lines.append(t("verify-cross-sheets", sheets=sheets))
    record = review.record
    if record is not None and record.verified_at is not None:
        lines.append(t("verify-verified-at", date=fmt.date_time(record.verified_at)))
    example = table.penalties[0].code if cross and table.penalties else _first_code(table)
    lines.append(t("verify-ask-code-cross" if cross else "verify-ask-code", example=example))
    return Reply("\n".join(lines), _detail_buttons(t, review), lettered=True)


def _detail_buttons(t: Translator, review: UnitReview) -> list[list[Button]]:
    uid, cycle = str(review.unit.id), _cycle(review)
    rows = []
    if evidence := sum(review.evidence.values()):
        rows.append([Button(t("btn-evidence", count=evidence), Action("vev", (uid, cycle)))])
    if not review.verified:
        label = "btn-verify-mark" if review.changes() else "btn-verify-agree-all"
        rows.append([Button(t(label), Action("vok", (uid, cycle)))])
    rows.append([Button(t("btn-verify-list"), Action("vl", (cycle,)))])
    return rows


def _cycle(review: UnitReview) -> str:
    record = review.record
    if record is not None:
        return record.cycle.value
    return "annual"


def _criterion_line(
    t: Translator, review: UnitReview, code: str, title: str, maximum: Decimal, now: datetime
) -> str:
    cross = review.mode is ScoringMode.CROSS
    value = review.value(code)
    line = t("verify-item-cross" if cross else "verify-item", code=code, title=title,
             value=_pts(t, value), max=fmt.points(maximum, t.locale))  # fmt: skip
    if count := review.evidence.get(code):
        line += t("verify-item-evidence", count=count)
    entry = review.record.entries.get(code) if review.record else None
    if entry is not None and entry.changed:
        line += _change_note(t, review, entry, now)
    return line


def _change_note(t: Translator, review: UnitReview, entry: Entry, now: datetime) -> str:
    note = t("verify-change", new=_pts(t, entry.verified_value), reason=entry.verify_reason)
    return note + answer_note(t, review, entry, now)


def answer_note(t: Translator, review: UnitReview, entry: Entry, now: datetime) -> str:
    if entry.answer is not None and entry.answer_text:
        return t("verify-answer-explained", text=entry.answer_text)
    if entry.answer is not None:
        return t("verify-answer-agreed")
    due = review.answer_due(entry)
    if due is not None and now <= due:
        return t("verify-answer-waiting", due=fmt.date_time(due))
    return t("verify-answer-lapsed")


def _bonus_heading(t: Translator, review: UnitReview, table: CriteriaTable) -> str:
    points = _pts(t, review.final.bonus if review.final else None)
    if table.bonus_cap is None:
        return t("verify-bonus-heading-uncapped", points=points)
    return t("verify-bonus-heading", cap=fmt.points(table.bonus_cap, t.locale), points=points)


def _penalty_lines(t: Translator, review: UnitReview, now: datetime, verifier: str) -> list[str]:
    table = review.table
    if not table.penalties:
        return []
    cross = review.mode is ScoringMode.CROSS
    deducted = _pts(t, review.final.penalties if review.final else None)
    if cross:
        lines = [t("verify-penalty-heading-cross", verifier=verifier, points=deducted)]
    else:
        lines = [t("verify-penalty-heading", points=deducted)]
    final = review.record.final_occurrences() if review.record else {}
    for penalty in table.penalties:
        count = final.get(penalty.code, 0)
        points = penalty.points * (count if penalty.per_occurrence else 1)
        shown = fmt.points(points, t.locale)
        if count and penalty.per_occurrence:
            line = t("verify-penalty", code=penalty.code, title=penalty.title, count=count,
                     points=shown)  # fmt: skip
        elif count:
            line = t("verify-penalty-once", code=penalty.code, title=penalty.title, points=shown)
        else:
            line = t("verify-penalty-none", code=penalty.code, title=penalty.title)
        entry = review.record.entries.get(penalty.code) if review.record else None
        if entry is not None and entry.changed:
            line += t(
                "verify-change", new=_pts(t, entry.verified_value), reason=entry.verify_reason
            )
            line += answer_note(t, review, entry, now)
        lines.append(line)
    return lines


def _first_code(table: CriteriaTable) -> str:
    items = [item.code for section in table.sections for item in section.items]
    return items[min(len(items) - 1, 8)] if items else "1"


def _pts(t: Translator, value: Decimal | SheetTotals | None) -> str:
    """A score, or a sheet's final total; a dash where there is none yet."""
    if isinstance(value, SheetTotals):
        value = value.final
    return "—" if value is None else fmt.points(value, t.locale)


def ask_points(t: Translator, review: UnitReview, code: str, maximum: Decimal) -> Reply:
    own = review.value(code)
    return Reply(t("verify-ask-points", item=code, own=_pts(t, own),
                   max=fmt.points(maximum, t.locale),
                   example=fmt.example_points(maximum, t.locale)))  # fmt: skip


def ask_count(t: Translator, review: UnitReview, code: str) -> Reply:
    penalty = next(p for p in review.table.penalties if p.code == code)
    entry = review.record.entries.get(code) if review.record else None
    if penalty.per_occurrence:
        cross = review.mode is ScoringMode.CROSS
        own = (entry.verified_occurrences if cross else entry.occurrences) if entry else None
        key = "verify-ask-count-cross" if cross else "verify-ask-count"
        return Reply(t(key, item=code, title=penalty.title, own=own or 0))
    points = fmt.points(penalty.points, t.locale)
    return Reply(t("verify-ask-once", item=code, title=penalty.title, points=points))


def ask_reason(t: Translator, code: str, value: str, limit: int) -> Reply:
    return Reply(t("verify-ask-reason", item=code, value=value, max=limit))


def changed(
    t: Translator, review: UnitReview, code: str, old: str, now: datetime, verifier: str
) -> Reply:
    entry = review.record.entries[code] if review.record else None
    new = _pts(t, entry.verified_value if entry else None)
    text = t("verify-done", item=code, unit=review.unit.short_name, old=old, new=new,
             final=_pts(t, review.final), own=_pts(t, review.own))  # fmt: skip
    again = detail(t, review, now, verifier)
    again.text = text + "\n\n" + again.text
    return again


def marked(t: Translator, review: UnitReview) -> Reply:
    text = t("verify-marked", unit=review.unit.short_name, final=_pts(t, review.final),
             own=_pts(t, review.own))  # fmt: skip
    cycle = _cycle(review)
    return Reply(text, [[Button(t("btn-verify-list"), Action("vl", (cycle,)))]])
