"""Ballots on Zalo: the real ZaloChannel long polling FakeZaloServer, and the OutboxDispatcher
sending the bloc's notices through the same channel. Zalo has no buttons: the leader sets a
ballot up by typing the numbers shown, officers vote by typing "1", files come as links.

A secret ballot asks before it is cast: "1" on the paper shows the choice again with
"1. ✅ Gửi phiếu", and only that casts the vote, so a digit meant for another list never does.

Zalo private chats are keyed by the person (a private chat's id is the sender's id), which
is where the outbox sends a person's notices. Waits are on recorded calls, never sleeps."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import aiohttp
import pytest

from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_api import ZaloBotAPI
from bot.dispatcher import OutboxDispatcher, link_maker
from bot.runtime import Runtime
from bot.views.names import given_name
from bot.web import WebServer
from domain.model import Channel
from domain.ports import UnitOfWork
from domain.services import members, ranking, scoring
from domain.services.members import Membership
from domain.summary import Cycle
from tests.channels.ballot_support import unpaced
from tests.channels.test_zalo_channel import WAIT_SECONDS, ZaloChat
from tests.e2e.test_annual_review import FULL
from tests.fakes.clock import FakeClock
from tests.fakes.zalo_server import FakeZaloServer

TOKEN = "987654321:zalo-ballot-test-token"
# Officer → (unit, display name). Two officers for Sở TN&MT: one unit, one vote.
OFFICERS = {
    "SNN": ("SNN", "Nguyễn Văn Đông"),
    "STN": ("STN", "Trần Thị Mai"),
    "STN2": ("STN", "Lê Văn Hòa"),
    "SGT": ("SGT", "Phạm Minh Tuấn"),
    "SCT": ("SCT", "Võ Thị Lan"),
    "PTTH": ("PTTH", "Thạch Sô Phol"),
}
# Item 1 as each unit scored it (all else full): SGT 100, SNN 99,5, STN 97, PTTH 96, SCT 94.
ITEM_ONE = {"SGT": "15", "SNN": "14,5", "STN": "12", "PTTH": "11", "SCT": "9"}
REVIEW_MORNING = datetime(2022, 12, 20, 1, 30, tzinfo=UTC)  # 08:30 local, the annual review
SCORING_MORNING = datetime(2022, 11, 21, 2, 0, tzinfo=UTC)  # 09:00 local, scoring still open
PTTH_NAME = "Đài Phát thanh và Truyền hình Trà Vinh"
YES_NO = "\n\n1. ✅ Đồng ý\n2. ❌ Không đồng ý"
OPENED = (
    "🗳 Đã mở bỏ phiếu; phiếu bầu đã gửi đến cán bộ các đơn vị "
    "(và nhóm Telegram của Khối, nếu đã liên kết)."
)
CONFIRM = "\n\n1. ✅ Gửi phiếu\n2. ◀ Sửa lại"  # a secret vote's last step
AFTER_VOTE = "\n\n1. 🗳 Bỏ phiếu\n2. ☰ Menu chính"  # the receipt's ways on
BUSY_HINT = "Anh/chị đang làm dở một việc khác; khi xong, gõ /binhxet để bỏ phiếu."
LINK = re.compile(r"📎 (\S+): (http://\S+)")
RECEIPT = re.compile(r"Mã biên nhận: ([0-9A-Z]{3}-[0-9A-Z]{3})\.")
CHOICE = re.compile(r"^([0-9]+|[a-z])\. (.+)$", re.MULTILINE)


def choice(screen: str, label: str) -> str:
    """What a person types for the numbered (or lettered) line showing `label`."""
    keys = [key for key, line in CHOICE.findall(screen) if label in line]
    assert len(keys) == 1, f"one line with {label!r} expected in:\n{screen}"
    return str(keys[0])


async def member_of(uow: UnitOfWork, channel: Channel, external_id: str) -> Membership:
    identity = await uow.people.identity(channel, external_id)
    assert identity is not None, external_id
    officer = await members.officer_of(uow, identity)
    return await members.membership(uow, officer, channel)


async def publish_annual_ranking(
    runtime: Runtime, clock: FakeClock, channel: Channel, officers: dict[str, str]
) -> None:
    """Each unit's sheet typed in through the scoring service (20/11) by its officer on
    `channel` (unit code → account id), then the leader publishes the ranking (16/12)."""
    clock.current = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)
    async with runtime.uow() as uow:
        for unit, external_id in officers.items():
            member = await member_of(uow, channel, external_id)
            sheet = (await scoring.open_sheet(uow, member, Cycle.ANNUAL, clock.now())).sheet.id
            assert sheet is not None
            for code, maximum in FULL.items():
                value = ITEM_ONE[unit] if code == "1" else maximum
                await scoring.set_entry(uow, member, sheet, code, value, clock.now())
            await scoring.submit(uow, member, sheet, clock.now())
        await uow.commit()
    clock.current = datetime(2022, 12, 16, 1, 0, tzinfo=UTC)
    async with runtime.uow() as uow:
        leader = await member_of(uow, channel, officers["SNN"])
        await ranking.publish(uow, leader, Cycle.ANNUAL, clock.now())
        await uow.commit()


# -- fixtures ---------------------------------------------------------------------------


@pytest.fixture
async def server() -> AsyncIterator[FakeZaloServer]:
    async with FakeZaloServer(token=TOKEN) as fake:
        yield fake


@pytest.fixture
async def zalo(sample_runtime: Runtime, server: FakeZaloServer) -> AsyncIterator[ZaloChannel]:
    """The channel polling the fake server; yielded once its first long poll is waiting."""
    api = ZaloBotAPI(TOKEN, server.base_url)
    channel = ZaloChannel(sample_runtime.app, api, polling_timeout=1)
    since = len(server.calls)
    task = asyncio.create_task(channel.run(), name="zalo-channel")
    try:
        await server.wait_for("getUpdates", WAIT_SECONDS, since=since)
        yield channel
    finally:
        await channel.stop()
        await server.stop()  # answers the waiting long poll at once
        try:
            await asyncio.wait_for(task, timeout=WAIT_SECONDS)
        finally:
            await api.close()


@pytest.fixture
async def web(sample_runtime: Runtime, clock: FakeClock) -> AsyncIterator[WebServer]:
    """The bot's web server, where the file links point."""
    app = sample_runtime.app
    server = WebServer(app.uow_factory, clock, await app.signing_secret(), port=0)
    await server.start()
    app.config = replace(app.config, public_base_url=f"http://127.0.0.1:{server.port}")
    yield server
    await server.stop()


@pytest.fixture
async def dispatcher(
    sample_runtime: Runtime, zalo: ZaloChannel, web: WebServer, monkeypatch: pytest.MonkeyPatch
) -> OutboxDispatcher:
    unpaced(monkeypatch)  # each chat's messages go at once, not a real second apart
    app = sample_runtime.app
    link = link_maker(app.config.public_base_url, await app.signing_secret())
    return OutboxDispatcher(sample_runtime.uow, sample_runtime.clock, {Channel.ZALO: zalo}, link)


@pytest.fixture
async def officers(
    zalo: ZaloChannel, server: FakeZaloServer, invite_codes: dict[str, str]
) -> dict[str, ZaloChat]:
    """Every officer joined on Zalo with their unit's invite, in a private chat."""
    chats = {}
    for key, (unit, name) in OFFICERS.items():
        account = f"zalo-{key.lower()}"
        chat = ZaloChat(server, chat_id=account, user_id=account, display_name=name)
        assert (await chat.say(f"/start {invite_codes[unit]}")).startswith(
            f"Chào anh/chị {given_name(name)}!"
        )
        chats[key] = chat
    return chats


async def deliver(
    runtime: Runtime, dispatcher: OutboxDispatcher, server: FakeZaloServer
) -> dict[str, list[str]]:
    """Send everything the outbox holds (a flush goes round after round, a chat's next
    message in the next round); the texts each chat received."""
    since = len(server.calls)
    await runtime.app.live_counts.settled()  # the votes' count, as a worker posts it
    await dispatcher.flush()
    async with runtime.uow() as uow:
        assert await uow.outbox.pending_count() == 0, "the outbox did not empty"
    received: dict[str, list[str]] = {}
    for call in server.calls[since:]:
        if call.method == "sendMessage":
            received.setdefault(str(call.body["chat_id"]), []).append(str(call.body["text"]))
    return received


async def open_ballot(leader: ZaloChat, kind: str, closing: str | None = None) -> str:
    """The leader's way through /binhxet by typing the numbers on screen; the opened paper."""
    screen = await leader.say("/binhxet")
    screen = await leader.say(choice(screen, "Mở cuộc bình xét mới"))
    screen = await leader.say(choice(screen, kind))
    if closing is not None:
        asked = await leader.say(choice(screen, "Giờ đóng"))
        # Digits typed now are a time: the one way back is a letter.
        assert asked.endswith("\n\na. ◀ Quay lại"), asked
        screen = await leader.say(closing)
        assert screen.startswith("Chuẩn bị: "), screen
    opened = await leader.say(choice(screen, "Mở bỏ phiếu"))
    assert opened.startswith(OPENED + "\n\n"), opened
    return opened


async def vote_secretly(chat: ZaloChat, answer: str) -> str:
    """`answer` typed on a secret paper shows the choice to confirm; "1" then casts it."""
    confirm = await chat.say(answer)
    assert confirm.startswith("🔒 Phiếu kín «"), confirm
    assert confirm.endswith(".\nPhiếu kín gửi rồi không sửa được. Gửi?" + CONFIRM), confirm
    return await chat.say(choice(confirm, "✅ Gửi phiếu"))


# -- the flag ballot, from setup to the minutes --------------------------------------------


async def test_flag_ballot_by_numbers_from_setup_to_minutes(
    sample_runtime: Runtime,
    clock: FakeClock,
    server: FakeZaloServer,
    dispatcher: OutboxDispatcher,
    officers: dict[str, ZaloChat],
) -> None:
    units = {OFFICERS[key][0]: chat.user_id for key, chat in officers.items() if key != "STN2"}
    await publish_annual_ranking(sample_runtime, clock, Channel.ZALO, units)
    clock.current = REVIEW_MORNING
    leader = officers["SNN"]
    group = ZaloChat(server, "group-khoi7", leader.user_id, "Nguyễn Văn Đông", "GROUP")
    assert (await group.say("/lienket")).startswith("✅ Đã liên kết nhóm")

    opened = await open_ballot(leader, "Cờ thi đua", closing="10:30")
    assert "• Sở Giao thông vận tải — 100 điểm" in opened
    assert "Đóng lúc 10:30 20/12/2022." in opened and opened.endswith(YES_NO)

    received = await deliver(sample_runtime, dispatcher, server)
    others = {chat.chat_id for key, chat in officers.items() if key != "SNN"}
    assert set(received) == others  # no group post, and the leader's paper was the answer
    for key in ("STN", "STN2", "SGT", "SCT", "PTTH"):
        (paper,) = received[officers[key].chat_id]
        assert paper.startswith("🗳 BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022\n")
        assert "Bỏ phiếu kín · mỗi đơn vị 1 phiếu · cần ≥ 70% tổng số 5 đơn vị" in paper
        assert "Đã bỏ phiếu: 0/5 đơn vị" in paper and paper.endswith(YES_NO)

    stray = await officers["STN"].say("1")  # a "1" typed right after the paper came…
    assert stray == (
        "🔒 Phiếu kín «BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022»: ✅ Đồng ý.\n"
        "Phiếu kín gửi rồi không sửa được. Gửi?" + CONFIRM
    )
    async with sample_runtime.uow() as uow:  # …casts nothing: it only asks
        (ballot,) = await uow.ballots.open_ballots()
        assert ballot.id is not None and await uow.ballots.voted_units(ballot.id) == []
    asked = await officers["STN2"].say("1")  # the colleague, at the same time
    assert asked.endswith(CONFIRM), asked
    voted = await officers["STN"].say(choice(stray, "✅ Gửi phiếu"))
    assert voted.startswith("✅ Đã ghi nhận phiếu của Sở TN&MT. Mã biên nhận: "), voted
    assert "Đã bỏ phiếu: 1/5 đơn vị" in voted
    assert "✅ Đơn vị anh/chị đã bỏ phiếu." in voted and voted.endswith(AFTER_VOTE)
    again = await officers["STN2"].say("1")  # the colleague's confirmation still offers "1"
    assert again.startswith("⚠️ Sở TN&MT đã bỏ phiếu rồi; phiếu kín mỗi đơn vị chỉ bỏ một lần.")
    receipts = [RECEIPT.findall(voted)[0]]
    for key, answer in (("SNN", "1"), ("SGT", "1"), ("SCT", "2"), ("PTTH", "1")):
        reply = await vote_secretly(officers[key], answer)
        assert reply.startswith("✅ Đã ghi nhận phiếu của "), reply
        receipts += RECEIPT.findall(reply)

    screen = await leader.say("/binhxet")
    assert "đã bỏ phiếu 5/5" in screen
    confirm = await leader.say(choice(screen, "Đóng cuộc số"))
    assert "Đã có 5/5 đơn vị bỏ phiếu" in confirm
    result = await leader.say(choice(confirm, "Đóng và kiểm phiếu"))
    assert result.startswith("KẾT QUẢ BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022: 5/5")
    assert "Sở Giao thông vận tải: 4/5 phiếu đồng ý (80,0%) ≥ 70% → ĐẠT" in result
    assert "→ ĐỀ NGHỊ UBND tỉnh tặng Cờ thi đua: Sở Giao thông vận tải." in result
    assert f"Mã biên nhận đã được tính: {', '.join(sorted(receipts))}" in result

    documents = await leader.say(choice(result, "Biên bản"))
    links = dict(LINK.findall(documents))
    assert sorted(name.split("-binh-xet")[0] for name in links) == [
        "bien-ban",
        "ket-qua",
        "to-trinh",
    ]
    assert all("/files/" in url and "&sig=" in url for url in links.values())
    assert "Đường dẫn tải dùng được đến 08:30 23/12/2022." in documents
    assert server.calls_to("sendPhoto") == []  # links, never uploads
    minutes = next(url for name, url in links.items() if name.startswith("bien-ban"))
    async with aiohttp.ClientSession() as http, http.get(minutes) as response:
        assert response.status == 200 and (await response.read())[:2] == b"PK"  # a .docx

    received = await deliver(sample_runtime, dispatcher, server)
    assert set(received) <= {chat.chat_id for chat in officers.values()}
    for key in ("STN", "STN2", "SGT", "SCT", "PTTH"):
        (notice,) = received[officers[key].chat_id]
        assert notice.startswith("KẾT QUẢ BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA")
        assert notice.endswith("\n\n1. 📄 Biên bản, tờ trình, biểu đồ")
    downloaded = await officers["SCT"].say("1")  # an officer's own copy, as links too
    assert len(LINK.findall(downloaded)) == 3
    # The group heard only the answer to /lienket: ballots reach Zalo users privately.
    assert len(server.sent_messages("group-khoi7")) == 1


# -- the merit ballot: ticking candidates by number ----------------------------------------


async def test_merit_ballot_ticks_by_number_and_refuses_over_the_quota(
    sample_runtime: Runtime,
    clock: FakeClock,
    server: FakeZaloServer,
    dispatcher: OutboxDispatcher,
    officers: dict[str, ZaloChat],
) -> None:
    units = {OFFICERS[key][0]: chat.user_id for key, chat in officers.items() if key != "STN2"}
    await publish_annual_ranking(sample_runtime, clock, Channel.ZALO, units)
    clock.current = REVIEW_MORNING
    await open_ballot(officers["SNN"], "Bằng khen")

    received = await deliver(sample_runtime, dispatcher, server)
    sct = officers["SCT"]
    (paper,) = received[sct.chat_id]
    assert "Mỗi đơn vị đồng ý tối đa 2 ứng viên." in paper
    assert paper.endswith(
        "\n\n1. ☐ Sở Nông nghiệp và Phát triển nông thôn\n2. ☐ Sở Tài nguyên và Môi trường"
        "\n3. ☐ Đài Phát thanh và Truyền hình Trà Vinh\n4. ☐ Sở Công Thương"
        "\n5. 📨 Gửi phiếu (0 đồng ý)"
    )
    await sct.say("1")
    ticked = await sct.say("3")
    assert "(đã chọn 2/2)" in ticked
    assert "1. ☑ Sở Nông nghiệp" in ticked and "3. ☑ Đài Phát thanh" in ticked
    refused = await sct.say("2")  # a third tick is refused at once, not only when sent
    assert refused.startswith("⚠️ Chỉ được đồng ý tối đa 2 ứng viên; anh/chị bỏ bớt dấu chọn")
    again = await sct.say("2")  # the paper's numbers still stand: the same tick, refused again
    assert again == refused
    kept = await sct.say("4")  # and "4" is still Sở Công Thương, ticked over the quota too
    assert kept.startswith("⚠️ Chỉ được đồng ý tối đa 2 ứng viên")
    confirm = await sct.say("5")  # "📨 Gửi phiếu (2 đồng ý)": a secret paper asks first
    assert confirm == (
        "🔒 Phiếu kín «BÌNH XÉT ĐỀ NGHỊ BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH NĂM 2022»: "
        f"đồng ý Sở Nông nghiệp và Phát triển nông thôn, {PTTH_NAME}.\n"
        "Phiếu kín gửi rồi không sửa được. Gửi?" + CONFIRM
    )
    back = await sct.say(choice(confirm, "Sửa lại"))  # the paper as it was ticked
    assert "1. ☑ Sở Nông nghiệp" in back and "3. ☑ Đài Phát thanh" in back
    assert back.endswith("\n5. 📨 Gửi phiếu (2 đồng ý)") and "2. ☐ Sở Tài nguyên" in back
    async with sample_runtime.uow() as uow:
        (ballot,) = await uow.ballots.open_ballots()
        assert ballot.id is not None and await uow.ballots.votes(ballot.id) == []
    sent = await vote_secretly(sct, "5")
    assert sent.startswith("✅ Đã ghi nhận phiếu của Sở Công Thương. Mã biên nhận: ")
    assert "Đã bỏ phiếu: 1/5 đơn vị" in sent and sent.endswith(AFTER_VOTE)

    async with sample_runtime.uow() as uow:
        (ballot,) = await uow.ballots.open_ballots()
        assert ballot.id is not None
        (vote,) = await uow.ballots.votes(ballot.id)
    chosen = {c.label for c in ballot.candidates if c.id in vote.approved}
    assert chosen == {"Sở Nông nghiệp và Phát triển nông thôn", PTTH_NAME}
    assert vote.unit_id is None  # secret: kept apart from the unit
    assert [c.label for c in ballot.candidates if c.score is None] == []


# -- someone typing scores when a ballot opens ------------------------------------------------


async def test_an_officer_mid_scoring_keeps_scoring_and_is_told_how_to_vote(
    sample_runtime: Runtime,
    clock: FakeClock,
    server: FakeZaloServer,
    dispatcher: OutboxDispatcher,
    officers: dict[str, ZaloChat],
) -> None:
    clock.current = SCORING_MORNING
    sgt = officers["SGT"]
    sheet = await sgt.say("/chamdiem")
    item = await sgt.say(choice(sheet, "Phần I ("))
    assert "▶️ 1. Hoàn thành các chỉ tiêu kế hoạch năm được giao — tối đa 15" in item
    await open_ballot(officers["SNN"], "Thông qua dự thảo báo cáo")

    received = await deliver(sample_runtime, dispatcher, server)
    (notice,) = received[sgt.chat_id]
    assert notice.startswith("🗳 BIỂU QUYẾT: Thông qua dự thảo Báo cáo tổng kết")
    assert notice.endswith("\n\n" + BUSY_HINT) and "1. ✅" not in notice
    assert received[officers["STN"].chat_id][0].endswith(YES_NO)  # idle: answers with "1"

    scored = await sgt.say("9")  # a score, as before the ballot came
    assert scored.startswith("Đã ghi 9/15 cho tiêu chí 1."), scored
    assert "▶️ 2. Hoàn thành đúng hạn" in scored
    async with sample_runtime.uow() as uow:
        (ballot,) = await uow.ballots.open_ballots()
        assert ballot.id is not None and await uow.ballots.voted_units(ballot.id) == []

    listing = await sgt.say("/binhxet")  # as the hint says, once done
    paper = await sgt.say(choice(listing, "Phiếu bầu số"))
    assert paper.endswith(YES_NO)
    voted = await vote_secretly(sgt, "1")
    assert voted.startswith("✅ Đã ghi nhận phiếu của Sở GTVT. Mã biên nhận: ")
    assert voted.endswith(AFTER_VOTE)


async def test_the_leader_who_opens_a_ballot_is_not_told_to_finish_another_task(
    sample_runtime: Runtime,
    clock: FakeClock,
    server: FakeZaloServer,
    dispatcher: OutboxDispatcher,
    officers: dict[str, ZaloChat],
) -> None:
    clock.current = SCORING_MORNING
    leader = officers["SNN"]
    opened = await open_ballot(leader, "Thông qua dự thảo báo cáo")
    assert opened.endswith(YES_NO)  # the paper is the answer to "Mở bỏ phiếu"
    assert BUSY_HINT not in opened

    received = await deliver(sample_runtime, dispatcher, server)
    assert leader.chat_id not in received  # no second paper, and no "busy" hint with it
    others = {chat.chat_id for key, chat in officers.items() if key != "SNN"}
    assert set(received) == others
    assert all(texts[0].endswith(YES_NO) for texts in received.values())
    voted = await vote_secretly(leader, "1")  # the paper's "1" still stands for the leader
    assert voted.startswith("✅ Đã ghi nhận phiếu của Sở NN&PTNT. Mã biên nhận: "), voted
