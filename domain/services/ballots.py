"""The leader's side of a ballot: its defaults, opening it, closing it, and the one revote."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from domain.ballots import (
    Ballot,
    BallotDraft,
    BallotKind,
    BallotRecord,
    BallotStatus,
    Candidate,
    Outcome,
    default_quota,
    tally,
)
from domain.documents import parse_officials
from domain.errors import (
    BallotClosed,
    BallotNotFound,
    BallotStillOpen,
    ClosingTimeInvalid,
    NoCandidates,
    PlaceInvalid,
    QuestionRequired,
    QuotaInvalid,
    RevoteNotAllowed,
    ThresholdInvalid,
)
from domain.model import BlocYear
from domain.policy import Actor, Permission, require
from domain.ports import Notifier, UnitOfWork
from domain.services import audit
from domain.services.ballot_minutes import default_officials, record_of
from domain.services.members import Membership
from domain.settings import ALLOWED_THRESHOLDS, LOCAL_TZ
from domain.summary import Cycle

DEFAULT_DURATION = timedelta(hours=2)
LONGEST_OPEN = timedelta(days=30)
QUESTION_MAX = 300
PLACE_MAX = 200


async def draft(
    uow: UnitOfWork, member: Membership, kind: BallotKind, now: datetime
) -> BallotDraft:
    """The ballot as the bloc's rules would have it: candidates from the published annual
    ranking (rank 1 for the flag, the other ranked units for merit), every member for the
    leadership, the quota, secrecy, threshold and base of the bloc's regulation."""
    require(member.actor, Permission.RUN_BALLOTS, member.year)
    year = member.year
    candidates = await default_candidates(uow, member, kind)
    rules = year.rules
    quota = default_quota(kind, len(candidates), rules.flag_quota, rules.merit_quota_ratio)
    return BallotDraft(
        kind=kind,
        candidates=tuple(candidates),
        quota=quota,
        secret=rules.ballot_secret,
        threshold=rules.threshold,
        base=rules.threshold_base,
        closes_at=default_closing(now),
        officials=await default_officials(uow, member),
    )


async def default_candidates(
    uow: UnitOfWork, member: Membership, kind: BallotKind
) -> list[Candidate]:
    from domain.services.ranking import build_summary  # the ranking is a heavy import

    year = member.year
    assert year.id is not None and member.bloc.id is not None
    units = {unit.id: unit for unit in await uow.blocs.units(member.bloc.id)}
    if kind in (BallotKind.LEADER, BallotKind.DEPUTY):
        return [Candidate(units[u].name, u) for u in year.member_unit_ids if u in units]
    if kind.is_yes_no or year.criteria is None:
        return []
    if await uow.scores.published_at(year.id, Cycle.ANNUAL) is None:
        return []  # nothing final to propose from: the leader picks the units
    summary = await build_summary(uow, member, Cycle.ANNUAL, published=True)
    by_code = {unit.code: unit for unit in units.values()}
    ranked = [(row, by_code[row.unit_code].id) for row in summary.rows if row.unit_code in by_code]
    if kind is BallotKind.FLAG:
        chosen = [(row, unit_id) for row, unit_id in ranked if row.rank == 1]
    else:
        flag = await decided(uow, year, BallotKind.FLAG)
        if flag is None:  # the flag ballot comes first: its default candidates are its own
            chosen = [(row, unit_id) for row, unit_id in ranked if row.rank != 1]
        else:  # the regulation: every unit the flag ballot did not propose, rank 1 included
            chosen = [(row, unit_id) for row, unit_id in ranked if unit_id not in flag]
    return [Candidate(row.unit_name, unit_id, row.final_totals.final) for row, unit_id in chosen]


async def decided(uow: UnitOfWork, year: BlocYear, kind: BallotKind) -> tuple[int, ...] | None:
    """The units the year's latest closed ballot of `kind` proposed, with those its first
    round proposed when it is a revote; None while no ballot of that kind has closed."""
    assert year.id is not None
    closed = [
        ballot
        for ballot in await uow.ballots.for_year(year.id)
        if ballot.kind is kind and ballot.status is BallotStatus.CLOSED and ballot.id is not None
    ]
    if not closed:
        return None
    latest = max(closed, key=lambda ballot: ballot.id or 0)
    rounds = [latest] + [b for b in closed if b.id == latest.parent_id]
    members = len(year.member_unit_ids)
    elected: list[int] = []
    for ballot in reversed(rounds):  # the first round's seats first
        assert ballot.id is not None
        counted = tally(ballot, await uow.ballots.votes(ballot.id), members)
        elected += [c.unit_id for c in counted.elected if c.unit_id is not None]
    return tuple(dict.fromkeys(elected))


def default_closing(now: datetime) -> datetime:
    """Two hours on, rounded up to the quarter hour in local time."""
    local = (now + DEFAULT_DURATION).astimezone(LOCAL_TZ)
    rounded = local.replace(second=0, microsecond=0) + timedelta(minutes=(-local.minute) % 15)
    return rounded.astimezone(now.tzinfo)


def question_text(text: str) -> str:
    """A yes/no motion as typed, on one line; refused empty or longer than QUESTION_MAX."""
    question = " ".join(text.split())
    if not question or len(question) > QUESTION_MAX:
        raise QuestionRequired(max=QUESTION_MAX)
    return question


def place_text(text: str) -> str:
    """Where the vote is held, for the minutes; refused empty or longer than PLACE_MAX."""
    place = " ".join(text.split())
    if not place or len(place) > PLACE_MAX:
        raise PlaceInvalid(max=PLACE_MAX)
    return place


def validate(ballot_draft: BallotDraft, year: BlocYear, now: datetime) -> BallotDraft:
    """Refuse what cannot be a fair ballot; a yes/no ballot has one motion and quota 1."""
    if ballot_draft.kind.is_yes_no:
        question = question_text(ballot_draft.title)
        ballot_draft = replace(
            ballot_draft, title=question, candidates=(Candidate(question),), quota=1
        )
    place = place_text(ballot_draft.place) if ballot_draft.place.strip() else ""  # "": online
    ballot_draft = replace(ballot_draft, place=place)
    candidates = ballot_draft.candidates
    if not candidates:
        raise NoCandidates()
    unit_ids = [c.unit_id for c in candidates if c.unit_id is not None]
    if len(set(unit_ids)) != len(unit_ids) or not set(unit_ids) <= set(year.member_unit_ids):
        raise NoCandidates()
    if not 1 <= ballot_draft.quota <= len(candidates):
        raise QuotaInvalid(max=len(candidates))
    if ballot_draft.threshold not in ALLOWED_THRESHOLDS:
        raise ThresholdInvalid()
    if not now < ballot_draft.closes_at <= now + LONGEST_OPEN:
        raise ClosingTimeInvalid(days=LONGEST_OPEN.days)
    return ballot_draft


async def open_ballot(
    uow: UnitOfWork,
    member: Membership,
    ballot_draft: BallotDraft,
    now: datetime,
    notifier: Notifier,
) -> Ballot:
    require(member.actor, Permission.RUN_BALLOTS, member.year)
    year = member.year
    assert year.id is not None and member.bloc.id is not None
    checked = validate(ballot_draft, year, now)
    if checked.parent_id is not None:
        await _check_revote(uow, member, checked, now)
    ballot = await uow.ballots.save(
        Ballot(
            year_id=year.id,
            kind=checked.kind,
            title=checked.title,
            candidates=list(checked.candidates),
            quota=checked.quota,
            secret=checked.secret,
            threshold=checked.threshold,
            base=checked.base,
            closes_at=checked.closes_at,
            opened_at=now,
            opened_by=member.actor.officer_id,
            place=checked.place,
            round=2 if checked.parent_id is not None else 1,
            parent_id=checked.parent_id,
            officials=checked.officials,
        )
    )
    await audit.record(
        uow,
        member.actor,
        "ballot.opened",
        "ballot",
        ballot.id,
        now,
        kind=ballot.kind.value,
        candidates=[c.label for c in ballot.candidates],
        quota=ballot.quota,
        secret=ballot.secret,
        threshold=str(ballot.threshold),
        base=ballot.base.value,
        closes_at=ballot.closes_at.isoformat(),
        round=ballot.round,
    )
    await notifier.ballot_opened(uow, ballot, member.bloc.id)
    return ballot


async def _check_revote(
    uow: UnitOfWork, member: Membership, checked: BallotDraft, now: datetime
) -> None:
    """A revote is the one the first round allows: among the tied, for the seats left, under
    the first round's rule. A draft changed in between (or a stale one) is refused."""
    assert checked.parent_id is not None
    expected = await revote_draft(uow, member, checked.parent_id, now)
    same_candidates = {c.unit_id for c in checked.candidates} == {
        c.unit_id for c in expected.candidates
    }
    same_rule = (checked.kind, checked.quota, checked.secret, checked.threshold, checked.base) == (
        expected.kind, expected.quota, expected.secret, expected.threshold, expected.base,
    )  # fmt: skip
    if not (same_candidates and same_rule):
        raise RevoteNotAllowed()


async def year_of(uow: UnitOfWork, ballot_id: int) -> int:
    """The bloc year a ballot belongs to, which its buttons act in."""
    ballot = await uow.ballots.get(ballot_id)
    if ballot is None:
        raise BallotNotFound()
    return ballot.year_id


async def ballot_in_year(uow: UnitOfWork, member: Membership, ballot_id: int) -> Ballot:
    """The ballot, if it belongs to the asker's bloc year; anything else is a stale button."""
    ballot = await uow.ballots.get(ballot_id)
    if ballot is None or ballot.year_id != member.year.id:
        raise BallotNotFound()
    return ballot


async def close(
    uow: UnitOfWork, member: Membership, ballot_id: int, now: datetime, notifier: Notifier
) -> BallotRecord:
    """The leader closes before the time set (everyone has voted, or the meeting moves on)."""
    require(member.actor, Permission.RUN_BALLOTS, member.year)
    await uow.ballots.lock(ballot_id)  # a vote in flight is counted, or waits and is refused
    ballot = await ballot_in_year(uow, member, ballot_id)
    if ballot.status is BallotStatus.CLOSED:
        raise BallotClosed(closed_at=ballot.closed_at or ballot.closes_at)
    assert member.bloc.id is not None
    return await finish(uow, ballot, member.year, member.bloc.id, now, notifier, member.actor)


async def finish(
    uow: UnitOfWork,
    ballot: Ballot,
    year: BlocYear,
    bloc_id: int,
    now: datetime,
    notifier: Notifier,
    actor: Actor | None = None,
) -> BallotRecord:
    ballot.status, ballot.closed_at = BallotStatus.CLOSED, min(now, ballot.closes_at)
    await uow.ballots.save(ballot)
    record = await record_of(uow, ballot, year, bloc_id)
    await audit.record(
        uow,
        actor,
        "ballot.closed",
        "ballot",
        ballot.id,
        now,
        returned=record.tally.returned,
        outcome=record.tally.outcome.value,
        elected=[c.label for c in record.tally.elected],
        receipts=list(record.tally.receipts),
    )
    await notifier.ballot_closed(uow, record, bloc_id, actor.officer_id if actor else None)
    return record


async def set_officials(
    uow: UnitOfWork, member: Membership, ballot_id: int, text: str, now: datetime
) -> Ballot:
    """The minutes' chair, secretary and counting committee, typed by the leader or deputy:
    before the ballot opens (in the draft) or after, until the minutes are signed."""
    require(member.actor, Permission.RUN_BALLOTS, member.year)
    ballot = await ballot_in_year(uow, member, ballot_id)
    ballot.officials = parse_officials(text, ballot.officials)
    await uow.ballots.save(ballot)
    await audit.record(
        uow, member.actor, "ballot.officials", "ballot", ballot.id, now,
        chair=str(ballot.officials.chair or ""), secretary=str(ballot.officials.secretary or ""),
        tellers=[str(person) for person in ballot.officials.tellers],
    )  # fmt: skip
    return ballot


async def closed_record(uow: UnitOfWork, member: Membership, ballot_id: int) -> BallotRecord:
    ballot = await ballot_in_year(uow, member, ballot_id)
    if ballot.status is not BallotStatus.CLOSED:
        raise BallotStillOpen(closes_at=ballot.closes_at)
    assert member.bloc.id is not None
    return await record_of(uow, ballot, member.year, member.bloc.id)


async def revote_draft(
    uow: UnitOfWork, member: Membership, ballot_id: int, now: datetime
) -> BallotDraft:
    """The one revote: among the tied for the seats left, or among all when nobody passed."""
    require(member.actor, Permission.RUN_BALLOTS, member.year)
    record = await closed_record(uow, member, ballot_id)
    first = record.ballot
    assert first.id is not None
    counted = record.tally
    if (
        not first.can_revote
        or counted.outcome not in (Outcome.TIE, Outcome.NONE)
        or not counted.tied
        or await uow.ballots.revote_of(first.id) is not None
    ):
        raise RevoteNotAllowed()
    return BallotDraft(
        kind=first.kind,
        candidates=tuple(Candidate(c.label, c.unit_id, c.score) for c in counted.tied),
        quota=counted.seats_left,
        secret=first.secret,
        threshold=first.threshold,
        base=first.base,
        closes_at=default_closing(now),
        title=first.title,
        place=first.place,
        parent_id=first.id,
        officials=first.officials,
    )
