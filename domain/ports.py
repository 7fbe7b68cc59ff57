"""What the domain needs from the outside world, as Protocols the adapters implement."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from types import TracebackType
from typing import Protocol

from domain.ballots import Ballot, BallotRecord, Vote
from domain.conferences import Conference, Rsvp
from domain.cycle import Handover, Laggard
from domain.documents import DocumentKind, IssuedDocument
from domain.model import (
    AuditEntry,
    Bloc,
    BlocYear,
    Channel,
    GroupChat,
    Identity,
    Invitation,
    Officer,
    Unit,
)
from domain.pledges import Campaign, Pledge
from domain.sheets import Entry, Evidence, ScoreSheet
from domain.summary import Cycle, ScoreSummary
from domain.verification import UnitReview
from domain.windows import WindowTimes


class Clock(Protocol):
    def now(self) -> datetime: ...


class BlocRepository(Protocol):
    async def list_blocs(self) -> list[Bloc]: ...
    async def get(self, bloc_id: int) -> Bloc | None: ...
    async def by_code(self, code: str) -> Bloc | None: ...
    async def save(self, bloc: Bloc) -> Bloc: ...
    async def units(self, bloc_id: int) -> list[Unit]: ...
    async def unit(self, unit_id: int) -> Unit | None: ...
    async def save_unit(self, unit: Unit) -> Unit: ...
    async def year(self, bloc_id: int, year: int) -> BlocYear | None: ...
    async def current_year(self, bloc_id: int) -> BlocYear | None: ...
    async def year_by_id(self, year_id: int) -> BlocYear | None: ...
    async def save_year(self, year: BlocYear) -> BlocYear: ...


class PeopleRepository(Protocol):
    async def identity(self, channel: Channel, external_id: str) -> Identity | None: ...
    async def save_identity(self, identity: Identity) -> Identity: ...
    async def officer(self, officer_id: int) -> Officer | None: ...
    async def save_officer(self, officer: Officer) -> Officer: ...
    async def officers_of_units(self, unit_ids: list[int]) -> list[Officer]: ...
    async def identities_of(self, officer_ids: list[int]) -> list[Identity]: ...
    async def mark_blocked(self, channel: Channel, external_id: str, at: datetime) -> None:
        """The person blocked the bot (403): shown to the leader, cleared when they write."""
        ...


class InvitationRepository(Protocol):
    async def by_code(self, code: str) -> Invitation | None: ...
    async def for_unit(self, unit_id: int) -> list[Invitation]: ...
    async def save(self, invitation: Invitation) -> Invitation: ...


class GroupRepository(Protocol):
    async def get(self, channel: Channel, chat_id: str) -> GroupChat | None: ...
    async def for_bloc(self, bloc_id: int) -> list[GroupChat]: ...
    async def save(self, group: GroupChat) -> GroupChat:
        """Insert, or update (its chat id too: a group upgraded to a supergroup)."""
        ...

    async def delete(self, group: GroupChat) -> None: ...


class ScoreRepository(Protocol):
    async def sheet(self, sheet_id: int) -> ScoreSheet | None: ...
    async def find_sheet(
        self, year_id: int, unit_id: int, scorer_unit_id: int, cycle: Cycle
    ) -> ScoreSheet | None: ...
    async def save_sheet(self, sheet: ScoreSheet) -> ScoreSheet: ...
    async def save_entry(self, sheet_id: int, entry: Entry) -> None: ...
    async def sheets(self, year_id: int, cycle: Cycle) -> list[ScoreSheet]: ...
    async def any_for_year(self, year_id: int) -> bool: ...
    async def add_evidence(self, sheet_id: int, evidence: Evidence) -> Evidence: ...
    async def evidence(self, sheet_id: int) -> list[Evidence]: ...
    async def evidence_counts(self, sheet_id: int) -> dict[str, int]:
        """How many pieces of evidence each item of the sheet has (items with none left out)."""
        ...

    async def remove_evidence(self, sheet_id: int, evidence_id: int) -> bool:
        """Delete one piece of evidence of the sheet; False when the sheet has no such one."""
        ...

    async def published_at(self, year_id: int, cycle: Cycle) -> datetime | None: ...
    async def published_by(self, year_id: int, cycle: Cycle) -> int | None:
        """The officer who published the cycle's ranking (who prepared the score table)."""
        ...

    async def publish(self, year_id: int, cycle: Cycle, at: datetime, by: int) -> None: ...


class PledgeRepository(Protocol):
    async def pledge(self, year_id: int, unit_id: int) -> Pledge | None: ...
    async def pledges(self, year_id: int) -> list[Pledge]: ...
    async def save(self, pledge: Pledge) -> Pledge:
        """Insert or update, titles and chosen campaigns included."""
        ...

    async def campaigns(self, year_id: int) -> list[Campaign]: ...
    async def campaign(self, campaign_id: int) -> Campaign | None: ...
    async def save_campaign(self, campaign: Campaign) -> Campaign: ...
    async def remove_campaign(self, campaign_id: int) -> None:
        """Delete the campaign and drop it from every pledge that chose it."""
        ...


class BallotRepository(Protocol):
    async def save(self, ballot: Ballot) -> Ballot:
        """Insert with its candidates (ids given back), or update status and times."""
        ...

    async def get(self, ballot_id: int) -> Ballot | None: ...
    async def for_year(self, year_id: int) -> list[Ballot]: ...
    async def open_ballots(self) -> list[Ballot]:
        """Every open ballot of every bloc: the scheduler closes and reminds them."""
        ...

    async def lock(self, ballot_id: int) -> None:
        """Until the transaction ends, votes (`hold`) and other closes of this ballot wait:
        the close counts what every vote before it committed."""
        ...

    async def hold(self, ballot_id: int) -> None:
        """A vote's hold on the ballot: votes go side by side, a `lock` (the close) waits
        for those in flight, and a vote after it waits for it, then finds the ballot closed."""
        ...

    async def lock_count(self, ballot_id: int) -> None:
        """Until the transaction ends, other votes' counts of this ballot wait: each counts
        what the one before committed, so the last count posted is the whole one."""
        ...

    async def voter_count(self, ballot_id: int) -> int: ...
    async def has_voted(self, ballot_id: int, unit_id: int) -> bool: ...

    async def revote_of(self, ballot_id: int) -> Ballot | None: ...
    async def voted_units(self, ballot_id: int) -> list[int]: ...
    async def record_voter(self, ballot_id: int, unit_id: int, officer_id: int) -> bool:
        """That the unit voted; False when it had already (a concurrent first vote of the
        unit is waited for), its row left as it was."""
        ...

    async def first_vote(
        self, ballot_id: int, officer_id: int, unit_id: int, vote: Vote, entry: AuditEntry
    ) -> int | None:
        """The unit's first vote (`record_voter`, then `add_vote` and the audit line, on
        PostgreSQL in one statement): the voters counted after it, or None when the unit had
        voted already (a concurrent first vote of the unit is waited for) and nothing was
        written."""
        ...

    async def add_vote(self, ballot_id: int, vote: Vote) -> None: ...
    async def replace_vote(self, ballot_id: int, vote: Vote) -> None:
        """An open ballot's changed vote: same unit, same receipt, new choice."""
        ...

    async def vote_of(self, ballot_id: int, unit_id: int) -> Vote | None:
        """An open ballot's vote of the unit; a secret ballot has none to find."""
        ...

    async def votes(self, ballot_id: int) -> list[Vote]: ...


class ConferenceRepository(Protocol):
    async def save(self, conference: Conference) -> Conference: ...
    async def get(self, conference_id: int) -> Conference | None: ...
    async def for_year(self, year_id: int) -> list[Conference]:
        """The year's conferences, cancelled ones included, by start."""
        ...

    async def upcoming(self, now: datetime) -> list[Conference]:
        """Scheduled conferences of every bloc that have not begun: the scheduler's work."""
        ...

    async def rsvps(self, conference_id: int) -> list[Rsvp]: ...
    async def save_rsvp(self, rsvp: Rsvp) -> None:
        """Insert or replace the unit's answer."""
        ...


class DocumentRegister(Protocol):
    """The bloc's register of numbered documents, one number sequence per calendar year."""

    async def issued(
        self, bloc_id: int, kind: DocumentKind, subject_id: int
    ) -> list[IssuedDocument]:
        """The editions of one document, the first first."""
        ...

    async def of_year(self, bloc_id: int, year: int) -> list[IssuedDocument]:
        """Everything numbered in that year, by number."""
        ...

    async def take_number(self, bloc_id: int, year: int) -> int:
        """The year's next number, which the register moves past in the same statement: two
        transactions never take the same one (the second waits for the first)."""
        ...

    async def next_number(self, bloc_id: int, year: int) -> int: ...
    async def set_next_number(self, bloc_id: int, year: int, number: int) -> None: ...
    async def add(self, document: IssuedDocument) -> IssuedDocument:
        """A document and edition already registered, or a number already used that year,
        is the unique-key Conflict."""
        ...


class EventLog(Protocol):
    """Scheduled actions already taken, by key: a clock jump or a second worker never takes
    one twice (the key is unique; recording it commits with the action's effects)."""

    async def has(self, key: str) -> bool: ...
    async def add(self, key: str, at: datetime) -> None: ...


class Notifier(Protocol):
    """Tells the bloc what happened, in the same transaction as the change (an outbox)."""

    async def ballot_opened(self, uow: UnitOfWork, ballot: Ballot, bloc_id: int) -> None: ...
    async def ballot_voted(self, uow: UnitOfWork, ballot: Ballot, bloc_id: int) -> None:
        """A vote is in: once this transaction commits, the groups' live count is taken
        afresh (`voting.recount`), one count for however many votes came meanwhile."""
        ...

    async def ballot_counted(
        self, uow: UnitOfWork, ballot: Ballot, bloc_id: int, voted: int, members: int
    ) -> None: ...
    async def ballot_reminder(
        self, uow: UnitOfWork, ballot: Ballot, bloc_id: int, unit_ids: list[int]
    ) -> None: ...
    async def ballot_closed(
        self, uow: UnitOfWork, record: BallotRecord, bloc_id: int, closed_by: int | None = None
    ) -> None:
        """The group and every officer of every member unit: the result, once. `closed_by`,
        the officer who closed it by hand, already reads it as the answer to closing."""
        ...


class ConferenceNotifier(Protocol):
    async def conference_invited(
        self, uow: UnitOfWork, conference: Conference, bloc_id: int
    ) -> None: ...
    async def conference_changed(
        self, uow: UnitOfWork, conference: Conference, bloc_id: int
    ) -> None:
        """Moved (a new time or place) or cancelled: everyone is told, calendars updated."""
        ...

    async def conference_reminder(
        self, uow: UnitOfWork, conference: Conference, bloc_id: int, offset: timedelta
    ) -> None: ...


class AuditLog(Protocol):
    async def record(self, entry: AuditEntry) -> None: ...
    async def entries(self, entity: str | None = None) -> list[AuditEntry]: ...


class UnitOfWork(Protocol):
    """One transaction: rolled back on leaving unless committed."""

    @property
    def blocs(self) -> BlocRepository: ...
    @property
    def people(self) -> PeopleRepository: ...
    @property
    def invitations(self) -> InvitationRepository: ...
    @property
    def groups(self) -> GroupRepository: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def scores(self) -> ScoreRepository: ...
    @property
    def pledges(self) -> PledgeRepository: ...
    @property
    def ballots(self) -> BallotRepository: ...
    @property
    def conferences(self) -> ConferenceRepository: ...
    @property
    def events(self) -> EventLog: ...
    @property
    def documents(self) -> DocumentRegister: ...

    async def __aenter__(self) -> UnitOfWork: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    async def commit(self) -> None: ...
    def on_commit(self, action: Callable[[], None]) -> None:
        """Run `action` once this transaction has committed (never if it does not)."""
        ...

    async def rollback(self) -> None:
        """Undo everything so far; the unit of work goes on in a new transaction."""
        ...


class CycleNotifier(Protocol):
    """The year's windows as they open, near their deadline and close, and the handover."""

    async def window_opened(
        self, uow: UnitOfWork, year: BlocYear, window: WindowTimes, laggards: list[Laggard]
    ) -> None:
        """The officers of the units that have not done the task yet (all of them, unless
        the announcement is late): what is open, until when, what to type."""
        ...

    async def deadline_reminder(
        self,
        uow: UnitOfWork,
        year: BlocYear,
        window: WindowTimes,
        offset: timedelta,
        laggards: list[Laggard],
    ) -> None:
        """Only the officers of the units that still owe the task, each with its progress."""
        ...

    async def window_closed(
        self, uow: UnitOfWork, year: BlocYear, window: WindowTimes, laggards: list[Laggard]
    ) -> None:
        """The leader and deputy: who is missing (none, or the list)."""
        ...

    async def handed_over(self, uow: UnitOfWork, handover: Handover) -> None:
        """The bloc's group and every officer: next year's leader and deputy, the flag."""
        ...


class VerificationNotifier(Protocol):
    """Closing the loop of verification: every unit told what changed about it, the leader
    told how units answered, the bloc told when the ranking is out or a deadline moves."""

    async def verification_changed(
        self, uow: UnitOfWork, year: BlocYear, review: UnitReview, now: datetime
    ) -> None:
        """The unit's officers: every change still awaiting their answer, old → new and the
        reason, with the time to agree or explain (changes made together come as one)."""
        ...

    async def sheet_verified(self, uow: UnitOfWork, year: BlocYear, review: UnitReview) -> None:
        """The unit's officers: the sheet is verified, and its final score."""
        ...

    async def change_answered(
        self, uow: UnitOfWork, year: BlocYear, review: UnitReview, entries: list[Entry]
    ) -> None:
        """The leader's and deputy's officers: the unit agreed, or its explanation."""
        ...

    async def ranking_published(
        self, uow: UnitOfWork, year: BlocYear, summary: ScoreSummary
    ) -> None:
        """The bloc's group (the ranking and the score table) and every unit (its place)."""
        ...

    async def window_extended(
        self, uow: UnitOfWork, year: BlocYear, window: WindowTimes, reason: str
    ) -> None:
        """Every unit and the group: the new deadline and why."""
        ...

    async def sheet_reopened(
        self, uow: UnitOfWork, year: BlocYear, review: UnitReview, reason: str
    ) -> None:
        """The unit's officers: their sheet may be changed again until when, and why."""
        ...


class PledgeNotifier(Protocol):
    """A unit told what the leader or deputy decided about its pledge, in the decision's
    transaction."""

    async def pledge_approved(
        self, uow: UnitOfWork, year: BlocYear, unit: Unit, pledge: Pledge
    ) -> None:
        """The unit's officers: approved, and the covenant to sign next."""
        ...

    async def pledge_returned(
        self, uow: UnitOfWork, year: BlocYear, unit: Unit, pledge: Pledge
    ) -> None:
        """The unit's officers: returned, with the reason, to correct and send again."""
        ...
