"""Replies to the update being handled: sent in the forum topic it came from, a long text in
parts, a screen (the chat's last message with buttons) updated in place for a typed answer,
and what Telegram does not take now queued for the outbox."""

from __future__ import annotations

import logging
from dataclasses import replace

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message, WebAppInfo

from bot.actions import ActionCodec
from bot.app import BotApp
from bot.channels.telegram_outbox import MESSAGE_LIMIT, Topic
from bot.channels.zalo_api import split_text
from bot.request import Button, Reply
from domain.model import Channel

log = logging.getLogger(__name__)


class ReplyCutShort(Exception):
    """A reply stopped after some of it went out: `rest` is what is left to send."""

    def __init__(self, rest: Reply) -> None:
        super().__init__(rest.text[:40])
        self.rest = rest


class Replies:
    def __init__(self, app: BotApp, bot: Bot) -> None:
        self.app = app
        self.bot = bot
        # The last message with buttons in each chat: the screen a typed answer updates, as
        # long as it is the bot's newest message there (`_latest`). Kept in memory; after a
        # restart the next screen is simply sent anew.
        self._screens: dict[int, int] = {}
        self._latest: dict[int, int] = {}

    def sent(self, chat_id: int, message_id: int) -> None:
        """The bot's newest message in the chat (a notice under the screen, say)."""
        self._latest[chat_id] = message_id

    async def answer(
        self,
        chat_id: int,
        reply: Reply,
        pressed: Message | None = None,
        thread: str | None = None,
    ) -> None:
        """A reply to an update already recorded as handled: one Telegram does not take now
        (a 429, a network failure) goes to the outbox, which retries it. `thread`: the forum
        topic the update came from, where the reply goes."""
        try:
            if pressed is not None:
                await self._edit(pressed, reply, thread)
            else:
                await self.send(chat_id, reply, thread)
        except ReplyCutShort as cut:
            log.warning("telegram: a reply to chat %s stopped (%r): the rest queued",
                        chat_id, cut.__cause__)  # fmt: skip
            await self.app.post_later(Channel.TELEGRAM, str(chat_id), cut.rest)
        except Exception as error:
            log.warning("telegram: a reply to chat %s was not taken (%r): queued", chat_id, error)
            await self.app.post_later(Channel.TELEGRAM, str(chat_id), reply)

    async def send(self, chat_id: int, reply: Reply, thread: str | None = None) -> None:
        codec = await self.app.codec()
        screen = self._screens.get(chat_id)
        # Only the bot's newest message is updated: the chat always ends with the current
        # screen, never with a warning or a notice under an older one.
        newest = screen is not None and screen == self._latest.get(chat_id)
        replaceable = reply.replaces_screen and newest and not reply.files
        if replaceable and screen is not None and await self._replace(chat_id, screen, reply):
            return
        topic = Topic(self.bot, chat_id, int(thread) if thread else None)
        parts = split_text(_text(reply), MESSAGE_LIMIT) or [""]
        texts = files = 0  # what went out, for what is left when a send fails
        try:
            *before, last = parts
            for part in before:  # a long text in parts; the buttons go with the last one
                await topic.send_text(part)
                texts += 1
            sent = await topic.send_text(last, _keyboard(reply, codec))
            texts += 1
            self._latest[chat_id] = sent.message_id
            if reply.buttons:
                self._screens[chat_id] = sent.message_id
            for file in reply.files:
                self._latest[chat_id] = (await topic.send_file(file)).message_id
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

    async def _edit(self, message: Message, reply: Reply, thread: str | None) -> None:
        if not await self._replace(message.chat.id, message.message_id, reply):
            await self.send(message.chat.id, reply, thread)  # too old or deleted to edit


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
