"""Times typed by officers, as they write them: "10:30", "10:30 25/12", "8h30 ngày 18/12",
"8 giờ 30 ngày 18/12/2022", "sáng 18/12 lúc 8h30", "25/12/2026 10:30", "2h", "45p"."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

from domain.settings import LOCAL_TZ

HALF_A_YEAR = timedelta(days=183)
_SPAN = re.compile(r"^(\d{1,3})\s*(h|g|giờ|gio|p|ph|phút|phut|m|min)$")
# "10:30", "8h30", "8g30", "8 giờ 30 phút", "8h" (a bare "8h" alone is a span, read first).
_TIME = re.compile(
    r"(?<![\d/])(\d{1,2})(?::(\d{2})|\s*(?:h|g|giờ|gio)\s*(?:(\d{2})(?:\s*(?:phút|phut|p))?)?)"
    r"(?![\w/:])"
)
_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")
# Parts of the day: the afternoon's and evening's hours are after noon ("2h30 chiều").
_AFTERNOON = frozenset({"chiều", "chieu", "tối", "toi", "đêm", "dem"})
_NOON = frozenset({"trưa", "trua"})
_MORNING = frozenset({"sáng", "sang"})
_FILLERS = frozenset({"lúc", "luc", "ngày", "ngay", "vào", "vao"})


def parse_moment(text: str, now: datetime) -> datetime | None:
    """A local time later than `now`: a clock time (today, or tomorrow once passed), with an
    optional date and part of the day, or a span from now. None when the text is none of
    these, or says more than a time (a word left over is never guessed at)."""
    # Some phone keyboards send decomposed letters: "phút" as u + two combining marks.
    cleaned = " ".join(unicodedata.normalize("NFC", text).replace(",", " ").lower().split())
    span = _SPAN.match(cleaned)
    if span:
        amount, unit = int(span.group(1)), span.group(2)
        hours = unit in ("h", "g", "giờ", "gio")
        return now + (timedelta(hours=amount) if hours else timedelta(minutes=amount))
    times = list(_TIME.finditer(cleaned))
    if len(times) != 1:
        return None
    clock = times[0]
    rest = cleaned[: clock.start()] + " " + cleaned[clock.end() :]
    dates = list(_DATE.finditer(rest))
    if len(dates) > 1:
        return None
    date = dates[0] if dates else None
    words = (rest[: date.start()] + " " + rest[date.end() :] if date else rest).split()
    part = [word for word in words if word in _AFTERNOON | _NOON | _MORNING]
    if len(part) > 1 or any(w not in _FILLERS and w not in part for w in words):
        return None
    hour, minute = int(clock.group(1)), int(clock.group(2) or clock.group(3) or 0)
    after_noon = bool(part) and (part[0] in _AFTERNOON or (part[0] in _NOON and hour < 6))
    if after_noon and hour < 12:
        hour += 12
    day, month, year = date.groups() if date else (None, None, None)
    return _at(now, hour, minute, day, month, year)


def _at(
    now: datetime, hour: int, minute: int, day: str | None, month: str | None, year: str | None
) -> datetime | None:
    local_now = now.astimezone(LOCAL_TZ)
    try:
        moment = local_now.replace(
            hour=hour,
            minute=minute,
            second=0,
            microsecond=0,
            day=int(day) if day else local_now.day,
            month=int(month) if month else local_now.month,
            year=int(year) if year else local_now.year,
        )
    except ValueError:
        return None
    if day is None and moment <= local_now:
        moment += timedelta(days=1)
    elif day is not None and year is None and moment <= local_now - HALF_A_YEAR:
        # "15/01" typed in December: next January, not the one gone by. A date passed only
        # lately stays as typed, and the caller says it is in the past (a likely slip).
        try:
            moment = moment.replace(year=moment.year + 1)
        except ValueError:  # 29/02 with no leap year next
            return None
    return moment.astimezone(now.tzinfo)


_DAY = re.compile(r"^(?:ngày\s+|ngay\s+)?(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_day_end(text: str, now: datetime) -> datetime | None:
    """The end (23:59:59 local) of a day typed as "20/12", "ngày 20/12/2022", "20-12-2022"
    or "2022-12-20"; a day without its year is the one nearest to `now`. None otherwise."""
    cleaned = " ".join(unicodedata.normalize("NFC", text).strip().lower().split())
    iso = _ISO_DAY.match(cleaned)
    found = _DAY.match(cleaned)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        typed_year = True
    elif found:
        day, month = int(found.group(1)), int(found.group(2))
        local_year = now.astimezone(LOCAL_TZ).year
        year, typed_year = int(found.group(3) or local_year), found.group(3) is not None
    else:
        return None
    try:
        moment = datetime(year, month, day, 23, 59, 59, tzinfo=LOCAL_TZ)
    except ValueError:
        return None
    if not typed_year and moment <= now - HALF_A_YEAR:
        try:
            moment = moment.replace(year=year + 1)  # "15/01" typed in December
        except ValueError:  # 29/02 with no leap year next
            return None
    return moment.astimezone(now.tzinfo)


def days_left(due: datetime, now: datetime) -> int:
    """Whole local days from today to the deadline's day: 0 on the day, negative once past."""
    return (due.astimezone(LOCAL_TZ).date() - now.astimezone(LOCAL_TZ).date()).days
