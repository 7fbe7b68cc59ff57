"""The score sheet on a phone: an overview by section, one item at a time, submitting."""

from __future__ import annotations

from decimal import Decimal

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.views import fmt
from bot.views.known import filled_notice
from bot.views.menu import command_button
from domain.criteria import CriteriaTable
from domain.services.scoring import SheetView
from domain.services.sheet_walk import Step, steps
from domain.sheets import Entry, EntryKind, EntrySource


def _pts(t: Translator, value: Decimal) -> str:
    return fmt.points(value, t.locale)


def title(t: Translator, view: SheetView) -> str:
    status = "draft" if view.editable else "submitted"
    unit = view.unit.short_name
    if not view.sheet.is_self:
        unit = t("sheet-scored-by", unit=unit, scorer=view.scorer.short_name)
    cycle = view.sheet.cycle.value
    return t("sheet-title", cycle=cycle, year=view.window.opens_at.year, unit=unit, status=status)


def overview(t: Translator, view: SheetView) -> Reply:
    table, sheet = view.table, view.sheet
    done = set(sheet.own_points(EntryKind.ITEM))
    notice = filled_notice(t, view)  # what the bot has just filled in, on opening
    lines = [notice, "", title(t, view)] if notice else [title(t, view)]
    buttons: list[list[Button]] = []
    row: list[Button] = []
    for section in table.sections:
        scored = sum(1 for item in section.items if item.code in done)
        subtotal = view.totals.sections.get(section.code, Decimal(0))
        lines.append(
            t("sheet-section", code=section.code, title=section.title,
              max=_pts(t, section.max_points), done=scored, count=len(section.items),
              points=_pts(t, subtotal))
        )  # fmt: skip
        label = t("btn-section", code=section.code, done=scored, count=len(section.items))
        row.append(Button(label, Action("sc", (str(sheet.id), section.code))))
        if len(row) == 3:
            buttons.append(row)
            row = []
    if row:
        buttons.append(row)
    lines.append(_bonus_line(t, view))
    lines.append(t("sheet-penalties", points=_pts(t, view.totals.penalties)))
    lines.append(
        t("sheet-running-total", total=_pts(t, view.totals.final), scale=_pts(t, table.scale))
    )
    lines += _verification_lines(t, view)
    if view.editable:
        lines += _not_typed_lines(t, view)
        lines.append(t("sheet-deadline", date=fmt.date_time(view.window.closes_at)))
        sid = str(sheet.id)
        buttons.append([
            Button(t("btn-bonus"), Action("sc", (sid, "bonus"))),
            Button(t("btn-penalties"), Action("sc", (sid, "penalty"))),
        ])  # fmt: skip
        buttons.append([Button(t("btn-fast-entry"), Action("sf", (sid,)))])
        buttons.append([Button(t("btn-submit"), Action("sb", (sid,)))])
    else:
        when = fmt.date_time(sheet.submitted_at) if sheet.submitted_at else ""
        lines.append(t("sheet-submitted-at", date=when))
    buttons.append([command_button(t("btn-menu"), "menu")])
    return Reply("\n".join(lines), buttons)


def _not_typed_lines(t: Translator, view: SheetView) -> list[str]:
    """The values standing until the unit changes them: the bot's, and last period's."""
    by_source: dict[EntrySource, list[str]] = {EntrySource.BOT: [], EntrySource.COPIED: []}
    for code in view.table.all_codes():
        entry = view.sheet.entries.get(code)
        if entry is not None and entry.own_value is not None and entry.source in by_source:
            by_source[entry.source].append(code)
    lines = []
    if codes := by_source[EntrySource.BOT]:
        lines.append(t("sheet-filled-by-bot", codes=", ".join(codes)))
    if codes := by_source[EntrySource.COPIED]:
        lines.append(t("sheet-copied", count=len(codes)))
    return lines


def _bonus_line(t: Translator, view: SheetView) -> str:
    cap = view.table.bonus_cap
    bonus = _pts(t, view.totals.bonus)
    if cap is None:
        return t("sheet-bonus", points=bonus)
    return t("sheet-bonus-capped", points=bonus, cap=_pts(t, cap))


def _verification_lines(t: Translator, view: SheetView) -> list[str]:
    changed = [e for e in view.sheet.entries.values() if e.changed]
    if not changed:
        return []
    lines = [t("sheet-verified-title")]
    for entry in changed:
        before = fmt.points_or_dash(entry.own_value or Decimal(0), t.locale)
        after = fmt.points_or_dash(entry.verified_value, t.locale)
        lines.append(
            t("sheet-verified-item", item=entry.code, old=before, new=after,
              reason=entry.verify_reason)
        )  # fmt: skip
    lines.append(
        t("sheet-verified-total", final=_pts(t, view.final.final), own=_pts(t, view.totals.final))
    )
    return lines


def item_prompt(
    t: Translator, view: SheetView, code: str, notice: str = "", evidence: int = 0
) -> Reply:
    table, sheet = view.table, view.sheet
    current = next(step for step in steps(table) if step.code == code)
    lines = [notice, ""] if notice else []
    lines += [title(t, view), _section_heading(t, table, current)]
    for step in steps(table):
        if step.section == current.section:
            lines.append(
                _step_line(t, table, step, sheet.entries.get(step.code), step.code == code)
            )
    lines.append(_hint(t, table, code))
    if any(_mark(sheet.entries.get(step.code)) for step in steps(table)):
        lines.append(t("sheet-marks"))
    if evidence:
        lines.append(t("evidence-count", count=evidence))
    lines.append(
        t("sheet-running-total", total=_pts(t, view.totals.final), scale=_pts(t, table.scale))
    )
    sid = str(sheet.id)
    buttons = [
        [Button(t("btn-previous"), Action("si", (sid, code, "-1"))),
         Button(t("btn-skip"), Action("si", (sid, code, "1")))],
        [Button(t("btn-note"), Action("sn", (sid, code))),
         Button(t("btn-save-draft"), Action("sv", (sid,)))],
    ]  # fmt: skip
    return Reply("\n".join(lines), buttons, lettered=True)


def _hint(t: Translator, table: CriteriaTable, code: str) -> str:
    """What to type, with an example in the criterion's own range."""
    found = table.find(code)
    assert found is not None
    if found.kind != "penalty":
        return t("score-hint", max=_pts(t, found.points),
                 example=fmt.example_points(found.points, t.locale))  # fmt: skip
    if found.per_occurrence:
        return t("score-hint-penalty")
    return t("score-hint-yes-no", points=_pts(t, found.points))


def _mark(entry: Entry | None) -> str:
    """🤖 for what the bot filled in, 📋 for what was copied: the unit's to confirm."""
    if entry is None or entry.own_value is None:
        return ""
    return {EntrySource.BOT: " 🤖", EntrySource.COPIED: " 📋"}.get(entry.source, "")


def _section_heading(t: Translator, table: CriteriaTable, step: Step) -> str:
    if step.kind is EntryKind.BONUS:
        cap = table.bonus_cap
        return t("section-bonus", cap=_pts(t, cap) if cap is not None else "—")
    if step.kind is EntryKind.PENALTY:
        return t("section-penalties")
    section = next(s for s in table.sections if s.code == step.section)
    return t("section-heading", code=section.code, title=section.title,
             max=_pts(t, section.max_points))  # fmt: skip


def _step_line(
    t: Translator, table: CriteriaTable, step: Step, entry: Entry | None, current: bool
) -> str:
    found = table.find(step.code)
    assert found is not None  # steps come from the same table
    maximum = found.points
    times = entry.occurrences if entry else None
    if step.kind is EntryKind.PENALTY and times is not None and not found.per_occurrence:
        value = t("penalty-yes", points=_pts(t, maximum)) if times else t("penalty-no")
    elif step.kind is EntryKind.PENALTY:
        value = (
            t("penalty-times", times=times)
            if times is not None
            else t("penalty-per", points=_pts(t, maximum))
        )
    elif entry is not None and entry.points is not None:
        value = f"{_pts(t, entry.points)}/{_pts(t, maximum)}"
    else:
        value = t("item-max", max=_pts(t, maximum))
    done = entry is not None and (entry.points is not None or entry.occurrences is not None)
    mark = "▶️" if current else ("✅" if done else "▫️")
    return f"{mark} {step.code}. {found.title} — {value}{_mark(entry)}"


def recorded(t: Translator, view: SheetView, code: str) -> str:
    entry = view.sheet.entries[code]
    found = view.table.find(code)
    assert found is not None  # the entry was just recorded against this table
    if entry.kind is EntryKind.PENALTY and not found.per_occurrence:
        key = "score-recorded-yes" if entry.occurrences else "score-recorded-no"
        return t(key, item=code, points=_pts(t, found.points), total=_pts(t, view.totals.final))
    if entry.kind is EntryKind.PENALTY:
        return t("score-recorded-penalty", item=code, times=entry.occurrences or 0)
    points = entry.points if entry.points is not None else Decimal(0)
    return t("score-recorded", item=code, points=_pts(t, points), max=_pts(t, found.points),
             total=_pts(t, view.totals.final))  # fmt: skip


def _submit_key(key: str, view: SheetView) -> str:
    return key if view.sheet.is_self else f"{key}-cross"


def _submit_args(view: SheetView) -> dict[str, str]:
    names = {"unit": view.unit.short_name}
    return names if view.sheet.is_self else names | {"scorer": view.scorer.short_name}


def confirm_submit(t: Translator, view: SheetView) -> Reply:
    sid = str(view.sheet.id)
    return Reply(
        t(_submit_key("submit-confirm", view), total=_pts(t, view.totals.final),
          **_submit_args(view)),
        [[Button(t("btn-submit-confirm"), Action("sbc", (sid,))),
          Button(t("btn-back"), Action("sv", (sid,)))]],
    )  # fmt: skip


def submitted(t: Translator, view: SheetView) -> Reply:
    text = t(_submit_key("submit-done", view), total=_pts(t, view.totals.final),
             year=view.window.opens_at.year, **_submit_args(view))  # fmt: skip
    return Reply(text, [[Button(t("btn-view-sheet"), Action("sv", (str(view.sheet.id),))),
                         command_button(t("btn-menu"), "menu")]])  # fmt: skip


def choose_unit(t: Translator, units: list[tuple[int, str]], cycle: str) -> Reply:
    rows = [[Button(name, Action("su", (cycle, str(unit_id))))] for unit_id, name in units]
    return Reply(t("cross-choose-unit"), rows)
