"""The Telegram channel as the outbox's sender: what goes out (a long text in parts, files,
the group's forum topic) and what each of Telegram's refusals means for the outbox.

Refusals, as the Bot API words them: 429 with `retry_after` (wait); 400 with
`migrate_to_chat_id` (the group became a supergroup with that id: send there); 403 "bot was
blocked by the user" (the person blocked the bot), "bot was kicked from the (super)group
chat", "bot is not a member of the ... chat", "the group chat was deleted" (the bot is out of
the group), "bot can't initiate conversation with a user" (a person who never opened a chat
with the bot: not a block); 400 "message thread not found" (the topic is gone: the group's
General topic instead)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramRetryAfter,
)
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.channels.zalo_api import split_text
from bot.dispatcher import (
    Blocked,
    ChatMoved,
    GroupGone,
    NotStarted,
    Outgoing,
    PartlySent,
    RetryLater,
    partly,
)
from bot.request import File

MESSAGE_LIMIT = 4096  # Telegram's limit for one message's text


async def deliver(bot: Bot, chat_id: str, message: Outgoing) -> str | None:
    """A long text goes in parts, then the files, from the first one an earlier try did not
    deliver; each one delivered but the last is told to the outbox at once."""
    topic = Topic(bot, int(chat_id), int(message.thread_id) if message.thread_id else None)
    texts = split_text(message.text, MESSAGE_LIMIT) if message.text else []
    steps: list[Callable[[], Awaitable[Message]]] = [
        partial(topic.send_text, part) for part in texts[:-1]
    ]
    if texts:
        steps.append(partial(topic.send_text, texts[-1], _markup(message)))
    steps += [partial(topic.send_file, file) for file in message.files]
    sent_id: int | None = None
    done = message.parts_sent
    try:
        for step in steps[done:]:
            sent_id = (await step()).message_id
            done += 1
            if done < len(steps):
                await message.part_delivered(done)
    except (TelegramRetryAfter, TelegramMigrateToChat, TelegramForbiddenError) as error:
        raise partly(message, done, refusal(error)) from error
    except Exception as error:
        if done > message.parts_sent:
            raise PartlySent(done, error) from error
        raise
    return None if sent_id is None else str(sent_id)


async def amend(bot: Bot, chat_id: str, message_id: str, message: Outgoing) -> None:
    try:
        await bot.edit_message_text(
            text=message.text[:MESSAGE_LIMIT],
            chat_id=int(chat_id),
            message_id=int(message_id),
            reply_markup=_markup(message),
        )
    except (TelegramRetryAfter, TelegramMigrateToChat, TelegramForbiddenError) as error:
        raise refusal(error) from error
    except TelegramBadRequest as error:
        if "not modified" not in error.message:
            raise


def refusal(error: Exception) -> Exception:
    """What a refusal means to the outbox."""
    if isinstance(error, TelegramRetryAfter):
        return RetryLater(error.retry_after)
    if isinstance(error, TelegramMigrateToChat):
        return ChatMoved(str(error.migrate_to_chat_id))
    text = str(getattr(error, "message", error)).lower()
    if "can't initiate conversation" in text:
        return NotStarted()
    if any(sign in text for sign in ("kicked from the", "not a member of the", "chat was deleted")):
        return GroupGone()
    return Blocked()


class Topic:
    """Sends to a chat, in a forum topic when there is one; a topic since deleted leaves
    the group's General topic (400 "message thread not found")."""

    def __init__(self, bot: Bot, chat_id: int, thread_id: int | None) -> None:
        self.bot, self.chat_id, self.thread_id = bot, chat_id, thread_id

    async def send_text(self, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
        return await self._in_topic(
            lambda thread: self.bot.send_message(
                self.chat_id, text, reply_markup=markup, message_thread_id=thread
            )
        )

    async def send_file(self, file: File) -> Message:
        document = BufferedInputFile(file.content, filename=file.name)
        return await self._in_topic(
            lambda thread: self.bot.send_document(
                self.chat_id, document, caption=file.caption or None, message_thread_id=thread
            )
        )

    async def _in_topic(self, send: Callable[[int | None], Awaitable[Message]]) -> Message:
        try:
            return await send(self.thread_id)
        except TelegramBadRequest as error:
            if self.thread_id is None or "thread not found" not in error.message:
                raise
            return await send(None)


def _markup(message: Outgoing) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    rows = [
        [InlineKeyboardButton(text=label, callback_data=data) for label, data in row]
        for row in message.buttons
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)
