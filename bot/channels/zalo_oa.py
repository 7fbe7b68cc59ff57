"""The Zalo Official Account channel: the OA's webhook events in, replies and the outbox out.

An event becomes an `Incoming`: a person's text (or a button's payload, which carries our
signed callback data), photo or file; a sticker, voice, location… is answered "send text"; a
follow greets like /start; an unfollow marks the person like a Telegram user who blocked the
bot. Events in an OA-managed group (the Group Message Framework) come from the group's chat.
Each private message, follow or button press opens Zalo's reply window again, and whatever
waited for it (`db.zalo_oa.WAITING_FOR_CONTACT`) is due again."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime, timedelta

from bot.app import BotApp
from bot.channels.zalo_oa_api import ZaloOAAPI, ZaloOAError
from bot.channels.zalo_oa_auth import ChannelPaused, ZaloOAAuth
from bot.channels.zalo_oa_events import FOLLOW, READABLE, UNFOLLOW, OAEvent
from bot.channels.zalo_oa_send import PAYLOAD_PREFIX, OASender, group_chat, plan
from bot.dispatcher import Outgoing, PartlySent, RetryLater
from bot.i18n import Translator
from bot.metrics import Metrics
from bot.request import Attachment, ChatKind, Incoming, Outcome, Reply
from db.zalo_oa import ZaloOAStore
from domain.errors import StorageUnavailable
from domain.model import Channel

log = logging.getLogger(__name__)

KEEP_EVERY = timedelta(minutes=10)  # how often the token's expiry is looked at


class ZaloOAChannel:
    def __init__(
        self,
        app: BotApp,
        api: ZaloOAAPI,
        store: ZaloOAStore,
        auth: ZaloOAAuth,
        sender: OASender,
        metrics: Metrics | None = None,
    ) -> None:
        self.app, self.api, self.store, self.auth, self.sender = app, api, store, auth, sender
        self.clock = auth.clock
        self.metrics = metrics
        self._stopping = asyncio.Event()

    async def run(self) -> None:
        """The keeper: renews the access token ahead of its expiry, every KEEP_EVERY."""
        while not self._stopping.is_set():
            await self.auth.keep()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), KEEP_EVERY.total_seconds())

    async def stop(self) -> None:
        self._stopping.set()

    # --- the outbox's sender ---------------------------------------------------------------

    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        return await self.sender.deliver(chat_id, message)

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        await self.sender.amend(chat_id, message_id, message)

    # --- events in -----------------------------------------------------------------------

    async def handle(self, event: OAEvent) -> None:
        """One signed event. The database unreachable raises (the webhook answers 500 and
        Zalo delivers the event again); any other failure is answered and logged."""
        if not event.user_id:
            return
        now = self.clock.now()
        if event.name == UNFOLLOW:
            await self._unfollowed(event.user_id, now)
            return
        incoming = self._incoming(event)
        if incoming is None:
            return
        pressed = incoming.callback_data is not None
        if not event.is_group or pressed:  # what opens Zalo's reply window again
            name, woken = await self.store.touch(event.user_id, min(now, _moment(event)), now)
            if woken:
                log.info("zalo_oa: %d message(s) held for %s are due now", woken, event.user_id)
            incoming = await self._named(incoming, name)
        try:
            outcome = await self.app.handle(incoming)
        except StorageUnavailable:
            raise
        except Exception:
            # Its transaction was rolled back: nothing recorded changed. Say so, not nothing.
            log.exception("zalo_oa: handling event %s failed", event.update_key)
            generic = Translator("vi")("error-generic")
            outcome = Outcome([Reply(f"⚠️ {generic}", toast=generic, is_error=True)])
        for reply in outcome.replies:
            await self._answer(incoming, reply)

    def _incoming(self, event: OAEvent) -> Incoming | None:
        user = event.user_id
        key = event.update_key
        if event.name == FOLLOW:  # first contact, or back: greeted as by /start
            return Incoming(Channel.ZALO_OA, user, ChatKind.PRIVATE, user, "", "/start",
                            update_key=key)  # fmt: skip
        what = event.what
        if not what:
            return None  # the OA's own messages, read receipts, tags…: nothing to answer
        chat = group_chat(event.group_id) if event.is_group else user
        kind = ChatKind.GROUP if event.is_group else ChatKind.PRIVATE
        text, data = event.text, None
        if what == "text" and text.startswith(PAYLOAD_PREFIX):
            text, data = "", text[len(PAYLOAD_PREFIX) :]
        # Events carry no group name (asking Zalo is a call per event): the id stands in.
        title = f"Zalo {event.group_id}" if event.is_group else ""
        return Incoming(
            Channel.ZALO_OA, chat, kind, user, "", text, callback_data=data, update_key=key,
            chat_title=title, unsupported=what not in READABLE, attachment=_attachment(event),
        )  # fmt: skip

    async def _named(self, incoming: Incoming, name: str) -> Incoming:
        """With the person's Zalo name: events carry only ids, so it is asked of Zalo once."""
        if not name:
            try:
                token = await self.auth.access_token()
                name = await self.api.user_name(token, incoming.user_id)
            except (ZaloOAError, ChannelPaused) as error:
                log.info("zalo_oa: no name for %s yet (%r)", incoming.user_id, error)
                return incoming
            if name:
                await self.store.name(incoming.user_id, name)
        return Incoming(**{**incoming.__dict__, "user_name": name})

    async def _unfollowed(self, user_id: str, now: datetime) -> None:
        async with self.app.uow_factory() as uow:
            await uow.people.mark_blocked(Channel.ZALO_OA, user_id, now)
            await uow.commit()
        log.info("zalo_oa: %s unfollowed the OA", user_id)

    # --- replies out ---------------------------------------------------------------------

    async def _answer(self, incoming: Incoming, reply: Reply) -> None:
        """A reply to an event already recorded as handled: what Zalo does not take now (the
        token paused, a quota error, a network failure) goes to the outbox, which retries."""
        chat = incoming.chat_id
        if incoming.chat_kind is ChatKind.GROUP and incoming.callback_data is not None:
            if reply.toast_only or reply.is_error:
                # Telegram answers a press with a note only the presser sees: here, privately.
                chat, reply = incoming.user_id, Reply(reply.toast or reply.text)
        elif reply.toast_only:
            return
        if reply.files:
            await self.app.post_later(Channel.ZALO_OA, chat, reply)  # uploads and links
            return
        outgoing = await self._outgoing(reply)
        try:
            # The person (or the group) just wrote: inside the window by definition.
            await self.sender.send(chat, outgoing, window=False)
        except Exception as error:
            cause = error.error if isinstance(error, PartlySent) else error
            if isinstance(cause, RetryLater) and cause.rate_limited and self.metrics:
                self.metrics.rate_limited.inc(channel=Channel.ZALO_OA.value)
            log.warning("zalo_oa: a reply to %s was not sent (%r): queued", chat, cause)
            done = error.parts if isinstance(error, PartlySent) else 0
            await self.app.post_later(Channel.ZALO_OA, chat, _rest(reply, outgoing, done))

    async def _outgoing(self, reply: Reply) -> Outgoing:
        codec = await self.app.codec()
        buttons = [[(b.label, codec.encode(b.action)) for b in row] for row in reply.buttons]
        return Outgoing(reply.text, buttons, reply.lettered)


def _rest(reply: Reply, outgoing: Outgoing, done: int) -> Reply:
    """What is left of a reply whose first `done` steps went out."""
    if not done:
        return reply
    steps = plan(outgoing)[done:]
    text = "".join(step.text for step in steps)
    real = any(step.buttons for step in steps)  # still to come as buttons, not as lines
    return Reply(text, reply.buttons if real else [], lettered=reply.lettered)


def _moment(event: OAEvent) -> datetime:
    return datetime.fromtimestamp(event.timestamp / 1000, UTC)


def _attachment(event: OAEvent) -> Attachment | None:
    payload = event.attachment or {}
    url = str(payload.get("url") or "")
    if not url:
        return None
    if event.what == "image":
        return Attachment("photo", url, "photo.jpg", 0, "image/jpeg")
    if event.what == "file":
        size = payload.get("size")
        size = int(size) if isinstance(size, int | str) and str(size).isdigit() else 0
        return Attachment("document", url, str(payload.get("name") or "file"), size)
    return None
