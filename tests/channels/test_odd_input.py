"""Odd input at the webhooks, as an attacker (or a broken client) would post it: JSON nested
thousands deep and non-finite numbers are a 400, not a 500; names and texts with NUL, lone
surrogates and control characters, or longer than their columns, are cleaned or refused
with the limit named before they reach the database. Run on PostgreSQL too
(TEST_DATABASE=postgresql), which refuses NUL and over-long text outright."""

# ruff: noqa: F811 - the tests take test_webhooks' `stack` fixture by its name

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.channels.telegram_webhook import TELEGRAM_HEADER, TELEGRAM_PATH
from bot.runtime import Runtime
from bot.webhooks import ZALO_HEADER, ZALO_PATH
from domain.model import Channel
from tests.channels.test_webhooks import (
    SECRET,
    Stack,
    post,
    stack,  # noqa: F401
    telegram_update,
    zalo_update,
)
from tests.fakes.telegram_server import FakeTelegramServer

HEADERS = {TELEGRAM_PATH: {TELEGRAM_HEADER: SECRET}, ZALO_PATH: {ZALO_HEADER: SECRET}}
JSON = {"Content-Type": "application/json"}
NUL, LONE = "\x00", "\ud800"


async def stored_name(runtime: Runtime, channel: Channel, external_id: str) -> str | None:
    async with runtime.uow() as uow:
        identity = await uow.people.identity(channel, external_id)
    return identity.display_name if identity else None


@pytest.mark.parametrize("path", [TELEGRAM_PATH, ZALO_PATH])
async def test_json_nested_thousands_deep_is_a_bad_request(stack: Stack, path: str) -> None:
    for levels in (100, 1_000, 100_000):
        body = b'{"a":' * levels + b"1" + b"}" * levels
        status, _ = await post(stack.url(path), body, {**HEADERS[path], **JSON})
        assert status == 400, levels
    assert stack.telegram.sent_messages() == [] and stack.zalo.sent_messages() == []


@pytest.mark.parametrize("date", [b"Infinity", b"-Infinity", b"NaN", b"1e999"])
async def test_a_zalo_date_that_is_not_finite_is_a_bad_request(stack: Stack, date: bytes) -> None:
    update = zalo_update("/trogiup")
    update["message"]["date"] = 1_700_000_000
    body = _json(update).replace(b"1700000000", date)
    assert date in body
    status, _ = await post(stack.url(ZALO_PATH), body, {**HEADERS[ZALO_PATH], **JSON})
    assert status == 400
    assert stack.zalo.sent_messages() == []


async def test_telegram_names_with_nul_and_lone_surrogates_are_cleaned(
    stack: Stack, runtime: Runtime
) -> None:
    update = telegram_update(stack.telegram, "/trogiup")
    sender = update["message"]["from"]
    sender["first_name"] = f"Đông{NUL}{LONE}\x07"
    sender["last_name"] = "Nguye\u0302\u0303n" + "x" * 300  # decomposed accents; too long
    status, _ = await post(stack.url(TELEGRAM_PATH), update, HEADERS[TELEGRAM_PATH])
    assert status == 200
    assert len(stack.telegram.sent_messages(100)) == 1  # answered
    name = await stored_name(runtime, Channel.TELEGRAM, "100")
    assert name is not None and len(name) == 255
    assert name.startswith("Đông Nguyễnxxx") and name.endswith("x…")
    assert NUL not in name and LONE not in name and "\x07" not in name


async def test_zalo_texts_with_control_characters_are_cleaned(
    stack: Stack, runtime: Runtime
) -> None:
    update = zalo_update(f"/trogiup{NUL}", chat="zchat-odd")
    update["message"]["from"]["display_name"] = f"Tây{NUL}\x1b[31m{LONE}"
    status, _ = await post(stack.url(ZALO_PATH), update, HEADERS[ZALO_PATH])
    assert status == 200
    assert stack.zalo.sent_messages("zchat-odd")  # the help, as for "/trogiup"
    assert "Bot chưa hiểu" not in stack.zalo.sent_messages("zchat-odd")[0]["text"]
    assert await stored_name(runtime, Channel.ZALO, "zchat-odd") == "Tây[31m"


async def test_a_text_over_the_limit_is_refused_with_the_limit_named(stack: Stack) -> None:
    update = zalo_update("8" * 5_000, chat="zchat-long")
    status, _ = await post(stack.url(ZALO_PATH), update, HEADERS[ZALO_PATH])
    assert status == 200
    [said] = stack.zalo.sent_messages("zchat-long")
    assert said["text"] == (
        "⚠️ Tin nhắn dài 5000 ký tự, quá mức 4096 ký tự mà bot nhận; anh/chị gửi ngắn hơn "
        "hoặc chia làm nhiều tin."
    )


async def test_an_id_too_long_for_its_column_is_dropped(stack: Stack, runtime: Runtime) -> None:
    chat = "z" * 100
    status, _ = await post(stack.url(ZALO_PATH), zalo_update("/trogiup", chat), HEADERS[ZALO_PATH])
    assert status == 200  # not a 500 Zalo would post again and again
    assert stack.zalo.sent_messages(chat) == []
    assert await stored_name(runtime, Channel.ZALO, chat) is None


async def test_a_press_with_a_lone_surrogate_is_answered_as_a_stale_button(
    stack: Stack,
) -> None:
    update = callback_update(stack.telegram, data=f"1:menu:{LONE}")  # the signature: lone
    status, _ = await post(stack.url(TELEGRAM_PATH), update, HEADERS[TELEGRAM_PATH])
    assert status == 200
    [answer] = stack.telegram.calls_of("answerCallbackQuery")
    assert answer.params["text"] == "Nút này không hợp lệ hoặc đã cũ. Gõ /menu để mở menu mới."


def callback_update(server: FakeTelegramServer, data: str) -> dict[str, Any]:
    """A press whose message is too old to be sent along: only who pressed, and the data."""
    person = {"id": 100, "is_bot": False, "first_name": "Đông"}
    press = {"id": "77", "from": person, "chat_instance": "1", "data": data}
    update_id = server.push_update({"callback_query": press})
    return next(u for u in server.pending_updates if u["update_id"] == update_id)


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()
