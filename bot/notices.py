"""Messages to people other than the asker — the bloc's group, every unit's officers —
written to the outbox in the same transaction as the change, and sent by the dispatcher.

Implements the domain's Notifier: each recipient reads the message in their own language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any, cast

from bot import (
    conference_notices,
    cycle_notices,
    notice_values,
    pledge_notices,
    verification_notices,
    wording,
)
from bot.actions import ActionCodec
from bot.context import BotConfig, BotUnitOfWork
from bot.i18n import DEFAULT_LOCALE, Translator, speak_for
from bot.live_counts import LiveCounts
from bot.request import NUMBERED_CHANNELS, File, Reply
from bot.views import ballots as ballot_views
from bot.views import fmt
from domain.ballots import Ballot, BallotCount, BallotRecord
from domain.conferences import Conference
from domain.cycle import Handover, Laggard
from domain.model import BlocYear, Channel, Identity, Role, Unit
from domain.pledges import Pledge
from domain.ports import Clock, UnitOfWork
from domain.services import voting
from domain.sheets import Entry
from domain.summary import ScoreSummary
from domain.verification import UnitReview
from domain.windows import WindowTimes

UPLOAD_CHANNELS = frozenset({Channel.TELEGRAM})  # the others get files as links in the text
# Zalo Bot Platform groups are not reliable for a bot: its users get ballots privately
# only. An Official Account posts in the groups it manages (the Group Message Framework).
GROUP_CHANNELS = frozenset({Channel.TELEGRAM, Channel.ZALO_OA})
# Telegram allows about 20 messages a minute in a group: the live count is edited at most
# once per this interval, however many votes arrive meanwhile.
COUNT_BATCH = timedelta(seconds=4)
# Zalo cannot edit a message, so each new count is a new post: at most one per this interval.
COUNT_BATCHES = {Channel.ZALO_OA: timedelta(minutes=5)}

DocumentBuilder = Callable[[BallotRecord], list[File]]


class Notices:
    def __init__(
        self,
        codec: Callable[[], Awaitable[ActionCodec]],
        clock: Clock,
        config: BotConfig,
        documents: DocumentBuilder | None = None,
    ) -> None:
        self._codec = codec
        self._clock = clock
        self._config = config
        self._documents = documents
        self.live_counts: LiveCounts | None = None  # set by the app that runs recounts

    # --- the domain's Notifier -------------------------------------------------------------

    async def ballot_opened(self, uow: UnitOfWork, ballot: Ballot, bloc_id: int) -> None:
        year = await self._year(uow, ballot)
        members = len(year.member_unit_ids)
        count = BallotCount(0, members)
        for channel, chat_id in await self.groups(uow, bloc_id):
            t = Translator(DEFAULT_LOCALE)
            post = ballot_views.group_post(t, ballot, year.year, count)
            await self.post(uow, channel, chat_id, post, track=_track(ballot))
        for identity in await self._officers(uow, year.member_unit_ids):
            if identity.officer_id == ballot.opened_by:
                continue  # the paper is already the answer to their own "open the ballot"
            t = _translator(identity)
            paper = ballot_views.opened_notice(t, ballot, year.year, count)
            await self.post(
                uow, identity.channel, identity.external_id, paper, idle_only=True,
                locale=t.locale, expires_at=ballot.closes_at,
                notice=notice_values.ballot("ballot_opened", ballot, year.year),
            )  # fmt: skip

    async def ballot_voted(self, uow: UnitOfWork, ballot: Ballot, bloc_id: int) -> None:
        assert ballot.id is not None
        if self.live_counts is None:  # nothing runs recounts here: count in the transaction
            await voting.recount(uow, ballot.id, self)
            return
        uow.on_commit(partial(self.live_counts.touch, ballot.id))

    async def ballot_counted(
        self, uow: UnitOfWork, ballot: Ballot, bloc_id: int, voted: int, members: int
    ) -> None:
        year = await self._year(uow, ballot)
        for channel, chat_id in await self.groups(uow, bloc_id):
            t = Translator(DEFAULT_LOCALE)
            post = ballot_views.group_post(t, ballot, year.year, BallotCount(voted, members))
            await self.post(
                uow,
                channel,
                chat_id,
                post,
                key=f"{_track(ballot)}:count:{chat_id}",
                edit_of=_track(ballot),
                delay=COUNT_BATCHES.get(channel, COUNT_BATCH),
            )

    async def ballot_reminder(
        self, uow: UnitOfWork, ballot: Ballot, bloc_id: int, unit_ids: list[int]
    ) -> None:
        year = await self._year(uow, ballot)
        for identity in await self._officers(uow, unit_ids):
            t = _translator(identity)
            reminder = ballot_views.reminder(t, ballot, year.year)
            await self.post(
                uow,
                identity.channel,
                identity.external_id,
                reminder,
                idle_only=True,
                locale=t.locale,
                expires_at=ballot.closes_at,  # a reminder held up past the close is dropped
                notice=notice_values.ballot("ballot_reminder", ballot, year.year),
            )

    async def ballot_closed(
        self, uow: UnitOfWork, record: BallotRecord, bloc_id: int, closed_by: int | None = None
    ) -> None:
        files = self._documents(record) if self._documents else []
        year = await self._year(uow, record.ballot)
        for channel, chat_id in await self.groups(uow, bloc_id):
            t = Translator(DEFAULT_LOCALE)
            final_post = ballot_views.group_closed(t, record)
            # Under the count's key: a count edit still waiting is replaced, never sent after.
            await self.post(
                uow, channel, chat_id, final_post, edit_of=_track(record.ballot),
                key=f"{_track(record.ballot)}:count:{chat_id}",
            )  # fmt: skip
            result = ballot_views.result(t, record, can_revote=False)
            result.files = files
            await self.post(uow, channel, chat_id, result)
        for identity in await self._officers(uow, year.member_unit_ids):
            if closed_by is not None and identity.officer_id == closed_by:
                continue  # closing it by hand answered them with this very result
            t = _translator(identity)
            result = ballot_views.result(t, record, can_revote=False)
            await self.post(
                uow, identity.channel, identity.external_id, result, idle_only=True, locale=t.locale
            )

    # --- the domain's ConferenceNotifier ------------------------------------------------

    async def conference_invited(
        self, uow: UnitOfWork, conference: Conference, bloc_id: int
    ) -> None:
        await conference_notices.invited(self, uow, conference, bloc_id)

    async def conference_changed(
        self, uow: UnitOfWork, conference: Conference, bloc_id: int
    ) -> None:
        await conference_notices.changed(self, uow, conference, bloc_id)

    async def conference_reminder(
        self, uow: UnitOfWork, conference: Conference, bloc_id: int, offset: timedelta
    ) -> None:
        await conference_notices.reminder(self, uow, conference, bloc_id, offset)

    # --- the domain's CycleNotifier -----------------------------------------------------

    async def window_opened(
        self, uow: UnitOfWork, year: BlocYear, window: WindowTimes, laggards: list[Laggard]
    ) -> None:
        await cycle_notices.opened(self, uow, year, window, laggards)

    async def deadline_reminder(
        self,
        uow: UnitOfWork,
        year: BlocYear,
        window: WindowTimes,
        offset: timedelta,
        laggards: list[Laggard],
    ) -> None:
        await cycle_notices.reminder(self, uow, year, window, offset, laggards)

    async def window_closed(
        self, uow: UnitOfWork, year: BlocYear, window: WindowTimes, laggards: list[Laggard]
    ) -> None:
        await cycle_notices.closed(self, uow, year, window, laggards)

    async def handed_over(self, uow: UnitOfWork, handover: Handover) -> None:
        await cycle_notices.handed_over(self, uow, handover)

    # --- the domain's VerificationNotifier ----------------------------------------------

    async def verification_changed(
        self, uow: UnitOfWork, year: BlocYear, review: UnitReview, now: datetime
    ) -> None:
        await verification_notices.changed(self, uow, year, review, now)

    async def sheet_verified(self, uow: UnitOfWork, year: BlocYear, review: UnitReview) -> None:
        await verification_notices.verified(self, uow, year, review)

    async def change_answered(
        self, uow: UnitOfWork, year: BlocYear, review: UnitReview, entries: list[Entry]
    ) -> None:
        await verification_notices.answered(self, uow, year, review, entries)

    async def ranking_published(
        self, uow: UnitOfWork, year: BlocYear, summary: ScoreSummary
    ) -> None:
        await verification_notices.published(self, uow, year, summary)

    async def window_extended(
        self, uow: UnitOfWork, year: BlocYear, window: WindowTimes, reason: str
    ) -> None:
        await verification_notices.extended(self, uow, year, window, reason)

    async def sheet_reopened(
        self, uow: UnitOfWork, year: BlocYear, review: UnitReview, reason: str
    ) -> None:
        await verification_notices.reopened(self, uow, year, review, reason)

    # --- the domain's PledgeNotifier ----------------------------------------------------

    async def pledge_approved(
        self, uow: UnitOfWork, year: BlocYear, unit: Unit, pledge: Pledge
    ) -> None:
        await pledge_notices.decided(self, uow, year, unit, pledge)

    async def pledge_returned(
        self, uow: UnitOfWork, year: BlocYear, unit: Unit, pledge: Pledge
    ) -> None:
        await pledge_notices.decided(self, uow, year, unit, pledge)

    # --- the outbox --------------------------------------------------------------------------

    async def post(
        self,
        uow: UnitOfWork,
        channel: Channel,
        chat_id: str,
        reply: Reply,
        *,
        key: str | None = None,
        track: str | None = None,
        edit_of: str | None = None,
        delay: timedelta | None = None,
        idle_only: bool = False,
        locale: str = DEFAULT_LOCALE,
        expires_at: datetime | None = None,
        offer: bool = True,
        notice: dict[str, str] | None = None,
    ) -> None:
        """Queue `reply` for the chat. On numbered channels its buttons become the person's
        choices — unless `idle_only` and they are in the middle of something, whose typed
        numbers must keep their meaning (they still read the message, and /binhxet offers
        the same buttons), or not `offer` (a reply whose update already saved them).
        `notice`: its kind and values, for a channel that may send it as a template."""
        bot_uow = cast(BotUnitOfWork, uow)
        now = self._clock.now()
        codec = await self._codec()
        files = [await self._keep(bot_uow, file, now) for file in reply.files]
        payload: dict[str, Any] = {
            "text": reply.text,
            "buttons": [
                [[button.label, codec.encode(button.action)] for button in row]
                for row in reply.choice_rows()  # a sign-in link is personal: never queued
            ],
            "lettered": reply.lettered,
            "files": [] if channel in UPLOAD_CHANNELS else files,
        }
        if reply.sealed:
            payload["seal"] = True  # the outbox encrypts the text (db/outbox.py)
        thread = await _topic(uow, channel, chat_id)
        if thread is not None:
            payload["thread_id"] = thread
        if notice:
            payload["notice"] = notice
        # A group's buttons are everyone's: nobody's typed numbers (a group's id starts "-").
        if channel in NUMBERED_CHANNELS and reply.buttons and offer and chat_id[:1] != "-":
            hint = Translator(locale)("ballot-busy-hint")
            await self._offer_choices(bot_uow, channel, chat_id, payload, now, idle_only, hint)
        not_before = now + delay if delay else None
        # What is left of a reply may be its files alone: uploads, with no empty text first.
        uploads_only = channel in UPLOAD_CHANNELS and files and not reply.text and not reply.buttons
        if not uploads_only:
            await bot_uow.outbox.enqueue(
                channel.value, chat_id, payload, now, key=key, track=track, edit_of=edit_of,
                not_before=not_before, expires_at=expires_at,
            )  # fmt: skip
        if channel in UPLOAD_CHANNELS:
            # Each upload is a message of its own: one refused (a 429) is sent again alone,
            # never with the text that already went out.
            for file in files:
                upload = {"text": "", "buttons": [], "lettered": False, "files": [file]}
                if thread is not None:
                    upload["thread_id"] = thread
                await bot_uow.outbox.enqueue(
                    channel.value, chat_id, upload, now, not_before=not_before,
                    expires_at=expires_at,
                )  # fmt: skip

    async def _keep(self, uow: BotUnitOfWork, file: File, now: datetime) -> dict[str, str]:
        expires = now + timedelta(hours=self._config.file_link_hours)
        token = await uow.files.put(file.name, file.mime_type, file.content, now, expires)
        return {
            "name": file.name,
            "mime_type": file.mime_type,
            "token": token,
            "caption": file.caption,
            "expires_at": expires.isoformat(),
        }

    @staticmethod
    async def _offer_choices(
        uow: BotUnitOfWork,
        channel: Channel,
        chat_id: str,
        payload: dict[str, Any],
        now: datetime,
        idle_only: bool,
        hint: str,
    ) -> None:
        key = (channel.value, chat_id, chat_id)  # a private chat: the chat is the person
        snapshot = await uow.conversations.load(*key)
        if idle_only and snapshot.get("state"):
            payload["text"] += "\n\n" + hint
            payload["buttons"] = []
            return
        choices = [data for row in payload["buttons"] for _label, data in row]
        new: dict[str, Any] = {"state": None, "data": {}, "choices": choices}
        await uow.conversations.save(*key, new, now)

    def now(self) -> datetime:
        return self._clock.now()

    async def officers_by_unit(
        self, uow: UnitOfWork, unit_ids: list[int]
    ) -> list[tuple[Identity, int]]:
        """Every account of the units' officers, with the officer's unit. What is written for
        them from here on speaks of their bloc (its words: Cụm trưởng, UBND thành phố)."""
        unit = await uow.blocs.unit(unit_ids[0]) if unit_ids else None
        await _speak_for_bloc(uow, unit.bloc_id if unit else None)
        officers = await uow.people.officers_of_units(unit_ids)
        unit_of = {o.id: o.unit_id for o in officers if o.id is not None and o.unit_id}
        identities = await uow.people.identities_of(list(unit_of))
        return [(i, unit_of[i.officer_id]) for i in identities if i.officer_id in unit_of]

    @staticmethod
    async def organiser_role(uow: UnitOfWork, year: BlocYear, officer_id: int | None) -> Role:
        """Who acted, as the units read it: the leader, the deputy, or else the board."""
        officer = await uow.people.officer(officer_id) if officer_id else None
        role = year.role_of(officer.unit_id) if officer else None
        return role if role in (Role.LEADER, Role.DEPUTY) else Role.ADMIN

    @staticmethod
    async def bloc_kind(uow: UnitOfWork, year: BlocYear) -> str:
        """ "cum" or "khoi": the bloc's own word for its leader and deputy."""
        bloc = await uow.blocs.get(year.bloc_id)
        return fmt.bloc_kind(bloc) if bloc else "khoi"

    @staticmethod
    async def groups(uow: UnitOfWork, bloc_id: int) -> list[tuple[Channel, str]]:
        """The bloc's group chats a bot can post in (Zalo's are not reliable); what is written
        for them from here on speaks of the bloc."""
        await _speak_for_bloc(uow, bloc_id)
        groups = await uow.groups.for_bloc(bloc_id)
        return [(g.channel, g.chat_id) for g in groups if g.channel in GROUP_CHANNELS]

    async def _officers(self, uow: UnitOfWork, unit_ids: list[int]) -> list[Identity]:
        return [identity for identity, _unit in await self.officers_by_unit(uow, unit_ids)]

    @staticmethod
    async def _year(uow: UnitOfWork, ballot: Ballot) -> BlocYear:
        year = await uow.blocs.year_by_id(ballot.year_id)
        assert year is not None
        return year


async def _topic(uow: UnitOfWork, channel: Channel, chat_id: str) -> str | None:
    """The forum topic the bloc's group was bound in: its posts go there (Telegram group ids
    are negative; people's chats have no topics)."""
    if channel not in GROUP_CHANNELS or not chat_id.startswith("-"):
        return None
    group = await uow.groups.get(channel, chat_id)
    return group.thread_id if group else None


async def _speak_for_bloc(uow: UnitOfWork, bloc_id: int | None) -> None:
    bloc = await uow.blocs.get(bloc_id) if bloc_id is not None else None
    if bloc is not None:
        speak_for(wording.bloc_words(bloc))


def _track(ballot: Ballot) -> str:
    return f"ballot:{ballot.id}"


def _translator(identity: Identity) -> Translator:
    return Translator(identity.locale or DEFAULT_LOCALE)
