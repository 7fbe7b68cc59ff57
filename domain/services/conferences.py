"""Conferences: the leader schedules, moves or cancels them; units answer who attends; the
scheduler reminds everyone before they begin."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from domain.conferences import (
    AGENDA_MAX,
    ATTENDEES_MAX,
    MAX_PEOPLE,
    PLACE_MAX,
    Conference,
    ConferenceKind,
    ConferenceStatus,
    Rsvp,
    due_reminder,
    proposed_start,
    year_span,
)
from domain.errors import (
    ConferenceClosed,
    ConferenceExists,
    ConferenceInPast,
    ConferenceNotFound,
    ConferenceOutsideYear,
    NotAuthorized,
    PeopleOutOfRange,
    TextTooLong,
    UnitNotFound,
)
from domain.model import Unit
from domain.policy import Permission, require
from domain.ports import ConferenceNotifier, UnitOfWork
from domain.services import audit
from domain.services.members import Membership
from domain.settings import LOCAL_TZ, format_offset


@dataclass(frozen=True)
class ConferenceDraft:
    kind: ConferenceKind
    starts_at: datetime
    host_unit_id: int | None
    place: str = ""  # empty: at the host unit
    agenda: str = ""  # empty: the customary agenda of its kind
    attendees: str = ""


@dataclass(frozen=True)
class Attendance:
    conference: Conference
    rows: tuple[tuple[Unit, Rsvp | None], ...]  # every member unit, in roster order

    @property
    def people(self) -> int:
        return sum(rsvp.people for _unit, rsvp in self.rows if rsvp is not None)

    @property
    def unanswered(self) -> tuple[Unit, ...]:
        return tuple(unit for unit, rsvp in self.rows if rsvp is None)


def propose(member: Membership, kind: ConferenceKind, now: datetime) -> ConferenceDraft:
    """The customary date from the bloc's calendar, hosted by the leader unit; if that day
    has passed, the next working day at the same hour."""
    require(member.actor, Permission.RUN_CONFERENCES, member.year)
    starts = proposed_start(kind, member.year.year, member.year.calendar)
    if starts <= now:
        local = now.astimezone(LOCAL_TZ) + timedelta(days=1)
        while local.weekday() >= 5:
            local += timedelta(days=1)
        starts = local.replace(hour=starts.hour, minute=starts.minute, second=0, microsecond=0)
    return ConferenceDraft(kind, starts, member.year.leader_unit_id)


def validate(draft: ConferenceDraft, member: Membership, now: datetime) -> None:
    if draft.starts_at <= now:
        raise ConferenceInPast(starts_at=draft.starts_at)
    opens, closes = year_span(member.year.year)
    if not opens <= draft.starts_at < closes:
        raise ConferenceOutsideYear(year=member.year.year, opens=opens, closes=closes)
    for text, limit in (
        (draft.place, PLACE_MAX),
        (draft.agenda, AGENDA_MAX),
        (draft.attendees, ATTENDEES_MAX),
    ):
        if len(text) > limit:
            raise TextTooLong(length=len(text), max=limit)
    if draft.host_unit_id is not None and draft.host_unit_id not in member.year.member_unit_ids:
        raise UnitNotFound()


async def schedule(
    uow: UnitOfWork,
    member: Membership,
    draft: ConferenceDraft,
    now: datetime,
    notifier: ConferenceNotifier,
) -> Conference:
    require(member.actor, Permission.RUN_CONFERENCES, member.year)
    validate(draft, member, now)
    assert member.year.id is not None and member.bloc.id is not None
    for existing in await uow.conferences.for_year(member.year.id):
        if existing.kind is draft.kind and not existing.is_cancelled:
            raise ConferenceExists(kind=draft.kind.value, starts_at=existing.starts_at)
    conference = await uow.conferences.save(
        Conference(
            year_id=member.year.id,
            kind=draft.kind,
            starts_at=draft.starts_at,
            place=draft.place,
            agenda=draft.agenda,
            attendees=draft.attendees,
            host_unit_id=draft.host_unit_id,
            created_by=member.actor.officer_id,
        )
    )
    await audit.record(
        uow, member.actor, "conference.scheduled", "conference", conference.id, now,
        kind=conference.kind.value, starts_at=conference.starts_at.isoformat(),
        place=conference.place,
    )  # fmt: skip
    await _skip_passed_reminders(uow, conference, now)
    await notifier.conference_invited(uow, conference, member.bloc.id)
    return conference


async def year_of(uow: UnitOfWork, conference_id: int) -> int:
    """The bloc year a conference belongs to, which its buttons act in."""
    conference = await uow.conferences.get(conference_id)
    if conference is None:
        raise ConferenceNotFound()
    return conference.year_id


async def conference_in_year(uow: UnitOfWork, member: Membership, conference_id: int) -> Conference:
    conference = await uow.conferences.get(conference_id)
    if conference is None or conference.year_id != member.year.id:
        raise ConferenceNotFound()
    return conference


def _open(conference: Conference, now: datetime) -> None:
    if conference.is_cancelled or now >= conference.starts_at:
        raise ConferenceClosed(starts_at=conference.starts_at)


async def move(
    uow: UnitOfWork,
    member: Membership,
    conference_id: int,
    starts_at: datetime,
    place: str | None,
    now: datetime,
    notifier: ConferenceNotifier,
) -> Conference:
    """A new time (and place): calendars replace the old invitation, reminders follow."""
    require(member.actor, Permission.RUN_CONFERENCES, member.year)
    conference = await conference_in_year(uow, member, conference_id)
    _open(conference, now)
    draft = ConferenceDraft(
        conference.kind, starts_at, conference.host_unit_id,
        conference.place if place is None else place, conference.agenda, conference.attendees,
    )  # fmt: skip
    validate(draft, member, now)
    before = conference.starts_at
    conference.starts_at, conference.place = draft.starts_at, draft.place
    conference.sequence += 1
    await uow.conferences.save(conference)
    await audit.record(
        uow, member.actor, "conference.moved", "conference", conference.id, now,
        starts_at=conference.starts_at.isoformat(), before=before.isoformat(),
    )  # fmt: skip
    assert member.bloc.id is not None
    await _skip_passed_reminders(uow, conference, now)
    await notifier.conference_changed(uow, conference, member.bloc.id)
    return conference


async def cancel(
    uow: UnitOfWork,
    member: Membership,
    conference_id: int,
    now: datetime,
    notifier: ConferenceNotifier,
) -> Conference:
    require(member.actor, Permission.RUN_CONFERENCES, member.year)
    conference = await conference_in_year(uow, member, conference_id)
    _open(conference, now)
    conference.status = ConferenceStatus.CANCELLED
    conference.sequence += 1
    await uow.conferences.save(conference)
    await audit.record(uow, member.actor, "conference.cancelled", "conference", conference.id, now)
    assert member.bloc.id is not None
    await notifier.conference_changed(uow, conference, member.bloc.id)
    return conference


async def answer(
    uow: UnitOfWork, member: Membership, conference_id: int, people: int, now: datetime
) -> Rsvp:
    """The unit's answer: how many it sends (0: not attending); it may change it until the
    conference begins."""
    require(member.actor, Permission.ATTEND, member.year)
    unit = member.unit
    if unit is None or unit.id is None:
        raise NotAuthorized(permission=Permission.ATTEND.value)
    conference = await conference_in_year(uow, member, conference_id)
    _open(conference, now)
    if not 0 <= people <= MAX_PEOPLE:
        raise PeopleOutOfRange(max=MAX_PEOPLE)
    assert conference.id is not None
    rsvp = Rsvp(conference.id, unit.id, people, "", member.actor.officer_id, now)
    await uow.conferences.save_rsvp(rsvp)
    await audit.record(
        uow, member.actor, "conference.answered", "conference", conference.id, now,
        unit_id=unit.id, people=people,
    )  # fmt: skip
    return rsvp


async def attendance(uow: UnitOfWork, member: Membership, conference_id: int) -> Attendance:
    conference = await conference_in_year(uow, member, conference_id)
    assert conference.id is not None and member.bloc.id is not None
    answers = {rsvp.unit_id: rsvp for rsvp in await uow.conferences.rsvps(conference.id)}
    units = {unit.id: unit for unit in await uow.blocs.units(member.bloc.id)}
    rows = tuple(
        (units[unit_id], answers.get(unit_id))
        for unit_id in member.year.member_unit_ids
        if unit_id in units
    )
    return Attendance(conference, rows)


async def of_year(uow: UnitOfWork, member: Membership) -> list[Conference]:
    assert member.year.id is not None
    return await uow.conferences.for_year(member.year.id)


async def _skip_passed_reminders(uow: UnitOfWork, conference: Conference, now: datetime) -> None:
    """The invitation (or the notice of a move) has just told everyone: reminders whose
    moment already passed for this time are not sent afterwards."""
    year = await uow.blocs.year_by_id(conference.year_id)
    assert year is not None
    for offset in year.calendar.conference_reminders:
        if conference.starts_at - offset <= now:
            key = reminder_key(conference, offset)
            if not await uow.events.has(key):
                await uow.events.add(key, now)


def reminder_key(conference: Conference, offset: timedelta) -> str:
    return f"conference:{conference.id}:{conference.sequence}:{format_offset(offset)}"


async def remind_due(uow: UnitOfWork, now: datetime, notifier: ConferenceNotifier) -> int:
    """Send each conference's reminder whose moment has come, once (per time it was set:
    a moved conference is reminded again for its new time)."""
    sent = 0
    for conference in await uow.conferences.upcoming(now):
        year = await uow.blocs.year_by_id(conference.year_id)
        if year is None:
            continue
        offset = due_reminder(conference, year.calendar.conference_reminders, now)
        if offset is None:
            continue
        key = reminder_key(conference, offset)
        if await uow.events.has(key):
            continue
        await uow.events.add(key, now)
        await notifier.conference_reminder(uow, conference, year.bloc_id, offset)
        sent += 1
    return sent


def with_text(draft: ConferenceDraft, field: str, text: str) -> ConferenceDraft:
    """The draft with one typed field replaced (place, agenda or attendees)."""
    if field == "agenda":
        return replace(draft, agenda=text.strip())  # its line breaks are the programme's
    cleaned = " ".join(text.split())
    if field == "place":
        return replace(draft, place=cleaned)
    return replace(draft, attendees=cleaned)


def with_host(draft: ConferenceDraft, member: Membership, unit_id: int) -> ConferenceDraft:
    """Hosted by another member unit (the regulation allows any); an untyped place follows
    the host, as the default place is the host's hall."""
    require(member.actor, Permission.RUN_CONFERENCES, member.year)
    if unit_id not in member.year.member_unit_ids:
        raise UnitNotFound()
    return replace(draft, host_unit_id=unit_id)
