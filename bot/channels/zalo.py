"""The Zalo channel: long polling the Zalo Bot Platform; text only, so buttons become
numbered choices and long replies are split at Zalo's 2,000-character limit."""

from __future__ import annotations

import asyncio
import contextlib
import logging

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
RATE_LIMIT_WAIT = 10.0  # seconds: Zalo's 429 names no retry_after; this waits it out calmly

TEXT_EVENT = "message.text.received"
IMAGE_EVENT = "message.image.received"


class ZaloChannel:
    def __init__(self, app: BotApp, api: ZaloBotAPI, polling_timeout: int = 25) -> None:
        self.app = app
        self.api = api
        self.polling_timeout = polling_timeout
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
            text=update.text or update.caption or "",
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
        try:
            for part in parts:
                await self.api.send_message(chat_id, part)
                sent += 1
        except ZaloAPIError as error:
            # The update is recorded as handled: what is left goes to the outbox, which
            # retries it; already numbered, its choices are not offered again.
            log.warning("zalo: a reply to %s stopped (%s): the rest queued", chat_id, error)
            await self.app.post_later(Channel.ZALO, chat_id, Reply("".join(parts[sent:])))

    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        """The outbox's sender: text only, buttons as numbered lines, files as links; a long
        text in parts, from the first one an earlier try did not deliver. A 429 is a wait
        for the whole bot, not a failed try."""
        sent_id = None
        done = message.parts_sent
        try:
            for part in split_text(outgoing_text(message))[done:]:
                sent_id = (await self.api.send_message(chat_id, part)).message_id
                done += 1
        except ZaloAPIError as error:
            if error.error_code == RATE_LIMITED:
                # Zalo's own limit: this message waits, the bot's overall pace does not.
                later = RetryLater(RATE_LIMIT_WAIT, pause_all=False)
                raise partly(message, done, later) from error
            if done > message.parts_sent:
                raise PartlySent(done, error) from error
            raise
        return sent_id

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """Zalo cannot edit a message; bots post nothing there that would need it."""

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)


def _photo(update: ZaloUpdate) -> Attachment | None:
    if update.event_name != IMAGE_EVENT or not update.photo_url:
        return None
    return Attachment("photo", update.photo_url, "photo.jpg", 0, "image/jpeg")
