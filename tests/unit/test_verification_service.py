"""Verification closing its loop, in the domain: the unit answers a change within the bloc's
hours; what publishing leaves open; a window extended and a sheet reopened; and a khối that
scores crosswise (the project's cross sample), whose penalties the leader sets once."""

from __future__ import annotations

import copy
import dataclasses
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from bot import samples
from domain.bloc_spec import parse_bloc_spec
from domain.errors import (
    AnswerClosed,
    CrossMeanFixed,
    ExplanationInvalid,
    NotExtendable,
    NothingToAnswer,
    NotReopenable,
    OwnUnitVerification,
    ScoringClosed,
    WindowStillOpen,
)
from domain.services import answers, deadlines, importer, ranking, verification
from domain.services.members import Membership
from domain.services.scoring import open_sheet, set_entry, submit
from domain.sheets import Answer
from domain.summary import Cycle
from domain.windows import WindowKind
from imports.yaml_source import read_yaml
from tests.unit.fakes import FakeClock, FakeUnitOfWork, add_officer, imported
from tests.unit.test_scoring_service import (
    ANNUAL_OPEN,
    member,
    submitted_sheet,
    unit_id,
)

D = Decimal
AFTER_CLOSE = datetime(2022, 12, 16, 2, 0, tzinfo=UTC)
CROSS_OPEN = datetime(2025, 11, 20, 2, 0, tzinfo=UTC)  # the cross sample's year


class Told:
    """A VerificationNotifier that writes down what it was asked to tell."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    async def verification_changed(self, uow: Any, year: Any, review: Any, now: Any) -> None:
        self.calls.append(("changed", [e.code for e in review.awaiting(now)]))

    async def sheet_verified(self, uow: Any, year: Any, review: Any) -> None:
        self.calls.append(("verified", review.unit.code))

    async def change_answered(self, uow: Any, year: Any, review: Any, entries: Any) -> None:
        self.calls.append(("answered", [(e.code, e.answer, e.answer_text) for e in entries]))

    async def ranking_published(self, uow: Any, year: Any, summary: Any) -> None:
        self.calls.append(("published", [row.unit_code for row in summary.rows]))

    async def window_extended(self, uow: Any, year: Any, window: Any, reason: str) -> None:
        self.calls.append(("extended", (window.kind.value, window.closes_at, reason)))

    async def sheet_reopened(self, uow: Any, year: Any, review: Any, reason: str) -> None:
        self.calls.append(("reopened", (review.unit.code, reason)))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(ANNUAL_OPEN)


@pytest.fixture
async def uow(clock: FakeClock) -> FakeUnitOfWork:
    return await imported(now=clock.now())


async def changed_stn(uow: FakeUnitOfWork, clock: FakeClock, told: Told) -> Membership:
    """Sở TN&MT submitted with full marks and 2 late reports; the leader changed item 9
    (6 → 5) and the late reports (2 → 1). Returns the unit's officer."""
    stn = await member(uow, "STN")
    await submitted_sheet(uow, stn, clock.now(), {"23": "2"})
    leader = await member(uow, "SNN")
    stn_id = await unit_id(uow, "STN")
    await verification.verify_entry(uow, leader, stn_id, Cycle.ANNUAL, "9", "5", "CCHC 8/20",
                                    clock.now(), told)  # fmt: skip
    await verification.verify_entry(uow, leader, stn_id, Cycle.ANNUAL, "23", "1", "Một lần",
                                    clock.now(), told)  # fmt: skip
    return stn


async def test_the_unit_agrees_or_explains_and_the_leaders_are_told(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    told = Told()
    stn = await changed_stn(uow, clock, told)
    assert told.calls == [("changed", ["9"]), ("changed", ["9", "23"])]

    _, explained = await answers.answer(
        uow, stn, Cycle.ANNUAL, Answer.EXPLAINED, clock.now(), told, "9", "  Đã nộp bổ sung.  "
    )
    assert [(e.code, e.answer_text) for e in explained] == [("9", "Đã nộp bổ sung.")]
    _, agreed = await answers.answer(uow, stn, Cycle.ANNUAL, Answer.AGREED, clock.now(), told)
    assert [e.code for e in agreed] == ["23"]  # only what was still waiting
    assert told.calls[-2:] == [
        ("answered", [("9", Answer.EXPLAINED, "Đã nộp bổ sung.")]),
        ("answered", [("23", Answer.AGREED, "")]),
    ]
    with pytest.raises(NothingToAnswer):
        await answers.answer(uow, stn, Cycle.ANNUAL, Answer.AGREED, clock.now(), told)
    audit = [e.action for e in uow.store.audit]
    assert audit.count("verification.explained") == audit.count("verification.agreed") == 1


async def test_an_answer_after_the_blocs_hours_or_without_text_is_refused(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    told = Told()
    stn = await changed_stn(uow, clock, told)
    before = copy.deepcopy(uow.store)
    with pytest.raises(ExplanationInvalid):
        await answers.answer(uow, stn, Cycle.ANNUAL, Answer.EXPLAINED, clock.now(), told, "9", " ")
    clock.advance(timedelta(hours=48, seconds=1))
    with pytest.raises(AnswerClosed) as closed:
        await answers.answer(uow, stn, Cycle.ANNUAL, Answer.AGREED, clock.now(), told)
    assert closed.value.values == {"hours": 48}
    assert uow.store == before


async def test_a_change_again_asks_the_unit_again(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    told = Told()
    stn = await changed_stn(uow, clock, told)
    await answers.answer(uow, stn, Cycle.ANNUAL, Answer.AGREED, clock.now(), told)
    leader = await member(uow, "SNN")
    review = await verification.verify_entry(
        uow, leader, await unit_id(uow, "STN"), Cycle.ANNUAL, "9", "4", "Xem lại", clock.now()
    )
    assert [e.code for e in review.awaiting(clock.now())] == ["9"]


async def test_publishing_names_what_is_open(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    told = Told()
    await changed_stn(uow, clock, told)
    sgt = await member(uow, "SGT")
    await submitted_sheet(uow, sgt, clock.now())
    snn = await member(uow, "SNN")
    await submitted_sheet(uow, snn, clock.now())
    with pytest.raises(WindowStillOpen):
        await ranking.publish_check(uow, snn, Cycle.ANNUAL, clock.now())
    clock.current = AFTER_CLOSE
    items = await ranking.publish_check(uow, snn, Cycle.ANNUAL, clock.now())
    assert [u.code for u in items.not_verified] == ["SNN", "STN", "SGT"]
    assert items.leader_not_verified and not items.clear
    assert [u.code for u in items.missing] == ["SCT", "PTTH"]
    with pytest.raises(OwnUnitVerification):
        await verification.mark_verified(uow, snn, await unit_id(uow, "SNN"), Cycle.ANNUAL,
                                         clock.now(), told)  # fmt: skip
    deputy = await member(uow, "PTTH")
    for code, who in (("SNN", deputy), ("STN", snn), ("SGT", snn)):
        await verification.mark_verified(uow, who, await unit_id(uow, code), Cycle.ANNUAL,
                                         clock.now(), told)  # fmt: skip
    assert (await ranking.publish_check(uow, snn, Cycle.ANNUAL, clock.now())).clear
    await ranking.publish(uow, snn, Cycle.ANNUAL, clock.now(), told)
    assert told.calls[-1] == ("published", ["SNN", "SGT", "STN"])  # a tie at the top


async def test_an_extended_window_lets_units_score_and_outlives_a_reimport(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    told = Told()
    sct = await member(uow, "SCT")
    view = await open_sheet(uow, sct, Cycle.ANNUAL, clock.now())
    assert view.sheet.id is not None
    leader = await member(uow, "SNN")
    clock.current = AFTER_CLOSE
    with pytest.raises(ScoringClosed):
        await set_entry(uow, sct, view.sheet.id, "1", "14", clock.now())
    before = copy.deepcopy(uow.store)
    with pytest.raises(NotExtendable):
        earlier = clock.now() - timedelta(hours=1)
        await deadlines.extend_window(
            uow, leader, WindowKind.ANNUAL, earlier, "Muộn", clock.now(), told
        )
    assert uow.store == before
    new_close = datetime(2022, 12, 20, 16, 59, 59, tzinfo=UTC)
    window = await deadlines.extend_window(
        uow, leader, WindowKind.ANNUAL, new_close, "Bổ sung minh chứng", clock.now(), told
    )
    assert window.closes_at == new_close and window.extended
    assert told.calls == [("extended", ("annual", new_close, "Bổ sung minh chứng"))]
    sct = await member(uow, "SCT", "Cán bộ khác")  # the year as stored now
    await set_entry(uow, sct, view.sheet.id, "1", "14", clock.now())

    data, where = read_yaml(samples.KHOI7)
    await importer.import_bloc(uow, parse_bloc_spec(data, where), clock.now())
    year = next(iter(uow.store.years.values()))
    assert year.calendar.extended == (("annual", new_close),)


async def test_a_reopened_sheet_is_editable_until_its_date_then_submitted_again(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    told = Told()
    stn = await member(uow, "STN")
    sheet_id = await submitted_sheet(uow, stn, clock.now())
    leader = await member(uow, "SNN")
    stn_id = await unit_id(uow, "STN")
    await verification.mark_verified(uow, leader, stn_id, Cycle.ANNUAL, clock.now(), told)
    clock.current = AFTER_CLOSE
    until = AFTER_CLOSE + timedelta(days=2)
    review = await deadlines.reopen_sheet(
        uow, leader, stn_id, Cycle.ANNUAL, until, "Sửa điểm thưởng", clock.now(), told
    )
    assert not review.verified and told.calls[-1] == ("reopened", ("STN", "Sửa điểm thưởng"))
    await set_entry(uow, stn, sheet_id, "19", "2", clock.now())
    await submit(uow, stn, sheet_id, clock.now())
    assert [u.code for u in await deadlines.reopenable(uow, leader, Cycle.ANNUAL)] == ["STN"]
    clock.current = until + timedelta(days=1)
    with pytest.raises(NotReopenable):
        await deadlines.reopen_sheet(uow, leader, stn_id, Cycle.ANNUAL, clock.now(),
                                     "Quá hạn", clock.now(), told)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The cross-scoring khối


@pytest.fixture
async def cross() -> FakeUnitOfWork:
    data, where = read_yaml(samples.CROSS)
    spec = parse_bloc_spec(data, where)
    uow = FakeUnitOfWork()
    async with uow:
        await importer.import_bloc(uow, spec, CROSS_OPEN)
        await uow.commit()
    return uow


async def cross_member(uow: FakeUnitOfWork, code: str) -> Membership:
    from domain.model import Channel
    from domain.services.members import membership

    officer = await add_officer(uow, code, f"Cán bộ {code}", bloc_code="khoi-vhxh-vinhlong")
    return await membership(uow, officer, Channel.TELEGRAM)


FULL_CROSS = {"A1": "30", "A2": "15", "A3": "15", "B1": "15", "B2": "15", "C1": "10"}


async def test_cross_mode_averages_items_and_subtracts_the_leaders_penalties(
    cross: FakeUnitOfWork,
) -> None:
    uow, now = cross, CROSS_OPEN
    people = {code: await cross_member(uow, code) for code in ("SYT", "SGDDT", "SNV")}
    target = await unit_id(uow, "SNV")
    for scorer, a1 in (("SYT", "28"), ("SGDDT", "26")):
        view = await open_sheet(uow, people[scorer], Cycle.ANNUAL, now, target)
        assert view.sheet.id is not None
        for code, value in (FULL_CROSS | {"A1": a1, "D1": "4"}).items():
            await set_entry(uow, people[scorer], view.sheet.id, code, value, now)
        await submit(uow, people[scorer], view.sheet.id, now)

    leader = people["SYT"]
    review = await verification.unit_review(uow, leader, target, Cycle.ANNUAL)
    assert review.ready and review.means["A1"] == D(27) and review.final is not None
    assert review.final.final == D(97) + D(4)  # items 97 (A1 27), bonus mean 4 (cap 5)
    assert [(s.scorer.code, s.total) for s in review.cross] == [("SYT", D(102)), ("SGDDT", D(100))]
    before = copy.deepcopy(uow.store)
    with pytest.raises(CrossMeanFixed):
        await verification.verify_entry(uow, leader, target, Cycle.ANNUAL, "A1", "30", "x", now)
    assert uow.store == before

    review = await verification.verify_entry(
        uow, leader, target, Cycle.ANNUAL, "E2", "1", "Vắng hội nghị sơ kết", now
    )
    assert review.final is not None and review.final.final == D(99)  # 101 − 2
    summary = await ranking.build_summary(uow, leader, Cycle.ANNUAL, False)
    [row] = summary.rows
    assert (row.unit_code, row.final_totals.final, row.penalties) == ("SNV", D(99), {"E2": 1})
    assert [u for u in summary.unranked] == [
        "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Dân tộc và Tôn giáo",
    ]  # fmt: skip

    # A khối whose rules count no penalties in cross-scoring: the mean stands alone.
    year = next(iter(uow.store.years.values()))
    year.rules = dataclasses.replace(year.rules, cross_penalties=False)
    leader = await cross_member(uow, "SYT")
    summary = await ranking.build_summary(uow, leader, Cycle.ANNUAL, False)
    assert summary.rows[0].final_totals.final == D(101)
