"""A unit's vote, and what the scheduler does with open ballots: remind and close on time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.ballots import (
    Ballot,
    BallotCount,
    BallotRecord,
    BallotStatus,
    Vote,
    check_choice,
    new_receipt,
)
from domain.errors import (
    AlreadyVoted,
    BallotClosed,
    DomainError,
    NotAuthorized,
    OverQuota,
    UnknownCandidate,
)
from domain.model import BlocYear, Unit
from domain.policy import Permission, require
from domain.ports import Notifier, UnitOfWork
from domain.services import audit
from domain.services.ballots import ballot_in_year, finish, year_of
from domain.services.members import Membership

REMINDER_LEAD_MAX = timedelta(days=1)
REMINDER_SHARE = 4  # remind when a quarter of the ballot's time is left (a day at most)


@dataclass(frozen=True)
class Receipt:
    ballot: Ballot
    receipt: str
    changed: bool  # an open ballot's vote replaced, not a first one
    count: BallotCount
    approved: frozenset[int] = frozenset()


@dataclass(frozen=True)
class BallotState:
    """A ballot as one unit sees it: the live count, whether it voted, and (open ballots
    only) what it chose."""

    ballot: Ballot
    count: BallotCount
    unit_voted: bool
    own_vote: Vote | None


async def state(uow: UnitOfWork, member: Membership, ballot_id: int) -> BallotState:
    ballot = await ballot_in_year(uow, member, ballot_id)
    return await _state(uow, member, ballot)


async def open_for(uow: UnitOfWork, member: Membership, now: datetime) -> list[BallotState]:
    """The year's ballots still open, newest first."""
    assert member.year.id is not None
    ballots = [b for b in await uow.ballots.for_year(member.year.id) if b.is_open(now)]
    return [await _state(uow, member, b) for b in reversed(ballots)]


async def _state(uow: UnitOfWork, member: Membership, ballot: Ballot) -> BallotState:
    assert ballot.id is not None
    unit_id = member.unit.id if member.unit else None
    own = None
    if unit_id is not None and not ballot.secret:
        own = await uow.ballots.vote_of(ballot.id, unit_id)
    voted = own is not None  # an open ballot's vote says it; else the voter's key
    if unit_id is not None and not voted:
        voted = await uow.ballots.has_voted(ballot.id, unit_id)
    count = BallotCount(await uow.ballots.voter_count(ballot.id), len(member.year.member_unit_ids))
    return BallotState(ballot, count, voted, own)


def state_after(result: Receipt, member: Membership) -> BallotState:
    """The ballot as the unit sees it once its vote is in: nothing more to read."""
    ballot = result.ballot
    own = None
    if not ballot.secret and member.unit is not None:
        own = Vote(result.receipt, result.approved, member.unit.id)
    return BallotState(ballot, result.count, True, own)


async def cast(
    uow: UnitOfWork,
    member: Membership,
    ballot_id: int,
    approved: frozenset[int],
    now: datetime,
    notifier: Notifier,
) -> Receipt:
    """One vote per unit, whichever officer casts it. A secret ballot's vote is final and
    kept apart from the unit; an open ballot's may be changed until the close."""
    unit = _voter(member)
    # Votes go side by side; the close waits for those in flight (and is waited for).
    await uow.ballots.hold(ballot_id)
    ballot = await ballot_in_year(uow, member, ballot_id)
    assert ballot.id is not None and unit.id is not None and member.bloc.id is not None
    if not ballot.is_open(now):
        raise BallotClosed(closed_at=ballot.closed_at or ballot.closes_at)
    try:
        check_paper(ballot, approved)
    except DomainError:
        if ballot.secret and await uow.ballots.has_voted(ballot.id, unit.id):
            raise AlreadyVoted(unit=unit.short_name or unit.name) from None  # said first
        raise
    # The voter's key says "already voted": no voter list read.
    vote = Vote(new_receipt(), approved, None if ballot.secret else unit.id)
    entry = audit.entry(member.actor, "ballot.voted", "ballot", ballot.id, now,
                        **_details(ballot, unit, approved, changed=False))  # fmt: skip
    officer_id = member.actor.officer_id
    voted = await uow.ballots.first_vote(ballot.id, officer_id, unit.id, vote, entry)
    previous = None
    if voted is None:
        previous = None if ballot.secret else await uow.ballots.vote_of(ballot.id, unit.id)
        if previous is None:
            raise AlreadyVoted(unit=unit.short_name or unit.name)
        vote = Vote(previous.receipt, approved, unit.id)
        await uow.ballots.replace_vote(ballot.id, vote)
        details = _details(ballot, unit, approved, changed=True)
        await audit.record(uow, member.actor, "ballot.voted", "ballot", ballot.id, now, **details)
        voted = await uow.ballots.voter_count(ballot.id)
    count = BallotCount(voted, len(member.year.member_unit_ids))
    # The group's live count is taken after the commit, outside this transaction.
    await notifier.ballot_voted(uow, ballot, member.bloc.id)
    return Receipt(ballot, vote.receipt, previous is not None, count, approved)


def _details(ballot: Ballot, unit: Unit, approved: frozenset[int], changed: bool
             ) -> dict[str, object]:  # fmt: skip
    details: dict[str, object] = {"unit_id": unit.id, "changed": changed}
    if not ballot.secret:
        details["approved"] = sorted(approved)
    return details


async def hold(uow: UnitOfWork, ballot_id: int) -> int:
    """Hold the ballot for a vote (the close waits for it) before anything else reads it, so
    that it is read once, as it stands; the year it belongs to."""
    await uow.ballots.hold(ballot_id)
    return await year_of(uow, ballot_id)


async def recount(uow: UnitOfWork, ballot_id: int, notifier: Notifier) -> None:
    """Post the groups' live count of a ballot still open, once votes have committed. Counts
    take turns: each sees what the one before saw, so the last one posted is whole."""
    await uow.ballots.hold(ballot_id)  # a close in flight is waited for, then seen
    await uow.ballots.lock_count(ballot_id)
    ballot = await uow.ballots.get(ballot_id)
    if ballot is None or ballot.status is not BallotStatus.OPEN:
        return  # the close posted the result
    year, bloc_id = await _year_of(uow, ballot)
    voted = await uow.ballots.voter_count(ballot_id)
    await notifier.ballot_counted(uow, ballot, bloc_id, voted, len(year.member_unit_ids))


async def check_vote(
    uow: UnitOfWork, member: Membership, ballot_id: int, approved: frozenset[int], now: datetime
) -> BallotState:
    """What `cast` would refuse, said before a secret vote is confirmed (a unit that has
    voted learns it at the first tap); nothing is recorded."""
    unit = _voter(member)
    ballot = await ballot_in_year(uow, member, ballot_id)
    found = await _state(uow, member, ballot)
    _check_vote(ballot, unit, [unit.id or 0] if found.unit_voted else [], found.own_vote,
                approved, now)  # fmt: skip
    return found


def _voter(member: Membership) -> Unit:
    require(member.actor, Permission.VOTE, member.year)
    if member.unit is None or member.unit.id is None:
        raise NotAuthorized(permission=Permission.VOTE.value)
    return member.unit


def _check_vote(
    ballot: Ballot,
    unit: Unit,
    voters: list[int],
    previous: Vote | None,
    approved: frozenset[int],
    now: datetime,
) -> None:
    if not ballot.is_open(now):
        raise BallotClosed(closed_at=ballot.closed_at or ballot.closes_at)
    if previous is None and unit.id in voters:
        raise AlreadyVoted(unit=unit.short_name or unit.name)  # said before any paper fault
    check_paper(ballot, approved)


def check_paper(ballot: Ballot, approved: frozenset[int]) -> None:
    """A paper the ballot accepts: its own candidates, at most the quota (also while ticking)."""
    problem = check_choice(ballot, approved)
    if problem == "over-quota":
        raise OverQuota(quota=ballot.quota)
    if problem is not None:
        raise UnknownCandidate()


async def close_due(uow: UnitOfWork, now: datetime, notifier: Notifier) -> list[BallotRecord]:
    """Close every ballot whose time has come (the scheduler's tick; idempotent)."""
    records = []
    for ballot in await uow.ballots.open_ballots():
        if now < ballot.closes_at:
            continue
        assert ballot.id is not None
        await uow.ballots.lock(ballot.id)
        fresh = await uow.ballots.get(ballot.id)  # the leader may have closed it meanwhile
        if fresh is None or fresh.status is not BallotStatus.OPEN:
            continue
        year, bloc_id = await _year_of(uow, fresh)
        records.append(await finish(uow, fresh, year, bloc_id, now, notifier))
    return records


async def remind_due(uow: UnitOfWork, now: datetime, notifier: Notifier) -> int:
    """Remind, once, the units that have not voted when the end draws near."""
    reminded = 0
    for ballot in await uow.ballots.open_ballots():
        lead = min(REMINDER_LEAD_MAX, (ballot.closes_at - ballot.opened_at) / REMINDER_SHARE)
        if ballot.reminded_at is not None or not ballot.closes_at - lead <= now < ballot.closes_at:
            continue
        assert ballot.id is not None
        await uow.ballots.lock(ballot.id)
        fresh = await uow.ballots.get(ballot.id)  # saved below: never over a close meanwhile
        if fresh is None or fresh.status is not BallotStatus.OPEN or fresh.reminded_at:
            continue
        year, bloc_id = await _year_of(uow, fresh)
        voted = set(await uow.ballots.voted_units(ballot.id))
        missing = [u for u in year.member_unit_ids if u not in voted]
        fresh.reminded_at = now
        await uow.ballots.save(fresh)
        if missing:
            await notifier.ballot_reminder(uow, fresh, bloc_id, missing)
            reminded += len(missing)
    return reminded


async def _year_of(uow: UnitOfWork, ballot: Ballot) -> tuple[BlocYear, int]:
    year = await uow.blocs.year_by_id(ballot.year_id)
    assert year is not None
    return year, year.bloc_id
