"""Telegram's command menu, per person: the commands their roles may use, in their language
and their bloc's words, set for their private chat (setMyCommands with a chat scope).

Set through the outbox, in the transaction that makes the role known or changes it: on
joining, on /menu and /ngonngu, for the whole bloc after the handover, and at start for every
known officer. The outbox paces these calls with the messages, under Telegram's limits (about
30 requests a second for the whole bot, one a second per chat: the Bot FAQ, "My bot is
hitting limits"); those queued at start are spread out besides, a few a second, so that
the day's real messages never wait behind them. A chat whose menu is already the one due
gets no call at all."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta

from bot import commands, wording
from bot.context import BotUnitOfWork
from bot.i18n import DEFAULT_LOCALE, Translator, speaking_for
from domain.errors import DomainError
from domain.model import Bloc, BoardRole, Channel, Identity, Officer, Role
from domain.services import members

TRACK = "commands:"
START_RATE = 5  # menus a second queued at start, leaving the rest of the rate to messages
MENU_CHANNELS = frozenset({Channel.TELEGRAM})  # where a per-person command menu exists
Standing = tuple[frozenset[Role], Bloc | None]  # roles this year, and in which bloc


async def standing(
    uow: BotUnitOfWork, officer: Officer | None, channel: Channel, group_chat: str | None = None
) -> Standing:
    """The person's roles in their bloc's current year, and that bloc. Outside any year (the
    bloc not found, the unit no longer a member), a board member keeps the board's role."""
    if officer is None:
        return frozenset(), None
    try:
        member = await members.membership(uow, officer, channel, None, group_chat)
    except DomainError:
        board = {BoardRole.ADMIN: Role.ADMIN, BoardRole.OBSERVER: Role.OBSERVER}
        role = board.get(officer.board_role) if officer.board_role else None
        return (frozenset({role}) if role else frozenset()), None
    return member.roles, member.bloc


def menu_of(t: Translator, roles: frozenset[Role]) -> list[tuple[str, str]]:
    """(command, description) for Telegram: /start has a button of its own there."""
    offered = [c for c in commands.for_roles(roles) if c.name != "start"]
    return [(c.name, t(f"cmd-{c.name}")) for c in offered]


async def refresh(
    uow: BotUnitOfWork,
    identity: Identity,
    now: datetime,
    not_before: datetime | None = None,
    known: Standing | None = None,  # the person's standing, when the caller has it already
) -> bool:
    """Queue this person's command menu, unless it is the one their chat last got; whether
    it was queued."""
    if identity.channel not in MENU_CHANNELS:
        return False
    if known is None:
        known = await standing(uow, await members.officer_of(uow, identity), identity.channel)
    roles, bloc = known
    t = Translator(identity.locale or DEFAULT_LOCALE)
    with speaking_for(wording.bloc_words(bloc) if bloc else {}):
        menu = menu_of(t, roles)
    digest = hashlib.sha256(json.dumps(menu, ensure_ascii=False).encode()).hexdigest()[:16]
    track = TRACK + digest
    channel, chat = identity.channel.value, identity.external_id
    if await uow.outbox.last_track(channel, chat, TRACK) == track:
        return False
    payload = {"commands": menu}
    await uow.outbox.enqueue(channel, chat, payload, now, track=track, not_before=not_before)
    return True


async def refresh_units(
    uow: BotUnitOfWork, unit_ids: list[int], now: datetime, rate: float | None = None
) -> int:
    """Every officer of these units: their roles changed (a handover), or may have. With a
    rate, the calls are spread out at that many a second. How many were queued."""
    officers = await uow.people.officers_of_units(unit_ids)
    queued = 0
    for identity in await uow.people.identities_of([o.id for o in officers if o.id]):
        due = now + timedelta(seconds=queued / rate) if rate else None
        queued += await refresh(uow, identity, now, due)
    return queued


async def refresh_everyone(uow: BotUnitOfWork, now: datetime) -> int:
    """At start: every unit officer of every bloc (board members get theirs on /menu)."""
    unit_ids = []
    for bloc in await uow.blocs.list_blocs():
        assert bloc.id is not None
        unit_ids += [unit.id for unit in await uow.blocs.units(bloc.id) if unit.id is not None]
    return await refresh_units(uow, unit_ids, now, START_RATE)
