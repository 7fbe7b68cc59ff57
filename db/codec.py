"""JSON forms of the per-bloc rules and calendar, stored with each bloc year."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.settings import (
    BlocCalendar,
    BlocRules,
    LeaderSelection,
    MonthDay,
    ScoringMode,
    ThresholdBase,
    Window,
    format_offset,
    parse_offset,
)

_WINDOWS = ("pledge_window", "midyear_window", "annual_window")
_REMINDERS = ("conference_reminders", "deadline_reminders")


def rules_to_json(rules: BlocRules) -> dict[str, Any]:
    return {
        "ballot_secret": rules.ballot_secret,
        "threshold": str(rules.threshold),
        "threshold_base": rules.threshold_base.value,
        "flag_quota": rules.flag_quota,
        "merit_quota_ratio": str(rules.merit_quota_ratio),
        "scoring_mode": rules.scoring_mode.value,
        "leader_selection": rules.leader_selection.value,
        "explanation_hours": rules.explanation_hours,
        "cross_penalties": rules.cross_penalties,
    }


def rules_from_json(data: dict[str, Any]) -> BlocRules:
    return BlocRules(
        ballot_secret=bool(data["ballot_secret"]),
        threshold=Decimal(data["threshold"]),
        threshold_base=ThresholdBase(data["threshold_base"]),
        flag_quota=int(data["flag_quota"]),
        merit_quota_ratio=Decimal(data["merit_quota_ratio"]),
        scoring_mode=ScoringMode(data["scoring_mode"]),
        leader_selection=LeaderSelection(data["leader_selection"]),
        # Years stored before these settings existed take the defaults.
        explanation_hours=int(data.get("explanation_hours", BlocRules.explanation_hours)),
        cross_penalties=bool(data.get("cross_penalties", BlocRules.cross_penalties)),
    )


def calendar_to_json(calendar: BlocCalendar) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in _WINDOWS:
        window: Window = getattr(calendar, key)
        data[key] = {"opens": str(window.opens), "closes": str(window.closes)}
    for key in _REMINDERS:
        data[key] = [format_offset(offset) for offset in getattr(calendar, key)]
    if calendar.extended:
        data["extended"] = {kind: closes.isoformat() for kind, closes in calendar.extended}
    return data


def calendar_from_json(data: dict[str, Any]) -> BlocCalendar:
    windows = {
        key: Window(MonthDay.parse(data[key]["opens"]), MonthDay.parse(data[key]["closes"]))
        for key in _WINDOWS
    }
    reminders = {key: tuple(parse_offset(text) for text in data[key]) for key in _REMINDERS}
    return BlocCalendar(
        pledge_window=windows["pledge_window"],
        midyear_window=windows["midyear_window"],
        annual_window=windows["annual_window"],
        conference_reminders=reminders["conference_reminders"],
        deadline_reminders=reminders["deadline_reminders"],
        extended=tuple(
            (kind, datetime.fromisoformat(closes))
            for kind, closes in sorted(data.get("extended", {}).items())
        ),
    )
