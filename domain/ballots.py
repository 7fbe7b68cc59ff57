"""Ballots (bình xét): one vote per member unit, approval voting under a quota, a threshold
on a base, ties and the one revote. Pure rules; the services store and announce them."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from domain.documents import DocumentNumber, Officials
from domain.model import Bloc, Unit
from domain.settings import ThresholdBase

RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud, typed back


class BallotKind(StrEnum):
    FLAG = "flag"  # propose the provincial Emulation Flag
    MERIT = "merit"  # propose Certificates of Merit
    LEADER = "leader"  # next year's leader unit
    DEPUTY = "deputy"  # next year's deputy unit
    REPORT = "report"  # approve the draft report
    QUESTION = "question"  # a free yes/no question

    @property
    def is_yes_no(self) -> bool:
        """A single motion answered "agree" or "disagree" rather than a list of units."""
        return self in (BallotKind.REPORT, BallotKind.QUESTION)


class BallotStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Outcome(StrEnum):
    ELECTED = "elected"  # every seat filled by candidates over the threshold
    PARTIAL = "partial"  # some seats filled; the rest short of the threshold
    TIE = "tie"  # candidates over the threshold tie for the last seat(s)
    NONE = "none"  # nobody reached the threshold


@dataclass(frozen=True)
class Candidate:
    """A unit (or, for a yes/no ballot, the motion itself: `unit_id` None)."""

    label: str
    unit_id: int | None = None
    score: Decimal | None = None  # the final score it ranks with, where the ballot shows it
    id: int | None = None


@dataclass
class Ballot:
    year_id: int
    kind: BallotKind
    title: str
    candidates: list[Candidate]
    quota: int
    secret: bool
    threshold: Decimal
    base: ThresholdBase
    closes_at: datetime
    opened_at: datetime
    opened_by: int  # officer id
    place: str = ""
    status: BallotStatus = BallotStatus.OPEN
    round: int = 1
    parent_id: int | None = None  # the ballot this one revotes
    closed_at: datetime | None = None
    reminded_at: datetime | None = None
    officials: Officials = field(default_factory=Officials)  # named in the minutes
    id: int | None = None

    def is_open(self, now: datetime) -> bool:
        return self.status is BallotStatus.OPEN and now < self.closes_at

    def candidate(self, candidate_id: int) -> Candidate | None:
        return next((c for c in self.candidates if c.id == candidate_id), None)

    @property
    def can_revote(self) -> bool:
        return self.round == 1


@dataclass(frozen=True)
class Vote:
    """What one unit chose. In a secret ballot `unit_id` is None: only the receipt is kept."""

    receipt: str
    approved: frozenset[int]  # candidate ids
    unit_id: int | None = None


@dataclass(frozen=True)
class CandidateTally:
    candidate: Candidate
    approvals: int
    ratio: Fraction  # approvals / base (0 when the base is empty)
    passed: bool  # reached the threshold


@dataclass(frozen=True)
class Tally:
    issued: int  # ballots issued: every member unit
    returned: int  # units that voted
    base: int  # what the threshold counts against
    needed: int  # approvals a candidate needs
    rows: tuple[CandidateTally, ...]  # most approvals first, then the ballot's order
    elected: tuple[Candidate, ...]
    tied: tuple[Candidate, ...]  # the revote's candidates, when there is one to hold
    seats_left: int  # seats the revote would fill
    outcome: Outcome
    receipts: tuple[str, ...]  # every counted receipt, sorted


def exact(threshold: Decimal) -> Fraction:
    """The threshold as a fraction: 2/3 is kept as 0.666…, which must mean exactly 2/3."""
    return Fraction(threshold).limit_denominator(100)


def votes_needed(threshold: Decimal, base: int) -> int:
    """The fewest approvals reaching `threshold` of `base` (ceil, exact)."""
    share = exact(threshold) * base
    return -(-share.numerator // share.denominator)


def default_quota(kind: BallotKind, candidates: int, flag_quota: int, ratio: Decimal) -> int:
    """Flag: the bloc's flag quota; merit: at most `ratio` of the candidates (at least 1);
    leader, deputy and yes/no ballots: one."""
    if kind is BallotKind.FLAG:
        return max(1, min(flag_quota, candidates))
    if kind is BallotKind.MERIT:
        share = exact(ratio) * candidates
        return max(1, share.numerator // share.denominator)
    return 1


def new_receipt() -> str:
    """A short code such as "7KQ-2MX": about 887 million values, random per ballot."""
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(6))
    return f"{chars[:3]}-{chars[3:]}"


@dataclass(frozen=True)
class BallotCount:
    """The live figure shown while a ballot is open: how many, never who chose what."""

    voted: int
    members: int


def tally(ballot: Ballot, votes: list[Vote], members: int) -> Tally:
    """Count approvals, check each against the threshold and fill the quota.

    The base is every member unit, or the units present: in a chat ballot a unit is present
    when it returned its ballot. A tie for the last seat among candidates over the threshold
    is not settled here: it goes to the revote, as is a ballot where nobody passed."""
    returned = len(votes)
    base = members if ballot.base is ThresholdBase.ALL_MEMBERS else returned
    needed = votes_needed(ballot.threshold, base)
    order = {c.id: index for index, c in enumerate(ballot.candidates)}
    counts = {c.id: 0 for c in ballot.candidates}
    for vote in votes:
        for candidate_id in vote.approved:
            if candidate_id in counts:
                counts[candidate_id] += 1
    rows = tuple(
        sorted(
            (
                CandidateTally(
                    c,
                    counts[c.id],
                    Fraction(counts[c.id], base) if base else Fraction(0),
                    base > 0 and counts[c.id] >= needed,
                )
                for c in ballot.candidates
            ),
            key=lambda row: (-row.approvals, order[row.candidate.id]),
        )
    )
    elected, tied, outcome = _fill(rows, ballot.quota)
    seats_left = ballot.quota - len(elected) if tied else 0
    if outcome is Outcome.NONE:
        tied, seats_left = tuple(ballot.candidates), ballot.quota  # the revote takes them all
    if ballot.kind.is_yes_no:
        tied, seats_left = (), 0  # a motion is carried or not; there is nothing to revote
    receipts = tuple(sorted(vote.receipt for vote in votes))
    return Tally(
        members, returned, base, needed, rows, elected, tied, seats_left, outcome, receipts
    )


def _fill(
    rows: tuple[CandidateTally, ...], quota: int
) -> tuple[tuple[Candidate, ...], tuple[Candidate, ...], Outcome]:
    passed = [row for row in rows if row.passed]
    if not passed:
        return (), (), Outcome.NONE
    if len(passed) <= quota:
        outcome = Outcome.ELECTED if len(passed) == quota else Outcome.PARTIAL
        return tuple(row.candidate for row in passed), (), outcome
    boundary = passed[quota - 1].approvals
    if passed[quota].approvals < boundary:
        return tuple(row.candidate for row in passed[:quota]), (), Outcome.ELECTED
    sure = tuple(row.candidate for row in passed if row.approvals > boundary)
    tied = tuple(row.candidate for row in passed if row.approvals == boundary)
    return sure, tied, Outcome.TIE


def check_choice(ballot: Ballot, approved: frozenset[int]) -> str | None:
    """Why this choice is not a valid ballot paper, as an error code, or None."""
    known = {c.id for c in ballot.candidates}
    if not approved <= known:
        return "unknown-candidate"
    if len(approved) > ballot.quota:
        return "over-quota"
    return None


@dataclass(frozen=True)
class BallotDraft:
    """What the leader sets before opening: everything has a default from the bloc's rules."""

    kind: BallotKind
    candidates: tuple[Candidate, ...]
    quota: int
    secret: bool
    threshold: Decimal
    base: ThresholdBase
    closes_at: datetime
    title: str = ""
    place: str = ""
    parent_id: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    officials: Officials = field(default_factory=Officials)


@dataclass(frozen=True)
class BallotRecord:
    """Everything the minutes (biên bản) and the proposal (tờ trình) of a closed ballot say."""

    bloc: Bloc
    year: int
    ballot: Ballot
    tally: Tally
    leader: Unit  # the leader unit, which chairs the vote; its head signs for the bloc
    members: tuple[str, ...]  # every member unit's name, in roster order
    voted: tuple[str, ...]  # the units that returned a ballot
    present: tuple[str, ...]  # at the meeting: those that voted and those that came to vote
    earlier: Tally | None = None  # the first round, when this is the revote
    minutes_number: DocumentNumber | None = None
    proposal_number: DocumentNumber | None = None  # None: nothing goes to the council

    @property
    def chair_unit(self) -> str:
        return self.leader.name


AWARD_KINDS = frozenset({BallotKind.FLAG, BallotKind.MERIT})  # what the council decides


def proposes(ballot: Ballot, counted: Tally, earlier: Tally | None) -> bool:
    """Whether the ballot ends in a proposal to the Emulation Council: an award ballot that
    elected someone (in either round), and no revote still to hold for the seats left."""
    if ballot.kind not in AWARD_KINDS:
        return False
    elected = bool(counted.elected) or bool(earlier and earlier.elected)
    return elected and not (ballot.can_revote and bool(counted.tied))
