"""Per-bloc rules and calendar. Every rule of a bloc is a setting; these are the defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

# The blocs' time zone: deadlines, invite expiry and reminders are local days and hours.
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class ThresholdBase(StrEnum):
    ALL_MEMBERS = "all_members"
    PRESENT_MEMBERS = "present_members"


class ScoringMode(StrEnum):
    VERIFY = "verify"
    CROSS = "cross"


class LeaderSelection(StrEnum):
    ROTATION = "rotation"
    ELECTION = "election"


# The thresholds a bloc regulation may choose (domain.md, Voting).
ALLOWED_THRESHOLDS = (
    Decimal("0.5"),
    Decimal(2) / Decimal(3),
    Decimal("0.7"),
    Decimal("0.8"),
    Decimal("0.9"),
)


@dataclass(frozen=True)
class BlocRules:
    ballot_secret: bool = True
    threshold: Decimal = Decimal("0.7")
    threshold_base: ThresholdBase = ThresholdBase.ALL_MEMBERS
    flag_quota: int = 1
    merit_quota_ratio: Decimal = Decimal("0.5")
    scoring_mode: ScoringMode = ScoringMode.VERIFY
    leader_selection: LeaderSelection = LeaderSelection.ROTATION
    # How long a unit has to agree with a verification change or explain (giải trình).
    explanation_hours: int = 48
    # Cross mode: the leader's verified penalties are subtracted from the cross mean
    # (domain.md: penalties are facts, set once per unit); off, the mean stands alone.
    cross_penalties: bool = True


@dataclass(frozen=True, order=True)
class MonthDay:
    month: int
    day: int

    @classmethod
    def parse(cls, text: str) -> MonthDay:
        """Parse "MM-DD"; raises ValueError with the offending text."""
        month_text, sep, day_text = text.strip().partition("-")
        if not sep or not month_text.isdigit() or not day_text.isdigit():
            raise ValueError(text)
        value = cls(int(month_text), int(day_text))
        days_in_month = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
        if not 1 <= value.month <= 12 or not 1 <= value.day <= days_in_month[value.month - 1]:
            raise ValueError(text)
        return value

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Window:
    opens: MonthDay
    closes: MonthDay


def parse_offset(text: str) -> timedelta:
    """Parse a reminder offset such as "7d", "1d" or "2h"; raises ValueError."""
    cleaned = text.strip().lower()
    units = {"d": "days", "h": "hours", "m": "minutes"}
    if len(cleaned) < 2 or cleaned[-1] not in units or not cleaned[:-1].isdigit():
        raise ValueError(text)
    return timedelta(**{units[cleaned[-1]]: int(cleaned[:-1])})


def format_offset(offset: timedelta) -> str:
    seconds = int(offset.total_seconds())
    if seconds % 86400 == 0:
        return f"{seconds // 86400}d"
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    return f"{seconds // 60}m"


@dataclass(frozen=True)
class BlocCalendar:
    pledge_window: Window = Window(MonthDay(1, 5), MonthDay(3, 31))
    midyear_window: Window = Window(MonthDay(6, 1), MonthDay(6, 30))
    annual_window: Window = Window(MonthDay(11, 15), MonthDay(12, 15))
    conference_reminders: tuple[timedelta, ...] = field(
        default=(timedelta(days=7), timedelta(days=1), timedelta(hours=2))
    )
    deadline_reminders: tuple[timedelta, ...] = field(
        default=(timedelta(days=3), timedelta(days=1))
    )
    # This year's windows the leader extended: (window kind, new local closing moment).
    extended: tuple[tuple[str, datetime], ...] = ()

    def extended_close(self, kind: str) -> datetime | None:
        return next((closes for name, closes in self.extended if name == kind), None)
