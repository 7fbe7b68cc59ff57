"""What the bloc is told about its conferences: the invitation (with the .ics file), a move
or cancellation, and the reminders — in the group and privately to every unit's officers."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bot import notice_values
from bot.i18n import DEFAULT_LOCALE, Translator
from bot.request import Reply
from bot.views import conferences as conference_views
from domain.conferences import Conference, Rsvp
from domain.ports import UnitOfWork

if TYPE_CHECKING:
    from bot.notices import Notices


async def invited(notices: Notices, uow: UnitOfWork, conference: Conference, bloc_id: int) -> None:
    await _tell(notices, uow, conference, bloc_id, "invitation")


async def changed(notices: Notices, uow: UnitOfWork, conference: Conference, bloc_id: int) -> None:
    await _tell(notices, uow, conference, bloc_id, "changed")


async def reminder(
    notices: Notices, uow: UnitOfWork, conference: Conference, bloc_id: int, offset: timedelta
) -> None:
    await _tell(notices, uow, conference, bloc_id, "reminder", offset)


async def _tell(
    notices: Notices,
    uow: UnitOfWork,
    conference: Conference,
    bloc_id: int,
    what: str,
    offset: timedelta | None = None,
) -> None:
    year = await uow.blocs.year_by_id(conference.year_id)
    bloc = await uow.blocs.get(bloc_id)
    assert year is not None and bloc is not None and conference.id is not None
    units = {unit.id: unit for unit in await uow.blocs.units(bloc_id)}
    host = units.get(conference.host_unit_id)
    answers = {rsvp.unit_id: rsvp for rsvp in await uow.conferences.rsvps(conference.id)}
    # A reminder expires when the conference begins: one held up past it is dropped.
    expires = conference.starts_at if what == "reminder" else None

    def render(t: Translator, rsvp: Rsvp | None, with_file: bool) -> Reply:
        if what == "invitation":
            reply = conference_views.invitation(t, conference, year.year, bloc.name, host, rsvp)
        elif what == "changed":
            reply = conference_views.changed(t, conference, year.year, bloc.name, host)
        else:
            reply = conference_views.reminder(
                t, conference, year.year, bloc.name, host, notices.now(), rsvp
            )
        if with_file:
            reply.files = [conference_views.calendar_file(
                t, conference, year.year, bloc.code, bloc.name, host, notices.now(),
            )]  # fmt: skip
        return reply

    with_file = what != "reminder"
    for channel, chat_id in await notices.groups(uow, bloc_id):
        group_reply = render(Translator(DEFAULT_LOCALE), None, with_file)
        group_reply.buttons = [] if conference.is_cancelled else group_reply.buttons
        await notices.post(uow, channel, chat_id, group_reply, expires_at=expires)
    for identity, unit_id in await notices.officers_by_unit(uow, year.member_unit_ids):
        t = Translator(identity.locale or DEFAULT_LOCALE)
        reply = render(t, answers.get(unit_id), with_file)
        values = notice_values.conference(what, t, conference, year.year, host)
        await notices.post(
            uow, identity.channel, identity.external_id, reply, idle_only=True,
            locale=t.locale, expires_at=expires, notice=values,
        )  # fmt: skip
