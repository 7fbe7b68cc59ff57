"""The Zalo channel: long polling the Zalo Bot Platform; text only, so buttons become
numbered choices and long replies are split at Zalo's 2,000-character limit."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Callable

from bot.app import BotApp
from bot.channels.render import numbered_text, outgoing_text
from bot.channels.zalo_api import ZaloAPIError, ZaloBotAPI, ZaloUpdate, split_text
from bot.dispatcher import Outgoing, PartlySent, RetryLater, partly
from bot.i18n import Translator
from bot.request import Attachment, ChatKind, Incoming, Reply
from domain.errors import StorageUnavailable
from domain.model import Channel

log = logging.getLogger(__name__)

RATE_LIMITED = 429
QUOTA_FIRST_WAIT = 1.0  # seconds, after a first 429
QUOTA_MAX_WAIT = 300.0  # and never more than five minutes between tries

TEXT_EVENT = "message.text.received"
IMAGE_EVENT = "message.image.received"
# In a group the bot gets only what mentions it, the mention first: "@Bot Thi Đua /khoi".
# The name is the bot's display name (spaces and all), so any leading mention before a
# command is taken for it.
_LEADING_MENTION = re.compile(r"\A\s*@[^\n/]*?\s+(?=/\w)")


class QuotaBackoff:
    """Zalo answers 429 when the bot's message quota is used up, and says not for how long
    (no retry_after). So sends wait 1 s after a first 429, twice as long after each further
    one, at most 5 minutes; a send that goes through ends the wait. Meanwhile nothing is
    sent, only postponed: every send would meet another 429 and count against the quota."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._until = 0.0
        self._next = QUOTA_FIRST_WAIT
        self.current = 0.0  # the wait in force, for /metrics

    def wait_left(self) -> float:
        return max(0.0, self._until - self._clock())

    def exceeded(self) -> float:
        """A 429 came: the seconds to wait. Sends started before the wait began and refused
        with it do not lengthen it: only a try after a wait does."""
        left = self.wait_left()
        if left > 0:
            return left
        self.current = self._next
        self._until = self._clock() + self.current
        self._next = min(self._next * 2, QUOTA_MAX_WAIT)
        return self.current

    def passed(self) -> None:
        self._next, self.current = QUOTA_FIRST_WAIT, 0.0


class ZaloChannel:
    def __init__(self, app: BotApp, api: ZaloBotAPI, polling_timeout: int = 25) -> None:
        self.app = app
        self.api = api
        self.polling_timeout = polling_timeout
        self.quota = QuotaBackoff()
        self._stopping = asyncio.Event()
        # Set in webhook mode: a message refused (HTTP 500) is posted again by Zalo.
        self.redelivers = False

    async def run(self) -> None:
        me = await self.api.get_me()
        log.info("zalo: polling as %s", me.account_name)
        await self.api.delete_webhook()
        backoff = 1.0
        while not self._stopping.is_set():
            try:
                updates = await self.api.get_updates(timeout=self.polling_timeout)
            except ZaloAPIError as error:
                log.warning("zalo: getUpdates failed (%s); retrying in %.0fs", error, backoff)
                await self._sleep(backoff)
                backoff = min(backoff * 2, 30.0)
                continue
            backoff = 1.0
            for update in updates:
                await self.handle(update)

    async def stop(self) -> None:
        self._stopping.set()

    async def handle(self, update: ZaloUpdate) -> None:
        if update.is_bot or not update.chat_id:
            return
        incoming = Incoming(
            channel=Channel.ZALO,
            chat_id=update.chat_id,
            chat_kind=ChatKind.GROUP if update.is_group else ChatKind.PRIVATE,
            user_id=update.user_id,
            user_name=update.display_name,
            text=_addressed(update.text or update.caption or "", update.is_group),
            update_key=update.message_id or None,
            unsupported=update.event_name not in (TEXT_EVENT, IMAGE_EVENT),
            attachment=_photo(update),
        )
        try:
            outcome = await self.app.handle(incoming)
        except StorageUnavailable:
            if self.redelivers:
                raise  # the webhook answers 500: Zalo posts the message again
            log.warning("zalo: message %s: the database is unreachable", update.message_id)
            await self._send(update.chat_id, Reply(Translator("vi")("error-unavailable")))
            return
        except Exception:
            # Its transaction was rolled back: nothing recorded changed. Say so, not nothing.
            log.exception("zalo: handling message %s failed", update.message_id)
            await self._send(update.chat_id, Reply(Translator("vi")("error-generic")))
            return
        for reply in outcome.replies:
            await self._send(update.chat_id, reply)

    async def _send(self, chat_id: str, reply: Reply) -> None:
        parts = split_text(numbered_text(reply))  # files arrive here already turned into links
        sent = 0
        if self.quota.wait_left() > 0:  # sent when the quota allows, by the outbox
            await self.app.post_later(Channel.ZALO, chat_id, Reply("".join(parts)))
            return
        try:
            for part in parts:
                await self.api.send_message(chat_id, part)
                sent += 1
            self.quota.passed()
        except ZaloAPIError as error:
            if error.error_code == RATE_LIMITED:
                self._quota_exceeded()
            # The update is recorded as handled: what is left goes to the outbox, which
            # retries it; already numbered, its choices are not offered again.
            log.warning("zalo: a reply to %s stopped (%s): the rest queued", chat_id, error)
            await self.app.post_later(Channel.ZALO, chat_id, Reply("".join(parts[sent:])))

    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        """The outbox's sender: text only, buttons as numbered lines, files as links; a long
        text in parts, from the first one an earlier try did not deliver. A 429 (the quota
        used up) is a wait for every Zalo send, not a failed try."""
        wait = self.quota.wait_left()
        if wait > 0:
            # Zalo's own limit: Zalo messages wait, the bot's overall pace does not.
            raise RetryLater(wait, pause_all=False)
        sent_id = None
        done = message.parts_sent
        parts = split_text(outgoing_text(message))
        try:
            for part in parts[done:]:
                sent_id = (await self.api.send_message(chat_id, part)).message_id
                done += 1
                if done < len(parts):
                    await message.part_delivered(done)
        except ZaloAPIError as error:
            if error.error_code == RATE_LIMITED:
                later = RetryLater(self._quota_exceeded(), pause_all=False)
                raise partly(message, done, later) from error
            if done > message.parts_sent:
                raise PartlySent(done, error) from error
            raise
        self.quota.passed()
        return sent_id

    def _quota_exceeded(self) -> float:
        """A 429 received: the seconds Zalo sends now wait (counted where metrics are kept)."""
        return self.quota.exceeded()

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """Zalo cannot edit a message; bots post nothing there that would need it."""

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)


def _addressed(text: str, in_group: bool) -> str:
    """A command in a group, without the mention of the bot that leads it."""
    return _LEADING_MENTION.sub("", text, count=1) if in_group else text


def _photo(update: ZaloUpdate) -> Attachment | None:
    if update.event_name != IMAGE_EVENT or not update.photo_url:
        return None
    return Attachment("photo", update.photo_url, "photo.jpg", 0, "image/jpeg")
