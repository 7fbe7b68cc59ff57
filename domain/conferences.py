"""The bloc's conferences: the covenant signing, the mid-year review (sơ kết) and the annual
review (tổng kết). Dates the bot proposes, the span a conference may fall in, reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from domain.settings import LOCAL_TZ, BlocCalendar
from domain.windows import WindowKind, window_times

PLACE_MAX = 255
AGENDA_MAX = 2000
ATTENDEES_MAX = 300
MAX_PEOPLE = 20  # attendees one unit may announce
START_HOUR = time(8, 0)  # conferences open at 08:00 local, as offices start


class ConferenceKind(StrEnum):
    SIGNING = "signing"  # ký kết giao ước
    MIDYEAR = "midyear"  # sơ kết 6 tháng
    ANNUAL = "annual"  # tổng kết năm


class ConferenceStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


@dataclass
class Conference:
    year_id: int
    kind: ConferenceKind
    starts_at: datetime
    place: str
    agenda: str = ""
    attendees: str = ""  # who each unit should send, e.g. "Lãnh đạo và cán bộ thi đua"
    host_unit_id: int | None = None
    status: ConferenceStatus = ConferenceStatus.SCHEDULED
    sequence: int = 0  # how many times it moved: calendar apps replace older invitations
    created_by: int | None = None
    id: int | None = None

    @property
    def is_cancelled(self) -> bool:
        return self.status is ConferenceStatus.CANCELLED

    def uid(self, bloc_code: str) -> str:
        """A stable identifier for calendar apps: the same event across moves."""
        return f"conference-{self.id}-{bloc_code}@thidua-bot"


@dataclass(frozen=True)
class Rsvp:
    """A unit's answer: how many people it sends (0: it does not attend) and their names."""

    conference_id: int
    unit_id: int
    people: int
    names: str = ""
    officer_id: int | None = None
    at: datetime | None = None


# The day the bot proposes for each conference: mid-March for the signing (before the pledge
# window closes on 31/03), mid-July for the mid-year review, mid-January after the year.
_PROPOSED = {
    ConferenceKind.SIGNING: (0, 3, 15),
    ConferenceKind.MIDYEAR: (0, 7, 15),
    ConferenceKind.ANNUAL: (1, 1, 15),
}


def proposed_start(kind: ConferenceKind, year: int, calendar: BlocCalendar) -> datetime:
    """The first working day (Mon–Fri) on or after the customary day, at 08:00 local; for the
    signing, no later than the pledge window's last working day."""
    offset, month, day = _PROPOSED[kind]
    proposed = _working_day(date(year + offset, month, day))
    if kind is ConferenceKind.SIGNING:
        closes = window_times(calendar, WindowKind.PLEDGE, year).closes_at.date()
        proposed = min(proposed, _working_day_before(closes))
    return datetime.combine(proposed, START_HOUR, tzinfo=LOCAL_TZ)


def year_span(year: int) -> tuple[datetime, datetime]:
    """When a year's conferences may be held: from 1 January to the end of March after it,
    where the annual review of a December–January year may still fall."""
    return (
        datetime(year, 1, 1, tzinfo=LOCAL_TZ),
        datetime(year + 1, 4, 1, tzinfo=LOCAL_TZ),
    )


def reminder_moments(
    conference: Conference, offsets: tuple[timedelta, ...]
) -> list[tuple[timedelta, datetime]]:
    """(offset, moment) of each reminder, latest offset first."""
    return sorted(
        ((offset, conference.starts_at - offset) for offset in offsets),
        key=lambda pair: pair[1],
    )


def due_reminder(
    conference: Conference, offsets: tuple[timedelta, ...], now: datetime
) -> timedelta | None:
    """The reminder to send now, if any: the latest one whose moment has come. One that came
    while the bot was down is sent late only while it is still the latest (a 7-day reminder
    is not sent a day before: the 1-day one is), and never once the conference has begun."""
    if conference.is_cancelled or now >= conference.starts_at:
        return None
    due = [offset for offset, moment in reminder_moments(conference, offsets) if moment <= now]
    return due[-1] if due else None


def _working_day(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _working_day_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day
