"""The pure rules of a ballot: approvals needed for a threshold, the count against all members
or those present, filling the quota (elected, partial, tie, none), yes/no motions, a valid
ballot paper, the default quotas and the receipts."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from domain.ballots import (
    RECEIPT_ALPHABET,
    Ballot,
    BallotKind,
    Candidate,
    Outcome,
    Tally,
    Vote,
    check_choice,
    default_quota,
    new_receipt,
    tally,
    votes_needed,
)
from domain.settings import ALLOWED_THRESHOLDS, ThresholdBase

HALF, TWO_THIRDS, SEVENTY, EIGHTY, NINETY = ALLOWED_THRESHOLDS
OPENED = datetime(2022, 12, 20, 1, 0, tzinfo=UTC)
RECEIPT = re.compile(r"^[A-Z2-9]{3}-[A-Z2-9]{3}$")

# Five candidate units; the id of each is its place in the roster (1..5).
A, B, C, D, E = (Candidate(name, number, None, number) for number, name in enumerate("ABCDE", 1))


def ballot(
    candidates: list[Candidate],
    *,
    kind: BallotKind = BallotKind.MERIT,
    quota: int = 1,
    threshold: Decimal = SEVENTY,
    base: ThresholdBase = ThresholdBase.ALL_MEMBERS,
) -> Ballot:
    return Ballot(
        year_id=1, kind=kind, title="", candidates=candidates, quota=quota, secret=True,
        threshold=threshold, base=base, closes_at=OPENED + timedelta(hours=2),
        opened_at=OPENED, opened_by=1,
    )  # fmt: skip


def papers(*choices: set[Candidate] | frozenset[Candidate]) -> list[Vote]:
    """One vote per returned paper; receipts given out of order on purpose."""
    receipts = ["ZZZ-222", "AAA-999", "MMM-555", "BBB-333", "XXX-777", "CCC-444", "NNN-888"]
    return [
        Vote(receipts[i], frozenset(c.id for c in chosen if c.id is not None))
        for i, chosen in enumerate(choices)
    ]


def approvals(counted: Tally) -> list[tuple[str, int, bool]]:
    return [(row.candidate.label, row.approvals, row.passed) for row in counted.rows]


# ---------------------------------------------------------------------------------------------
# votes_needed: the fewest approvals reaching the threshold, exactly


@pytest.mark.parametrize(
    ("threshold", "needed"),
    [
        #            base: 5   7   9  10  15
        (HALF,        (3,  4,  5,  5,  8)),
        (TWO_THIRDS,  (4,  5,  6,  7, 10)),
        (SEVENTY,     (4,  5,  7,  7, 11)),
        (EIGHTY,      (4,  6,  8,  8, 12)),
        (NINETY,      (5,  7,  9,  9, 14)),
    ],
)  # fmt: skip
def test_votes_needed_rounds_the_share_up(threshold: Decimal, needed: tuple[int, ...]) -> None:
    assert tuple(votes_needed(threshold, base) for base in (5, 7, 9, 10, 15)) == needed


def test_two_thirds_is_exactly_two_thirds() -> None:
    """Decimal 2/3 is 0.6666…67 (rounded up in the last digit) or 0.666…6: neither may turn
    10 of 15 (exactly two thirds) or 6 of 9 into a miss, nor 4.0000001 into 5."""
    assert Decimal(2) / Decimal(3) == TWO_THIRDS  # as the settings define it
    assert votes_needed(TWO_THIRDS, 15) == 10
    assert votes_needed(TWO_THIRDS, 9) == 6
    assert votes_needed(TWO_THIRDS, 6) == 4
    assert votes_needed(TWO_THIRDS, 3) == 2
    assert votes_needed(Decimal("0.6666666666666666666666666666"), 15) == 10


def test_an_empty_base_needs_nothing_but_nobody_passes() -> None:
    assert votes_needed(SEVENTY, 0) == 0
    counted = tally(ballot([A], base=ThresholdBase.PRESENT_MEMBERS), [], 5)
    assert (counted.issued, counted.returned, counted.base, counted.needed) == (5, 0, 0, 0)
    assert counted.rows[0].ratio == 0 and not counted.rows[0].passed
    assert counted.outcome is Outcome.NONE and counted.elected == ()


# ---------------------------------------------------------------------------------------------
# The base: all member units, or the units present (those that returned a ballot)


def test_a_unit_that_did_not_vote_lowers_the_bar_only_for_the_present_base() -> None:
    """Five members, four vote, 70%: 4 of 5 needed against all members (3 approvals fail),
    3 of 4 against those present (3 approvals pass)."""
    votes = papers({A}, {A}, {A}, set())
    all_members = tally(ballot([A]), votes, 5)
    assert (all_members.issued, all_members.returned) == (5, 4)
    assert (all_members.base, all_members.needed) == (5, 4)
    assert approvals(all_members) == [("A", 3, False)]
    assert all_members.rows[0].ratio == Fraction(3, 5)
    assert all_members.outcome is Outcome.NONE and all_members.elected == ()

    present = tally(ballot([A], base=ThresholdBase.PRESENT_MEMBERS), votes, 5)
    assert (present.issued, present.returned) == (5, 4)
    assert (present.base, present.needed) == (4, 3)
    assert approvals(present) == [("A", 3, True)]
    assert present.rows[0].ratio == Fraction(3, 4)
    assert present.outcome is Outcome.ELECTED and present.elected == (A,)


def test_a_blank_paper_is_returned_and_counts_in_the_present_base() -> None:
    votes = papers({A}, {A}, set(), set())  # two approve, two return a blank paper
    counted = tally(ballot([A], threshold=HALF, base=ThresholdBase.PRESENT_MEMBERS), votes, 5)
    assert (counted.returned, counted.base, counted.needed) == (4, 4, 2)
    assert counted.elected == (A,)


def test_an_approval_of_a_unit_not_on_the_ballot_is_not_counted() -> None:
    votes = [Vote("AAA-222", frozenset({1, 99})), Vote("BBB-222", frozenset({99}))]
    counted = tally(ballot([A], threshold=HALF), votes, 2)
    assert approvals(counted) == [("A", 1, True)]


# ---------------------------------------------------------------------------------------------
# Filling the quota


def test_flag_quota_one_elects_the_unit_over_the_threshold() -> None:
    """Flag, quota 1, 70% of 5 = 4: A 4, B 1."""
    votes = papers({A}, {A}, {A}, {A}, {B})
    counted = tally(ballot([A, B], kind=BallotKind.FLAG), votes, 5)
    assert approvals(counted) == [("A", 4, True), ("B", 1, False)]
    assert counted.outcome is Outcome.ELECTED
    assert counted.elected == (A,) and counted.tied == () and counted.seats_left == 0


def test_merit_quota_two_of_four_elects_the_two_over_the_threshold() -> None:
    """Merit, quota 2 among 4, 70% of 5 = 4: B 5, D 4, A 1, C 0."""
    votes = papers({B, D}, {B, D}, {B, D}, {B, D}, {B, A})
    counted = tally(ballot([A, B, C, D], quota=2), votes, 5)
    assert approvals(counted) == [("B", 5, True), ("D", 4, True), ("A", 1, False), ("C", 0, False)]
    assert counted.outcome is Outcome.ELECTED
    assert counted.elected == (B, D) and counted.tied == () and counted.seats_left == 0
    assert counted.rows[0].ratio == 1 and counted.rows[1].ratio == Fraction(4, 5)


def test_rows_with_equal_approvals_keep_the_ballot_order() -> None:
    votes = papers({D, C}, {C, D}, {A})
    counted = tally(ballot([A, B, C, D], quota=2, threshold=HALF), votes, 5)
    assert [row.candidate for row in counted.rows] == [C, D, A, B]


def test_more_over_the_threshold_than_seats_elects_the_most_approved() -> None:
    """Quota 2, 50% of 5 = 3: A 5 and B 3 pass, C 2 is short. Then three over the threshold
    (present base): the third has fewer approvals, so the seats are filled without a revote."""
    votes = papers({A, B}, {A, B}, {A, B}, {A, C}, {A, C})
    counted = tally(ballot([A, B, C], quota=2, threshold=HALF), votes, 5)
    assert approvals(counted) == [("A", 5, True), ("B", 3, True), ("C", 2, False)]
    assert counted.outcome is Outcome.ELECTED and counted.elected == (A, B)

    # Present base (4 returned, 50% = 2): all three pass, C is third with fewer: not a tie.
    votes = papers({A, B}, {A, B}, {A, C}, {B, C})
    counted = tally(
        ballot([A, B, C], quota=2, threshold=HALF, base=ThresholdBase.PRESENT_MEMBERS), votes, 5
    )
    assert approvals(counted) == [("A", 3, True), ("B", 3, True), ("C", 2, True)]
    assert counted.outcome is Outcome.ELECTED
    assert counted.elected == (A, B) and counted.tied == () and counted.seats_left == 0


def test_partial_when_fewer_pass_than_there_are_seats() -> None:
    """Quota 2, 70% of 5 = 4: only C gets there. No revote for the seat left."""
    votes = papers({C, A}, {C, B}, {C}, {C}, {A})
    counted = tally(ballot([A, B, C], quota=2), votes, 5)
    assert approvals(counted) == [("C", 4, True), ("A", 2, False), ("B", 1, False)]
    assert counted.outcome is Outcome.PARTIAL
    assert counted.elected == (C,) and counted.tied == () and counted.seats_left == 0


def test_a_tie_at_the_quota_boundary_goes_to_the_revote() -> None:
    """Quota 2, 50% of 5 = 3: A 4 is sure; B and C tie at 3 for the last seat."""
    votes = papers({A, B}, {A, B}, {A, C}, {A, C}, {B, C})
    counted = tally(ballot([A, B, C, D], quota=2, threshold=HALF), votes, 5)
    assert approvals(counted) == [("A", 4, True), ("B", 3, True), ("C", 3, True), ("D", 0, False)]
    assert counted.outcome is Outcome.TIE
    assert counted.elected == (A,)
    assert counted.tied == (B, C)
    assert counted.seats_left == 1


def test_a_tie_for_the_only_seat_elects_nobody_yet() -> None:
    """Flag quota 1, present base of 4 at 50% = 2: A 2, B 2."""
    votes = papers({A}, {B}, {A}, {B})
    counted = tally(
        ballot([A, B], kind=BallotKind.FLAG, threshold=HALF, base=ThresholdBase.PRESENT_MEMBERS),
        votes,
        5,
    )
    assert counted.outcome is Outcome.TIE
    assert counted.elected == () and counted.tied == (A, B) and counted.seats_left == 1


def test_nobody_over_the_threshold_revotes_among_all_for_every_seat() -> None:
    """Quota 2, 70% of 5 = 4: A 3, B 3, C 2, D 2."""
    votes = papers({A, B}, {A, B}, {A, C}, {B, D}, {C, D})
    counted = tally(ballot([A, B, C, D], quota=2), votes, 5)
    assert all(not row.passed for row in counted.rows)
    assert counted.outcome is Outcome.NONE
    assert counted.elected == ()
    assert counted.tied == (A, B, C, D)
    assert counted.seats_left == 2


def test_nobody_voted_is_none_with_every_candidate_for_the_revote() -> None:
    counted = tally(ballot([A, B], kind=BallotKind.FLAG), [], 5)
    assert (counted.issued, counted.returned, counted.needed) == (5, 0, 4)
    assert counted.outcome is Outcome.NONE
    assert counted.tied == (A, B) and counted.seats_left == 1 and counted.receipts == ()


# ---------------------------------------------------------------------------------------------
# Yes/no motions: carried or not, never revoted


@pytest.mark.parametrize("kind", [BallotKind.REPORT, BallotKind.QUESTION])
def test_a_motion_is_carried_at_the_threshold(kind: BallotKind) -> None:
    motion = Candidate("Thông qua dự thảo báo cáo", None, None, 7)
    votes = [Vote(f"AA{i}-222", frozenset({7})) for i in range(2, 6)] + [
        Vote("ZZZ-222", frozenset())
    ]
    counted = tally(ballot([motion], kind=kind), votes, 5)
    assert kind.is_yes_no
    assert [(row.approvals, row.passed) for row in counted.rows] == [(4, True)]
    assert counted.outcome is Outcome.ELECTED and counted.elected == (motion,)
    assert counted.tied == () and counted.seats_left == 0


@pytest.mark.parametrize("kind", [BallotKind.REPORT, BallotKind.QUESTION])
def test_a_motion_short_of_the_threshold_is_lost_with_nothing_to_revote(kind: BallotKind) -> None:
    motion = Candidate("Tổ chức hội nghị tại Càng Long", None, None, 7)
    votes = [Vote(f"AA{i}-222", frozenset({7})) for i in range(2, 5)] + [
        Vote("ZZZ-222", frozenset()),
        Vote("YYY-222", frozenset()),
    ]
    counted = tally(ballot([motion], kind=kind), votes, 5)
    assert [(row.approvals, row.passed) for row in counted.rows] == [(3, False)]
    assert counted.outcome is Outcome.NONE and counted.elected == ()
    assert counted.tied == () and counted.seats_left == 0  # unlike a unit ballot


def test_unit_ballots_are_not_motions() -> None:
    assert not any(
        kind.is_yes_no
        for kind in (BallotKind.FLAG, BallotKind.MERIT, BallotKind.LEADER, BallotKind.DEPUTY)
    )


# ---------------------------------------------------------------------------------------------
# Receipts, the ballot paper, the default quotas


def test_receipts_are_listed_sorted_not_in_the_order_cast() -> None:
    votes = papers({A}, {B}, {A}, set(), {A})
    counted = tally(ballot([A, B]), votes, 5)
    assert counted.receipts == ("AAA-999", "BBB-333", "MMM-555", "XXX-777", "ZZZ-222")


def test_check_choice() -> None:
    merit = ballot([A, B, C, D], quota=2)
    assert merit.candidate(3) == C and merit.candidate(99) is None
    assert check_choice(merit, frozenset()) is None  # a blank paper is a valid paper
    assert check_choice(merit, frozenset({1})) is None
    assert check_choice(merit, frozenset({1, 4})) is None
    assert check_choice(merit, frozenset({1, 2, 3})) == "over-quota"
    assert check_choice(merit, frozenset({1, 99})) == "unknown-candidate"
    assert check_choice(merit, frozenset({5})) == "unknown-candidate"  # E is not on this ballot
    flag = ballot([A, B], kind=BallotKind.FLAG)
    assert check_choice(flag, frozenset({1, 2})) == "over-quota"


@pytest.mark.parametrize(
    ("candidates", "half", "fifth"),
    [(1, 1, 1), (2, 1, 1), (3, 1, 1), (4, 2, 1), (5, 2, 1), (9, 4, 1), (10, 5, 2), (15, 7, 3)],
)
def test_default_merit_quota_is_a_share_of_the_remaining_units(
    candidates: int, half: int, fifth: int
) -> None:
    """At most 50% of the remaining units (20% inside one department), rounded down, at
    least one."""
    assert default_quota(BallotKind.MERIT, candidates, 1, Decimal("0.5")) == half
    assert default_quota(BallotKind.MERIT, candidates, 1, Decimal("0.2")) == fifth


def test_default_quota_of_the_other_kinds() -> None:
    assert default_quota(BallotKind.FLAG, 1, 1, Decimal("0.5")) == 1
    assert default_quota(BallotKind.FLAG, 2, 1, Decimal("0.5")) == 1  # a tie at rank 1
    assert default_quota(BallotKind.FLAG, 3, 2, Decimal("0.5")) == 2
    assert default_quota(BallotKind.FLAG, 1, 2, Decimal("0.5")) == 1  # no more than candidates
    for kind in (BallotKind.LEADER, BallotKind.DEPUTY, BallotKind.REPORT, BallotKind.QUESTION):
        assert default_quota(kind, 5, 2, Decimal("0.5")) == 1


def test_a_receipt_is_easy_to_read_aloud() -> None:
    assert not set("01OIL") & set(RECEIPT_ALPHABET)
    for _ in range(200):
        receipt = new_receipt()
        assert RECEIPT.match(receipt), receipt
        assert not set("01OIL") & set(receipt), receipt


def test_receipts_do_not_repeat() -> None:
    drawn = [new_receipt() for _ in range(1000)]
    assert len(set(drawn)) == 1000
    assert all(RECEIPT.match(receipt) for receipt in drawn)
