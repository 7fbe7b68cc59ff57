"""ZaloBotAPI against the in-process FakeZaloServer."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
import unicodedata
from collections.abc import AsyncIterator

import pytest

from bot.channels.zalo_api import (
    ERROR_BAD_RESPONSE,
    ERROR_NETWORK,
    ZaloAPIError,
    ZaloBotAPI,
    parse_update,
    split_text,
)
from tests.fakes.zalo_server import FakeZaloServer

TOKEN = "1234567890:fake-SECRET_token"
CHAT = "chat-42"
USER = "user-7"


@pytest.fixture
async def server() -> AsyncIterator[FakeZaloServer]:
    async with FakeZaloServer(token=TOKEN) as fake:
        yield fake


@pytest.fixture
async def api(server: FakeZaloServer) -> AsyncIterator[ZaloBotAPI]:
    async with ZaloBotAPI(TOKEN, base=server.base_url) as client:
        yield client


def _vietnamese_paragraphs(total_chars: int) -> str:
    line = "Chi đoàn Phường Bến Nghé đạt danh hiệu xuất sắc trong phong trào thi đua năm nay."
    lines: list[str] = []
    while sum(len(item) + 1 for item in lines) < total_chars:
        lines.append(f"{len(lines) + 1}. {line}")
    return "\n".join(lines)[:total_chars]


# -- calls ------------------------------------------------------------------------------


async def test_get_me(server: FakeZaloServer, api: ZaloBotAPI) -> None:
    me = await api.get_me()

    assert me.id == "fake-bot-id"
    assert me.account_name == "bot.fake"
    assert me.can_join_groups is True
    assert server.calls == [("getMe", {})]


async def test_get_updates_returns_pushed_text_update(
    server: FakeZaloServer, api: ZaloBotAPI
) -> None:
    message_id = server.push_text(
        CHAT, USER, "Xin chào, tôi là bí thư", display_name="Nguyễn Văn A"
    )

    updates = await api.get_updates(timeout=5)

    assert len(updates) == 1
    update = updates[0]
    assert update.event_name == "message.text.received"
    assert update.message_id == message_id
    assert (update.chat_id, update.chat_type, update.is_group) == (CHAT, "PRIVATE", False)
    assert (update.user_id, update.display_name, update.is_bot) == (USER, "Nguyễn Văn A", False)
    assert update.text == "Xin chào, tôi là bí thư"
    assert update.photo_url is None and update.caption is None
    assert isinstance(update.date, int) and update.date > 1_600_000_000_000
    assert server.calls_to("getUpdates") == [{"timeout": "5"}]


async def test_long_poll_wakes_when_update_arrives(server: FakeZaloServer, api: ZaloBotAPI) -> None:
    poll = asyncio.create_task(api.get_updates(timeout=10))
    await server.wait_for("getUpdates")
    started = time.monotonic()
    server.push_text(CHAT, USER, "muộn một chút", chat_type="GROUP")

    updates = await poll

    assert time.monotonic() - started < 2
    # In a group the bot is reached by mentioning it, and the mention comes with the text.
    assert [(u.text, u.chat_type) for u in updates] == [("@Bot Thi Đua muộn một chút", "GROUP")]


async def test_get_updates_timeout_returns_empty_list(
    server: FakeZaloServer, api: ZaloBotAPI
) -> None:
    started = time.monotonic()

    assert await api.get_updates(timeout=1) == []
    assert 0.8 < time.monotonic() - started < 5


async def test_one_update_per_poll_and_redelivery(server: FakeZaloServer, api: ZaloBotAPI) -> None:
    first = server.push_text(CHAT, USER, "một")
    server.push_text(CHAT, USER, "hai")

    assert [u.text for u in await api.get_updates(timeout=1)] == ["một"]
    assert [u.text for u in await api.get_updates(timeout=1)] == ["hai"]
    server.redeliver(first)
    again = await api.get_updates(timeout=1)
    assert [(u.message_id, u.text) for u in again] == [(first, "một")]


async def test_image_and_unsupported_updates(server: FakeZaloServer, api: ZaloBotAPI) -> None:
    server.push_image(CHAT, USER, "https://example.invalid/a.jpg", caption="Ảnh hoạt động")
    server.push_unsupported(CHAT, USER)

    [image] = await api.get_updates(timeout=1)
    [unsupported] = await api.get_updates(timeout=1)

    assert image.event_name == "message.image.received"
    assert (image.text, image.photo_url, image.caption) == (
        None,
        "https://example.invalid/a.jpg",
        "Ảnh hoạt động",
    )
    assert unsupported.event_name == "message.unsupported.received"
    assert unsupported.text is None and unsupported.chat_id == CHAT


async def test_get_updates_accepts_a_list_result(server: FakeZaloServer, api: ZaloBotAPI) -> None:
    def update(text: str) -> dict[str, object]:
        message = {"message_id": text, "text": text, "chat": {"id": CHAT}, "from": {"id": USER}}
        return {"event_name": "message.text.received", "message": message}

    body = {"ok": True, "result": [update("a"), {"no": "event"}, update("b")]}
    server.fail_next_raw("getUpdates", 200, json.dumps(body), "application/json")

    assert [u.text for u in await api.get_updates(timeout=1)] == ["a", "b"]


def test_parse_update_rejects_non_updates() -> None:
    with pytest.raises(ValueError):
        parse_update(["not", "a", "dict"])


async def test_stop_wakes_a_pending_poll_promptly() -> None:
    fake = FakeZaloServer(token=TOKEN)
    await fake.start()
    async with ZaloBotAPI(TOKEN, base=fake.base_url) as client:
        poll = asyncio.create_task(client.get_updates(timeout=30))
        await fake.wait_for("getUpdates")
        started = time.monotonic()
        await fake.stop()
        assert await asyncio.wait_for(poll, 5) == []
        assert time.monotonic() - started < 3


async def test_send_message_is_recorded(server: FakeZaloServer, api: ZaloBotAPI) -> None:
    sent = await api.send_message(CHAT, "Đã ghi nhận báo cáo tháng 3.")

    [recorded] = server.sent_messages(CHAT)
    assert recorded["text"] == "Đã ghi nhận báo cáo tháng 3."
    assert recorded["message_id"] == sent.message_id
    assert server.sent_messages("other-chat") == []


async def test_photo_chat_action_and_webhook(server: FakeZaloServer, api: ZaloBotAPI) -> None:
    await api.send_chat_action(CHAT, "typing")
    await api.send_photo(CHAT, "https://example.invalid/b.png", caption="Bảng xếp hạng")
    await api.set_webhook("https://bot.example.invalid/zalo", "s3cret-token")
    info = await api.get_webhook_info()
    await api.delete_webhook()

    assert server.calls_to("sendChatAction") == [{"chat_id": CHAT, "action": "typing"}]
    assert server.sent_photos(CHAT)[0]["caption"] == "Bảng xếp hạng"
    assert (info.url, info.is_configured) == ("https://bot.example.invalid/zalo", True)
    assert (await api.get_webhook_info()).is_configured is False


# -- splitting --------------------------------------------------------------------------

SPLIT_CASES = {
    "vietnamese lines": _vietnamese_paragraphs(7000),
    "one paragraph": " ".join(["Thi đua yêu nước, đoàn kết, sáng tạo."] * 300),
    "one huge word": "ư" * 4500,
    "decomposed diacritics": unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết " * 10) * 30,
    "decomposed huge word": unicodedata.normalize("NFD", "ệ") * 3001,
    "emoji": "🎉 Chúc mừng! " * 400,
    "blank lines": "Mở đầu\n" + "\n" * 2500 + "Kết thúc",
    "short": "Xin chào",
}
# Texts whose plain cut would leave a part with nothing to show, which both platforms
# refuse ("message text is empty"): that whitespace goes, nothing visible does.
BLANK_STRETCHES = {
    "a blank line just past the limit": "x" * 1999 + "\n\n",
    "blank lines longer than a message first": "\n" * 3000 + "Kết thúc",
    "spaces past the limit at the end": "Báo cáo " * 240 + " " * 2100,
}


@pytest.mark.parametrize("text", SPLIT_CASES.values(), ids=SPLIT_CASES.keys())
def test_split_text_properties(text: str) -> None:
    parts = split_text(text)

    assert "".join(parts) == text
    assert all(0 < len(part) <= 2000 for part in parts)
    assert all(len(part.encode("utf-16-le")) // 2 <= 2000 for part in parts)
    assert all(not unicodedata.combining(part[0]) for part in parts)


@pytest.mark.parametrize("text", BLANK_STRETCHES.values(), ids=BLANK_STRETCHES.keys())
def test_split_text_never_makes_a_blank_part(text: str) -> None:
    parts = split_text(text)

    assert parts and all(part.strip() for part in parts)
    assert "".join(parts).split() == text.split()  # every word kept, in order
    assert all(len(part.encode("utf-16-le")) // 2 <= 2000 for part in parts)


def test_split_text_of_nothing_to_show_is_no_part() -> None:
    assert split_text("") == []
    assert split_text(" \n\t ") == []
    assert split_text("\n" * 4500) == []


def test_split_text_prefers_line_then_word_boundaries() -> None:
    by_lines = split_text(_vietnamese_paragraphs(5000))
    by_words = split_text(SPLIT_CASES["one paragraph"])

    assert len(by_lines) == 3
    assert all(part.endswith("\n") for part in by_lines[:-1])
    assert all(part.endswith(" ") for part in by_words[:-1])
    assert split_text("") == []
    assert split_text("abc def", limit=4) == ["abc ", "def"]


async def test_long_message_arrives_in_order(server: FakeZaloServer, api: ZaloBotAPI) -> None:
    text = _vietnamese_paragraphs(5000)
    assert len(text) == 5000

    for part in split_text(text):
        await api.send_message(CHAT, part)

    texts = [message["text"] for message in server.sent_messages(CHAT)]
    assert len(texts) == 3
    assert "".join(texts) == text


async def test_send_long_message_helper(server: FakeZaloServer, api: ZaloBotAPI) -> None:
    sent = await api.send_long_message(CHAT, "ơ" * 4001)

    assert len(sent) == 3
    assert [len(m["text"]) for m in server.sent_messages(CHAT)] == [2000, 2000, 1]


# -- errors -----------------------------------------------------------------------------


async def test_over_long_message_is_rejected(server: FakeZaloServer, api: ZaloBotAPI) -> None:
    with pytest.raises(ZaloAPIError) as caught:
        await api.send_message(CHAT, "a" * 2001)

    assert caught.value.error_code == 400
    assert server.sent_messages() == []


async def test_fail_next_raises_with_code(server: FakeZaloServer, api: ZaloBotAPI) -> None:
    server.fail_next("sendMessage", 429, "Too many requests")

    with pytest.raises(ZaloAPIError) as caught:
        await api.send_message(CHAT, "lần một")
    await api.send_message(CHAT, "lần hai")

    assert (caught.value.error_code, caught.value.description) == (429, "Too many requests")
    assert caught.value.method == "sendMessage"
    assert [m["text"] for m in server.sent_messages()] == ["lần hai"]


async def test_non_timeout_poll_error_is_raised(server: FakeZaloServer, api: ZaloBotAPI) -> None:
    server.fail_next("getUpdates", 500, "Internal error")

    with pytest.raises(ZaloAPIError) as caught:
        await api.get_updates(timeout=1)

    assert caught.value.error_code == 500


@pytest.mark.parametrize(
    ("status", "body", "code"),
    [(502, "<html>Bad gateway</html>", 502), (200, "not json", ERROR_BAD_RESPONSE)],
)
async def test_http_errors_and_garbage_become_api_errors(
    server: FakeZaloServer, api: ZaloBotAPI, status: int, body: str, code: int
) -> None:
    server.fail_next_raw("getMe", status, body)

    with pytest.raises(ZaloAPIError) as caught:
        await api.get_me()

    assert caught.value.error_code == code


async def test_wrong_token_is_unauthorized(server: FakeZaloServer) -> None:
    async with ZaloBotAPI("999:wrong", base=server.base_url) as client:
        with pytest.raises(ZaloAPIError) as caught:
            await client.get_me()

    assert caught.value.error_code == 401


async def test_token_is_masked_in_errors_and_logs(
    server: FakeZaloServer, api: ZaloBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server.fail_next("getMe", 401, f"invalid token {TOKEN} for /bot{TOKEN}/getMe")

    with pytest.raises(ZaloAPIError) as caught:
        await api.get_me()

    assert TOKEN not in str(caught.value)
    assert "***" in str(caught.value)
    assert TOKEN not in repr(api)
    assert TOKEN not in caplog.text


async def test_unreachable_server_is_an_api_error_without_token(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    async with ZaloBotAPI(TOKEN, base=f"http://127.0.0.1:{port}") as client:
        with pytest.raises(ZaloAPIError) as caught:
            await client.get_me()

    assert caught.value.error_code == ERROR_NETWORK
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert TOKEN not in str(caught.value)
    assert TOKEN not in caplog.text
