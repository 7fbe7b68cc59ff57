"""Sends what the outbox holds, channel by channel, under the platforms' limits.

Each message is claimed from the database, sent, and marked sent in its own transaction, so a
restart resumes where it stopped. A 429 waits out its `retry_after`; a person who blocked the
bot (403) is marked, not retried; an edit waits for the message it edits to be sent."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot import file_links
from bot.context import BotUnitOfWork, QueuedMessage
from bot.request import File
from domain.model import Channel
from domain.ports import Clock

log = logging.getLogger(__name__)

BATCH = 50
MAX_ATTEMPTS = 5
PRIVATE_GAP = timedelta(seconds=1)  # Telegram: about one message a second per chat
GROUP_GAP = timedelta(seconds=3)  # Telegram: about twenty a minute per group
OVERALL_GAP = 1 / 28  # seconds between any two sends: under Telegram's ~30 a second
EDIT_WAIT = timedelta(seconds=2)
NO_CHANNEL_WAIT = timedelta(minutes=5)


class RetryLater(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class Blocked(Exception):
    """The person blocked the bot, or the bot was removed from the group."""


@dataclass(frozen=True)
class Outgoing:
    text: str
    buttons: list[list[tuple[str, str]]]  # label, signed callback data
    lettered: bool = False
    files: list[File] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # name, signed download URL


class Sender(Protocol):
    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        """Send; the platform's message id (for later edits) where it gives one."""
        ...

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None: ...


class OutboxDispatcher:
    def __init__(
        self,
        uow_factory: Callable[[], BotUnitOfWork],
        clock: Clock,
        senders: dict[Channel, Sender],
        link: Callable[[str, datetime], str],
        interval: float = 0.5,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._senders = senders
        self._link = link
        self._interval = interval
        self._last_sent: dict[tuple[str, str], datetime] = {}
        self._stopping = asyncio.Event()

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                sent = await self.flush()
            except Exception:
                log.exception("outbox: a round failed; the messages stay queued")
                sent = 0
            if not sent:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), self._interval)

    async def stop(self) -> None:
        self._stopping.set()

    async def flush(self) -> int:
        """Send what is due now; the number handled."""
        now = self._clock.now()
        async with self._uow_factory() as uow:
            due = await uow.outbox.due(now, BATCH)
        sent = 0
        for message in due:
            sent += await self._one(message)
        return sent

    async def _one(self, message: QueuedMessage) -> int:
        now = self._clock.now()
        sender = self._senders.get(Channel(message.channel))
        async with self._uow_factory() as uow:
            if sender is None:
                # Another process (or a later start) runs that channel.
                await uow.outbox.postpone(message.id, now + NO_CHANNEL_WAIT, "channel not running")
                await uow.commit()
                return 0
            if self._too_soon(message, now):
                return 0  # stays queued: the next round takes it
            target = None
            if message.edit_of:
                target = await uow.outbox.platform_id(
                    message.channel, message.chat_id, message.edit_of
                )
                if target is None:
                    await self._edit_target_missing(uow, message, now)
                    await uow.commit()
                    return 0
            outgoing = await self._outgoing(uow, message.payload)
        await self._send(sender, message, outgoing, target)
        return 1

    async def _send(
        self, sender: Sender, message: QueuedMessage, outgoing: Outgoing, target: str | None
    ) -> None:
        platform_id: str | None = target
        error: BaseException | None = None
        try:
            if target is not None:
                await sender.amend(message.chat_id, target, outgoing)
            else:
                platform_id = await sender.deliver(message.chat_id, outgoing)
        except (RetryLater, Blocked) as caught:
            error = caught
        except Exception as caught:  # a network or platform failure: retried, then given up
            log.warning("outbox: message %s to %s failed: %r", message.id, message.chat_id, caught)
            error = caught
        now = self._clock.now()
        self._last_sent[(message.channel, message.chat_id)] = now
        async with self._uow_factory() as uow:
            if error is None:
                await uow.outbox.sent(message.id, now, platform_id)
            elif isinstance(error, RetryLater):
                await uow.outbox.postpone(message.id, now + timedelta(seconds=error.seconds), "429")
            elif isinstance(error, Blocked):
                await uow.outbox.failed(message.id, now, "blocked", blocked=True)
            elif message.attempts + 1 >= MAX_ATTEMPTS:
                await uow.outbox.failed(message.id, now, repr(error))
            else:
                backoff = timedelta(seconds=2 ** (message.attempts + 1))
                await uow.outbox.postpone(message.id, now + backoff, repr(error))
            await uow.commit()
        await asyncio.sleep(OVERALL_GAP)

    def _too_soon(self, message: QueuedMessage, now: datetime) -> bool:
        """Telegram group ids are negative: groups get fewer messages a minute than people."""
        last = self._last_sent.get((message.channel, message.chat_id))
        gap = GROUP_GAP if str(message.chat_id).startswith("-") else PRIVATE_GAP
        return last is not None and now < last + gap

    @staticmethod
    async def _edit_target_missing(
        uow: BotUnitOfWork, message: QueuedMessage, now: datetime
    ) -> None:
        assert message.edit_of is not None
        if await uow.outbox.has_pending_track(message.channel, message.chat_id, message.edit_of):
            await uow.outbox.postpone(message.id, now + EDIT_WAIT, "waiting for the original")
        else:
            await uow.outbox.failed(message.id, now, "the message to edit was never sent")

    async def _outgoing(self, uow: BotUnitOfWork, payload: dict[str, Any]) -> Outgoing:
        files, links = [], []
        for item in payload.get("files", []):
            stored = await uow.files.get(item["token"])
            if stored is None:
                continue  # expired and pruned: nothing left to send
            files.append(
                File(stored.name, stored.content, stored.mime_type, item.get("caption", ""))
            )
            expires = datetime.fromisoformat(item["expires_at"])
            links.append((stored.name, self._link(item["token"], expires)))
        buttons = [[(label, data) for label, data in row] for row in payload.get("buttons", [])]
        return Outgoing(
            payload.get("text", ""), buttons, bool(payload.get("lettered")), files, links
        )


def link_maker(base_url: str, secret: str) -> Callable[[str, datetime], str]:
    def make(token: str, expires_at: datetime) -> str:
        return file_links.link(base_url, secret, token, expires_at)

    return make
