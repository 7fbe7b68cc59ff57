"""Numbers and dates the way Vietnamese officers write them: "8,5 điểm", dd/mm/yyyy, HH:MM."""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal

from domain.scoring import round1
from domain.settings import LOCAL_TZ


def points(value: Decimal | int | float, locale: str = "vi") -> str:
    """One decimal at most, rounded half up as the domain rounds: 8.25 is "8,3" ("8.3" in en)."""
    number = round1(Decimal(str(value)))
    text = f"{number:.0f}" if number == number.to_integral_value() else f"{number:.1f}"
    return text.replace(".", ",") if locale == "vi" else text


def date(moment: datetime, tz: tzinfo = LOCAL_TZ) -> str:
    return moment.astimezone(tz).strftime("%d/%m/%Y")


def date_time(moment: datetime, tz: tzinfo = LOCAL_TZ) -> str:
    return moment.astimezone(tz).strftime("%H:%M %d/%m/%Y")
