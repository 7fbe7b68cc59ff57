"""An in-memory unit of work for the domain's tests, behaving like the real database:
ids are assigned on save, copies are stored (a change is persisted only by saving it), unique
keys are enforced, and leaving the block rolls back to the last commit."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import TracebackType
from typing import Protocol, TypeVar

from domain.ballots import Ballot, BallotStatus, Vote
from domain.bloc_spec import BlocSpec, parse_bloc_spec
from domain.conferences import Conference, ConferenceStatus, Rsvp
from domain.documents import DocumentKind, IssuedDocument
from domain.errors import Conflict
from domain.model import (
    AuditEntry,
    Bloc,
    BlocYear,
    BoardRole,
    Channel,
    GroupChat,
    Identity,
    Invitation,
    Officer,
    Unit,
)
from domain.pledges import Campaign, Pledge
from domain.services import importer
from domain.sheets import Entry, Evidence, ScoreSheet
from domain.summary import Cycle
from imports.yaml_source import read_yaml
from tests.fakes.clock import FakeClock
from tests.samples import sample_yaml

__all__ = [
    "FakeClock",
    "FakeUnitOfWork",
    "PledgeDecisions",
    "Store",
    "add_officer",
    "imported",
    "sample_spec",
]


class _HasId(Protocol):
    id: int | None


R = TypeVar("R", bound=_HasId)


@dataclass
class Store:
    """The 'database': compared with == to prove that nothing changed."""

    blocs: dict[int, Bloc] = field(default_factory=dict)
    units: dict[int, Unit] = field(default_factory=dict)
    years: dict[int, BlocYear] = field(default_factory=dict)
    identities: dict[int, Identity] = field(default_factory=dict)
    officers: dict[int, Officer] = field(default_factory=dict)
    invitations: dict[int, Invitation] = field(default_factory=dict)
    groups: dict[int, GroupChat] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    sheets: dict[int, ScoreSheet] = field(default_factory=dict)
    evidence: dict[int, Evidence] = field(default_factory=dict)
    evidence_sheet: dict[int, int] = field(default_factory=dict)  # evidence id → sheet id
    published: dict[tuple[int, Cycle], tuple[datetime, int]] = field(default_factory=dict)
    pledges: dict[int, Pledge] = field(default_factory=dict)
    campaigns: dict[int, Campaign] = field(default_factory=dict)
    ballots: dict[int, Ballot] = field(default_factory=dict)
    voters: dict[tuple[int, int], int] = field(default_factory=dict)  # (ballot, unit) → officer
    votes: dict[tuple[int, str], Vote] = field(default_factory=dict)  # (ballot, receipt) → vote
    conferences: dict[int, Conference] = field(default_factory=dict)
    rsvps: dict[tuple[int, int], Rsvp] = field(default_factory=dict)  # (conference, unit) → rsvp
    events: dict[str, datetime] = field(default_factory=dict)  # key → when it was taken
    documents: list[IssuedDocument] = field(default_factory=list)
    counters: dict[tuple[int, int], int] = field(default_factory=dict)  # (bloc, year) → next
    last_id: int = 0  # one sequence for all tables, so an id of the wrong kind finds nothing


class _Repository:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    @property
    def _store(self) -> Store:
        return self._uow.store

    def _put(self, table: dict[int, R], row: R, key: Callable[[R], Hashable] | None) -> R:
        """Save a copy under its id (assigned when new); another row with the same unique key
        is the violation the real unit of work reports as Conflict."""
        if key is not None and any(
            key(other) == key(row) and other_id != row.id for other_id, other in table.items()
        ):
            raise Conflict(key=repr(key(row)))
        if row.id is None:
            self._store.last_id += 1
            row.id = self._store.last_id
        table[row.id] = copy.deepcopy(row)
        return row


def _copy(row: R | None) -> R | None:
    return copy.deepcopy(row)


class FakeBlocRepository(_Repository):
    async def list_blocs(self) -> list[Bloc]:
        return sorted(copy.deepcopy(list(self._store.blocs.values())), key=lambda b: b.code)

    async def get(self, bloc_id: int) -> Bloc | None:
        return _copy(self._store.blocs.get(bloc_id))

    async def by_code(self, code: str) -> Bloc | None:
        return _copy(next((b for b in self._store.blocs.values() if b.code == code), None))

    async def save(self, bloc: Bloc) -> Bloc:
        return self._put(self._store.blocs, bloc, lambda b: b.code)

    async def units(self, bloc_id: int) -> list[Unit]:
        return [
            copy.deepcopy(u) for _, u in sorted(self._store.units.items()) if u.bloc_id == bloc_id
        ]

    async def unit(self, unit_id: int) -> Unit | None:
        return _copy(self._store.units.get(unit_id))

    async def save_unit(self, unit: Unit) -> Unit:
        return self._put(self._store.units, unit, lambda u: (u.bloc_id, u.code))

    async def year(self, bloc_id: int, year: int) -> BlocYear | None:
        years = self._store.years.values()
        return _copy(next((y for y in years if (y.bloc_id, y.year) == (bloc_id, year)), None))

    async def current_year(self, bloc_id: int) -> BlocYear | None:
        years = [y for y in self._store.years.values() if y.bloc_id == bloc_id]
        return _copy(max(years, key=lambda y: y.year, default=None))

    async def year_by_id(self, year_id: int) -> BlocYear | None:
        return _copy(self._store.years.get(year_id))

    async def save_year(self, year: BlocYear) -> BlocYear:
        return self._put(self._store.years, year, lambda y: (y.bloc_id, y.year))


class FakePeopleRepository(_Repository):
    async def identity(self, channel: Channel, external_id: str) -> Identity | None:
        found = (
            i
            for i in self._store.identities.values()
            if (i.channel, i.external_id) == (channel, external_id)
        )
        return _copy(next(found, None))

    async def save_identity(self, identity: Identity) -> Identity:
        return self._put(self._store.identities, identity, lambda i: (i.channel, i.external_id))

    async def officer(self, officer_id: int) -> Officer | None:
        return _copy(self._store.officers.get(officer_id))

    async def save_officer(self, officer: Officer) -> Officer:
        return self._put(self._store.officers, officer, None)

    async def officers_of_units(self, unit_ids: list[int]) -> list[Officer]:
        officers = sorted(self._store.officers.items())
        return [copy.deepcopy(o) for _, o in officers if o.unit_id in unit_ids]

    async def identities_of(self, officer_ids: list[int]) -> list[Identity]:
        identities = sorted(self._store.identities.items())
        return [copy.deepcopy(i) for _, i in identities if i.officer_id in officer_ids]

    async def mark_blocked(self, channel: Channel, external_id: str, at: datetime) -> None:
        for identity in self._store.identities.values():
            if (identity.channel, identity.external_id) == (channel, external_id):
                identity.blocked_at = at


class FakeInvitationRepository(_Repository):
    async def by_code(self, code: str) -> Invitation | None:
        return _copy(next((i for i in self._store.invitations.values() if i.code == code), None))

    async def for_unit(self, unit_id: int) -> list[Invitation]:
        invitations = sorted(self._store.invitations.items())
        return [copy.deepcopy(i) for _, i in invitations if i.unit_id == unit_id]

    async def save(self, invitation: Invitation) -> Invitation:
        return self._put(self._store.invitations, invitation, lambda i: i.code)


class FakeGroupRepository(_Repository):
    async def get(self, channel: Channel, chat_id: str) -> GroupChat | None:
        groups = self._store.groups.values()
        return _copy(
            next((g for g in groups if (g.channel, g.chat_id) == (channel, chat_id)), None)
        )

    async def for_bloc(self, bloc_id: int) -> list[GroupChat]:
        groups = sorted(self._store.groups.items())
        return [copy.deepcopy(g) for _, g in groups if g.bloc_id == bloc_id]

    async def save(self, group: GroupChat) -> GroupChat:
        return self._put(self._store.groups, group, lambda g: (g.channel, g.chat_id))

    async def delete(self, group: GroupChat) -> None:
        if group.id is not None:
            self._store.groups.pop(group.id, None)


class FakeAuditLog(_Repository):
    async def record(self, entry: AuditEntry) -> None:
        assert entry.at is not None
        self._store.last_id += 1
        entry.id = self._store.last_id
        self._store.audit.append(copy.deepcopy(entry))

    async def entries(self, entity: str | None = None) -> list[AuditEntry]:
        return [copy.deepcopy(e) for e in self._store.audit if entity is None or e.entity == entity]

    def actions(self) -> list[str]:
        """The recorded actions in order (a test helper, not part of the port)."""
        return [entry.action for entry in self._store.audit]


class FakeScoreRepository(_Repository):
    async def sheet(self, sheet_id: int) -> ScoreSheet | None:
        return _copy(self._store.sheets.get(sheet_id))

    async def find_sheet(
        self, year_id: int, unit_id: int, scorer_unit_id: int, cycle: Cycle
    ) -> ScoreSheet | None:
        key = (year_id, unit_id, scorer_unit_id, cycle)
        found = [s for s in self._store.sheets.values() if _sheet_key(s) == key]
        return _copy(found[0]) if found else None

    async def save_sheet(self, sheet: ScoreSheet) -> ScoreSheet:
        stored = self._store.sheets.get(sheet.id) if sheet.id is not None else None
        row = copy.deepcopy(sheet)
        row.entries = copy.deepcopy(stored.entries) if stored else {}  # entries are saved alone
        self._put(self._store.sheets, row, _sheet_key)
        sheet.id = row.id
        return sheet

    async def save_entry(self, sheet_id: int, entry: Entry) -> None:
        stored = self._store.sheets[sheet_id].entries.get(entry.code)
        entry.version = (stored.version if stored else 0) + 1
        self._store.sheets[sheet_id].entries[entry.code] = copy.deepcopy(entry)

    async def sheets(self, year_id: int, cycle: Cycle) -> list[ScoreSheet]:
        rows = [
            s for s in self._store.sheets.values() if (s.bloc_year_id, s.cycle) == (year_id, cycle)
        ]
        return copy.deepcopy(sorted(rows, key=lambda s: s.id or 0))

    async def any_for_year(self, year_id: int) -> bool:
        return any(s.bloc_year_id == year_id and s.entries for s in self._store.sheets.values())

    async def add_evidence(self, sheet_id: int, evidence: Evidence) -> Evidence:
        self._put(self._store.evidence, evidence, None)
        assert evidence.id is not None
        self._store.evidence_sheet[evidence.id] = sheet_id
        return evidence

    async def evidence(self, sheet_id: int) -> list[Evidence]:
        ids = [i for i, s in self._store.evidence_sheet.items() if s == sheet_id]
        return [copy.deepcopy(self._store.evidence[i]) for i in sorted(ids)]

    async def evidence_counts(self, sheet_id: int) -> dict[str, int]:
        return dict(Counter(piece.code for piece in await self.evidence(sheet_id)))

    async def remove_evidence(self, sheet_id: int, evidence_id: int) -> bool:
        if self._store.evidence_sheet.get(evidence_id) != sheet_id:
            return False
        del self._store.evidence_sheet[evidence_id], self._store.evidence[evidence_id]
        return True

    async def published_at(self, year_id: int, cycle: Cycle) -> datetime | None:
        found = self._store.published.get((year_id, cycle))
        return found[0] if found else None

    async def published_by(self, year_id: int, cycle: Cycle) -> int | None:
        found = self._store.published.get((year_id, cycle))
        return found[1] if found else None

    async def publish(self, year_id: int, cycle: Cycle, at: datetime, by: int) -> None:
        if (year_id, cycle) in self._store.published:
            raise Conflict(key=repr((year_id, cycle)))
        self._store.published[(year_id, cycle)] = (at, by)


class FakePledgeRepository(_Repository):
    async def pledge(self, year_id: int, unit_id: int) -> Pledge | None:
        found = (p for p in self._store.pledges.values() if _pledge_key(p) == (year_id, unit_id))
        return _copy(next(found, None))

    async def pledges(self, year_id: int) -> list[Pledge]:
        rows = sorted(self._store.pledges.items())
        return [copy.deepcopy(p) for _, p in rows if p.bloc_year_id == year_id]

    async def save(self, pledge: Pledge) -> Pledge:
        missing = set(pledge.campaign_ids) - set(self._store.campaigns)
        assert not missing, f"no such campaigns: {missing}"  # the foreign key
        return self._put(self._store.pledges, pledge, _pledge_key)

    async def campaigns(self, year_id: int) -> list[Campaign]:
        rows = sorted(self._store.campaigns.items())
        return [copy.deepcopy(c) for _, c in rows if c.bloc_year_id == year_id]

    async def campaign(self, campaign_id: int) -> Campaign | None:
        return _copy(self._store.campaigns.get(campaign_id))

    async def save_campaign(self, campaign: Campaign) -> Campaign:
        return self._put(self._store.campaigns, campaign, lambda c: (c.bloc_year_id, c.title))

    async def remove_campaign(self, campaign_id: int) -> None:
        self._store.campaigns.pop(campaign_id, None)
        for pledge in self._store.pledges.values():
            pledge.campaign_ids = [c for c in pledge.campaign_ids if c != campaign_id]


class FakeBallotRepository(_Repository):
    """Like the tables: who voted and what was chosen are kept apart, the unit of a vote only
    for an open ballot; a second voter row of a unit, a second revote of a ballot, a taken
    receipt or a second vote of a unit are each a Conflict."""

    async def save(self, ballot: Ballot) -> Ballot:
        if ballot.id is not None:
            stored = self._store.ballots[ballot.id]
            stored.status, stored.closed_at = ballot.status, ballot.closed_at
            stored.reminded_at, stored.officials = ballot.reminded_at, ballot.officials
            return ballot
        if ballot.parent_id is not None and any(
            b.parent_id == ballot.parent_id for b in self._store.ballots.values()
        ):
            raise Conflict(key=repr(("parent_id", ballot.parent_id)))
        candidates = []
        for candidate in ballot.candidates:
            self._store.last_id += 1
            candidates.append(replace(candidate, id=self._store.last_id))
        ballot.candidates = candidates
        return self._put(self._store.ballots, ballot, None)

    async def get(self, ballot_id: int) -> Ballot | None:
        return _copy(self._store.ballots.get(ballot_id))

    async def for_year(self, year_id: int) -> list[Ballot]:
        ballots = sorted(self._store.ballots.items())
        return [copy.deepcopy(b) for _, b in ballots if b.year_id == year_id]

    async def open_ballots(self) -> list[Ballot]:
        ballots = sorted(self._store.ballots.items())
        return [copy.deepcopy(b) for _, b in ballots if b.status is BallotStatus.OPEN]

    async def lock(self, ballot_id: int) -> None:
        """One transaction at a time here: nothing to wait for."""

    async def revote_of(self, ballot_id: int) -> Ballot | None:
        found = (b for b in self._store.ballots.values() if b.parent_id == ballot_id)
        return _copy(next(found, None))

    async def voted_units(self, ballot_id: int) -> list[int]:
        return sorted(unit for ballot, unit in self._store.voters if ballot == ballot_id)

    async def hold(self, ballot_id: int) -> None:
        """One transaction at a time here: nothing to wait for."""

    async def lock_count(self, ballot_id: int) -> None:
        """One transaction at a time here: nothing to wait for."""

    async def voter_count(self, ballot_id: int) -> int:
        return len(await self.voted_units(ballot_id))

    async def has_voted(self, ballot_id: int, unit_id: int) -> bool:
        return (ballot_id, unit_id) in self._store.voters

    async def record_voter(self, ballot_id: int, unit_id: int, officer_id: int) -> bool:
        self._require_ballot(ballot_id)
        if (ballot_id, unit_id) in self._store.voters:
            return False
        self._store.voters[(ballot_id, unit_id)] = officer_id
        return True

    async def first_vote(
        self, ballot_id: int, officer_id: int, unit_id: int, vote: Vote, entry: AuditEntry
    ) -> int | None:
        if not await self.record_voter(ballot_id, unit_id, officer_id):
            return None
        await self.add_vote(ballot_id, vote)
        await self._uow.audit.record(entry)
        return await self.voter_count(ballot_id)

    async def add_vote(self, ballot_id: int, vote: Vote) -> None:
        self._require_ballot(ballot_id)
        if (ballot_id, vote.receipt) in self._store.votes or (
            vote.unit_id is not None and await self.vote_of(ballot_id, vote.unit_id) is not None
        ):
            raise Conflict(key=repr((ballot_id, vote.receipt, vote.unit_id)))
        self._store.votes[(ballot_id, vote.receipt)] = vote

    async def replace_vote(self, ballot_id: int, vote: Vote) -> None:
        if vote.unit_id is None:
            raise ValueError("only an open ballot's vote, kept with its unit, can be replaced")
        stored = self._store.votes.get((ballot_id, vote.receipt))
        if stored is None or stored.unit_id != vote.unit_id:
            raise LookupError(f"no vote {vote.receipt} of unit {vote.unit_id} to replace")
        self._store.votes[(ballot_id, vote.receipt)] = vote

    async def vote_of(self, ballot_id: int, unit_id: int) -> Vote | None:
        found = (
            v for (b, _), v in self._store.votes.items() if b == ballot_id and v.unit_id == unit_id
        )
        return next(found, None)

    async def votes(self, ballot_id: int) -> list[Vote]:
        """In receipt order, as the table is read: never in the order they were cast."""
        return [v for (b, _), v in sorted(self._store.votes.items()) if b == ballot_id]

    def _require_ballot(self, ballot_id: int) -> None:
        assert ballot_id in self._store.ballots, f"no such ballot: {ballot_id}"  # the foreign key


class FakeConferenceRepository(_Repository):
    async def save(self, conference: Conference) -> Conference:
        return self._put(self._store.conferences, conference, None)

    async def get(self, conference_id: int) -> Conference | None:
        return _copy(self._store.conferences.get(conference_id))

    async def for_year(self, year_id: int) -> list[Conference]:
        found = [c for c in self._store.conferences.values() if c.year_id == year_id]
        return copy.deepcopy(sorted(found, key=_by_start))

    async def upcoming(self, now: datetime) -> list[Conference]:
        found = [
            c
            for c in self._store.conferences.values()
            if c.status is ConferenceStatus.SCHEDULED and c.starts_at > now
        ]
        return copy.deepcopy(sorted(found, key=_by_start))

    async def rsvps(self, conference_id: int) -> list[Rsvp]:
        return [r for (c, _), r in sorted(self._store.rsvps.items()) if c == conference_id]

    async def save_rsvp(self, rsvp: Rsvp) -> None:
        assert rsvp.conference_id in self._store.conferences, "no such conference"  # the key
        self._store.rsvps[(rsvp.conference_id, rsvp.unit_id)] = rsvp


class FakeEventLog(_Repository):
    """A key taken twice is the unique violation the real unit of work reports as Conflict."""

    async def has(self, key: str) -> bool:
        return key in self._store.events

    async def add(self, key: str, at: datetime) -> None:
        if key in self._store.events:
            raise Conflict(key=repr(key))
        self._store.events[key] = at


class FakeDocumentRegister(_Repository):
    """An edition registered twice, or a number used twice in a year, is a Conflict."""

    async def issued(
        self, bloc_id: int, kind: DocumentKind, subject_id: int
    ) -> list[IssuedDocument]:
        found = [
            d for d in self._store.documents
            if (d.bloc_id, d.kind, d.subject_id) == (bloc_id, kind, subject_id)
        ]  # fmt: skip
        return sorted(found, key=lambda d: d.edition)

    async def of_year(self, bloc_id: int, year: int) -> list[IssuedDocument]:
        found = [d for d in self._store.documents if (d.bloc_id, d.year) == (bloc_id, year)]
        return sorted(found, key=lambda d: d.number)

    async def take_number(self, bloc_id: int, year: int) -> int:
        number = await self.next_number(bloc_id, year)
        self._store.counters[(bloc_id, year)] = number + 1
        return number

    async def next_number(self, bloc_id: int, year: int) -> int:
        return self._store.counters.get((bloc_id, year), 1)

    async def set_next_number(self, bloc_id: int, year: int, number: int) -> None:
        self._store.counters[(bloc_id, year)] = number

    async def add(self, document: IssuedDocument) -> IssuedDocument:
        for other in self._store.documents:
            same = (other.kind, other.subject_id, other.edition) == (
                document.kind, document.subject_id, document.edition,
            )  # fmt: skip
            taken = (other.year, other.number) == (document.year, document.number)
            if other.bloc_id == document.bloc_id and (same or taken):
                raise Conflict(key=repr(document))
        self._store.last_id += 1
        stored = replace(document, id=self._store.last_id)
        self._store.documents.append(stored)
        return stored


def _by_start(conference: Conference) -> tuple[datetime, int]:
    return (conference.starts_at, conference.id or 0)


def _pledge_key(pledge: Pledge) -> tuple[int, int]:
    return (pledge.bloc_year_id, pledge.unit_id)


def _sheet_key(sheet: ScoreSheet) -> tuple[int, int, int, Cycle]:
    return (sheet.bloc_year_id, sheet.unit_id, sheet.scorer_unit_id, sheet.cycle)


class FakeUnitOfWork:
    """Usable directly, or as `async with uow:` which rolls back to the last commit on leaving
    (so an uncommitted or failed block leaves `store` exactly as it was)."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store or Store()
        self.committed = False
        self._snapshot = copy.deepcopy(self.store)
        self._after_commit: list[Callable[[], None]] = []
        self.blocs = FakeBlocRepository(self)
        self.people = FakePeopleRepository(self)
        self.invitations = FakeInvitationRepository(self)
        self.groups = FakeGroupRepository(self)
        self.audit = FakeAuditLog(self)
        self.scores = FakeScoreRepository(self)
        self.pledges = FakePledgeRepository(self)
        self.ballots = FakeBallotRepository(self)
        self.conferences = FakeConferenceRepository(self)
        self.events = FakeEventLog(self)
        self.documents = FakeDocumentRegister(self)

    async def __aenter__(self) -> FakeUnitOfWork:
        self._snapshot = copy.deepcopy(self.store)
        self.committed = False
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.rollback()

    async def commit(self) -> None:
        self._snapshot = copy.deepcopy(self.store)
        self.committed = True
        actions, self._after_commit = self._after_commit, []
        for action in actions:
            action()

    def on_commit(self, action: Callable[[], None]) -> None:
        self._after_commit.append(action)

    async def rollback(self) -> None:
        self.store = copy.deepcopy(self._snapshot)
        self._after_commit.clear()


# Builders shared by the test modules.

SAMPLE_BLOC = "khoi7-travinh"


def sample_spec() -> BlocSpec:
    """The shared sample bloc (Khối 7, Trà Vinh, 2022), validated."""
    data, where = read_yaml(sample_yaml())
    return parse_bloc_spec(data, where)


async def imported(spec: BlocSpec | None = None, now: datetime | None = None) -> FakeUnitOfWork:
    """A fresh unit of work with the bloc (the sample by default) imported and committed."""
    uow = FakeUnitOfWork()
    async with uow:
        await importer.import_bloc(uow, spec or sample_spec(), now or FakeClock().now())
        await uow.commit()
    return uow


async def add_officer(
    uow: FakeUnitOfWork,
    unit_code: str | None,
    name: str = "Cán bộ",
    board_role: BoardRole | None = None,
    bloc_code: str = SAMPLE_BLOC,
) -> Officer:
    """An officer of the unit with that code in the bloc (or of no unit), saved."""
    unit_id = None
    if unit_code is not None:
        bloc = await uow.blocs.by_code(bloc_code)
        assert bloc is not None and bloc.id is not None
        units = await uow.blocs.units(bloc.id)
        unit_id = next(unit.id for unit in units if unit.code == unit_code)
    return await uow.people.save_officer(Officer(name, unit_id, board_role))


@dataclass
class PledgeDecisions:
    """The domain's PledgeNotifier, recording what each unit would be told: (decision, unit
    code, reason)."""

    told: list[tuple[str, str, str]] = field(default_factory=list)

    async def pledge_approved(
        self, uow: object, year: BlocYear, unit: Unit, pledge: Pledge
    ) -> None:
        self.told.append(("approved", unit.code, ""))

    async def pledge_returned(
        self, uow: object, year: BlocYear, unit: Unit, pledge: Pledge
    ) -> None:
        self.told.append(("returned", unit.code, pledge.return_reason))
