"""Closing times typed by a leader, read in Vietnam's time (UTC+7) whatever `now`'s zone."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta

import pytest

from domain.local_time import parse_moment
from domain.settings import LOCAL_TZ

# 10 March 2026, 09:00 in Vietnam (02:00 UTC).
NOW = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LOCAL_TZ)


def test_the_zone_is_vietnam() -> None:
    assert NOW.astimezone(LOCAL_TZ) == local(2026, 3, 10, 9)
    assert local(2026, 3, 10, 9).utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize("text", ["10:30", "10h30", "10g30", " 10:30 ", "10H30"])
def test_a_clock_time_still_ahead_is_today(text: str) -> None:
    moment = parse_moment(text, NOW)
    assert moment == local(2026, 3, 10, 10, 30)
    assert moment == datetime(2026, 3, 10, 3, 30, tzinfo=UTC)
    assert moment is not None and moment.tzinfo is not None


def test_the_vietnamese_hour_letter_is_a_clock_time_not_a_span() -> None:
    """In Vietnamese "14h30" is half past two in the afternoon, so "1h30" is 01:30
    (tomorrow, here), not an hour and a half from now."""
    assert parse_moment("14h30", NOW) == local(2026, 3, 10, 14, 30)
    assert parse_moment("14g30", NOW) == local(2026, 3, 10, 14, 30)
    assert parse_moment("1h30", NOW) == local(2026, 3, 11, 1, 30)


@pytest.mark.parametrize(("text", "hour", "minute"), [("08:15", 8, 15), ("9:00", 9, 0)])
def test_a_clock_time_passed_or_now_is_tomorrow(text: str, hour: int, minute: int) -> None:
    assert parse_moment(text, NOW) == local(2026, 3, 11, hour, minute)


def test_today_is_the_local_day_not_the_utc_day() -> None:
    """20:00 UTC on the 9th is already 03:00 on the 10th in Vietnam."""
    late_utc = datetime(2026, 3, 9, 20, 0, tzinfo=UTC)
    assert parse_moment("10:30", late_utc) == local(2026, 3, 10, 10, 30)
    assert parse_moment("02:00", late_utc) == local(2026, 3, 11, 2, 0)
    # and 16:30 UTC on the 10th is 23:30 local: "23:45" is a quarter of an hour away.
    evening = datetime(2026, 3, 10, 16, 30, tzinfo=UTC)
    assert parse_moment("23:45", evening) == local(2026, 3, 10, 23, 45)
    assert parse_moment("00:15", evening) == local(2026, 3, 11, 0, 15)


def test_a_time_with_a_date() -> None:
    assert parse_moment("16:00 30/11", NOW) == local(2026, 11, 30, 16)
    assert parse_moment("16:00 30/11", NOW) == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    assert parse_moment("16:00 30/11/2026", NOW) == local(2026, 11, 30, 16)
    assert parse_moment("16:00 30/11/2027", NOW) == local(2027, 11, 30, 16)
    assert parse_moment("7:05 1/4", NOW) == local(2026, 4, 1, 7, 5)
    assert parse_moment("10:30 29/02/2028", NOW) == local(2028, 2, 29, 10, 30)  # a leap year
    # A date is taken as given, even today at an hour already passed (no rolling over).
    assert parse_moment("08:00 10/3", NOW) == local(2026, 3, 10, 8)  # just passed: a slip
    december = datetime(2026, 12, 20, 2, 0, tzinfo=UTC)
    assert parse_moment("08:00 15/01", december) == local(2027, 1, 15, 8)  # next January


def test_the_date_is_the_local_date() -> None:
    """At 03:00 on 30/11 in Vietnam it is still the 29th in UTC."""
    now = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)
    assert parse_moment("16:00 30/11", now) == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2h", timedelta(hours=2)),
        ("2 h", timedelta(hours=2)),
        ("2g", timedelta(hours=2)),
        ("2 giờ", timedelta(hours=2)),
        ("2 GIỜ", timedelta(hours=2)),
        ("3 gio", timedelta(hours=3)),
        ("45p", timedelta(minutes=45)),
        ("45ph", timedelta(minutes=45)),
        ("45m", timedelta(minutes=45)),
        ("45 min", timedelta(minutes=45)),
        ("90 phút", timedelta(minutes=90)),
        ("90   Phút", timedelta(minutes=90)),
        ("90 phut", timedelta(minutes=90)),
        ("48h", timedelta(hours=48)),
    ],
)
def test_a_span_counts_from_now(text: str, span: timedelta) -> None:
    assert parse_moment(text, NOW) == NOW + span


@pytest.mark.parametrize("text", ["90 phút", "2 giờ"])
def test_a_span_typed_in_decomposed_unicode(text: str) -> None:
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    composed = parse_moment(text, NOW)
    assert composed is not None
    assert parse_moment(decomposed, NOW) == composed


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "mai",
        "chiều nay",
        "10",
        "1030",
        "10:3",
        "10:300",
        "10.30",
        "2",
        "h",
        "2 ngày",
        "2d",
        "-2h",
        "1000p",
        "16:00 30-11",
        "16:00 30/11/26",
        "8h30 18/12 19/12",  # two dates
        "8h30 9h30",  # two times
        "sáng chiều 8h30",
        "họp 8h30 18/12",  # a word that is no part of a time
        "18/12",  # a day without its hour
    ],
)
def test_garbage_is_none(text: str) -> None:
    assert parse_moment(text, NOW) is None


@pytest.mark.parametrize(
    "text",
    [
        "24:00",
        "25:10",
        "10:60",
        "10:30 31/02",
        "10:30 30/02",
        "10:30 29/02/2027",
        "10:30 31/04",
        "10:30 32/12",
        "10:30 0/5",
        "10:30 15/13",
        "10:30 15/0",
    ],
)
def test_impossible_times_and_dates_are_none(text: str) -> None:
    assert parse_moment(text, NOW) is None


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("8h30 ngày 18/12", local(2026, 12, 18, 8, 30)),
        ("8:30 18/12", local(2026, 12, 18, 8, 30)),
        ("8 giờ 30 ngày 18/12/2027", local(2027, 12, 18, 8, 30)),
        ("8 giờ 30 phút ngày 18/12", local(2026, 12, 18, 8, 30)),
        ("sáng 18/12 lúc 8h30", local(2026, 12, 18, 8, 30)),
        ("Sáng ngày 18/12, lúc 8h30", local(2026, 12, 18, 8, 30)),
        ("18/12 lúc 8h30", local(2026, 12, 18, 8, 30)),
        ("14h ngày 18/12", local(2026, 12, 18, 14)),
        ("2h30 chiều 18/12", local(2026, 12, 18, 14, 30)),
        ("chiều 18/12 lúc 2 giờ", local(2026, 12, 18, 14)),
        ("1h trưa 18/12", local(2026, 12, 18, 13)),
        ("11h trưa 18/12", local(2026, 12, 18, 11)),
        ("7h tối 18/12", local(2026, 12, 18, 19)),
        ("19h tối 18/12", local(2026, 12, 18, 19)),  # already after noon
        ("10:30 tối", local(2026, 3, 10, 22, 30)),  # today, still ahead
        ("8 giờ sáng", local(2026, 3, 11, 8)),  # passed today: tomorrow
        ("2 giờ 30", local(2026, 3, 11, 2, 30)),  # with minutes: a clock time, not a span
    ],
)
def test_times_as_people_write_them(text: str, moment: datetime) -> None:
    assert parse_moment(text, NOW) == moment
