"""Domain results as what the templates and the page's script show: numbers written the
Vietnamese way, a sheet as sections of rows, totals."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from bot.i18n import Translator
from bot.views import fmt
from domain.policy import Permission, allowed
from domain.services.members import Membership
from domain.services.scoring import SheetView
from domain.sheets import Entry, EntryKind, Evidence

# What people type after a number: "240 điểm", "8,5đ", "9 points".
_UNIT = re.compile(r"\s*(điểm|diem|đ|d|points?|pts?)\.?\s*$", re.IGNORECASE)


def points(value: Decimal | int | None, locale: str = "vi") -> str:
    if value is None:
        return ""
    return grouped(fmt.points(value, locale), locale)


def grouped(text: str, locale: str) -> str:
    """Thousands grouped as written in Vietnam: 1.050,5 (1,050.5 in English)."""
    whole, sep, fraction = text.partition("," if locale == "vi" else ".")
    if len(whole) <= 3:
        return text
    mark = "." if locale == "vi" else ","
    digits = f"{int(whole):,}".replace(",", mark)
    return digits + (sep + fraction if sep else "")


def typed_number(text: str) -> str:
    """A typed score without its unit word, for the domain to read ("240 điểm" is 240)."""
    return _UNIT.sub("", text.strip()).strip()


def when(moment: datetime | None) -> str:
    return fmt.date_time(moment) if moment else ""


@dataclass
class Row:
    """One criterion on the page."""

    code: str
    title: str
    kind: str  # item | bonus | penalty
    max: str  # an item's or bonus's maximum, a penalty's deduction
    value: str  # as the field shows it
    version: int
    per_occurrence: bool = False
    verified: str | None = None
    reason: str = ""
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Block:
    code: str
    title: str
    max: str
    subtotal: str
    rows: list[Row]


def sheet_blocks(t: Translator, view: SheetView, evidence: list[Evidence], sid: int) -> list[Block]:
    """Sections of items, then the bonus and the penalties, each with its rows."""
    table, entries, loc = view.table, view.sheet.entries, t.locale
    attached: dict[str, list[dict[str, Any]]] = {}
    for item in evidence:
        attached.setdefault(item.code, []).append(evidence_info(item, sid))
    blocks = []
    for section in table.sections:
        rows = [
            _row(c.code, c.title, "item", c.max_points, entries.get(c.code), attached, loc)
            for c in section.items
        ]
        subtotal = points(view.totals.sections.get(section.code, Decimal(0)), loc)
        blocks.append(
            Block(section.code, section.title, points(section.max_points, loc), subtotal, rows)
        )
    if table.bonus:
        rows = [
            _row(c.code, c.title, "bonus", c.max_points, entries.get(c.code), attached, loc)
            for c in table.bonus
        ]
        cap = points(table.bonus_cap, loc) if table.bonus_cap is not None else ""
        blocks.append(Block("bonus", t("web-bonus"), cap, points(view.totals.bonus, loc), rows))
    if table.penalties:
        rows = []
        for p in table.penalties:
            row = _row(p.code, p.title, "penalty", p.points, entries.get(p.code), attached, loc)
            row.per_occurrence = p.per_occurrence
            rows.append(row)
        total = points(view.totals.penalties, loc)
        blocks.append(Block("penalty", t("web-penalties"), "", total, rows))
    return blocks


def _row(
    code: str,
    title: str,
    kind: str,
    maximum: Decimal,
    entry: Entry | None,
    attached: dict[str, list[dict[str, Any]]],
    locale: str,
) -> Row:
    value = ""
    if entry is not None:
        if kind == EntryKind.PENALTY.value:
            value = "" if entry.occurrences is None else str(entry.occurrences)
        else:
            value = points(entry.points, locale)
    row = Row(code, title, kind, points(maximum, locale), value, entry.version if entry else 0)
    if entry is not None and entry.verified is not None:
        row.verified, row.reason = points(entry.verified, locale), entry.verify_reason
    row.evidence = attached.get(code, [])
    return row


def evidence_info(item: Evidence, sheet_id: int) -> dict[str, Any]:
    stored = item.reference.startswith(STORED)
    return {
        "id": item.id,
        "kind": item.kind,
        "name": item.reference if item.kind == "note" else item.name,
        "url": f"/w/sheet/{sheet_id}/evidence/{item.id}" if stored else None,
    }


STORED = "web:"  # evidence uploaded on the page: kept in the bot's file store under this token


def totals(t: Translator, view: SheetView) -> dict[str, Any]:
    loc, own = t.locale, view.totals
    return {
        "final": points(own.final, loc),
        "scale": points(view.table.scale, loc),
        "bonus": points(own.bonus, loc),
        "penalties": points(own.penalties, loc),
        "scored": own.scored_items,
        "count": own.item_count,
        "sections": {code: points(value, loc) for code, value in own.sections.items()},
        "percent": int(own.final * 100 / view.table.scale) if view.table.scale else 0,
    }


def entry_state(entry: Entry, locale: str) -> dict[str, Any]:
    value = (
        ("" if entry.occurrences is None else str(entry.occurrences))
        if entry.kind is EntryKind.PENALTY
        else points(entry.points, locale)
    )
    return {"value": value, "version": entry.version, "at": when(entry.updated_at)}


def may(member: Membership | None, permission: str) -> bool:
    """Whether the signed-in person's role offers a page (the domain's policy decides)."""
    return member is not None and allowed(member.actor, Permission(permission), member.year)
