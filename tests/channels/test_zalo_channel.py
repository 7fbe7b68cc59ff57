"""The real ZaloChannel, long polling FakeZaloServer, over the sample bloc in SQLite.

Updates are handled one after another, so "the bot did not answer X" is shown by sending a
later message from the same chat and checking that the first answer to arrive is the later
one's: no sleeps, only waits on recorded calls.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import pytest
from pydantic import SecretStr, ValidationError

import main
from bot.channels.render import numbered_text
from bot.channels.zalo import QUOTA_MAX_WAIT, QuotaBackoff, ZaloChannel
from bot.channels.zalo_api import ZaloAPIError, ZaloBotAPI, ZaloSentMessage, split_text
from bot.dispatcher import OutboxDispatcher, Outgoing, RetryLater, link_maker
from bot.metrics import MeasuredZaloChannel, Metrics
from bot.request import Action, Button, Reply
from bot.runtime import Runtime
from bot.settings import Settings
from domain.model import Channel
from tests.channels.menu_support import LEADER_MENU, LEADER_MENU_EN, numbered
from tests.fakes.clock import FakeClock
from tests.fakes.zalo_server import MESSAGE_LIMIT, FakeZaloServer, RecordedCall

TOKEN = "987654321:zalo-channel-test-token"
WAIT_SECONDS = 5.0

MAIN_MENU_VI = numbered(LEADER_MENU)
HELP_FIRST_LINE = "Các lệnh của Thi Đua Bot:"
TEXT_ONLY_VI = (
    "Bot chưa đọc được loại tin nhắn này. Anh/chị gửi tin nhắn chữ, hoặc gõ /menu để mở menu."
)
TEXT_ONLY_EN = (
    "The bot cannot read this kind of message yet. "
    "Send a text message, or type /menu to open the menu."
)
SNN_NAME = "Sở Nông nghiệp và Phát triển nông thôn"
PTTH_NAME = "Đài Phát thanh và Truyền hình Trà Vinh"


class ZaloChat:
    """One person in one Zalo chat, talking to the bot through the fake server."""

    def __init__(
        self,
        server: FakeZaloServer,
        chat_id: str,
        user_id: str,
        display_name: str = "Nguyễn Thị Lan",
        chat_type: str = "PRIVATE",
    ) -> None:
        self.server = server
        self.chat_id = chat_id
        self.user_id = user_id
        self.display_name = display_name
        self.chat_type = chat_type
        self.last_message_id = ""

    def push(self, text: str) -> str:
        """Queue a text message without waiting; returns its message_id."""
        self.last_message_id = self.server.push_text(
            self.chat_id, self.user_id, text, self.display_name, self.chat_type
        )
        return self.last_message_id

    async def say(self, text: str) -> str:
        """Send a text and return the bot's (first) answer to this chat."""
        return await self.answer_to(lambda: self.push(text))

    async def send_sticker(self) -> str:
        return await self.answer_to(
            lambda: self.server.push_sticker(
                self.chat_id, self.user_id, display_name=self.display_name, chat_type=self.chat_type
            )
        )

    async def answer_to(self, push: Callable[[], str]) -> str:
        """Push one update (`push` returns its message_id) and return the bot's answer."""
        since = len(self.server.calls)
        self.last_message_id = push()
        call = await self.server.wait_for(self._is_message_here, WAIT_SECONDS, since=since)
        return str(call.body["text"])

    def replies(self) -> list[str]:
        return [str(message["text"]) for message in self.server.sent_messages(self.chat_id)]

    def _is_message_here(self, call: RecordedCall) -> bool:
        return call.method == "sendMessage" and call.body.get("chat_id") == self.chat_id


async def wait_for_call_count(
    server: FakeZaloServer, method: str, count: int, *, since: int
) -> None:
    """Wait until `method` has been called `count` times from index `since` on."""
    async with asyncio.timeout(WAIT_SECONDS):
        while sum(1 for call in server.calls[since:] if call.method == method) < count:
            await server.wait_for(method, WAIT_SECONDS, since=len(server.calls))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# -- fixtures ---------------------------------------------------------------------------


@pytest.fixture
async def server() -> AsyncIterator[FakeZaloServer]:
    async with FakeZaloServer(token=TOKEN) as fake:
        yield fake


@pytest.fixture
async def channel(sample_runtime: Runtime, server: FakeZaloServer) -> AsyncIterator[ZaloChannel]:
    """The channel polling the fake server; yielded once its first long poll is waiting."""
    api = ZaloBotAPI(TOKEN, server.base_url)
    zalo = ZaloChannel(sample_runtime.app, api, polling_timeout=1)
    since = len(server.calls)
    task = asyncio.create_task(zalo.run(), name="zalo-channel")
    try:
        await server.wait_for("getUpdates", WAIT_SECONDS, since=since)
        yield zalo
    finally:
        await zalo.stop()
        await server.stop()  # answers the waiting long poll at once, so the loop sees the stop
        try:
            await asyncio.wait_for(task, timeout=WAIT_SECONDS)
        finally:
            await api.close()


@pytest.fixture
def lan(server: FakeZaloServer) -> ZaloChat:
    return ZaloChat(server, chat_id="chat-lan", user_id="zalo-user-lan")


@pytest.fixture
async def snn_officer(
    channel: ZaloChannel, lan: ZaloChat, invite_codes: dict[str, str]
) -> ZaloChat:
    """Lan, joined as the officer of SNN (the leader unit), with the main menu on offer."""
    greeting = await lan.say(f"/start {invite_codes['SNN']}")
    assert greeting.endswith(MAIN_MENU_VI)
    return lan


# -- joining and the numbered menu -----------------------------------------------------


async def test_start_with_invite_greets_names_the_unit_and_numbers_the_menu(
    channel: ZaloChannel, server: FakeZaloServer, lan: ZaloChat, invite_codes: dict[str, str]
) -> None:
    since = len(server.calls)

    reply = await lan.say(f"/start {invite_codes['SNN']}")

    assert reply.startswith("Chào anh/chị Lan! Anh/chị đã tham gia Khối thi đua Khối 7")
    assert SNN_NAME in reply
    assert "Sở NN&PTNT là Khối trưởng năm nay." in reply
    assert reply.endswith("\n\n" + MAIN_MENU_VI)
    # Zalo has no buttons: only the chat and the text go out.
    sends = [call.body for call in server.calls[since:] if call.method == "sendMessage"]
    assert [set(body) for body in sends] == [{"chat_id", "text"}]


async def test_choice_two_shows_the_bloc_overview(snn_officer: ZaloChat) -> None:
    reply = await snn_officer.say("2")

    lines = reply.splitlines()
    assert lines[0] == "🏢 Khối thi đua Khối 7 — năm 2022"
    assert f"Khối trưởng: {SNN_NAME}" in lines
    assert f"Khối phó: {PTTH_NAME}" in lines
    assert "Đơn vị thành viên (1/5 đã tham gia bot):" in lines
    units = [line for line in lines if re.fullmatch(r"• .+ — (✅|⏳) .+", line)]
    assert len(units) == 5
    assert units[0].startswith(f"• {SNN_NAME} (Khối trưởng)")
    assert any(line.startswith(f"• {PTTH_NAME} (Khối phó)") for line in units)
    assert reply.endswith("\n\n1. 📋 Việc cần làm\n2. ☰ Menu chính")


async def test_out_of_range_number_is_refused_and_the_choices_stay(snn_officer: ZaloChat) -> None:
    refused = await snn_officer.say("19")
    chosen = await snn_officer.say("1")

    assert refused.startswith("⚠️ Không có lựa chọn số 19.")
    assert "từ 1 đến 18" in refused
    assert chosen.startswith("📋 Việc cần làm của Sở NN&PTNT")


async def test_number_without_a_list_on_offer(channel: ZaloChannel, lan: ZaloChat) -> None:
    reply = await lan.say("1")

    assert reply.startswith("Hiện không có danh sách nào để chọn theo số.")


async def test_unknown_text(snn_officer: ZaloChat) -> None:
    reply = await snn_officer.say("cho hỏi hạn nộp báo cáo")

    assert reply.startswith("Bot chưa hiểu tin nhắn này.")


async def test_bad_invite_code(channel: ZaloChannel, lan: ZaloChat) -> None:
    reply = await lan.say("/start khong-co-ma")

    assert reply.startswith("⚠️ Mã mời không đúng hoặc đã hết hạn.")


async def test_language_switch_to_english_by_number(snn_officer: ZaloChat) -> None:
    question = await snn_officer.say("/ngonngu")
    switched = await snn_officer.say("2")
    later = await snn_officer.say("hello")

    assert question.endswith("\n\n1. Tiếng Việt\n2. English")
    assert switched.startswith("Switched to English.")
    assert switched.endswith("\n\n" + numbered(LEADER_MENU_EN))
    assert later.startswith("The bot did not understand this message.")


# -- what Zalo sends besides text --------------------------------------------------------


async def test_sticker_gets_the_text_only_message(channel: ZaloChannel, lan: ZaloChat) -> None:
    assert await lan.send_sticker() == TEXT_ONLY_VI


async def test_unsupported_event_gets_the_text_only_message(
    channel: ZaloChannel, server: FakeZaloServer, lan: ZaloChat
) -> None:
    reply = await lan.answer_to(lambda: server.push_unsupported(lan.chat_id, lan.user_id))

    assert reply == TEXT_ONLY_VI


async def test_text_only_message_follows_the_chosen_language(snn_officer: ZaloChat) -> None:
    await snn_officer.say("/ngonngu en")

    assert await snn_officer.send_sticker() == TEXT_ONLY_EN


# -- delivery ----------------------------------------------------------------------------


async def test_redelivered_message_is_answered_once(
    channel: ZaloChannel, server: FakeZaloServer, lan: ZaloChat, invite_codes: dict[str, str]
) -> None:
    await lan.say(f"/start {invite_codes['SNN']}")

    server.redeliver(lan.last_message_id)
    after = await lan.say("/trogiup")

    assert after.startswith(HELP_FIRST_LINE)  # the first answer after the redelivery
    assert len(lan.replies()) == 2


async def test_redelivered_sticker_is_answered_once(
    channel: ZaloChannel, server: FakeZaloServer, lan: ZaloChat
) -> None:
    await lan.send_sticker()

    server.redeliver(lan.last_message_id)
    after = await lan.say("/trogiup")

    assert after.startswith(HELP_FIRST_LINE)
    assert lan.replies() == [TEXT_ONLY_VI, after]


async def test_long_reply_is_split_in_order_within_the_limit(
    channel: ZaloChannel, server: FakeZaloServer, lan: ZaloChat
) -> None:
    line = "Đơn vị đã hoàn thành xuất sắc nhiệm vụ chính trị, chuyên môn năm 2022 🏆"
    text = "\n".join(f"{index}. {line}" for index in range(1, 81))
    buttons = [[Button("📋 Việc cần làm", Action("cmd", ("viec",)))]]
    reply = Reply(text, buttons)
    since = len(server.calls)

    await channel._send(lan.chat_id, reply)

    parts = [
        str(call.body["text"])
        for call in server.calls[since:]
        if call.method == "sendMessage" and call.body.get("chat_id") == lan.chat_id
    ]
    assert len(parts) >= 3
    assert all(0 < utf16_len(part) <= MESSAGE_LIMIT for part in parts)
    assert "".join(parts) == numbered_text(reply)  # nothing lost, nothing reordered
    assert parts[-1].endswith("\n\n1. 📋 Việc cần làm")
    assert lan.replies() == parts  # every part was accepted by the server


async def test_get_updates_failure_does_not_stop_the_channel(
    channel: ZaloChannel,
    server: FakeZaloServer,
    lan: ZaloChat,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.channels.zalo")
    since = len(server.calls)
    server.fail_next("getUpdates", 500, "Internal Server Error")

    before = await lan.say("/trogiup")  # taken by the poll that was already waiting
    await wait_for_call_count(server, "getUpdates", 2, since=since)  # the failure, the retry
    after = await lan.say("/trogiup")

    assert before.startswith(HELP_FIRST_LINE)
    assert after.startswith(HELP_FIRST_LINE)
    assert "getUpdates failed" in caplog.text


async def test_a_reply_zalo_refuses_goes_to_the_outbox_and_arrives_once(
    channel: ZaloChannel, server: FakeZaloServer, lan: ZaloChat, sample_runtime: Runtime,
    clock: FakeClock,
) -> None:  # fmt: skip
    server.fail_next("sendMessage", 502, "Bad Gateway")
    await lan.say("/trogiup")  # the refused call
    assert lan.replies() == []

    runtime = sample_runtime
    link = link_maker(runtime.settings.public_base_url, await runtime.app.signing_secret())
    outbox = OutboxDispatcher(runtime.uow, clock, {Channel.ZALO: channel}, link)
    assert await outbox.flush() == 1
    [reply] = lan.replies()
    assert reply.startswith(HELP_FIRST_LINE)
    assert await outbox.flush() == 0


def fail_the_second_send(channel: ZaloChannel, monkeypatch: pytest.MonkeyPatch) -> None:
    """The channel's second sendMessage from now on meets a 502; the others go through."""
    real_send, calls = channel.api.send_message, 0

    async def second_call_fails(chat_id: str, part: str) -> ZaloSentMessage:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise ZaloAPIError(502, "Bad Gateway", "sendMessage")
        return await real_send(chat_id, part)

    monkeypatch.setattr(channel.api, "send_message", second_call_fails)


async def test_a_long_outbox_text_cut_short_goes_on_from_the_missing_part(
    channel: ZaloChannel, server: FakeZaloServer, sample_runtime: Runtime, clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    text = "\n".join(f"Dòng {n}: " + "nội dung báo cáo " * 12 for n in range(25))
    parts = split_text(text)
    assert len(parts) >= 3
    chat = "zalo-user-long"
    async with sample_runtime.uow() as uow:
        await uow.outbox.enqueue("zalo", chat, {"text": text}, clock.now())
        await uow.commit()
    fail_the_second_send(channel, monkeypatch)
    link = link_maker(sample_runtime.settings.public_base_url, "secret")
    outbox = OutboxDispatcher(sample_runtime.uow, clock, {Channel.ZALO: channel}, link)
    await outbox.flush()  # the first part, then the failure
    clock.advance(timedelta(minutes=1))  # past the failed try's backoff
    await outbox.flush()
    assert [m["text"] for m in server.sent_messages(chat)] == parts
    async with sample_runtime.uow() as uow:
        assert await uow.outbox.pending_count() == 0


async def test_each_part_of_a_long_outbox_text_is_told_as_soon_as_it_went(
    channel: ZaloChannel, server: FakeZaloServer
) -> None:
    """The dispatcher records each part at once: a worker killed mid-text sends again only
    the part in flight, not the text from its start."""
    text = "\n".join(f"Dòng {n}: " + "nội dung báo cáo " * 12 for n in range(25))
    parts, chat = split_text(text), "zalo-user-parts"
    told: list[tuple[int, int]] = []  # the parts told, the parts the server has then

    async def on_part(count: int) -> None:
        told.append((count, len(server.sent_messages(chat))))

    await channel.deliver(chat, Outgoing(text, [], on_part=on_part))
    assert len(parts) >= 3 and told == [(n, n) for n in range(1, len(parts))]


async def test_a_long_reply_cut_short_sends_only_the_rest_later(
    channel: ZaloChannel, server: FakeZaloServer, sample_runtime: Runtime, clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    text = "\n".join(f"Dòng {n}: " + "nội dung báo cáo " * 12 for n in range(25))
    reply = Reply(text, [[Button("Quay lại", Action("cmd", ("menu",)))]], lettered=True)
    parts = split_text(numbered_text(reply))
    chat = "zalo-user-reply"
    fail_the_second_send(channel, monkeypatch)
    await channel._send(chat, reply)
    link = link_maker(sample_runtime.settings.public_base_url, "secret")
    outbox = OutboxDispatcher(sample_runtime.uow, clock, {Channel.ZALO: channel}, link)
    await outbox.flush()
    assert [m["text"] for m in server.sent_messages(chat)] == parts  # "a. Quay lại" once


async def test_a_429_to_an_outbox_send_is_a_wait_not_a_failed_try(
    channel: ZaloChannel, server: FakeZaloServer
) -> None:
    server.fail_next("sendMessage", 429, "Quota exceeded")
    with pytest.raises(RetryLater) as waited:
        await channel.deliver("zalo-user-1", Outgoing("nhắc việc", []))
    assert waited.value.seconds == 1.0 and not waited.value.pause_all
    channel.quota = QuotaBackoff()  # the wait over
    server.fail_next("sendMessage", 500, "Internal Server Error")
    with pytest.raises(ZaloAPIError):  # any other failure stays a failure
        await channel.deliver("zalo-user-1", Outgoing("nhắc việc", []))
    assert await channel.deliver("zalo-user-1", Outgoing("nhắc việc", []))
    assert [m["text"] for m in server.sent_messages("zalo-user-1")] == ["nhắc việc"]


# -- group chats -------------------------------------------------------------------------


@pytest.fixture
def group_member(server: FakeZaloServer) -> ZaloChat:
    return ZaloChat(server, chat_id="group-khoi7", user_id="zalo-user-minh", chat_type="GROUP")


async def test_plain_group_chatter_is_ignored(channel: ZaloChannel, group_member: ZaloChat) -> None:
    group_member.push("Chào cả nhà, chiều nay họp Khối nhé")
    group_member.push("2")
    reply = await group_member.say("/trogiup")

    assert reply.startswith(HELP_FIRST_LINE)  # nothing was said before it
    assert group_member.replies() == [reply]


async def test_binding_a_zalo_group_names_the_group(
    snn_officer: ZaloChat, server: FakeZaloServer
) -> None:
    leader_in_group = ZaloChat(
        server, chat_id="group-khoi7", user_id=snn_officer.user_id, chat_type="GROUP"
    )

    bound = await leader_in_group.say("/lienket")
    overview = await snn_officer.say("/khoi")

    assert bound.startswith("✅ Đã liên kết nhóm")
    assert "«»" not in bound
    groups_line = next(line for line in overview.splitlines() if line.startswith("Nhóm chat"))
    assert groups_line.removeprefix("Nhóm chat của Khối:").strip()


async def test_sticker_in_a_group_is_ignored(
    channel: ZaloChannel, server: FakeZaloServer, group_member: ZaloChat
) -> None:
    server.push_sticker(group_member.chat_id, group_member.user_id, chat_type="GROUP")
    reply = await group_member.say("/trogiup")

    assert reply.startswith(HELP_FIRST_LINE)
    assert group_member.replies() == [reply]


# -- what Zalo really does: the quota's 429, mentions in groups, the secret's length ---


class SteppedClock:
    """Monotonic seconds that move only when the test says."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_the_quota_used_up_is_waited_out_longer_each_time_up_to_five_minutes(
    channel: ZaloChannel, server: FakeZaloServer
) -> None:
    """Zalo's 429 names no retry_after: the bot waits 1 s, 2 s, 4 s… at most 5 minutes, and
    sends nothing in between (each send would meet the used-up quota again)."""
    clock = SteppedClock()
    channel.quota = QuotaBackoff(clock)
    server.set_quota(0)
    waits = []
    for _ in range(11):
        with pytest.raises(RetryLater) as waited:
            await channel.deliver("zalo-user-1", Outgoing("nhắc việc", []))
        waits.append(waited.value.seconds)
        tried = server.quota_refusals
        clock.now += waited.value.seconds / 2  # halfway through the wait: not even tried
        with pytest.raises(RetryLater) as meanwhile:
            await channel.deliver("zalo-user-1", Outgoing("nhắc việc", []))
        assert meanwhile.value.seconds == waited.value.seconds / 2
        assert server.quota_refusals == tried
        clock.now += waited.value.seconds / 2
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, QUOTA_MAX_WAIT, QUOTA_MAX_WAIT]
    assert QUOTA_MAX_WAIT == 300

    server.set_quota(None)  # the quota is back: the next try goes, and the wait starts over
    assert await channel.deliver("zalo-user-1", Outgoing("nhắc việc", []))
    server.set_quota(0)
    with pytest.raises(RetryLater) as waited:
        await channel.deliver("zalo-user-1", Outgoing("nhắc việc", []))
    assert waited.value.seconds == 1


async def test_sends_refused_together_do_not_lengthen_the_wait(
    channel: ZaloChannel, server: FakeZaloServer
) -> None:
    """The outbox sends several messages at once: their 429s are one wait, not five."""
    channel.quota = QuotaBackoff(SteppedClock())
    server.set_quota(0)
    results = await asyncio.gather(
        *(channel.deliver(f"zalo-user-{n}", Outgoing("nhắc việc", [])) for n in range(5)),
        return_exceptions=True,
    )
    assert {r.seconds for r in results if isinstance(r, RetryLater)} == {1.0}
    assert len(results) == 5


async def test_a_reply_meeting_the_used_up_quota_waits_in_the_outbox(
    channel: ZaloChannel, server: FakeZaloServer, sample_runtime: Runtime, clock: FakeClock
) -> None:
    clock_seconds = SteppedClock()
    channel.quota = QuotaBackoff(clock_seconds)
    server.set_quota(0)
    await channel._send("zalo-user-2", Reply("Trả lời thứ nhất"))
    await channel._send("zalo-user-2", Reply("Trả lời thứ hai"))  # not even tried
    assert server.quota_refusals == 1
    server.set_quota(None)
    clock_seconds.now += 1
    clock.advance(timedelta(seconds=1))
    link = link_maker(sample_runtime.settings.public_base_url, "secret")
    outbox = OutboxDispatcher(sample_runtime.uow, clock, {Channel.ZALO: channel}, link)
    await outbox.flush()
    clock.advance(timedelta(seconds=2))
    await outbox.flush()
    texts = [m["text"] for m in server.sent_messages("zalo-user-2")]
    assert texts == ["Trả lời thứ nhất", "Trả lời thứ hai"]


# -- group chats -----------------------------------------------------------------------


async def test_a_command_mentioning_the_bot_in_a_group_is_answered(
    channel: ZaloChannel, server: FakeZaloServer, group_member: ZaloChat
) -> None:
    """Zalo hands the bot a group message only when it mentions the bot, mention first."""
    reply = await group_member.say("/trogiup")

    [pushed] = [u["message"]["text"] for u in server._pushed.values()]
    assert pushed == "@Bot Thi Đua /trogiup"
    assert reply.startswith(HELP_FIRST_LINE)


async def test_a_mention_without_a_command_in_a_group_is_ignored(
    channel: ZaloChannel, server: FakeZaloServer, group_member: ZaloChat
) -> None:
    group_member.push("cho hỏi lịch họp Khối")
    group_member.push("2")  # not a choice: in a group only commands are for the bot
    reply = await group_member.say("/trogiup")

    assert reply.startswith(HELP_FIRST_LINE)
    assert group_member.replies() == [reply]


async def test_429s_and_the_wait_they_impose_are_in_the_metrics(
    sample_runtime: Runtime, server: FakeZaloServer
) -> None:
    metrics = Metrics()
    async with ZaloBotAPI(TOKEN, server.base_url) as api:
        zalo = MeasuredZaloChannel(sample_runtime.app, api, metrics)
        clock = SteppedClock()
        zalo.quota = QuotaBackoff(clock)
        server.set_quota(0)
        for wait in (1, 2, 4):
            clock.now += wait / 2  # the previous wait over
            with pytest.raises(RetryLater):
                await zalo.deliver("zalo-user-1", Outgoing("nhắc việc", []))  # a 429
            with pytest.raises(RetryLater):
                await zalo.deliver("zalo-user-1", Outgoing("nhắc việc", []))  # held: none
            clock.now += wait / 2
        values = dict(re.findall(r"^(\S+) (\S+)$", await metrics.render(), re.M))
        clock.now += 2  # that wait over too
        after = dict(re.findall(r"^(\S+) (\S+)$", await metrics.render(), re.M))
    assert values['thidua_rate_limited_total{channel="zalo"}'] == "3"
    assert values["thidua_zalo_quota_wait_seconds"] == "4"  # after 1 s and 2 s, 4 s
    assert after["thidua_zalo_quota_wait_seconds"] == "0"
    assert server.quota_refusals == 3


async def test_a_webhook_secret_zalo_refuses_stops_the_start(
    server: FakeZaloServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Telegram takes a 1-character secret, Zalo's setWebhook not under 8: said at start,
    before a web server listens with a webhook Zalo will never call."""
    async with ZaloBotAPI(TOKEN, server.base_url) as api:
        with pytest.raises(ZaloAPIError) as refused:
            await api.set_webhook("https://bot.example.invalid/webhook/zalo", "7-chars")
    assert refused.value.error_code == 400
    short = SecretStr("7-chars")
    with pytest.raises(ValidationError, match="Zalo needs 8–256 characters"):
        Settings(zalo_bot_token=SecretStr("1:zalo"), webhook_secret=short, _env_file=None)  # type: ignore[call-arg]
    Settings(telegram_bot_token=SecretStr("42:T"), webhook_secret=short, _env_file=None)  # type: ignore[call-arg]

    monkeypatch.setenv("ZALO_BOT_TOKEN", "1:zalo")
    monkeypatch.setenv("WEBHOOK_SECRET", "7-chars")
    assert main.main(["run", "--webhook"]) == 2
    said = capsys.readouterr().err
    assert "WEBHOOK_SECRET: Zalo needs 8–256 characters" in said
    assert "Traceback" not in said
