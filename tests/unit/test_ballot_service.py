"""Ballots on the sample bloc (five units; Sở NN&PTNT leads, the radio station is deputy): the
leader's draft from the published ranking, opening with its refusals, one vote per unit,
closing by hand and on time, the reminder, the one revote, and what the audit log keeps."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from domain.ballots import (
    RECEIPT_ALPHABET,
    Ballot,
    BallotDraft,
    BallotKind,
    BallotRecord,
    BallotStatus,
    Candidate,
    Outcome,
    Vote,
)
from domain.bloc_spec import parse_bloc_spec
from domain.errors import (
    AlreadyVoted,
    BallotClosed,
    BallotNotFound,
    BallotStillOpen,
    ClosingTimeInvalid,
    DomainError,
    NoCandidates,
    NotAuthorized,
    OverQuota,
    PlaceInvalid,
    QuestionRequired,
    QuotaInvalid,
    RevoteNotAllowed,
    ThresholdInvalid,
    UnknownCandidate,
)
from domain.model import BoardRole, Channel
from domain.ports import UnitOfWork
from domain.services import ballots, importer, voting
from domain.services.members import Membership, membership
from domain.services.ranking import publish
from domain.settings import ALLOWED_THRESHOLDS, LOCAL_TZ, ThresholdBase
from domain.summary import Cycle
from imports.yaml_source import read_yaml
from tests.samples import sample_yaml
from tests.unit.fakes import SAMPLE_BLOC, FakeUnitOfWork, add_officer, imported
from tests.unit.test_scoring_service import ANNUAL_OPEN, member, submitted_sheet

HALF, TWO_THIRDS, SEVENTY, EIGHTY, NINETY = ALLOWED_THRESHOLDS
# 20 December 2022, 08:07 in Trà Vinh: the annual ranking has been published.
NOW = datetime(2022, 12, 20, 1, 7, tzinfo=UTC)
PUBLISHED = datetime(2022, 12, 16, 2, 0, tzinfo=UTC)
TWO_HOURS = timedelta(hours=2)
ROSTER = ("SNN", "STN", "SGT", "SCT", "PTTH")  # the year's member units, in order
NAMES = {
    "SNN": "Sở Nông nghiệp và Phát triển nông thôn",
    "STN": "Sở Tài nguyên và Môi trường",
    "SGT": "Sở Giao thông vận tải",
    "SCT": "Sở Công Thương",
    "PTTH": "Đài Phát thanh và Truyền hình Trà Vinh",
}
OTHER_BLOC = "khoi8-travinh"


@dataclass
class RecordingNotifier:
    """What the bloc would have been told, call by call."""

    opened: list[tuple[int | None, int]] = field(default_factory=list)
    voted: list[tuple[int | None, int]] = field(default_factory=list)
    counted: list[tuple[int | None, int, int, int]] = field(default_factory=list)
    reminded: list[tuple[int | None, int, list[int]]] = field(default_factory=list)
    closed: list[tuple[BallotRecord, int]] = field(default_factory=list)

    async def ballot_opened(self, uow: UnitOfWork, ballot: Ballot, bloc_id: int) -> None:
        self.opened.append((ballot.id, bloc_id))

    async def ballot_voted(self, uow: UnitOfWork, ballot: Ballot, bloc_id: int) -> None:
        self.voted.append((ballot.id, bloc_id))

    async def ballot_counted(
        self, uow: UnitOfWork, ballot: Ballot, bloc_id: int, voted: int, members: int
    ) -> None:
        self.counted.append((ballot.id, bloc_id, voted, members))

    async def ballot_reminder(
        self, uow: UnitOfWork, ballot: Ballot, bloc_id: int, unit_ids: list[int]
    ) -> None:
        self.reminded.append((ballot.id, bloc_id, list(unit_ids)))

    async def ballot_closed(
        self, uow: UnitOfWork, record: BallotRecord, bloc_id: int, closed_by: int | None = None
    ) -> None:
        self.closed.append((record, bloc_id))


@pytest.fixture
async def uow() -> FakeUnitOfWork:
    return await imported(now=ANNUAL_OPEN)


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
async def leader(uow: FakeUnitOfWork) -> Membership:
    return await member(uow, "SNN", "Nguyễn Văn Lãnh")


# ---------------------------------------------------------------------------------------------
# Builders


def ids(uow: FakeUnitOfWork) -> dict[str, int]:
    """Unit code → unit id, for the sample bloc."""
    (bloc_id,) = [b.id for b in uow.store.blocs.values() if b.code == SAMPLE_BLOC]
    found = {u.code: u.id for u in uow.store.units.values() if u.bloc_id == bloc_id}
    return {code: unit_id for code, unit_id in found.items() if unit_id is not None}


def unit_draft(
    uow: FakeUnitOfWork,
    codes: tuple[str, ...],
    *,
    kind: BallotKind = BallotKind.MERIT,
    quota: int = 1,
    threshold: Decimal = SEVENTY,
    base: ThresholdBase = ThresholdBase.ALL_MEMBERS,
    secret: bool = True,
    closes_at: datetime = NOW + TWO_HOURS,
) -> BallotDraft:
    unit_ids = ids(uow)
    return BallotDraft(
        kind=kind,
        candidates=tuple(Candidate(NAMES[code], unit_ids[code]) for code in codes),
        quota=quota,
        secret=secret,
        threshold=threshold,
        base=base,
        closes_at=closes_at,
        title="Bằng khen của Chủ tịch UBND tỉnh",
        place="Hội trường Sở NN&PTNT",
    )


def chosen(ballot: Ballot, *codes: str) -> frozenset[int]:
    """The candidate ids (not the unit ids) of those units on the ballot."""
    by_label = {c.label: c.id for c in ballot.candidates}
    found = [by_label[NAMES[code]] for code in codes]
    return frozenset(candidate_id for candidate_id in found if candidate_id is not None)


async def open_unit_ballot(
    uow: FakeUnitOfWork,
    leader: Membership,
    notifier: RecordingNotifier,
    codes: tuple[str, ...],
    **options: Any,
) -> Ballot:
    draft = unit_draft(uow, codes, **options)
    return await ballots.open_ballot(uow, leader, draft, NOW, notifier)


async def cast_all(
    uow: FakeUnitOfWork,
    ballot: Ballot,
    choices: Mapping[str, tuple[str, ...]],
    notifier: RecordingNotifier,
    now: datetime = NOW,
) -> dict[str, str]:
    """Each unit (by code) approves the units listed; returns each unit's receipt."""
    assert ballot.id is not None
    receipts = {}
    for voter, approved in choices.items():
        officer = await member(uow, voter, f"Cán bộ {voter}")
        receipt = await voting.cast(
            uow, officer, ballot.id, chosen(ballot, *approved), now, notifier
        )
        receipts[voter] = receipt.receipt
    return receipts


async def ranked_bloc(uow: FakeUnitOfWork, finals: dict[str, str]) -> None:
    """Annual sheets submitted with item 1 (max 15) at the given points, every other item at
    its maximum, and the ranking published after the window."""
    for code, item_1 in finals.items():
        await submitted_sheet(uow, await member(uow, code), ANNUAL_OPEN, {"1": item_1})
    await publish(uow, await member(uow, "SNN"), Cycle.ANNUAL, PUBLISHED)


async def other_bloc_member(uow: FakeUnitOfWork) -> Membership:
    """The leader of a second bloc of the same province."""
    raw, _ = read_yaml(sample_yaml())
    raw["bloc"].update(code=OTHER_BLOC, name="Khối thi đua Khối 8")
    await importer.import_bloc(uow, parse_bloc_spec(raw), ANNUAL_OPEN)
    officer = await add_officer(uow, "SNN", "Lê Văn Khác", bloc_code=OTHER_BLOC)
    return await membership(uow, officer, Channel.TELEGRAM)


def closing_local(hour: int, minute: int) -> datetime:
    return datetime(2022, 12, 20, hour, minute, tzinfo=LOCAL_TZ)


# ---------------------------------------------------------------------------------------------
# The draft: defaults from the published ranking and the bloc's rules


async def test_flag_and_merit_drafts_come_from_the_published_ranking(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    """STN 100, SGT 99, SNN 98, SCT 97, PTTH 96."""
    await ranked_bloc(uow, {"STN": "15", "SGT": "14", "SNN": "13", "SCT": "12", "PTTH": "11"})
    unit_ids = ids(uow)

    flag = await ballots.draft(uow, leader, BallotKind.FLAG, NOW)
    assert flag.candidates == (Candidate(NAMES["STN"], unit_ids["STN"], Decimal(100)),)
    assert flag.quota == 1
    # The bloc's rules: secret, 70% of all member units.
    assert (flag.secret, flag.threshold, flag.base) == (True, SEVENTY, ThresholdBase.ALL_MEMBERS)
    # Two hours on (10:07), rounded up to the quarter hour in local time.
    assert flag.closes_at == closing_local(10, 15)
    assert flag.parent_id is None

    merit = await ballots.draft(uow, leader, BallotKind.MERIT, NOW)
    assert [(c.label, c.unit_id, c.score) for c in merit.candidates] == [
        (NAMES["SGT"], unit_ids["SGT"], Decimal(99)),
        (NAMES["SNN"], unit_ids["SNN"], Decimal(98)),
        (NAMES["SCT"], unit_ids["SCT"], Decimal(97)),
        (NAMES["PTTH"], unit_ids["PTTH"], Decimal(96)),
    ]
    assert merit.quota == 2  # 50% of the 4 remaining units


async def test_a_tie_at_rank_one_puts_both_on_the_flag_ballot(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    await ranked_bloc(uow, {"STN": "15", "SGT": "15", "SNN": "13", "SCT": "12"})
    flag = await ballots.draft(uow, leader, BallotKind.FLAG, NOW)
    assert [c.label for c in flag.candidates] == [NAMES["STN"], NAMES["SGT"]]
    assert flag.quota == 1  # still one flag
    merit = await ballots.draft(uow, leader, BallotKind.MERIT, NOW)
    assert [c.label for c in merit.candidates] == [NAMES["SNN"], NAMES["SCT"]]
    assert merit.quota == 1


async def test_before_the_ranking_is_published_the_leader_picks_the_units(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    await submitted_sheet(uow, await member(uow, "STN"), ANNUAL_OPEN)  # submitted, not final
    for kind in (BallotKind.FLAG, BallotKind.MERIT):
        empty = await ballots.draft(uow, leader, kind, NOW)
        assert (empty.candidates, empty.quota) == ((), 1)


async def test_leadership_ballots_list_every_member_and_motions_none(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    for kind in (BallotKind.LEADER, BallotKind.DEPUTY):
        leadership = await ballots.draft(uow, leader, kind, NOW)
        assert [c.label for c in leadership.candidates] == [NAMES[code] for code in ROSTER]
        assert leadership.quota == 1
    for kind in (BallotKind.REPORT, BallotKind.QUESTION):
        motion = await ballots.draft(uow, leader, kind, NOW)
        assert (motion.candidates, motion.quota) == ((), 1)


async def test_only_the_leader_and_the_deputy_run_ballots(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    deputy = await member(uow, "PTTH", "Trần Văn Phó")
    officer = await member(uow, "STN", "Cán bộ STN")
    admin = await member(uow, None, "Quản trị", BoardRole.ADMIN)
    observer = await member(uow, None, "Ban TĐKT", BoardRole.OBSERVER)
    draft = unit_draft(uow, ("STN", "SGT"))
    ballot = await ballots.open_ballot(uow, leader, draft, NOW, notifier)
    assert ballot.id is not None

    before = copy.deepcopy(uow.store)
    for outsider in (officer, admin, observer):
        with pytest.raises(NotAuthorized) as refused:
            await ballots.draft(uow, outsider, BallotKind.FLAG, NOW)
        assert refused.value.values == {"permission": "run_ballots"}
        with pytest.raises(NotAuthorized):
            await ballots.open_ballot(uow, outsider, draft, NOW, notifier)
        with pytest.raises(NotAuthorized):
            await ballots.close(uow, outsider, ballot.id, NOW, notifier)
        with pytest.raises(NotAuthorized):
            await ballots.revote_draft(uow, outsider, ballot.id, NOW)
    assert uow.store == before
    assert len(notifier.opened) == 1 and notifier.closed == []

    # The deputy stands in for the leader.
    assert (await ballots.draft(uow, deputy, BallotKind.LEADER, NOW)).candidates
    second = await ballots.open_ballot(uow, deputy, draft, NOW, notifier)
    assert second.opened_by == deputy.actor.officer_id
    assert second.id is not None
    await ballots.close(uow, deputy, second.id, NOW + timedelta(minutes=5), notifier)
    assert len(notifier.closed) == 1


# ---------------------------------------------------------------------------------------------
# Opening


async def test_the_leader_opens_a_ballot(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    draft = unit_draft(uow, ("STN", "SGT", "SCT", "PTTH"), quota=2)
    ballot = await ballots.open_ballot(uow, leader, draft, NOW, notifier)

    assert ballot.id is not None
    stored = uow.store.ballots[ballot.id]
    assert stored == ballot
    assert (stored.kind, stored.status, stored.round, stored.parent_id) == (
        BallotKind.MERIT,
        BallotStatus.OPEN,
        1,
        None,
    )
    assert stored.year_id == leader.year.id
    assert (stored.opened_at, stored.opened_by) == (NOW, leader.actor.officer_id)
    assert (stored.quota, stored.secret, stored.threshold) == (2, True, SEVENTY)
    assert stored.closes_at == NOW + TWO_HOURS
    assert [c.label for c in stored.candidates] == [NAMES[c] for c in ("STN", "SGT", "SCT", "PTTH")]
    candidate_ids = [c.id for c in stored.candidates]
    assert None not in candidate_ids and len(set(candidate_ids)) == 4
    assert notifier.opened == [(ballot.id, leader.bloc.id)]
    opened = [e for e in uow.store.audit if e.action == "ballot.opened"]
    assert len(opened) == 1
    assert (opened[0].entity, opened[0].entity_id) == ("ballot", str(ballot.id))
    assert opened[0].actor_officer_id == leader.actor.officer_id
    assert opened[0].details["quota"] == 2 and opened[0].details["secret"] is True
    assert opened[0].details["threshold"] == "0.7"

    state = await voting.state(uow, leader, ballot.id)
    assert (state.count.voted, state.count.members) == (0, 5)
    assert not state.unit_voted


REFUSED: list[tuple[str, dict[str, Any], type[DomainError], dict[str, object]]] = [
    ("no candidates", {"candidates": ()}, NoCandidates, {}),
    ("quota 0", {"quota": 0}, QuotaInvalid, {"max": 2}),
    ("quota over the candidates", {"quota": 3}, QuotaInvalid, {"max": 2}),
    ("threshold 60%", {"threshold": Decimal("0.6")}, ThresholdInvalid, {}),
    ("threshold 100%", {"threshold": Decimal(1)}, ThresholdInvalid, {}),
    ("closing now", {"closes_at": NOW}, ClosingTimeInvalid, {"days": 30}),
    ("closing in the past", {"closes_at": NOW - TWO_HOURS}, ClosingTimeInvalid, {"days": 30}),
    (
        "closing after 30 days",
        {"closes_at": NOW + timedelta(days=30, seconds=1)},
        ClosingTimeInvalid,
        {"days": 30},
    ),
    ("a place over 200 characters", {"place": "Hội trường " * 20}, PlaceInvalid, {"max": 200}),
]


@pytest.mark.parametrize(
    ("change", "error", "values"),
    [(change, error, values) for _, change, error, values in REFUSED],
    ids=[name for name, *_ in REFUSED],
)
async def test_what_cannot_be_a_fair_ballot_is_refused(
    uow: FakeUnitOfWork,
    leader: Membership,
    notifier: RecordingNotifier,
    change: dict[str, Any],
    error: type[DomainError],
    values: dict[str, object],
) -> None:
    draft = replace(unit_draft(uow, ("STN", "SGT")), **change)
    before = copy.deepcopy(uow.store)
    with pytest.raises(error) as refused:
        await ballots.open_ballot(uow, leader, draft, NOW, notifier)
    assert refused.value.values == values
    assert uow.store == before and notifier.opened == []


async def test_candidates_must_be_distinct_member_units(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    stn = ids(uow)["STN"]
    draft = unit_draft(uow, ("STN", "SGT"))
    twice = replace(draft, candidates=(*draft.candidates, Candidate("Sở TN&MT", stn)))
    stranger = replace(draft, candidates=(*draft.candidates, Candidate("Sở Tư pháp", 999)))
    before = copy.deepcopy(uow.store)
    for bad in (twice, stranger):
        with pytest.raises(NoCandidates):
            await ballots.open_ballot(uow, leader, bad, NOW, notifier)
    assert uow.store == before and notifier.opened == []


async def test_a_ballot_may_stay_open_thirty_days_at_most(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    longest = NOW + timedelta(days=30)
    ballot = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT"), closes_at=longest)
    assert ballot.closes_at == longest


@pytest.mark.parametrize("threshold", ALLOWED_THRESHOLDS)
async def test_every_allowed_threshold_opens(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier, threshold: Decimal
) -> None:
    ballot = await open_unit_ballot(uow, leader, notifier, ("STN",), threshold=threshold)
    assert ballot.threshold == threshold


async def test_a_question_is_one_motion(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    draft = await ballots.draft(uow, leader, BallotKind.QUESTION, NOW)
    question = "Tổ chức hội nghị tổng kết năm 2022 tại huyện Càng Long?"
    ballot = await ballots.open_ballot(
        uow, leader, replace(draft, title=f"  {question} ", quota=3), NOW, notifier
    )
    assert ballot.title == question
    assert [(c.label, c.unit_id) for c in ballot.candidates] == [(question, None)]
    assert ballot.quota == 1

    before = copy.deepcopy(uow.store)
    for title in ("", "   ", "x" * 301):
        with pytest.raises(QuestionRequired) as refused:
            await ballots.open_ballot(uow, leader, replace(draft, title=title), NOW, notifier)
        assert refused.value.values == {"max": 300}
    assert uow.store == before
    assert len(notifier.opened) == 1


# ---------------------------------------------------------------------------------------------
# Voting: one vote per unit


async def test_a_secret_ballot_takes_one_vote_per_unit(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    ballot = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT", "SCT"), quota=2)
    assert ballot.id is not None
    first = await member(uow, "STN", "Trần Thị Mai")
    second = await member(uow, "STN", "Lê Văn Hai")

    receipt = await voting.cast(uow, first, ballot.id, chosen(ballot, "STN", "SGT"), NOW, notifier)
    assert len(receipt.receipt) == 7 and receipt.receipt[3] == "-"
    assert set(receipt.receipt.replace("-", "")) <= set(RECEIPT_ALPHABET)
    assert not receipt.changed
    assert (receipt.count.voted, receipt.count.members) == (1, 5)
    assert notifier.voted == [(ballot.id, leader.bloc.id)] and notifier.counted == []
    await voting.recount(uow, ballot.id, notifier)  # once the vote committed
    assert notifier.counted == [(ballot.id, leader.bloc.id, 1, 5)]
    # Kept apart: who voted, and an anonymous choice under the receipt.
    assert uow.store.voters == {(ballot.id, ids(uow)["STN"]): first.actor.officer_id}
    (vote,) = uow.store.votes.values()
    assert vote.unit_id is None and vote.receipt == receipt.receipt
    assert vote.approved == chosen(ballot, "STN", "SGT")

    before = copy.deepcopy(uow.store)
    for voter in (first, second):
        with pytest.raises(AlreadyVoted) as refused:
            await voting.cast(uow, voter, ballot.id, chosen(ballot, "SCT"), NOW, notifier)
        assert refused.value.values == {"unit": "Sở TN&MT"}
    assert uow.store == before
    assert len(notifier.voted) == 1

    state = await voting.state(uow, second, ballot.id)
    assert state.unit_voted and state.own_vote is None  # a secret vote is not shown back
    assert state.count.voted == 1

    record = await ballots.close(uow, leader, ballot.id, NOW + TWO_HOURS, notifier)
    assert record.tally.returned == 1
    assert [(row.candidate.label, row.approvals) for row in record.tally.rows] == [
        (NAMES["STN"], 1),
        (NAMES["SGT"], 1),
        (NAMES["SCT"], 0),
    ]


async def test_an_open_ballot_vote_can_be_changed_and_counts_once(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    ballot = await open_unit_ballot(
        uow, leader, notifier, ("STN", "SGT", "SCT"), quota=2, secret=False
    )
    assert ballot.id is not None
    first = await member(uow, "STN", "Trần Thị Mai")
    second = await member(uow, "STN", "Lê Văn Hai")
    stn = ids(uow)["STN"]

    cast = await voting.cast(uow, first, ballot.id, chosen(ballot, "STN", "SGT"), NOW, notifier)
    later = NOW + timedelta(minutes=10)
    changed = await voting.cast(uow, second, ballot.id, chosen(ballot, "SCT"), later, notifier)
    assert changed.changed and not cast.changed
    assert changed.receipt == cast.receipt
    assert changed.count.voted == 1
    assert notifier.voted == [(ballot.id, leader.bloc.id)] * 2
    assert list(uow.store.votes.values()) == [Vote(cast.receipt, chosen(ballot, "SCT"), stn)]
    state = await voting.state(uow, first, ballot.id)
    assert state.own_vote is not None and state.own_vote.approved == chosen(ballot, "SCT")

    record = await ballots.close(uow, leader, ballot.id, NOW + TWO_HOURS, notifier)
    assert (record.tally.returned, record.tally.receipts) == (1, (cast.receipt,))
    assert {row.candidate.label: row.approvals for row in record.tally.rows} == {
        NAMES["STN"]: 0,
        NAMES["SGT"]: 0,
        NAMES["SCT"]: 1,
    }


async def test_a_paper_over_the_quota_or_naming_a_stranger_is_refused(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    ballot = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT", "SCT"), quota=2)
    other = await open_unit_ballot(uow, leader, notifier, ("SNN", "PTTH"))
    assert ballot.id is not None
    voter = await member(uow, "SGT")
    unit_ids = ids(uow)
    before = copy.deepcopy(uow.store)

    with pytest.raises(OverQuota) as over:
        await voting.cast(uow, voter, ballot.id, chosen(ballot, "STN", "SGT", "SCT"), NOW, notifier)
    assert over.value.values == {"quota": 2}
    for stranger in (
        frozenset({unit_ids["STN"]}),  # a unit id, not the candidate's id
        chosen(other, "SNN"),  # a candidate of another ballot
        chosen(ballot, "STN") | {999_999},
    ):
        with pytest.raises(UnknownCandidate):
            await voting.cast(uow, voter, ballot.id, stranger, NOW, notifier)
    assert uow.store == before and notifier.voted == []

    # The same unit may then cast a valid paper: nothing was half recorded.
    receipt = await voting.cast(uow, voter, ballot.id, chosen(ballot, "SCT"), NOW, notifier)
    assert receipt.count.voted == 1


async def test_no_vote_after_the_close(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    ballot = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT"))
    early = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT"))
    assert ballot.id is not None and early.id is not None
    voter = await member(uow, "SGT")
    before = copy.deepcopy(uow.store)
    for when in (ballot.closes_at, ballot.closes_at + timedelta(minutes=1)):
        with pytest.raises(BallotClosed) as closed:
            await voting.cast(uow, voter, ballot.id, chosen(ballot, "STN"), when, notifier)
        assert closed.value.values == {"closed_at": ballot.closes_at}
    assert uow.store == before

    # Closed early by the leader: closed from that moment.
    closed_at = NOW + timedelta(minutes=30)
    await ballots.close(uow, leader, early.id, closed_at, notifier)
    with pytest.raises(BallotClosed) as closed:
        await voting.cast(
            uow, voter, early.id, chosen(early, "STN"), closed_at + timedelta(minutes=1), notifier
        )
    assert closed.value.values == {"closed_at": closed_at}
    assert notifier.voted == []
    await voting.recount(uow, early.id, notifier)  # closed: the result was posted instead
    assert notifier.counted == []


async def test_a_ballot_of_another_bloc_is_not_found(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    ballot = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT"))
    assert ballot.id is not None
    stranger = await other_bloc_member(uow)
    assert stranger.year.id != leader.year.id and stranger.unit is not None
    before = copy.deepcopy(uow.store)
    with pytest.raises(BallotNotFound):
        await voting.cast(uow, stranger, ballot.id, chosen(ballot, "STN"), NOW, notifier)
    with pytest.raises(BallotNotFound):
        await voting.state(uow, stranger, ballot.id)
    with pytest.raises(BallotNotFound):
        await ballots.close(uow, stranger, ballot.id, NOW, notifier)
    with pytest.raises(BallotNotFound):
        await ballots.closed_record(uow, stranger, ballot.id)
    assert await voting.open_for(uow, stranger, NOW) == []
    # An id that is no ballot at all (a unit's) is a stale button too.
    with pytest.raises(BallotNotFound):
        await voting.state(uow, leader, ids(uow)["STN"])
    assert uow.store == before and notifier.voted == [] and notifier.closed == []


async def test_the_board_watches_and_does_not_vote(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    ballot = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT"))
    assert ballot.id is not None
    before = copy.deepcopy(uow.store)
    for role in (BoardRole.ADMIN, BoardRole.OBSERVER):
        board = await member(uow, None, "Ban TĐKT", role)
        with pytest.raises(NotAuthorized):
            await voting.cast(uow, board, ballot.id, chosen(ballot, "STN"), NOW, notifier)
    assert uow.store.voters == before.voters and uow.store.votes == before.votes


# ---------------------------------------------------------------------------------------------
# Closing


async def test_the_leader_closes_and_the_record_says_who_was_present(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    """Flag, quota 1, 70% of 5 = 4. Three units vote: STN 3 approvals, short of 4."""
    ballot = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT"), kind=BallotKind.FLAG)
    assert ballot.id is not None
    receipts = await cast_all(
        uow, ballot, {"PTTH": ("STN",), "STN": ("STN",), "SGT": ("STN",)}, notifier
    )
    closed_at = NOW + timedelta(minutes=40)
    record = await ballots.close(uow, leader, ballot.id, closed_at, notifier)

    assert (record.bloc.name, record.bloc.province, record.year) == (
        "Khối thi đua Khối 7",
        "Trà Vinh",
        2022,
    )
    assert record.chair_unit == NAMES["SNN"] == record.leader.name
    assert record.members == tuple(NAMES[code] for code in ROSTER)
    assert record.voted == (NAMES["STN"], NAMES["SGT"], NAMES["PTTH"])  # roster order
    assert record.present == record.voted  # no conference that day: those that voted
    assert str(record.minutes_number) == "01/BB-KTĐ" and record.proposal_number is None
    counted = record.tally
    assert (counted.issued, counted.returned, counted.base, counted.needed) == (5, 3, 5, 4)
    assert [(row.candidate.label, row.approvals, row.passed) for row in counted.rows] == [
        (NAMES["STN"], 3, False),
        (NAMES["SGT"], 0, False),
    ]
    assert counted.outcome is Outcome.NONE
    assert counted.receipts == tuple(sorted(receipts.values()))
    assert record.earlier is None
    assert record.ballot.status is BallotStatus.CLOSED and record.ballot.closed_at == closed_at
    stored = uow.store.ballots[ballot.id]
    assert (stored.status, stored.closed_at) == (BallotStatus.CLOSED, closed_at)

    assert notifier.closed == [(record, leader.bloc.id)]
    closing = [e for e in uow.store.audit if e.action == "ballot.closed"]
    assert len(closing) == 1 and closing[0].actor_officer_id == leader.actor.officer_id
    assert closing[0].details == {
        "returned": 3,
        "outcome": "none",
        "elected": [],
        "receipts": sorted(receipts.values()),
    }

    with pytest.raises(BallotClosed) as again:
        await ballots.close(uow, leader, ballot.id, closed_at + timedelta(minutes=1), notifier)
    assert again.value.values == {"closed_at": closed_at}
    assert len(notifier.closed) == 1
    assert await ballots.closed_record(uow, leader, ballot.id) == record


async def test_the_present_base_counts_only_those_who_voted(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    """The same three votes, 70% of the 3 present = 3: STN is proposed."""
    ballot = await open_unit_ballot(
        uow,
        leader,
        notifier,
        ("STN", "SGT"),
        kind=BallotKind.FLAG,
        base=ThresholdBase.PRESENT_MEMBERS,
    )
    assert ballot.id is not None
    await cast_all(uow, ballot, {"PTTH": ("STN",), "STN": ("STN",), "SGT": ("STN",)}, notifier)
    record = await ballots.close(uow, leader, ballot.id, NOW + TWO_HOURS, notifier)
    assert (record.tally.issued, record.tally.base, record.tally.needed) == (5, 3, 3)
    assert record.tally.outcome is Outcome.ELECTED
    assert [c.label for c in record.tally.elected] == [NAMES["STN"]]


async def test_a_record_is_only_for_a_closed_ballot(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    ballot = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT"))
    assert ballot.id is not None
    with pytest.raises(BallotStillOpen) as still:
        await ballots.closed_record(uow, leader, ballot.id)
    assert still.value.values == {"closes_at": ballot.closes_at}
    with pytest.raises(BallotStillOpen):
        await ballots.revote_draft(uow, leader, ballot.id, NOW)


async def test_the_scheduler_closes_only_ballots_that_are_due_once(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    hour = timedelta(hours=1)
    soon = await open_unit_ballot(uow, leader, notifier, ("STN",), closes_at=NOW + hour)
    later = await open_unit_ballot(uow, leader, notifier, ("SGT",), closes_at=NOW + 3 * hour)
    assert soon.id is not None and later.id is not None
    await cast_all(uow, soon, {"STN": ("STN",)}, notifier)

    assert await voting.close_due(uow, NOW + hour - timedelta(seconds=1), notifier) == []
    tick = NOW + hour + timedelta(seconds=30)  # the tick comes a little late
    records = await voting.close_due(uow, tick, notifier)
    assert [r.ballot.id for r in records] == [soon.id]
    assert records[0].tally.returned == 1
    assert uow.store.ballots[soon.id].status is BallotStatus.CLOSED
    assert uow.store.ballots[soon.id].closed_at == soon.closes_at  # the time set, not the tick
    assert uow.store.ballots[later.id].status is BallotStatus.OPEN
    assert notifier.closed == [(records[0], leader.bloc.id)]
    closing = [e for e in uow.store.audit if e.action == "ballot.closed"]
    assert [(e.entity_id, e.actor_officer_id) for e in closing] == [(str(soon.id), None)]

    before = copy.deepcopy(uow.store)
    assert await voting.close_due(uow, tick, notifier) == []
    assert await voting.close_due(uow, tick + timedelta(minutes=5), notifier) == []
    assert uow.store == before and len(notifier.closed) == 1

    records = await voting.close_due(uow, NOW + 3 * hour, notifier)
    assert [r.ballot.id for r in records] == [later.id]
    assert await voting.close_due(uow, NOW + 4 * hour, notifier) == []
    assert len(notifier.closed) == 2


async def test_the_reminder_goes_once_to_the_units_that_have_not_voted(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    """A two-hour ballot is reminded in its last quarter: from 30 minutes before the close."""
    ballot = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT"))
    assert ballot.id is not None
    await cast_all(uow, ballot, {"STN": ("STN",), "SGT": ("STN",)}, notifier)
    unit_ids = ids(uow)
    lead = timedelta(minutes=30)

    too_early = ballot.closes_at - lead - timedelta(minutes=1)
    assert await voting.remind_due(uow, too_early, notifier) == 0
    assert notifier.reminded == []
    assert await voting.remind_due(uow, ballot.closes_at - lead, notifier) == 3
    assert notifier.reminded == [
        (ballot.id, leader.bloc.id, [unit_ids["SNN"], unit_ids["SCT"], unit_ids["PTTH"]])
    ]
    assert uow.store.ballots[ballot.id].reminded_at == ballot.closes_at - lead
    assert await voting.remind_due(uow, ballot.closes_at - timedelta(minutes=5), notifier) == 0
    assert len(notifier.reminded) == 1


async def test_a_long_ballot_is_reminded_a_day_before_and_a_closed_one_never(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    week = await open_unit_ballot(
        uow, leader, notifier, ("STN",), closes_at=NOW + timedelta(days=8)
    )
    ended = await open_unit_ballot(uow, leader, notifier, ("SGT",))
    assert week.id is not None and ended.id is not None
    await ballots.close(uow, leader, ended.id, NOW + timedelta(minutes=1), notifier)
    day_before = week.closes_at - timedelta(days=1)
    assert await voting.remind_due(uow, day_before - timedelta(minutes=1), notifier) == 0
    assert await voting.remind_due(uow, day_before, notifier) == 5
    assert [ballot_id for ballot_id, _, _ in notifier.reminded] == [week.id]


async def test_everyone_voted_nobody_is_reminded(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    ballot = await open_unit_ballot(uow, leader, notifier, ("STN",))
    await cast_all(uow, ballot, {code: ("STN",) for code in ROSTER}, notifier)
    assert await voting.remind_due(uow, ballot.closes_at - timedelta(minutes=10), notifier) == 0
    assert notifier.reminded == []


# ---------------------------------------------------------------------------------------------
# The one revote

# Merit, quota 2 among STN, SGT, SCT, PTTH at 50% of 5 = 3: STN 4 is proposed, SGT and SCT tie
# at 3 for the last seat.
TIED_VOTES = {
    "SNN": ("STN", "SGT"),
    "STN": ("STN", "SGT"),
    "SGT": ("STN", "SCT"),
    "SCT": ("STN", "SCT"),
    "PTTH": ("SGT", "SCT"),
}


async def tied_round(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> BallotRecord:
    ballot = await open_unit_ballot(
        uow, leader, notifier, ("STN", "SGT", "SCT", "PTTH"), quota=2, threshold=HALF
    )
    assert ballot.id is not None
    await cast_all(uow, ballot, TIED_VOTES, notifier)
    record = await ballots.close(uow, leader, ballot.id, NOW + TWO_HOURS, notifier)
    assert record.tally.outcome is Outcome.TIE
    return record


async def test_a_tie_is_revoted_once_among_the_tied_for_the_seats_left(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    first = await tied_round(uow, leader, notifier)
    assert first.ballot.id is not None
    assert [c.label for c in first.tally.elected] == [NAMES["STN"]]
    unit_ids = ids(uow)
    later = NOW + 3 * TWO_HOURS

    draft = await ballots.revote_draft(uow, leader, first.ballot.id, later)
    assert [(c.label, c.unit_id, c.id) for c in draft.candidates] == [
        (NAMES["SGT"], unit_ids["SGT"], None),
        (NAMES["SCT"], unit_ids["SCT"], None),
    ]
    assert draft.quota == 1  # the seat left
    assert draft.parent_id == first.ballot.id
    assert (draft.kind, draft.threshold, draft.base, draft.secret) == (
        BallotKind.MERIT,
        HALF,
        ThresholdBase.ALL_MEMBERS,
        True,
    )
    assert (draft.title, draft.place) == (first.ballot.title, first.ballot.place)
    assert draft.closes_at > later

    revote = await ballots.open_ballot(uow, leader, draft, later, notifier)
    assert revote.id is not None
    assert (revote.round, revote.parent_id, revote.quota) == (2, first.ballot.id, 1)

    # Only once: neither a second draft nor the same draft opened again.
    before = copy.deepcopy(uow.store)
    with pytest.raises(RevoteNotAllowed):
        await ballots.revote_draft(uow, leader, first.ballot.id, later)
    with pytest.raises(RevoteNotAllowed):
        await ballots.open_ballot(uow, leader, draft, later, notifier)
    assert uow.store == before and len(notifier.opened) == 2

    # SGT 3, SCT 2: SGT takes the seat. The minutes show the first round too.
    await cast_all(
        uow,
        revote,
        {"SNN": ("SGT",), "STN": ("SGT",), "SGT": ("SGT",), "SCT": ("SCT",), "PTTH": ("SCT",)},
        notifier,
        later,
    )
    record = await ballots.close(uow, leader, revote.id, later + TWO_HOURS, notifier)
    assert record.tally.outcome is Outcome.ELECTED
    assert [c.label for c in record.tally.elected] == [NAMES["SGT"]]
    assert record.earlier == first.tally
    with pytest.raises(RevoteNotAllowed):
        await ballots.revote_draft(uow, leader, revote.id, later + TWO_HOURS)


async def test_nobody_over_the_threshold_is_revoted_among_all_and_never_a_third_time(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    ballot = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT", "SCT", "PTTH"), quota=2)
    assert ballot.id is not None
    await cast_all(uow, ballot, {"STN": ("STN", "SGT"), "SGT": ("SGT",)}, notifier)
    first = await ballots.close(uow, leader, ballot.id, NOW + TWO_HOURS, notifier)
    assert first.tally.outcome is Outcome.NONE

    later = NOW + 2 * TWO_HOURS
    draft = await ballots.revote_draft(uow, leader, ballot.id, later)
    assert [c.label for c in draft.candidates] == [NAMES[c] for c in ("STN", "SGT", "SCT", "PTTH")]
    assert draft.quota == 2
    revote = await ballots.open_ballot(uow, leader, draft, later, notifier)
    assert revote.id is not None and revote.round == 2

    # Still nobody: no proposal for this award this year, and no third round.
    second = await ballots.close(uow, leader, revote.id, later + TWO_HOURS, notifier)
    assert second.tally.outcome is Outcome.NONE and second.tally.tied  # it would revote...
    with pytest.raises(RevoteNotAllowed):
        await ballots.revote_draft(uow, leader, revote.id, later + TWO_HOURS)  # ...but may not


async def test_no_revote_once_the_seats_are_settled_or_for_a_motion(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    elected = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT"), kind=BallotKind.FLAG)
    partial = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT", "SCT"), quota=2)
    motion_draft = replace(
        await ballots.draft(uow, leader, BallotKind.REPORT, NOW), title="Thông qua báo cáo"
    )
    motion = await ballots.open_ballot(uow, leader, motion_draft, NOW, notifier)
    assert elected.id is not None and partial.id is not None and motion.id is not None
    await cast_all(uow, elected, {code: ("STN",) for code in ROSTER}, notifier)
    await cast_all(uow, partial, {code: ("SCT",) for code in ROSTER}, notifier)
    await cast_all(uow, motion, {code: () for code in ROSTER[:3]}, notifier)  # not carried

    outcomes = []
    for ballot in (elected, partial, motion):
        assert ballot.id is not None
        record = await ballots.close(uow, leader, ballot.id, NOW + TWO_HOURS, notifier)
        outcomes.append(record.tally.outcome)
        with pytest.raises(RevoteNotAllowed):
            await ballots.revote_draft(uow, leader, ballot.id, NOW + TWO_HOURS)
    assert outcomes == [Outcome.ELECTED, Outcome.PARTIAL, Outcome.NONE]


async def test_a_draft_naming_a_revote_as_its_parent_cannot_open_a_third_round(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    first = await tied_round(uow, leader, notifier)
    assert first.ballot.id is not None
    later = NOW + 3 * TWO_HOURS
    draft = await ballots.revote_draft(uow, leader, first.ballot.id, later)
    revote = await ballots.open_ballot(uow, leader, draft, later, notifier)
    assert revote.id is not None
    await cast_all(uow, revote, {"SNN": ("SGT",)}, notifier, later)  # short: NONE
    await ballots.close(uow, leader, revote.id, later + TWO_HOURS, notifier)

    third = replace(draft, parent_id=revote.id, closes_at=later + 3 * TWO_HOURS)
    with pytest.raises(RevoteNotAllowed):
        await ballots.open_ballot(uow, leader, third, later + TWO_HOURS, notifier)


@pytest.mark.parametrize("change", ["add a candidate", "raise the quota"])
async def test_a_revote_is_only_among_the_tied_for_the_seats_left(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier, change: str
) -> None:
    first = await tied_round(uow, leader, notifier)
    assert first.ballot.id is not None
    later = NOW + 3 * TWO_HOURS
    draft = await ballots.revote_draft(uow, leader, first.ballot.id, later)
    if change == "add a candidate":  # PTTH had no approval in the first round
        ptth = Candidate(NAMES["PTTH"], ids(uow)["PTTH"])
        draft = replace(draft, candidates=(*draft.candidates, ptth))
    else:
        draft = replace(draft, quota=2)
    before = copy.deepcopy(uow.store)
    with pytest.raises(RevoteNotAllowed):
        await ballots.open_ballot(uow, leader, draft, later, notifier)
    assert uow.store == before


# ---------------------------------------------------------------------------------------------
# Secrecy in the audit log


async def test_the_audit_of_a_secret_vote_never_holds_the_choice(
    uow: FakeUnitOfWork, leader: Membership, notifier: RecordingNotifier
) -> None:
    secret = await open_unit_ballot(uow, leader, notifier, ("STN", "SGT", "SCT"), quota=2)
    public = await open_unit_ballot(
        uow, leader, notifier, ("STN", "SGT", "SCT"), quota=2, secret=False
    )
    assert secret.id is not None and public.id is not None
    receipts = await cast_all(uow, secret, {"STN": ("SGT", "SCT"), "SGT": ("STN",)}, notifier)
    await cast_all(uow, public, {"STN": ("SGT", "SCT")}, notifier)
    unit_ids = ids(uow)

    voted = [e for e in uow.store.audit if e.action == "ballot.voted"]
    secret_votes = [e for e in voted if e.entity_id == str(secret.id)]
    assert [e.details for e in secret_votes] == [
        {"unit_id": unit_ids["STN"], "changed": False},
        {"unit_id": unit_ids["SGT"], "changed": False},
    ]
    candidate_ids = {str(c.id) for c in secret.candidates}
    for entry in secret_votes:
        text = repr(entry)
        assert not any(receipt in text for receipt in receipts.values())
        assert not any(str(value) in candidate_ids for value in entry.details.values()), (
            entry.details
        )
    # An open ballot's vote is public, and its audit says what was chosen.
    (public_vote,) = [e for e in voted if e.entity_id == str(public.id)]
    assert public_vote.details["approved"] == sorted(chosen(public, "SGT", "SCT"))
