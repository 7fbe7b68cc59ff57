"""The fake Bot API server, exercised through the real aiogram client stack."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio
from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.filters import CommandStart
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    TelegramObject,
)

from tests.fakes.telegram_server import FakeTelegramServer

TOKEN = "42:TEST-TOKEN"
CHAT_ID = 1001
USER_ID = 1001


@pytest_asyncio.fixture
async def server() -> AsyncIterator[FakeTelegramServer]:
    async with FakeTelegramServer() as fake:
        yield fake


@pytest_asyncio.fixture
async def bot(server: FakeTelegramServer) -> AsyncIterator[Bot]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(server.base_url))
    telegram_bot = Bot(TOKEN, session=session)
    yield telegram_bot
    await telegram_bot.session.close()


def _keyboard(*labels: str) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(text=label, callback_data=label) for label in labels]
    return InlineKeyboardMarkup(inline_keyboard=[buttons])


def _dump(value: TelegramObject | list[BotCommand] | None) -> object:
    # aiogram objects carry a bound Bot, so compare their plain data instead.
    if isinstance(value, list):
        return [item.model_dump(exclude_none=True) for item in value]
    return None if value is None else value.model_dump(exclude_none=True)


@pytest.mark.asyncio
async def test_server_binds_to_loopback(server: FakeTelegramServer) -> None:
    assert server.base_url.startswith("http://127.0.0.1:")
    assert server.port > 0


@pytest.mark.asyncio
async def test_get_me_returns_configured_username(server: FakeTelegramServer, bot: Bot) -> None:
    me = await bot.get_me()

    assert me.username == "thidua_test_bot"
    assert me.id == 42
    assert me.is_bot
    assert me.can_join_groups is True
    assert me.can_read_all_group_messages is False
    assert server.tokens == {TOKEN}
    assert server.calls_of("getMe")[0].token == TOKEN


@pytest.mark.asyncio
async def test_send_message_records_decoded_inline_keyboard(
    server: FakeTelegramServer, bot: Bot
) -> None:
    sent = await bot.send_message(CHAT_ID, "Chọn khối", reply_markup=_keyboard("a", "b"))

    call = server.calls_of("sendMessage")[0]
    assert call.params["chat_id"] == CHAT_ID
    assert call.params["text"] == "Chọn khối"
    assert call.params["reply_markup"] == {
        "inline_keyboard": [
            [{"text": "a", "callback_data": "a"}, {"text": "b", "callback_data": "b"}]
        ]
    }
    assert sent.message_id == 1
    assert sent.chat.id == CHAT_ID
    assert sent.from_user is not None and sent.from_user.id == 42
    assert _dump(sent.reply_markup) == _dump(_keyboard("a", "b"))
    second = await bot.send_message(CHAT_ID, "Tiếp")
    assert second.message_id == 2
    assert [message.text for message in server.sent_messages(CHAT_ID)] == ["Chọn khối", "Tiếp"]


@pytest.mark.asyncio
async def test_edit_message_text_changes_stored_text(server: FakeTelegramServer, bot: Bot) -> None:
    sent = await bot.send_message(CHAT_ID, "Trước", reply_markup=_keyboard("x"))

    edited = await bot.edit_message_text(
        "Sau", chat_id=CHAT_ID, message_id=sent.message_id, reply_markup=_keyboard("y")
    )

    assert isinstance(edited, Message)
    assert edited.text == "Sau"
    stored = server.messages[(CHAT_ID, sent.message_id)]
    assert stored.text == "Sau"
    assert stored.reply_markup == {"inline_keyboard": [[{"text": "y", "callback_data": "y"}]]}
    assert [revision.text for revision in stored.history] == ["Trước"]
    assert server.sent_messages(CHAT_ID)[0].text == "Sau"


@pytest.mark.asyncio
async def test_edit_errors_match_telegram(server: FakeTelegramServer, bot: Bot) -> None:
    sent = await bot.send_message(CHAT_ID, "Giữ nguyên", reply_markup=_keyboard("x"))

    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            "Giữ nguyên", chat_id=CHAT_ID, message_id=sent.message_id, reply_markup=_keyboard("x")
        )
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("Mới", chat_id=CHAT_ID, message_id=999)

    # Without reply_markup Telegram drops the keyboard, so the edit is a real change.
    await bot.edit_message_text("Giữ nguyên", chat_id=CHAT_ID, message_id=sent.message_id)
    assert server.messages[(CHAT_ID, sent.message_id)].reply_markup is None


@pytest.mark.asyncio
async def test_get_updates_honours_offset_and_redeliver(
    server: FakeTelegramServer, bot: Bot
) -> None:
    first_id = server.user_message(CHAT_ID, USER_ID, "/start", username="an")

    updates = await bot.get_updates(timeout=0)
    assert [update.update_id for update in updates] == [first_id]
    message = updates[0].message
    assert message is not None and message.text == "/start"
    assert message.from_user is not None and message.from_user.username == "an"
    assert message.entities is not None
    assert (message.entities[0].type, message.entities[0].length) == ("bot_command", 6)

    # Unconfirmed updates come back; an offset past them confirms them.
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == [first_id]
    assert await bot.get_updates(offset=first_id + 1, timeout=0) == []

    server.redeliver(first_id)
    again = await bot.get_updates(offset=first_id + 1, timeout=0)
    assert [update.update_id for update in again] == [first_id]
    assert await bot.get_updates(offset=first_id + 1, timeout=0) == []


@pytest.mark.asyncio
async def test_get_updates_long_poll_waits_for_new_update(
    server: FakeTelegramServer, bot: Bot
) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == []
    assert time.monotonic() - started >= 0.9

    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.1)
    update_id = server.user_message(CHAT_ID, USER_ID, "xin chào")
    updates = await asyncio.wait_for(poll, timeout=2)
    assert [update.update_id for update in updates] == [update_id]


@pytest.mark.asyncio
async def test_start_polling_answers_pushed_message(server: FakeTelegramServer, bot: Bot) -> None:
    router = Router()

    @router.message(CommandStart())
    async def greet(message: Message) -> None:
        await message.answer(
            f"Xin chào {message.from_user.first_name if message.from_user else ''}"
        )

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    polling = asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, polling_timeout=10)
    )
    server.user_message(CHAT_ID, USER_ID, "/start", first_name="Lan")

    reply = await server.wait_for("sendMessage", timeout=5)
    assert reply.params == {"chat_id": CHAT_ID, "text": "Xin chào Lan"}

    stopping_started = time.monotonic()
    await dispatcher.stop_polling()
    await asyncio.wait_for(polling, timeout=2)
    assert time.monotonic() - stopping_started < 2
    assert len(server.calls_of("sendMessage")) == 1


@pytest.mark.asyncio
async def test_answer_callback_query_is_recorded(server: FakeTelegramServer, bot: Bot) -> None:
    sent = await bot.send_message(CHAT_ID, "Duyệt?", reply_markup=_keyboard("ok"))
    update_id = server.user_callback(CHAT_ID, USER_ID, sent.message_id, "ok")

    (update,) = await bot.get_updates(timeout=0)
    assert update.update_id == update_id
    query = update.callback_query
    assert query is not None and query.data == "ok"
    assert isinstance(query.message, Message)
    assert query.message.text == "Duyệt?"
    assert _dump(query.message.reply_markup) == _dump(_keyboard("ok"))

    assert await bot.answer_callback_query(query.id, text="Đã duyệt") is True
    call = server.calls_of("answerCallbackQuery")[0]
    assert call.params == {"callback_query_id": query.id, "text": "Đã duyệt"}
    assert server.callback_answers[query.id]["text"] == "Đã duyệt"
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query.id)


@pytest.mark.asyncio
async def test_fail_next_with_retry_after_raises_telegram_retry_after(
    server: FakeTelegramServer, bot: Bot
) -> None:
    server.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)

    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(CHAT_ID, "lần 1")
    assert caught.value.retry_after == 7

    sent = await bot.send_message(CHAT_ID, "lần 2")
    assert sent.text == "lần 2"
    assert [call.status for call in server.calls_of("sendMessage")] == [429, 200]


@pytest.mark.asyncio
async def test_blocked_chat_answers_forbidden(server: FakeTelegramServer, bot: Bot) -> None:
    server.block_chat(CHAT_ID)

    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(CHAT_ID, "xin chào")
    assert server.sent_messages() == []


@pytest.mark.asyncio
async def test_send_document_records_filename_and_bytes(
    server: FakeTelegramServer, bot: Bot
) -> None:
    content = "Khối,Điểm\nA,10\n".encode()
    document = BufferedInputFile(content, filename="bang-diem.csv")

    sent = await bot.send_document(CHAT_ID, document, caption="Bảng điểm")

    assert sent.document is not None
    assert sent.document.file_name == "bang-diem.csv"
    assert sent.caption == "Bảng điểm"
    call = server.calls_of("sendDocument")[0]
    upload = call.upload("document")
    assert upload is not None
    assert (upload.filename, upload.content) == ("bang-diem.csv", content)
    assert call.params["caption"] == "Bảng điểm"
    stored = server.last_sent(CHAT_ID)
    assert stored is not None and stored.upload == upload
    assert server.files[sent.document.file_id] == upload


@pytest.mark.asyncio
async def test_my_commands_are_stored_per_scope(server: FakeTelegramServer, bot: Bot) -> None:
    private = [BotCommand(command="start", description="Bắt đầu")]
    groups = [BotCommand(command="bangdiem", description="Bảng điểm")]

    await bot.set_my_commands(private)
    await bot.set_my_commands(groups, scope=BotCommandScopeAllGroupChats())

    assert _dump(await bot.get_my_commands()) == _dump(private)
    assert _dump(await bot.get_my_commands(scope=BotCommandScopeAllGroupChats())) == _dump(groups)
    assert await bot.get_my_commands(language_code="vi") == []


@pytest.mark.asyncio
async def test_a_chats_own_commands_are_stored_under_its_scope(
    server: FakeTelegramServer, bot: Bot
) -> None:
    mine = [BotCommand(command="thamdinh", description="Thẩm định bảng điểm")]

    await bot.set_my_commands(mine, scope=BotCommandScopeChat(chat_id=CHAT_ID))

    assert _dump(await bot.get_my_commands(scope=BotCommandScopeChat(chat_id=CHAT_ID))) == _dump(
        mine
    )
    assert server.chat_commands(CHAT_ID) == [
        {"command": "thamdinh", "description": "Thẩm định bảng điểm"}
    ]
    assert server.chat_commands(CHAT_ID + 1) is None
    assert await bot.get_my_commands() == []  # the default scope is another list
    [call] = server.calls_of("setMyCommands")
    assert call.params["scope"] == {"type": "chat", "chat_id": CHAT_ID}


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("commands", "scope", "error"),
    [
        ([{"command": "Menu", "description": "x"}], None, "BOT_COMMAND_INVALID"),
        ([{"command": "m" * 33, "description": "x"}], None, "BOT_COMMAND_INVALID"),
        ([{"command": "menu", "description": ""}], None, "BOT_COMMAND_DESCRIPTION_INVALID"),
        ([{"command": "menu", "description": "x" * 257}], None, "BOT_COMMAND_DESCRIPTION_INVALID"),
        ([{"command": f"c{n}", "description": "x"} for n in range(101)], None, "too many"),
        ([], {"type": "chat"}, "wrong fields"),
        ([], {"type": "chat_member", "chat_id": 5}, "wrong fields"),
        ([], {"type": "private"}, "unsupported bot command scope type"),
    ],
)
async def test_command_lists_the_bot_api_refuses(
    server: FakeTelegramServer,
    commands: list[dict[str, str]],
    scope: dict[str, object] | None,
    error: str,
) -> None:
    body: dict[str, object] = {"commands": commands} | ({"scope": scope} if scope else {})
    async with aiohttp.ClientSession() as http:
        url = f"{server.base_url}/bot{TOKEN}/setMyCommands"
        async with http.post(url, json=body) as resp:
            assert resp.status == 400
            assert error in (await resp.json())["description"]
    assert server.commands == {}


@pytest.mark.asyncio
async def test_raw_http_json_form_and_unknown_method(server: FakeTelegramServer) -> None:
    async with aiohttp.ClientSession() as http:
        url = f"{server.base_url}/bot{TOKEN}"
        async with http.post(f"{url}/sendMessage", json={"chat_id": 5, "text": "json"}) as resp:
            assert resp.status == 200
            assert (await resp.json())["result"]["text"] == "json"
        form = {"chat_id": "5", "text": "123", "disable_notification": "true"}
        async with http.post(f"{url}/sendMessage", data=form) as resp:
            assert resp.status == 200
        async with http.post(f"{url}/noSuchMethod") as resp:
            assert resp.status == 404
            assert await resp.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found: method not found",
            }

    form_call = server.calls_of("sendMessage")[1]
    assert form_call.params == {"chat_id": 5, "text": "123", "disable_notification": True}


@pytest.mark.asyncio
async def test_stop_releases_pending_long_poll(server: FakeTelegramServer, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.sleep(0.1)

    started = time.monotonic()
    await server.stop()

    assert await asyncio.wait_for(poll, timeout=2) == []
    assert time.monotonic() - started < 2
