"""Conferences, the units' answers to them, and the log of scheduled actions already taken."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.year_rows import ConferenceRow, ConferenceRsvpRow, ScheduledEventRow
from domain.conferences import Conference, ConferenceKind, ConferenceStatus, Rsvp


class SqlConferenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def save(self, conference: Conference) -> Conference:
        """Insert (the id given back) or update every field."""
        row = await self.session.get(ConferenceRow, conference.id) if conference.id else None
        row = row or ConferenceRow()
        row.bloc_year_id, row.kind = conference.year_id, conference.kind.value
        row.starts_at, row.place = conference.starts_at, conference.place
        row.agenda, row.attendees = conference.agenda, conference.attendees
        row.host_unit_id, row.status = conference.host_unit_id, conference.status.value
        row.sequence, row.created_by = conference.sequence, conference.created_by
        self.session.add(row)
        await self.session.flush()
        conference.id = row.id
        return conference

    async def get(self, conference_id: int) -> Conference | None:
        row = await self.session.get(ConferenceRow, conference_id)
        return _conference(row) if row else None

    async def for_year(self, year_id: int) -> list[Conference]:
        rows = await self.session.scalars(
            select(ConferenceRow)
            .where(ConferenceRow.bloc_year_id == year_id)
            .order_by(ConferenceRow.starts_at, ConferenceRow.id)
        )
        return [_conference(row) for row in rows]

    async def upcoming(self, now: datetime) -> list[Conference]:
        rows = await self.session.scalars(
            select(ConferenceRow)
            .where(
                ConferenceRow.status == ConferenceStatus.SCHEDULED.value,
                ConferenceRow.starts_at > now,
            )
            .order_by(ConferenceRow.starts_at, ConferenceRow.id)
        )
        return [_conference(row) for row in rows]

    async def rsvps(self, conference_id: int) -> list[Rsvp]:
        rows = await self.session.scalars(
            select(ConferenceRsvpRow)
            .where(ConferenceRsvpRow.conference_id == conference_id)
            .order_by(ConferenceRsvpRow.unit_id)
            # save_rsvp writes past the session: rows it already holds are read again.
            .execution_options(populate_existing=True)
        )
        return [
            Rsvp(row.conference_id, row.unit_id, row.people, row.names, row.officer_id, row.at)
            for row in rows
        ]

    async def save_rsvp(self, rsvp: Rsvp) -> None:
        """Insert or replace the unit's answer in one statement (INSERT … ON CONFLICT DO
        UPDATE): two officers of a unit answering at once leave the later answer, no error."""
        values = {
            "conference_id": rsvp.conference_id,
            "unit_id": rsvp.unit_id,
            "people": rsvp.people,
            "names": rsvp.names,
            "officer_id": rsvp.officer_id,
            "at": rsvp.at,
        }
        changed = {k: v for k, v in values.items() if k not in ("conference_id", "unit_id")}
        keys = [ConferenceRsvpRow.conference_id, ConferenceRsvpRow.unit_id]
        dialect = self.session.get_bind().dialect.name
        upsert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = upsert(ConferenceRsvpRow).values(**values)
        await self.session.execute(
            statement.on_conflict_do_update(index_elements=keys, set_=changed)
        )


class SqlEventLog:
    """Scheduled actions already taken. `add` inserts at once: a key taken by another
    transaction fails here (on PostgreSQL after waiting for it to commit), and the unit of
    work reports the taken key as Conflict."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def has(self, key: str) -> bool:
        found = await self.session.scalar(select(exists().where(ScheduledEventRow.key == key)))
        return bool(found)

    async def add(self, key: str, at: datetime) -> None:
        await self.session.execute(insert(ScheduledEventRow).values(key=key, at=at))


def _conference(row: ConferenceRow) -> Conference:
    return Conference(
        year_id=row.bloc_year_id,
        kind=ConferenceKind(row.kind),
        starts_at=row.starts_at,
        place=row.place,
        agenda=row.agenda,
        attendees=row.attendees,
        host_unit_id=row.host_unit_id,
        status=ConferenceStatus(row.status),
        sequence=row.sequence,
        created_by=row.created_by,
        id=row.id,
    )
