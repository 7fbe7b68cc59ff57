"""Score sheets, entries, evidence and published rankings on SQLite and PostgreSQL, and the
scoring flow through the domain services on a real database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.admin import read_bloc_file
from bot.context import BotUnitOfWork
from domain.bloc_spec import BlocSpec, parse_bloc_spec
from domain.errors import Conflict
from domain.model import BlocYear, Channel, Officer
from domain.services import importer
from domain.services.members import Membership, membership
from domain.services.ranking import publish, score_summary
from domain.services.scoring import open_sheet, set_entry, submit
from domain.settings import LOCAL_TZ
from domain.sheets import Entry, EntryKind, Evidence, ScoreSheet, SheetStatus
from domain.summary import Cycle
from tests.samples import sample_yaml
from tests.verification_support import verify_entry

D = Decimal
NOW = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)  # 09:00 local: the annual window is open
UowFactory = Callable[[], BotUnitOfWork]
ITEM_MAX = {
    "1": 15, "2": 10, "3": 8, "4": 7, "5": 5, "6": 5, "7": 5, "8": 5, "9": 6,
    "10": 5, "11": 4, "12": 5, "13": 4, "14": 3, "15": 3, "16": 4, "17": 3, "18": 3,
}  # fmt: skip


def sample_spec(year: int = 2022) -> BlocSpec:
    data, where = read_bloc_file(sample_yaml())
    data["bloc"]["year"] = year
    return parse_bloc_spec(data, where)


async def import_sample(uow_factory: UowFactory, year: int = 2022) -> None:
    async with uow_factory() as uow:
        await importer.import_bloc(uow, sample_spec(year), NOW)
        await uow.commit()


async def sample_year(uow: BotUnitOfWork, year: int = 2022) -> tuple[BlocYear, dict[str, int]]:
    """The bloc year and the unit ids by code."""
    bloc = await uow.blocs.by_code("khoi7-travinh")
    assert bloc is not None and bloc.id is not None
    found = await uow.blocs.year(bloc.id, year)
    assert found is not None and found.id is not None
    units = {unit.code: unit.id for unit in await uow.blocs.units(bloc.id) if unit.id}
    return found, units


async def entry_rows(engine: AsyncEngine, sheet_id: int) -> list[tuple[str, Decimal | None]]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT code, points FROM score_entries WHERE sheet_id = :s ORDER BY code"),
            {"s": sheet_id},
        )
        return [(row[0], row[1]) for row in rows]


# ---------------------------------------------------------------------------------------------
# The repository


async def test_a_sheet_and_its_entries_round_trip(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
        assert year.id is not None
        officer = await uow.people.save_officer(Officer("Trần Thị Mai", units["STN"]))
        sheet = await uow.scores.save_sheet(
            ScoreSheet(year.id, units["STN"], units["STN"], Cycle.ANNUAL)
        )
        assert sheet.id is not None
        expected = {
            "3": Entry("3", EntryKind.ITEM, D("8.5"), updated_by=officer.id, updated_at=NOW),
            "1": Entry("1", EntryKind.ITEM, D(15), note="Báo cáo số 12/BC"),
            "12": Entry("12", EntryKind.ITEM, D(0)),
            "19": Entry("19", EntryKind.BONUS, D("2.5")),
            "23": Entry("23", EntryKind.PENALTY, occurrences=2),
            "9": Entry("9", EntryKind.ITEM, D(6), verified=D("4.5"), verify_reason="CCHC"),
        }
        for entry in expected.values():
            await uow.scores.save_entry(sheet.id, entry)
        await uow.commit()

    async with uow_factory() as uow:
        loaded = await uow.scores.sheet(sheet.id)
        found = await uow.scores.find_sheet(year.id, units["STN"], units["STN"], Cycle.ANNUAL)
        midyear = await uow.scores.find_sheet(year.id, units["STN"], units["STN"], Cycle.MIDYEAR)
        other = await uow.scores.find_sheet(year.id, units["SGT"], units["SGT"], Cycle.ANNUAL)
        missing = await uow.scores.sheet(sheet.id + 1000)
    assert loaded is not None and loaded == found
    assert (loaded.id, loaded.bloc_year_id, loaded.unit_id, loaded.scorer_unit_id) == (
        sheet.id,
        year.id,
        units["STN"],
        units["STN"],
    )
    assert (loaded.cycle, loaded.status, loaded.submitted_at) == (
        Cycle.ANNUAL,
        SheetStatus.DRAFT,
        None,
    )
    assert loaded.entries == expected
    assert loaded.entries["3"].points == D("8.5") and loaded.entries["12"].points == D(0)
    assert str(loaded.entries["1"].points) == "15"  # no trailing ".0" from NUMERIC(8, 1)
    assert loaded.entries["3"].updated_at is not None
    assert loaded.entries["3"].updated_at.utcoffset() == timedelta(0)
    assert midyear is None and other is None and missing is None


async def test_saving_a_sheet_again_updates_it(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
        assert year.id is not None
        officer = await uow.people.save_officer(Officer("Trần Thị Mai", units["STN"]))
        sheet = await uow.scores.save_sheet(
            ScoreSheet(year.id, units["STN"], units["STN"], Cycle.ANNUAL)
        )
        assert sheet.id is not None
        await uow.scores.save_entry(sheet.id, Entry("3", EntryKind.ITEM, D(8)))
        await uow.commit()
    submitted_at = datetime(2022, 12, 1, 9, 30, tzinfo=LOCAL_TZ)
    async with uow_factory() as uow:
        loaded = await uow.scores.sheet(sheet.id)
        assert loaded is not None
        loaded.status, loaded.submitted_at = SheetStatus.SUBMITTED, submitted_at
        loaded.submitted_by = officer.id
        saved = await uow.scores.save_sheet(loaded)
        assert saved.id == sheet.id
        await uow.commit()
    async with uow_factory() as uow:
        again = await uow.scores.sheet(sheet.id)
        every = await uow.scores.sheets(year.id, Cycle.ANNUAL)
    assert again is not None and again.status is SheetStatus.SUBMITTED
    assert again.submitted_at == submitted_at and again.submitted_by == officer.id
    assert again.submitted_at is not None and again.submitted_at.tzinfo is UTC
    assert again.entries == {"3": Entry("3", EntryKind.ITEM, D(8))}  # entries kept
    assert [s.id for s in every] == [sheet.id]


async def test_saving_an_entry_again_updates_it_in_place(
    uow_factory: UowFactory, engine: AsyncEngine
) -> None:
    await import_sample(uow_factory)
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
        assert year.id is not None
        sheet = await uow.scores.save_sheet(
            ScoreSheet(year.id, units["STN"], units["STN"], Cycle.ANNUAL)
        )
        assert sheet.id is not None
        await uow.scores.save_entry(sheet.id, Entry("3", EntryKind.ITEM, D(8)))
        await uow.scores.save_entry(sheet.id, Entry("4", EntryKind.ITEM, D(7)))
        await uow.commit()
    async with uow_factory() as uow:
        changed = Entry("3", EntryKind.ITEM, D("6.5"), verified=D(6), verify_reason="Thiếu")
        await uow.scores.save_entry(sheet.id, changed)
        await uow.scores.save_entry(sheet.id, Entry("3", EntryKind.ITEM, D("7.5")))  # twice
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.scores.sheet(sheet.id)
    assert loaded is not None
    assert loaded.entries == {
        "3": Entry("3", EntryKind.ITEM, D("7.5")),
        "4": Entry("4", EntryKind.ITEM, D(7)),
    }
    rows = await entry_rows(engine, sheet.id)
    assert [code for code, _ in rows] == ["3", "4"]
    assert [points for _, points in rows] == [D("7.5"), D(7)]


async def test_the_sheets_of_a_cycle_come_with_their_entries(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
        assert year.id is not None
        made = {}
        for code, cycle in (("STN", Cycle.ANNUAL), ("SGT", Cycle.ANNUAL), ("SCT", Cycle.MIDYEAR)):
            sheet = await uow.scores.save_sheet(
                ScoreSheet(year.id, units[code], units[code], cycle)
            )
            assert sheet.id is not None
            made[code] = sheet.id
        await uow.scores.save_entry(made["STN"], Entry("1", EntryKind.ITEM, D("14.5")))
        await uow.scores.save_entry(made["STN"], Entry("22", EntryKind.PENALTY, occurrences=1))
        await uow.scores.save_entry(made["SGT"], Entry("1", EntryKind.ITEM, D(13)))
        await uow.scores.save_entry(made["SCT"], Entry("1", EntryKind.ITEM, D(10)))
        await uow.commit()
    async with uow_factory() as uow:
        annual = await uow.scores.sheets(year.id, Cycle.ANNUAL)
        midyear = await uow.scores.sheets(year.id, Cycle.MIDYEAR)
    assert [(s.id, s.unit_id) for s in annual] == [
        (made["STN"], units["STN"]),
        (made["SGT"], units["SGT"]),
    ]
    assert annual[0].entries == {
        "1": Entry("1", EntryKind.ITEM, D("14.5")),
        "22": Entry("22", EntryKind.PENALTY, occurrences=1),
    }
    assert annual[1].entries == {"1": Entry("1", EntryKind.ITEM, D(13))}
    assert [(s.id, s.entries["1"].points) for s in midyear] == [(made["SCT"], D(10))]


async def test_any_for_year_sees_only_that_year(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    await import_sample(uow_factory, 2023)
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
        next_year, _ = await sample_year(uow, 2023)
        assert year.id is not None and next_year.id is not None
        assert not await uow.scores.any_for_year(year.id)
        sheet = await uow.scores.save_sheet(
            ScoreSheet(year.id, units["SCT"], units["SCT"], Cycle.MIDYEAR)
        )
        await uow.commit()
    async with uow_factory() as uow:
        assert not await uow.scores.any_for_year(year.id)  # opened, nothing scored yet
        await uow.scores.save_entry(sheet.id or 0, Entry("1", EntryKind.ITEM, Decimal(12)))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.scores.any_for_year(year.id)
        assert not await uow.scores.any_for_year(next_year.id)


async def test_evidence_is_added_and_listed(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
        assert year.id is not None
        officer = await uow.people.save_officer(Officer("Trần Thị Mai", units["STN"]))
        sheet = await uow.scores.save_sheet(
            ScoreSheet(year.id, units["STN"], units["STN"], Cycle.ANNUAL)
        )
        other = await uow.scores.save_sheet(
            ScoreSheet(year.id, units["SGT"], units["SGT"], Cycle.ANNUAL)
        )
        assert sheet.id is not None and other.id is not None
        photo = Evidence("3", "photo", "AgACAgUAAxkBAAI", "ảnh.jpg", 20480, officer.id, NOW)
        note = Evidence("9", "note", "Quyết định 123/QĐ-UBND", added_by=officer.id, added_at=NOW)
        added = [await uow.scores.add_evidence(sheet.id, e) for e in (photo, note)]
        await uow.commit()
    assert all(e.id is not None for e in added) and added[0].id != added[1].id
    async with uow_factory() as uow:
        listed = await uow.scores.evidence(sheet.id)
        none = await uow.scores.evidence(other.id)
    assert listed == [photo, note]
    assert listed[0].added_at == NOW and listed[0].name == "ảnh.jpg"
    assert none == []


async def test_a_ranking_is_published_once(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    at = datetime(2022, 12, 20, 14, 0, tzinfo=LOCAL_TZ)
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
        assert year.id is not None
        leader = await uow.people.save_officer(Officer("Nguyễn Văn Lãnh", units["SNN"]))
        assert leader.id is not None
        assert await uow.scores.published_at(year.id, Cycle.ANNUAL) is None
        await uow.scores.publish(year.id, Cycle.ANNUAL, at, leader.id)
        await uow.commit()
    async with uow_factory() as uow:
        published = await uow.scores.published_at(year.id, Cycle.ANNUAL)
        midyear = await uow.scores.published_at(year.id, Cycle.MIDYEAR)
    assert published == at and published is not None and published.tzinfo is UTC
    assert midyear is None
    try:
        async with uow_factory() as uow:
            await uow.scores.publish(year.id, Cycle.ANNUAL, at + timedelta(hours=1), leader.id)
            await uow.commit()
    except Conflict:
        pass
    else:
        raise AssertionError("publishing the same cycle twice must be a Conflict")
    async with uow_factory() as uow:
        assert await uow.scores.published_at(year.id, Cycle.ANNUAL) == at


async def test_two_workers_creating_the_same_sheet_get_one_conflict(
    uow_factory: UowFactory,
) -> None:
    await import_sample(uow_factory)
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
    assert year.id is not None
    year_id, stn = year.id, units["STN"]

    async def create() -> int | None:
        async with uow_factory() as uow:
            sheet = await uow.scores.save_sheet(ScoreSheet(year_id, stn, stn, Cycle.ANNUAL))
            await uow.commit()
            return sheet.id

    results = await asyncio.gather(create(), create(), return_exceptions=True)
    conflicts = [r for r in results if isinstance(r, Conflict)]
    created = [r for r in results if isinstance(r, int)]
    assert len(conflicts) == 1 and len(created) == 1, results
    async with uow_factory() as uow:
        sheets = await uow.scores.sheets(year_id, Cycle.ANNUAL)
    assert [s.id for s in sheets] == created


# ---------------------------------------------------------------------------------------------
# The flow through the domain services


async def as_member(uow: BotUnitOfWork, officer_id: int) -> Membership:
    officer = await uow.people.officer(officer_id)
    return await membership(uow, officer, Channel.TELEGRAM)


async def test_open_score_submit_verify_publish_and_summarise(uow_factory: UowFactory) -> None:
    """STN: 100 − 0.5 (item 1) + 2.5 bonus − 2 (two late reports) = 100 as typed; the leader
    lowers item 9 from 6 to 5 → 99. SGT: full marks, 100. The others submit nothing."""
    await import_sample(uow_factory)
    async with uow_factory() as uow:
        _, units = await sample_year(uow)
        people = {}
        for code, name in (("STN", "Trần Thị Mai"), ("SGT", "Võ Văn Giao"), ("SNN", "Lãnh")):
            officer = await uow.people.save_officer(Officer(name, units[code]))
            assert officer.id is not None
            people[code] = officer.id
        await uow.commit()

    sheets: dict[str, int] = {}
    for code, overrides in (("STN", {"1": "14,5", "19": "2,5", "23": "2"}), ("SGT", {})):
        async with uow_factory() as uow:
            scorer = await as_member(uow, people[code])
            view = await open_sheet(uow, scorer, Cycle.ANNUAL, NOW)
            assert view.sheet.id is not None
            sheets[code] = view.sheet.id
            await uow.commit()
        entries = {c: str(top) for c, top in ITEM_MAX.items()} | overrides
        for item, value in entries.items():  # one transaction per typed score, as in the bot
            async with uow_factory() as uow:
                await set_entry(
                    uow, await as_member(uow, people[code]), sheets[code], item, value, NOW
                )
                await uow.commit()
        async with uow_factory() as uow:
            view = await open_sheet(uow, await as_member(uow, people[code]), Cycle.ANNUAL, NOW)
            assert view.sheet.id == sheets[code] and view.totals.complete
            done = await submit(uow, await as_member(uow, people[code]), sheets[code], NOW)
            await uow.commit()
        assert done.sheet.status is SheetStatus.SUBMITTED
    assert done.totals.final == D(100)

    later = NOW + timedelta(days=30)
    async with uow_factory() as uow:
        leader = await as_member(uow, people["SNN"])
        verified = await verify_entry(uow, leader, sheets["STN"], "9", "5", "Chỉ số 8/20", later)
        await uow.commit()
    assert (verified.own.final, verified.final.final) == (D(100), D(99))
    async with uow_factory() as uow:
        await publish(uow, await as_member(uow, people["SNN"]), Cycle.ANNUAL, later)
        await uow.commit()

    async with uow_factory() as uow:
        summary = await score_summary(uow, await as_member(uow, people["STN"]), Cycle.ANNUAL)
        audit = await uow.audit.entries()
        stored = await uow.scores.sheet(sheets["STN"])
    assert summary.published
    rows = [
        (r.unit_code, r.rank, r.tied, r.self_totals.final, r.final_totals.final)
        for r in summary.rows
    ]
    assert rows == [("SGT", 1, False, D(100), D(100)), ("STN", 2, False, D(100), D(99))]
    stn = summary.rows[1]
    assert (stn.final_totals.items, stn.final_totals.bonus, stn.final_totals.penalties) == (
        D("98.5"),
        D("2.5"),
        D(2),
    )
    assert stn.final_totals.sections["I"] == D("39.5")
    assert stn.items["9"] == D(5) and stn.items["1"] == D("14.5") and stn.penalties == {"23": 2}
    assert summary.unranked == (
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Công Thương",
        "Đài Phát thanh và Truyền hình Trà Vinh",
    )
    assert stored is not None and stored.submitted_by == people["STN"]
    assert stored.submitted_at == NOW and stored.entries["9"].verified == D(5)
    actions = [e.action for e in audit]
    assert actions.count("sheet.submitted") == 2 and actions.count("ranking.published") == 1
    submitted = [e for e in audit if e.action == "sheet.submitted"]
    assert sorted(D(str(e.details["total"])) for e in submitted) == [D(100), D(100)]
    (verified_entry,) = [e for e in audit if e.action == "score.verified"]
    assert verified_entry.details == {"item": "9", "old": "6", "new": "5", "reason": "Chỉ số 8/20"}
