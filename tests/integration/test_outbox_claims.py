"""Outbox rows are claimed: two workers' dispatchers never get the same row (PostgreSQL: FOR
UPDATE SKIP LOCKED, then a lease), a dead worker's claims lapse, and SQLite still works."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import session_factory
from db.models import OutboxMessageRow
from db.outbox import LEASE, SqlOutbox
from db.uow import SqlUnitOfWork

NOW = datetime(2022, 12, 20, 2, 0, tzinfo=UTC)
UowFactory = Callable[[], SqlUnitOfWork]


async def fill(uow_factory: UowFactory, chats: list[str]) -> None:
    async with uow_factory() as uow:
        for number, chat in enumerate(chats):
            await uow.outbox.enqueue("telegram", chat, {"text": f"tin {number}"}, NOW)
        await uow.commit()


async def claim(engine: AsyncEngine, claimer: str, now: datetime, limit: int = 50) -> list[int]:
    async with session_factory(engine)() as session, session.begin():
        return [message.id for message in await SqlOutbox(session, claimer).due(now, limit)]


async def test_concurrent_claimers_get_disjoint_rows(
    engine: AsyncEngine, uow_factory: UowFactory
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("concurrent claims need PostgreSQL; SQLite has one writer at a time")
    await fill(uow_factory, [f"chat-{n}" for n in range(12)])
    sessions = session_factory(engine)
    # A has claimed and not committed yet (its rows are locked): B skips them.
    async with sessions() as first, first.begin():
        a = [m.id for m in await SqlOutbox(first, "worker-a").due(NOW, 5)]
        b = await asyncio.wait_for(claim(engine, "worker-b", NOW, 5), 5)
    assert len(a) == 5 and len(b) == 5 and not set(a) & set(b)
    # Committed claims hold: the others get only what is left; A keeps seeing its own.
    c = await claim(engine, "worker-c", NOW)
    assert sorted(c) == sorted(set(range(min(a), min(a) + 12)) - set(a) - set(b))
    assert await claim(engine, "worker-a", NOW) == a
    # Many at once: every row once.
    await fill(uow_factory, [f"burst-{n}" for n in range(40)])
    claims = await asyncio.gather(*(claim(engine, f"w{n}", NOW, 7) for n in range(8)))
    flat = [row for rows in claims for row in rows]
    assert len(flat) == len(set(flat)) == 40


async def test_a_chat_claimed_by_one_worker_waits_for_it(
    engine: AsyncEngine, uow_factory: UowFactory
) -> None:
    await fill(uow_factory, ["chat-1", "chat-1", "chat-2"])
    first = await claim(engine, "worker-a", NOW, 1)  # chat-1's first message
    assert len(first) == 1
    # chat-1's second message stays with worker A's chat, to keep the chat's order.
    other = await claim(engine, "worker-b", NOW)
    assert len(other) == 1
    async with session_factory(engine)() as session:
        row = await session.get(OutboxMessageRow, other[0])
        assert row is not None and row.chat_id == "chat-2" and row.claimed_by == "worker-b"


async def test_an_expired_lease_makes_the_row_due_again(
    engine: AsyncEngine, uow_factory: UowFactory
) -> None:
    await fill(uow_factory, ["chat-1", "chat-2"])
    taken = await claim(engine, "dead-worker", NOW)
    assert len(taken) == 2
    assert await claim(engine, "live-worker", NOW + LEASE - timedelta(seconds=1)) == []
    assert await claim(engine, "live-worker", NOW + LEASE) == taken  # the dead one's lapsed


async def test_every_outcome_ends_the_claim(engine: AsyncEngine, uow_factory: UowFactory) -> None:
    await fill(uow_factory, ["chat-1", "chat-2", "chat-3"])
    sent, postponed, failed = await claim(engine, "worker-a", NOW)
    async with session_factory(engine)() as session, session.begin():
        outbox = SqlOutbox(session, "worker-a")
        assert await outbox.sent(sent, NOW, "77")
        assert await outbox.postpone(postponed, NOW + timedelta(seconds=5), "429")
        assert await outbox.failed(failed, NOW, "blocked", blocked=True)
    async with session_factory(engine)() as session:
        rows = list(await session.scalars(select(OutboxMessageRow).order_by(OutboxMessageRow.id)))
    assert [(r.status, r.claimed_by, r.claimed_until) for r in rows] == [
        ("sent", None, None),
        ("pending", None, None),
        ("blocked", None, None),
    ]
    # The postponed one is anyone's once due again, and still counted as pending.
    assert await claim(engine, "worker-b", NOW + timedelta(seconds=5)) == [postponed]
    async with uow_factory() as uow:
        assert await uow.outbox.pending_count() == 1


async def test_claims_on_sqlite_too(engine: AsyncEngine, uow_factory: UowFactory) -> None:
    await fill(uow_factory, ["chat-1", "chat-2"])
    async with uow_factory() as uow:  # the dispatcher's way: this process's claimer
        due = await uow.outbox.due(NOW)
        again = await uow.outbox.due(NOW)  # its own claims stay due to it
        await uow.commit()
    assert [m.chat_id for m in due] == [m.chat_id for m in again] == ["chat-1", "chat-2"]
    assert await claim(engine, "another-process", NOW) == []
    async with session_factory(engine)() as session:
        rows = list(await session.scalars(select(OutboxMessageRow)))
    assert all(row.claimed_until == NOW + LEASE and row.claimed_by for row in rows)


async def test_a_worker_whose_claim_passed_to_another_marks_nothing(
    engine: AsyncEngine, uow_factory: UowFactory
) -> None:
    """Back after an outage longer than its lease, worker A holds results for messages that
    worker B has taken over meanwhile: A's marks are refused (0 rows), whatever they say, so
    B's outcome stands and B's claim holds."""
    await fill(uow_factory, ["chat-1", "chat-2"])
    first, second = await claim(engine, "worker-a", NOW)
    later = NOW + LEASE
    assert await claim(engine, "worker-b", later) == [first, second]
    async with session_factory(engine)() as session, session.begin():
        assert await SqlOutbox(session, "worker-b").sent(first, later, "88")
    async with session_factory(engine)() as session, session.begin():
        late = SqlOutbox(session, "worker-a")
        assert not await late.failed(first, later, "blocked", blocked=True)  # no un-marking
        assert not await late.sent(first, later, "77")
        assert not await late.sent(second, later, "77")  # B still sending it
        assert not await late.postpone(second, later, "429")
        assert not await late.progress(second, 1)
    async with session_factory(engine)() as session:
        rows = list(await session.scalars(select(OutboxMessageRow).order_by(OutboxMessageRow.id)))
    assert [(r.status, r.platform_message_id, r.claimed_by) for r in rows] == [
        ("sent", "88", None),
        ("pending", None, "worker-b"),
    ]
    assert "parts_sent" not in rows[1].payload and rows[1].not_before == NOW
    async with session_factory(engine)() as session, session.begin():
        owner = SqlOutbox(session, "worker-b")
        assert await owner.progress(second, 1) and await owner.sent(second, later, "99")
