"""A conference as an iCalendar file (.ics, RFC 5545) that phone calendars open.

Times are written in UTC, which every calendar app converts to the phone's zone; a moved
conference keeps its UID with a higher SEQUENCE, so the app replaces the old entry, and a
cancelled one is sent with METHOD:CANCEL."""

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
    cancelled: bool = False


def build_ics(event: CalendarEvent) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Thi Dua Bot//Hoi nghi Khoi thi dua//VI",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if event.cancelled else 'REQUEST'}",
        "BEGIN:VEVENT",
        f"UID:{escape(event.uid)}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{_utc(event.stamp)}",
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
