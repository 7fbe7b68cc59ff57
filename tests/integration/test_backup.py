"""export-data / import-data on SQLite and PostgreSQL: a populated database (the sample bloc,
a secret ballot and its revote, an open ballot, a conference, scores, pledges, the outbox,
stored files, app settings) goes out as JSON and into a fresh database of the other engine
with every row equal; ids continue after the import; an import refuses a non-empty database
or another revision and writes nothing on any problem; a bloc's export holds only that bloc."""

from __future__ import annotations

import base64
import copy
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.admin import read_bloc_file
from db import backup
from db.backup import BackupError
from db.document_rows import DocumentCounterRow, IssuedDocumentRow
from db.engine import create_engine, session_factory
from db.migrate import upgrade
from db.models import (
    AppSettingRow,
    AuditRow,
    BallotCandidateRow,
    BallotRow,
    BallotVoteRow,
    BallotVoterRow,
    Base,
    BlocRow,
    BlocYearRow,
    CampaignRow,
    ConversationRow,
    EvidenceRow,
    GroupChatRow,
    IdentityRow,
    InvitationRow,
    OfficerRow,
    OutboxMessageRow,
    PledgeCampaignRow,
    PledgeRow,
    ProcessedUpdateRow,
    PublishedRankingRow,
    ScoreEntryRow,
    ScoreSheetRow,
    StoredFileRow,
    UnitRow,
    WebLinkRow,
    WebSessionRow,
)
from db.uow import SqlUnitOfWork
from db.year_rows import ConferenceRow, ConferenceRsvpRow, ScheduledEventRow
from db.zalo_oa import ZaloOAContactRow, ZaloOATokenRow
from domain.bloc_spec import parse_bloc_spec
from domain.services import importer
from tests.conftest import POSTGRES_URL
from tests.integration.conftest import _postgres_reachable
from tests.samples import sample_yaml, sealer

NOW = datetime(2022, 12, 20, 2, 0, 0, 123456, tzinfo=UTC)
SAMPLE = "khoi7-travinh"
OTHER = "khoi8-thu"
SECRET_RECEIPTS = ["Z9K2", "A7Q1", "M3X8", "B2C4"]  # not in the order cast


@asynccontextmanager
async def fresh_database(
    kind: str, tmp_path: Path, revision: str | None = "head"
) -> AsyncIterator[AsyncEngine]:
    """An empty database of that kind, migrated to `revision` (None: not migrated)."""
    if kind == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / f'{uuid.uuid4().hex}.db'}")
        try:
            if revision:
                await upgrade(engine, revision)
            yield engine
        finally:
            await engine.dispose()
        return
    if not await _postgres_reachable():
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL} (set TEST_POSTGRES_URL)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(POSTGRES_URL, connect_args={"server_settings": {"search_path": schema}})
    try:
        if revision:
            await upgrade(engine, revision)
        yield engine
    finally:
        await engine.dispose()
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def other_kind(engine: AsyncEngine) -> str:
    return "postgresql" if engine.dialect.name == "sqlite" else "sqlite"


async def import_bloc(engine: AsyncEngine, code: str = SAMPLE) -> None:
    data, where = read_bloc_file(sample_yaml())
    data = copy.deepcopy(data)
    data["bloc"]["code"] = code
    if code != SAMPLE:
        data["bloc"]["name"] = "Khối thi đua thử"
    async with SqlUnitOfWork(session_factory(engine), sealer()) as uow:
        await importer.import_bloc(uow, parse_bloc_spec(data, where), NOW)
        await uow.commit()


async def _ids(connection: AsyncConnection, code: str) -> tuple[int, int, dict[str, int]]:
    bloc_id = (
        await connection.execute(select(BlocRow.id).where(BlocRow.code == code))
    ).scalar_one()
    year_id = (
        await connection.execute(select(BlocYearRow.id).where(BlocYearRow.bloc_id == bloc_id))
    ).scalar_one()
    query = select(UnitRow.code, UnitRow.id).where(UnitRow.bloc_id == bloc_id)
    units = {code: unit_id for code, unit_id in (await connection.execute(query)).all()}
    return bloc_id, year_id, units


async def _add(connection: AsyncConnection, row: type[Base], **values: Any) -> Any:
    result = await connection.execute(insert(row).values(**values))
    key = result.inserted_primary_key
    return key[0] if key is not None and len(key) == 1 else None


async def populate(engine: AsyncEngine) -> None:
    """The sample bloc and a second bloc, and a year's worth of rows in every table."""
    await import_bloc(engine, SAMPLE)
    await import_bloc(engine, OTHER)
    later = NOW + timedelta(days=2)
    async with engine.begin() as c:
        bloc_id, year_id, units = await _ids(c, SAMPLE)
        other_bloc, other_year, other_units = await _ids(c, OTHER)
        snn = await _add(c, OfficerRow, full_name="Nguyễn Văn Đông", unit_id=units["SNN"])
        stn = await _add(c, OfficerRow, full_name="Trần Thị Mai", unit_id=units["STN"])
        board = await _add(c, OfficerRow, full_name="Lê Ban", unit_id=None, board_role="admin")
        stranger = await _add(c, OfficerRow, full_name="Phạm Khác", unit_id=other_units["SNN"])
        for officer, external in ((snn, "500"), (stn, "501"), (board, "900"), (stranger, "700")):
            await _add(
                c, IdentityRow, channel="telegram", external_id=external,
                display_name=f"người {external}", officer_id=officer, locale="vi", blocked_at=None,
            )  # fmt: skip
        await _add(
            c, IdentityRow, channel="zalo", external_id="z-unknown", display_name="Khách",
            officer_id=None, locale=None, blocked_at=later,
        )  # fmt: skip
        for code, unit in (("snn-1a2b3c", units["SNN"]), ("oth-9z8y7x", other_units["SNN"])):
            await _add(
                c, InvitationRow, code=code, unit_id=unit, board_role=None, created_at=NOW,
                expires_at=NOW + timedelta(days=60), revoked_at=None, uses=1, max_uses=None,
            )  # fmt: skip
        await _add(
            c, InvitationRow, code="ban-admin-1", unit_id=None, board_role="admin",
            created_at=NOW, expires_at=later, revoked_at=None, uses=1, max_uses=1,
        )  # fmt: skip
        await _add(
            c, GroupChatRow, channel="telegram", chat_id="-100123", bloc_id=bloc_id,
            title="Khối 7", bound_by=snn,
        )  # fmt: skip
        await _add(
            c, GroupChatRow, channel="telegram", chat_id="-100999", bloc_id=other_bloc,
            title="Khối 8", bound_by=stranger,
        )  # fmt: skip
        sheet = await _add(
            c, ScoreSheetRow, bloc_year_id=year_id, unit_id=units["SNN"],
            scorer_unit_id=units["SNN"], cycle="annual", status="submitted",
            submitted_at=NOW, submitted_by=snn,
        )  # fmt: skip
        await _add(
            c, ScoreEntryRow, sheet_id=sheet, code="I.1", kind="item", points=Decimal("12.5"),
            occurrences=None, verified=Decimal("11.0"), verify_reason="thiếu minh chứng",
            note="", updated_by=snn, updated_at=NOW,
        )  # fmt: skip
        await _add(
            c, ScoreEntryRow, sheet_id=sheet, code="P.1", kind="penalty", points=None,
            occurrences=2, verified=None, verify_reason="", note="hai lần", updated_by=None,
            updated_at=None, source="bot",
        )  # fmt: skip
        await _add(
            c, EvidenceRow, sheet_id=sheet, code="I.1", kind="photo", reference="file-id-1",
            name="ảnh.jpg", size=2048, added_by=snn, added_at=NOW,
        )  # fmt: skip
        other_sheet = await _add(
            c, ScoreSheetRow, bloc_year_id=other_year, unit_id=other_units["SNN"],
            scorer_unit_id=other_units["SNN"], cycle="annual", status="draft",
            submitted_at=None, submitted_by=None,
        )  # fmt: skip
        await _add(
            c, ScoreEntryRow, sheet_id=other_sheet, code="I.1", kind="item",
            points=Decimal("3.0"), occurrences=None, verified=None, verify_reason="", note="",
            updated_by=stranger, updated_at=NOW,
        )  # fmt: skip
        # Published by the board: the bloc's export must bring that officer along.
        await _add(
            c, PublishedRankingRow, bloc_year_id=year_id, cycle="annual", published_at=later,
            published_by=board,
        )  # fmt: skip
        campaign = await _add(c, CampaignRow, bloc_year_id=year_id, title="Chuyển đổi số")
        pledge = await _add(
            c, PledgeRow, bloc_year_id=year_id, unit_id=units["SNN"], titles=["flag", "merit"],
            commitments="Hoàn thành 100%", status="approved", return_reason="",
            submitted_at=NOW, submitted_by=snn, decided_at=later, decided_by=stn,
            signed_at=later, signed_by=snn,
        )  # fmt: skip
        await _add(c, PledgeCampaignRow, pledge_id=pledge, campaign_id=campaign)
        ballot = {
            "bloc_year_id": year_id, "kind": "flag", "title": "Đề nghị Cờ thi đua",
            "quota": 1, "secret": True, "threshold": "2/3", "base": "all_members",
            "place": "Hội trường", "status": "closed", "round": 1, "parent_id": None,
            "opened_at": NOW, "opened_by": snn, "closes_at": later, "closed_at": later,
            "reminded_at": None,
            "officials": {"chair": ["Nguyễn Văn An", "Giám đốc"], "secretary": None,
                          "tellers": [["Trần Thị Mai", ""]]},
        }  # fmt: skip
        # The revote gets the lower id: the import must still write its first round first.
        first = 40
        await _add(c, BallotRow, id=first, **ballot)
        await _add(c, BallotRow, **{**ballot, "id": 7, "round": 2, "parent_id": first})
        for ballot_id in (first, 7):
            for position, code in enumerate(("SNN", "STN")):
                await _add(
                    c, BallotCandidateRow, ballot_id=ballot_id, position=position,
                    label=code, unit_id=units[code], score=Decimal("85.50") - position,
                )  # fmt: skip
        for code, officer in (("SNN", snn), ("STN", stn), ("SGT", None), ("SCT", None)):
            await _add(c, BallotVoterRow, ballot_id=first, unit_id=units[code], officer_id=officer)
        for receipt in SECRET_RECEIPTS:
            await _add(c, BallotVoteRow, ballot_id=first, receipt=receipt, unit_id=None,
                       approved=[1] if receipt < "N" else [])  # fmt: skip
        opened = await _add(
            c, BallotRow, **{**ballot, "id": 60, "secret": False, "kind": "question",
                             "status": "open", "closed_at": None},
        )  # fmt: skip
        await _add(c, BallotVoterRow, ballot_id=opened, unit_id=units["SNN"], officer_id=snn)
        await _add(
            c, BallotVoteRow, ballot_id=opened, receipt="OPEN1", unit_id=units["SNN"],
            approved=[],
        )  # fmt: skip
        conference = await _add(
            c, ConferenceRow, bloc_year_id=year_id, kind="annual", starts_at=later,
            place="UBND tỉnh", agenda="Tổng kết", attendees="Lãnh đạo",
            host_unit_id=units["SNN"], status="scheduled", sequence=1, created_by=snn,
        )  # fmt: skip
        await _add(
            c, ConferenceRsvpRow, conference_id=conference, unit_id=units["STN"], people=2,
            names="A, B", officer_id=stn, at=NOW,
        )  # fmt: skip
        await _add(c, ScheduledEventRow, key=f"conference:{conference}:1:7d", at=NOW)
        await _add(c, DocumentCounterRow, bloc_id=bloc_id, year=2023, next_number=3)
        await _add(c, DocumentCounterRow, bloc_id=other_bloc, year=2023, next_number=2)
        for bloc, number in ((bloc_id, 2), (other_bloc, 1)):
            await _add(
                c, IssuedDocumentRow, bloc_id=bloc, kind="minutes", subject_id=first, edition=1,
                year=2023, number=number, issued_at=later,
            )  # fmt: skip
        await _add(c, ScheduledEventRow, key=f"year:{year_id}:annual:opened", at=NOW)
        await _add(c, ScheduledEventRow, key=f"year:{other_year}:annual:opened", at=NOW)
        await _add(
            c, AuditRow, at=NOW, actor_officer_id=board, channel="telegram",
            action="ranking.published", entity="bloc_year", entity_id=str(year_id),
            details={"cycle": "annual", "units": 5},
        )  # fmt: skip
        await _add(
            c, AuditRow, at=NOW, actor_officer_id=stranger, channel="telegram",
            action="group.bound", entity="group", entity_id="telegram:-100999", details={},
        )  # fmt: skip
        for number in range(3):
            await _add(
                c, OutboxMessageRow, channel="telegram", chat_id="500",
                payload={"text": f"Tin {number}", "buttons": [["a", "b"]]},
                key=f"k{number}" if number else None, track=None, edit_of=None,
                status="sent" if number else "pending", attempts=number, not_before=NOW,
                created_at=NOW, sent_at=later if number else None,
                platform_message_id=str(number) if number else None, error="",
                expires_at=None,
            )  # fmt: skip
        await _add(
            c, ConversationRow, channel="telegram", chat_id="500", user_id="500",
            state="scoring", data={"sheet": sheet, "score": "12,5"}, choices=[1, "a"],
            updated_at=NOW,
        )  # fmt: skip
        await _add(c, ProcessedUpdateRow, channel="telegram", update_key="1001", processed_at=NOW)
        await _add(c, AppSettingRow, key="callback-secret", value="s3cr3t-ключ")
        await _add(
            c, StoredFileRow, token="tok-1", name="bảng.xlsx", mime_type="application/zip",
            content=bytes(range(256)) + b"\x00PK", created_at=NOW, expires_at=later,
        )  # fmt: skip
        await _add(
            c, ZaloOATokenRow, app_id="3608465248940903967", access_token="at-1",
            refresh_token="rt-1", expires_at=later, renewed_at=NOW, refused_at=None,
            refused_reason="", configured="0" * 64,
        )  # fmt: skip
        await _add(
            c, ZaloOAContactRow, user_id="8442107652209134121", last_interaction_at=NOW,
            display_name="Nguyễn Thị Lan",
        )  # fmt: skip
        await _add(
            c, WebLinkRow, token_hash="a" * 64, channel="zalo", external_id="z-1",
            path="/w/sheet", created_at=NOW, expires_at=later, used_at=None,
        )  # fmt: skip
        await _add(
            c, WebSessionRow, token_hash="b" * 64, channel="telegram", external_id="500",
            csrf="c5rf", data={"pages": 1}, created_at=NOW, expires_at=later,
        )  # fmt: skip


async def all_rows(engine: AsyncEngine) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows as Python values (decimals compared as numbers)."""
    return backup.check_document(await backup.export_data(engine))


def through_json(document: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(document, ensure_ascii=False))
    return loaded


async def count(engine: AsyncEngine, table: str) -> int:
    async with engine.connect() as connection:
        result = await connection.execute(text(f"SELECT count(*) FROM {table}"))
        return int(result.scalar_one())


async def test_every_table_is_either_bloc_data_or_bookkeeping() -> None:
    names = {table.name for table in backup.tables()}
    classified = set(backup.BLOC_OWNERS) | backup.BLOC_SPECIAL | backup.NOT_BLOC_DATA
    assert names == classified


async def test_round_trip_into_the_other_engine(engine: AsyncEngine, tmp_path: Path) -> None:
    await populate(engine)
    document = through_json(await backup.export_data(engine, now=NOW))

    assert document["format"] == "thidua-bot-data" and document["version"] == 1
    assert document["revision"] == backup.head_revision()
    assert document["exported_at"] == NOW.isoformat() and document["bloc"] is None
    assert list(document["tables"]) == [table.name for table in backup.tables()]
    assert document["counts"] == {k: len(v) for k, v in document["tables"].items()}
    assert all(document["counts"][table.name] > 0 for table in backup.tables())
    entry = document["tables"]["score_entries"][0]
    assert entry["points"] == "12.5" and entry["updated_at"] == NOW.isoformat()
    # Fast entry's columns: a penalty's fact tag, and an entry the bot filled in.
    sources = {row["code"]: row["source"] for row in document["tables"]["score_entries"]}
    assert sources["P.1"] == "bot" and sources["I.1"] is None
    facts = {row["code"]: row["fact"] for row in document["tables"]["criteria"]}
    assert facts["22"] == "covenant_unsigned" and facts["25"] is None
    content = base64.b64encode(bytes(range(256)) + b"\x00PK").decode("ascii")
    assert document["tables"]["stored_files"][0]["content"] == content
    assert document["tables"]["conversations"][0]["data"] == {"sheet": entry["sheet_id"],
                                                              "score": "12,5"}  # fmt: skip

    async with fresh_database(other_kind(engine), tmp_path) as target:
        result = await backup.import_data(target, document)
        assert result.counts == document["counts"] and result.replaced == {}
        assert await all_rows(target) == await all_rows(engine)
        # ...and out again, the same JSON (the same order, the same text for every value)
        again = through_json(await backup.export_data(target, now=NOW))
        assert {**again, "dialect": None} == {**document, "dialect": None}


async def test_secret_votes_round_trip_without_a_link_to_the_voters(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    await populate(engine)
    document = through_json(await backup.export_data(engine))
    votes = [row for row in document["tables"]["ballot_votes"] if row["ballot_id"] == 40]
    voters = [row for row in document["tables"]["ballot_voters"] if row["ballot_id"] == 40]
    # The tables' own columns only, rows by primary key: receipt order, not the order cast.
    assert [row["receipt"] for row in votes] == sorted(SECRET_RECEIPTS)
    columns = {"ballot_id", "receipt", "unit_id", "approved", "sealed"}
    assert all(set(row) == columns for row in votes)
    assert all(row["unit_id"] is None for row in votes)
    assert all(set(row) == {"ballot_id", "unit_id", "officer_id"} for row in voters)
    assert [row["unit_id"] for row in voters] == sorted(row["unit_id"] for row in voters)
    async with fresh_database(other_kind(engine), tmp_path) as target:
        await backup.import_data(target, document)
        async with target.connect() as connection:
            stored = (
                await connection.execute(
                    select(BallotVoteRow.receipt, BallotVoteRow.unit_id, BallotVoteRow.approved)
                    .where(BallotVoteRow.ballot_id == 40)
                    .order_by(BallotVoteRow.receipt)
                )
            ).all()
        assert [tuple(row) for row in stored] == [
            (row["receipt"], None, row["approved"]) for row in votes
        ]


async def test_sqlite_to_postgresql_and_ids_continue(tmp_path: Path) -> None:
    async with (
        fresh_database("sqlite", tmp_path) as sqlite,
        fresh_database("postgresql", tmp_path) as pg,
    ):
        await populate(sqlite)
        document = through_json(await backup.export_data(sqlite))
        await backup.import_data(pg, document)
        assert await all_rows(pg) == await all_rows(sqlite)
        async with pg.begin() as connection:
            for table in backup.tables():
                column = table.autoincrement_column
                if column is None:
                    continue
                largest = (await connection.execute(select(func.max(column)))).scalar()
                following = (
                    await connection.execute(
                        text("SELECT nextval(pg_get_serial_sequence(:t, :c))"),
                        {"t": table.name, "c": column.name},
                    )
                ).scalar_one()
                assert following == (largest or 0) + 1, table.name
        # The application's own inserts get fresh ids.
        async with pg.begin() as connection:
            bloc_id = (await connection.execute(select(func.max(BlocRow.id)))).scalar_one()
            largest_unit = (await connection.execute(select(func.max(UnitRow.id)))).scalar_one()
            unit = await _add(
                connection, UnitRow, bloc_id=bloc_id, code="NEW", name="Mới", short_name="Mới"
            )
            assert unit > largest_unit
        await import_bloc(pg, "khoi9-moi")  # the importer's units, years, criteria, audit


async def test_ids_continue_after_import_on_either_engine(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    async with fresh_database(other_kind(engine), tmp_path) as source:
        await populate(source)
        document = through_json(await backup.export_data(source))
    await backup.import_data(engine, document)
    async with engine.begin() as connection:
        largest = (await connection.execute(select(func.max(OutboxMessageRow.id)))).scalar_one()
        fresh = await _add(
            connection, OutboxMessageRow, channel="telegram", chat_id="1", payload={},
            not_before=NOW, created_at=NOW,
        )  # fmt: skip
        assert fresh == largest + 1
        largest_ballot = (await connection.execute(select(func.max(BallotRow.id)))).scalar_one()
        _, year_id, _ = await _ids(connection, SAMPLE)
        ballot = await _add(
            connection, BallotRow, bloc_year_id=year_id, kind="question", title="?", quota=1,
            secret=False, threshold="1/2", base="all_members", status="open", round=1,
            opened_at=NOW, closes_at=NOW,
        )  # fmt: skip
        assert ballot == largest_ballot + 1


async def test_import_refuses_a_database_with_data_unless_replace(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    async with fresh_database(other_kind(engine), tmp_path) as source:
        await populate(source)
        document = through_json(await backup.export_data(source))
    await import_bloc(engine, "khoi-cu")
    before = await all_rows(engine)

    with pytest.raises(BackupError) as refused:
        await backup.import_data(engine, document)
    assert refused.value.code == "target-not-empty"
    assert "blocs (1)" in str(refused.value.values["tables"])
    assert await all_rows(engine) == before

    result = await backup.import_data(engine, document, replace=True)
    assert result.replaced["blocs"] == 1 and result.counts["blocs"] == 2
    rows = await all_rows(engine)
    assert {row["code"] for row in rows["blocs"]} == {SAMPLE, OTHER}
    assert rows["ballot_votes"] == backup.check_document(document)["ballot_votes"]


async def test_import_refuses_another_revision(engine: AsyncEngine, tmp_path: Path) -> None:
    await populate(engine)
    document = through_json(await backup.export_data(engine))

    older = {**document, "revision": "0001"}
    async with fresh_database(other_kind(engine), tmp_path) as target:
        with pytest.raises(BackupError) as wrong_file:
            await backup.import_data(target, older)
        assert wrong_file.value.code == "file-revision"
        assert wrong_file.value.values == {"revision": "0001", "head": backup.head_revision()}
        assert await count(target, "blocs") == 0

    async with fresh_database(other_kind(engine), tmp_path, revision="0007") as behind:
        with pytest.raises(BackupError) as wrong_target:
            await backup.import_data(behind, document)
        assert wrong_target.value.code == "target-revision"
        assert wrong_target.value.values["revision"] == "0007"
        with pytest.raises(BackupError) as old_source:
            await backup.export_data(behind)
        assert old_source.value.code == "source-revision"

    async with fresh_database(other_kind(engine), tmp_path, revision=None) as bare:
        with pytest.raises(BackupError) as bare_target:
            await backup.import_data(bare, document)
        assert bare_target.value.code == "target-not-migrated"


async def test_a_problem_anywhere_writes_nothing(engine: AsyncEngine, tmp_path: Path) -> None:
    async with fresh_database(other_kind(engine), tmp_path) as source:
        await populate(source)
        document = through_json(await backup.export_data(source))

    # The last table refers to a sheet that is not there: every earlier table is undone.
    broken = copy.deepcopy(document)
    broken["tables"]["score_entries"][0]["sheet_id"] = 999_999
    with pytest.raises(BackupError) as refused:
        await backup.import_data(engine, broken)
    assert refused.value.code == "insert-failed"
    assert refused.value.values["table"] == "score_entries"
    assert all(count == 0 for count in (await backup.export_data(engine))["counts"].values())

    def variant(change: Any) -> dict[str, Any]:
        changed = copy.deepcopy(document)
        change(changed)
        return changed

    problems = {
        "not-a-backup": variant(lambda d: d.update(format="something else")),
        "format-version": variant(lambda d: d.update(version=2)),
        "unknown-table": variant(lambda d: (d["tables"].update(x=[]), d["counts"].update(x=0))),
        "count-mismatch": variant(lambda d: d["tables"]["units"].pop()),
        "bad-row": variant(lambda d: d["tables"]["units"][0].pop("code")),
    }
    for code, changed in problems.items():
        with pytest.raises(BackupError) as error:
            await backup.import_data(engine, changed)
        assert error.value.code == code
    for column, value in (
        ("points", "12,5"),
        ("updated_at", "2022-12-20T02:00:00"),  # no zone
        ("occurrences", "2"),
    ):
        changed = copy.deepcopy(document)
        changed["tables"]["score_entries"][0][column] = value
        with pytest.raises(BackupError) as error:
            await backup.import_data(engine, changed)
        assert error.value.code == "bad-value" and error.value.values["column"] == column
    assert await count(engine, "blocs") == 0


async def test_a_bloc_export_holds_only_that_bloc(engine: AsyncEngine, tmp_path: Path) -> None:
    await populate(engine)
    full = await all_rows(engine)
    document = through_json(await backup.export_data(engine, bloc=SAMPLE))
    assert document["bloc"] == SAMPLE
    assert set(document["tables"]).isdisjoint(backup.NOT_BLOC_DATA)
    rows = backup.check_document(document)

    bloc_id = next(row["id"] for row in full["blocs"] if row["code"] == SAMPLE)
    units = {row["id"] for row in full["units"] if row["bloc_id"] == bloc_id}
    years = {row["id"] for row in full["bloc_years"] if row["bloc_id"] == bloc_id}
    assert [row["code"] for row in rows["blocs"]] == [SAMPLE]
    assert {row["id"] for row in rows["units"]} == units
    assert {row["id"] for row in rows["bloc_years"]} == years
    by_year = ["bloc_year_members", "criteria", "criteria_sections", "score_sheets", "campaigns"]
    by_year += ["pledges", "ballots", "conferences", "published_rankings"]
    for name in by_year:
        assert rows[name] == [row for row in full[name] if row["bloc_year_id"] in years], name
    assert rows["ballot_votes"] == [
        r for r in full["ballot_votes"] if r["ballot_id"] in (7, 40, 60)
    ]
    assert len(rows["score_entries"]) == 2 and len(rows["ballot_voters"]) == 5
    assert len(rows["conference_rsvps"]) == 1 and len(rows["pledge_campaigns"]) == 1
    assert [row["code"] for row in rows["invitations"]] == ["snn-1a2b3c"]  # not the board's
    assert [row["chat_id"] for row in rows["group_chats"]] == ["-100123"]
    # The unit officers and the board officer who published the ranking, with identities.
    names = sorted(row["full_name"] for row in rows["officers"])
    assert names == ["Lê Ban", "Nguyễn Văn Đông", "Trần Thị Mai"]
    assert sorted(row["external_id"] for row in rows["identities"]) == ["500", "501", "900"]
    conference = rows["conferences"][0]["id"]
    assert {row["key"] for row in rows["scheduled_events"]} == {
        f"conference:{conference}:1:7d",
        f"year:{min(years)}:annual:opened",
    }
    assert all(row["entity_id"] != "telegram:-100999" for row in rows["audit_log"])
    assert any(row["action"] == "bloc.imported" and row["entity_id"] == SAMPLE
               for row in rows["audit_log"])  # fmt: skip
    assert not any(row["entity_id"] == OTHER for row in rows["audit_log"])

    # It restores on its own into an empty database of the other engine.
    async with fresh_database(other_kind(engine), tmp_path) as target:
        result = await backup.import_data(target, document)
        assert result.counts["outbox_messages"] == 0 and result.counts["blocs"] == 1
        restored = backup.check_document(await backup.export_data(target, bloc=SAMPLE))
        assert restored == rows

    with pytest.raises(BackupError) as missing:
        await backup.export_data(engine, bloc="khong-co")
    assert missing.value.code == "bloc-not-found"
