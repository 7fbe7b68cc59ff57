"""The conversation core: one incoming update in, replies out, in one transaction.

Every channel funnels into `BotApp.handle`: it recognises a redelivered update, finds who is
asking, turns a command, a button or a typed number into a handler call, and keeps the
conversation state — so Telegram, Zalo and the console behave the same."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot import command_menus, commands, file_links, inbound, views, wording
from bot.actions import ActionCodec, ForgedAction
from bot.ballot_documents import ballot_files
from bot.context import (
    BotConfig,
    BotUnitOfWork,
    ChatAdminCheck,
    Context,
    Conversation,
    Fetch,
    Handler,
)
from bot.handlers import build_router
from bot.i18n import DEFAULT_LOCALE, Translator, speak_for, speaking_for
from bot.live_counts import LiveCounts
from bot.notices import Notices
from bot.request import (
    NUMBERED_CHANNELS,
    Action,
    ChatKind,
    Incoming,
    Outcome,
    RefusedOnScreen,
    Reply,
    Request,
)
from bot.typed import choice_letter, choice_number, group_chatter, parse_command
from domain.errors import Conflict, DomainError
from domain.model import Channel
from domain.ports import Clock
from domain.services import members

log = logging.getLogger(__name__)

LINKED_FILE_CHANNELS = frozenset({Channel.ZALO})  # files go out as download links
SECRET_KEY_NAME = "callback-signing-key"
MAX_ATTEMPTS = 3
# Telegram redelivers for a day at most; a week of update ids is plenty to recognise them.
PROCESSED_UPDATES_KEPT = timedelta(days=7)
PRUNE_EVERY = 1000


class BotApp:
    def __init__(
        self,
        uow_factory: Callable[[], BotUnitOfWork],
        clock: Clock,
        config: BotConfig | None = None,
    ) -> None:
        self.uow_factory = uow_factory
        self._clock = clock
        self.config = config or BotConfig()
        self._router = build_router()
        self._codec: ActionCodec | None = None
        self._secret = ""
        # Channels that can download what a user sent register how (Telegram, console).
        self.fetchers: dict[Channel, Fetch] = {}
        # Channels that can say who administers a group register how (Telegram).
        self.chat_admins: dict[Channel, ChatAdminCheck] = {}
        self._codec_lock = asyncio.Lock()
        self._handled_since_prune = 0
        self.notices = Notices(self.codec, clock, self.config, ballot_files)
        # Through the app: a test may swap its unit of work for another.
        self.live_counts = LiveCounts(lambda: self.uow_factory(), self.notices)
        self.notices.live_counts = self.live_counts

    async def codec(self) -> ActionCodec:
        async with self._codec_lock:
            if self._codec is None:
                async with self.uow_factory() as uow:
                    secret = await uow.app_settings.secret(SECRET_KEY_NAME)
                    await uow.commit()
                self._secret = secret
                self._codec = ActionCodec(secret)
        return self._codec

    async def post_later(self, channel: Channel, chat_id: str, reply: Reply) -> bool:
        """A reply (or what is left of it) the platform did not take (a 429, a network
        failure) after its update was recorded as handled: queued for the outbox, which
        retries it, instead of lost (a redelivered update is a duplicate, answered with
        nothing). Its choices were saved with the update: the conversation is left alone.
        False when even that failed (the database away too)."""
        try:
            async with self.uow_factory() as uow:
                await self.notices.post(uow, channel, chat_id, reply, offer=False)
                await uow.commit()
        except Exception:
            log.exception("%s: a reply to chat %s is lost", channel.value, chat_id)
            return False
        return True

    async def refresh_command_menus(self) -> None:
        """Every known officer's own command menu, queued once at start (only what changed)."""
        async with self.uow_factory() as uow:
            await command_menus.refresh_everyone(uow, self._clock.now())
            await uow.commit()

    async def signing_secret(self) -> str:
        await self.codec()
        return self._secret

    async def handle(self, incoming: Incoming) -> Outcome:
        """Handle one update. A race on a unique key (the same update delivered twice at
        once, a person's first two messages) is retried in a fresh transaction, which then
        sees the other's work: the update already handled, or the row already there."""
        codec = await self.codec()
        # The one gate every channel's update passes: texts made safe to store, names cut to
        # their columns (inbound.py), before anything reads or writes them.
        safe = inbound.cleaned(incoming)
        if safe is None:
            return Outcome(ignored=True)
        incoming = safe
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                with speaking_for({}):  # the bloc's words last as long as its update
                    return await self._handle(incoming, codec)
            except Conflict:
                if attempt == MAX_ATTEMPTS:
                    raise
                log.info("update %s raced another transaction; retrying", incoming.update_key)
        raise AssertionError("unreachable")

    async def _handle(self, incoming: Incoming, codec: ActionCodec) -> Outcome:
        if group_chatter(incoming):
            return Outcome(ignored=True)  # not for the bot: nothing read, nothing stored
        now = self._clock.now()
        async with self.uow_factory() as uow:
            channel = incoming.channel.value
            update_key = incoming.update_key
            user = (incoming.chat_id, incoming.user_id)  # their conversation read with the claim
            if update_key is not None and not await uow.updates.claim(
                channel, update_key, now, *user
            ):
                return Outcome(duplicate=True)
            identity = await members.identify(
                uow, incoming.channel, incoming.user_id, incoming.user_name
            )
            officer = await members.officer_of(uow, identity)
            # The asker's bloc speaks until a handler finds the bloc it acts in (membership).
            speak_for(await wording.asker_words(uow, officer))
            key = (channel, incoming.chat_id, incoming.user_id)
            conversation = Conversation.restore(await uow.conversations.load(*key))
            t = Translator(identity.locale or DEFAULT_LOCALE)
            fetch = self.fetchers.get(incoming.channel)
            ctx = Context(
                uow, identity, officer, t, now, conversation, self.config, fetch, self.notices,
                self.fetchers,
                self.chat_admins.get(incoming.channel),
            )  # fmt: skip
            reply, refused = await self._dispatch(incoming, ctx, codec)
            if refused:
                # A refusal undoes whatever the handler wrote: the whole transaction goes
                # (cheaper than a savepoint around every handler, as refusals are rare),
                # and the update's own bookkeeping is written again below.
                await uow.rollback()
                if update_key is not None and not await uow.updates.claim(channel, update_key, now):
                    return Outcome(duplicate=True)
                # The account as first contact made it (or its new name, its unblocking).
                await members.identify(uow, incoming.channel, incoming.user_id, incoming.user_name)
            if reply is None:
                await uow.commit()
                return Outcome(ignored=True)
            if incoming.chat_kind is ChatKind.GROUP and incoming.callback_data is not None:
                # A press in a group answers the presser in a message of its own: the pressed
                # message is everyone's and stays as it was.
                reply.new_message = True
            if incoming.channel in LINKED_FILE_CHANNELS and reply.files:
                await self._link_files(reply, ctx)
            self._remember_choices(incoming, reply, conversation, codec)
            snapshot = conversation.snapshot()
            await uow.conversations.save(*key, snapshot, now)
            await uow.commit()
        await self._prune_now_and_then(now)
        return Outcome([reply])

    async def _dispatch(
        self, incoming: Incoming, ctx: Context, codec: ActionCodec
    ) -> tuple[Reply | None, bool]:
        """The reply, and whether the handler refused (its writes are then to be undone)."""
        request, handler = self._route(incoming, ctx, codec)
        if handler is None:
            return (request if isinstance(request, Reply) or request is None else None), False
        assert isinstance(request, Request)
        try:
            return await handler(request, ctx), False
        except RefusedOnScreen as refusal:
            warning = views.errors.domain_error(ctx.t, refusal.error, request)
            screen = refusal.screen
            screen.text, screen.is_error = f"{warning.text}\n\n{screen.text}", True
            return screen, True
        except DomainError as error:
            return views.errors.domain_error(ctx.t, error, request), True

    def _route(
        self, incoming: Incoming, ctx: Context, codec: ActionCodec
    ) -> tuple[Request | Reply | None, Handler | None]:
        """The handler for this update, or a ready reply when there is none to call."""
        t = ctx.t
        if incoming.unsupported:
            group = incoming.chat_kind is ChatKind.GROUP
            return (None if group else views.errors.unsupported_message(t)), None
        if inbound.too_long(incoming):
            return views.errors.text_too_long(t, len(incoming.text), inbound.TEXT_MAX), None
        if incoming.callback_data is not None:
            try:
                action = codec.decode(incoming.callback_data)
            except ForgedAction:
                return views.errors.forged(t), None
            return self._action_route(incoming, action, ctx)
        text = incoming.text.strip()
        if text.startswith("/"):
            command, args = parse_command(text, incoming.bot_username)
            if command is None:
                return None, None  # addressed to another bot in the group
            return self._command_route(incoming, command, ctx, args)
        numbered = incoming.channel in NUMBERED_CHANNELS
        letter = choice_letter(text) if numbered and ctx.conversation.lettered else None
        if letter is not None and letter <= len(ctx.conversation.choices):
            return self._choice_route(incoming, letter, ctx, codec)
        state = ctx.conversation.state
        if state is not None and state in self._router.states:
            # The step in progress reads its own input first: "8" may be a score, not choice 8.
            return Request(incoming), self._router.states[state]
        if incoming.attachment is not None:
            return views.errors.attachment_outside(t), None
        if numbered and text == "0":  # whatever the list on screen, 0 is the way back
            return self._command_route(incoming, "menu", ctx)
        number = choice_number(text) if numbered and not ctx.conversation.lettered else None
        if number is not None and ctx.conversation.choices:
            return self._choice_route(incoming, number, ctx, codec)
        if number is not None:
            return views.errors.no_choices(t), None
        asked = commands.spoken(text)  # "chấm điểm", "bo phieu": no step reads the text
        if asked is not None and incoming.chat_kind is ChatKind.PRIVATE:
            return self._command_route(incoming, asked, ctx)
        return views.errors.unknown_text(t), None

    def _command_route(
        self, incoming: Incoming, command: str, ctx: Context, args: str = ""
    ) -> tuple[Request | Reply | None, Handler | None]:
        handler = self._router.commands.get(command)
        if handler is None:
            return views.errors.unknown_command(ctx.t, command), None
        ctx.conversation.clear()  # a command starts afresh: no step in progress reads on
        return Request(incoming, command=command, args=args), handler

    def _choice_route(
        self, incoming: Incoming, number: int, ctx: Context, codec: ActionCodec
    ) -> tuple[Request | Reply | None, Handler | None]:
        choices = ctx.conversation.choices
        if not 1 <= number <= len(choices):
            return views.errors.choice_out_of_range(ctx.t, number, len(choices)), None
        try:
            action = codec.decode(choices[number - 1])
        except ForgedAction:
            return views.errors.forged(ctx.t), None
        return self._action_route(incoming, action, ctx)

    def _action_route(
        self, incoming: Incoming, action: Action, ctx: Context
    ) -> tuple[Request | Reply | None, Handler | None]:
        """A signed button whose command or action no longer exists (renamed since the
        message was sent) is refused like any stale button."""
        t = ctx.t
        if action.name == "cmd":
            command = action.arg(0)
            handler = self._router.commands.get(command)
            if handler is None:
                return views.errors.forged(t), None
            ctx.conversation.clear()
            return Request(incoming, command=command, args=action.arg(1), action=action), handler
        handler = self._router.actions.get(action.name)
        if handler is None:
            return views.errors.forged(t), None
        return Request(incoming, action=action), handler

    async def _link_files(self, reply: Reply, ctx: Context) -> None:
        """Keep the files and put signed, expiring links in the text instead."""
        expires = ctx.now + timedelta(hours=self.config.file_link_hours)
        lines = []
        for file in reply.files:
            token = await ctx.uow.files.put(
                file.name, file.mime_type, file.content, ctx.now, expires
            )
            url = file_links.link(self.config.public_base_url, self._secret, token, expires)
            lines.append(ctx.t("file-link", name=file.name, url=url))
        lines.append(ctx.t("file-link-expiry", date=views.fmt.date_time(expires)))
        reply.text = "\n".join([reply.text, "", *lines])
        reply.files = []

    async def _prune_now_and_then(self, now: datetime) -> None:
        self._handled_since_prune += 1
        if self._handled_since_prune < PRUNE_EVERY:
            return
        self._handled_since_prune = 0
        # Housekeeping after the update's own commit: whatever befalls it, the update stays
        # handled and answered (a failure raised from here would have it retried as a
        # duplicate, its reply dropped). The next thousand updates try again.
        try:
            async with self.uow_factory() as uow:
                removed = await uow.updates.prune(now - PROCESSED_UPDATES_KEPT)
                await uow.files.prune(now)  # expired download links' files
                await uow.commit()
        except Exception as error:
            log.warning("could not forget old processed update ids: %r", error)
            return
        log.info("forgot %d processed update ids older than a week", removed)

    @staticmethod
    def _remember_choices(
        incoming: Incoming, reply: Reply, conversation: Conversation, codec: ActionCodec
    ) -> None:
        if incoming.channel not in NUMBERED_CHANNELS:
            conversation.choices = []
            return
        if not reply.is_error:
            conversation.choices = [codec.encode(button.action) for button in reply.flat_buttons()]
            conversation.lettered = reply.lettered
