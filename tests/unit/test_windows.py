"""The year's windows as local times (Asia/Ho_Chi_Minh), their edges, and the open cycle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.model import BlocYear
from domain.services.scoring import open_cycle
from domain.settings import LOCAL_TZ, BlocCalendar, MonthDay, Window
from domain.summary import Cycle
from domain.windows import WindowKind, window_times

SAMPLE = BlocCalendar(  # the sample bloc's calendar (the defaults)
    pledge_window=Window(MonthDay(1, 5), MonthDay(3, 31)),
    midyear_window=Window(MonthDay(6, 1), MonthDay(6, 30)),
    annual_window=Window(MonthDay(11, 15), MonthDay(12, 15)),
)
SECOND = timedelta(seconds=1)


def local(year: int, month: int, day: int, hour: int, minute: int, second: int) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=LOCAL_TZ)


def year_with(calendar: BlocCalendar, year: int = 2022) -> BlocYear:
    return BlocYear(1, year, [1, 2], 1, 2, [1, 2], calendar=calendar, id=1)


def test_the_annual_window_runs_from_midnight_to_the_last_second_local() -> None:
    window = window_times(SAMPLE, WindowKind.ANNUAL, 2022)
    assert window.kind is WindowKind.ANNUAL
    assert window.opens_at == local(2022, 11, 15, 0, 0, 0)
    assert window.closes_at == local(2022, 12, 15, 23, 59, 59)
    assert window.opens_at.tzinfo is LOCAL_TZ and window.closes_at.tzinfo is LOCAL_TZ
    assert str(LOCAL_TZ) == "Asia/Ho_Chi_Minh"
    # Local midnight is 17:00 UTC the day before (UTC+7, no daylight saving).
    assert window.opens_at == datetime(2022, 11, 14, 17, 0, tzinfo=UTC)
    assert window.closes_at == datetime(2022, 12, 15, 16, 59, 59, tzinfo=UTC)


def test_the_midyear_window_is_june() -> None:
    window = window_times(SAMPLE, WindowKind.MIDYEAR, 2023)
    assert (window.kind, window.opens_at, window.closes_at) == (
        WindowKind.MIDYEAR,
        local(2023, 6, 1, 0, 0, 0),
        local(2023, 6, 30, 23, 59, 59),
    )


def test_the_pledge_window_of_the_year() -> None:
    window = window_times(SAMPLE, WindowKind.PLEDGE, 2022)
    assert (window.opens_at, window.closes_at) == (
        local(2022, 1, 5, 0, 0, 0),
        local(2022, 3, 31, 23, 59, 59),
    )


def test_a_december_to_january_window_runs_into_the_next_year() -> None:
    calendar = BlocCalendar(annual_window=Window(MonthDay(12, 1), MonthDay(1, 15)))
    window = window_times(calendar, WindowKind.ANNUAL, 2022)
    assert window.opens_at == local(2022, 12, 1, 0, 0, 0)
    assert window.closes_at == local(2023, 1, 15, 23, 59, 59)
    assert window.is_open(local(2023, 1, 10, 9, 0, 0))
    assert window.is_open(local(2022, 12, 31, 23, 59, 59))
    assert not window.is_open(local(2022, 1, 10, 9, 0, 0))  # January of the bloc's own year


def test_a_one_day_window_stays_in_its_year() -> None:
    calendar = BlocCalendar(midyear_window=Window(MonthDay(6, 15), MonthDay(6, 15)))
    window = window_times(calendar, WindowKind.MIDYEAR, 2022)
    assert (window.opens_at, window.closes_at) == (
        local(2022, 6, 15, 0, 0, 0),
        local(2022, 6, 15, 23, 59, 59),
    )


def test_is_open_at_both_edges_and_not_a_moment_outside() -> None:
    window = window_times(SAMPLE, WindowKind.ANNUAL, 2022)
    assert window.is_open(window.opens_at)
    assert window.is_open(window.closes_at)
    assert not window.is_open(window.opens_at - timedelta(microseconds=1))
    assert not window.is_open(window.closes_at + SECOND)
    # The same instants seen from UTC, as the clock gives them.
    assert window.is_open(datetime(2022, 11, 14, 17, 0, tzinfo=UTC))
    assert not window.is_open(datetime(2022, 11, 14, 16, 59, 59, tzinfo=UTC))
    assert window.is_open(datetime(2022, 12, 15, 16, 59, 59, tzinfo=UTC))
    assert not window.is_open(datetime(2022, 12, 15, 17, 0, tzinfo=UTC))


def test_a_february_29_window_closes_on_the_28th_in_a_common_year() -> None:
    calendar = BlocCalendar(pledge_window=Window(MonthDay(1, 5), MonthDay(2, 29)))
    window = window_times(calendar, WindowKind.PLEDGE, 2023)
    assert window.closes_at == local(2023, 2, 28, 23, 59, 59)


def test_a_february_29_window_closes_on_the_29th_in_a_leap_year() -> None:
    calendar = BlocCalendar(pledge_window=Window(MonthDay(1, 5), MonthDay(2, 29)))
    window = window_times(calendar, WindowKind.PLEDGE, 2024)
    assert window.closes_at == local(2024, 2, 29, 23, 59, 59)


def test_a_window_into_february_29_follows_the_closing_year() -> None:
    calendar = BlocCalendar(annual_window=Window(MonthDay(12, 1), MonthDay(2, 29)))
    into_leap = window_times(calendar, WindowKind.ANNUAL, 2023)
    assert into_leap.closes_at == local(2024, 2, 29, 23, 59, 59)
    into_common = window_times(calendar, WindowKind.ANNUAL, 2024)
    assert into_common.closes_at == local(2025, 2, 28, 23, 59, 59)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (local(2022, 11, 15, 0, 0, 0), Cycle.ANNUAL),
        (local(2022, 12, 1, 10, 0, 0), Cycle.ANNUAL),
        (local(2022, 12, 15, 23, 59, 59), Cycle.ANNUAL),
        (local(2022, 12, 16, 0, 0, 0), None),
        (local(2022, 11, 14, 23, 59, 59), None),
        (local(2022, 6, 1, 0, 0, 0), Cycle.MIDYEAR),
        (local(2022, 6, 30, 23, 59, 59), Cycle.MIDYEAR),
        (local(2022, 7, 1, 0, 0, 0), None),
        (local(2022, 5, 31, 23, 59, 59), None),
        (local(2022, 2, 1, 9, 0, 0), None),  # the pledge window is no scoring cycle
        (local(2023, 6, 10, 9, 0, 0), None),  # next year's June is another bloc year
        (datetime(2022, 5, 31, 17, 0, tzinfo=UTC), Cycle.MIDYEAR),  # 06-01 00:00 local
    ],
)
def test_open_cycle_picks_the_window_open_now(now: datetime, expected: Cycle | None) -> None:
    assert open_cycle(year_with(SAMPLE), now) is expected


def test_open_cycle_prefers_the_annual_window_when_two_overlap() -> None:
    overlapping = BlocCalendar(
        midyear_window=Window(MonthDay(6, 1), MonthDay(12, 31)),
        annual_window=Window(MonthDay(11, 15), MonthDay(12, 15)),
    )
    assert open_cycle(year_with(overlapping), local(2022, 12, 1, 9, 0, 0)) is Cycle.ANNUAL
    assert open_cycle(year_with(overlapping), local(2022, 12, 20, 9, 0, 0)) is Cycle.MIDYEAR


def test_open_cycle_follows_a_window_into_january() -> None:
    calendar = BlocCalendar(annual_window=Window(MonthDay(12, 1), MonthDay(1, 15)))
    assert open_cycle(year_with(calendar), local(2023, 1, 15, 12, 0, 0)) is Cycle.ANNUAL
    assert open_cycle(year_with(calendar), local(2023, 1, 16, 0, 0, 0)) is None
