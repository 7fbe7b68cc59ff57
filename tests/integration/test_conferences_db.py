"""Conferences on SQLite and PostgreSQL: the repository, the units' answers, the log of
scheduled actions (taken once, even by racing workers), blocked identities, messages that
expire unsent, and migration 0007 undone and done again."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.admin import read_bloc_file
from db.migrate import alembic_config, current_revision, upgrade
from db.models import Base
from db.uow import SqlUnitOfWork
from domain.bloc_spec import parse_bloc_spec
from domain.conferences import Conference, ConferenceKind, ConferenceStatus, Rsvp
from domain.errors import Conflict
from domain.model import Channel, Identity, Officer
from domain.services import importer
from domain.settings import LOCAL_TZ
from tests.integration.test_ballots_db import both_checked
from tests.integration.test_pledges_db import import_sample, sample_year
from tests.samples import sample_yaml

NOW = datetime(2022, 3, 1, 2, 0, tzinfo=UTC)
SIGNING = datetime(2022, 3, 15, 8, 0, tzinfo=LOCAL_TZ)
SECOND = timedelta(seconds=1)
UowFactory = Callable[[], SqlUnitOfWork]


def signing(year_id: int, **changes: Any) -> Conference:
    fields: dict[str, Any] = {
        "year_id": year_id,
        "kind": ConferenceKind.SIGNING,
        "starts_at": SIGNING,
        "place": "Hội trường Sở Nông nghiệp",
        "agenda": "1. Khai mạc\n2. Ký kết giao ước thi đua",
        "attendees": "Lãnh đạo và cán bộ thi đua",
    }
    return Conference(**{**fields, **changes})


async def test_a_conference_round_trips_and_changes(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
        assert year.id is not None
        leader = await uow.people.save_officer(Officer("Nguyễn Văn Chủ Trì", units["SNN"]))
        saved = await uow.conferences.save(
            signing(year.id, host_unit_id=units["STN"], created_by=leader.id)
        )
        await uow.commit()
    assert saved.id is not None
    async with uow_factory() as uow:
        loaded = await uow.conferences.get(saved.id)
        listed = await uow.conferences.for_year(year.id)
        none = await uow.conferences.get(saved.id + 1000)
    assert loaded == saved and listed == [saved] and none is None
    assert loaded.starts_at == SIGNING and loaded.starts_at.tzinfo is UTC
    assert loaded.kind is ConferenceKind.SIGNING and loaded.status is ConferenceStatus.SCHEDULED
    assert (loaded.host_unit_id, loaded.created_by, loaded.sequence) == (
        units["STN"],
        leader.id,
        0,
    )

    moved = SIGNING + timedelta(days=3)
    async with uow_factory() as uow:
        loaded.starts_at, loaded.sequence, loaded.host_unit_id = moved, 1, None
        loaded.place, loaded.agenda, loaded.attendees = "UBND tỉnh", "", ""
        await uow.conferences.save(loaded)
        await uow.commit()
    async with uow_factory() as uow:
        again = await uow.conferences.get(saved.id)
        resaved = await uow.conferences.save(
            Conference(**{**loaded.__dict__, "status": ConferenceStatus.CANCELLED, "sequence": 2})
        )
        await uow.commit()
    assert again == loaded and again.starts_at == moved and again.host_unit_id is None
    assert resaved.id == saved.id
    async with uow_factory() as uow:
        cancelled = await uow.conferences.get(saved.id)
        listed = await uow.conferences.for_year(year.id)
    assert cancelled is not None and cancelled.is_cancelled and cancelled.sequence == 2
    assert listed == [cancelled]  # cancelled ones are listed too


async def test_upcoming_is_every_blocs_scheduled_conferences_not_yet_begun(
    uow_factory: UowFactory,
) -> None:
    await import_sample(uow_factory)
    data, where = read_bloc_file(sample_yaml())
    data["bloc"].update(code="khoi3-travinh", name="Khối thi đua Khối 3")
    async with uow_factory() as uow:
        other = await importer.import_bloc(uow, parse_bloc_spec(data, where), NOW)
        year, _ = await sample_year(uow)
        assert year.id is not None and other.year.id is not None
        save = uow.conferences.save
        past = await save(signing(year.id, starts_at=NOW - SECOND))
        now_begun = await save(signing(year.id, kind=ConferenceKind.ANNUAL, starts_at=NOW))
        cancelled = await save(signing(year.id, status=ConferenceStatus.CANCELLED))
        later = await save(signing(year.id, kind=ConferenceKind.MIDYEAR, starts_at=NOW + SECOND))
        same_time_a = await save(signing(other.year.id, starts_at=SIGNING))
        same_time_b = await save(signing(year.id, starts_at=SIGNING))
        await uow.commit()
    async with uow_factory() as uow:
        upcoming = await uow.conferences.upcoming(NOW)
        of_year = await uow.conferences.for_year(year.id)
    assert [c.id for c in upcoming] == [later.id, same_time_a.id, same_time_b.id]
    assert [c.id for c in of_year] == [
        past.id,
        now_begun.id,
        later.id,
        cancelled.id,
        same_time_b.id,
    ]  # by start, then id


async def test_a_units_answer_is_replaced(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
        assert year.id is not None
        officer = await uow.people.save_officer(Officer("Trần Thị Mai", units["STN"]))
        conference = await uow.conferences.save(signing(year.id))
        assert conference.id is not None
        first = Rsvp(conference.id, units["STN"], 2, "Mai, Lan", officer.id, NOW)
        await uow.conferences.save_rsvp(first)
        await uow.conferences.save_rsvp(Rsvp(conference.id, units["SNN"], 0))
        await uow.commit()
    changed = Rsvp(conference.id, units["STN"], 3, "Mai, Lan, Hùng", officer.id, NOW + SECOND)
    async with uow_factory() as uow:
        before = await uow.conferences.rsvps(conference.id)
        await uow.conferences.save_rsvp(changed)
        within = await uow.conferences.rsvps(conference.id)  # the same session reads anew
        await uow.commit()
    async with uow_factory() as uow:
        after = await uow.conferences.rsvps(conference.id)
        other = await uow.conferences.rsvps(conference.id + 1000)
    by_unit = sorted([units["STN"], units["SNN"]])
    assert [r.unit_id for r in before] == by_unit and first in before
    assert within == after and changed in after and len(after) == 2 and other == []
    assert [r.unit_id for r in after] == by_unit
    assert Rsvp(conference.id, units["SNN"], 0, "", None, None) in after


async def test_a_scheduled_action_is_recorded_once(uow_factory: UowFactory) -> None:
    key = "conference:1:0:P1D"
    async with uow_factory() as uow:
        assert not await uow.events.has(key)
        await uow.events.add(key, NOW)
        assert await uow.events.has(key)
        await uow.commit()
    with pytest.raises(Conflict):
        async with uow_factory() as uow:
            assert await uow.events.has(key)
            await uow.events.add(key, NOW + SECOND)
            await uow.commit()
    async with uow_factory() as uow:
        assert await uow.events.has(key) and not await uow.events.has("conference:1:1:P1D")


@pytest.mark.parametrize("check_first", [True, False])
async def test_racing_workers_take_a_scheduled_action_once(
    uow_factory: UowFactory, engine: AsyncEngine, check_first: bool
) -> None:
    """Two workers at once. On PostgreSQL both look before either writes, so the key decides;
    SQLite queues writers, so the second sees the key (or, not looking, hits it)."""
    key = "conference:7:0:P7D"
    racing = engine.dialect.name == "postgresql"
    meet = asyncio.Barrier(2)

    async def take(worker: int) -> str:
        try:
            async with uow_factory() as uow:
                if check_first and await uow.events.has(key):
                    return "skipped"
                if racing:
                    await both_checked(meet)
                await uow.events.add(key, NOW + worker * SECOND)
                await uow.commit()
                return "taken"
        except Conflict:
            return "conflict"

    outcomes = sorted(await asyncio.gather(take(1), take(2)))
    if check_first and not racing:
        assert outcomes == ["skipped", "taken"]
    else:
        assert outcomes == ["conflict", "taken"]
    async with engine.connect() as connection:
        count = await connection.scalar(text("SELECT count(*) FROM scheduled_events"))
    assert count == 1


async def test_a_blocked_identity_is_marked_and_kept(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        mai = await uow.people.save_identity(Identity(Channel.ZALO, "z-1", "Mai"))
        await uow.people.save_identity(Identity(Channel.TELEGRAM, "z-1", "Người khác"))
        await uow.people.mark_blocked(Channel.ZALO, "z-1", NOW)
        await uow.people.mark_blocked(Channel.ZALO, "nobody", NOW)  # nothing to mark
        within = await uow.people.identity(Channel.ZALO, "z-1")
        await uow.commit()
    async with uow_factory() as uow:
        blocked = await uow.people.identity(Channel.ZALO, "z-1")
        other = await uow.people.identity(Channel.TELEGRAM, "z-1")
        nobody = await uow.people.identity(Channel.ZALO, "nobody")
    assert within is not None and within.blocked_at == NOW
    assert blocked is not None and blocked.blocked_at == NOW and blocked.id == mai.id
    assert blocked.blocked_at.tzinfo is UTC
    assert other is not None and other.blocked_at is None and nobody is None

    async with uow_factory() as uow:
        blocked.display_name = "Mai (đã đổi)"
        await uow.people.save_identity(blocked)  # saved as given: still blocked
        await uow.commit()
    async with uow_factory() as uow:
        kept = await uow.people.identity(Channel.ZALO, "z-1")
        assert kept is not None and kept.blocked_at == NOW
        kept.blocked_at = None  # they wrote again
        await uow.people.save_identity(kept)
        await uow.commit()
    async with uow_factory() as uow:
        cleared = await uow.people.identity(Channel.ZALO, "z-1")
    assert cleared is not None and cleared.blocked_at is None
    assert cleared.display_name == "Mai (đã đổi)"


async def test_a_message_past_its_expiry_is_never_due(
    uow_factory: UowFactory, engine: AsyncEngine
) -> None:
    begins = NOW + 10 * SECOND
    async with uow_factory() as uow:
        reminder = {"text": "Nhắc: hội nghị sắp bắt đầu"}
        await uow.outbox.enqueue("zalo", "a", reminder, NOW, expires_at=begins)
        await uow.outbox.enqueue("zalo", "b", {"text": "Không hết hạn"}, NOW)
        await uow.outbox.enqueue(
            "zalo", "c", reminder, NOW, not_before=begins + SECOND, expires_at=begins
        )
        await uow.commit()
    async with uow_factory() as uow:
        early = await uow.outbox.due(begins - SECOND)
        await uow.commit()
    assert [m.chat_id for m in early] == ["a", "b"]  # neither sent: the dispatcher was down
    async with uow_factory() as uow:
        late = await uow.outbox.due(begins)
        assert await uow.outbox.pending_count() == 1
        await uow.commit()
    assert [m.chat_id for m in late] == ["b"]
    async with uow_factory() as uow:
        assert [m.chat_id for m in await uow.outbox.due(begins + 60 * SECOND)] == ["b"]
    async with engine.connect() as connection:
        rows = (
            await connection.execute(
                text("SELECT chat_id, status, attempts FROM outbox_messages ORDER BY id")
            )
        ).all()
    assert [tuple(row) for row in rows] == [
        ("a", "expired", 0),
        ("b", "pending", 0),
        ("c", "expired", 0),
    ]


async def test_a_coalesced_message_takes_the_newest_expiry(
    uow_factory: UowFactory, engine: AsyncEngine
) -> None:
    for n, expires_at in ((1, None), (2, NOW + 10 * SECOND)):
        async with uow_factory() as uow:
            await uow.outbox.enqueue(
                "telegram", "g", {"text": f"{n}"}, NOW, key="k",
                not_before=NOW + 5 * SECOND, expires_at=expires_at,
            )  # fmt: skip
            await uow.commit()
    async with uow_factory() as uow:
        due = await uow.outbox.due(NOW + 5 * SECOND)
        gone = await uow.outbox.due(NOW + 10 * SECOND)
        await uow.commit()
    assert [m.payload for m in due] == [{"text": "2"}] and gone == []
    async with engine.connect() as connection:
        statuses = (await connection.execute(text("SELECT status FROM outbox_messages"))).all()
    assert [s for (s,) in statuses] == ["expired"]


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


async def test_migration_0007_is_undone_and_done_again(
    uow_factory: UowFactory, engine: AsyncEngine
) -> None:
    def schema(connection: Connection) -> dict[str, set[str]]:
        inspector = inspect(connection)
        return {
            table: {column["name"] for column in inspector.get_columns(table)}
            for table in inspector.get_table_names()
        }

    def diff(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with uow_factory() as uow:
        await uow.people.save_identity(Identity(Channel.ZALO, "z-1", "Mai", blocked_at=NOW))
        await uow.outbox.enqueue("zalo", "z-1", {"text": "x"}, NOW, expires_at=NOW + SECOND)
        await uow.commit()

    await downgrade(engine, "0006")
    assert await current_revision(engine) == "0006"
    async with engine.connect() as connection:
        tables = await connection.run_sync(schema)
        kept = (await connection.execute(text("SELECT external_id FROM identities"))).all()
    assert not {"conferences", "conference_rsvps", "scheduled_events"} & set(tables)
    assert "blocked_at" not in tables["identities"]
    assert "expires_at" not in tables["outbox_messages"]
    assert [e for (e,) in kept] == ["z-1"]  # rows survive the column leaving

    await upgrade(engine)
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert await current_revision(engine) == head
    async with engine.connect() as connection:
        assert await connection.run_sync(diff) == []
    async with uow_factory() as uow:
        identity = await uow.people.identity(Channel.ZALO, "z-1")
        assert identity is not None and identity.blocked_at is None
        assert [m.chat_id for m in await uow.outbox.due(NOW + SECOND)] == ["z-1"]
