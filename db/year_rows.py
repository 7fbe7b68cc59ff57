"""Rows of a bloc year's calendar: its conferences, the units' answers, and the scheduled
actions already taken. Kept apart from db.models (which imports this module at its end, so
that Base.metadata, and Alembic with it, sees these tables)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class ConferenceRow(Base):
    """A conference of the bloc (signing, mid-year or annual review)."""

    __tablename__ = "conferences"
    id: Mapped[int] = mapped_column(primary_key=True)
    bloc_year_id: Mapped[int] = mapped_column(
        ForeignKey("bloc_years.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(String(255))
    agenda: Mapped[str] = mapped_column(Text, default="")
    attendees: Mapped[str] = mapped_column(String(300), default="")
    host_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    status: Mapped[str] = mapped_column(String(16))
    sequence: Mapped[int] = mapped_column(default=0)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))


class ConferenceRsvpRow(Base):
    """A unit's answer to a conference: one row per unit, replaced when it answers again."""

    __tablename__ = "conference_rsvps"
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    people: Mapped[int]
    names: Mapped[str] = mapped_column(Text, default="")
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    at: Mapped[datetime | None]


class ScheduledEventRow(Base):
    """A scheduled action already taken; the key is unique, so it is never taken twice."""

    __tablename__ = "scheduled_events"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    at: Mapped[datetime]
