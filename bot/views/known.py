"""What stands on a sheet that the unit did not type: penalties the bot filled in from its
records, and why; and how a value reads (points, a count, or yes/no for a one-off)."""

from __future__ import annotations

from decimal import Decimal

from bot.i18n import Translator
from bot.views import fmt
from domain.criteria import Found, PenaltyFact
from domain.known_facts import Known
from domain.services.scoring import SheetView


def value_text(t: Translator, found: Found | None, value: Decimal | None) -> str:
    """A value as the sheet shows it: points, "2 lần", or for a one-off penalty có/không."""
    if value is None:
        return "—"
    if found is not None and found.kind == "penalty":
        if found.per_occurrence:
            return t("penalty-times", times=int(value))
        return t("fast-yes") if value else t("fast-no")
    return fmt.points(value, t.locale)


def filled_notice(t: Translator, view: SheetView) -> str:
    """What the bot has just filled in from its records, and why."""
    if not view.filled:
        return ""
    lines = [t("fast-filled-title")]
    for known in view.filled:
        found = view.table.find(known.code)
        value = value_text(t, found, Decimal(known.times))
        lines.append(t("fast-filled-item", code=known.code, value=value,
                       why=_why(t, known)))  # fmt: skip
    return "\n".join(lines)


def _why(t: Translator, known: Known) -> str:
    facts = known.facts
    if known.fact is PenaltyFact.COVENANT_UNSIGNED and facts.covenant_signed_at is not None:
        return t("fast-why-covenant", date=fmt.date(facts.covenant_signed_at))
    if known.fact is PenaltyFact.CONFERENCE_ABSENCE:
        absences = facts.absences or ()
        if not absences:
            return t("fast-why-attended")
        named = ", ".join(
            t("fast-why-conference", kind=a.kind.value, date=fmt.date(a.starts_at))
            for a in absences
        )
        return t("fast-why-absent", conferences=named)
    late = facts.late or ()
    if not late:
        return t("fast-why-on-time")
    return t("fast-why-late", reports=", ".join(t("fast-report", report=r.value) for r in late))
