"""Ballots on SQLite and PostgreSQL: the repository, its unique keys, a race of many units,
and what a secret ballot keeps — and does not keep — on disk."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import DateTime, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.context import BotUnitOfWork
from domain.ballots import (
    Ballot,
    BallotCount,
    BallotKind,
    BallotRecord,
    BallotStatus,
    Candidate,
    Vote,
    exact,
    new_receipt,
)
from domain.errors import Conflict
from domain.model import Officer, Unit
from domain.ports import UnitOfWork
from domain.services import voting
from domain.settings import ThresholdBase
from tests.integration.test_pledges_db import import_sample, member, sample_year

NOW = datetime(2022, 12, 20, 2, 0, tzinfo=UTC)
TWO_THIRDS = Decimal(2) / Decimal(3)
UowFactory = Callable[[], BotUnitOfWork]


class SilentNotifier:
    """The domain's Notifier, telling no one: these tests look at the tables."""

    async def ballot_opened(self, uow: UnitOfWork, ballot: Ballot, bloc_id: int) -> None:
        pass

    async def ballot_voted(self, uow: UnitOfWork, ballot: Ballot, bloc_id: int) -> None:
        pass

    async def ballot_counted(
        self, uow: UnitOfWork, ballot: Ballot, bloc_id: int, voted: int, members: int
    ) -> None:
        pass

    async def ballot_reminder(
        self, uow: UnitOfWork, ballot: Ballot, bloc_id: int, unit_ids: list[int]
    ) -> None:
        pass

    async def ballot_closed(
        self, uow: UnitOfWork, record: BallotRecord, bloc_id: int, closed_by: int | None = None
    ) -> None:
        pass


def flag_ballot(
    year_id: int, units: dict[str, int], officer_id: int, *, secret: bool = True
) -> Ballot:
    return Ballot(
        year_id=year_id,
        kind=BallotKind.FLAG,
        title="Đề nghị Cờ thi đua của UBND tỉnh",
        candidates=[
            Candidate("Sở Tài nguyên và Môi trường", units["STN"], Decimal("97.5")),
            Candidate("Sở Giao thông vận tải", units["SGT"], Decimal("96.25")),
            Candidate("Sở Công Thương", units["SCT"], None),
        ],
        quota=1,
        secret=secret,
        threshold=TWO_THIRDS,
        base=ThresholdBase.ALL_MEMBERS,
        closes_at=NOW + timedelta(hours=2),
        opened_at=NOW,
        opened_by=officer_id,
        place="Hội trường Sở Nông nghiệp",
    )


async def open_flag_ballot(uow_factory: UowFactory, *, secret: bool = True) -> Ballot:
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
        assert year.id is not None
        chair = await uow.people.save_officer(Officer("Nguyễn Văn Chủ Trì", units["SNN"]))
        assert chair.id is not None
        ballot = await uow.ballots.save(flag_ballot(year.id, units, chair.id, secret=secret))
        await uow.commit()
    return ballot


async def test_a_ballot_round_trips_with_its_candidates(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    ballot = await open_flag_ballot(uow_factory)
    assert ballot.id is not None
    ids = [c.id for c in ballot.candidates]
    assert all(ids) and len(set(ids)) == 3
    async with uow_factory() as uow:
        loaded = await uow.ballots.get(ballot.id)
        listed = await uow.ballots.for_year(ballot.year_id)
        still_open = await uow.ballots.open_ballots()
        none = await uow.ballots.get(ballot.id + 1000)
    assert loaded is not None and none is None
    assert loaded == ballot and listed == [ballot] and still_open == [ballot]
    assert loaded.threshold == TWO_THIRDS and exact(loaded.threshold) == Fraction(2, 3)
    assert loaded.kind is BallotKind.FLAG and loaded.status is BallotStatus.OPEN
    assert loaded.base is ThresholdBase.ALL_MEMBERS
    assert [c.score for c in loaded.candidates] == [Decimal("97.5"), Decimal("96.25"), None]
    assert str(loaded.candidates[0].score) == "97.5"
    assert loaded.closes_at == NOW + timedelta(hours=2) and loaded.closes_at.tzinfo is UTC


async def test_saving_again_changes_only_the_status_and_times(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    ballot = await open_flag_ballot(uow_factory)
    assert ballot.id is not None
    candidates = list(ballot.candidates)
    closed_at = NOW + timedelta(minutes=30)
    async with uow_factory() as uow:
        changed = await uow.ballots.get(ballot.id)
        assert changed is not None
        changed.title, changed.quota = "Đổi tên", 2  # neither is ever stored again
        changed.candidates = changed.candidates[:1]
        changed.status, changed.closed_at = BallotStatus.CLOSED, closed_at
        changed.reminded_at = NOW + timedelta(minutes=20)
        await uow.ballots.save(changed)
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.ballots.get(ballot.id)
        still_open = await uow.ballots.open_ballots()
    assert loaded is not None and still_open == []
    assert loaded.title == ballot.title and loaded.quota == 1 and loaded.candidates == candidates
    assert loaded.status is BallotStatus.CLOSED and loaded.closed_at == closed_at
    assert loaded.reminded_at == NOW + timedelta(minutes=20)


async def test_an_open_ballots_vote_is_kept_with_its_unit_and_can_be_replaced(
    uow_factory: UowFactory,
) -> None:
    await import_sample(uow_factory)
    ballot = await open_flag_ballot(uow_factory, secret=False)
    assert ballot.id is not None and ballot.opened_by
    stn, sgt = (c.id for c in ballot.candidates[:2])
    assert stn is not None and sgt is not None
    async with uow_factory() as uow:
        _, units = await sample_year(uow)
        await uow.ballots.record_voter(ballot.id, units["PTTH"], ballot.opened_by)
        await uow.ballots.add_vote(ballot.id, Vote("7KQ-2MX", frozenset({stn}), units["PTTH"]))
        await uow.commit()
    async with uow_factory() as uow:
        first = await uow.ballots.vote_of(ballot.id, units["PTTH"])
        await uow.ballots.replace_vote(ballot.id, Vote("7KQ-2MX", frozenset({sgt}), units["PTTH"]))
        await uow.commit()
    async with uow_factory() as uow:
        again = await uow.ballots.vote_of(ballot.id, units["PTTH"])
        nobody = await uow.ballots.vote_of(ballot.id, units["SNN"])
        every = await uow.ballots.votes(ballot.id)
        voted = await uow.ballots.voted_units(ballot.id)
    assert first == Vote("7KQ-2MX", frozenset({stn}), units["PTTH"])
    assert again == Vote("7KQ-2MX", frozenset({sgt}), units["PTTH"]) and nobody is None
    assert every == [again] and voted == [units["PTTH"]]


async def test_a_unit_is_recorded_as_a_voter_once(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    ballot = await open_flag_ballot(uow_factory)
    assert ballot.id is not None
    async with uow_factory() as uow:
        _, units = await sample_year(uow)
        assert not await uow.ballots.has_voted(ballot.id, units["STN"])
        assert await uow.ballots.record_voter(ballot.id, units["STN"], ballot.opened_by)
        await uow.commit()
    async with uow_factory() as uow:  # the key says the unit voted: no second row
        assert not await uow.ballots.record_voter(ballot.id, units["STN"], ballot.opened_by)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.ballots.voted_units(ballot.id) == [units["STN"]]
        assert await uow.ballots.voter_count(ballot.id) == 1
        assert await uow.ballots.has_voted(ballot.id, units["STN"])


async def test_an_open_ballot_keeps_one_vote_per_unit(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    ballot = await open_flag_ballot(uow_factory, secret=False)
    assert ballot.id is not None
    async with uow_factory() as uow:
        _, units = await sample_year(uow)
        await uow.ballots.add_vote(ballot.id, Vote("AAA-AAA", frozenset(), units["SCT"]))
        await uow.commit()
    try:
        async with uow_factory() as uow:
            await uow.ballots.add_vote(ballot.id, Vote("BBB-BBB", frozenset(), units["SCT"]))
            await uow.commit()
    except Conflict:
        pass
    else:
        raise AssertionError("a second vote of the unit must be a Conflict")


async def test_a_ballot_has_one_revote(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    first = await open_flag_ballot(uow_factory)
    assert first.id is not None

    def revote() -> Ballot:
        kept = [Candidate(c.label, c.unit_id, c.score) for c in first.candidates[:2]]
        return Ballot(
            **{**first.__dict__, "candidates": kept, "round": 2, "parent_id": first.id, "id": None}
        )

    async with uow_factory() as uow:
        assert await uow.ballots.revote_of(first.id) is None
        second = await uow.ballots.save(revote())
        await uow.commit()
    try:
        async with uow_factory() as uow:
            await uow.ballots.save(revote())
            await uow.commit()
    except Conflict:
        pass
    else:
        raise AssertionError("a second revote of the same ballot must be a Conflict")
    async with uow_factory() as uow:
        found = await uow.ballots.revote_of(first.id)
        listed = await uow.ballots.for_year(first.year_id)
    assert found == second and found.round == 2 and len(found.candidates) == 2
    assert [b.id for b in listed] == [first.id, second.id]


async def test_a_secret_ballot_keeps_no_link_between_voter_and_vote(
    uow_factory: UowFactory, engine: AsyncEngine
) -> None:
    def schema(connection: Connection) -> dict[str, Any]:
        inspector = inspect(connection)
        return {
            table: {
                "columns": {c["name"]: c for c in inspector.get_columns(table)},
                "pk": inspector.get_pk_constraint(table)["constrained_columns"],
            }
            for table in ("ballot_voters", "ballot_votes")
        }

    async with engine.connect() as connection:
        tables = await connection.run_sync(schema)
    voters, votes = tables["ballot_voters"], tables["ballot_votes"]
    # Who voted: the unit and the officer, nothing about when, which receipt or what choice.
    assert set(voters["columns"]) == {"ballot_id", "unit_id", "officer_id"}
    assert voters["pk"] == ["ballot_id", "unit_id"]
    # What was chosen: no officer, no time, no serial number; the unit may be empty; a
    # secret ballot's choice and receipt sealed.
    assert set(votes["columns"]) == {"ballot_id", "receipt", "unit_id", "approved", "sealed"}
    assert votes["pk"] == ["ballot_id", "receipt"] and votes["columns"]["unit_id"]["nullable"]
    for table in (voters, votes):
        assert not any(isinstance(c["type"], DateTime) for c in table["columns"].values())

    await import_sample(uow_factory)
    ballot = await open_flag_ballot(uow_factory, secret=True)
    assert ballot.id is not None
    stn, sgt, sct = (c.id for c in ballot.candidates)
    assert stn is not None and sgt is not None and sct is not None
    choices = {"SNN": {stn}, "PTTH": {sgt}, "STN": {stn}, "SGT": {sct}, "SCT": set()}
    receipts: dict[str, str] = {}
    for code, approved in choices.items():  # cast through the use case, in roster order
        async with uow_factory() as uow:
            _, units = await sample_year(uow)
            voter = await member(uow, units[code], f"Cán bộ {code}")
            receipt = await voting.cast(
                uow, voter, ballot.id, frozenset(approved), NOW, SilentNotifier()
            )
            await uow.commit()
        receipts[code] = receipt.receipt
        assert receipt.count == BallotCount(len(receipts), 5)

    async with engine.connect() as connection:
        rows = (
            await connection.execute(
                text(
                    "SELECT receipt, unit_id, approved, sealed FROM ballot_votes"
                    " WHERE ballot_id = :b"
                ),
                {"b": ballot.id},
            )
        ).all()
        voter_rows = (
            await connection.execute(
                text("SELECT unit_id FROM ballot_voters WHERE ballot_id = :b"), {"b": ballot.id}
            )
        ).all()
    assert len(rows) == 5 and all(unit_id is None for _, unit_id, _, _ in rows)
    # The row's key is random, not the receipt; the choice is sealed, all of one length.
    assert not {key for key, _, _, _ in rows} & set(receipts.values())
    assert all(approved in ([], "[]") for _, _, approved, _ in rows)
    assert len({len(sealed) for _, _, _, sealed in rows}) == 1
    assert sorted(u for (u,) in voter_rows) == sorted(units[code] for code in choices)
    async with uow_factory() as uow:
        votes_read = await uow.ballots.votes(ballot.id)
        own = await uow.ballots.vote_of(ballot.id, units["STN"])
    assert [v.receipt for v in votes_read] == sorted(receipts.values()) and own is None
    assert sorted(sorted(v.approved) for v in votes_read) == sorted(
        sorted(a) for a in choices.values()
    )

    if engine.dialect.name == "sqlite":
        async with engine.connect() as connection:
            sql = await connection.scalar(
                text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ballot_votes'")
            )
            # Stored by its random key, not in the order cast.
            scanned = (await connection.execute(text("SELECT receipt FROM ballot_votes"))).all()
        assert "WITHOUT ROWID" in str(sql).upper()
        assert [r for (r,) in scanned] == sorted(key for key, _, _, _ in rows)


async def test_racing_units_vote_once_each(uow_factory: UowFactory, engine: AsyncEngine) -> None:
    """100 units, each voting from two places at once. On PostgreSQL the two attempts of a
    unit meet before either writes, so the voter row's key decides (the second INSERT waits
    for the first transaction, then finds the key taken); SQLite queues writers."""
    await import_sample(uow_factory)
    ballot = await open_flag_ballot(uow_factory)
    assert ballot.id is not None and ballot.candidates[0].id is not None
    ballot_id, officer_id, candidate = ballot.id, ballot.opened_by, ballot.candidates[0].id
    async with uow_factory() as uow:
        year, _ = await sample_year(uow)
        unit_ids: list[int] = []
        for n in range(100):
            unit = await uow.blocs.save_unit(Unit(year.bloc_id, f"R{n:03d}", f"Đơn vị {n}", ""))
            assert unit.id is not None
            unit_ids.append(unit.id)
        await uow.commit()
    racing = engine.dialect.name == "postgresql"
    meet = {unit_id: asyncio.Barrier(2) for unit_id in unit_ids}
    conflicts = 0

    lost = 0  # attempts that met the other's key after checking

    async def vote(unit_id: int) -> str:
        nonlocal conflicts, lost
        for attempt in range(1, 4):
            try:
                async with uow_factory() as uow:
                    if unit_id in await uow.ballots.voted_units(ballot_id):
                        return "skipped"
                    if racing and attempt == 1:
                        await both_checked(meet[unit_id])
                    if not await uow.ballots.record_voter(ballot_id, unit_id, officer_id):
                        lost += 1
                        return "skipped"
                    receipt = new_receipt()
                    await uow.ballots.add_vote(ballot_id, Vote(receipt, frozenset({candidate})))
                    await uow.commit()
                    return "voted"
            except Conflict:
                conflicts += 1
        raise AssertionError(f"unit {unit_id} never got through")

    outcomes = await asyncio.gather(*(vote(u) for u in unit_ids for _ in range(2)))

    assert outcomes.count("voted") == 100 and outcomes.count("skipped") == 100
    if racing:
        assert lost > 0  # the race really happened
    async with engine.connect() as connection:
        voters = await connection.scalar(
            text("SELECT count(*) FROM ballot_voters WHERE ballot_id = :b"), {"b": ballot_id}
        )
        votes = await connection.scalar(
            text("SELECT count(*) FROM ballot_votes WHERE ballot_id = :b"), {"b": ballot_id}
        )
    assert voters == 100 and votes == 100
    async with uow_factory() as uow:
        assert await uow.ballots.voted_units(ballot_id) == sorted(unit_ids)


async def both_checked(barrier: asyncio.Barrier) -> None:
    """Wait for the unit's other attempt, but not for ever: connections are pooled, and one
    attempt may be queued for a connection behind the others."""
    try:
        async with asyncio.timeout(1):
            await barrier.wait()
    except (TimeoutError, asyncio.BrokenBarrierError):
        await barrier.abort()
