"""Numbers and dates the way Vietnamese officers write them: "8,5 điểm", dd/mm/yyyy, HH:MM."""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal

from domain.model import Bloc, BlocWord
from domain.scoring import example_score, round1
from domain.settings import LOCAL_TZ


def points(value: Decimal | int | float, locale: str = "vi") -> str:
    """One decimal at most, rounded half up as the domain rounds: 8.25 is "8,3" ("8.3" in en)."""
    number = round1(Decimal(str(value)))
    text = f"{number:.0f}" if number == number.to_integral_value() else f"{number:.1f}"
    return text.replace(".", ",") if locale == "vi" else text


def points_or_dash(value: Decimal | None, locale: str = "vi") -> str:
    """A score, or a dash where there is none yet."""
    return "—" if value is None else points(value, locale)


def example_points(maximum: Decimal, locale: str) -> str:
    """A score an officer might type for this criterion: in its range, as they write it."""
    return points(example_score(maximum), locale)


def date(moment: datetime, tz: tzinfo = LOCAL_TZ) -> str:
    return moment.astimezone(tz).strftime("%d/%m/%Y")


def date_time(moment: datetime, tz: tzinfo = LOCAL_TZ) -> str:
    return moment.astimezone(tz).strftime("%H:%M %d/%m/%Y")


def bloc_kind(bloc: Bloc) -> str:
    """ "cum" for a cụm thi đua, else "khoi": the bloc's own word for its leader and deputy."""
    return "cum" if bloc.kind_word is BlocWord.CUM else "khoi"
