"""Conference rules: the proposed dates, the reminder due now, and the .ics file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.conferences import (
    Conference,
    ConferenceKind,
    ConferenceStatus,
    due_reminder,
    proposed_start,
    year_span,
)
from domain.settings import LOCAL_TZ, BlocCalendar, MonthDay, Window
from reports.ics import CalendarEvent, build_ics, escape, fold

OFFSETS = (timedelta(days=7), timedelta(days=1), timedelta(hours=2))
START = datetime(2023, 2, 23, 8, 0, tzinfo=LOCAL_TZ)


def conference(**changes: object) -> Conference:
    values: dict[str, object] = {
        "year_id": 1, "kind": ConferenceKind.ANNUAL, "starts_at": START, "place": "Hội trường",
    }  # fmt: skip
    return Conference(**(values | changes))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "year", "expected"),
    [
        (ConferenceKind.SIGNING, 2022, datetime(2022, 3, 15, 8, 0, tzinfo=LOCAL_TZ)),  # Tue
        (ConferenceKind.MIDYEAR, 2022, datetime(2022, 7, 15, 8, 0, tzinfo=LOCAL_TZ)),  # Fri
        (ConferenceKind.ANNUAL, 2022, datetime(2023, 1, 16, 8, 0, tzinfo=LOCAL_TZ)),  # Sun→Mon
        (ConferenceKind.MIDYEAR, 2023, datetime(2023, 7, 17, 8, 0, tzinfo=LOCAL_TZ)),  # Sat→Mon
    ],
)
def test_proposed_dates_fall_on_working_days(
    kind: ConferenceKind, year: int, expected: datetime
) -> None:
    assert proposed_start(kind, year, BlocCalendar()) == expected


def test_the_signing_is_proposed_before_the_pledge_window_closes() -> None:
    short = BlocCalendar(pledge_window=Window(MonthDay(1, 5), MonthDay(3, 5)))  # Sat 05/03/2022
    assert proposed_start(ConferenceKind.SIGNING, 2022, short) == datetime(
        2022, 3, 4, 8, 0, tzinfo=LOCAL_TZ
    )


def test_a_year_spans_to_the_end_of_march_after_it() -> None:
    opens, closes = year_span(2022)
    assert (opens.date().isoformat(), closes.date().isoformat()) == ("2022-01-01", "2023-04-01")


@pytest.mark.parametrize(
    ("before", "due"),
    [
        (timedelta(days=8), None),
        (timedelta(days=7), timedelta(days=7)),
        (timedelta(days=3), timedelta(days=7)),
        (timedelta(hours=23), timedelta(days=1)),  # the 7-day one is not sent a day before
        (timedelta(hours=2), timedelta(hours=2)),
        (timedelta(minutes=1), timedelta(hours=2)),
        (timedelta(0), None),  # begun: nothing more
        (-timedelta(hours=1), None),
    ],
)
def test_the_reminder_due_is_the_latest_whose_moment_came(
    before: timedelta, due: timedelta | None
) -> None:
    assert due_reminder(conference(), OFFSETS, START - before) == due


def test_a_cancelled_conference_has_no_reminder() -> None:
    cancelled = conference(status=ConferenceStatus.CANCELLED)
    assert due_reminder(cancelled, OFFSETS, START - timedelta(hours=1)) is None


def event(**changes: object) -> CalendarEvent:
    values: dict[str, object] = {
        "uid": "conference-7-khoi7@thidua-bot", "sequence": 2, "starts_at": START,
        "duration": timedelta(hours=4), "summary": "Hội nghị tổng kết năm 2022 — Khối 7",
        "location": "Hội trường Sở Nông nghiệp và Phát triển nông thôn, Trà Vinh",
        "description": "Tổng kết; bình xét\nbàn giao", "stamp": datetime(2023, 2, 1, tzinfo=UTC),
        "organizer": 'Khối thi đua "Khối 7"',
        "organizer_address": "mailto:khoi7@thidua-bot.invalid",
    }  # fmt: skip
    return CalendarEvent(**(values | changes))  # type: ignore[arg-type]


def unfolded(data: bytes) -> list[str]:
    return data.decode().replace("\r\n ", "").split("\r\n")


def test_the_ics_holds_the_event_in_utc_with_its_sequence() -> None:
    data = build_ics(event())
    lines = unfolded(data)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "METHOD:PUBLISH" in lines and "STATUS:CONFIRMED" in lines and "SEQUENCE:2" in lines
    assert 'ORGANIZER;CN="Khối thi đua Khối 7":mailto:khoi7@thidua-bot.invalid' in lines
    assert "DTSTART:20230223T010000Z" in lines and "DTEND:20230223T050000Z" in lines
    assert "LOCATION:Hội trường Sở Nông nghiệp và Phát triển nông thôn\\, Trà Vinh" in lines
    assert "DESCRIPTION:Tổng kết\\; bình xét\\nbàn giao" in lines
    assert all(len(line.encode()) <= 75 for line in data.decode().split("\r\n"))


def test_a_cancelled_event_is_a_cancel_without_alarm() -> None:
    lines = unfolded(build_ics(event(cancelled=True, sequence=3)))
    assert "METHOD:CANCEL" in lines and "STATUS:CANCELLED" in lines
    assert any(line.startswith("ORGANIZER;CN=") for line in lines)  # CANCEL requires it too
    assert "BEGIN:VALARM" not in lines


def test_folding_never_splits_a_vietnamese_letter() -> None:
    line = "SUMMARY:" + "Hội nghị tổng kết ờ ừ ữ " * 10
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(part.encode()) <= 75 for part in parts)


def test_escaping() -> None:
    assert escape("a,b;c\\d\r\ne") == "a\\,b\\;c\\\\d\\ne"
