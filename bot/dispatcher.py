"""Sends what the outbox holds, channel by channel, under the platforms' limits.

Each message is claimed from the database, sent, and marked in a transaction of its own as
soon as the platform answers (each part of a long text too), so a restart resumes where it
stopped. Delivery is at least once: the platforms take no idempotency key, so the sends in
flight when a worker is killed (taken by the platform, not yet marked) go out again once
their claim passes to another worker; nothing else repeats, and nothing is lost. A 429 waits
out its `retry_after`; a person who blocked the bot (403) is marked, not retried; an edit
waits for the message it edits to be sent. A group that got a new id has its binding and
queued messages moved there, and is sent to again; a group the bot was removed from is
unbound (the leader told) and nothing more is sent there; a person who never started the bot
is given up on, not marked as blocking it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Protocol, runtime_checkable

from bot import chat_events, file_links
from bot.context import BotUnitOfWork, QueuedMessage
from bot.request import File
from domain.errors import Conflict, StorageUnavailable
from domain.model import Channel
from domain.ports import Clock

log = logging.getLogger(__name__)

BATCH = 500
MAX_ATTEMPTS = 5
CLAIM_USE = 0.8  # the share of a claim's lease in which a round still starts sends
PRIVATE_GAP = 1.0  # seconds: Telegram allows about one message a second per chat
GROUP_GAP = 3.1  # seconds: and about twenty a minute per group
OVERALL_RATE = 29  # messages in any second, under Telegram's ~30 for the whole bot
EDIT_WAIT = timedelta(seconds=2)
NO_CHANNEL_WAIT = timedelta(minutes=5)


class RetryLater(Exception):
    """The platform's 429. `pause_all`: the bot's overall pace waits too (Telegram's limit
    is the one that pace keeps). `reason`, noted on the message: anything but "429" is a
    wait the platform's rules impose (a reply window), not a refusal of this send."""

    def __init__(self, seconds: float, pause_all: bool = True, reason: str = "429") -> None:
        super().__init__(seconds)
        self.seconds = seconds
        self.pause_all = pause_all
        self.reason = reason

    @property
    def rate_limited(self) -> bool:
        return self.reason == "429"


class Blocked(Exception):
    """The person blocked the bot (or a chat refuses the bot for good)."""


class ChatMoved(Exception):
    """The chat has a new id (a group upgraded to a supergroup): send there instead."""

    def __init__(self, chat_id: str) -> None:
        super().__init__(chat_id)
        self.chat_id = chat_id


class GroupGone(Exception):
    """The bot was removed from the group, or left it."""


class NotStarted(Exception):
    """The person never opened a chat with the bot: it may not write to them first. Not a
    block: nothing they did, and nothing to show the leader as one."""


class PartlySent(Exception):
    """A long text's first `parts` went out before `error` stopped the rest: the next try
    sends only what is left (one chat's limit of a message a second meets a long text's
    parts sent back to back, and each retry would start again from the first)."""

    def __init__(self, parts: int, error: Exception) -> None:
        super().__init__(parts, error)
        self.parts = parts
        self.error = error


def partly(message: Outgoing, parts_sent: int, error: Exception) -> Exception:
    """`error` as a sender raises it once `parts_sent` of the text's parts went out."""
    return PartlySent(parts_sent, error) if parts_sent > message.parts_sent else error


@dataclass(frozen=True)
class Outgoing:
    text: str
    buttons: list[list[tuple[str, str]]]  # label, signed callback data
    lettered: bool = False
    files: list[File] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # name, signed download URL
    parts_sent: int = 0  # of a long text, the parts an earlier try delivered
    thread_id: str | None = None  # the topic of a forum group it goes to
    # What a notice is about (its kind and values), for a channel that may have to send it
    # as a pre-approved template instead (the Zalo Official Account outside its window).
    notice: dict[str, str] = field(default_factory=dict)
    # Not a message: the person's command menu (name, description), set where the platform
    # has one (Telegram's setMyCommands for their chat).
    commands: list[tuple[str, str]] | None = None
    # Told the count of a long text's parts delivered so far, each time one goes out: the
    # dispatcher records it at once, so a worker killed mid-text repeats one part at most.
    on_part: Callable[[int], Awaitable[None]] | None = field(
        default=None, compare=False, repr=False
    )

    async def part_delivered(self, parts_sent: int) -> None:
        if self.on_part is not None:
            await self.on_part(parts_sent)


class Window(Protocol):
    """The overall pace: `acquire` before each send; `pause` after a 429."""

    async def acquire(self) -> None: ...
    def pause(self, seconds: float) -> None: ...


class Sender(Protocol):
    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        """Send; the platform's message id (for later edits) where it gives one."""
        ...

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None: ...


@runtime_checkable
class CommandMenus(Protocol):
    """A sender whose platform keeps a command menu per chat (Telegram): the outbox's rows
    of `commands` are set through it; on other channels they have nothing to do."""

    async def set_commands(self, chat_id: str, commands: list[tuple[str, str]]) -> None: ...


@dataclass(frozen=True)
class Job:
    message: QueuedMessage
    sender: Sender
    outgoing: Outgoing
    target: str | None  # the platform id of the message to edit, for an edit


@dataclass(frozen=True)
class Result:
    message: QueuedMessage
    platform_id: str | None
    error: BaseException | None
    parts_sent: int = 0  # new progress in a long text stopped by `error`


class OutboxDispatcher:
    """Sends rounds of due messages: at most one per chat a round (so each chat gets its
    messages in order and apart), the round's sends spaced evenly under the overall rate."""

    def __init__(
        self,
        uow_factory: Callable[[], BotUnitOfWork],
        clock: Clock,
        senders: dict[Channel, Sender],
        link: Callable[[str, datetime], str],
        interval: float = 0.5,
        rate: float = OVERALL_RATE,
        gaps: tuple[float, float] = (PRIVATE_GAP, GROUP_GAP),
        window: Window | None = None,  # shared by the workers (Redis); else this process's
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock  # business time: when a message is due
        self._senders = senders
        self._link = link
        self._interval = interval
        self._window: Window = window or SlidingWindow(rate)
        self._private_gap, self._group_gap = gaps  # per chat: a person, a group
        # Pacing runs on the event loop's monotonic time, whatever the business clock says.
        self._chat_ready: dict[tuple[str, str], float] = {}
        self._stopping = asyncio.Event()
        # Sent (or failed) but not marked so, the database being away. They stay claimed by
        # this worker, so a round that ran before they are marked would send them again.
        self._unrecorded: list[Result] = []
        # Sent, but their marks are refused for good (a fault, not an outage): never again
        # from this worker.
        self._let_go: set[int] = set()

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.flush()
            except Exception:
                log.exception("outbox: a round failed; the messages stay queued")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._interval)

    async def stop(self) -> None:
        self._stopping.set()

    async def flush(self) -> int:
        """Send everything due now, round after round; the number of messages handled."""
        handled = 0
        while not self._stopping.is_set():
            sent, wait = await self._round()
            handled += sent
            if wait is None:
                return handled
            await asyncio.sleep(wait)
        return handled

    async def _round(self) -> tuple[int, float | None]:
        """One round: the number handled, and how long until a waiting chat may get its
        next message (None when nothing waits)."""
        if not await self._record():
            return 0, None  # the database refused: nothing new until what was sent is marked
        now = self._clock.now()
        loop = asyncio.get_running_loop()
        taken: dict[tuple[str, str], QueuedMessage] = {}
        wait: float | None = None
        async with self._uow_factory() as uow:
            # Sends start only well within the claim: past it, another worker may take the
            # messages left (a long retry_after pausing the round), and both would send them.
            send_until = loop.time() + CLAIM_USE * uow.outbox.lease.total_seconds()
            for message in await uow.outbox.due(now, BATCH):
                if message.id in self._let_go:
                    continue
                chat = (message.channel, message.chat_id)
                if chat in taken:
                    wait = 0.0 if wait is None else wait  # the chat's next one, next round
                    continue
                ready = self._chat_ready.get(chat, 0.0) - loop.time()
                if ready > 0:
                    wait = ready if wait is None else min(wait, ready)
                    continue
                taken[chat] = message
            jobs = await self._prepare(uow, list(taken.values()), now)
            await uow.commit()
        if taken and wait == 0.0:
            wait = min(self._gap(chat) for chat in taken)
        sends = []
        try:
            for job in jobs:  # started in order, spaced; in flight together
                await self._window.acquire()
                if loop.time() > send_until:
                    break  # the rest stay claimed until the lease ends, then go out once
                chat = (job.message.channel, job.message.chat_id)
                self._chat_ready[chat] = loop.time() + self._gap(chat)
                sends.append(asyncio.create_task(self._send(job)))
        finally:
            # Every send started is waited for and marked, also when the pacing failed: a
            # result dropped here would leave a sent message to go out again.
            await asyncio.gather(*sends, return_exceptions=True)
            await self._record()
        return len(sends), wait

    async def _prepare(
        self, uow: BotUnitOfWork, messages: list[QueuedMessage], now: datetime
    ) -> list[Job]:
        """What each message needs to go out; those that cannot go now are set aside."""
        jobs = []
        for message in messages:
            sender = self._senders.get(Channel(message.channel))
            if sender is None:
                # Another process (or a later start) runs that channel.
                await uow.outbox.postpone(message.id, now + NO_CHANNEL_WAIT, "channel not running")
                continue
            target = None
            if message.edit_of:
                target = await uow.outbox.platform_id(
                    message.channel, message.chat_id, message.edit_of
                )
                if target is None:
                    await self._edit_target_missing(uow, message, now)
                    continue
            jobs.append(Job(message, sender, await self._outgoing(uow, message.payload), target))
        return jobs

    def _gap(self, chat: tuple[str, str]) -> float:
        """Groups get fewer messages a minute than people."""
        return self._group_gap if _is_group(chat[1]) else self._private_gap

    async def _send(self, job: Job) -> None:
        """Sends one message and marks it at once, beside the round's other sends: the
        window in which a killed worker leaves it sent but unmarked is this one write."""
        platform_id: str | None = job.target
        error: BaseException | None = None
        outgoing = replace(job.outgoing, on_part=lambda parts: self._progress(job, parts))
        try:
            if outgoing.commands is not None:
                if isinstance(job.sender, CommandMenus):
                    await job.sender.set_commands(job.message.chat_id, outgoing.commands)
            elif job.target is not None:
                await job.sender.amend(job.message.chat_id, job.target, outgoing)
            else:
                platform_id = await job.sender.deliver(job.message.chat_id, outgoing)
        except Exception as caught:
            error = caught
        parts_sent = 0
        if isinstance(error, PartlySent):
            parts_sent, error = error.parts, error.error
        settled = (RetryLater, Blocked, ChatMoved, GroupGone, NotStarted)
        if error is not None and not isinstance(error, settled):
            # A network or platform failure: retried, then given up.
            log.warning("outbox: message %s failed: %r", job.message.id, error)
        if isinstance(error, RetryLater) and error.pause_all:
            self._window.pause(error.seconds)  # the platform says when: the whole bot waits
        result = Result(job.message, platform_id, error, parts_sent)
        if not await self._settle(result):
            self._unrecorded.append(result)

    async def _progress(self, job: Job, parts_sent: int) -> None:
        """A long text's part went out: recorded at once, in a transaction of its own. Not
        recorded (the database away), the text's end still marks the whole message; only a
        kill before then repeats the parts since the last one recorded."""
        try:
            async with self._uow_factory() as uow:
                held = await uow.outbox.progress(job.message.id, parts_sent)
                await uow.commit()
        except Exception as error:
            log.warning("outbox: message %s: part %d not recorded: %r", job.message.id,
                        parts_sent, error)  # fmt: skip
            return
        if not held:
            log.warning("outbox: message %s is another worker's now; part %d not recorded",
                        job.message.id, parts_sent)  # fmt: skip

    async def _record(self) -> bool:
        """Mark what an outage left unmarked, oldest first, each in its own transaction.
        False when the database still refuses: the rest are kept for a later call."""
        while self._unrecorded:
            if not await self._settle(self._unrecorded[0]):
                return False
            del self._unrecorded[0]
        return True

    async def _settle(self, result: Result) -> bool:
        """Marks one result in a transaction of its own. False when the database is away
        (an outage, a lock not granted): the caller keeps the result for later."""
        message = result.message
        try:
            async with self._uow_factory() as uow:
                held = await self._mark(uow, result, self._clock.now())
                await uow.commit()
        except (StorageUnavailable, Conflict) as error:
            log.warning("outbox: message %s handled, not marked yet: %r", message.id, error)
            return False
        except Exception:
            # A fault, not an outage: a result the database never takes must not hold up
            # the others. Let go, so never sent again from this worker.
            log.exception("outbox: message %s cannot be marked", message.id)
            self._let_go.add(message.id)
            return True
        if not held:
            # This worker's lease ran out meanwhile (an outage longer than it) and another
            # worker took the message over: its mark, whatever it says, is that worker's.
            log.warning("outbox: message %s is another worker's now; its mark is dropped",
                        message.id)  # fmt: skip
        return True

    @staticmethod
    async def _mark(uow: BotUnitOfWork, result: Result, now: datetime) -> bool:
        """Writes what became of a send; False when the message's claim is no longer this
        worker's. What a refusal says of the chat (a new id, the bot removed, a person who
        blocked it) is true whoever holds the message, and is recorded all the same."""
        message, error = result.message, result.error
        if result.parts_sent:
            await uow.outbox.progress(message.id, result.parts_sent)
        if error is None:
            return await uow.outbox.sent(message.id, now, result.platform_id)
        if isinstance(error, RetryLater):
            until = now + timedelta(seconds=error.seconds)
            return await uow.outbox.postpone(message.id, until, error.reason)
        if isinstance(error, ChatMoved):  # the same message, to the new id, at once
            channel = Channel(message.channel)
            await chat_events.apply_moved(uow, channel, message.chat_id, error.chat_id, now)
            return await uow.outbox.postpone(message.id, now, "the chat has a new id")
        if isinstance(error, GroupGone):
            held = await uow.outbox.failed(message.id, now, chat_events.GONE, blocked=True)
            await chat_events.apply_gone(uow, Channel(message.channel), message.chat_id, now)
            return held
        if isinstance(error, NotStarted):
            return await uow.outbox.failed(message.id, now, "never started the bot")
        if isinstance(error, Blocked):
            held = await uow.outbox.failed(message.id, now, "blocked", blocked=True)
            if not _is_group(message.chat_id):  # a person, whose account is marked
                await uow.people.mark_blocked(Channel(message.channel), message.chat_id, now)
            return held
        if message.attempts + 1 >= MAX_ATTEMPTS:
            return await uow.outbox.failed(message.id, now, repr(error))
        backoff = timedelta(seconds=2 ** (message.attempts + 1))
        return await uow.outbox.postpone(message.id, now + backoff, repr(error), failed=True)

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
        commands = payload.get("commands")
        return Outgoing(
            payload.get("text", ""), buttons, bool(payload.get("lettered")), files, links,
            int(payload.get("parts_sent", 0)), payload.get("thread_id"),
            dict(payload.get("notice", {})),
            None if commands is None else [(name, text) for name, text in commands],
        )  # fmt: skip


def _is_group(chat_id: str) -> bool:
    """Telegram group ids are negative; people's are not."""
    return chat_id.startswith("-")


class SlidingWindow:
    """At most `limit` sends in any one second, counted on the moments they actually start,
    on an even grid: a start held up (a busy event loop) is caught up only slowly, never
    closer than 90 % of the spacing, so that sends do not arrive bunched at the platform,
    which counts arrivals."""

    def __init__(self, limit: float, window: float = 1.0) -> None:
        self._limit = int(limit)
        self._window = window
        self._spacing = window / self._limit
        self._starts: deque[float] = deque()
        self._grid = 0.0  # the next start on the even grid
        self._paused_until = 0.0

    async def acquire(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            while self._starts and self._starts[0] <= now - self._window:
                self._starts.popleft()
            ready = max(self._paused_until, self._grid)
            if self._starts:
                ready = max(ready, self._starts[-1] + 0.9 * self._spacing)
                if len(self._starts) >= self._limit:
                    ready = max(ready, self._starts[0] + self._window)
            if ready <= now:
                self._starts.append(now)
                # After an idle spell the grid restarts here, with no credit for the pause.
                self._grid = max(self._grid, now - self._spacing) + self._spacing
                return
            await asyncio.sleep(ready - now)

    def pause(self, seconds: float) -> None:
        self._paused_until = asyncio.get_running_loop().time() + seconds


def link_maker(base_url: str, secret: str) -> Callable[[str, datetime], str]:
    def make(token: str, expires_at: datetime) -> str:
        return file_links.link(base_url, secret, token, expires_at)

    return make
