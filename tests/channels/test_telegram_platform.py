"""Telegram as it really is, against the fake Bot API server that models it (see the docstrings
of tests/fakes/telegram_server.py and telegram_chats.py for the Bot API's words): groups
upgraded to supergroups, the bot removed from a group, people who never started the bot,
presses on messages too old to see, handlers slower than Telegram's deadline for answering a
press, forum topics, anonymous group administrators, and workers setting the webhook at once."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_session import make_bot
from bot.channels.telegram_webhook import TelegramWebhook
from bot.request import Action, Button, Incoming, Outcome, Reply
from bot.runtime import Runtime
from domain.model import AuditEntry, Channel, GroupChat, Identity
from tests.channels.ballot_support import BallotHarness, Group, running, unpaced
from tests.channels.test_scoring_telegram import AN, BINH, BOT_USERNAME, HUNG, TOKEN, Person
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_server import QUERY_TOO_OLD, FakeTelegramServer, StoredMessage

BASIC = Group(-4001, "Khối 7 Trà Vinh", "group")  # a basic group, before any upgrade
FORUM = Group(-1009000000001, "Khối 7 — diễn đàn")
OTHER = Group(-1009000000002, "Nhóm khác")
FORGED = "Nút này không hợp lệ hoặc đã cũ. Gõ /menu để mở menu mới."
GROUP_LOST_VI = (
    "⚠️ Bot đã bị đưa ra khỏi nhóm «{title}», nên nhóm không còn liên kết với Khối thi đua "
    "Khối 7: thông báo và phiếu bầu của Khối sẽ không gửi vào nhóm đó nữa. Muốn dùng lại nhóm, "
    "anh/chị thêm bot vào nhóm rồi gõ /lienket trong nhóm."
)


@pytest.fixture
async def server() -> AsyncIterator[FakeTelegramServer]:
    async with FakeTelegramServer(bot_username=BOT_USERNAME) as fake:
        yield fake


@pytest.fixture
async def tg(
    server: FakeTelegramServer,
    sample_runtime: Runtime,
    invite_codes: dict[str, str],
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[BallotHarness]:
    """The channel polling, a dispatcher sending the outbox; AN (the leader unit's officer),
    HUNG and BINH joined."""
    unpaced(monkeypatch)
    async with running(server, sample_runtime, clock, invite_codes) as harness:
        for person, unit in ((AN, "SNN"), (HUNG, "SGT"), (BINH, "SCT")):
            await harness.join(person, unit)
        yield harness


async def bound(tg: BallotHarness, group: Group, thread: int | None = None) -> StoredMessage:
    """AN links the group (in a topic of it); the bot's answer."""
    since = tg.mark()
    await tg.settled(
        tg.server.user_message(
            group.chat_id, AN.user_id, "/lienket", first_name=AN.first_name,
            last_name=AN.last_name, chat_type=group.chat_type, chat_title=group.title,
            thread_id=thread,
        )
    )  # fmt: skip
    [sent] = tg.to_chat(tg.server.calls[since:], "sendMessage", group.chat_id)
    answer = tg.server.messages[(group.chat_id, sent.result["message_id"])]
    assert (answer.text or "").startswith("✅ Đã liên kết nhóm"), answer.text
    return answer


async def post_to_group(tg: BallotHarness, chat_id: int, text: str, **options: Any) -> None:
    """A notice to the group, queued as the bloc's notices queue theirs."""
    async with tg.runtime.uow() as uow:
        await tg.runtime.app.notices.post(
            uow, Channel.TELEGRAM, str(chat_id), Reply(text), **options
        )
        await uow.commit()


async def group_of(tg: BallotHarness, chat_id: int) -> GroupChat | None:
    async with tg.runtime.uow() as uow:
        return await uow.groups.get(Channel.TELEGRAM, str(chat_id))


async def audit(tg: BallotHarness, action: str) -> list[AuditEntry]:
    async with tg.runtime.uow() as uow:
        return [entry for entry in await uow.audit.entries() if entry.action == action]


async def identity_of(tg: BallotHarness, person: Person) -> Identity:
    async with tg.runtime.uow() as uow:
        identity = await uow.people.identity(Channel.TELEGRAM, str(person.user_id))
    assert identity is not None
    return identity


def texts(tg: BallotHarness, chat_id: int, since: int = 0) -> list[str]:
    return [
        str(c.params["text"])
        for c in tg.to_chat(tg.server.calls[since:], "sendMessage", chat_id)
        if c.ok
    ]


# ---------------------------------------------------------------- a group becomes a supergroup


async def test_a_group_upgraded_to_a_supergroup_keeps_its_binding_and_gets_the_posts(
    tg: BallotHarness,
) -> None:
    await bound(tg, BASIC)
    new_id = tg.server.upgrade_to_supergroup(BASIC.chat_id)
    await post_to_group(tg, BASIC.chat_id, "📢 Họp Khối chiều thứ Sáu.")
    await post_to_group(tg, BASIC.chat_id, "📢 Nhớ mang theo báo cáo.")

    since = tg.mark()
    calls = await tg.flush()

    refused = tg.to_chat(calls, "sendMessage", BASIC.chat_id)
    assert [c.response["parameters"] for c in refused] == [{"migrate_to_chat_id": new_id}]
    assert texts(tg, new_id, since) == ["📢 Họp Khối chiều thứ Sáu.", "📢 Nhớ mang theo báo cáo."]
    assert await group_of(tg, BASIC.chat_id) is None
    moved = await group_of(tg, new_id)
    assert moved is not None and moved.title == BASIC.title
    [entry] = await audit(tg, "group.moved")
    assert entry.details["to"] == str(new_id) and entry.channel == "telegram"
    await post_to_group(tg, new_id, "📢 Lịch họp đã đổi.")  # later posts go straight there
    await tg.flush()
    assert texts(tg, new_id)[-1] == "📢 Lịch họp đã đổi."


async def test_the_upgrade_announced_in_the_group_moves_the_binding_at_once(
    tg: BallotHarness,
) -> None:
    await bound(tg, BASIC)
    first = tg.server._next_update_id
    new_id = tg.server.upgrade_to_supergroup(BASIC.chat_id, announce=True)
    await tg.settled_all(range(first, tg.server._next_update_id), timeout=5)

    assert await group_of(tg, BASIC.chat_id) is None
    assert await group_of(tg, new_id) is not None


async def test_an_edit_of_a_post_sent_before_the_upgrade_is_posted_in_the_supergroup(
    tg: BallotHarness,
) -> None:
    """The live vote count is an edit of the group's post: the post stayed in the old group,
    so the supergroup gets the count as a post of its own, and later counts edit that."""
    await bound(tg, BASIC)
    await post_to_group(tg, BASIC.chat_id, "Đã bỏ phiếu: 0/5 đơn vị", track="ballot:9")
    await tg.flush()
    new_id = tg.server.upgrade_to_supergroup(BASIC.chat_id)
    await post_to_group(tg, BASIC.chat_id, "Đã bỏ phiếu: 2/5 đơn vị", edit_of="ballot:9")

    await tg.flush()
    await post_to_group(tg, new_id, "Đã bỏ phiếu: 3/5 đơn vị", edit_of="ballot:9")
    await tg.flush()

    [post] = tg.server.sent_messages(new_id)
    assert post.text == "Đã bỏ phiếu: 3/5 đơn vị"
    assert [revision.text for revision in post.history] == ["Đã bỏ phiếu: 2/5 đơn vị"]


# ------------------------------------------------------------- the bot removed from a group


async def test_the_bot_removed_from_the_group_unbinds_it_at_once_and_tells_the_leader(
    tg: BallotHarness,
) -> None:
    await bound(tg, FORUM)
    await post_to_group(tg, FORUM.chat_id, "📢 Họp Khối chiều thứ Sáu.")

    update_id = tg.server.remove_bot(FORUM.chat_id, by_user_id=HUNG.user_id)
    await tg.settled(update_id)  # a my_chat_member update: the bot asked for those
    since = tg.mark()
    await tg.flush()

    assert await group_of(tg, FORUM.chat_id) is None
    assert texts(tg, FORUM.chat_id, since) == []  # what waited for the group is dropped
    assert tg.to_chat(tg.server.calls[since:], "sendMessage", FORUM.chat_id) == []
    assert texts(tg, AN.chat_id, since) == [GROUP_LOST_VI.format(title=FORUM.title)]
    assert texts(tg, HUNG.chat_id, since) == []  # not the leader's officer
    [entry] = await audit(tg, "group.lost")
    assert entry.actor_officer_id is None and entry.channel == "telegram"


@pytest.mark.parametrize("kicked", [True, False], ids=["kicked", "left"])
async def test_a_send_to_a_group_the_bot_is_out_of_unbinds_it_and_is_not_a_block(
    tg: BallotHarness, kicked: bool
) -> None:
    """Missed the update (the bot was down): the send's 403 "bot was kicked from the
    supergroup chat" (or "is not a member") says the same. The leader reads it in English."""
    await bound(tg, FORUM)
    async with tg.runtime.uow() as uow:
        identity = await uow.people.identity(Channel.TELEGRAM, str(AN.user_id))
        assert identity is not None
        identity.locale = "en"
        await uow.people.save_identity(identity)
        await uow.commit()
    tg.server.chat_states.removed[FORUM.chat_id] = "kicked" if kicked else "left"
    await post_to_group(tg, FORUM.chat_id, "📢 Họp Khối chiều thứ Sáu.")
    await post_to_group(tg, FORUM.chat_id, "📢 Nhớ mang theo báo cáo.")

    calls = await tg.flush()

    [refused] = tg.to_chat(calls, "sendMessage", FORUM.chat_id)  # the second never tried
    expected = "kicked from the supergroup chat" if kicked else "not a member of the supergroup"
    assert refused.status == 403 and expected in refused.response["description"]
    assert await group_of(tg, FORUM.chat_id) is None
    [told] = texts(tg, AN.chat_id)[-1:]
    assert told.startswith(f"⚠️ The bot was removed from the group «{FORUM.title}»")
    async with tg.runtime.uow() as uow:
        assert await uow.outbox.pending_count() == 0


async def test_a_person_who_never_started_the_bot_is_not_taken_for_one_who_blocked_it(
    tg: BallotHarness,
) -> None:
    tg.server.never_started(BINH.user_id)
    tg.server.block_chat(HUNG.user_id)
    async with tg.runtime.uow() as uow:
        for person in (BINH, HUNG):
            await tg.runtime.app.notices.post(
                uow, Channel.TELEGRAM, str(person.chat_id), Reply("⏰ Còn 3 ngày.")
            )
        await uow.commit()

    calls = await tg.flush()

    [never] = tg.to_chat(calls, "sendMessage", BINH.chat_id)
    assert never.response["description"] == "Forbidden: bot can't initiate conversation with a user"
    assert (await identity_of(tg, BINH)).blocked_at is None
    assert (await identity_of(tg, HUNG)).blocked_at is not None
    async with tg.runtime.uow() as uow:
        assert await uow.outbox.pending_count() == 0  # neither is tried again


# ----------------------------------------------------------------------------- presses


async def test_a_press_on_a_message_too_old_to_see_is_answered_in_its_chat(
    tg: BallotHarness,
) -> None:
    await bound(tg, FORUM)
    data = await tg.signed(Action("cmd", ("khoi",)))
    await tg.channel._answer(
        FORUM.chat_id, Reply("Khối", [[Button("🏢 Khối", Action("cmd", ("khoi",)))]])
    )
    [old] = tg.server.sent_messages(FORUM.chat_id)[-1:]

    since = tg.mark()
    update_id = tg.server.user_callback(
        FORUM.chat_id, AN.user_id, old.message_id, data, first_name=AN.first_name,
        inaccessible=True,
    )  # fmt: skip
    update = await tg.settled(update_id)

    assert update.callback_query is not None and update.callback_query.message is not None
    assert update.callback_query.message.date == 0  # an InaccessibleMessage
    [answer] = texts(tg, FORUM.chat_id, since)
    assert answer.startswith("🏢 Khối thi đua Khối 7 — năm 2022")
    assert texts(tg, AN.chat_id, since) == []  # not privately
    assert len(tg.calls("answerCallbackQuery", since)) == 1


SlowHandle = Callable[[Incoming], Awaitable[Outcome]]


def slow_until_the_press_is_settled(tg: BallotHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every update's handling takes until its press is answered or Telegram's deadline for
    it has passed, whichever comes first: a handler slower than the deadline, without the
    test sleeping (and never hanging, whatever the channel does)."""
    app = tg.runtime.app
    handle: SlowHandle = app.handle

    async def slow(incoming: Incoming) -> Outcome:
        await tg.server.callback_settled(tg.server.last_query_id)
        return await handle(incoming)

    monkeypatch.setattr(app, "handle", slow)
    tg.server.callback_deadline = 2.0
    tg.channel.answer_grace = 0.05


async def test_a_slow_refusal_is_answered_in_time_and_its_alert_arrives_as_a_message(
    tg: BallotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    [menu] = tg.server.sent_messages(AN.chat_id)[-1:]
    slow_until_the_press_is_settled(tg, monkeypatch)

    press = await tg.press(AN, menu, "1:cmd:viec:forged!!")

    [answer] = press.answers
    assert answer.ok, answer.response  # within the deadline: no "query is too old"
    assert answer.params.get("text") is None  # an early answer: the spinner stops
    assert [c.params["text"] for c in press.sends] == [f"⚠️ {FORGED}"]
    assert press.edits == []  # the message pressed stays as it was


async def test_a_slow_press_still_edits_its_message_after_the_early_answer(
    tg: BallotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    [menu] = tg.server.sent_messages(AN.chat_id)[-1:]
    slow_until_the_press_is_settled(tg, monkeypatch)

    press = await tg.press_button(AN, menu, "📋 Việc cần làm")

    assert [a.ok for a in press.answers] == [True]
    [edit] = press.edits
    assert edit.ok and edit.params["message_id"] == menu.message_id
    assert (menu.text or "").startswith("📋 Việc cần làm của Sở NN&PTNT")


async def test_a_slow_votes_receipt_reaches_the_voter_alone(
    tg: BallotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A vote pressed in the group is answered by a toast with its receipt: answered early,
    the receipt goes to the voter privately, never to the group."""
    await tg.channel._answer(
        FORUM.chat_id, Reply("Biểu quyết", [[Button("Đồng ý", Action("cmd", ("khoi",)))]])
    )
    [post] = tg.server.sent_messages(FORUM.chat_id)[-1:]
    slow_until_the_press_is_settled(tg, monkeypatch)
    receipt = "Đã ghi phiếu. Mã phiếu: K7Q2-9XRM"

    async def voted(incoming: Incoming) -> Outcome:
        await tg.server.callback_settled(tg.server.last_query_id)
        return Outcome([Reply(receipt, toast=receipt, toast_only=True)])

    monkeypatch.setattr(tg.runtime.app, "handle", voted)
    since = tg.mark()
    press = await tg.press_button(HUNG, post, "Đồng ý")

    assert [a.ok for a in press.answers] == [True]
    assert texts(tg, HUNG.chat_id, since) == [receipt]
    assert texts(tg, FORUM.chat_id, since) == []


async def test_the_fake_refuses_an_answer_after_the_deadline(tg: BallotHarness) -> None:
    """The deadline the slow-press tests rely on is real in the fake."""
    [menu] = tg.server.sent_messages(AN.chat_id)[-1:]
    tg.server.callback_deadline = 0.0
    data = await tg.signed(Action("cmd", ("viec",)))
    update_id = tg.server.user_callback(AN.chat_id, AN.user_id, menu.message_id, data)
    await tg.settled(update_id)
    [answer] = tg.calls("answerCallbackQuery", 0)[-1:]
    assert answer.status == 400 and answer.response["description"].endswith(QUERY_TOO_OLD)


# ------------------------------------------------------------------------------ forum topics


async def test_replies_and_the_blocs_posts_go_to_the_topic_the_group_was_linked_in(
    tg: BallotHarness,
) -> None:
    answer = await bound(tg, FORUM, thread=7)
    assert answer.message_thread_id == 7

    since = tg.mark()
    await tg.settled(
        tg.server.user_message(
            FORUM.chat_id, AN.user_id, "/khoi", first_name=AN.first_name,
            chat_type=FORUM.chat_type, chat_title=FORUM.title, thread_id=9,
        )
    )  # fmt: skip
    [reply] = tg.to_chat(tg.server.calls[since:], "sendMessage", FORUM.chat_id)
    assert reply.params["message_thread_id"] == 9  # where it was asked

    await post_to_group(tg, FORUM.chat_id, "📢 Họp Khối chiều thứ Sáu.")
    calls = await tg.flush()
    [post] = tg.to_chat(calls, "sendMessage", FORUM.chat_id)
    assert post.ok and post.params["message_thread_id"] == 7  # where it was linked

    tg.server.chat_states.topics[FORUM.chat_id].discard(7)  # the topic deleted
    await post_to_group(tg, FORUM.chat_id, "📢 Nhớ mang theo báo cáo.")
    calls = await tg.flush()
    sent = tg.to_chat(calls, "sendMessage", FORUM.chat_id)
    assert [c.status for c in sent] == [400, 200]  # "message thread not found", then General
    assert "message_thread_id" not in sent[-1].params


# -------------------------------------------------------------------- anonymous administrators


async def as_the_group(tg: BallotHarness, group: Group, text: str) -> list[str]:
    """An anonymous administrator writes `text` in the group; the bot's answers there."""
    since = tg.mark()
    await tg.settled(
        tg.server.user_message(
            group.chat_id, 777, text, chat_type=group.chat_type, chat_title=group.title,
            anonymous_admin=True,
        )
    )  # fmt: skip
    return texts(tg, group.chat_id, since)


async def the_code(tg: BallotHarness, person: Person) -> str:
    reply = await tg.reply_to(person, "/lienket")
    found = re.findall(r"^/lienket (\S+)$", reply.text or "", re.M)
    assert len(found) == 1, reply.text
    return str(found[0])


async def test_an_anonymous_administrator_links_the_group_with_the_leaders_one_time_code(
    tg: BallotHarness,
) -> None:
    tg.server.set_admins(FORUM.chat_id, 555, AN.user_id, anonymous=(AN.user_id,))
    [asked] = await as_the_group(tg, FORUM, "/lienket")
    assert "quản trị viên ẩn danh" in asked and "/lienket" in asked
    assert await group_of(tg, FORUM.chat_id) is None

    code = await the_code(tg, AN)
    [done] = await as_the_group(tg, FORUM, f"/lienket {code}")

    assert done.startswith(f"✅ Đã liên kết nhóm «{FORUM.title}» với Khối thi đua Khối 7")
    group = await group_of(tg, FORUM.chat_id)
    assert group is not None and group.bound_by == (await identity_of(tg, AN)).officer_id
    [entry] = await audit(tg, "group.bound")
    assert entry.details["anonymous"] is True
    asked_admin = tg.calls("getChatMember", 0)
    assert [c.params["user_id"] for c in asked_admin] == [AN.user_id]

    tg.server.set_admins(OTHER.chat_id, 555, AN.user_id)
    [again] = await as_the_group(tg, OTHER, f"/lienket {code}")
    assert again.startswith("⚠️ Mã liên kết này đã được dùng.")
    assert await group_of(tg, OTHER.chat_id) is None


async def test_a_code_is_refused_where_its_holder_is_no_administrator(
    tg: BallotHarness,
) -> None:
    tg.server.set_admins(OTHER.chat_id, 555, HUNG.user_id, anonymous=(HUNG.user_id,))
    code = await the_code(tg, AN)

    [refused] = await as_the_group(tg, OTHER, f"/lienket {code}")
    tampered = code[:-1] + ("B" if code.endswith("A") else "A")
    [forged] = await as_the_group(tg, OTHER, f"/lienket {tampered}")

    assert refused.startswith("⚠️ Nguyễn Văn An (người nhận mã này) không phải quản trị viên")
    assert forged.startswith("⚠️ Mã liên kết không đúng hoặc đã hết hạn.")
    assert await group_of(tg, OTHER.chat_id) is None


async def test_only_the_leader_or_deputy_gets_a_code(tg: BallotHarness) -> None:
    reply = await tg.reply_to(BINH, "/lienket")

    assert reply.text == (
        "⚠️ Lệnh /lienket dùng trong nhóm chat của Khối: thêm bot vào nhóm rồi gõ /lienket ở đó."
    )


# --------------------------------------------------------------------------------- webhooks


async def test_workers_starting_together_all_register_the_webhook(
    server: FakeTelegramServer, runtime: Runtime
) -> None:
    """Telegram takes setWebhook once a second per bot: the workers refused wait it out."""
    bots = [make_bot(TOKEN, server.base_url) for _ in range(3)]
    hooks = [TelegramWebhook(TelegramChannel(runtime.app, bot), "s3cret") for bot in bots]
    try:
        await asyncio.gather(*(hook.register("https://bot.example.vn") for hook in hooks))
    finally:
        for bot in bots:
            await bot.session.close()

    statuses = [call.status for call in server.calls_of("setWebhook")]
    assert 429 in statuses and statuses.count(200) >= 1
    assert server.webhook_url == "https://bot.example.vn/webhook/telegram"
    assert server.webhook_allowed_updates == ["message", "callback_query", "my_chat_member"]
