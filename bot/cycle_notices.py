"""What the bloc is told as its year runs: a window opens (every officer), its deadline nears
(only the units that still owe the task, each with its progress), it closes (the leader and
deputy, with who is missing); and the handover (the group and every officer)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bot import notice_values
from bot.i18n import DEFAULT_LOCALE, Translator
from bot.request import Reply
from bot.views import cycle as cycle_views
from domain.cycle import CycleEventKind, Handover, Laggard, event_of, stale_at
from domain.model import BlocYear, Identity, Unit
from domain.ports import UnitOfWork
from domain.windows import WindowKind, WindowTimes, window_times

if TYPE_CHECKING:
    from bot.notices import Notices


async def opened(
    notices: Notices,
    uow: UnitOfWork,
    year: BlocYear,
    window: WindowTimes,
    laggards: list[Laggard],
) -> None:
    # Held up a day, or past the close, an announcement of an open window would mislead.
    expires = stale_at(event_of(window, CycleEventKind.OPENED))
    owing = [laggard.unit_id for laggard in laggards]
    for identity, _unit_id in await notices.officers_by_unit(uow, owing):
        t = _translator(identity)
        reply = cycle_views.opened(t, window, year.year)
        await notices.post(
            uow, identity.channel, identity.external_id, reply, idle_only=True,
            locale=t.locale, expires_at=expires,
            notice=notice_values.window("window_opened", t, window, year.year),
        )  # fmt: skip


async def reminder(
    notices: Notices,
    uow: UnitOfWork,
    year: BlocYear,
    window: WindowTimes,
    offset: timedelta,
    laggards: list[Laggard],
) -> None:
    owing = {laggard.unit_id: laggard for laggard in laggards}
    units = await _units(uow, year)
    expires = stale_at(event_of(window, CycleEventKind.REMINDER, offset))
    for identity, unit_id in await notices.officers_by_unit(uow, list(owing)):
        if unit_id not in units:
            continue
        t = _translator(identity)
        reply = cycle_views.reminder(t, window, year.year, offset, owing[unit_id], units[unit_id])
        values = notice_values.window("deadline_reminder", t, window, year.year, units[unit_id])
        await notices.post(
            uow, identity.channel, identity.external_id, reply, idle_only=True,
            locale=t.locale, expires_at=expires, notice=values,
        )  # fmt: skip


async def closed(
    notices: Notices,
    uow: UnitOfWork,
    year: BlocYear,
    window: WindowTimes,
    laggards: list[Laggard],
) -> None:
    units = await _units(uow, year)
    expires = stale_at(event_of(window, CycleEventKind.CLOSED))
    organisers = [year.leader_unit_id]
    if year.deputy_unit_id is not None:
        organisers.append(year.deputy_unit_id)
    for identity, _unit_id in await notices.officers_by_unit(uow, organisers):
        t = _translator(identity)
        reply = cycle_views.closed(t, window, year.year, laggards, units, len(year.member_unit_ids))
        await notices.post(
            uow, identity.channel, identity.external_id, reply, idle_only=True,
            locale=t.locale, expires_at=expires,
        )  # fmt: skip


async def handed_over(notices: Notices, uow: UnitOfWork, handover: Handover) -> None:
    bloc = await uow.blocs.get(handover.bloc_id)
    assert bloc is not None
    units = await _units(uow, handover.incoming)
    for channel, chat_id in await notices.groups(uow, handover.bloc_id):
        reply = cycle_views.notice(Translator(DEFAULT_LOCALE), handover, units, bloc.name)
        await notices.post(uow, channel, chat_id, reply)
    everyone = list(
        dict.fromkeys(handover.outgoing.member_unit_ids + handover.incoming.member_unit_ids)
    )
    for identity, _unit_id in await notices.officers_by_unit(uow, everyone):
        t = _translator(identity)
        reply = _with_open_windows(t, cycle_views.notice(t, handover, units, bloc.name), handover)
        await notices.post(
            uow, identity.channel, identity.external_id, reply, idle_only=True, locale=t.locale
        )


def _with_open_windows(t: Translator, reply: Reply, handover: Handover) -> Reply:
    """A year created late (the pledge window opened days before the handover) had its
    opening announced to nobody, and a day later it is no news for the scheduler: the
    handover says it."""
    incoming = handover.incoming
    for kind in WindowKind:
        window = window_times(incoming.calendar, kind, incoming.year)
        if window.is_open(handover.at):
            opened = cycle_views.opened(t, window, incoming.year)
            reply.text += "\n\n" + opened.text
            reply.buttons = opened.buttons + reply.buttons
    return reply


async def _units(uow: UnitOfWork, year: BlocYear) -> dict[int, Unit]:
    return {u.id: u for u in await uow.blocs.units(year.bloc_id) if u.id is not None}


def _translator(identity: Identity) -> Translator:
    return Translator(identity.locale or DEFAULT_LOCALE)
