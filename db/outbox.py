"""The outbox: messages written in the transaction of the change they announce, and sent
afterwards by the dispatcher, which records what became of each.

What it promises: every committed message is delivered at least once. The chat platforms
take no idempotency key, so a worker killed after a platform took a send and before its
mark committed leaves that message to go out again once its claim passes to another worker:
the only repeats are the sends in flight at a crash. Each send is marked in its own short
transaction as soon as it returns (each part of a long text too), which keeps that window
to one send and one write; and a mark counts only while its worker still holds the claim,
so a worker back from a long outage cannot mark, or un-mark, a message another worker now
owns."""

from __future__ import annotations

import base64
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, exists, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.models import OutboxMessageRow
from db.sealing import Sealer, SealingUnavailable

PENDING = "pending"
SENT = "sent"
FAILED = "failed"
BLOCKED = "blocked"  # the person blocked the bot, or the chat is gone: never retried
EXPIRED = "expired"  # its moment passed before it could be sent (a reminder of a begun event)

# How long a claim keeps other workers off a message: longer than a dispatcher round with a
# Telegram retry_after in it; a worker that died meanwhile leaves its messages to the others
# once it passes.
LEASE = timedelta(minutes=5)
# Who claims, in the outbox_messages.claimed_by column: this process.
WORKER = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass(frozen=True)
class OutboxMessage:
    id: int
    channel: str
    chat_id: str
    payload: dict[str, Any]
    track: str | None  # a name to find the sent message by, to edit it later
    edit_of: str | None  # the track of the message this one edits
    attempts: int


SEALED_PURPOSE = "outbox"
# Nearly every update queues a message: a Core INSERT, built once, on the session's connection
# (the ORM's unit-of-work flush of one new row cost more CPU than the statement itself).
_ENQUEUE = insert(OutboxMessageRow)


class SqlOutbox:
    def __init__(
        self,
        session: AsyncSession,
        claimer: str = WORKER,
        lease: timedelta | None = None,
        sealer: Sealer | None = None,
    ) -> None:
        self.session = session
        self.claimer = claimer  # the worker whose dispatcher calls `due`
        self.lease = lease or LEASE
        self.sealer = sealer

    async def enqueue(
        self,
        channel: str,
        chat_id: str,
        payload: dict[str, Any],
        now: datetime,
        *,
        key: str | None = None,
        track: str | None = None,
        edit_of: str | None = None,
        not_before: datetime | None = None,
        expires_at: datetime | None = None,
    ) -> None:
        """Queue a message. With a key, a pending message of that key in that chat, not yet
        due, takes the new payload (and expiry) instead and keeps its time: many live-count
        edits within a few seconds become one. A message already due may be in the
        dispatcher's hands, so the new payload gets a row of its own rather than being lost
        when that one is marked sent. No unique key: two racing inserts make two harmless
        edits. With `expires_at`, a message still unsent at that moment is never sent (a
        reminder of a conference that has begun): `due` marks it expired."""
        payload = self._sealed(payload)
        if key is not None and await self._coalesce(
            channel, chat_id, key, payload, now, expires_at
        ):
            return
        connection = await self.session.connection()
        await connection.execute(
            _ENQUEUE,
            {
                "channel": channel, "chat_id": chat_id, "payload": payload, "key": key,
                "track": track, "edit_of": edit_of, "status": PENDING, "attempts": 0,
                "not_before": not_before or now, "created_at": now, "error": "",
                "expires_at": expires_at,
            },
        )  # fmt: skip

    async def _coalesce(
        self,
        channel: str,
        chat_id: str,
        key: str,
        payload: dict[str, Any],
        now: datetime,
        expires_at: datetime | None,
    ) -> bool:
        def waiting(row: Any) -> tuple[ColumnElement[bool], ...]:
            return (
                row.channel == channel,
                row.chat_id == chat_id,
                row.key == key,
                row.status == PENDING,
                row.not_before > now,
            )

        other = aliased(OutboxMessageRow)
        newest = select(func.max(other.id)).where(*waiting(other)).scalar_subquery()
        # One statement; the conditions again on the row itself, which PostgreSQL re-checks
        # once it has the row's lock (a dispatcher may have taken it meanwhile).
        result = await self.session.execute(
            update(OutboxMessageRow)
            .where(OutboxMessageRow.id == newest, *waiting(OutboxMessageRow))
            .values(payload=payload, expires_at=expires_at)
            .execution_options(synchronize_session=False)
        )
        return cast(CursorResult[Any], result).rowcount == 1

    async def due(self, now: datetime, limit: int = 50) -> list[OutboxMessage]:
        """Pending messages whose time has come, oldest first, claimed for this worker: each
        row handed out is stamped `claimed_by` this worker until `now + lease`, so another
        worker's dispatcher leaves it alone (and leaves the rest of its chat alone, which
        keeps a chat's messages in order) until it is marked sent, failed or postponed, or
        until the lease runs out because this worker died. This worker's own claims stay due
        to it: its dispatcher sends one message a chat a round and comes back for the rest.
        On PostgreSQL the rows are read `FOR UPDATE SKIP LOCKED`, so two workers claiming at
        the same moment get disjoint rows; the claim holds once the caller commits. SQLite
        has one writer at a time (BEGIN IMMEDIATE) and needs no row locks.

        Pending ones whose expiry has passed are marked expired here, and are never handed
        out."""
        await self.session.execute(
            update(OutboxMessageRow)
            .where(
                OutboxMessageRow.status == PENDING,
                OutboxMessageRow.expires_at.is_not(None),
                OutboxMessageRow.expires_at <= now,
            )
            .values(status=EXPIRED)
        )
        other = aliased(OutboxMessageRow)
        chat_held_elsewhere = (
            exists()
            .where(
                other.channel == OutboxMessageRow.channel,
                other.chat_id == OutboxMessageRow.chat_id,
                other.status == PENDING,
                other.claimed_until > now,
                other.claimed_by != self.claimer,
            )
            .correlate(OutboxMessageRow)
        )
        query = (
            select(OutboxMessageRow)
            .where(
                OutboxMessageRow.status == PENDING,
                OutboxMessageRow.not_before <= now,
                or_(OutboxMessageRow.expires_at.is_(None), OutboxMessageRow.expires_at > now),
                # On the row itself, not only in the subquery: PostgreSQL re-checks a row's own
                # columns once it gets the lock, so a claim committed meanwhile is seen.
                or_(
                    OutboxMessageRow.claimed_until.is_(None),
                    OutboxMessageRow.claimed_until <= now,
                    OutboxMessageRow.claimed_by == self.claimer,
                ),
                ~chat_held_elsewhere,
            )
            .order_by(OutboxMessageRow.id)
            .limit(limit)
        )
        if self.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True, of=OutboxMessageRow)
        rows = list(await self.session.scalars(query))
        if rows:
            await self.session.execute(
                update(OutboxMessageRow)
                .where(OutboxMessageRow.id.in_([row.id for row in rows]))
                .values(claimed_by=self.claimer, claimed_until=now + self.lease)
                .execution_options(synchronize_session=False)
            )
        return [
            OutboxMessage(
                row.id,
                row.channel,
                row.chat_id,
                self._unsealed(dict(row.payload)),
                row.track,
                row.edit_of,
                row.attempts,
            )
            for row in rows
        ]

    def _sealed(self, payload: dict[str, Any]) -> dict[str, Any]:
        """A payload marked `seal` (a vote's receipt in its text) keeps its text encrypted:
        the chat it goes to is in the same row, and the receipt must not be read beside it."""
        if not payload.get("seal"):
            return payload
        if self.sealer is None:
            raise SealingUnavailable("no BALLOT_SECRET: a receipt cannot be queued unread")
        text = str(payload.get("text", "")).encode()
        sealed = base64.b64encode(self.sealer.seal(SEALED_PURPOSE, text)).decode("ascii")
        return {**payload, "text": "", "sealed_text": sealed}

    def _unsealed(self, payload: dict[str, Any]) -> dict[str, Any]:
        sealed = payload.pop("sealed_text", None)
        if sealed is None or self.sealer is None:
            return payload
        text = self.sealer.open(SEALED_PURPOSE, base64.b64decode(sealed)).decode()
        return {**payload, "text": text}

    async def sent(self, message_id: int, now: datetime, platform_id: str | None) -> bool:
        """Marked sent; False when this worker no longer holds the claim (see `_set`)."""
        return await self._set(
            message_id, status=SENT, sent_at=now, platform_message_id=platform_id
        )

    async def failed(
        self, message_id: int, now: datetime, error: str, blocked: bool = False
    ) -> bool:
        """Given up: the platform refused it for good (`blocked`: the chat is unreachable)."""
        return await self._set(
            message_id,
            status=BLOCKED if blocked else FAILED,
            error=error,
            attempts=OutboxMessageRow.attempts + 1,
        )

    async def postpone(
        self, message_id: int, until: datetime, error: str = "", failed: bool = False
    ) -> bool:
        """Try again later. Only a `failed` try (a network error) counts toward giving up;
        a wait (a rate limit, an edit waiting for its original) does not."""
        attempts = OutboxMessageRow.attempts + 1 if failed else OutboxMessageRow.attempts
        return await self._set(message_id, not_before=until, error=error, attempts=attempts)

    async def progress(self, message_id: int, parts_sent: int) -> bool:
        """A long text's first parts went out: the next try sends only the rest. False, and
        nothing written, when the message is no longer this worker's."""
        row = await self.session.get(OutboxMessageRow, message_id, with_for_update=self._lock)
        if row is None or row.claimed_by != self.claimer:
            return False
        row.payload = {**row.payload, "parts_sent": parts_sent}
        await self.session.flush()
        return True

    async def platform_id(self, channel: str, chat_id: str, track: str) -> str | None:
        """The platform's id of the newest message sent under `track` in the chat."""
        return await self.session.scalar(
            select(OutboxMessageRow.platform_message_id)
            .where(
                OutboxMessageRow.channel == channel,
                OutboxMessageRow.chat_id == chat_id,
                OutboxMessageRow.track == track,
                OutboxMessageRow.status == SENT,
                OutboxMessageRow.platform_message_id.is_not(None),
            )
            .order_by(OutboxMessageRow.id.desc())
            .limit(1)
        )

    async def has_pending_track(self, channel: str, chat_id: str, track: str) -> bool:
        """Whether the message named `track` is still to be sent: its edits wait for it."""
        found = await self.session.scalar(
            select(OutboxMessageRow.id)
            .where(
                OutboxMessageRow.channel == channel,
                OutboxMessageRow.chat_id == chat_id,
                OutboxMessageRow.track == track,
                OutboxMessageRow.status == PENDING,
            )
            .limit(1)
        )
        return found is not None

    async def move_chat(self, channel: str, old_chat_id: str, new_chat_id: str) -> int:
        """A chat got a new id (a group upgraded to a supergroup): its pending messages go
        there, in their order. An edit of a message sent in the old chat has nothing to
        edit in the new one: the first such edit of each message is posted instead, under
        that message's track, and the later ones edit it. The number moved."""
        pending = (
            OutboxMessageRow.channel == channel,
            OutboxMessageRow.chat_id == old_chat_id,
            OutboxMessageRow.status == PENDING,
        )
        rows = list(await self.session.scalars(
            select(OutboxMessageRow).where(*pending).order_by(OutboxMessageRow.id)
        ))  # fmt: skip
        posted = {row.track for row in rows if row.track and not row.edit_of}
        for row in rows:
            row.chat_id = new_chat_id
            if row.edit_of and row.edit_of not in posted:
                posted.add(row.edit_of)
                row.track, row.edit_of = row.edit_of, None
        await self.session.flush()
        return len(rows)

    async def drop_chat(self, channel: str, chat_id: str, reason: str) -> int:
        """The chat is gone for the bot (removed from a group): what waits for it is never
        sent. The number dropped."""
        result = await self.session.execute(
            update(OutboxMessageRow)
            .where(
                OutboxMessageRow.channel == channel,
                OutboxMessageRow.chat_id == chat_id,
                OutboxMessageRow.status == PENDING,
            )
            .values(status=BLOCKED, error=reason, claimed_by=None, claimed_until=None)
        )
        return cast(CursorResult[Any], result).rowcount

    async def last_track(self, channel: str, chat_id: str, prefix: str) -> str | None:
        """The track of the newest message of the chat named under `prefix`, sent or still to
        be sent: what that chat was last given of its kind (one given up on counts as not)."""
        return await self.session.scalar(
            select(OutboxMessageRow.track)
            .where(
                OutboxMessageRow.channel == channel,
                OutboxMessageRow.chat_id == chat_id,
                OutboxMessageRow.track.startswith(prefix, autoescape=True),
                OutboxMessageRow.status.in_((PENDING, SENT)),
            )
            .order_by(OutboxMessageRow.id.desc())
            .limit(1)
        )

    async def pending_count(self) -> int:
        count = await self.session.scalar(
            select(func.count())
            .select_from(OutboxMessageRow)
            .where(OutboxMessageRow.status == PENDING)
        )
        return int(count or 0)

    @property
    def _lock(self) -> bool:
        # PostgreSQL: the claim is read under the row's lock, so a claim another worker
        # commits meanwhile is seen before this one writes. SQLite writes one at a time.
        return self.session.get_bind().dialect.name == "postgresql"

    async def _set(self, message_id: int, **values: Any) -> bool:
        """Every outcome ends the claim: a postponed message is anyone's again when due.
        Only the worker holding the claim writes it: a worker whose lease ran out (a long
        outage, a pause) while another worker took the message over, sent and marked it,
        must not mark it again (or un-mark it). Its 0-row update is False, for the caller
        to log and drop: the message is the other worker's now."""
        result = await self.session.execute(
            update(OutboxMessageRow)
            .where(
                OutboxMessageRow.id == message_id,
                OutboxMessageRow.claimed_by == self.claimer,
            )
            .values(claimed_by=None, claimed_until=None, **values)
        )
        return cast(CursorResult[Any], result).rowcount == 1
