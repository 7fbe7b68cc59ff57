"""Fast entry on a phone: the whole sheet in one message or as the .xlsx form, what changed
once it is recorded, and every problem by line when it is not."""

from __future__ import annotations

from decimal import Decimal

from bot.i18n import Translator
from bot.request import Action, Button, File, Reply
from bot.views import fmt
from bot.views import scoring as sheet_views
from bot.views.known import value_text
from domain.criteria import CriteriaTable
from domain.errors import EntryProblem, EntryProblems
from domain.services.fast_entry import Copied, Entered, FastScreen
from domain.services.scoring import SheetView

MAX_LISTED = 40  # changes or problems listed one by one; more are counted
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def screen(t: Translator, fast: FastScreen, can_upload: bool, notice: str = "") -> Reply:
    view, table = fast.view, fast.view.table
    lines = [notice, ""] if notice else []
    lines += [t("fast-title", sheet=sheet_views.title(t, view)), t("fast-how"),
              _example(t, table), "", t("fast-codes")]  # fmt: skip
    lines += _codes(t, table)
    lines += ["", t("fast-rules")]
    lines.append(t("fast-upload") if can_upload else t("fast-no-upload"))
    sid = str(view.sheet.id)
    row = [Button(t("btn-fast-form"), Action("sft", (sid,)))] if can_upload else []
    if fast.previous is not None:
        lines.append(t("fast-copy-offer", **_source(fast)))
        row.append(Button(t("btn-fast-copy", **_source(fast)), Action("sfc", (sid,))))
    buttons = [row] if row else []
    buttons.append([Button(t("btn-fast-back"), Action("sv", (sid,)))])
    return Reply("\n".join(lines), buttons, lettered=True)


def _source(fast: FastScreen) -> dict[str, object]:
    assert fast.previous is not None
    cycle = fast.previous.sheet.cycle.value
    return {"cycle": cycle, "year": fast.previous.year}


def _example(t: Translator, table: CriteriaTable) -> str:
    items = [item for section in table.sections for item in section.items][:2]
    parts = [f"{i.code} {fmt.example_points(i.max_points, t.locale)}" for i in items]
    parts += [f"{b.code} {fmt.example_points(b.max_points, t.locale)}" for b in table.bonus[:1]]
    for penalty in table.penalties[:1]:
        parts.append(f"{penalty.code} {1 if penalty.per_occurrence else t('fast-no')}")
    return "; ".join(parts)


def _codes(t: Translator, table: CriteriaTable) -> list[str]:
    def pts(value: Decimal) -> str:
        return fmt.points(value, t.locale)

    lines = [
        t("fast-codes-section", section=section.code,
          codes=" · ".join(f"{i.code} ({pts(i.max_points)})" for i in section.items))
        for section in table.sections
    ]  # fmt: skip
    if table.bonus:
        codes = " · ".join(f"{b.code} ({pts(b.max_points)})" for b in table.bonus)
        cap = "—" if table.bonus_cap is None else pts(table.bonus_cap)
        lines.append(t("fast-codes-bonus", codes=codes, cap=cap))
    if table.penalties:
        kinds = {True: t("fast-count"), False: t("fast-yes-no")}
        codes = " · ".join(f"{p.code} ({kinds[p.per_occurrence]})" for p in table.penalties)
        lines.append(t("fast-codes-penalties", codes=codes))
    return lines


def entered(t: Translator, result: Entered) -> Reply:
    """What changed, above the sheet's overview (which replaces the screen typed into)."""
    table = result.view.table
    lines = [t("fast-entered", changed=len(result.changes), unchanged=result.unchanged)]
    for change in result.changes[:MAX_LISTED]:
        found = table.find(change.code)
        lines.append(t("fast-change", code=change.code, old=value_text(t, found, change.old),
                       new=value_text(t, found, change.new)))  # fmt: skip
    if len(result.changes) > MAX_LISTED:
        lines.append(t("fast-more", count=len(result.changes) - MAX_LISTED))
    reply = sheet_views.overview(t, result.view)
    reply.text = "\n".join([*lines, "", reply.text])
    reply.replaces_screen = True
    return reply


def problems(t: Translator, error: EntryProblems, table: CriteriaTable, in_file: bool) -> Reply:
    """Every problem by line; nothing was recorded. The screen stays, for the next try."""
    header = "fast-problems-file" if in_file else "fast-problems"
    lines = [t(header, count=len(error.problems))]
    lines += [_problem(t, problem, table, in_file) for problem in error.problems[:MAX_LISTED]]
    if len(error.problems) > MAX_LISTED:
        lines.append(t("fast-more-problems", count=len(error.problems) - MAX_LISTED))
    text = "\n".join(lines)
    return Reply(f"⚠️ {text}", toast=text[:190], is_error=True)


def _problem(t: Translator, problem: EntryProblem, table: CriteriaTable, in_file: bool) -> str:
    values: dict[str, object] = {}
    for key, value in problem.values:
        values[key] = _format(t, value)
    found = table.find(str(problem.value("code") or ""))
    if problem.code == "changed-meanwhile":
        values["value"] = value_text(t, found, _decimal(problem.value("value")))
        by = t("fast-the-bot") if problem.value("bot") else problem.value("by")
        values["by"] = by or t("fast-someone")
    if isinstance(problem.value("max"), Decimal):
        maximum = problem.value("max")
        assert isinstance(maximum, Decimal)
        values["example"] = fmt.example_points(maximum, t.locale)
    reason = t(f"fast-problem-{problem.code}", **values)
    if problem.place == 0:
        return t("fast-problem-sheet", reason=reason)
    key = "fast-problem-row" if in_file else "fast-problem-line"
    return t(key, place=problem.place, text=problem.text, reason=reason)


def _decimal(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _format(t: Translator, value: object) -> object:
    if isinstance(value, Decimal):
        return fmt.points(value, t.locale)
    if value is None:
        return "—"
    if isinstance(value, int | str) and not isinstance(value, bool):
        return value
    return str(value)


def copied_notice(t: Translator, result: Copied) -> str:
    source = result.source
    lines = [t("fast-copied", count=len(result.copied), cycle=source.sheet.cycle.value,
               year=source.year, kept=len(result.kept))]  # fmt: skip
    if result.left_out:
        lines.append(t("fast-copied-left-out", codes=", ".join(result.left_out)))
    return "\n".join(lines)


def form(t: Translator, view: SheetView, name: str, content: bytes) -> Reply:
    text = t("fast-form-sent", sheet=sheet_views.title(t, view))
    sid = str(view.sheet.id)
    buttons = [[Button(t("btn-fast-back"), Action("sv", (sid,)))]]
    return Reply(text, buttons, files=[File(name, content, XLSX)], lettered=True)
