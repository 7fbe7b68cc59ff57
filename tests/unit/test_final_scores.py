"""Scores become final, and stay private until they are: no verifying one's own unit, no
change after publishing, no draft ranking in a group; odd input never crashes a link,
a button or a document."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest

from bot import file_links
from bot.actions import ActionCodec, ForgedAction
from domain.errors import OwnUnitVerification, RankingNotPublished, RankingPublished
from domain.pledges import clean_campaign_title, clean_commitments
from domain.services.ranking import publish, score_summary
from domain.summary import Cycle
from tests.unit.fakes import FakeClock
from tests.unit.test_ranking_service import scored_bloc
from tests.unit.test_scoring_service import member
from tests.verification_support import verify_entry

IN_WINDOW = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)
AFTER_WINDOW = datetime(2022, 12, 16, 1, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(IN_WINDOW)


async def sheet_of(uow: object, unit_code: str) -> int:
    sheets = uow.store.sheets.values()  # type: ignore[attr-defined]
    units = {u.id: u.code for u in uow.store.units.values()}  # type: ignore[attr-defined]
    return int(next(s.id for s in sheets if units[s.unit_id] == unit_code and s.is_self))


async def test_the_leader_does_not_verify_its_own_unit(clock: FakeClock) -> None:
    uow = await scored_bloc(clock)
    leader = await member(uow, "SNN", "Nguyễn Văn Lãnh")
    deputy = await member(uow, "PTTH", "Võ Minh Tâm")
    own = await sheet_of(uow, "SNN")
    before = copy.deepcopy(uow.store)
    with pytest.raises(OwnUnitVerification):
        await verify_entry(uow, leader, own, "1", "15", "tự nâng điểm", clock.now())
    assert uow.store == before
    view = await verify_entry(uow, deputy, own, "1", "14", "đối chiếu báo cáo", clock.now())
    assert view.final.items == view.own.items + 1  # the deputy may: 13 → 14


async def test_published_scores_are_final(clock: FakeClock) -> None:
    uow = await scored_bloc(clock)
    deputy = await member(uow, "PTTH", "Võ Minh Tâm")
    clock.current = AFTER_WINDOW
    await publish(uow, deputy, Cycle.ANNUAL, clock.now())
    before = copy.deepcopy(uow.store)
    with pytest.raises(RankingPublished):
        await verify_entry(uow, deputy, await sheet_of(uow, "STN"), "3", "5", "sửa", clock.now())
    assert uow.store == before


async def test_a_draft_ranking_is_never_shown_in_a_group(clock: FakeClock) -> None:
    uow = await scored_bloc(clock)
    leader = await member(uow, "SNN", "Nguyễn Văn Lãnh")
    assert not (await score_summary(uow, leader, Cycle.ANNUAL)).published  # privately: yes
    with pytest.raises(RankingNotPublished):
        await score_summary(uow, leader, Cycle.ANNUAL, in_group=True)
    clock.current = AFTER_WINDOW
    await publish(uow, leader, Cycle.ANNUAL, clock.now())
    assert (await score_summary(uow, leader, Cycle.ANNUAL, in_group=True)).published


@pytest.mark.parametrize(("expires", "sig"), [("²", "x"), ("123", "chữ ký"), ("1" * 40, "x")])
def test_odd_link_input_is_forged_not_a_crash(expires: str, sig: str) -> None:
    now = datetime(2022, 11, 20, tzinfo=UTC)
    assert file_links.check("secret", "token", expires, sig, now) == "forged"


def test_odd_callback_data_is_forged_not_a_crash() -> None:
    codec = ActionCodec("secret")
    for data in ("1:cmd:khoi:chữký", "1:cmd:khoi:²", ":", ""):
        with pytest.raises(ForgedAction):
            codec.decode(data)


def test_control_characters_are_dropped_from_what_goes_into_documents() -> None:
    assert clean_commitments("Hoàn thành\x07 100%\nchỉ tiêu\x01") == "Hoàn thành 100%\nchỉ tiêu"
    assert clean_campaign_title("Chuyển\x0b đổi số") == "Chuyển đổi số"
