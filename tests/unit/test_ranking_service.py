"""The score summary and ranking of a cycle on the sample bloc, and publishing it."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from domain.errors import NotAuthorized, RankingNotPublished, WindowStillOpen
from domain.model import BoardRole
from domain.services.ranking import publish, score_summary
from domain.services.scoring import open_sheet
from domain.summary import Cycle, ScoreSummary
from tests.unit.fakes import FakeClock, FakeUnitOfWork, imported
from tests.unit.test_scoring_service import (
    ANNUAL_OPEN,
    capped_spec,
    cross_spec,
    fill,
    member,
    submitted_sheet,
    unit_id,
)
from tests.verification_support import verify_entry

D = Decimal
SCT_NAME = "Sở Công Thương"
PTTH_NAME = "Đài Phát thanh và Truyền hình Trà Vinh"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(ANNUAL_OPEN)


def standings(summary: ScoreSummary) -> list[tuple[str, int, bool, Decimal]]:
    return [(row.unit_code, row.rank, row.tied, row.final_totals.final) for row in summary.rows]


async def scored_bloc(clock: FakeClock) -> FakeUnitOfWork:
    """Three units submitted in verify mode, one draft, one without a sheet; bonus cap 5.

    STN: item 3 at 7.5, bonus 3 + 2, absent once (−2): self 99.5 + 5 − 2 = 102.5. The leader
        raises item 3 to 8 and gives bonus 21 = 3: items 100, bonus 8 capped to 5 → 103.
    SNN: item 1 at 13, bonus 3 + 2: 98 + 5 = 103, but section I is 38 against STN's 40.
    SGT: item 9 at 4.5; covenant not signed, typed twice (8, once); 3 late reports (−3):
        98.5 − 11 = 87.5.
    SCT: every item at its maximum, never submitted.  PTTH: no sheet."""
    uow = await imported(capped_spec(5), clock.now())
    now = clock.now()
    stn = await member(uow, "STN", "Trần Thị Mai")
    snn = await member(uow, "SNN", "Nguyễn Văn Lãnh")
    sgt = await member(uow, "SGT", "Võ Văn Giao")
    sct = await member(uow, "SCT", "Phạm Văn Công")
    stn_sheet = await submitted_sheet(uow, stn, now, {"3": "7,5", "19": "3", "20": "2", "24": "1"})
    await submitted_sheet(uow, snn, now, {"1": "13", "19": "3", "20": "2"})
    await submitted_sheet(uow, sgt, now, {"9": "4,5", "22": "có", "23": "3"})
    draft = await open_sheet(uow, sct, Cycle.ANNUAL, now)
    assert draft.sheet.id is not None
    await fill(uow, sct, draft.sheet.id, now, {"19": "3", "20": "2"})
    later = now + timedelta(days=30)
    await verify_entry(uow, snn, stn_sheet, "3", "8", "Đủ minh chứng", later)
    await verify_entry(uow, snn, stn_sheet, "21", "3", "Vượt chỉ tiêu", later)
    return uow


async def test_units_rank_by_final_score_then_section_one(clock: FakeClock) -> None:
    uow = await scored_bloc(clock)
    leader = await member(uow, "SNN")
    summary = await score_summary(uow, leader, Cycle.ANNUAL)

    assert (summary.bloc_name, summary.province, summary.year, summary.cycle) == (
        "Khối thi đua Khối 7",
        "Trà Vinh",
        2022,
        Cycle.ANNUAL,
    )
    assert not summary.published
    assert standings(summary) == [
        ("STN", 1, False, D(103)),
        ("SNN", 2, False, D(103)),
        ("SGT", 3, False, D("87.5")),
    ]
    stn, snn, sgt = summary.rows
    assert (stn.final_totals.sections["I"], snn.final_totals.sections["I"]) == (D(40), D(38))
    # STN: the verified values count, the bonus is capped, the unit's own figures are kept.
    assert stn.self_totals.final == D("102.5")
    assert (stn.final_totals.items, stn.final_totals.bonus) == (D(100), D(5))
    assert (stn.final_totals.bonus_claimed, stn.final_totals.penalties) == (D(8), D(2))
    assert (stn.items["3"], stn.items["21"], stn.items["19"]) == (D(8), D(3), D(3))
    assert stn.penalties == {"24": 1}
    assert stn.unit_name == "Sở Tài nguyên và Môi trường" and stn.short_name == "Sở TN&MT"
    # SGT: a one-off penalty (8, answered "có") and a late report three times (1 each).
    assert (sgt.final_totals.items, sgt.final_totals.penalties) == (D("98.5"), D(11))
    assert sgt.penalties == {"22": 1, "23": 3}
    assert sgt.self_totals.final == sgt.final_totals.final
    # SCT's full-marks draft does not count; PTTH has no sheet. Neither is ranked.
    assert summary.unranked == (SCT_NAME, PTTH_NAME)


async def test_a_full_tie_shares_the_rank(clock: FakeClock) -> None:
    uow = await imported(now=clock.now())
    for code, overrides in (("SNN", {"1": "14"}), ("STN", {}), ("SGT", {"20": "0"})):
        await submitted_sheet(uow, await member(uow, code), clock.now(), overrides)
    summary = await score_summary(uow, await member(uow, "SNN"), Cycle.ANNUAL)
    assert standings(summary) == [
        ("STN", 1, True, D(100)),
        ("SGT", 1, True, D(100)),
        ("SNN", 3, False, D(99)),
    ]
    assert summary.unranked == (SCT_NAME, PTTH_NAME)


async def test_nobody_submitted_nobody_is_ranked(clock: FakeClock) -> None:
    uow = await imported(now=clock.now())
    summary = await score_summary(uow, await member(uow, "SNN"), Cycle.ANNUAL)
    assert summary.rows == ()
    assert summary.unranked == (
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Tài nguyên và Môi trường",
        "Sở Giao thông vận tải",
        SCT_NAME,
        PTTH_NAME,
    )


async def test_before_publishing_only_the_organisers_see_the_ranking(clock: FakeClock) -> None:
    uow = await scored_bloc(clock)
    officer = await member(uow, "STN")
    observer = await member(uow, None, "Ban TĐKT", BoardRole.OBSERVER)
    for outsider in (officer, observer):
        with pytest.raises(RankingNotPublished) as hidden:
            await score_summary(uow, outsider, Cycle.ANNUAL)
        assert hidden.value.values == {"cycle": "annual", "year": 2022}
    for organiser in (
        await member(uow, "SNN"),
        await member(uow, "PTTH"),
        await member(uow, None, "Quản trị", BoardRole.ADMIN),
    ):
        summary = await score_summary(uow, organiser, Cycle.ANNUAL)
        assert not summary.published and len(summary.rows) == 3


async def test_publishing_shows_the_ranking_to_everyone_once(clock: FakeClock) -> None:
    uow = await scored_bloc(clock)
    officer = await member(uow, "STN")
    leader = await member(uow, "SNN")
    deputy = await member(uow, "PTTH")
    observer = await member(uow, None, "Ban TĐKT", BoardRole.OBSERVER)

    before = copy.deepcopy(uow.store)
    with pytest.raises(NotAuthorized):
        await publish(uow, officer, Cycle.ANNUAL, clock.now())
    with pytest.raises(WindowStillOpen):  # sheets could still change
        await publish(uow, leader, Cycle.ANNUAL, clock.now())
    assert uow.store == before

    clock.current = datetime(2022, 12, 16, 1, 0, tzinfo=UTC)  # the window has closed
    await publish(uow, leader, Cycle.ANNUAL, clock.now())
    await publish(uow, deputy, Cycle.ANNUAL, clock.now() + timedelta(hours=1))
    assert leader.year.id is not None and leader.actor.officer_id is not None
    assert uow.store.published == {
        (leader.year.id, Cycle.ANNUAL): (clock.now(), leader.actor.officer_id)
    }
    published = [e for e in uow.store.audit if e.action == "ranking.published"]
    assert len(published) == 1
    assert published[0].actor_officer_id == leader.actor.officer_id
    assert (published[0].entity, published[0].entity_id) == ("bloc_year", str(leader.year.id))
    assert published[0].details == {"cycle": "annual"}

    for anyone in (officer, observer, leader):
        summary = await score_summary(uow, anyone, Cycle.ANNUAL)
        assert summary.published
        assert standings(summary)[0] == ("STN", 1, False, D(103))
    with pytest.raises(RankingNotPublished):  # the mid-year ranking is another one
        await score_summary(uow, officer, Cycle.MIDYEAR)


async def test_in_cross_mode_a_unit_gets_the_mean_of_the_others(clock: FakeClock) -> None:
    """SGT, scored by STN and SCT: item 1 (15 + 14) / 2 = 14.5; item 3 (7.5 + 7.8) / 2 =
    7.65 → 7.7 (half up); bonus 19 (3 + 2) / 2 = 2.5, 20 (4 + 3) / 2 = 3.5: items 99.2,
    bonus 6, final 105.2, section I 39.2.
    STN, scored by SGT, SCT and SNN: item 2 (10 + 9.5 + 9) / 3 = 9.5, item 4 (7 + 6 + 6) / 3
    = 6.33 → 6.3: final 98.8. PTTH's draft about SGT (all zeros) does not count."""
    uow = await imported(cross_spec(), clock.now())
    now = clock.now()
    snn, stn, sgt, sct, ptth = [
        await member(uow, code) for code in ("SNN", "STN", "SGT", "SCT", "PTTH")
    ]
    sgt_id, stn_id = await unit_id(uow, "SGT"), await unit_id(uow, "STN")
    await submitted_sheet(uow, stn, now, {"3": "7,5", "19": "3", "20": "4"}, sgt_id)
    await submitted_sheet(uow, sct, now, {"1": "14", "3": "7,8", "19": "2", "20": "3"}, sgt_id)
    await submitted_sheet(uow, sgt, now, {"4": "7"}, stn_id)
    await submitted_sheet(uow, sct, now, {"2": "9,5", "4": "6"}, stn_id)
    await submitted_sheet(uow, snn, now, {"2": "9", "4": "6"}, stn_id)
    draft = await open_sheet(uow, ptth, Cycle.ANNUAL, now, sgt_id)
    assert draft.sheet.id is not None
    await fill(uow, ptth, draft.sheet.id, now, {code: "0" for code in map(str, range(1, 19))})

    summary = await score_summary(uow, snn, Cycle.ANNUAL)
    assert standings(summary) == [("SGT", 1, False, D("105.2")), ("STN", 2, False, D("98.8"))]
    sgt_row, stn_row = summary.rows
    assert (sgt_row.items["1"], sgt_row.items["3"]) == (D("14.5"), D("7.7"))
    assert (sgt_row.items["19"], sgt_row.items["20"]) == (D("2.5"), D("3.5"))
    assert (sgt_row.final_totals.items, sgt_row.final_totals.bonus) == (D("99.2"), D(6))
    assert sgt_row.final_totals.sections["I"] == D("39.2")
    assert (stn_row.items["2"], stn_row.items["4"]) == (D("9.5"), D("6.3"))
    assert stn_row.final_totals.sections["I"] == D("38.8")
    assert set(summary.unranked) == {
        "Sở Nông nghiệp và Phát triển nông thôn",
        SCT_NAME,
        PTTH_NAME,
    }
