"""Ballots, their candidates, who voted and what was chosen.

Who voted (`ballot_voters`) and what was chosen (`ballot_votes`) are kept in two tables with
nothing in common but the ballot. A secret ballot's vote is sealed (db/sealing.py): its row
holds a random key and the receipt with the choices encrypted to a fixed length, so even a
row tied to its voter by the transaction that wrote both (PostgreSQL's xmin, page order,
SQLite's WAL) shows nothing of the choice without the key, which is not in the database."""

from __future__ import annotations

import json
import secrets
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import BindParameter, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditRow, BallotCandidateRow, BallotRow, BallotVoteRow, BallotVoterRow
from db.repositories import SqlAuditLog, audit_values
from db.sealing import Sealer, SealingUnavailable
from db.year_cache import RevisionCache
from domain.ballots import Ballot, BallotKind, BallotStatus, Candidate, Vote
from domain.documents import Officials
from domain.model import AuditEntry
from domain.settings import ThresholdBase

# What a vote runs, built once (see db/repositories.py).
COUNT_LOCK_SPACE = 7403  # pg_advisory_xact_lock(space, ballot id): a ballot's count
_FOR_YEAR = (
    select(BallotRow).where(BallotRow.bloc_year_id == bindparam("year_id")).order_by(BallotRow.id)
)
# The row is read again as it stands once locked, not as this session last saw it.
_LOCK = (
    select(BallotRow)
    .where(BallotRow.id == bindparam("ballot_id"))
    .with_for_update()
    .execution_options(populate_existing=True)
)
_VOTED_UNITS = (
    select(BallotVoterRow.unit_id)
    .where(BallotVoterRow.ballot_id == bindparam("ballot_id"))
    .order_by(BallotVoterRow.unit_id)
)
_HOLD = (
    select(BallotRow)
    .where(BallotRow.id == bindparam("ballot_id"))
    .with_for_update(read=True)
    .execution_options(populate_existing=True)
)
# Votes' counts of one ballot take turns under this key (beside db/leader.py's and
# db/migrate.py's keys, in their own key space: the two-key form).
_COUNT_LOCK = select(func.pg_advisory_xact_lock(COUNT_LOCK_SPACE, bindparam("key")))
_VOTER_COUNT = select(func.count()).where(BallotVoterRow.ballot_id == bindparam("ballot_id"))
_VOTER = select(BallotVoterRow.unit_id).where(
    BallotVoterRow.ballot_id == bindparam("ballot_id"),
    BallotVoterRow.unit_id == bindparam("unit_id"),
)
_RECORD_VOTER_PG = (
    postgresql.insert(BallotVoterRow).on_conflict_do_nothing().returning(BallotVoterRow.unit_id)
)
_RECORD_VOTER_SQLITE = (
    sqlite.insert(BallotVoterRow).on_conflict_do_nothing().returning(BallotVoterRow.unit_id)
)
_VOTE_OF = select(BallotVoteRow).where(
    BallotVoteRow.ballot_id == bindparam("ballot_id"), BallotVoteRow.unit_id == bindparam("unit_id")
)
_CANDIDATES = (
    select(BallotCandidateRow)
    .where(BallotCandidateRow.ballot_id.in_(bindparam("ids", expanding=True)))
    .order_by(BallotCandidateRow.ballot_id, BallotCandidateRow.position)
)


def _typed(table: type[AuditRow] | type[BallotVoteRow], prefix: str, *names: str
           ) -> list[BindParameter[object]]:  # fmt: skip
    columns = table.__table__.c
    return [bindparam(f"{prefix}{name}", type_=columns[name].type) for name in names]


_VOTE_COLUMNS = ("ballot_id", "receipt", "unit_id", "approved", "sealed")
_AUDIT_COLUMNS = ("at", "actor_officer_id", "channel", "action", "entity", "entity_id", "details")


def _first_vote_pg() -> postgresql.Insert:
    """PostgreSQL: the voter's key, and only if it was free the vote and its audit line, in
    one statement, which also counts the voters committed before it."""
    voter = (
        postgresql.insert(BallotVoterRow)
        .values(
            ballot_id=bindparam("ballot_id"),
            unit_id=bindparam("unit_id"),
            officer_id=bindparam("officer_id"),
        )
        .on_conflict_do_nothing()
        .returning(BallotVoterRow.unit_id)
        .cte("voter")
    )
    vote = insert(BallotVoteRow).from_select(
        list(_VOTE_COLUMNS),
        select(*_typed(BallotVoteRow, "vote_", *_VOTE_COLUMNS)).select_from(voter),
    )
    audit = insert(AuditRow).from_select(
        list(_AUDIT_COLUMNS),
        select(*_typed(AuditRow, "audit_", *_AUDIT_COLUMNS)).select_from(voter),
    )
    recorded = select(func.count()).select_from(voter).scalar_subquery()
    return select(  # type: ignore[return-value]
        recorded.label("recorded"), _VOTER_COUNT.scalar_subquery().label("before")
    ).add_cte(vote.cte("vote"), audit.cte("audit"))


_FIRST_VOTE_PG = _first_vote_pg()
# Candidates are written once, with the ballot: kept per process, by the ballot's stamp.
CANDIDATES = RevisionCache[tuple[Candidate, ...]](capacity=1024)


SEALED_LENGTH = 1024  # every sealed vote this long before encryption: no length tells
KEY_BYTES = 8  # a sealed row's random key: 16 hex characters, as the column holds


class SqlBallotRepository:
    def __init__(self, session: AsyncSession, sealer: Sealer | None = None) -> None:
        self.session = session
        self.sealer = sealer
        # Candidates are written once, when the ballot opens: read once per transaction.
        self._candidates: dict[int, list[Candidate]] = {}
        self._held: set[int] = set()  # ballots this transaction holds (`hold`)

    async def save(self, ballot: Ballot) -> Ballot:
        """Insert with its candidates (ids given back), or update status, times and the
        minutes' officials: nothing else of a ballot changes once it is open."""
        if ballot.id is not None:
            await self.session.execute(
                update(BallotRow)
                .where(BallotRow.id == ballot.id)
                .values(
                    status=ballot.status.value,
                    closed_at=ballot.closed_at,
                    reminded_at=ballot.reminded_at,
                    officials=ballot.officials.to_data(),
                )
            )
            return ballot
        row = BallotRow(
            bloc_year_id=ballot.year_id,
            kind=ballot.kind.value,
            title=ballot.title,
            quota=ballot.quota,
            secret=ballot.secret,
            threshold=str(ballot.threshold),
            base=ballot.base.value,
            place=ballot.place,
            status=ballot.status.value,
            round=ballot.round,
            parent_id=ballot.parent_id,
            opened_at=ballot.opened_at,
            opened_by=ballot.opened_by,
            closes_at=ballot.closes_at,
            closed_at=ballot.closed_at,
            reminded_at=ballot.reminded_at,
            officials=ballot.officials.to_data(),
            stamp=secrets.token_hex(8),
        )
        self.session.add(row)
        await self.session.flush()
        candidate_rows = [
            BallotCandidateRow(
                ballot_id=row.id,
                position=position,
                label=candidate.label,
                unit_id=candidate.unit_id,
                score=candidate.score,
            )
            for position, candidate in enumerate(ballot.candidates)
        ]
        self.session.add_all(candidate_rows)
        await self.session.flush()
        ballot.candidates = [
            replace(candidate, id=candidate_row.id)
            for candidate, candidate_row in zip(ballot.candidates, candidate_rows, strict=True)
        ]
        ballot.id = row.id
        return ballot

    async def get(self, ballot_id: int) -> Ballot | None:
        row = await self.session.get(BallotRow, ballot_id)
        return (await self._with_candidates([row]))[0] if row else None

    async def for_year(self, year_id: int) -> list[Ballot]:
        rows = await self.session.scalars(_FOR_YEAR, {"year_id": year_id})
        return await self._with_candidates(list(rows))

    async def open_ballots(self) -> list[Ballot]:
        rows = await self.session.scalars(
            select(BallotRow)
            .where(BallotRow.status == BallotStatus.OPEN.value)
            .order_by(BallotRow.id)
        )
        return await self._with_candidates(list(rows))

    async def lock(self, ballot_id: int) -> None:
        """Votes and the close of one ballot take turns (PostgreSQL; SQLite has one writer)."""
        await self.session.execute(_LOCK, {"ballot_id": ballot_id})

    async def revote_of(self, ballot_id: int) -> Ballot | None:
        row = await self.session.scalar(select(BallotRow).where(BallotRow.parent_id == ballot_id))
        return (await self._with_candidates([row]))[0] if row else None

    async def hold(self, ballot_id: int) -> None:
        if ballot_id not in self._held:  # once a transaction: the row read then is current
            await self.session.execute(_HOLD, {"ballot_id": ballot_id})
            self._held.add(ballot_id)

    async def lock_count(self, ballot_id: int) -> None:
        if self.session.get_bind().dialect.name == "postgresql":
            await self.session.execute(_COUNT_LOCK, {"key": ballot_id})

    async def voted_units(self, ballot_id: int) -> list[int]:
        return list(await self.session.scalars(_VOTED_UNITS, {"ballot_id": ballot_id}))

    async def voter_count(self, ballot_id: int) -> int:
        return int(await self.session.scalar(_VOTER_COUNT, {"ballot_id": ballot_id}) or 0)

    async def has_voted(self, ballot_id: int, unit_id: int) -> bool:
        params = {"ballot_id": ballot_id, "unit_id": unit_id}
        return await self.session.scalar(_VOTER, params) is not None

    async def record_voter(self, ballot_id: int, unit_id: int, officer_id: int) -> bool:
        # The unit's key says whether it voted: no voter list is read. On a key taken by a
        # transaction in flight, the INSERT waits for it, then finds the key taken or free.
        dialect = self.session.get_bind().dialect.name
        statement = _RECORD_VOTER_PG if dialect == "postgresql" else _RECORD_VOTER_SQLITE
        params = {"ballot_id": ballot_id, "unit_id": unit_id, "officer_id": officer_id}
        return (await self.session.execute(statement, params)).first() is not None

    async def first_vote(
        self, ballot_id: int, officer_id: int, unit_id: int, vote: Vote, entry: AuditEntry
    ) -> int | None:
        if self.session.get_bind().dialect.name != "postgresql":  # no INSERT in a WITH
            if not await self.record_voter(ballot_id, unit_id, officer_id):
                return None
            await self.add_vote(ballot_id, vote)
            await SqlAuditLog(self.session).record(entry)
            return await self.voter_count(ballot_id)
        values = self._vote_values(ballot_id, vote)
        params: dict[str, object] = {
            "ballot_id": ballot_id, "unit_id": unit_id, "officer_id": officer_id,
            **{f"vote_{name}": values.get(name) for name in _VOTE_COLUMNS},
            **{f"audit_{name}": value for name, value in audit_values(entry).items()},
        }  # fmt: skip
        connection = await self.session.connection()  # Core: no ORM work on the result
        row = (await connection.execute(_FIRST_VOTE_PG, params)).one()
        return int(row.before) + 1 if row.recorded else None

    async def add_vote(self, ballot_id: int, vote: Vote) -> None:
        values = self._vote_values(ballot_id, vote)
        await self.session.execute(insert(BallotVoteRow).values(**values))

    def _vote_values(self, ballot_id: int, vote: Vote) -> dict[str, object]:
        if vote.unit_id is not None:  # an open ballot: nothing to hide
            return {
                "ballot_id": ballot_id, "receipt": vote.receipt, "unit_id": vote.unit_id,
                "approved": sorted(vote.approved), "sealed": None,
            }  # fmt: skip
        return {
            "ballot_id": ballot_id, "receipt": secrets.token_hex(KEY_BYTES), "unit_id": None,
            "approved": [], "sealed": self._sealer().seal(_purpose(ballot_id), _padded(vote)),
        }  # fmt: skip

    async def replace_vote(self, ballot_id: int, vote: Vote) -> None:
        if vote.unit_id is None:
            raise ValueError("only an open ballot's vote, kept with its unit, can be replaced")
        # By its key: the vote_of that found it left it in the session.
        row = await self.session.get(BallotVoteRow, (ballot_id, vote.receipt))
        if row is None or row.unit_id != vote.unit_id:
            raise LookupError(f"no vote {vote.receipt} of unit {vote.unit_id} to replace")
        row.approved = sorted(vote.approved)
        await self.session.flush()

    async def vote_of(self, ballot_id: int, unit_id: int) -> Vote | None:
        row = await self.session.scalar(_VOTE_OF, {"ballot_id": ballot_id, "unit_id": unit_id})
        return _vote(row) if row else None

    async def votes(self, ballot_id: int) -> list[Vote]:
        """Every vote, secret ones unsealed (only what is counted needs them), by receipt."""
        rows = await self.session.scalars(
            select(BallotVoteRow).where(BallotVoteRow.ballot_id == ballot_id)
        )
        votes = [self._unsealed(row) if row.sealed is not None else _vote(row) for row in rows]
        return sorted(votes, key=lambda vote: vote.receipt)

    def _unsealed(self, row: BallotVoteRow) -> Vote:
        assert row.sealed is not None
        data = json.loads(self._sealer().open(_purpose(row.ballot_id), row.sealed))
        return Vote(str(data["r"]), frozenset(int(c) for c in data["a"]), None)

    def _sealer(self) -> Sealer:
        if self.sealer is None:
            raise SealingUnavailable("no BALLOT_SECRET: a secret ballot cannot be kept secret")
        return self.sealer

    async def _with_candidates(self, rows: list[BallotRow]) -> list[Ballot]:
        """Ballots with their candidates, read in one query for all those not kept."""
        for row in rows:
            kept = CANDIDATES.get(row.id, row.stamp)
            if row.id not in self._candidates and kept is not None:
                self._candidates[row.id] = list(kept)
        missing = [row.id for row in rows if row.id not in self._candidates]
        if missing:
            for ballot_id in missing:
                self._candidates[ballot_id] = []
            candidate_rows = await self.session.scalars(_CANDIDATES, {"ids": missing})
            for c in candidate_rows:
                self._candidates[c.ballot_id].append(
                    Candidate(c.label, c.unit_id, _score(c.score), c.id)
                )
            for row in rows:
                if row.id in missing:
                    CANDIDATES.put(row.id, row.stamp, tuple(self._candidates[row.id]))
        return [_ballot(row, list(self._candidates[row.id])) for row in rows]


def _ballot(row: BallotRow, candidates: list[Candidate]) -> Ballot:
    return Ballot(
        year_id=row.bloc_year_id,
        kind=BallotKind(row.kind),
        title=row.title,
        candidates=candidates,
        quota=row.quota,
        secret=row.secret,
        threshold=Decimal(row.threshold),
        base=ThresholdBase(row.base),
        closes_at=row.closes_at,
        opened_at=row.opened_at,
        # The column may be emptied if the officer is ever removed; 0 names nobody.
        opened_by=row.opened_by if row.opened_by is not None else 0,
        place=row.place,
        status=BallotStatus(row.status),
        round=row.round,
        parent_id=row.parent_id,
        closed_at=row.closed_at,
        reminded_at=row.reminded_at,
        officials=Officials.from_data(row.officials),
        id=row.id,
    )


def _purpose(ballot_id: int) -> str:
    return f"ballot:{ballot_id}"


def _padded(vote: Vote) -> bytes:
    plain = json.dumps({"r": vote.receipt, "a": sorted(vote.approved)}).encode()
    if len(plain) > SEALED_LENGTH:
        raise ValueError(f"a vote of {len(plain)} bytes does not fit {SEALED_LENGTH}")
    return plain.ljust(SEALED_LENGTH)  # JSON allows the trailing spaces


def _vote(row: BallotVoteRow) -> Vote:
    return Vote(row.receipt, frozenset(int(c) for c in row.approved), row.unit_id)


def _score(value: Decimal | None) -> Decimal | None:
    """Two decimals at most, without trailing zeros (SQLite hands back "97.50")."""
    if value is None:
        return None
    quantized = Decimal(value).quantize(Decimal("0.01"))
    if quantized == quantized.to_integral_value():
        return Decimal(int(quantized))
    return quantized.normalize()
