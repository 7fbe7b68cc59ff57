"""What the leader is told when the platform takes the bloc's group away: the bot was removed
from it, so the binding is gone. Written to the outbox in the change's transaction, in each
of the leader's officers' own language."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from bot.context import BotUnitOfWork
from bot.i18n import DEFAULT_LOCALE, Translator
from domain.model import GroupChat
from domain.ports import UnitOfWork


class GroupNotices:
    """The domain's GroupNotifier, for a change made at `now`."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    async def group_lost(self, uow: UnitOfWork, group: GroupChat) -> None:
        bloc = await uow.blocs.get(group.bloc_id)
        year = await uow.blocs.current_year(group.bloc_id)
        if bloc is None or year is None:
            return
        officers = await uow.people.officers_of_units([year.leader_unit_id])
        identities = await uow.people.identities_of([o.id for o in officers if o.id])
        outbox = cast(BotUnitOfWork, uow).outbox
        for identity in identities:
            t = Translator(identity.locale or DEFAULT_LOCALE)
            text = t("group-lost", title=group.title, bloc=bloc.name)
            payload = {"text": text, "buttons": []}
            await outbox.enqueue(identity.channel.value, identity.external_id, payload, self._now)
