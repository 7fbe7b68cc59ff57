"""The bloc's year runs itself: the sample bloc's windows open, are reminded to the units that
still owe the task and close, each exactly once at its moment, with a fake clock walked
through the whole of 2022; clock jumps fire each event at most once and drop what is no
longer useful."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from domain.cycle import (
    CycleEventKind,
    Handover,
    Laggard,
    LagState,
    due_events,
    reminder_moment,
    year_events,
)
from domain.model import BlocYear
from domain.pledges import Pledge, PledgeStatus
from domain.ports import UnitOfWork
from domain.services import cycle
from domain.settings import LOCAL_TZ, BlocCalendar, BlocRules, MonthDay, ScoringMode, Window
from domain.sheets import Entry, EntryKind, ScoreSheet, SheetStatus
from domain.summary import Cycle
from domain.windows import WindowKind, WindowTimes, window_times
from tests.unit.fakes import FakeClock, FakeUnitOfWork, imported

HOUR = timedelta(hours=1)
ROSTER = ("SNN", "STN", "SGT", "SCT", "PTTH")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LOCAL_TZ)


@dataclass
class RecordingNotifier:
    """Every call, as (event, window, offset or None, unit codes), with the clock's time."""

    clock: FakeClock
    codes: dict[int, str]
    calls: list[tuple[datetime, str, str, str, tuple[str, ...]]] = field(default_factory=list)
    progress: dict[str, Laggard] = field(default_factory=dict)
    handovers: list[Handover] = field(default_factory=list)

    def _add(self, what: str, window: WindowTimes, offset: str, units: list[int]) -> None:
        names = tuple(self.codes[unit] for unit in units)
        now = self.clock.now().astimezone(LOCAL_TZ)
        self.calls.append((now, what, window.kind.value, offset, names))

    async def window_opened(
        self, uow: UnitOfWork, year: BlocYear, window: WindowTimes, laggards: list[Laggard]
    ) -> None:
        self._add("opened", window, "", [lag.unit_id for lag in laggards])

    async def deadline_reminder(
        self,
        uow: UnitOfWork,
        year: BlocYear,
        window: WindowTimes,
        offset: timedelta,
        laggards: list[Laggard],
    ) -> None:
        self._add("reminder", window, f"{offset.days}d", [lag.unit_id for lag in laggards])
        self.progress |= {self.codes[lag.unit_id]: lag for lag in laggards}

    async def window_closed(
        self, uow: UnitOfWork, year: BlocYear, window: WindowTimes, laggards: list[Laggard]
    ) -> None:
        self._add("closed", window, "", [lag.unit_id for lag in laggards])

    async def handed_over(self, uow: UnitOfWork, handover: Handover) -> None:
        self.handovers.append(handover)


@pytest.fixture
async def uow() -> FakeUnitOfWork:
    return await imported()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(local(2022, 1, 1, 0, 0).astimezone(UTC))


@pytest.fixture
def notifier(uow: FakeUnitOfWork, clock: FakeClock) -> RecordingNotifier:
    codes = {unit_id: unit.code for unit_id, unit in uow.store.units.items()}
    return RecordingNotifier(clock, codes)


def unit_ids(uow: FakeUnitOfWork) -> dict[str, int]:
    return {unit.code: unit_id for unit_id, unit in uow.store.units.items()}


def sample_year(uow: FakeUnitOfWork) -> BlocYear:
    (year,) = uow.store.years.values()
    return copy.deepcopy(year)


async def tick(uow: FakeUnitOfWork, clock: FakeClock, notifier: RecordingNotifier) -> int:
    """What the scheduler's job does: one transaction, committed."""
    async with uow:
        fired = await cycle.run_due(uow, clock.now(), notifier)
        await uow.commit()
    return fired


async def pledge(uow: FakeUnitOfWork, code: str, status: PledgeStatus) -> None:
    year = sample_year(uow)
    assert year.id is not None
    found = await uow.pledges.pledge(year.id, unit_ids(uow)[code])
    saved = found or Pledge(year.id, unit_ids(uow)[code])
    saved.status = status
    await uow.pledges.save(saved)
    await uow.commit()


async def own_sheet(
    uow: FakeUnitOfWork, code: str, period: Cycle, scored: int, submitted: bool = False
) -> None:
    year = sample_year(uow)
    assert year.id is not None
    unit = unit_ids(uow)[code]
    sheet = await uow.scores.find_sheet(year.id, unit, unit, period)
    sheet = sheet or await uow.scores.save_sheet(ScoreSheet(year.id, unit, unit, period))
    assert sheet.id is not None
    for item in range(1, scored + 1):
        await uow.scores.save_entry(sheet.id, Entry(str(item), EntryKind.ITEM, Decimal(1)))
    if submitted:
        sheet.status = SheetStatus.SUBMITTED
        await uow.scores.save_sheet(sheet)
    await uow.commit()


# ---------------------------------------------------------------------------------------------
# The year's moments (pure)


def test_the_years_events_fall_in_office_hours() -> None:
    events = year_events(BlocCalendar(), 2022)
    got = [(e.window.kind.value, e.kind.value, e.offset, e.at) for e in events]
    three, one = timedelta(days=3), timedelta(days=1)
    assert got == [
        ("pledge", "opened", None, local(2022, 1, 5, 8, 0)),
        ("pledge", "reminder", three, local(2022, 3, 28, 8, 0)),
        ("pledge", "reminder", one, local(2022, 3, 30, 8, 0)),
        ("pledge", "closed", None, local(2022, 4, 1, 8, 0)),
        ("midyear", "opened", None, local(2022, 6, 1, 8, 0)),
        ("midyear", "reminder", three, local(2022, 6, 27, 8, 0)),
        ("midyear", "reminder", one, local(2022, 6, 29, 8, 0)),
        ("midyear", "closed", None, local(2022, 7, 1, 8, 0)),
        ("annual", "opened", None, local(2022, 11, 15, 8, 0)),
        ("annual", "reminder", three, local(2022, 12, 12, 8, 0)),
        ("annual", "reminder", one, local(2022, 12, 14, 8, 0)),
        ("annual", "closed", None, local(2022, 12, 16, 8, 0)),
    ]
    assert [e.key(7) for e in events[:4]] == [
        "year:7:pledge:opened",
        "year:7:pledge:remind-3d",
        "year:7:pledge:remind-1d",
        "year:7:pledge:closed",
    ]


def test_an_hour_reminder_is_that_long_before_the_end() -> None:
    window = window_times(BlocCalendar(), WindowKind.PLEDGE, 2022)
    assert reminder_moment(window, timedelta(hours=2)) == local(2022, 3, 31, 22, 0)


def test_a_reminder_before_a_short_window_opens_is_left_out() -> None:
    short = BlocCalendar(midyear_window=Window(MonthDay(6, 1), MonthDay(6, 2)))
    midyear = [e for e in year_events(short, 2022) if e.window.kind is WindowKind.MIDYEAR]
    assert [(e.kind.value, e.offset) for e in midyear] == [
        ("opened", None),
        ("reminder", timedelta(days=1)),
        ("closed", None),
    ]


def test_an_annual_window_into_january_closes_next_year() -> None:
    winter = BlocCalendar(annual_window=Window(MonthDay(12, 1), MonthDay(1, 10)))
    closed = year_events(winter, 2022)[-1]
    assert (closed.kind, closed.at) == (CycleEventKind.CLOSED, local(2023, 1, 11, 8, 0))


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (local(2022, 1, 5, 7, 59), []),
        (local(2022, 1, 5, 8, 0), ["opened"]),
        (local(2022, 1, 6, 8, 0), ["opened"]),  # a day late: still news
        (local(2022, 1, 6, 8, 1), []),  # later, "it has opened" may reach one who has done it
        (local(2022, 3, 28, 9, 0), ["remind-3d"]),
        (local(2022, 3, 30, 20, 0), ["remind-1d"]),  # the 3-day one is stale
        (local(2022, 3, 31, 23, 0), []),  # the 1-day one is over a day old
        (local(2022, 4, 1, 0, 0), []),  # locked, and not yet morning: nothing useful to say
        (local(2022, 4, 1, 8, 0), ["closed"]),  # no opening, no reminder once closed
        (local(2022, 4, 2, 8, 0), ["closed"]),  # a closing is told late, within a day
        (local(2022, 4, 2, 8, 1), []),  # later, it is no news: a bot first started mid-year
        (local(2022, 9, 1, 8, 0), []),
    ],
)
def test_what_is_due_and_still_useful(now: datetime, expected: list[str]) -> None:
    events = [e for e in year_events(BlocCalendar(), 2022) if e.window.kind is WindowKind.PLEDGE]
    assert [e.key(1).rsplit(":", 1)[1] for e in due_events(events, now)] == expected


# ---------------------------------------------------------------------------------------------
# The whole year, hour by hour


async def test_a_whole_year_fires_each_event_once_and_reminds_only_laggards(
    uow: FakeUnitOfWork, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    # What the units do, and when (local time): the scheduler sees it at its next tick.
    actions = {
        local(2022, 3, 1, 10, 0): [
            pledge(uow, "SNN", PledgeStatus.SUBMITTED),
            pledge(uow, "STN", PledgeStatus.APPROVED),
            pledge(uow, "SGT", PledgeStatus.RETURNED),
            pledge(uow, "SCT", PledgeStatus.DRAFT),
        ],
        local(2022, 3, 29, 15, 0): [pledge(uow, "SCT", PledgeStatus.SUBMITTED)],
        local(2022, 6, 10, 9, 0): [
            own_sheet(uow, "SNN", Cycle.MIDYEAR, 18, submitted=True),
            own_sheet(uow, "STN", Cycle.MIDYEAR, 5),
            own_sheet(uow, "SGT", Cycle.MIDYEAR, 0),
        ],
        local(2022, 12, 1, 9, 0): [
            own_sheet(uow, code, Cycle.ANNUAL, 18, submitted=True) for code in ROSTER
        ],
    }
    fired = 0
    end = local(2023, 1, 1, 0, 0)
    while clock.now() < end:
        for coroutine in actions.pop(clock.now().astimezone(LOCAL_TZ), []):
            await coroutine
        fired += await cycle.run_due(uow, clock.now(), notifier)  # no snapshot: quicker
        clock.advance(HOUR)
    assert not actions

    everyone = ROSTER
    assert notifier.calls == [
        (local(2022, 1, 5, 8, 0), "opened", "pledge", "", everyone),
        (local(2022, 3, 28, 8, 0), "reminder", "pledge", "3d", ("SGT", "SCT", "PTTH")),
        (local(2022, 3, 30, 8, 0), "reminder", "pledge", "1d", ("SGT", "PTTH")),
        (local(2022, 4, 1, 8, 0), "closed", "pledge", "", ("SGT", "PTTH")),
        (local(2022, 6, 1, 8, 0), "opened", "midyear", "", everyone),
        (local(2022, 6, 27, 8, 0), "reminder", "midyear", "3d", ("STN", "SGT", "SCT", "PTTH")),
        (local(2022, 6, 29, 8, 0), "reminder", "midyear", "1d", ("STN", "SGT", "SCT", "PTTH")),
        (local(2022, 7, 1, 8, 0), "closed", "midyear", "", ("STN", "SGT", "SCT", "PTTH")),
        (local(2022, 11, 15, 8, 0), "opened", "annual", "", everyone),
        # Everyone submitted: the reminders are taken without a message; nobody is missing.
        (local(2022, 12, 16, 8, 0), "closed", "annual", "", ()),
    ]
    assert fired == 12
    assert len(uow.store.events) == 12
    assert notifier.progress["STN"] == Laggard(unit_ids(uow)["STN"], LagState.DRAFT, 5, 18)
    assert notifier.progress["SGT"].state is LagState.NONE  # an empty sheet is nothing yet
    assert notifier.progress["PTTH"] == Laggard(unit_ids(uow)["PTTH"], LagState.NONE, 0, 18)

    # The same moment again, or any later one of the year: nothing more.
    assert await tick(uow, clock, notifier) == 0
    assert len(notifier.calls) == 10


async def test_pledge_laggards_say_where_each_unit_stands(uow: FakeUnitOfWork) -> None:
    await pledge(uow, "SNN", PledgeStatus.APPROVED)
    await pledge(uow, "STN", PledgeStatus.RETURNED)
    await pledge(uow, "SGT", PledgeStatus.DRAFT)
    owing = await cycle.laggards(uow, sample_year(uow), WindowKind.PLEDGE)
    ids = unit_ids(uow)
    assert owing == [
        Laggard(ids["STN"], LagState.RETURNED),
        Laggard(ids["SGT"], LagState.DRAFT),
        Laggard(ids["SCT"], LagState.NONE),
        Laggard(ids["PTTH"], LagState.NONE),
    ]


async def test_cross_scoring_laggards_count_the_sheets_of_the_others(uow: FakeUnitOfWork) -> None:
    year = sample_year(uow)
    year.rules = replace(BlocRules(), scoring_mode=ScoringMode.CROSS)
    await uow.blocs.save_year(year)
    assert year.id is not None
    ids = unit_ids(uow)
    for scored in ("STN", "SGT", "SCT", "PTTH"):  # SNN scores all four others
        sheet = ScoreSheet(year.id, ids[scored], ids["SNN"], Cycle.ANNUAL, SheetStatus.SUBMITTED)
        await uow.scores.save_sheet(sheet)
    draft = ScoreSheet(year.id, ids["SNN"], ids["STN"], Cycle.ANNUAL)  # STN: one, a draft
    await uow.scores.save_sheet(draft)
    owing = await cycle.laggards(uow, year, WindowKind.ANNUAL)
    assert owing[0] == Laggard(ids["STN"], LagState.CROSS, 0, 4)
    assert [lag.unit_id for lag in owing] == [ids[c] for c in ("STN", "SGT", "SCT", "PTTH")]


@pytest.mark.parametrize("mode", list(ScoringMode))
async def test_one_units_lag_is_its_entry_among_the_laggards(
    uow: FakeUnitOfWork, mode: ScoringMode
) -> None:
    """What /viec asks for one unit agrees with the whole bloc's list, in both modes."""
    year = sample_year(uow)
    year.rules = replace(BlocRules(), scoring_mode=mode)
    await uow.blocs.save_year(year)
    assert year.id is not None
    ids = unit_ids(uow)
    done = ScoreSheet(year.id, ids["SNN"], ids["SNN"], Cycle.ANNUAL, SheetStatus.SUBMITTED)
    await uow.scores.save_sheet(done)
    started = await uow.scores.save_sheet(ScoreSheet(year.id, ids["STN"], ids["STN"], Cycle.ANNUAL))
    assert started.id is not None
    for item in (1, 2):
        await uow.scores.save_entry(started.id, Entry(str(item), EntryKind.ITEM, Decimal(1)))
    crossed = ScoreSheet(year.id, ids["SNN"], ids["SGT"], Cycle.ANNUAL, SheetStatus.SUBMITTED)
    await uow.scores.save_sheet(crossed)
    owing = {lag.unit_id: lag for lag in await cycle.laggards(uow, year, WindowKind.ANNUAL)}
    for unit_id in [*year.member_unit_ids, 999]:
        assert await cycle.sheet_laggard(uow, year, Cycle.ANNUAL, unit_id) == owing.get(unit_id)
    if mode is ScoringMode.VERIFY:
        assert owing[ids["STN"]] == Laggard(ids["STN"], LagState.DRAFT, 2, 18)
        assert ids["SNN"] not in owing


# ---------------------------------------------------------------------------------------------
# Clock jumps, restarts and old years


async def test_a_clock_jump_fires_each_event_at_most_once_and_drops_stale_reminders(
    uow: FakeUnitOfWork, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    clock.current = local(2022, 3, 30, 9, 0).astimezone(UTC)  # down since New Year
    assert await tick(uow, clock, notifier) == 1
    assert [call[1:4] for call in notifier.calls] == [
        # The opening is months old: "it has opened" would mislead whoever has registered.
        ("reminder", "pledge", "1d"),  # the 3-day one would only confuse now
    ]
    assert await tick(uow, clock, notifier) == 0  # a restart at the same moment

    clock.current = local(2022, 7, 1, 20, 0).astimezone(UTC)  # down again for three months
    assert await tick(uow, clock, notifier) == 1
    assert [call[1:3] for call in notifier.calls[1:]] == [
        # Its opening and reminders came and went unseen; its closing is hours old: told.
        # The pledge window closed three months ago: no news to anyone by now.
        ("closed", "midyear"),
    ]
    clock.advance(timedelta(days=1))
    assert await tick(uow, clock, notifier) == 0
    assert sorted(uow.store.events) == [
        f"year:{sample_year(uow).id}:midyear:closed",
        f"year:{sample_year(uow).id}:pledge:remind-1d",
    ]


async def test_a_late_opening_skips_the_units_that_have_done_the_task(
    uow: FakeUnitOfWork, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """The bot down on the morning the pledge window opened, back the next morning: the
    opening is still news, but not to the units that registered meanwhile."""
    await pledge(uow, "STN", PledgeStatus.SUBMITTED)
    await pledge(uow, "SGT", PledgeStatus.DRAFT)
    clock.current = local(2022, 1, 6, 7, 30).astimezone(UTC)

    assert await tick(uow, clock, notifier) == 1

    assert notifier.calls == [
        (local(2022, 1, 6, 7, 30), "opened", "pledge", "", ("SNN", "SGT", "SCT", "PTTH"))
    ]


async def test_an_opening_nobody_needs_is_taken_without_a_message(
    uow: FakeUnitOfWork, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    for code in ROSTER:
        await pledge(uow, code, PledgeStatus.APPROVED)
    clock.current = local(2022, 1, 5, 9, 0).astimezone(UTC)

    assert await tick(uow, clock, notifier) == 1
    assert notifier.calls == [] and len(uow.store.events) == 1


async def test_a_failed_tick_takes_nothing(
    uow: FakeUnitOfWork, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """The key is recorded in the transaction of the message: rolled back together."""
    clock.current = local(2022, 1, 5, 9, 0).astimezone(UTC)
    async with uow:
        assert await cycle.run_due(uow, clock.now(), notifier) == 1
        # no commit: the job failed after the service returned
    assert uow.store.events == {}
    assert await tick(uow, clock, notifier) == 1
    assert len(uow.store.events) == 1


async def test_an_early_next_year_does_not_silence_the_old_years_deadline(
    uow: FakeUnitOfWork, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """Handed over on 1 December: 2023 is the current year, 2022's annual round still runs."""
    clock.current = local(2022, 11, 15, 9, 0).astimezone(UTC)
    assert await tick(uow, clock, notifier) == 1  # the annual window opens (old closings: no)
    clock.current = local(2022, 12, 1, 9, 0).astimezone(UTC)
    old = sample_year(uow)
    await uow.blocs.save_year(replace(old, year=2023, id=None))
    await uow.commit()
    clock.current = local(2022, 12, 14, 9, 0).astimezone(UTC)
    assert await tick(uow, clock, notifier) == 1
    assert [call[1:4] for call in notifier.calls[1:]] == [("reminder", "annual", "1d")]
    clock.current = local(2022, 12, 16, 9, 0).astimezone(UTC)
    assert await tick(uow, clock, notifier) == 1
    assert notifier.calls[-1][1:3] == ("closed", "annual")


async def test_a_year_whose_cycle_is_over_is_left_in_peace(
    uow: FakeUnitOfWork, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """The bot started in May 2023 with only 2022 in it: no late closings of 2022."""
    clock.current = local(2023, 5, 2, 9, 0).astimezone(UTC)
    assert await tick(uow, clock, notifier) == 0
    clock.current = local(2023, 3, 31, 9, 0).astimezone(UTC)  # still within 2022's cycle
    assert await tick(uow, clock, notifier) == 0  # its closings are months old: no news
