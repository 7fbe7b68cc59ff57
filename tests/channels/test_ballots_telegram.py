"""Ballots (bình xét) through Telegram: the real aiogram 3 stack long polling the fake Bot API,
the outbox dispatcher sending through the same channel, and a clock moved by hand.

The sample bloc (5 units) joins on 10/01/2022 while its invites are live; its annual ranking
is written straight to the database (Sở GTVT first, 100 points); the leader binds the group
and opens ballots from a private chat on 20/12/2022 at 08:30, closing at 10:30 by default.
The group gets the ballot post and every officer the paper privately; a press in the group
votes and is answered with a private toast; the live count is edited in once per batch.
Every wait is on a condition, bounded by a timeout: nothing sleeps.

SQLite by default; with TEST_POSTGRES_URL set, PostgreSQL in a fresh schema, where two
more tests race transactions against each other (SQLite runs one at a time)."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from bot.request import Action
from bot.runtime import Runtime
from domain.services import voting
from scheduler.jobs import ballot_tick
from tests.channels.ballot_support import (
    BallotHarness,
    Group,
    ballots_of,
    bloc_data,
    checkouts,
    import_bloc,
    membership_of,
    open_flag,
    outbox_status,
    publish_ranking,
    running,
    sqlite_busy_timeout,
    stored_votes,
    unpaced,
)
from tests.channels.telegram_support import button_data, button_rows
from tests.channels.test_scoring_telegram import AN, BINH, BOT_USERNAME, HUNG, LAN, Person
from tests.conftest import TEST_DATABASE
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_server import FakeTelegramServer, RecordedCall, StoredMessage

BLOC = "khoi7-travinh"
DUNG = Person(1005, "Võ Thị", "Dung")  # Sở TN&MT
GIANG = Person(1006, "Đỗ Văn", "Giang")  # Đài PT-TH
CUONG = Person(1009, "Lê", "Cường")  # joined nothing
OFFICERS = {AN: "SNN", HUNG: "SGT", LAN: "SGT", BINH: "SCT", DUNG: "STN", GIANG: "PTTH"}
GROUP = Group(-1001234567001, "Khối 7 Trà Vinh")
FINALS = {"SGT": Decimal(100), "SNN": Decimal("99.5"), "STN": Decimal(97),
          "PTTH": Decimal(96), "SCT": Decimal(95)}  # fmt: skip
PUBLISHED = datetime(2022, 12, 16, 1, 0, tzinfo=UTC)
MEETING = datetime(2022, 12, 20, 1, 30, tzinfo=UTC)  # 08:30 local; ballots close at 10:30
CLOSES = datetime(2022, 12, 20, 3, 30, tzinfo=UTC)

FLAG_HEAD = [
    "🗳 BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022",
    "Ứng viên:",
    "• Sở Giao thông vận tải — 100 điểm",
    "Bỏ phiếu kín · mỗi đơn vị 1 phiếu · cần ≥ 70% tổng số 5 đơn vị (≥ 4 phiếu đồng ý)",
]
YES, NO = "✅ Đồng ý", "❌ Không đồng ý"
SEND = "✅ Gửi phiếu"
TO_CONFIRM = (
    "Phiếu kín: anh/chị xác nhận lựa chọn trong tin nhắn riêng với bot. "
    "Phiếu chỉ được tính sau khi bấm «✅ Gửi phiếu»."
)
FLAG, MERIT = "🚩 Đề nghị Cờ thi đua của UBND tỉnh", "🎖 Đề nghị Bằng khen của Chủ tịch UBND tỉnh"
RECEIPT = r"Mã biên nhận: [2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}\."
CLOSED_ALERT = (
    "Cuộc bỏ phiếu đã đóng lúc 10:30 20/12/2022; phiếu gửi sau đó không được tính. "
    "Gõ /binhxet để xem kết quả."
)
ON_POSTGRES = TEST_DATABASE == "postgresql"


def lines(message: StoredMessage) -> list[str]:
    return (message.text or "").splitlines()


def results(tg: BallotHarness) -> list[StoredMessage]:
    """The result messages the group got."""
    sent = tg.server.sent_messages(GROUP.chat_id)
    return [m for m in sent if (m.text or "").startswith("KẾT QUẢ")]


def count_line(voted: int, members: int = 5) -> str:
    return f"Đã bỏ phiếu: {voted}/{members} đơn vị"


@dataclass
class Opened:
    tg: BallotHarness
    ballot_id: int
    post: StoredMessage  # the group's post, as it stands now

    async def vote(self, person: Person, label: str = YES) -> dict[str, object]:
        """`person` presses `label` on the group post, then "✅ Gửi phiếu" on the secret
        choice it sends them privately; the answer to the press that decided (the receipt
        toast, or the refusal's alert)."""
        press = await self.tg.press_button(person, self.post, label)
        assert press.sends == [] and press.edits == [], press.calls  # the group sees nothing
        [answer] = press.answers
        if answer.params.get("text") != TO_CONFIRM:
            return answer.params
        await self.tg.flush()
        confirm = self.tg.server.last_sent(person.chat_id)
        assert confirm is not None and button_rows(confirm) == [[SEND], ["◀ Sửa lại"]]
        sent = await self.tg.press_button(person, confirm, SEND)
        sent.assert_edited_in_place(confirm)  # the receipt stays written where it was sent
        [answer] = sent.answers
        if not answer.params.get("show_alert"):
            assert str(answer.params["text"]) in (confirm.text or ""), confirm.text
        return answer.params

    async def after_batch(self) -> list[str]:
        """The count batch elapses; the group post's texts each edit left."""
        await self.tg.runtime.app.live_counts.settled()  # the count is taken before it
        self.tg.clock.advance(timedelta(seconds=5))
        calls = await self.tg.flush()
        return [c.params["text"] for c in self.tg.to_chat(calls, "editMessageText", GROUP.chat_id)]


# --------------------------------------------------------------------------------- fixtures


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
    """Six officers of the five units joined; the leader linked the group; the ranking is
    published; the clock at the annual meeting."""
    unpaced(monkeypatch)
    async with running(server, sample_runtime, clock, invite_codes) as harness:
        for person, unit in OFFICERS.items():
            await harness.join(person, unit)
        [bound] = await harness.say_in(GROUP, AN, "/lienket")
        assert "Khối thi đua Khối 7" in (bound.text or ""), bound.text
        await publish_ranking(sample_runtime, BLOC, 2022, FINALS, PUBLISHED)
        clock.current = MEETING
        yield harness


async def deliver(tg: BallotHarness, rounds: int = 3) -> list[RecordedCall]:
    """The dispatcher's rounds 5 s apart on the clock: what was queued goes out."""
    calls = []
    for _ in range(rounds):
        calls += await tg.flush()
        tg.clock.advance(timedelta(seconds=5))
    return calls


async def open_ballot(tg: BallotHarness, kind: str, *setup: str) -> int:
    """The leader opens a ballot in private (/binhxet → buttons); its id."""
    screen = await tg.reply_to(AN, "/binhxet")
    for label in ("➕ Mở cuộc bình xét mới", kind, *setup, "✅ Mở bỏ phiếu"):
        press = await tg.press_button(AN, screen, label)
        press.assert_edited_in_place(screen)
    assert lines(screen)[0].startswith("🗳 Đã mở bỏ phiếu"), screen.text
    ballot_id = (await ballots_of(tg.runtime, BLOC))[-1].id
    assert ballot_id is not None
    return ballot_id


async def posted(tg: BallotHarness, ballot_id: int) -> Opened:
    """One dispatcher round, which sends the group its post."""
    calls = await tg.flush()
    [sent] = [c for c in tg.to_chat(calls, "sendMessage", GROUP.chat_id) if c.ok]
    return Opened(tg, ballot_id, tg.server.messages[(GROUP.chat_id, sent.result["message_id"])])


@pytest.fixture
async def flag(tg: BallotHarness) -> Opened:
    return await posted(tg, await open_ballot(tg, FLAG))


# ----------------------------------------------------------------------- opening a ballot


async def test_the_group_gets_the_post_and_every_officer_the_paper(flag: Opened) -> None:
    assert lines(flag.post) == [*FLAG_HEAD, "Đóng lúc 10:30 20/12/2022.", count_line(0)]
    assert button_rows(flag.post) == [[YES, NO]]
    for person in OFFICERS:  # the leader's is the answer to opening it, the others' a notice
        paper = flag.tg.server.last_sent(person.chat_id)
        assert paper is not None and FLAG_HEAD[0] in lines(paper), person
        assert lines(paper)[lines(paper).index(FLAG_HEAD[0]) :][:4] == FLAG_HEAD
        assert "🔒 Phiếu kín: mỗi đơn vị bỏ một lần, gửi rồi không sửa được." in lines(paper)
        assert button_rows(paper) == [[YES, NO]]


# ------------------------------------------------------------------------ voting in the group


async def test_a_vote_in_the_group_is_a_private_toast_and_the_count_follows(flag: Opened) -> None:
    answer = await flag.vote(HUNG)

    assert re.fullmatch(f"Đã ghi nhận phiếu của Sở GTVT. {RECEIPT}", str(answer["text"]))
    assert lines(flag.post)[-1] == count_line(0)  # not yet: the count waits for its batch
    assert await stored_votes(flag.tg.runtime, flag.ballot_id) == (1, 1)

    again = await flag.vote(LAN)  # the same unit, another officer

    assert again["show_alert"] is True
    assert again["text"] == "Sở GTVT đã bỏ phiếu rồi; phiếu kín mỗi đơn vị chỉ bỏ một lần."
    assert await stored_votes(flag.tg.runtime, flag.ballot_id) == (1, 1)
    assert [text.splitlines()[-1] for text in await flag.after_batch()] == [count_line(1)]
    assert lines(flag.post)[-1] == count_line(1)
    assert button_rows(flag.post) == [[YES, NO]]


async def test_votes_inside_one_batch_make_one_edit(flag: Opened) -> None:
    for person in (HUNG, BINH, DUNG):
        await flag.vote(person, YES if person is not BINH else NO)

    edits = await flag.after_batch()

    assert [text.splitlines()[-1] for text in edits] == [count_line(3)]
    assert await flag.after_batch() == []  # nothing more to say


async def test_a_stranger_pressing_in_the_group_is_refused(flag: Opened) -> None:
    answer = await flag.vote(CUONG)

    assert answer["show_alert"] is True
    assert answer["text"] == (
        "Lê Cường chưa là cán bộ của đơn vị thành viên trong khối này. "
        "Nhắn riêng cho bot: /start kèm mã mời của đơn vị."
    )
    assert await stored_votes(flag.tg.runtime, flag.ballot_id) == (0, 0)


async def test_forged_buttons_are_refused(flag: Opened) -> None:
    tg, data = flag.tg, button_data(flag.post, YES)
    body, _, signature = data.rpartition(":")
    tampered = body[:-1] + ("0" if body.endswith("1") else "1") + ":" + signature
    out_of_range = await tg.signed(Action("bs", (str(flag.ballot_id), "2")))  # a 2nd candidate
    for forged in (tampered, "1:bs:1:1:AAAAAAAA", out_of_range):
        press = await tg.press(HUNG, flag.post, forged)
        assert press.answers[0].params["show_alert"] is True, forged
        assert press.toast == "Nút này không hợp lệ hoặc đã cũ. Gõ /menu để mở menu mới."
        assert press.sends == [] and press.edits == []
    assert await stored_votes(tg.runtime, flag.ballot_id) == (0, 0)


# ---------------------------------------------------------------------------------- closing


async def test_the_scheduler_reminds_closes_and_posts_the_result(flag: Opened) -> None:
    tg, old_no = flag.tg, button_data(flag.post, NO)
    for person in (HUNG, AN, GIANG):
        await flag.vote(person)
    paper = tg.server.last_sent(DUNG.chat_id)
    assert paper is not None
    private = await tg.press_button(DUNG, paper, YES)  # from the paper in the private chat
    private.assert_edited_in_place(paper)
    assert lines(paper)[-1] == "Phiếu kín gửi rồi không sửa được. Gửi?"
    (await tg.press_button(DUNG, paper, SEND)).assert_edited_in_place(paper)
    assert re.fullmatch(f"✅ Đã ghi nhận phiếu của Sở TN&MT. {RECEIPT}", lines(paper)[0])
    await flag.after_batch()

    tg.clock.current = CLOSES - timedelta(minutes=25)  # 10:05: the last quarter of the time
    await ballot_tick(tg.runtime.uow, tg.clock, tg.runtime.app.notices)
    reminded = await tg.flush()
    assert {c.params["chat_id"] for c in reminded if c.method == "sendMessage"} == {BINH.chat_id}
    reminder = tg.server.last_sent(BINH.chat_id)
    assert reminder is not None and lines(reminder)[0] == (
        "⏰ Đơn vị anh/chị chưa bỏ phiếu «BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022». "
        "Hạn chót 10:30 20/12/2022."
    )

    tg.clock.current = CLOSES  # the tick has not run yet: the ballot is closed all the same
    late = await flag.vote(BINH, NO)
    assert late["show_alert"] is True and late["text"] == CLOSED_ALERT

    await ballot_tick(tg.runtime.uow, tg.clock, tg.runtime.app.notices)
    calls = await deliver(tg)
    assert lines(flag.post) == [*FLAG_HEAD, "Đã đóng lúc 10:30 20/12/2022.", count_line(4)]
    assert button_rows(flag.post) == []
    [result] = results(tg)
    assert lines(result)[:3] == [
        "KẾT QUẢ BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022: 4/5 đơn vị bỏ phiếu.",
        "Sở Giao thông vận tải: 4/5 phiếu đồng ý (80,0%) ≥ 70% → ĐẠT",
        "→ ĐỀ NGHỊ UBND tỉnh tặng Cờ thi đua: Sở Giao thông vận tải.",
    ]
    receipts = re.findall(r"[2-9A-Z]{3}-[2-9A-Z]{3}", lines(result)[3])
    assert len(set(receipts)) == 4 and lines(result)[3].startswith("Mã biên nhận đã được tính: ")
    uploads = [c.upload("document") for c in tg.to_chat(calls, "sendDocument", GROUP.chat_id)]
    names = [u.filename for u in uploads if u is not None]
    stem = f"binh-xet-2022-{flag.ballot_id}"
    assert names == [f"bien-ban-{stem}.docx", f"to-trinh-{stem}.docx", f"ket-qua-{stem}.png"]
    assert all(u is not None and u.content[:2] == b"PK" for u in uploads[:2])
    for person in OFFICERS:  # each officer reads the result privately too
        last = tg.server.last_sent(person.chat_id)
        assert last is not None and lines(last)[0] == lines(result)[0], person

    stale = await tg.press(BINH, flag.post, old_no)  # a button of the post as it was
    assert stale.answers[0].params["show_alert"] is True and stale.toast == CLOSED_ALERT
    assert await stored_votes(tg.runtime, flag.ballot_id) == (4, 4)


async def test_closing_right_after_a_vote_leaves_the_post_closed(flag: Opened) -> None:
    """At 429cdad the count edit still waiting for its batch went out after the closed
    post and turned it back into an open ballot with buttons."""
    tg = flag.tg
    tg.clock.advance(timedelta(seconds=10))  # the post went out 10 s ago
    await flag.vote(HUNG)
    tg.clock.advance(timedelta(seconds=1))  # the leader closes at once: everyone is in the room
    screen = await tg.reply_to(AN, "/binhxet")
    await tg.press_button(AN, screen, f"⏹ Đóng cuộc số {flag.ballot_id}")
    await tg.press_button(AN, screen, "⏹ Đóng và kiểm phiếu")

    await deliver(tg)

    assert lines(flag.post)[-2:] == ["Đã đóng lúc 08:30 20/12/2022.", count_line(1)]
    assert button_rows(flag.post) == []


# ----------------------------------------------------------------------------------- merit


async def test_a_merit_paper_goes_private_and_more_than_the_quota_is_refused(
    tg: BallotHarness,
) -> None:
    merit = await posted(tg, await open_ballot(tg, MERIT))
    assert "Mỗi đơn vị đồng ý tối đa 2 ứng viên." in lines(merit.post)
    assert button_rows(merit.post) == [["🗳 Bỏ phiếu (nhận phiếu riêng)"]]

    answer = await merit.vote(HUNG, "🗳 Bỏ phiếu (nhận phiếu riêng)")
    assert answer["text"] == (
        "Phiếu bầu đã gửi vào tin nhắn riêng với bot; anh/chị mở tin nhắn riêng để bỏ phiếu."
    )
    sent = await tg.flush()
    assert [c.params["chat_id"] for c in sent if c.method == "sendMessage"] == [HUNG.chat_id]
    paper = tg.server.last_sent(HUNG.chat_id)
    assert paper is not None
    ticks = [
        await tg.press_button(HUNG, paper, f"☐ {name}")
        for name in ("Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường",
                     "Đài Phát thanh và Truyền hình Trà Vinh")
    ]  # fmt: skip
    for tick in ticks[:2]:
        tick.assert_edited_in_place(paper)
    over = ticks[2]  # refused at the third tick, or else when the three are sent
    if over.edits:
        assert "Đánh dấu ứng viên đồng ý (đã chọn 3/2), rồi bấm «Gửi phiếu»." in lines(paper)
        over = await tg.press_button(HUNG, paper, "📨 Gửi phiếu (3 đồng ý)")

    assert over.answers[0].params["show_alert"] is True and over.edits == []
    assert "tối đa 2 ứng viên" in str(over.toast)
    if ticks[2].edits:  # back to two
        await tg.press_button(HUNG, paper, "☑ Sở Tài nguyên và Môi trường")
    assert await stored_votes(tg.runtime, merit.ballot_id) == (0, 0)
    asked = await tg.press_button(HUNG, paper, "📨 Gửi phiếu (2 đồng ý)")
    asked.assert_edited_in_place(paper)
    assert lines(paper) == [
        "🔒 Phiếu kín «BÌNH XÉT ĐỀ NGHỊ BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH NĂM 2022»: đồng ý "
        "Sở Nông nghiệp và Phát triển nông thôn, Sở Tài nguyên và Môi trường.",
        "Phiếu kín gửi rồi không sửa được. Gửi?",
    ]
    assert await stored_votes(tg.runtime, merit.ballot_id) == (0, 0)
    sent_ok = await tg.press_button(HUNG, paper, SEND)
    assert re.search(RECEIPT, str(sent_ok.toast))
    assert re.fullmatch(f"✅ Đã ghi nhận phiếu của Sở GTVT. {RECEIPT}", lines(paper)[0])
    assert await stored_votes(tg.runtime, merit.ballot_id) == (1, 1)


# ------------------------------------------------------------------- the platform's refusals


async def test_a_rate_limited_message_is_sent_later_exactly_once(tg: BallotHarness) -> None:
    await open_ballot(tg, FLAG)
    tg.server.fail_next("sendMessage", 429, retry_after=1)  # the post or a paper, whichever

    first = await tg.flush()

    [refused] = [call for call in first if call.status == 429]
    chat = refused.params["chat_id"]
    assert tg.to_chat(first, "sendMessage", chat) == [refused]  # put off, not hammered
    assert tg.to_chat(await tg.flush(), "sendMessage", chat) == []  # not before retry_after
    tg.clock.advance(timedelta(seconds=1))
    later = await deliver(tg)
    [retried] = tg.to_chat(later, "sendMessage", chat)
    assert retried.ok and retried.params["text"] == refused.params["text"]
    delivered = [c.params["chat_id"] for c in first + later if c.method == "sendMessage" and c.ok]
    assert max(Counter(delivered).values()) == 1  # nobody twice
    assert {GROUP.chat_id, *(p.chat_id for p in OFFICERS if p is not AN)} <= set(delivered)
    assert [status for status, _ in await outbox_status(tg.runtime, chat)][-1:] == ["sent"]


async def test_an_officer_who_blocked_the_bot_is_marked_and_the_others_get_the_paper(
    tg: BallotHarness,
) -> None:
    tg.server.block_chat(BINH.chat_id)

    await posted(tg, await open_ballot(tg, FLAG))

    assert await outbox_status(tg.runtime, BINH.chat_id) == [("blocked", "blocked")]
    for person in OFFICERS.keys() - {BINH, AN}:  # the leader has it as the answer to opening
        paper = tg.server.last_sent(person.chat_id)
        assert paper is not None and lines(paper)[0] == FLAG_HEAD[0], person
    tg.clock.advance(timedelta(minutes=5))
    assert tg.to_chat(await tg.flush(), "sendMessage", BINH.chat_id) == []  # never retried


async def test_a_rate_limited_document_does_not_repeat_the_result(flag: Opened) -> None:
    """At 429cdad a 429 on a document, after the text had gone out, sent the whole message
    again: the group read the result twice."""
    tg = flag.tg
    tg.clock.current = CLOSES
    await ballot_tick(tg.runtime.uow, tg.clock, tg.runtime.app.notices)
    tg.server.fail_next("sendDocument", 429, retry_after=1)
    await deliver(tg)

    assert len(results(tg)) == 1


# ------------------------------------------------------------------------------ concurrency


async def test_two_hundred_officers_of_a_hundred_units_press_at_once(
    server: FakeTelegramServer,
    runtime: Runtime,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unpaced(monkeypatch)
    # Beyond SQLite's 5 s a press is lost ("database is locked": the test below); this test
    # is about what 200 presses at once do to the votes, not about how long one waits.
    sqlite_busy_timeout(runtime, 60_000)
    codes = await import_bloc(runtime, bloc_data(100), clock.now())
    units = sorted(codes)
    people = [Person(5000 + n, "Cán bộ", f"{n:03d}") for n in range(200)]
    unit_of = {person: units[n // 2] for n, person in enumerate(people)}
    leader, *others = people
    async with running(server, runtime, clock, codes) as tg:
        # About the votes, not the wait: no press is answered early for being slow (that
        # is test_telegram_platform's subject), so each answer carries its receipt or alert.
        tg.channel.answer_grace = server.callback_deadline = 120.0
        await tg.join(leader, unit_of[leader])
        await tg.say_in(GROUP, leader, "/lienket")
        ballot_id = await open_flag(runtime, leader, units[1])
        await tg.flush()  # the group post (and the leader's paper: the others join after)
        [post] = tg.server.sent_messages(GROUP.chat_id)[-1:]
        assert lines(post)[-1] == count_line(0, 100)
        joins = [tg.server.user_message(p.chat_id, p.user_id, f"/start {codes[unit_of[p]]}",
                                        first_name=p.first_name, last_name=p.last_name)
                 for p in others]  # fmt: skip
        await tg.settled_all(joins)
        greeted = [tg.server.last_sent(p.chat_id) for p in others]
        assert all((m.text or "").startswith("Chào") for m in greeted if m), greeted[:1]
        # Each presses the confirmed choice at once: what the private "✅ Gửi phiếu" sends.
        yes, since = await tg.signed(Action("bs", (str(ballot_id), "1", "ok"))), tg.mark()

        presses = [tg.push_press(person, post, yes) for person in people]
        await tg.settled_all(presses)

        assert await stored_votes(runtime, ballot_id) == (100, 100)
        texts = [str(tg.answer(update_id).get("text")) for update_id in presses]
        alerts = [tg.answer(update_id).get("show_alert") for update_id in presses]
        won = [n for n, text in enumerate(texts) if re.search(RECEIPT, text)]
        lost = [n for n, text in enumerate(texts) if "đã bỏ phiếu rồi" in text]
        assert len(won) == len(lost) == 100, sorted(set(texts) - {texts[n] for n in won})[:3]
        assert all(alerts[n] is True for n in lost) and not any(alerts[n] for n in won)
        assert len({re.findall(RECEIPT, texts[n])[0] for n in won}) == 100
        assert sorted(unit_of[people[n]] for n in won) == units  # every unit once
        assert tg.calls("sendMessage", since) == tg.calls("editMessageText", since) == []
        await Opened(tg, ballot_id, post).after_batch()
        assert lines(post)[-1] == count_line(100, 100)


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite's single write lock")
async def test_a_vote_waiting_behind_a_long_transaction_is_not_lost(flag: Opened) -> None:
    """At 429cdad a press waiting for SQLite's write lock past busy_timeout (5 s in
    production) was answered with the generic error, its vote lost. Held for 2.5 times the
    timeout here: a retry of the transaction passes, as does a queue for the one writer."""
    tg, busy = flag.tg, 0.3
    sqlite_busy_timeout(tg.runtime, int(busy * 1000))  # the production 5 s, shortened
    checkout = checkouts(tg.runtime)
    async with tg.runtime.uow() as holder:  # BEGIN IMMEDIATE: the write lock is taken
        await holder.ballots.voted_units(flag.ballot_id)
        checkout.clear()
        sent = await tg.signed(Action("bs", (str(flag.ballot_id), "1", "ok")))
        press = tg.push_press(HUNG, flag.post, sent)
        with contextlib.suppress(TimeoutError):  # the press's transaction begins to wait
            await asyncio.wait_for(checkout.wait(), 3)
        with contextlib.suppress(TimeoutError):  # the bug answers after one busy_timeout
            await tg.settled_all([press], timeout=2.5 * busy)
    await tg.settled_all([press])

    assert re.search(RECEIPT, str(tg.answer(press).get("text"))), tg.answer(press)
    assert await stored_votes(tg.runtime, flag.ballot_id) == (1, 1)


@pytest.mark.skipif(not ON_POSTGRES, reason="SQLite runs one transaction at a time")
async def test_two_votes_in_flight_at_once_are_both_counted(flag: Opened) -> None:
    """At 429cdad two votes in flight at once each counted themselves and the committed ones
    only: the group post stayed short of the real count (98/100 after the 200 presses)."""
    tg = flag.tg
    tg.channel.answer_grace = 30.0  # the press waits 3 s on purpose: its receipt stays its answer
    [candidate] = (await ballots_of(tg.runtime, BLOC))[-1].candidates
    assert candidate.id is not None
    async with tg.runtime.uow() as uow:  # Sở GTVT's vote, cast and not yet committed
        member = await membership_of(uow, HUNG)
        yes = frozenset({candidate.id})
        await voting.cast(uow, member, flag.ballot_id, yes, tg.clock.now(), tg.runtime.app.notices)
        press = tg.push_press(
            BINH, flag.post, await tg.signed(Action("bs", (str(flag.ballot_id), "0", "ok")))
        )
        with contextlib.suppress(TimeoutError):  # with the bug it ends at once; a fix waits
            await tg.settled_all([press], timeout=3)
        await uow.commit()
    await tg.settled_all([press])
    assert re.search(RECEIPT, str(tg.answer(press).get("text")))

    for _ in range(3):  # every edit the votes queued, 3 s apart
        await flag.after_batch()

    assert await stored_votes(tg.runtime, flag.ballot_id) == (2, 2)
    assert lines(flag.post)[-1] == count_line(2)


@pytest.mark.skipif(not ON_POSTGRES, reason="SQLite runs one transaction at a time")
async def test_a_vote_in_flight_at_the_close_is_in_the_result(flag: Opened) -> None:
    """At 429cdad a vote committed while the scheduler closed the ballot got a receipt but
    was left out of the result and the minutes."""
    tg = flag.tg
    [candidate] = (await ballots_of(tg.runtime, BLOC))[-1].candidates
    assert candidate.id is not None
    tg.clock.current = CLOSES - timedelta(seconds=1)
    async with tg.runtime.uow() as uow:  # the last second: Sở GTVT's vote, not yet committed
        yes, notices = frozenset({candidate.id}), tg.runtime.app.notices
        member = await membership_of(uow, HUNG)
        cast = await voting.cast(uow, member, flag.ballot_id, yes, tg.clock.now(), notices)
        tg.clock.current = CLOSES
        tick = asyncio.create_task(ballot_tick(tg.runtime.uow, tg.clock, tg.runtime.app.notices))
        with contextlib.suppress(TimeoutError):  # with the bug it ends at once; a fix waits
            await asyncio.wait_for(asyncio.shield(tick), 3)
        await uow.commit()
    await tick
    await deliver(tg)

    [result] = results(tg)
    assert cast.receipt in (result.text or "") and "1/5 đơn vị bỏ phiếu" in lines(result)[0]
