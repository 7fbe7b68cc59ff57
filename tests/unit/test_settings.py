"""Per-bloc settings: month-days, reminder offsets and the defaults from the domain notes."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from domain.settings import (
    ALLOWED_THRESHOLDS,
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01-05", MonthDay(1, 5)),
        ("12-31", MonthDay(12, 31)),
        (" 03-31 ", MonthDay(3, 31)),
        ("2-29", MonthDay(2, 29)),
        ("11-15", MonthDay(11, 15)),
    ],
)
def test_month_day_parses(text: str, expected: MonthDay) -> None:
    assert MonthDay.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    ["13-01", "00-10", "02-30", "04-31", "06-31", "01-00", "01-32", "0105", "", "-", "a-b",
     "01-05-06", "1.5", "-01-05", "01/05"],
)  # fmt: skip
def test_month_day_refuses(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        MonthDay.parse(text)
    assert caught.value.args == (text,)  # the offending text, for the problem's value


def test_month_day_prints_and_orders() -> None:
    assert str(MonthDay(1, 5)) == "01-05"
    assert str(MonthDay.parse("2-9")) == "02-09"
    assert MonthDay(1, 31) < MonthDay(2, 1) < MonthDay(12, 1)
    assert MonthDay.parse(str(MonthDay(11, 15))) == MonthDay(11, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", timedelta(days=7)),
        ("1d", timedelta(days=1)),
        ("2h", timedelta(hours=2)),
        ("30m", timedelta(minutes=30)),
        (" 3D ", timedelta(days=3)),
        ("36h", timedelta(hours=36)),
    ],
)
def test_parse_offset(text: str, expected: timedelta) -> None:
    assert parse_offset(text) == expected


@pytest.mark.parametrize("text", ["7x", "d", "", "7", "-1d", "1.5h", "7 d", "h2", "7dd"])
def test_parse_offset_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_offset(text)


@pytest.mark.parametrize("text", ["7d", "1d", "2h", "30m", "90m", "36h", "45d"])
def test_offset_text_round_trip(text: str) -> None:
    assert format_offset(parse_offset(text)) == text


@pytest.mark.parametrize(
    "offset",
    [timedelta(days=7), timedelta(hours=2), timedelta(minutes=90), timedelta(hours=25)],
)
def test_offset_value_round_trip(offset: timedelta) -> None:
    assert parse_offset(format_offset(offset)) == offset


@pytest.mark.parametrize(("text", "canonical"), [("24h", "1d"), ("120m", "2h"), ("1440m", "1d")])
def test_offsets_are_written_in_the_largest_whole_unit(text: str, canonical: str) -> None:
    assert format_offset(parse_offset(text)) == canonical


def test_rule_defaults_follow_the_domain_notes() -> None:
    rules = BlocRules()
    assert rules.ballot_secret is True
    assert rules.threshold == Decimal("0.7")
    assert rules.threshold_base is ThresholdBase.ALL_MEMBERS
    assert rules.flag_quota == 1
    assert rules.merit_quota_ratio == Decimal("0.5")
    assert rules.scoring_mode is ScoringMode.VERIFY
    assert rules.leader_selection is LeaderSelection.ROTATION
    assert rules.threshold in ALLOWED_THRESHOLDS
    assert [round(t, 3) for t in ALLOWED_THRESHOLDS] == [
        Decimal("0.5"),
        Decimal("0.667"),
        Decimal("0.7"),
        Decimal("0.8"),
        Decimal("0.9"),
    ]


def test_calendar_defaults_follow_the_domain_notes() -> None:
    calendar = BlocCalendar()
    assert calendar.pledge_window == Window(MonthDay(1, 5), MonthDay(3, 31))
    assert calendar.midyear_window == Window(MonthDay(6, 1), MonthDay(6, 30))
    assert calendar.annual_window == Window(MonthDay(11, 15), MonthDay(12, 15))
    assert [format_offset(o) for o in calendar.conference_reminders] == ["7d", "1d", "2h"]
    assert [format_offset(o) for o in calendar.deadline_reminders] == ["3d", "1d"]
