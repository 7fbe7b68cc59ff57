"""Fast entry in the domain, on the 1,000-point cụm sample (Cụm thi đua số 3, Cần Thơ, 2025):
a whole sheet in one message, checked line by line and recorded all or nothing; last period's
scores as a starting point; and the penalties the bot fills in from what it knows."""

from __future__ import annotations

import copy
import dataclasses
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bot import samples
from bot.i18n import Translator
from bot.request import ChatKind, Incoming, Request
from bot.views import errors
from domain.bloc_spec import BlocSpec, parse_bloc_spec
from domain.conferences import Conference, ConferenceKind, Rsvp
from domain.criteria import PenaltyFact
from domain.errors import EntryChangedMeanwhile, EntryProblems, InvalidBlocSpec, NothingToCopy
from domain.fast_entry import check, is_sheet_message, split_message
from domain.model import Channel
from domain.services import fast_entry, importer
from domain.services.members import Membership, membership
from domain.services.scoring import open_sheet, set_entry, submit
from domain.settings import LOCAL_TZ
from domain.sheets import Entry, EntryKind, EntrySource, ScoreSheet, SheetStatus
from domain.summary import Cycle
from imports.yaml_source import read_yaml
from tests.channels.cum_support import MESSAGE, pledged_and_absent
from tests.unit.fakes import FakeUnitOfWork, add_officer
from tests.unit.test_scoring_service import unit_id

D = Decimal
BLOC = "cum3-cantho"
ANNUAL = datetime(2025, 11, 21, 2, 0, tzinfo=UTC)  # 09:00 21/11/2025 in Cần Thơ
MIDYEAR = datetime(2025, 6, 10, 2, 0, tzinfo=UTC)


def cum_spec(year: int = 2025) -> BlocSpec:
    data, where = read_yaml(samples.CUM_1000)
    data["bloc"]["year"] = year
    return parse_bloc_spec(data, where)


@pytest.fixture
async def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    async with uow:
        await importer.import_bloc(uow, cum_spec(), ANNUAL)
        await uow.commit()
    return uow


async def officer(uow: FakeUnitOfWork, unit: str, name: str) -> Membership:
    found = await add_officer(uow, unit, name, bloc_code=BLOC)
    return await membership(uow, found, Channel.TELEGRAM)


@pytest.fixture
async def sxd(uow: FakeUnitOfWork) -> Membership:
    return await officer(uow, "SXD", "Trần Văn Nam")


async def sheet_of(uow: FakeUnitOfWork, who: Membership, at: datetime = ANNUAL) -> int:
    view = await open_sheet(uow, who, Cycle.ANNUAL if at == ANNUAL else Cycle.MIDYEAR, at)
    assert view.sheet.id is not None
    return view.sheet.id


# ------------------------------------------------------------------- a penalty's fact tag


def test_a_penalty_says_which_fact_the_bot_fills_it_from() -> None:
    table = cum_spec().criteria
    assert table is not None
    assert [(p.code, p.fact) for p in table.penalties] == [
        ("6.1", PenaltyFact.COVENANT_UNSIGNED), ("6.2", PenaltyFact.LATE_REPORT),
        ("6.3", PenaltyFact.CONFERENCE_ABSENCE),
    ]  # fmt: skip


def test_a_fact_is_one_of_the_known_ones_and_tags_one_penalty() -> None:
    data, where = read_yaml(samples.CUM_1000)
    penalties = data["criteria"]["penalties"]
    penalties[0]["fact"] = "late"
    penalties[2]["fact"] = "late_report"  # as 6.2 already is
    with pytest.raises(InvalidBlocSpec) as refused:
        parse_bloc_spec(data, where)
    problems = [(p.where, p.code) for p in refused.value.problems]
    text = samples.CUM_1000.read_text(encoding="utf-8").splitlines()
    first, third = (1 + text.index(line) for line in text if '{code: "6.' in line and (
        '"6.1"' in line or '"6.3"' in line))  # fmt: skip
    assert problems == [(f"dòng {first}", "bad-choice"), (f"dòng {third}", "duplicate-fact")]
    lines = errors.problem_lines(Translator("vi"), refused.value.problems)
    assert "covenant_unsigned, conference_absence, late_report" in lines[0]
    assert lines[1] == (
        f"dòng {third}: «fact: late_report» đã gắn cho một điểm trừ khác; mỗi việc bot tự điền chỉ "
        "gắn cho một điểm trừ"
    )


# ----------------------------------------------------------------------- reading a message


def test_a_message_splits_at_semicolons_and_new_lines() -> None:
    written = split_message(
        " 1.1 180 ;\n\n- 1.2: 108,5 điểm;• 6.1=có ; 3.1; 3.2 – 36; 3.3 - 45; 2.1 -5"
    )
    assert [(w.place, w.code, w.value) for w in written] == [
        (1, "1.1", "180"), (2, "1.2", "108,5 điểm"), (3, "6.1", "có"), (4, "3.1", ""),
        (5, "3.2", "36"), (6, "3.3", "45"), (7, "2.1", "-5"),
    ]  # fmt: skip
    assert written[1].text == "1.2: 108,5 điểm"


@pytest.mark.parametrize(
    ("text", "many"),
    [("1.1 180; 1.2 108", True), ("1.1 180\n1.2 108", True), ("180;", True),
     ("A1 30", True), ("a1 30", True),  # a code that is not a number: the sheet
     ("9,5", False), ("2 4 0", False), ("1.1 200", False),  # a score, or a mistyped one
     ("Z9 30", False), ("có", False)],
)  # fmt: skip
def test_what_typed_at_an_item_is_the_sheet_rather_than_its_score(text: str, many: bool) -> None:
    cross = parse_bloc_spec(*read_yaml(samples.CROSS)).criteria  # codes A1, A2 … E2
    assert cross is not None
    assert is_sheet_message(cross, text) is many


def test_codes_are_matched_as_the_table_writes_them() -> None:
    table = parse_bloc_spec(*read_yaml(samples.CROSS)).criteria
    assert table is not None
    typed = check(table, split_message("a1 28; B2 14,5; e1 không; e2 2 lần"), {})
    assert [(t.code, t.kind, t.value) for t in typed] == [
        ("A1", EntryKind.ITEM, D(28)), ("B2", EntryKind.ITEM, D("14.5")),
        ("E1", EntryKind.PENALTY, D(0)), ("E2", EntryKind.PENALTY, D(2)),
    ]  # fmt: skip


def test_every_problem_is_listed_with_its_line() -> None:
    table = cum_spec().criteria
    assert table is not None
    message = (
        "1.1 180; 1.2 1400; 9.9 5; 2.1 -5; 2.2 2 4 0; 2.3 abc; 6.1 2; 1.1 100; 3.1; "
        "3.2 36,25; 6.2 -1; 6.3 một; 4.1 60"
    )
    with pytest.raises(EntryProblems) as refused:
        check(table, split_message(message), {})
    found = [(p.place, p.code, p.text) for p in refused.value.problems]
    assert found == [
        (2, "score-out-of-range", "1.2 1400"),
        (3, "unknown-code", "9.9 5"),
        (4, "score-below-zero", "2.1 -5"),
        (5, "score-spaced-digits", "2.2 2 4 0"),
        (6, "score-not-a-number", "2.3 abc"),
        (7, "penalty-not-yes-no", "6.1 2"),
        (8, "twice", "1.1 100"),
        (9, "missing-value", "3.1"),
        (10, "score-too-many-decimals", "3.2 36,25"),
        (11, "count-below-zero", "6.2 -1"),
        (12, "count-not-a-number", "6.3 một"),
    ]
    twice = refused.value.problems[6]
    assert (twice.value("code"), twice.value("first")) == ("1.1", 1)
    over = refused.value.problems[0]
    assert (over.value("code"), over.value("value"), over.value("max")) == ("1.2", D(1400), D(120))


def test_the_bonus_cap_counts_the_bonus_kept_on_the_sheet() -> None:
    sample = cum_spec().criteria
    assert sample is not None
    table = dataclasses.replace(sample, bonus_cap=D(40))  # the two bonus items give 50
    check(table, split_message("5.1 25"), {"5.2": D(15)})  # 40: exactly the cap
    with pytest.raises(EntryProblems) as refused:
        check(table, split_message("5.1 25,5"), {"5.2": D(15)})
    [problem] = refused.value.problems
    assert (problem.place, problem.code) == (0, "bonus-over-cap")
    assert (problem.value("claimed"), problem.value("cap")) == (D("40.5"), D(40))


# ------------------------------------------------------------------ recording, all or none


async def test_the_whole_sample_sheet_in_one_message(uow: FakeUnitOfWork, sxd: Membership) -> None:
    sheet_id = await sheet_of(uow, sxd)
    written = split_message(MESSAGE)
    result = await fast_entry.enter_sheet(uow, sxd, sheet_id, written, ANNUAL, {}, "message")
    assert len(result.changes) == 18 and result.unchanged == 0
    totals = result.view.totals
    assert (totals.items, totals.bonus, totals.penalties) == (D("900.5"), D(30), D(10))
    assert totals.final == D("920.5") and totals.complete
    entries = uow.store.sheets[sheet_id].entries
    assert entries["1.2"].points == D("108.5") and entries["6.1"].occurrences == 0
    assert {entry.source for entry in entries.values()} == {EntrySource.TYPED}
    assert entries["1.1"].updated_by == sxd.actor.officer_id
    assert "sheet.entered_at_once" in uow.audit.actions()


async def test_a_message_with_a_problem_records_nothing(
    uow: FakeUnitOfWork, sxd: Membership
) -> None:
    sheet_id = await sheet_of(uow, sxd)
    await set_entry(uow, sxd, sheet_id, "1.1", "150", ANNUAL)
    before = copy.deepcopy(uow.store)
    written = split_message(MESSAGE.replace("4.3 36", "4.3 41"))  # 4.3 is out of 40
    seen = fast_entry.shown(uow.store.sheets[sheet_id])
    with pytest.raises(EntryProblems) as refused:
        await fast_entry.enter_sheet(uow, sxd, sheet_id, written, ANNUAL, seen, "message")
    assert [(p.place, p.code) for p in refused.value.problems] == [(13, "score-out-of-range")]
    assert uow.store == before


async def test_what_a_colleague_changed_meanwhile_is_not_overwritten(
    uow: FakeUnitOfWork, sxd: Membership
) -> None:
    sheet_id = await sheet_of(uow, sxd)
    seen = fast_entry.shown(uow.store.sheets[sheet_id])  # the screen: nothing entered yet
    colleague = await officer(uow, "SXD", "Lê Thị Hoa")
    await set_entry(uow, colleague, sheet_id, "1.1", "190", ANNUAL)
    before = copy.deepcopy(uow.store)
    written = split_message("1.1 180; 1.2 108")
    with pytest.raises(EntryProblems) as refused:
        await fast_entry.enter_sheet(uow, sxd, sheet_id, written, ANNUAL, seen, "message")
    [problem] = refused.value.problems
    assert (problem.place, problem.code, problem.value("by")) == (1, "changed-meanwhile",
                                                                  "Lê Thị Hoa")  # fmt: skip
    assert problem.value("value") == D(190)
    assert uow.store == before
    # Told, they send it again: now seen, it replaces the colleague's value.
    seen = {**seen, "1.1": "190"}
    result = await fast_entry.enter_sheet(uow, sxd, sheet_id, written, ANNUAL, seen, "message")
    assert [(c.code, c.old, c.new) for c in result.changes] == [
        ("1.1", D(190), D(180)), ("1.2", None, D(108)),
    ]  # fmt: skip


# --------------------------------------------------------------------- last period's scores


async def midyear_submitted(uow: FakeUnitOfWork, who: Membership) -> int:
    sheet_id = await sheet_of(uow, who, MIDYEAR)
    text = MESSAGE.replace("1.1 180", "1.1 170").replace("5.2 10", "5.2 15")
    await fast_entry.enter_sheet(uow, who, sheet_id, split_message(text), MIDYEAR, {}, "message")
    await submit(uow, who, sheet_id, MIDYEAR)
    entry = uow.store.sheets[sheet_id].entries["1.2"]
    entry.verified, entry.verify_reason = D(100), "Hai văn bản trễ hạn"  # the leader's change
    return sheet_id


async def test_the_annual_sheet_starts_from_the_midyear_one_without_overwriting(
    uow: FakeUnitOfWork, sxd: Membership
) -> None:
    await midyear_submitted(uow, sxd)
    sheet_id = await sheet_of(uow, sxd)
    screen = await fast_entry.open_fast(uow, sxd, sheet_id, ANNUAL)
    assert screen.previous is not None and screen.previous.sheet.cycle is Cycle.MIDYEAR
    await set_entry(uow, sxd, sheet_id, "1.1", "185", ANNUAL)  # typed before copying

    copied = await fast_entry.copy_previous(uow, sxd, sheet_id, ANNUAL)
    # 6.2 (late reports) the bot filled in on opening: the mid-year sheet came on time.
    assert copied.kept == ("1.1", "6.2") and copied.left_out == ()
    assert len(copied.copied) == 16
    entries = uow.store.sheets[sheet_id].entries
    assert (entries["1.1"].points, entries["1.1"].source) == (D(185), EntrySource.TYPED)
    assert (entries["1.2"].points, entries["1.2"].source) == (D(100), EntrySource.COPIED)
    assert (entries["6.2"].occurrences, entries["6.2"].source) == (0, EntrySource.BOT)
    assert entries["5.2"].points == D(15) and entries["6.3"].occurrences == 0
    assert copied.view.totals.complete
    # Copied values are the unit's to change: typing one makes it the unit's own.
    await set_entry(uow, sxd, sheet_id, "1.2", "110", ANNUAL)
    assert uow.store.sheets[sheet_id].entries["1.2"].source is EntrySource.TYPED


async def test_without_a_midyear_sheet_last_years_annual_one_is_the_start(
    uow: FakeUnitOfWork, sxd: Membership
) -> None:
    async with uow:
        await importer.import_bloc(uow, cum_spec(2024), ANNUAL)
        await uow.commit()
    last_year = next(y for y in uow.store.years.values() if y.year == 2024)
    table = last_year.criteria
    assert table is not None and last_year.id is not None
    unit = await unit_id(uow, "SXD")
    old = await uow.scores.save_sheet(
        ScoreSheet(last_year.id, unit, unit, Cycle.ANNUAL, SheetStatus.SUBMITTED)
    )
    assert old.id is not None
    for code, points in (("1.1", "200"), ("2.2", "70"), ("9.1", "5")):
        await uow.scores.save_entry(old.id, Entry(code, EntryKind.ITEM, D(points)))
    sheet_id = await sheet_of(uow, sxd)
    copied = await fast_entry.copy_previous(uow, sxd, sheet_id, ANNUAL)
    assert copied.source.year == 2024 and copied.source.sheet.cycle is Cycle.ANNUAL
    assert copied.copied == ("1.1", "2.2") and copied.left_out == ("9.1",)


async def test_nothing_to_copy_is_said(uow: FakeUnitOfWork, sxd: Membership) -> None:
    sheet_id = await sheet_of(uow, sxd)
    assert (await fast_entry.open_fast(uow, sxd, sheet_id, ANNUAL)).previous is None
    with pytest.raises(NothingToCopy):
        await fast_entry.copy_previous(uow, sxd, sheet_id, ANNUAL)


# ------------------------------------------------------------- what the bot fills in itself


async def known_year(uow: FakeUnitOfWork, unit_code: str) -> tuple[int, int]:
    unit = await unit_id(uow, unit_code)
    year = next(y for y in uow.store.years.values() if y.year == 2025)
    assert year.id is not None
    return year.id, unit


async def test_the_bot_fills_in_what_its_records_show(uow: FakeUnitOfWork, sxd: Membership) -> None:
    year_id, unit = await known_year(uow, "SXD")
    # Pledged late (on 17/03), signed on time; absent from the mid-year review, and says it
    # will miss the annual one too, which is not held yet: not counted.
    late = datetime(2025, 3, 17, 9, 0, tzinfo=LOCAL_TZ)
    july = datetime(2025, 7, 15, 8, 0, tzinfo=LOCAL_TZ)
    january = datetime(2026, 1, 15, 8, 0, tzinfo=LOCAL_TZ)
    await pledged_and_absent(uow, year_id, unit, pledged=late, absent=july)
    coming = await uow.conferences.save(Conference(year_id, ConferenceKind.ANNUAL, january, "—"))
    assert coming.id is not None
    await uow.conferences.save_rsvp(Rsvp(coming.id, unit, 0))

    view = await open_sheet(uow, sxd, Cycle.ANNUAL, ANNUAL)
    assert [(k.code, k.times) for k in view.filled] == [("6.1", 0), ("6.2", 1), ("6.3", 1)]
    entries = view.sheet.entries
    assert all(entries[code].source is EntrySource.BOT for code in ("6.1", "6.2", "6.3"))
    assert entries["6.3"].updated_by is None
    assert view.totals.penalties == D(30)  # one late report (10), one absence (20)
    assert "sheet.filled_by_bot" in uow.audit.actions()

    # Opened again: nothing new to fill. The unit changes one; the bot never overwrites it.
    assert (await open_sheet(uow, sxd, Cycle.ANNUAL, ANNUAL)).filled == ()
    assert view.sheet.id is not None
    await set_entry(uow, sxd, view.sheet.id, "6.3", "0", ANNUAL)
    again = await open_sheet(uow, sxd, Cycle.ANNUAL, ANNUAL)
    assert again.filled == () and again.sheet.entries["6.3"].occurrences == 0
    assert again.sheet.entries["6.3"].source is EntrySource.TYPED


async def test_what_the_bot_does_not_know_stays_empty(uow: FakeUnitOfWork, sxd: Membership) -> None:
    view = await open_sheet(uow, sxd, Cycle.ANNUAL, ANNUAL)
    assert view.filled == () and not view.sheet.entries


def test_a_value_the_bot_filled_in_meanwhile_is_named_as_the_bots() -> None:
    request = Request(Incoming(Channel.TELEGRAM, "1", ChatKind.PRIVATE, "1", "Nam", "0"))
    error = EntryChangedMeanwhile(item="6.3", value=1, by="", bot=True)
    reply = errors.domain_error(Translator("vi"), error, request)
    assert reply.text == (
        "⚠️ Tiêu chí 6.3 vừa được bot (tự điền) chấm 1. Điểm đó được giữ nguyên; gõ lại nếu "
        "anh/chị muốn thay."
    )
