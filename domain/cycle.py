"""The bloc's year as the scheduler drives it: each window (pledges, mid-year, annual) opens,
its deadline is reminded, it closes; at the end of the year the leader hands over. Pure: the
moments of a year's events, which of them are due now, and the rotation's proposal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from domain.conferences import year_span
from domain.model import BlocYear
from domain.settings import LOCAL_TZ, BlocCalendar, format_offset
from domain.windows import WindowKind, WindowTimes, window_times

# Announcements go out in office hours: a window opening at 00:00, a "3 days left" falling at
# 23:59:59, are told at 08:00 that morning, never at night on a busy officer's phone.
ANNOUNCE_AT = time(8, 0)
DAY = timedelta(days=1)


class CycleEventKind(StrEnum):
    OPENED = "opened"
    REMINDER = "reminder"
    CLOSED = "closed"


@dataclass(frozen=True)
class CycleEvent:
    window: WindowTimes
    kind: CycleEventKind
    at: datetime
    offset: timedelta | None = None  # a reminder: how long before the deadline

    def key(self, year_id: int) -> str:
        """The event's name in the log of actions taken: taken once, whatever the clock does."""
        name = self.kind.value
        if self.offset is not None:
            name = f"remind-{format_offset(self.offset)}"
        return f"year:{year_id}:{self.window.kind.value}:{name}"


class LagState(StrEnum):
    """Where a unit that has not done the window's task stands."""

    NONE = "none"  # nothing started: no pledge, no sheet
    DRAFT = "draft"  # a draft pledge not sent; a sheet partly scored, not submitted
    RETURNED = "returned"  # a pledge the leader sent back, to correct and send again
    CROSS = "cross"  # cross-scoring: not every other unit's sheet submitted


@dataclass(frozen=True)
class Laggard:
    """A member unit that still owes the window's task, with its progress where it is cheap
    to tell: criteria scored of the table (`done`/`total`), or cross sheets submitted."""

    unit_id: int
    state: LagState
    done: int = 0
    total: int = 0


@dataclass(frozen=True)
class Handover:
    """The year handed over: the next year (created, or the imported one updated) with its
    leader and deputy, and the rotating flag passed from one leader unit to the other."""

    bloc_id: int
    outgoing: BlocYear
    incoming: BlocYear
    created: bool
    at: datetime

    @property
    def flag_from(self) -> int:
        return self.outgoing.leader_unit_id

    @property
    def flag_to(self) -> int:
        return self.incoming.leader_unit_id


def window_end(window: WindowTimes) -> datetime:
    """The moment the window's data locks: the second after its last one."""
    return window.closes_at + timedelta(seconds=1)


def year_events(calendar: BlocCalendar, year: int) -> list[CycleEvent]:
    """Every window's opening, deadline reminders and closing, in time order. A reminder that
    would come before its window opens (a short window) is left out."""
    events = []
    for kind in WindowKind:
        window = window_times(calendar, kind, year)
        opened = event_of(window, CycleEventKind.OPENED)
        events.append(opened)
        for offset in calendar.deadline_reminders:
            reminder = event_of(window, CycleEventKind.REMINDER, offset)
            if opened.at <= reminder.at < window_end(window):
                events.append(reminder)
        events.append(event_of(window, CycleEventKind.CLOSED))
    return sorted(events, key=lambda event: event.at)


def reminder_moment(window: WindowTimes, offset: timedelta) -> datetime:
    """Whole days before the last day: 08:00 on that day ("3 days left" on 28/03 for a
    deadline of 31/03); hours: exactly that long before the end."""
    if offset % DAY == timedelta(0):
        return _morning((window.closes_at - offset).astimezone(LOCAL_TZ).date())
    return window_end(window) - offset


# An announcement held up longer than this (the bot down, or first started later in the year)
# is no news to anyone and may mislead: "the window has opened" to a unit that has already
# submitted, a reminder of a deadline days later. Dropped, as it is from the outbox then.
ANNOUNCEMENT_KEPT = DAY


def due_events(events: list[CycleEvent], now: datetime) -> list[CycleEvent]:
    """The events to send now, if not sent yet, in time order: those whose moment came less
    than ANNOUNCEMENT_KEPT ago; an opening or a reminder only while its window is open, and
    of the reminders only the latest (a 3-day reminder is not sent with the 1-day one)."""
    due: list[CycleEvent] = []
    latest: dict[WindowKind, CycleEvent] = {}
    for event in events:
        if not event.at <= now <= stale_at(event):
            continue
        if event.kind is CycleEventKind.REMINDER:
            if event.window.is_open(now):
                latest[event.window.kind] = event  # events are in time order
        elif event.kind is CycleEventKind.CLOSED or event.window.is_open(now):
            due.append(event)
    return sorted(due + list(latest.values()), key=lambda event: event.at)


def stale_at(event: CycleEvent) -> datetime:
    """When the announcement stops being news: a day after its moment; an opening or a
    reminder also once its window has closed."""
    kept = event.at + ANNOUNCEMENT_KEPT
    return kept if event.kind is CycleEventKind.CLOSED else min(kept, window_end(event.window))


def event_of(
    window: WindowTimes, kind: CycleEventKind, offset: timedelta | None = None
) -> CycleEvent:
    """The event of that kind for the window, at its moment."""
    if kind is CycleEventKind.OPENED:
        return CycleEvent(window, kind, _morning(window.opens_at.astimezone(LOCAL_TZ).date()))
    if kind is CycleEventKind.REMINDER:
        assert offset is not None
        return CycleEvent(window, kind, reminder_moment(window, offset), offset)
    return CycleEvent(window, kind, _morning(window_end(window).astimezone(LOCAL_TZ).date()))


def cycle_over(year: int, now: datetime) -> bool:
    """A year's cycle ends with its annual review, by the end of March after it: nothing is
    announced for it any more (an old year found on the first start is left in peace)."""
    return now >= year_span(year)[1]


def rotation_order(year: BlocYear, next_members: list[int]) -> list[int]:
    """The roster order agreed by the bloc, then any member it does not list."""
    return list(dict.fromkeys(year.rotation + year.member_unit_ids + next_members))


def next_in_rotation(
    order: list[int], after: int | None, members: list[int], skip: int | None = None
) -> int | None:
    """The first unit after `after` in the rotation that is a member (and not `skip`),
    wrapping round; from the top when `after` is not in the rotation."""
    if not order:
        return None
    start = order.index(after) + 1 if after in order else 0
    for step in range(len(order)):
        unit = order[(start + step) % len(order)]
        if unit in members and unit != skip:
            return unit
    return None


def rotation_proposal(year: BlocYear, next_members: list[int]) -> tuple[int | None, int | None]:
    """Next year's leader and deputy by rotation: the leader is the unit after this year's
    leader (this year's deputy, when the roster puts it there), the deputy the unit after
    the new leader — who then leads the year after."""
    order = rotation_order(year, next_members)
    leader = next_in_rotation(order, year.leader_unit_id, next_members)
    deputy = next_in_rotation(order, leader, next_members, skip=leader)
    return leader, deputy


def handover_opens(year: BlocYear) -> datetime:
    """A year is handed over at its annual review: from the opening of its annual window.
    Before that a second /bangiao would hand over the year that has only just begun."""
    return window_times(year.calendar, WindowKind.ANNUAL, year.year).opens_at


def _morning(day: date) -> datetime:
    return datetime.combine(day, ANNOUNCE_AT, tzinfo=LOCAL_TZ)
