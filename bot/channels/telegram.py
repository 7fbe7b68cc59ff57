"""The Telegram channel on aiogram 3: updates become Incoming, replies become messages,
inline keyboards edited in place, every button press answered in time (within Telegram's
deadline, however long its handler takes), replies in the forum topic they answer, and the
bot's own membership of groups followed (my_chat_member, an upgrade to a supergroup)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiogram import Bot, Dispatcher, Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    CallbackQuery,
    ChatMemberUpdated,
    Message,
    Update,
)

from bot import chat_events, commands
from bot.app import BotApp
from bot.channels import telegram_outbox
from bot.channels.telegram_outbox import MESSAGE_LIMIT as MESSAGE_LIMIT
from bot.channels.telegram_replies import Replies
from bot.channels.telegram_session import make_bot
from bot.command_menus import menu_of
from bot.dispatcher import Outgoing
from bot.i18n import Translator
from bot.request import Attachment, ChatKind, Incoming, Outcome, Reply
from bot.settings import Settings
from domain.errors import StorageUnavailable
from domain.model import Channel
from imports.limits import too_large

log = logging.getLogger(__name__)

GROUP_TYPES = frozenset({"group", "supergroup"})
DOWNLOAD_CHUNK = 64 * 1024
# my_chat_member: the bot added to, or removed from, a group (or blocked by a person).
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
# Seconds a press waits for its handler before it is answered anyway: Telegram shows a
# spinner until then, and drops an answer that comes after its deadline (about 15 s).
ANSWER_GRACE = 2.0
GONE = frozenset({"left", "kicked"})


async def resolve_username(settings: Settings) -> str | None:
    """The bot's @username for deep links: configured, or asked of the Bot API."""
    if settings.telegram_bot_username:
        return settings.telegram_bot_username
    if not settings.telegram_bot_token:
        return None
    bot = make_bot(settings.telegram_bot_token.get_secret_value(), settings.telegram_api_base)
    try:
        return (await bot.get_me()).username
    finally:
        await bot.session.close()


class TelegramChannel:
    def __init__(
        self, app: BotApp, bot: Bot, polling_timeout: int = 25, answer_grace: float = ANSWER_GRACE
    ) -> None:
        self.app = app
        self.bot = bot
        self.polling_timeout = polling_timeout
        self.answer_grace = answer_grace
        self.username: str | None = None
        self.replies = Replies(app, bot)
        # Set in webhook mode: an update refused (HTTP 500) is delivered again by Telegram.
        self.redelivers = False
        # Where a person is in a conversation lives in the database (bot/context.py), so
        # aiogram's own state machine, a middleware on every update, is left out.
        self.dispatcher = Dispatcher(disable_fsm=True)
        self.dispatcher.include_router(self._router())
        app.fetchers[Channel.TELEGRAM] = self.download
        app.chat_admins[Channel.TELEGRAM] = self.administers

    async def download(self, attachment: Attachment, limit: int) -> bytes:
        """A file a user sent (getFile, then the file itself, via TELEGRAM_API_BASE), at most
        `limit` bytes: the sizes the message and getFile declare are only an early refusal,
        the bytes are counted as they arrive and the download stops past the limit."""
        file = await self.bot.get_file(attachment.reference)
        if (file.file_size or 0) > limit:
            raise too_large(limit)
        if not file.file_path:
            return b""
        url = self.bot.session.api.file_url(self.bot.token, file.file_path)
        content = bytearray()
        stream = self.bot.session.stream_content(url, chunk_size=DOWNLOAD_CHUNK)
        async with contextlib.aclosing(stream) as chunks:
            async for chunk in chunks:
                content += chunk
                if len(content) > limit:
                    raise too_large(limit)
        return bytes(content)

    async def administers(self, chat_id: str, user_id: str) -> bool:
        """Whether the person administers the group, as the group itself says."""
        try:
            member = await self.bot.get_chat_member(int(chat_id), int(user_id))
        except (TelegramBadRequest, TelegramForbiddenError, ValueError):
            return False
        return member.status in ("creator", "administrator")

    def _router(self) -> Router:
        router = Router(name="thidua")
        router.message.register(self.on_message)
        router.callback_query.register(self.on_callback)
        router.my_chat_member.register(self.on_membership)
        return router

    async def setup(self, polling: bool = True) -> None:
        me = await self.bot.get_me()
        self.username = me.username
        if polling:  # a webhook left over would stop getUpdates; pending updates are kept
            await self.bot.delete_webhook(drop_pending_updates=False)
        # Everyone gets what every unit officer may use; each known person their own menu,
        # for their chat, through the outbox (bot/command_menus.py).
        group = [command.name for command in commands.COMMANDS if command.group]
        for locale in ("vi", "en"):
            t = Translator(locale)
            language = None if locale == "vi" else locale
            await self.bot.set_my_commands(
                _commands(menu_of(t, commands.EVERY_OFFICER)), BotCommandScopeDefault(),
                language,
            )  # fmt: skip
            await self.bot.set_my_commands(
                _commands([(name, t(f"cmd-{name}")) for name in group]),
                BotCommandScopeAllGroupChats(),
                language,
            )
        try:
            await self.app.refresh_command_menus()
        except Exception as error:  # never a reason not to start: /menu and joins set them too
            log.warning("telegram: the officers' own command menus were not queued: %r", error)

    async def run(self) -> None:
        await self.setup()
        log.info("telegram: polling as @%s", self.username)
        await self.dispatcher.start_polling(
            self.bot,
            polling_timeout=self.polling_timeout,
            handle_signals=False,
            allowed_updates=ALLOWED_UPDATES,
        )

    async def stop(self) -> None:
        with contextlib.suppress(RuntimeError):  # polling had not started
            await self.dispatcher.stop_polling()

    async def on_message(self, message: Message, event_update: Update) -> None:
        if message.migrate_to_chat_id:  # the group became a supergroup, with a new id
            old, new = str(message.chat.id), str(message.migrate_to_chat_id)
            await self._chat_change(
                event_update,
                lambda uow, now: chat_events.apply_moved(uow, Channel.TELEGRAM, old, new, now),
            )
            return
        anonymous = _by_the_group(message)
        sender = message.from_user
        if sender is None or (sender.is_bot and not anonymous):
            return
        incoming = Incoming(
            channel=Channel.TELEGRAM,
            chat_id=str(message.chat.id),
            chat_kind=_kind(message.chat.type),
            user_id=str(sender.id),
            user_name=(message.author_signature or message.chat.title or "")
            if anonymous
            else sender.full_name,
            text=message.text or message.caption or "",
            update_key=str(event_update.update_id),
            chat_title=message.chat.title or "",
            bot_username=self.username,
            attachment=_attachment(message),
            unsupported=_unsupported(message),
            thread_id=_topic(message),
            sender_is_chat=anonymous,
        )
        outcome = await self._handle(incoming)
        for reply in outcome.replies:
            await self._answer(message.chat.id, reply, thread=_topic(message))

    async def on_callback(self, query: CallbackQuery, event_update: Update) -> None:
        # A press on a message too old for the bot comes with an InaccessibleMessage: no
        # text to edit, but still its chat, where the answer goes.
        message = query.message if isinstance(query.message, Message) else None
        chat = query.message.chat if query.message is not None else None
        thread = _topic(message)
        incoming = Incoming(
            channel=Channel.TELEGRAM,
            chat_id=str(chat.id if chat else query.from_user.id),
            chat_kind=_kind(chat.type if chat else "private"),
            user_id=str(query.from_user.id),
            user_name=query.from_user.full_name,
            callback_data=query.data or "",
            update_key=str(event_update.update_id),
            chat_title=chat.title or "" if chat else "",
            bot_username=self.username,
            thread_id=thread,
        )
        handling = asyncio.ensure_future(self._handle(incoming))
        answered = False
        try:
            if not (await asyncio.wait({handling}, timeout=self.answer_grace))[0]:
                # Slow (a report, a busy database): the spinner stops now, what the handler
                # says comes after, as an edit or a message.
                answered = await self._answer_press(query)
            outcome = await handling
        finally:
            handling.cancel()  # only when this press itself was cancelled midway
        if outcome.duplicate:
            # Handled before (a redelivery after a worker died before answering): answer the
            # press anyway, or the person is left with a spinner.
            if not answered:
                await self._answer_press(query, Translator("vi")("press-already-handled"))
            return
        refused = any(reply.is_error for reply in outcome.replies)
        if not answered:
            # A refusal is an alert on the press itself: the message pressed (perhaps the
            # group's shared one) stays as it was.
            await self._answer_press(query, outcome.toast, alert=refused)
        for reply in outcome.replies:
            if reply.is_error or reply.toast_only:
                if answered:
                    await self._too_late_for_the_press(query, reply)
                continue
            editable = message is not None and not reply.new_message and not reply.files
            await self._answer(
                int(incoming.chat_id), reply, message if editable else None, thread=thread
            )

    async def _too_late_for_the_press(self, query: CallbackQuery, reply: Reply) -> None:
        """The press was answered before its handler finished: what would have been its
        alert (a refusal) or its toast (a vote's receipt) is not lost but sent as a message,
        to the presser alone, as the alert or toast would have been shown."""
        text = reply.text if reply.is_error else reply.toast
        if text:
            await self._answer(query.from_user.id, Reply(text, new_message=True))

    async def on_membership(self, change: ChatMemberUpdated, event_update: Update) -> None:
        """The bot's own membership changed: removed from a group (or left it), the group's
        binding goes at once; a person who blocked the bot is marked as such."""
        status = change.new_chat_member.status
        if status not in GONE:
            return
        chat_id = str(change.chat.id)
        if change.chat.type in GROUP_TYPES:
            gone = chat_events.apply_gone
        elif status == "kicked":
            gone = chat_events.apply_blocked
        else:
            return
        await self._chat_change(
            event_update, lambda uow, now: gone(uow, Channel.TELEGRAM, chat_id, now)
        )

    async def _chat_change(self, update: Update, change: chat_events.Change) -> None:
        await chat_events.once(
            self.app.uow_factory, self.app.notices.now(), Channel.TELEGRAM,
            str(update.update_id), change,
        )  # fmt: skip

    async def _answer_press(
        self, query: CallbackQuery, text: str | None = None, alert: bool = False
    ) -> bool:
        """False when Telegram did not take it (too late, the network): what the handler
        says still goes out, and its own work is never undone for it."""
        try:
            await query.answer(text or None, show_alert=alert)
        except Exception as error:
            log.info("telegram: could not answer a button press: %r", error)
            return False
        return True

    # --- the outbox's sender ------------------------------------------------------------

    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        sent = await telegram_outbox.deliver(self.bot, chat_id, message)
        if sent is not None:
            self.replies.sent(int(chat_id), int(sent))  # a notice under the screen
        return sent

    async def set_commands(self, chat_id: str, commands: list[tuple[str, str]]) -> None:
        """The person's own command menu, for their private chat (BotCommandScopeChat)."""
        try:
            scope = BotCommandScopeChat(chat_id=int(chat_id))
            await self.bot.set_my_commands(_commands(commands), scope)
        except (TelegramRetryAfter, TelegramForbiddenError) as error:
            raise telegram_outbox.refusal(error) from error

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        await telegram_outbox.amend(self.bot, chat_id, message_id, message)

    async def _handle(self, incoming: Incoming) -> Outcome:
        """A failure inside is logged and answered, never left as a silent spinner; its
        transaction was rolled back, so nothing already recorded changed. With the database
        out of reach, an update posted to the webhook is refused instead, for Telegram to
        deliver again; a polled one is answered with a request to try again shortly."""
        try:
            return await self.app.handle(incoming)
        except StorageUnavailable:
            if self.redelivers:
                raise
            log.warning("telegram: update %s: the database is unreachable", incoming.update_key)
            text = Translator("vi")("error-unavailable")
            return Outcome([Reply(f"⚠️ {text}", toast=text, is_error=True, new_message=True)])
        except Exception:
            log.exception("telegram: update %s failed", incoming.update_key)
            text = Translator("vi")("error-generic")
            return Outcome([Reply(f"⚠️ {text}", toast=text, is_error=True, new_message=True)])

    async def _answer(
        self,
        chat_id: int,
        reply: Reply,
        pressed: Message | None = None,
        thread: str | None = None,
    ) -> None:
        await self.replies.answer(chat_id, reply, pressed, thread)


def _attachment(message: Message) -> Attachment | None:
    if message.photo:
        photo = message.photo[-1]  # the largest size Telegram made
        return Attachment("photo", photo.file_id, "photo.jpg", photo.file_size or 0, "image/jpeg")
    if message.document:
        doc = message.document
        return Attachment(
            "document", doc.file_id, doc.file_name or "", doc.file_size or 0, doc.mime_type or ""
        )
    return None


def _unsupported(message: Message) -> bool:
    """Stickers, voice, video and the like: nothing the bot can read or keep."""
    return not (message.text or message.caption or message.photo or message.document)


def _topic(message: Message | None) -> str | None:
    """The forum topic a message is in (a reply thread in an ordinary group is not one)."""
    if message is None or not message.is_topic_message or message.message_thread_id is None:
        return None
    return str(message.message_thread_id)


def _by_the_group(message: Message) -> bool:
    """Posted by an administrator who stays anonymous: signed by the group itself."""
    return message.sender_chat is not None and message.sender_chat.id == message.chat.id


def _kind(chat_type: str) -> ChatKind:
    return ChatKind.GROUP if chat_type in GROUP_TYPES else ChatKind.PRIVATE


def _commands(menu: list[tuple[str, str]]) -> list[BotCommand]:
    return [BotCommand(command=name, description=text) for name, text in menu]
