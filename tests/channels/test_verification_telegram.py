"""Verification closes its loop, through Telegram: the real aiogram stack long polling the
fake Bot API, the outbox dispatcher beside it, the group bound, the clock moved by hand.

Every unit submitted its annual sheet on 20/11/2022 (Sở GTVT with full marks and 4 bonus
points, 104 in all). The leader (Sở NN&PTNT) verifies on 22/11, the unit answers, the
leader publishes after the window closes, and everyone concerned is told — once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.runtime import Runtime
from domain.model import Channel
from domain.services import scoring, verification
from domain.services.members import Membership
from domain.summary import Cycle
from tests.channels.ballot_support import BallotHarness, Group, running, unpaced
from tests.channels.telegram_support import button_rows
from tests.channels.test_ballots_telegram import DUNG, GIANG, OFFICERS
from tests.channels.test_ballots_zalo import member_of
from tests.channels.test_scoring_telegram import AN, BINH, BOT_USERNAME, HUNG, LAN, Person
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_server import FakeTelegramServer, RecordedCall, StoredMessage

GROUP = Group(-1001234567002, "Khối 7 Trà Vinh")
SUBMITTED = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)
VERIFYING = datetime(2022, 11, 22, 2, 0, tzinfo=UTC)  # 09:00 local
AFTER_CLOSE = datetime(2022, 12, 16, 1, 0, tzinfo=UTC)
MAXIMA = ["15", "10", "8", "7", "5", "5", "5", "5", "6", "5", "4", "5", "4", "3", "3", "4"]
MAXIMA += ["3", "3"]
FULL = dict(zip([str(n) for n in range(1, 19)], MAXIMA, strict=True))
EXTRA = {
    "SGT": {"20": "4"},
    "SCT": {"1": "13", "22": "1"},
    "SNN": {"1": "14,5"},
    "PTTH": {"2": "9"},
}
WHY_9 = "Chỉ số CCHC năm 2022 xếp thứ 12/19."
WHY_20 = "Chưa có quyết định tặng Cờ thi đua."
UNIT_OF = {"SNN": AN, "SGT": HUNG, "SCT": BINH, "STN": DUNG, "PTTH": GIANG}


def lines(message: StoredMessage) -> list[str]:
    return (message.text or "").splitlines()


async def submit_all(runtime: Runtime, clock: FakeClock, units: dict[str, Person]) -> None:
    clock.current = SUBMITTED
    async with runtime.uow() as uow:
        for unit, person in units.items():
            member = await member_of(uow, Channel.TELEGRAM, str(person.user_id))
            view = await scoring.open_sheet(uow, member, Cycle.ANNUAL, clock.now())
            assert view.sheet.id is not None
            for code, value in (FULL | EXTRA.get(unit, {})).items():
                await scoring.set_entry(uow, member, view.sheet.id, code, value, clock.now())
            await scoring.submit(uow, member, view.sheet.id, clock.now())
        await uow.commit()


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
    unpaced(monkeypatch)
    async with running(server, sample_runtime, clock, invite_codes) as harness:
        for person, unit in OFFICERS.items():
            await harness.join(person, unit)
        await harness.say_in(GROUP, AN, "/lienket")
        await submit_all(sample_runtime, clock, UNIT_OF)
        clock.current = VERIFYING
        await deliver(harness)  # what joining and binding queued
        yield harness


async def deliver(tg: BallotHarness, rounds: int = 2) -> list[RecordedCall]:
    calls = []
    for _ in range(rounds):
        calls += await tg.flush()
        tg.clock.advance(timedelta(seconds=5))
    return calls


def sent_to(tg: BallotHarness, calls: list[RecordedCall], person: Person) -> list[str]:
    return [str(c.params["text"]) for c in tg.to_chat(calls, "sendMessage", person.chat_id)]


async def change(tg: BallotHarness, *changes: tuple[str, str, str]) -> StoredMessage:
    """The leader opens Sở GTVT in /thamdinh and makes each change (code, value, reason)."""
    board = await tg.reply_to(AN, "/thamdinh")
    await tg.press_button(AN, board, "Sở GTVT (104 → 104)")
    last = board
    for code, value, reason in changes:
        await tg.reply_to(AN, code)
        await tg.reply_to(AN, value)
        last = await tg.reply_to(AN, reason)
    return last


async def test_changes_reach_the_unit_as_one_notice_and_its_answers_reach_the_leaders(
    tg: BallotHarness,
) -> None:
    done = await change(tg, ("9", "5", WHY_9), ("20", "1", WHY_20))
    assert "Điểm sau thẩm định: 100 (tự chấm 104)" in lines(done)[0]

    early = await deliver(tg)  # changes typed within minutes wait to go out as one
    assert sent_to(tg, early, HUNG) == [] and sent_to(tg, early, LAN) == []
    tg.clock.advance(timedelta(minutes=3))
    calls = await deliver(tg)
    for person in (HUNG, LAN):  # both officers of Sở GTVT, one message each
        [text] = sent_to(tg, calls, person)
        assert text.splitlines() == [
            "🔎 Khối trưởng đã thẩm định bảng điểm năm 2022 của Sở GTVT:",
            f"• 9 (Chỉ số cải cách hành chính của đơn vị): 6 → 5, lý do: «{WHY_9}»",
            "• 20 (Được tặng Cờ thi đua hoặc Bằng khen cấp trên trong năm): 4 → 1, "
            f"lý do: «{WHY_20}»",
            "Điểm sau thẩm định: 100 (tự chấm 104).",
            "Đơn vị đồng ý hoặc giải trình trước 09:00 24/11/2022.",
        ]
    for person in (AN, BINH, DUNG, GIANG):
        assert sent_to(tg, calls, person) == [], person
    notice = tg.server.last_sent(HUNG.chat_id)
    assert notice is not None and button_rows(notice) == [["✅ Đồng ý", "✍️ Giải trình"]]

    press = await tg.press_button(HUNG, notice, "✍️ Giải trình")
    [choose] = press.sends
    choice = tg.server.messages[(HUNG.chat_id, choose.result["message_id"])]
    assert button_rows(choice) == [["Giải trình 9 (6 → 5)"], ["Giải trình 20 (4 → 1)"]]
    press = await tg.press_button(HUNG, choice, "Giải trình 9 (6 → 5)")
    asked = press.sends or press.edits
    assert asked, press.calls
    explained = await tg.reply_to(HUNG, "Chỉ số CCHC của Sở xếp thứ 8/19 theo Quyết định 12.")
    assert explained.text == "✍️ Đã gửi giải trình về 9 cho Khối trưởng."

    calls = await deliver(tg)
    for person in (AN, GIANG):  # the leader's and the deputy's officers
        [told] = sent_to(tg, calls, person)
        assert told == (
            "✍️ Sở GTVT giải trình về 9 (6 → 5): "
            "«Chỉ số CCHC của Sở xếp thứ 8/19 theo Quyết định 12.»"
        )
    lan_notice = tg.server.last_sent(LAN.chat_id)
    assert lan_notice is not None
    press = await tg.press_button(LAN, lan_notice, "✅ Đồng ý")  # agrees to what is left: 20
    sent = [str(c.params["text"]) for c in press.sends] + [
        str(c.params["text"]) for c in press.edits
    ]
    assert "✅ Đã gửi: Sở GTVT đồng ý với 1 điều chỉnh của thẩm định." in sent

    board = await tg.reply_to(AN, "/thamdinh")
    assert "● Sở GTVT — tự chấm 104 → 100 · ✍️ 1 giải trình" in lines(board)
    await tg.press_button(AN, board, "Sở GTVT (104 → 100)")
    detail = "\n".join(lines(board))
    assert "✍️ đơn vị giải trình: «Chỉ số CCHC của Sở xếp thứ 8/19" in detail
    assert f"4/4 điểm → 1, lý do: «{WHY_20}» ✅ đơn vị đồng ý" in detail


async def test_the_time_to_answer_ends_with_the_blocs_hours(tg: BallotHarness) -> None:
    await change(tg, ("9", "5", WHY_9))
    tg.clock.advance(timedelta(minutes=3))
    await deliver(tg)
    notice = tg.server.last_sent(HUNG.chat_id)
    assert notice is not None
    tg.clock.advance(timedelta(hours=48))

    press = await tg.press_button(HUNG, notice, "✅ Đồng ý")

    assert (press.toast or "").startswith("Đã quá 48 giờ kể từ khi thẩm định")
    async with tg.runtime.uow() as uow:
        leader = await member_of(uow, Channel.TELEGRAM, str(AN.user_id))
        review = await verification.unit_review(uow, leader, _unit(leader, "SGT"), Cycle.ANNUAL)
    assert [entry.answer for entry in review.changes()] == [None]


async def test_agreeing_with_the_whole_sheet_verifies_it_and_tells_the_unit(
    tg: BallotHarness,
) -> None:
    board = await tg.reply_to(AN, "/thamdinh")
    await tg.press_button(AN, board, "Sở Công Thương (90 → 90)")
    press = await tg.press_button(AN, board, "✅ Đồng ý toàn bộ bảng điểm")
    press.assert_edited_in_place(board)
    assert lines(board)[0] == (
        "✅ Đã thẩm định xong bảng điểm của Sở Công Thương: 90 điểm (tự chấm 90). "
        "Đơn vị đã được báo."
    )

    calls = await deliver(tg)
    assert sent_to(tg, calls, BINH) == [
        "✅ Bảng điểm năm 2022 của Sở Công Thương đã được thẩm định: 90 điểm (tự chấm 90)."
    ]
    again = await tg.reply_to(AN, "/thamdinh")
    assert "✅ Sở Công Thương — 90 điểm (tự chấm 90)" in lines(again)
    assert lines(again)[0] == "🔎 Thẩm định năm 2022 (tổng kết) — đã thẩm định 1/5"


async def test_publishing_asks_first_then_tells_the_group_and_every_unit(
    tg: BallotHarness,
) -> None:
    async with tg.runtime.uow() as uow:
        leader = await member_of(uow, Channel.TELEGRAM, str(AN.user_id))
        deputy = await member_of(uow, Channel.TELEGRAM, str(GIANG.user_id))
        for unit in ("SGT", "SCT", "STN", "PTTH"):
            await verification.mark_verified(uow, leader, _unit(leader, unit), Cycle.ANNUAL,
                                             tg.clock.now())  # fmt: skip
        await uow.commit()
    await deliver(tg)
    tg.clock.current = AFTER_CLOSE
    ranking = await tg.reply_to(AN, "/xephang")
    await tg.press_button(AN, ranking, "📢 Công bố xếp hạng")
    assert lines(ranking) == [
        "📢 Công bố xếp hạng năm 2022 (tổng kết)? Công bố rồi điểm không thay đổi nữa.",
        "• Chưa thẩm định xong: Sở NN&PTNT",
        "• Bảng điểm của đơn vị Khối trưởng cần Khối phó thẩm định.",
    ]
    async with tg.runtime.uow() as uow:
        deputy = await member_of(uow, Channel.TELEGRAM, str(GIANG.user_id))
        await verification.mark_verified(uow, deputy, _unit(deputy, "SNN"), Cycle.ANNUAL,
                                         tg.clock.now())  # fmt: skip
        await uow.commit()
    await deliver(tg)
    await tg.press_button(AN, ranking, "◀ Quay lại")
    ranking = await tg.reply_to(AN, "/xephang")
    await tg.press_button(AN, ranking, "📢 Công bố xếp hạng")
    assert lines(ranking)[1] == "Mọi bảng điểm đã thẩm định, không còn điều chỉnh nào chờ trả lời."

    press = await tg.press_button(AN, ranking, "📢 Công bố")

    assert press.toast == "Đã công bố bảng xếp hạng cho cả Khối."
    calls = await deliver(tg)
    [post] = [str(c.params["text"]) for c in tg.to_chat(calls, "sendMessage", GROUP.chat_id)]
    assert post.splitlines() == [
        "📢 Khối trưởng đã công bố xếp hạng thi đua năm 2022 (tổng kết) của Khối thi đua Khối 7:",
        "1. Sở GTVT — 104 điểm",
        "2. Sở TN&MT — 100 điểm",
        "3. Sở NN&PTNT — 99,5 điểm",
        "4. Đài PT-TH — 99 điểm",
        "5. Sở Công Thương — 90 điểm",
    ]
    files = [c.upload("document") for c in tg.to_chat(calls, "sendDocument", GROUP.chat_id)]
    assert [f.filename for f in files if f] == [
        "bang-tong-hop-diem-tong-ket-2022.xlsx",
        "xep-hang-tong-ket-2022.png",
    ]
    assert sent_to(tg, calls, HUNG) == [
        "📢 Đã công bố xếp hạng năm 2022: Sở GTVT xếp thứ 1/5 với 104 điểm. "
        "Gõ /xephang để xem cả bảng."
    ]
    assert len(sent_to(tg, calls, BINH)) == len(sent_to(tg, calls, DUNG)) == 1


async def test_an_extension_is_told_to_every_unit_and_the_group_and_lets_them_score(
    tg: BallotHarness,
) -> None:
    tg.clock.current = AFTER_CLOSE
    board = await tg.reply_to(AN, "/thamdinh")
    await tg.press_button(AN, board, "⏱ Gia hạn, mở lại bảng điểm")
    await tg.press_button(AN, board, "⏱ Gia hạn đợt chấm điểm tổng kết (hạn 15/12/2022)")
    asked = await tg.reply_to(AN, "20/12")
    assert (asked.text or "").startswith("Lý do gia hạn (mọi đơn vị sẽ đọc")
    done = await tg.reply_to(AN, "Nhiều đơn vị xin bổ sung minh chứng.")
    assert done.text == (
        "✅ Đã gia hạn đến 23:59 20/12/2022. Mọi đơn vị và nhóm của khối đã được báo."
    )

    calls = await deliver(tg)
    told = "⏱ Đợt chấm điểm tổng kết năm 2022 được gia hạn đến 23:59 20/12/2022. " \
        "Lý do: «Nhiều đơn vị xin bổ sung minh chứng.»"  # fmt: skip
    assert [str(c.params["text"]) for c in tg.to_chat(calls, "sendMessage", GROUP.chat_id)] == [
        told
    ]
    for person in OFFICERS:
        assert sent_to(tg, calls, person) == [told], person


async def test_a_reopened_sheet_is_told_and_can_be_corrected_after_the_close(
    tg: BallotHarness,
) -> None:
    tg.clock.current = AFTER_CLOSE
    board = await tg.reply_to(AN, "/thamdinh")
    await tg.press_button(AN, board, "⏱ Gia hạn, mở lại bảng điểm")
    await tg.press_button(AN, board, "🔓 Mở lại bảng điểm của một đơn vị")
    await tg.press_button(AN, board, "Sở GTVT")
    await tg.reply_to(AN, "18/12/2022")
    done = await tg.reply_to(AN, "Đơn vị xin sửa điểm thưởng.")
    assert (
        done.text == "🔓 Đã mở lại bảng điểm của Sở GTVT đến 23:59 18/12/2022. Đơn vị đã được báo."
    )

    calls = await deliver(tg)
    for person in (HUNG, LAN):
        assert sent_to(tg, calls, person) == [
            "🔓 Bảng điểm năm 2022 của Sở GTVT được mở lại để sửa đến 23:59 18/12/2022. "
            "Lý do: «Đơn vị xin sửa điểm thưởng.». Gõ /chamdiem, sửa rồi nộp lại."
        ]
    async with tg.runtime.uow() as uow:
        member = await member_of(uow, Channel.TELEGRAM, str(HUNG.user_id))
        sheet = await uow.scores.find_sheet(
            member.year.id or 0, _unit(member, "SGT"), _unit(member, "SGT"), Cycle.ANNUAL
        )
        assert sheet is not None and sheet.id is not None
        view = await scoring.set_entry(uow, member, sheet.id, "20", "2", tg.clock.now())
        assert view.totals.final == 102
        await uow.commit()


def _unit(member: Membership, code: str) -> int:
    """The sample's units join the year in the file's order."""
    order = ["SNN", "STN", "SGT", "SCT", "PTTH"]
    return member.year.member_unit_ids[order.index(code)]


async def test_the_unit_answers_from_its_sheet_too(tg: BallotHarness) -> None:
    await change(tg, ("22", "1", "Đăng ký thi đua sau hạn 31/3."))
    sheet = await tg.reply_to(HUNG, "/chamdiem")

    assert button_rows(sheet)[0] == ["✅ Đồng ý", "✍️ Giải trình"]
    assert '• Tiêu chí 22: 0 → 1 — "Đăng ký thi đua sau hạn 31/3."' in lines(sheet)
    press = await tg.press_button(HUNG, sheet, "✍️ Giải trình")  # one change: asked at once
    [asked] = press.sends
    assert str(asked.params["text"]).startswith("Giải trình về 22 (0 → 1): gõ nội dung")
    done = await tg.reply_to(HUNG, "Sở đã gửi đăng ký ngày 30/3 qua văn bản điện tử.")
    assert done.text == "✍️ Đã gửi giải trình về 22 cho Khối trưởng."
    again = await tg.reply_to(HUNG, "/chamdiem")
    assert "✅ Đồng ý" not in [label for row in button_rows(again) for label in row]
