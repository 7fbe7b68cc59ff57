"""Scoring a unit on the sample bloc: opening its sheet in the window, entering items, bonus
and penalties, two officers at once, submitting, and the leader's verification."""

from __future__ import annotations

import copy
import dataclasses
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from domain.bloc_spec import BlocSpec, parse_bloc_spec
from domain.errors import (
    BonusOverCap,
    CountBelowZero,
    CountNotANumber,
    CriteriaInUse,
    DomainError,
    EntryChangedMeanwhile,
    NotAMember,
    NotAuthorized,
    OwnUnitInCrossMode,
    PenaltyNotYesNo,
    ReasonRequired,
    ScoreBelowZero,
    ScoreNotANumber,
    ScoreOutOfRange,
    ScoreSpacedDigits,
    ScoreTooManyDecimals,
    ScoringClosed,
    SheetIncomplete,
    SheetNotSubmitted,
    SheetSubmitted,
    StaleAction,
    UnknownCriterion,
)
from domain.model import BoardRole, Channel
from domain.policy import Actor
from domain.services import importer
from domain.services.members import Membership, membership
from domain.services.scoring import open_sheet, set_entry, submit
from domain.settings import LOCAL_TZ, ScoringMode
from domain.sheets import EntryKind, SheetStatus
from domain.summary import Cycle
from imports.yaml_source import read_yaml
from tests.samples import sample_yaml
from tests.unit.fakes import FakeClock, FakeUnitOfWork, add_officer, imported, sample_spec
from tests.verification_support import verify_entry

D = Decimal
# 20 November 2022, 09:00 in Trà Vinh: the annual window (11-15..12-15) is open.
ANNUAL_OPEN = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)
OPENS = datetime(2022, 11, 15, 0, 0, tzinfo=LOCAL_TZ)
CLOSES = datetime(2022, 12, 15, 23, 59, 59, tzinfo=LOCAL_TZ)
ITEM_MAX = {  # the sample's 18 items (5 sections, 100 points)
    "1": 15, "2": 10, "3": 8, "4": 7,
    "5": 5, "6": 5, "7": 5, "8": 5,
    "9": 6, "10": 5, "11": 4,
    "12": 5, "13": 4, "14": 3, "15": 3,
    "16": 4, "17": 3, "18": 3,
}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Builders, shared with test_ranking_service


def cross_spec() -> BlocSpec:
    spec = sample_spec()
    return dataclasses.replace(
        spec, rules=dataclasses.replace(spec.rules, scoring_mode=ScoringMode.CROSS)
    )


def capped_spec(cap: int) -> BlocSpec:
    """The sample with a lower bonus cap (its bonus items add up to exactly its cap of 10)."""
    spec = sample_spec()
    assert spec.criteria is not None
    return dataclasses.replace(spec, criteria=dataclasses.replace(spec.criteria, bonus_cap=D(cap)))


async def member(
    uow: FakeUnitOfWork,
    unit_code: str | None,
    name: str = "Cán bộ",
    board_role: BoardRole | None = None,
) -> Membership:
    officer = await add_officer(uow, unit_code, name, board_role)
    return await membership(uow, officer, Channel.TELEGRAM)


async def unit_id(uow: FakeUnitOfWork, code: str) -> int:
    found = [u.id for u in uow.store.units.values() if u.code == code]
    assert len(found) == 1 and found[0] is not None
    return found[0]


async def fill(
    uow: FakeUnitOfWork,
    scorer: Membership,
    sheet_id: int,
    now: datetime,
    overrides: dict[str, str] | None = None,
) -> None:
    """Every item at its maximum unless overridden; `overrides` may also hold bonus and
    penalty codes (points, or occurrences)."""
    entries = {code: str(top) for code, top in ITEM_MAX.items()} | (overrides or {})
    for code, text in entries.items():
        await set_entry(uow, scorer, sheet_id, code, text, now)


async def submitted_sheet(
    uow: FakeUnitOfWork,
    scorer: Membership,
    now: datetime,
    overrides: dict[str, str] | None = None,
    unit: int | None = None,
) -> int:
    view = await open_sheet(uow, scorer, Cycle.ANNUAL, now, unit)
    assert view.sheet.id is not None
    await fill(uow, scorer, view.sheet.id, now, overrides)
    await submit(uow, scorer, view.sheet.id, now)
    return view.sheet.id


async def import_next_year(uow: FakeUnitOfWork, now: datetime, drop: str = "SCT") -> None:
    """2023 of the same bloc, without one unit."""
    raw, _ = read_yaml(sample_yaml())
    raw["bloc"].update(year=2023, rotation=None)
    raw["units"] = [unit for unit in raw["units"] if unit["code"] != drop]
    await importer.import_bloc(uow, parse_bloc_spec(raw), now)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(ANNUAL_OPEN)


@pytest.fixture
async def uow(clock: FakeClock) -> FakeUnitOfWork:
    return await imported(now=clock.now())


@pytest.fixture
async def snn(uow: FakeUnitOfWork) -> Membership:
    """An officer of the leader unit."""
    return await member(uow, "SNN", "Nguyễn Văn Lãnh")


@pytest.fixture
async def stn(uow: FakeUnitOfWork) -> Membership:
    """An officer of an ordinary member unit."""
    return await member(uow, "STN", "Trần Thị Mai")


async def stn_sheet(uow: FakeUnitOfWork, stn: Membership, clock: FakeClock) -> int:
    view = await open_sheet(uow, stn, Cycle.ANNUAL, clock.now())
    assert view.sheet.id is not None
    return view.sheet.id


# ---------------------------------------------------------------------------------------------
# Opening a sheet


async def test_a_sheet_is_created_once_as_a_draft(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    first = await open_sheet(uow, stn, Cycle.ANNUAL, clock.now())
    colleague = await member(uow, "STN", "Lê Văn Hai")
    clock.advance(timedelta(days=1))
    second = await open_sheet(uow, colleague, Cycle.ANNUAL, clock.now())

    assert first.sheet.id is not None and second.sheet.id == first.sheet.id
    assert len(uow.store.sheets) == 1
    stored = uow.store.sheets[first.sheet.id]
    stn_id = await unit_id(uow, "STN")
    assert (stored.unit_id, stored.scorer_unit_id, stored.cycle) == (stn_id, stn_id, Cycle.ANNUAL)
    assert stored.status is SheetStatus.DRAFT and stored.entries == {}
    assert first.editable and first.unit.code == "STN" and first.scorer.code == "STN"
    assert (first.window.opens_at, first.window.closes_at) == (OPENS, CLOSES)
    assert (first.totals.final, first.totals.scored_items, first.totals.item_count) == (
        D(0),
        0,
        18,
    )


async def test_the_midyear_sheet_is_another_sheet(uow: FakeUnitOfWork, stn: Membership) -> None:
    june = datetime(2022, 6, 10, 2, 0, tzinfo=UTC)
    midyear = await open_sheet(uow, stn, Cycle.MIDYEAR, june)
    annual = await open_sheet(uow, stn, Cycle.ANNUAL, ANNUAL_OPEN)
    assert midyear.sheet.cycle is Cycle.MIDYEAR and annual.sheet.cycle is Cycle.ANNUAL
    assert midyear.sheet.id != annual.sheet.id and len(uow.store.sheets) == 2


@pytest.mark.parametrize(
    ("now", "before"),
    [
        (datetime(2022, 11, 14, 16, 59, 59, tzinfo=UTC), True),  # 11-14 23:59:59 local
        (datetime(2022, 12, 15, 17, 0, 0, tzinfo=UTC), False),  # 12-16 00:00:00 local
        (datetime(2022, 1, 10, 2, 0, tzinfo=UTC), True),
    ],
)
async def test_outside_the_window_scoring_is_closed(
    uow: FakeUnitOfWork, stn: Membership, now: datetime, before: bool
) -> None:
    untouched = copy.deepcopy(uow.store)
    with pytest.raises(ScoringClosed) as closed:
        await open_sheet(uow, stn, Cycle.ANNUAL, now)
    assert closed.value.values == {
        "cycle": "annual",
        "opens_at": OPENS,
        "closes_at": CLOSES,
        "year": 2022,
        "before": before,
    }
    assert uow.store == untouched


async def test_the_window_edges_are_open(uow: FakeUnitOfWork, stn: Membership) -> None:
    first = await open_sheet(uow, stn, Cycle.ANNUAL, OPENS)
    last = await open_sheet(uow, stn, Cycle.ANNUAL, CLOSES)
    assert first.sheet.id == last.sheet.id


async def test_the_board_cannot_score(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    observer = await member(uow, None, "Ban TĐKT", BoardRole.OBSERVER)
    admin = await member(uow, None, "Quản trị", BoardRole.ADMIN)
    untouched = copy.deepcopy(uow.store)
    for board in (observer, admin):
        with pytest.raises(NotAuthorized):
            await open_sheet(uow, board, Cycle.ANNUAL, clock.now())
        with pytest.raises(NotAuthorized):
            await open_sheet(uow, board, Cycle.ANNUAL, clock.now(), await unit_id(uow, "STN"))
    assert uow.store == untouched


async def test_an_officer_of_a_unit_that_left_cannot_score(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    officer = await add_officer(uow, "SCT", "Phạm Văn Công")
    await import_next_year(uow, clock.now(), drop="SCT")
    with pytest.raises(NotAMember):
        await membership(uow, officer, Channel.TELEGRAM)

    # Even with a membership made up by hand, the unit has no role in the year.
    bloc = next(iter(uow.store.blocs.values()))
    assert bloc.id is not None
    year = await uow.blocs.current_year(bloc.id)
    sct = await uow.blocs.unit(await unit_id(uow, "SCT"))
    assert year is not None and year.year == 2023 and sct is not None
    made_up = Membership(Actor.of(officer, Channel.TELEGRAM), bloc, year, sct, frozenset())
    untouched = copy.deepcopy(uow.store)
    with pytest.raises((NotAuthorized, NotAMember)):
        await open_sheet(uow, made_up, Cycle.ANNUAL, datetime(2023, 11, 20, tzinfo=UTC))
    assert uow.store == untouched


async def test_in_verify_mode_a_unit_scores_only_itself(
    uow: FakeUnitOfWork, stn: Membership, snn: Membership, clock: FakeClock
) -> None:
    untouched = copy.deepcopy(uow.store)
    for scorer, other in ((stn, "SGT"), (snn, "STN")):  # the leader too
        with pytest.raises(NotAMember):
            await open_sheet(uow, scorer, Cycle.ANNUAL, clock.now(), await unit_id(uow, other))
    assert uow.store == untouched
    own = await open_sheet(uow, stn, Cycle.ANNUAL, clock.now(), await unit_id(uow, "STN"))
    assert own.sheet.is_self


async def test_in_cross_mode_a_unit_scores_the_others_not_itself(clock: FakeClock) -> None:
    uow = await imported(cross_spec(), clock.now())
    stn = await member(uow, "STN")
    stn_id, sgt_id = await unit_id(uow, "STN"), await unit_id(uow, "SGT")
    untouched = copy.deepcopy(uow.store)
    with pytest.raises(OwnUnitInCrossMode):
        await open_sheet(uow, stn, Cycle.ANNUAL, clock.now())
    with pytest.raises(OwnUnitInCrossMode):
        await open_sheet(uow, stn, Cycle.ANNUAL, clock.now(), stn_id)
    assert uow.store == untouched

    view = await open_sheet(uow, stn, Cycle.ANNUAL, clock.now(), sgt_id)
    assert (view.sheet.unit_id, view.sheet.scorer_unit_id) == (sgt_id, stn_id)
    assert not view.sheet.is_self and view.unit.code == "SGT" and view.scorer.code == "STN"
    again = await open_sheet(uow, stn, Cycle.ANNUAL, clock.now(), sgt_id)
    assert again.sheet.id == view.sheet.id
    # Another scorer of the same unit gets a sheet of its own.
    sct = await member(uow, "SCT")
    other = await open_sheet(uow, sct, Cycle.ANNUAL, clock.now(), sgt_id)
    assert other.sheet.id != view.sheet.id and len(uow.store.sheets) == 2


async def test_in_cross_mode_a_unit_outside_the_year_cannot_be_scored(
    clock: FakeClock,
) -> None:
    uow = await imported(cross_spec(), clock.now())
    stn = await member(uow, "STN")
    with pytest.raises(NotAMember):
        await open_sheet(uow, stn, Cycle.ANNUAL, clock.now(), 10_000)
    assert uow.store.sheets == {}


# ---------------------------------------------------------------------------------------------
# Entering scores


async def test_a_comma_decimal_is_stored_as_a_decimal(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    sheet_id = await stn_sheet(uow, stn, clock)
    view = await set_entry(uow, stn, sheet_id, "3", "7,5", clock.now())
    await set_entry(uow, stn, sheet_id, "1", " 15 ", clock.now())
    await set_entry(uow, stn, sheet_id, "12", "0", clock.now())

    entries = uow.store.sheets[sheet_id].entries
    assert entries["3"].points == D("7.5") and entries["3"].kind is EntryKind.ITEM
    assert entries["3"].updated_by == stn.actor.officer_id
    assert entries["3"].updated_at == clock.now()
    assert (entries["1"].points, entries["12"].points) == (D(15), D(0))
    assert view.totals.items == D("7.5") and view.totals.sections["I"] == D("7.5")
    assert view.totals.scored_items == 1

    changed = await set_entry(uow, stn, sheet_id, "3", "8", clock.now())
    assert uow.store.sheets[sheet_id].entries["3"].points == D(8)
    assert changed.totals.items == D(23) and changed.totals.scored_items == 3


@pytest.mark.parametrize(
    ("text", "error", "values"),
    [
        ("8,1", ScoreOutOfRange, {"value": D("8.1"), "max": D(8)}),
        ("9", ScoreOutOfRange, {"value": D(9), "max": D(8)}),
        ("-1", ScoreBelowZero, {"text": "-1", "max": D(8)}),
        ("2 4", ScoreSpacedDigits, {"text": "2 4", "joined": "24", "max": D(8)}),
        ("tám", ScoreNotANumber, {"text": "tám", "max": D(8)}),
        ("", ScoreNotANumber, {"text": "", "max": D(8)}),
        ("7,25", ScoreTooManyDecimals, {"text": "7,25", "max": D(8)}),
    ],
)
async def test_a_bad_score_is_refused_and_nothing_is_stored(
    uow: FakeUnitOfWork,
    stn: Membership,
    clock: FakeClock,
    text: str,
    error: type[DomainError],
    values: dict[str, object],
) -> None:
    sheet_id = await stn_sheet(uow, stn, clock)
    await set_entry(uow, stn, sheet_id, "3", "6", clock.now())
    before = copy.deepcopy(uow.store)
    with pytest.raises(error) as refused:
        await set_entry(uow, stn, sheet_id, "3", text, clock.now() + timedelta(minutes=1))
    assert refused.value.values == values
    assert uow.store == before
    assert uow.store.sheets[sheet_id].entries["3"].points == D(6)


async def test_bonus_over_the_cap_is_refused(clock: FakeClock) -> None:
    uow = await imported(capped_spec(5), clock.now())
    stn = await member(uow, "STN")
    sheet_id = await stn_sheet(uow, stn, clock)
    await set_entry(uow, stn, sheet_id, "19", "3", clock.now())
    view = await set_entry(uow, stn, sheet_id, "20", "2", clock.now())  # 5: exactly the cap
    assert view.totals.bonus == D(5)

    before = copy.deepcopy(uow.store)
    with pytest.raises(BonusOverCap) as refused:
        await set_entry(uow, stn, sheet_id, "21", "0,5", clock.now())
    assert refused.value.values == {"cap": D(5)}
    with pytest.raises(BonusOverCap):
        await set_entry(uow, stn, sheet_id, "20", "2,5", clock.now())  # replacing 2 by 2.5
    assert uow.store == before

    # Lowering one bonus item makes room for another: the new value replaces the old one.
    await set_entry(uow, stn, sheet_id, "20", "1", clock.now())
    view = await set_entry(uow, stn, sheet_id, "21", "1", clock.now())
    entries = uow.store.sheets[sheet_id].entries
    assert {code: entries[code].points for code in ("19", "20", "21")} == {
        "19": D(3),
        "20": D(1),
        "21": D(1),
    }
    assert entries["21"].kind is EntryKind.BONUS
    assert (view.totals.bonus, view.totals.items, view.totals.final) == (D(5), D(0), D(5))


async def test_the_sample_cap_takes_every_bonus_item_at_its_maximum(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    sheet_id = await stn_sheet(uow, stn, clock)
    for code, text in (("19", "3"), ("20", "4"), ("21", "3")):
        view = await set_entry(uow, stn, sheet_id, code, text, clock.now())
    assert view.totals.bonus == D(10)
    with pytest.raises(ScoreOutOfRange):
        await set_entry(uow, stn, sheet_id, "21", "3,5", clock.now())  # the item's maximum


async def test_penalties_count_occurrences(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    sheet_id = await stn_sheet(uow, stn, clock)
    await fill(uow, stn, sheet_id, clock.now())
    view = await set_entry(uow, stn, sheet_id, "22", "có", clock.now())  # 8, once
    assert view.totals.penalties == D(8) and view.totals.final == D(92)
    view = await set_entry(uow, stn, sheet_id, "23", "3", clock.now())  # 1 per occurrence
    assert view.totals.penalties == D(11) and view.totals.final == D(89)
    view = await set_entry(uow, stn, sheet_id, "24", "2", clock.now())  # 2 per occurrence
    assert view.totals.penalties == D(15) and view.totals.final == D(85)
    view = await set_entry(uow, stn, sheet_id, "22", "không", clock.now())  # corrected: none
    assert view.totals.penalties == D(7) and view.totals.final == D(93)

    entries = uow.store.sheets[sheet_id].entries
    assert entries["23"].kind is EntryKind.PENALTY
    assert (entries["22"].occurrences, entries["23"].occurrences) == (0, 3)
    assert entries["23"].points is None

    before = copy.deepcopy(uow.store)
    for bad in ("1,5", "một", "100"):
        with pytest.raises(CountNotANumber):
            await set_entry(uow, stn, sheet_id, "23", bad, clock.now())
    with pytest.raises(CountBelowZero):
        await set_entry(uow, stn, sheet_id, "23", "-1", clock.now())
    for bad in ("2", "-1", "hai", "1,5"):  # a one-off happened or not: never a count
        with pytest.raises(PenaltyNotYesNo) as refused:
            await set_entry(uow, stn, sheet_id, "25", bad, clock.now())
        assert refused.value.values == {"text": bad, "points": D(5)}
    assert uow.store == before


async def test_an_unknown_code_is_refused(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    sheet_id = await stn_sheet(uow, stn, clock)
    before = copy.deepcopy(uow.store)
    for code in ("99", "I", ""):
        with pytest.raises(UnknownCriterion) as refused:
            await set_entry(uow, stn, sheet_id, code, "1", clock.now())
        assert refused.value.values == {"code": code}
    assert uow.store == before


async def test_a_submitted_sheet_cannot_change(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    sheet_id = await submitted_sheet(uow, stn, clock.now())
    before = copy.deepcopy(uow.store)
    with pytest.raises(SheetSubmitted) as refused:
        await set_entry(uow, stn, sheet_id, "3", "7", clock.now())
    assert refused.value.values == {"at": clock.now()}
    with pytest.raises(SheetSubmitted):
        await set_entry(uow, stn, sheet_id, "23", "1", clock.now())
    assert uow.store == before


async def test_after_the_window_closes_nothing_can_be_entered(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    sheet_id = await stn_sheet(uow, stn, clock)
    await set_entry(uow, stn, sheet_id, "3", "7", clock.now())
    clock.current = CLOSES  # the last second still counts
    await set_entry(uow, stn, sheet_id, "4", "7", clock.now())
    clock.advance(timedelta(seconds=1))
    before = copy.deepcopy(uow.store)
    with pytest.raises(ScoringClosed) as closed:
        await set_entry(uow, stn, sheet_id, "3", "8", clock.now())
    assert closed.value.values["before"] is False
    assert closed.value.values["closes_at"] == CLOSES
    with pytest.raises(ScoringClosed):
        await submit(uow, stn, sheet_id, clock.now())
    assert uow.store == before


async def test_another_units_sheet_is_a_stale_action(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    sheet_id = await stn_sheet(uow, stn, clock)
    sgt = await member(uow, "SGT")
    leader = await member(uow, "SNN")
    before = copy.deepcopy(uow.store)
    for other in (sgt, leader):  # the leader enters nothing on another unit's sheet either
        with pytest.raises(StaleAction):
            await set_entry(uow, other, sheet_id, "3", "1", clock.now())
        with pytest.raises(StaleAction):
            await submit(uow, other, sheet_id, clock.now())
    with pytest.raises(StaleAction):
        await set_entry(uow, stn, 10_000, "3", "1", clock.now())
    assert uow.store == before


async def test_a_sheet_of_another_year_is_a_stale_action(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    sheet_id = await stn_sheet(uow, stn, clock)
    await import_next_year(uow, clock.now())
    assert stn.actor.officer_id is not None
    officer = await uow.people.officer(stn.actor.officer_id)
    in_2023 = await membership(uow, officer, Channel.TELEGRAM)
    assert in_2023.year.year == 2023
    before = copy.deepcopy(uow.store)
    with pytest.raises(StaleAction):
        await set_entry(uow, in_2023, sheet_id, "3", "1", datetime(2023, 11, 20, tzinfo=UTC))
    with pytest.raises(StaleAction):
        await submit(uow, in_2023, sheet_id, datetime(2023, 11, 20, tzinfo=UTC))
    assert uow.store == before


async def test_a_change_by_a_colleague_meanwhile_is_not_overwritten(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    colleague = await member(uow, "STN", "Lê Văn Hai")
    sheet_id = await stn_sheet(uow, stn, clock)
    # Both were shown item 3 empty; Mai saves first.
    await set_entry(uow, stn, sheet_id, "3", "8", clock.now(), seen=None)
    before = copy.deepcopy(uow.store)
    with pytest.raises(EntryChangedMeanwhile) as changed:
        await set_entry(uow, colleague, sheet_id, "3", "6", clock.now(), seen=None)
    assert changed.value.values == {"item": "3", "value": D(8), "by": "Trần Thị Mai", "bot": False}
    assert uow.store == before and uow.store.sheets[sheet_id].entries["3"].points == D(8)

    # Shown the new value, Hai may change it.
    view = await set_entry(uow, colleague, sheet_id, "3", "6", clock.now(), seen=D(8))
    stored = uow.store.sheets[sheet_id].entries["3"]
    assert stored.points == D(6) and stored.updated_by == colleague.actor.officer_id
    assert view.totals.items == D(6)


async def test_a_penalty_changed_meanwhile_is_not_overwritten(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    colleague = await member(uow, "STN", "Lê Văn Hai")
    sheet_id = await stn_sheet(uow, stn, clock)
    await set_entry(uow, stn, sheet_id, "23", "2", clock.now(), seen=None)
    with pytest.raises(EntryChangedMeanwhile) as changed:
        await set_entry(uow, colleague, sheet_id, "23", "1", clock.now(), seen=None)
    assert changed.value.values == {"item": "23", "value": 2, "by": "Trần Thị Mai", "bot": False}
    await set_entry(uow, colleague, sheet_id, "23", "1", clock.now(), seen=2)
    assert uow.store.sheets[sheet_id].entries["23"].occurrences == 1


async def test_two_officers_scoring_different_items_keep_both(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    colleague = await member(uow, "STN", "Lê Văn Hai")
    sheet_id = await stn_sheet(uow, stn, clock)
    shown = await open_sheet(uow, colleague, Cycle.ANNUAL, clock.now())  # before Mai's entry
    assert shown.sheet.entries == {}
    await set_entry(uow, stn, sheet_id, "3", "8", clock.now(), seen=None)
    view = await set_entry(uow, colleague, sheet_id, "4", "6,5", clock.now(), seen=None)
    entries = uow.store.sheets[sheet_id].entries
    assert (entries["3"].points, entries["4"].points) == (D(8), D("6.5"))
    assert entries["3"].updated_by == stn.actor.officer_id
    assert entries["4"].updated_by == colleague.actor.officer_id
    assert view.totals.items == D("14.5") and view.totals.scored_items == 2


# ---------------------------------------------------------------------------------------------
# Submitting


async def test_an_incomplete_sheet_cannot_be_submitted(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    sheet_id = await stn_sheet(uow, stn, clock)
    with pytest.raises(SheetIncomplete) as empty:
        await submit(uow, stn, sheet_id, clock.now())
    assert empty.value.values == {"count": 18, "items": ", ".join(ITEM_MAX)}

    for code in list(ITEM_MAX)[:16]:
        await set_entry(uow, stn, sheet_id, code, "1", clock.now())
    await set_entry(uow, stn, sheet_id, "19", "3", clock.now())  # bonus does not fill an item
    before = copy.deepcopy(uow.store)
    with pytest.raises(SheetIncomplete) as missing:
        await submit(uow, stn, sheet_id, clock.now())
    assert missing.value.values == {"count": 2, "items": "17, 18"}
    assert uow.store == before
    assert uow.store.sheets[sheet_id].status is SheetStatus.DRAFT


async def test_a_complete_sheet_is_submitted_with_its_total(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    sheet_id = await stn_sheet(uow, stn, clock)
    # 100 − 0.5 (item 1) − 1 (item 9) + 3 bonus − 2 late reports = 99.5
    await fill(uow, stn, sheet_id, clock.now(), {"1": "14,5", "9": "5", "19": "3", "23": "2"})
    clock.advance(timedelta(hours=1))
    view = await submit(uow, stn, sheet_id, clock.now())

    stored = uow.store.sheets[sheet_id]
    assert stored.status is SheetStatus.SUBMITTED and not view.editable
    assert (stored.submitted_at, stored.submitted_by) == (clock.now(), stn.actor.officer_id)
    assert view.totals.final == D("99.5") and view.final.final == D("99.5")
    submitted = [e for e in uow.store.audit if e.action == "sheet.submitted"]
    assert len(submitted) == 1
    entry = submitted[0]
    assert (entry.entity, entry.entity_id, entry.actor_officer_id, entry.at) == (
        "sheet",
        str(sheet_id),
        stn.actor.officer_id,
        clock.now(),
    )
    assert entry.details["unit"] == await unit_id(uow, "STN")
    assert entry.details["cycle"] == "annual"
    assert D(str(entry.details["total"])) == D("99.5")


async def test_a_sheet_is_submitted_once(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    sheet_id = await submitted_sheet(uow, stn, clock.now())
    colleague = await member(uow, "STN", "Lê Văn Hai")
    before = copy.deepcopy(uow.store)
    for officer in (stn, colleague):
        with pytest.raises(SheetSubmitted):
            await submit(uow, officer, sheet_id, clock.now() + timedelta(hours=1))
    assert uow.store == before
    assert [e.action for e in uow.store.audit].count("sheet.submitted") == 1


# ---------------------------------------------------------------------------------------------
# Verification by the leader and deputy


async def test_only_the_leader_deputy_or_admin_verify(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    sheet_id = await submitted_sheet(uow, stn, clock.now())
    sgt = await member(uow, "SGT")
    observer = await member(uow, None, "Ban TĐKT", BoardRole.OBSERVER)
    before = copy.deepcopy(uow.store)
    for outsider in (stn, sgt, observer):
        with pytest.raises(NotAuthorized):
            await verify_entry(uow, outsider, sheet_id, "9", "5", "Lý do", clock.now())
    assert uow.store == before

    deputy = await member(uow, "PTTH")
    admin = await member(uow, None, "Quản trị", BoardRole.ADMIN)
    view = await verify_entry(uow, deputy, sheet_id, "9", "5", "Chưa đạt", clock.now())
    assert view.final.final == D(99)
    view = await verify_entry(uow, admin, sheet_id, "10", "4", "Trễ hạn", clock.now())
    assert view.final.final == D(98)


async def test_a_draft_cannot_be_verified(
    uow: FakeUnitOfWork, stn: Membership, snn: Membership, clock: FakeClock
) -> None:
    sheet_id = await stn_sheet(uow, stn, clock)
    await fill(uow, stn, sheet_id, clock.now())
    before = copy.deepcopy(uow.store)
    with pytest.raises(SheetNotSubmitted):
        await verify_entry(uow, snn, sheet_id, "9", "5", "Chưa đạt", clock.now())
    assert uow.store == before


@pytest.mark.parametrize("reason", ["", "   "])
async def test_verification_needs_a_reason(
    uow: FakeUnitOfWork, stn: Membership, snn: Membership, clock: FakeClock, reason: str
) -> None:
    sheet_id = await submitted_sheet(uow, stn, clock.now())
    before = copy.deepcopy(uow.store)
    with pytest.raises(ReasonRequired):
        await verify_entry(uow, snn, sheet_id, "9", "5", reason, clock.now())
    assert uow.store == before


async def test_the_leader_lowers_an_item_with_a_reason(
    uow: FakeUnitOfWork, stn: Membership, snn: Membership, clock: FakeClock
) -> None:
    sheet_id = await submitted_sheet(uow, stn, clock.now())
    clock.advance(timedelta(days=30))  # verification may come after the window has closed
    view = await verify_entry(
        uow, snn, sheet_id, "9", "5", "  Chỉ số CCHC xếp hạng 8/20  ", clock.now()
    )

    assert view.own.final == D(100) and view.own.sections["III"] == D(15)
    assert view.final.final == D(99) and view.final.sections["III"] == D(14)
    stored = uow.store.sheets[sheet_id]
    entry = stored.entries["9"]
    assert (entry.points, entry.verified) == (D(6), D(5))
    assert entry.verify_reason == "Chỉ số CCHC xếp hạng 8/20"
    assert stored.status is SheetStatus.SUBMITTED
    assert stored.final_totals(view.table).final == D(99)
    assert stored.self_totals(view.table).final == D(100)
    verified = [e for e in uow.store.audit if e.action == "score.verified"]
    assert len(verified) == 1
    assert (verified[0].entity, verified[0].entity_id) == ("sheet", str(sheet_id))
    assert verified[0].actor_officer_id == snn.actor.officer_id
    assert verified[0].at == clock.now()
    assert verified[0].details == {
        "item": "9",
        "old": "6",
        "new": "5",
        "reason": "Chỉ số CCHC xếp hạng 8/20",
    }

    # A second look starts from the verified value.
    view = await verify_entry(uow, snn, sheet_id, "9", "5,5", "Đã bổ sung", clock.now())
    assert view.final.final == D("99.5") and view.own.final == D(100)
    last = [e for e in uow.store.audit if e.action == "score.verified"][-1]
    assert (last.details["old"], last.details["new"]) == ("5", "5.5")


async def test_a_verified_value_follows_the_item_rules(
    uow: FakeUnitOfWork, stn: Membership, snn: Membership, clock: FakeClock
) -> None:
    sheet_id = await submitted_sheet(uow, stn, clock.now())
    before = copy.deepcopy(uow.store)
    for text, error in (("7", ScoreOutOfRange), ("5,25", ScoreTooManyDecimals)):
        with pytest.raises(error):
            await verify_entry(uow, snn, sheet_id, "9", text, "Lý do", clock.now())
    assert uow.store == before


async def test_an_unknown_code_is_not_verified(
    uow: FakeUnitOfWork, stn: Membership, snn: Membership, clock: FakeClock
) -> None:
    sheet_id = await submitted_sheet(uow, stn, clock.now(), {"23": "1"})
    before = copy.deepcopy(uow.store)
    with pytest.raises(UnknownCriterion) as refused:
        await verify_entry(uow, snn, sheet_id, "99", "0", "Lý do", clock.now())
    assert refused.value.values == {"code": "99"}
    assert uow.store == before


async def test_penalties_are_verified_as_counts_and_one_offs_as_yes_or_no(
    uow: FakeUnitOfWork, stn: Membership, snn: Membership, clock: FakeClock
) -> None:
    sheet_id = await submitted_sheet(uow, stn, clock.now(), {"23": "2"})
    view = await verify_entry(uow, snn, sheet_id, "23", "1", "Chỉ một báo cáo trễ", clock.now())
    assert (view.own.penalties, view.final.penalties) == (D(2), D(1))
    view = await verify_entry(uow, snn, sheet_id, "22", "1", "Chưa ký giao ước", clock.now())
    assert view.final.penalties == D(9) and view.final.final == view.own.final - 7
    before = copy.deepcopy(uow.store)
    with pytest.raises(PenaltyNotYesNo):  # a one-off happened or not: có or không, 1 or 0
        await verify_entry(uow, snn, sheet_id, "22", "2", "Hai lần", clock.now())
    assert uow.store == before
    assert [entry.code for entry in view.changes()] == ["22", "23"]  # in the table's order


# ---------------------------------------------------------------------------------------------
# The importer keeps the criteria of a year that is being scored


def with_item_max(spec: BlocSpec, code: str, max_points: Decimal) -> BlocSpec:
    assert spec.criteria is not None
    sections = tuple(
        dataclasses.replace(
            section,
            items=tuple(
                dataclasses.replace(item, max_points=max_points) if item.code == code else item
                for item in section.items
            ),
        )
        for section in spec.criteria.sections
    )
    return dataclasses.replace(spec, criteria=dataclasses.replace(spec.criteria, sections=sections))


async def test_criteria_in_use_cannot_change(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    sheet_id = await stn_sheet(uow, stn, clock)
    await set_entry(uow, stn, sheet_id, "1", "12", clock.now())  # a score is entered
    changed = with_item_max(sample_spec(), "3", D(9))
    before = copy.deepcopy(uow.store)
    with pytest.raises(CriteriaInUse) as refused:
        await importer.import_bloc(uow, changed, clock.now())
    assert refused.value.values == {"year": 2022}
    assert uow.store == before
    # The same criteria still import (and change nothing).
    result = await importer.import_bloc(uow, sample_spec(), clock.now())
    assert not result.changed


async def test_an_opened_empty_sheet_does_not_lock_the_criteria(
    uow: FakeUnitOfWork, stn: Membership, clock: FakeClock
) -> None:
    await stn_sheet(uow, stn, clock)  # opened by /chamdiem, nothing scored
    result = await importer.import_bloc(uow, with_item_max(sample_spec(), "3", D(9)), clock.now())
    assert result.year_changed


async def test_criteria_without_sheets_may_change(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    changed = with_item_max(sample_spec(), "3", D(9))
    result = await importer.import_bloc(uow, changed, clock.now())
    assert result.year_changed
    assert result.year.criteria is not None
    stored = uow.store.years[result.year.id or 0].criteria
    assert stored is not None
    item = next(i for s in stored.sections for i in s.items if i.code == "3")
    assert item.max_points == D(9) and stored.items_total == D(101)
