"""What a notice is about, as named values: a channel that must send it as a pre-approved
template (the Zalo Official Account outside its reply window) fills the template's
parameters from these (ZALO_OA_TEMPLATES maps each parameter to one of them). Every notice
also has "title" (its first line) and "text" (all of it)."""

from __future__ import annotations

from bot.i18n import Translator
from bot.views import conferences as conference_views
from bot.views import cycle as cycle_views
from bot.views import fmt
from domain.ballots import Ballot
from domain.conferences import Conference
from domain.model import Unit
from domain.windows import WindowTimes

# The kinds, and the values each carries besides "title" and "text".
KINDS: dict[str, tuple[str, ...]] = {
    "window_opened": ("task", "deadline", "year"),
    "deadline_reminder": ("task", "deadline", "year", "unit"),
    "ballot_opened": ("ballot", "closes_at", "year"),
    "ballot_reminder": ("ballot", "closes_at", "year"),
    "conference_invitation": ("conference", "starts_at", "place", "year"),
    "conference_changed": ("conference", "starts_at", "place", "year"),
    "conference_reminder": ("conference", "starts_at", "place", "year"),
}


def window(
    kind: str, t: Translator, times: WindowTimes, year: int, unit: Unit | None = None
) -> dict[str, str]:
    values = {
        "kind": kind,
        "task": cycle_views.window_name(t, times.kind, year),
        "deadline": fmt.date(times.closes_at),
        "year": str(year),
    }
    if unit is not None:
        values["unit"] = unit.short_name or unit.name
    return values


def ballot(kind: str, item: Ballot, year: int) -> dict[str, str]:
    closes = fmt.date_time(item.closes_at)
    return {"kind": kind, "ballot": item.title, "closes_at": closes, "year": str(year)}


def conference(
    what: str, t: Translator, item: Conference, year: int, host: Unit | None
) -> dict[str, str]:
    return {
        "kind": f"conference_{what}",
        "conference": conference_views.name(t, item.kind, year),
        "starts_at": fmt.date_time(item.starts_at),
        "place": conference_views.place(t, item, host),
        "year": str(year),
    }
