"""The year's windows (pledges, mid-year, annual) as local dates, and whether one is open."""

from __future__ import annotations

from calendar import isleap
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum

from domain.settings import LOCAL_TZ, BlocCalendar, MonthDay, Window


class WindowKind(StrEnum):
    PLEDGE = "pledge"
    MIDYEAR = "midyear"
    ANNUAL = "annual"


@dataclass(frozen=True)
class WindowTimes:
    kind: WindowKind
    opens_at: datetime  # 00:00 local on the first day
    closes_at: datetime  # 23:59:59 local on the last day
    extended: bool = False  # the leader moved the close this year

    def is_open(self, now: datetime) -> bool:
        # Closes at the end of its last second: 23:59:59.5 is still the last day.
        return self.opens_at <= now < self.closes_at + timedelta(seconds=1)


def window_times(calendar: BlocCalendar, kind: WindowKind, year: int) -> WindowTimes:
    """A window of the bloc's `year`; one that closes 'before' it opens runs into next year
    (an annual review from December to January)."""
    window: Window = getattr(calendar, f"{kind.value}_window")
    closes_year = year + 1 if window.closes < window.opens else year
    closes_at = _local(closes_year, window.closes, time(23, 59, 59))
    return WindowTimes(
        kind,
        _local(year, window.opens, time(0, 0)),
        calendar.extended_close(kind.value) or closes_at,
        extended=calendar.extended_close(kind.value) is not None,
    )


def _local(year: int, day: MonthDay, at: time) -> datetime:
    """A month-day in `year`; 29 February falls back to the 28th in common years."""
    month_day = day.day
    if (day.month, day.day) == (2, 29) and not isleap(year):
        month_day = 28
    return datetime(year, day.month, month_day, at.hour, at.minute, at.second, tzinfo=LOCAL_TZ)
