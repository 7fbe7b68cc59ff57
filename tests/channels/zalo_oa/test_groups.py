"""The bloc's group as a group the Official Account manages (the Group Message Framework):
bound with /lienket, the ballot posted there with its buttons and its count, a press in the
group answered privately."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.runtime import Runtime
from domain.ballots import BallotKind, Candidate
from domain.model import Channel
from domain.services import ballots
from tests.channels.test_ballots_zalo import REVIEW_MORNING, member_of, publish_annual_ranking
from tests.channels.zalo_oa.support import LAN, OABot, pass_time
from tests.fakes.clock import FakeClock
from tests.fakes.zalo_oa_server import FakeZaloOAServer

GROUP = "6235543683208112411"
OFFICERS = {"SNN": LAN, "STN": "u-stn", "SGT": "u-sgt", "SCT": "u-sct", "PTTH": "u-ptth"}


async def test_the_ballot_goes_to_the_oa_group_with_its_buttons_and_count(
    bot: OABot,
    zalo: FakeZaloOAServer,
    clock: FakeClock,
    sample_runtime: Runtime,
    invite_codes: dict[str, str],
) -> None:
    for unit, user in OFFICERS.items():
        zalo.add_person(user, f"Cán bộ {unit}")
        await zalo.follow(user)
        await zalo.user_says(user, f"/start {invite_codes[unit]}")
    zalo.add_group(GROUP, *OFFICERS.values())
    await zalo.group_says(GROUP, LAN, "/lienket")
    assert zalo.texts_to(GROUP)[-1].startswith("✅ Đã liên kết nhóm «Zalo 6235543683208112411»")
    assert await zalo.group_says(GROUP, "u-stn", "chào cả nhóm") == 200  # chatter: not for the bot
    assert len(zalo.to(GROUP)) == 1

    await pass_time(bot, clock, datetime(2022, 11, 20, 2, 0, tzinfo=UTC))
    await publish_annual_ranking(sample_runtime, clock, Channel.ZALO_OA, OFFICERS)
    clock.current = REVIEW_MORNING
    async with sample_runtime.uow() as uow:
        leader = await member_of(uow, Channel.ZALO_OA, LAN)
        sgt = next(u for u in await uow.blocs.units(leader.bloc.id or 0) if u.code == "SGT")
        draft = await ballots.draft(uow, leader, BallotKind.FLAG, clock.now())
        draft = replace(draft, candidates=(Candidate(sgt.name, sgt.id),), quota=1)
        await ballots.open_ballot(uow, leader, draft, clock.now(), sample_runtime.app.notices)
        await uow.commit()
    await bot.flush()

    post = zalo.to(GROUP, "group")[-1]
    assert [b["title"] for b in post.buttons] == ["✅ Đồng ý", "❌ Không đồng ý"]
    assert "Đã bỏ phiếu: 0/5 đơn vị" in post.text
    # The officers last wrote in January: their papers wait for them.
    assert not any("Đồng ý" in b["title"] for s in zalo.to("u-stn") for b in s.buttons)

    assert await zalo.press("u-stn", "Đồng ý", group_id=GROUP) == 200
    # A secret vote is not cast by a tap: the choice is confirmed privately first.
    asked = zalo.to("u-stn")[-1].text
    assert asked.startswith("Phiếu kín: anh/chị xác nhận lựa chọn trong tin nhắn riêng với bot")
    await bot.flush()  # the press opened Zalo's window: the waiting paper and the question
    texts = [sent.text for sent in zalo.to("u-stn")]
    assert any(t.startswith("🗳 BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022") for t in texts)
    assert await zalo.press("u-stn", "Gửi phiếu") == 200
    receipt = zalo.to("u-stn")[-1].text
    assert receipt.startswith("✅ Đã ghi nhận phiếu của Sở TN&MT. Mã biên nhận: ")  # privately
    posts = len(zalo.to(GROUP))
    clock.advance(timedelta(minutes=1))
    await bot.flush()
    assert len(zalo.to(GROUP)) == posts  # the count is batched: Zalo cannot edit a post
    clock.advance(timedelta(minutes=5))
    await bot.flush()
    count = zalo.to(GROUP)[-1]
    assert "Đã bỏ phiếu: 1/5 đơn vị" in count.text
    assert [b["title"] for b in count.buttons] == ["✅ Đồng ý", "❌ Không đồng ý"]
