"""The Telegram channel on aiogram 3: updates become Incoming, replies become messages,
inline keyboards edited in place, every button press answered."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import replace

from aiogram import Bot, Dispatcher, Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeDefault,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
    WebAppInfo,
)

from bot.actions import ActionCodec
from bot.app import BotApp
from bot.channels.telegram_session import make_bot
from bot.channels.zalo_api import split_text
from bot.dispatcher import Blocked, Outgoing, PartlySent, RetryLater, partly
from bot.i18n import Translator
from bot.request import Attachment, Button, ChatKind, Incoming, Outcome, Reply
from bot.settings import Settings
from domain.errors import StorageUnavailable
from domain.model import Channel

log = logging.getLogger(__name__)

PRIVATE_COMMANDS = (
    "menu",
    "viec",
    "chamdiem",
    "xephang",
    "khoi",
    "thamdinh",
    "moi",
    "trogiup",
    "ngonngu",
    "dangky",
    "kyket",
    "duyet",
    "chuyende",
    "binhxet",
    "hoinghi",
    "bangiao",
)
GROUP_COMMANDS = ("khoi", "xephang", "binhxet", "hoinghi", "lienket", "trogiup")
GROUP_TYPES = frozenset({"group", "supergroup"})
MESSAGE_LIMIT = 4096  # Telegram's limit for one message's text


class ReplyCutShort(Exception):
    """A reply stopped after some of it went out: `rest` is what is left to send."""

    def __init__(self, rest: Reply) -> None:
        super().__init__(rest.text[:40])
        self.rest = rest


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
    def __init__(self, app: BotApp, bot: Bot, polling_timeout: int = 25) -> None:
        self.app = app
        self.bot = bot
        self.polling_timeout = polling_timeout
        self.username: str | None = None
        # The last message with buttons in each chat: the screen a typed answer updates.
        # Kept in memory; after a restart the next screen is simply sent anew.
        self._screens: dict[int, int] = {}
        # Set in webhook mode: an update refused (HTTP 500) is delivered again by Telegram.
        self.redelivers = False
        self.dispatcher = Dispatcher()
        self.dispatcher.include_router(self._router())
        app.fetchers[Channel.TELEGRAM] = self.download

    async def download(self, attachment: Attachment) -> bytes:
        """A file a user sent (getFile, then the file itself, via TELEGRAM_API_BASE)."""
        buffer = await self.bot.download(attachment.reference)
        return buffer.read() if buffer is not None else b""

    def _router(self) -> Router:
        router = Router(name="thidua")
        router.message.register(self.on_message)
        router.callback_query.register(self.on_callback)
        return router

    async def setup(self, polling: bool = True) -> None:
        me = await self.bot.get_me()
        self.username = me.username
        if polling:  # a webhook left over would stop getUpdates; pending updates are kept
            await self.bot.delete_webhook(drop_pending_updates=False)
        for locale in ("vi", "en"):
            t = Translator(locale)
            language = None if locale == "vi" else locale
            await self.bot.set_my_commands(
                _commands(t, PRIVATE_COMMANDS), BotCommandScopeDefault(), language
            )
            await self.bot.set_my_commands(
                _commands(t, GROUP_COMMANDS), BotCommandScopeAllGroupChats(), language
            )

    async def run(self) -> None:
        await self.setup()
        log.info("telegram: polling as @%s", self.username)
        await self.dispatcher.start_polling(
            self.bot,
            polling_timeout=self.polling_timeout,
            handle_signals=False,
            allowed_updates=["message", "callback_query"],
        )

    async def stop(self) -> None:
        with contextlib.suppress(RuntimeError):  # polling had not started
            await self.dispatcher.stop_polling()

    async def on_message(self, message: Message, event_update: Update) -> None:
        if message.from_user is None or message.from_user.is_bot:
            return
        incoming = Incoming(
            channel=Channel.TELEGRAM,
            chat_id=str(message.chat.id),
            chat_kind=_kind(message.chat.type),
            user_id=str(message.from_user.id),
            user_name=message.from_user.full_name,
            text=message.text or message.caption or "",
            update_key=str(event_update.update_id),
            chat_title=message.chat.title or "",
            bot_username=self.username,
            attachment=_attachment(message),
            unsupported=_unsupported(message),
        )
        outcome = await self._handle(incoming)
        for reply in outcome.replies:
            await self._answer(message.chat.id, reply)

    async def on_callback(self, query: CallbackQuery, event_update: Update) -> None:
        message = query.message if isinstance(query.message, Message) else None
        chat = message.chat if message else None
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
        )
        outcome = await self._handle(incoming)
        if outcome.duplicate:
            # Handled before (a redelivery after a worker died before answering): answer the
            # press anyway, or the person is left with a spinner.
            with contextlib.suppress(TelegramBadRequest):
                await query.answer(Translator("vi")("press-already-handled"))
            return
        refused = any(reply.is_error for reply in outcome.replies)
        try:
            # A refusal is an alert on the press itself: the message pressed (perhaps the
            # group's shared one) stays as it was.
            await query.answer(outcome.toast or None, show_alert=refused)
        except TelegramBadRequest as error:
            log.info("telegram: could not answer a button press: %s", error.message)
        for reply in outcome.replies:
            if reply.is_error or reply.toast_only:
                continue
            editable = message is not None and not reply.new_message and not reply.files
            await self._answer(int(incoming.chat_id), reply, message if editable else None)

    # --- the outbox's sender ------------------------------------------------------------

    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        """A long text goes in parts, from the first one an earlier try did not deliver."""
        sent_id: int | None = None
        done = message.parts_sent
        try:
            if message.text:
                *before, last = split_text(message.text, MESSAGE_LIMIT)
                for part in before[done:]:
                    await self.bot.send_message(int(chat_id), part)
                    done += 1
                markup = _markup(message)
                sent_id = (
                    await self.bot.send_message(int(chat_id), last, reply_markup=markup)
                ).message_id
            for file in message.files:
                document = BufferedInputFile(file.content, filename=file.name)
                caption = file.caption or None
                sent_id = (
                    await self.bot.send_document(int(chat_id), document, caption=caption)
                ).message_id
        except TelegramRetryAfter as error:
            raise partly(message, done, RetryLater(error.retry_after)) from error
        except TelegramForbiddenError as error:
            raise Blocked() from error
        except Exception as error:
            if done > message.parts_sent:
                raise PartlySent(done, error) from error
            raise
        return None if sent_id is None else str(sent_id)

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        try:
            await self.bot.edit_message_text(
                text=message.text[:MESSAGE_LIMIT],
                chat_id=int(chat_id),
                message_id=int(message_id),
                reply_markup=_markup(message),
            )
        except TelegramRetryAfter as error:
            raise RetryLater(error.retry_after) from error
        except TelegramForbiddenError as error:
            raise Blocked() from error
        except TelegramBadRequest as error:
            if "not modified" not in error.message:
                raise

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

    async def _answer(self, chat_id: int, reply: Reply, pressed: Message | None = None) -> None:
        """A reply to an update already recorded as handled: one Telegram does not take now
        (a 429, a network failure) goes to the outbox, which retries it."""
        try:
            if pressed is not None:
                await self._edit(pressed, reply)
            else:
                await self._send(chat_id, reply)
        except ReplyCutShort as cut:
            log.warning("telegram: a reply to chat %s stopped (%r): the rest queued",
                        chat_id, cut.__cause__)  # fmt: skip
            await self.app.post_later(Channel.TELEGRAM, str(chat_id), cut.rest)
        except Exception as error:
            log.warning("telegram: a reply to chat %s was not taken (%r): queued", chat_id, error)
            await self.app.post_later(Channel.TELEGRAM, str(chat_id), reply)

    async def _send(self, chat_id: int, reply: Reply) -> None:
        codec = await self.app.codec()
        screen = self._screens.get(chat_id)
        replaceable = reply.replaces_screen and screen is not None and not reply.files
        if replaceable and screen is not None and await self._replace(chat_id, screen, reply):
            return
        parts = split_text(_text(reply), MESSAGE_LIMIT) or [""]
        texts = files = 0  # what went out, for what is left when a send fails
        try:
            *before, last = parts
            for part in before:  # a long text in parts; the buttons go with the last one
                await self.bot.send_message(chat_id, part)
                texts += 1
            sent = await self.bot.send_message(chat_id, last, reply_markup=_keyboard(reply, codec))
            texts += 1
            if reply.buttons:
                self._screens[chat_id] = sent.message_id
            for file in reply.files:
                document = BufferedInputFile(file.content, filename=file.name)
                await self.bot.send_document(chat_id, document, caption=file.caption or None)
                files += 1
        except TelegramForbiddenError:
            log.warning("telegram: chat %s blocked the bot", chat_id)
        except Exception as error:
            if texts == 0:
                raise
            rest = replace(reply, text="".join(parts[texts:]), files=reply.files[files:])
            if texts == len(parts):
                rest.buttons = []  # they went with the last part
            raise ReplyCutShort(rest) from error

    async def _replace(self, chat_id: int, message_id: int, reply: Reply) -> bool:
        text = _text(reply)
        if len(text) > MESSAGE_LIMIT:
            return False  # too long for one message: sent anew, in parts
        codec = await self.app.codec()
        try:
            await self.bot.edit_message_text(
                text=text,
                chat_id=chat_id,
                message_id=message_id,
                reply_markup=_keyboard(reply, codec),
            )
        except TelegramBadRequest as error:
            return "not modified" in error.message  # too old or deleted: send anew
        if reply.buttons:
            self._screens[chat_id] = message_id
        return True

    async def _edit(self, message: Message, reply: Reply) -> None:
        if not await self._replace(message.chat.id, message.message_id, reply):
            await self._send(message.chat.id, reply)  # too old or deleted to edit


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


def _kind(chat_type: str) -> ChatKind:
    return ChatKind.GROUP if chat_type in GROUP_TYPES else ChatKind.PRIVATE


def _mini_app(button: Button) -> bool:
    """Telegram opens only HTTPS pages as Mini Apps; a page on a plain-HTTP server (a trial
    on one's own machine) is offered as a link in the text instead."""
    return button.web_url is not None and button.web_url.startswith("https://")


def _text(reply: Reply) -> str:
    links = [b for b in reply.web_pages() if not _mini_app(b)]
    lines = [f"{b.label}: {b.web_url}" for b in links]
    return "\n\n".join([reply.text, "\n".join(lines)]) if lines else reply.text


def _button(button: Button, codec: ActionCodec) -> InlineKeyboardButton:
    if _mini_app(button):
        return InlineKeyboardButton(text=button.label, web_app=WebAppInfo(url=button.web_url or ""))
    return InlineKeyboardButton(text=button.label, callback_data=codec.encode(button.action))


def _keyboard(reply: Reply, codec: ActionCodec) -> InlineKeyboardMarkup | None:
    rows = [
        [_button(button, codec) for button in row if not button.is_web_page or _mini_app(button)]
        for row in reply.buttons
    ]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def _markup(message: Outgoing) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    rows = [
        [InlineKeyboardButton(text=label, callback_data=data) for label, data in row]
        for row in message.buttons
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _commands(t: Translator, names: tuple[str, ...]) -> list[BotCommand]:
    return [BotCommand(command=name, description=t(f"cmd-{name}")) for name in names]
