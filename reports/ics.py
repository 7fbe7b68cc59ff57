"""A conference as an iCalendar file (.ics, RFC 5545) that phone calendars open.

Times are written in UTC, which every calendar app converts to the phone's zone. The file is
published (METHOD:PUBLISH, RFC 5546 §3.2.1): a calendar opened from a download link adds it
as an event, without asking the person to answer an invitation, which REQUEST would (and
REQUEST needs ATTENDEE lines the bot does not have). The bloc is its ORGANIZER, which both
methods require. A moved conference keeps its UID with a higher SEQUENCE, so the app
replaces the old entry; a cancelled one is sent with METHOD:CANCEL (§3.2.5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

LINE_OCTETS = 75


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    starts_at: datetime
    duration: timedelta
    summary: str
    location: str
    description: str
    stamp: datetime
    organizer: str  # who holds it: the bloc, as the calendar shows it
    organizer_address: str  # a cal-address (RFC 5545 §3.3.3): a URI, e.g. mailto:
    cancelled: bool = False


def build_ics(event: CalendarEvent) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Thi Dua Bot//Hoi nghi Khoi thi dua//VI",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if event.cancelled else 'PUBLISH'}",
        "BEGIN:VEVENT",
        f"UID:{escape(event.uid)}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{_utc(event.stamp)}",
        f"ORGANIZER;CN={quoted(event.organizer)}:{event.organizer_address}",
        f"DTSTART:{_utc(event.starts_at)}",
        f"DTEND:{_utc(event.starts_at + event.duration)}",
        f"SUMMARY:{escape(event.summary)}",
        f"LOCATION:{escape(event.location)}",
        f"DESCRIPTION:{escape(event.description)}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
    ]
    if not event.cancelled:
        # The phone's own alarm the evening before is what most officers rely on.
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape(event.summary)}",
                  "TRIGGER:-PT2H", "END:VALARM"]  # fmt: skip
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines).encode()


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped; line breaks as \\n."""
    cleaned = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return cleaned.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def quoted(text: str) -> str:
    """A parameter value in double quotes (it may hold ":", ";" or ","), which it cannot
    contain itself (RFC 5545 §3.2), nor control characters."""
    kept = "".join(ch for ch in text if ch != '"' and ch.isprintable())
    return f'"{kept}"'


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space, never inside a
    UTF-8 sequence (Vietnamese letters take two or three octets)."""
    parts: list[str] = []
    current, size = "", 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the leading space counts
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
