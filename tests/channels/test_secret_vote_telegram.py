"""The secret vote on Telegram is as safe as on Zalo and the console: one tap never casts it.
A press on the group's post sends the choice to the voter's private chat, to confirm with
"✅ Gửi phiếu" or change; the receipt is then written in that message, which stays, and the
group sees nothing but its count. An open vote pressed in the group is cast at once, and its
receipt written privately too. (The sample bloc, its ranking published, on 20/12/2022.)"""

from __future__ import annotations

import re
from datetime import timedelta

from tests.channels.ballot_support import BallotHarness, stored_votes
from tests.channels.telegram_support import button_rows
from tests.channels.test_ballots_telegram import (
    FLAG,
    GROUP,
    NO,
    OFFICERS,
    RECEIPT,
    SEND,
    TO_CONFIRM,
    YES,
    count_line,
    flag,
    lines,
    open_ballot,
    posted,
    server,
    tg,
)
from tests.channels.test_scoring_telegram import HUNG, LAN

__all__ = ["flag", "server", "tg"]  # the fixtures, shared with the ballot tests

TITLE = "BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022"


async def test_a_secret_vote_pressed_in_the_group_is_confirmed_privately(tg: BallotHarness) -> None:
    opened = await posted(tg, await open_ballot(tg, FLAG))
    await tg.flush()

    press = await tg.press_button(HUNG, opened.post, YES)

    assert press.sends == [] and press.edits == []  # the group stays quiet
    assert press.toast == TO_CONFIRM and press.answers[0].params["show_alert"] is False
    assert await stored_votes(tg.runtime, opened.ballot_id) == (0, 0)  # nothing cast yet
    calls = await tg.flush()
    assert [c.params["chat_id"] for c in calls if c.method == "sendMessage"] == [HUNG.chat_id]
    confirm = tg.server.last_sent(HUNG.chat_id)
    assert confirm is not None and lines(confirm) == [
        f"🔒 Phiếu kín «{TITLE}»: ✅ Đồng ý.",
        "Phiếu kín gửi rồi không sửa được. Gửi?",
    ]
    assert button_rows(confirm) == [[SEND], ["◀ Sửa lại"]]

    back = await tg.press_button(HUNG, confirm, "◀ Sửa lại")  # changes their mind
    back.assert_edited_in_place(confirm)
    assert button_rows(confirm) == [[YES, NO]]
    (await tg.press_button(HUNG, confirm, NO)).assert_edited_in_place(confirm)
    assert lines(confirm)[0] == f"🔒 Phiếu kín «{TITLE}»: ❌ Không đồng ý."
    assert await stored_votes(tg.runtime, opened.ballot_id) == (0, 0)

    sent = await tg.press_button(HUNG, confirm, SEND)

    sent.assert_edited_in_place(confirm)
    assert re.fullmatch(f"✅ Đã ghi nhận phiếu của Sở GTVT. {RECEIPT}", lines(confirm)[0])
    assert str(sent.toast) == lines(confirm)[0].removeprefix("✅ ")  # the toast, written down
    assert "✅ Đơn vị anh/chị đã bỏ phiếu." in (confirm.text or "")
    assert await stored_votes(tg.runtime, opened.ballot_id) == (1, 1)
    await tg.runtime.app.live_counts.settled()  # the count, taken after the vote's commit…
    tg.clock.advance(timedelta(seconds=5))  # …goes out after its batch
    calls = await tg.flush()
    assert [c.method for c in calls] == ["editMessageText"]  # the group's count, nothing else
    assert lines(opened.post)[-1] == count_line(1)


async def test_a_unit_that_voted_is_told_at_the_first_tap(tg: BallotHarness) -> None:
    opened = await posted(tg, await open_ballot(tg, FLAG))
    await opened.vote(HUNG)  # confirmed privately, as above
    await tg.flush()
    before = len(tg.server.sent_messages(LAN.chat_id))

    press = await tg.press_button(LAN, opened.post, YES)  # a colleague of the same unit

    assert press.answers[0].params["show_alert"] is True
    assert press.toast == "Sở GTVT đã bỏ phiếu rồi; phiếu kín mỗi đơn vị chỉ bỏ một lần."
    await tg.flush()
    assert len(tg.server.sent_messages(LAN.chat_id)) == before  # no paper to confirm
    assert await stored_votes(tg.runtime, opened.ballot_id) == (1, 1)


async def test_an_open_vote_in_the_group_is_cast_and_its_receipt_written_privately(
    tg: BallotHarness,
) -> None:
    opened = await posted(tg, await open_ballot(tg, FLAG, "🔒 Kín → công khai"))
    await tg.flush()

    press = await tg.press_button(HUNG, opened.post, YES)

    assert press.sends == [] and press.edits == []
    assert re.fullmatch(f"Đã ghi nhận phiếu của Sở GTVT. {RECEIPT}", str(press.toast))
    assert await stored_votes(tg.runtime, opened.ballot_id) == (1, 1)
    calls = await tg.flush()
    assert [c.params["chat_id"] for c in calls if c.method == "sendMessage"] == [HUNG.chat_id]
    receipt = tg.server.last_sent(HUNG.chat_id)
    assert receipt is not None and lines(receipt)[0] == f"✅ {press.toast}"
    code = re.findall(r"[2-9A-Z]{3}-[2-9A-Z]{3}", str(press.toast))[0]
    assert f"Đơn vị đã bỏ phiếu (mã biên nhận {code}): đồng ý " in (receipt.text or "")
    assert tg.to_chat(calls, "sendMessage", GROUP.chat_id) == []
    for person in OFFICERS.keys() - {HUNG}:
        assert tg.to_chat(calls, "sendMessage", person.chat_id) == [], person
