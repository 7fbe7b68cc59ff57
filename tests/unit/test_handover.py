"""The handover on the sample bloc (rotation SNN → PTTH → STN → SGT → SCT; Sở NN&PTNT leads
2022 with the radio station as deputy): the proposal from the rotation or the ballots, the
confirmation that creates 2023 with the roles moved and the flag in the audit log, and every
refusal."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from domain.ballots import Ballot, BallotKind, BallotStatus, Candidate, Vote
from domain.cycle import Handover, Laggard, rotation_proposal
from domain.errors import (
    HandoverByElection,
    HandoverDone,
    HandoverNotElected,
    HandoverNotMember,
    HandoverSameUnit,
    HandoverTooEarly,
    HandoverUnknownUnit,
    NotAuthorized,
    StaleAction,
)
from domain.model import BlocYear, BoardRole, Channel, Officer
from domain.ports import UnitOfWork
from domain.services import handover
from domain.services.members import Membership, membership
from domain.settings import LOCAL_TZ, BlocRules, LeaderSelection, ThresholdBase
from domain.windows import WindowTimes
from tests.unit.fakes import FakeUnitOfWork, add_officer, imported

REVIEW = datetime(2022, 12, 20, 2, 0, tzinfo=UTC)  # 09:00 on 20/12/2022: the annual review


@dataclass
class RecordingNotifier:
    handovers: list[Handover] = field(default_factory=list)

    async def window_opened(
        self, uow: UnitOfWork, year: BlocYear, window: WindowTimes, laggards: list[Laggard]
    ) -> None:
        raise AssertionError("not a handover")

    async def deadline_reminder(
        self, uow: UnitOfWork, year: BlocYear, window: WindowTimes, offset: object,
        laggards: list[Laggard],
    ) -> None:  # fmt: skip
        raise AssertionError("not a handover")

    async def window_closed(
        self, uow: UnitOfWork, year: BlocYear, window: WindowTimes, laggards: list[Laggard]
    ) -> None:
        raise AssertionError("not a handover")

    async def handed_over(self, uow: UnitOfWork, handover: Handover) -> None:
        self.handovers.append(handover)


@pytest.fixture
async def uow() -> FakeUnitOfWork:
    return await imported()


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
async def officers(uow: FakeUnitOfWork) -> dict[str, Officer]:
    people = {code: await add_officer(uow, code, f"Cán bộ {code}") for code in ROSTER}
    people["admin"] = await add_officer(uow, None, "Ban TĐKT", BoardRole.ADMIN)
    await uow.commit()
    return people


ROSTER = ("SNN", "STN", "SGT", "SCT", "PTTH")


def ids(uow: FakeUnitOfWork) -> dict[str, int]:
    return {unit.code: unit_id for unit_id, unit in uow.store.units.items()}


def codes(uow: FakeUnitOfWork, *unit_ids: int | None) -> tuple[str | None, ...]:
    return tuple(uow.store.units[u].code if u is not None else None for u in unit_ids)


def year_of(uow: FakeUnitOfWork, year: int) -> BlocYear:
    (found,) = [y for y in uow.store.years.values() if y.year == year]
    return copy.deepcopy(found)


async def as_(uow: FakeUnitOfWork, officer: Officer) -> Membership:
    return await membership(uow, officer, Channel.TELEGRAM)


async def set_rules(uow: FakeUnitOfWork, rules: BlocRules) -> None:
    year = year_of(uow, 2022)
    year.rules = rules
    await uow.blocs.save_year(year)
    await uow.commit()


# ---------------------------------------------------------------------------------------------
# The rotation (pure)


@pytest.mark.parametrize(
    ("leader", "deputy", "members", "expected"),
    [
        ("SNN", "PTTH", ROSTER, ("PTTH", "STN")),  # this year's deputy leads next year
        ("SNN", "SGT", ROSTER, ("PTTH", "STN")),  # the roster decides, not the deputy
        ("SCT", "SNN", ROSTER, ("SNN", "PTTH")),  # round the end of the roster
        ("SNN", "PTTH", ("SNN", "STN", "SGT", "SCT"), ("STN", "SGT")),  # PTTH left the bloc
    ],
)
def test_the_rotation_proposes_the_next_units(
    leader: str, deputy: str, members: tuple[str, ...], expected: tuple[str, str]
) -> None:
    unit = {code: n for n, code in enumerate(ROSTER, start=1)}
    year = BlocYear(1, 2022, list(unit.values()), unit[leader], unit[deputy],
                    [unit[c] for c in ("SNN", "PTTH", "STN", "SGT", "SCT")])  # fmt: skip
    proposed = rotation_proposal(year, [unit[code] for code in members])
    assert proposed == (unit[expected[0]], unit[expected[1]])


def test_a_unit_missing_from_the_rotation_follows_it() -> None:
    year = BlocYear(1, 2022, [1, 2, 3], leader_unit_id=3, deputy_unit_id=1, rotation=[1, 2])
    assert rotation_proposal(year, [1, 2, 3]) == (1, 2)  # 3 comes after the roster, then 1


# ---------------------------------------------------------------------------------------------
# Proposing and confirming


async def test_the_leader_hands_over_and_2023_is_created_with_the_roles_moved(
    uow: FakeUnitOfWork, officers: dict[str, Officer], notifier: RecordingNotifier
) -> None:
    leader = await as_(uow, officers["SNN"])
    plan = await handover.propose(uow, leader, REVIEW)
    assert codes(uow, plan.leader_unit_id, plan.deputy_unit_id) == ("PTTH", "STN")
    assert (plan.next_year, plan.existing, plan.chosen) == (2023, None, False)
    assert codes(uow, *plan.order) == ("SNN", "PTTH", "STN", "SGT", "SCT")

    done = await handover.confirm(
        uow, leader, plan.outgoing.id or 0, plan.leader_unit_id, plan.deputy_unit_id, REVIEW,
        notifier,
    )  # fmt: skip
    old, new = year_of(uow, 2022), year_of(uow, 2023)
    assert done.created and notifier.handovers == [done]
    assert codes(uow, new.leader_unit_id, new.deputy_unit_id) == ("PTTH", "STN")
    assert codes(uow, old.leader_unit_id, old.deputy_unit_id) == ("SNN", "PTTH")  # history kept
    assert new.member_unit_ids == old.member_unit_ids and new.rotation == old.rotation
    assert (new.rules, new.calendar, new.criteria) == (old.rules, old.calendar, old.criteria)
    (entry,) = [e for e in uow.store.audit if e.action == "flag.handed"]
    assert (entry.entity, entry.entity_id) == ("bloc_year", str(old.id))
    assert codes(uow, entry.details["from_unit"], entry.details["to_unit"]) == ("SNN", "PTTH")  # type: ignore[arg-type]
    assert entry.details["next_year"] == 2023 and entry.actor_officer_id == officers["SNN"].id
    await uow.commit()

    # 2023 is now the bloc's year: the new leader leads it.
    assert (await as_(uow, officers["PTTH"])).year.year == 2023
    assert codes(uow, (await as_(uow, officers["PTTH"])).year.leader_unit_id) == ("PTTH",)


async def test_a_second_confirmation_is_refused(
    uow: FakeUnitOfWork, officers: dict[str, Officer], notifier: RecordingNotifier
) -> None:
    leader = await as_(uow, officers["SNN"])
    plan = await handover.propose(uow, leader, REVIEW)
    args = (plan.outgoing.id or 0, plan.leader_unit_id, plan.deputy_unit_id)
    await handover.confirm(uow, leader, *args, REVIEW, notifier)
    await uow.commit()
    before = copy.deepcopy(uow.store)
    with pytest.raises(HandoverDone) as refused:
        await handover.confirm(uow, leader, *args, REVIEW, notifier)
    assert refused.value.values == {"year": 2022, "next_year": 2023}
    # The old leader typing /bangiao again is told the same; the new one that it is early.
    with pytest.raises(HandoverDone):
        await handover.propose(uow, await as_(uow, officers["SNN"]), REVIEW)
    with pytest.raises(HandoverTooEarly):
        await handover.propose(uow, await as_(uow, officers["PTTH"]), REVIEW)
    assert uow.store == before and len(notifier.handovers) == 1


@pytest.mark.parametrize("who", ["PTTH", "admin"])
async def test_the_deputy_or_the_board_may_stand_in(
    uow: FakeUnitOfWork, officers: dict[str, Officer], notifier: RecordingNotifier, who: str
) -> None:
    member = await as_(uow, officers[who])
    plan = await handover.propose(uow, member, REVIEW)
    args = (plan.outgoing.id or 0, plan.leader_unit_id, plan.deputy_unit_id)
    done = await handover.confirm(uow, member, *args, REVIEW, notifier)
    assert done.incoming.year == 2023


async def test_anyone_else_is_refused(
    uow: FakeUnitOfWork, officers: dict[str, Officer], notifier: RecordingNotifier
) -> None:
    officer = await as_(uow, officers["SGT"])
    with pytest.raises(NotAuthorized):
        await handover.propose(uow, officer, REVIEW)
    year = year_of(uow, 2022)
    with pytest.raises(NotAuthorized):
        await handover.confirm(uow, officer, year.id or 0, ids(uow)["SGT"], None, REVIEW, notifier)
    assert len(uow.store.years) == 1


async def test_the_handover_waits_for_the_annual_review(
    uow: FakeUnitOfWork, officers: dict[str, Officer]
) -> None:
    june = datetime(2022, 6, 1, 2, 0, tzinfo=UTC)
    with pytest.raises(HandoverTooEarly) as refused:
        await handover.propose(uow, await as_(uow, officers["SNN"]), june)
    assert refused.value.values["opens_at"] == datetime(2022, 11, 15, tzinfo=LOCAL_TZ)


async def test_a_forged_year_is_stale(
    uow: FakeUnitOfWork, officers: dict[str, Officer], notifier: RecordingNotifier
) -> None:
    leader = await as_(uow, officers["SNN"])
    with pytest.raises(StaleAction):
        await handover.confirm(uow, leader, 9999, ids(uow)["PTTH"], None, REVIEW, notifier)


# ---------------------------------------------------------------------------------------------
# Units typed after /bangiao


async def test_typed_units_replace_the_proposal(
    uow: FakeUnitOfWork, officers: dict[str, Officer], notifier: RecordingNotifier
) -> None:
    leader = await as_(uow, officers["SNN"])
    both = await handover.propose(uow, leader, REVIEW, ["sgt", "SCT"])
    assert codes(uow, both.leader_unit_id, both.deputy_unit_id) == ("SGT", "SCT")
    assert both.chosen
    one = await handover.propose(uow, leader, REVIEW, ["SGT"])
    assert codes(uow, one.leader_unit_id, one.deputy_unit_id) == ("SGT", "SCT")  # the rotation
    done = await handover.confirm(
        uow, leader, both.outgoing.id or 0, both.leader_unit_id, both.deputy_unit_id, REVIEW,
        notifier,
    )  # fmt: skip
    assert codes(uow, done.incoming.leader_unit_id) == ("SGT",)
    (entry,) = [e for e in uow.store.audit if e.action == "flag.handed"]
    assert entry.details["chosen"] is True


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        (["XYZ"], HandoverUnknownUnit),
        (["SGT", "SCT", "STN"], HandoverUnknownUnit),
        (["SGT", "sgt"], HandoverSameUnit),
    ],
)
async def test_bad_units_are_refused_with_the_codes(
    uow: FakeUnitOfWork, officers: dict[str, Officer], typed: list[str], error: type[Exception]
) -> None:
    with pytest.raises(error) as refused:
        await handover.propose(uow, await as_(uow, officers["SNN"]), REVIEW, typed)
    if error is HandoverUnknownUnit:
        assert refused.value.values["codes"] == sorted(ROSTER)  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------
# Next year imported already


async def import_2023(uow: FakeUnitOfWork, without: str) -> BlocYear:
    """Next year's file imported before the review: one unit fewer, its own roles."""
    old, unit = year_of(uow, 2022), ids(uow)
    members = [u for u in old.member_unit_ids if u != unit[without]]
    changed = replace(old, id=None, year=2023, member_unit_ids=members)
    changed.leader_unit_id, changed.deputy_unit_id = unit["SCT"], unit["SGT"]
    saved = await uow.blocs.save_year(changed)
    await uow.commit()
    return saved


async def test_an_imported_next_year_gets_its_leader_and_deputy(
    uow: FakeUnitOfWork, officers: dict[str, Officer], notifier: RecordingNotifier
) -> None:
    imported_year = await import_2023(uow, without="STN")
    leader = await as_(uow, officers["SNN"])
    assert leader.year.year == 2023  # the current year is the imported one
    plan = await handover.propose(uow, leader, REVIEW)
    assert plan.outgoing.year == 2022 and plan.existing is not None
    assert codes(uow, plan.leader_unit_id, plan.deputy_unit_id) == ("PTTH", "SGT")  # no STN
    done = await handover.confirm(
        uow, leader, plan.outgoing.id or 0, plan.leader_unit_id, plan.deputy_unit_id, REVIEW,
        notifier,
    )  # fmt: skip
    assert not done.created and done.incoming.id == imported_year.id
    assert len(uow.store.years) == 2
    updated = year_of(uow, 2023)
    assert codes(uow, updated.leader_unit_id, updated.deputy_unit_id) == ("PTTH", "SGT")
    assert updated.member_unit_ids == imported_year.member_unit_ids


async def test_a_unit_not_in_next_year_is_refused(
    uow: FakeUnitOfWork, officers: dict[str, Officer], notifier: RecordingNotifier
) -> None:
    await import_2023(uow, without="STN")
    leader = await as_(uow, officers["SNN"])
    with pytest.raises(HandoverNotMember) as refused:
        await handover.propose(uow, leader, REVIEW, ["STN"])
    assert refused.value.values == {"unit": "Sở Tài nguyên và Môi trường", "year": 2023}
    year = year_of(uow, 2022)
    with pytest.raises(HandoverNotMember):  # a button carrying it is re-checked
        await handover.confirm(
            uow, leader, year.id or 0, ids(uow)["STN"], ids(uow)["SGT"], REVIEW, notifier
        )


# ---------------------------------------------------------------------------------------------
# Elected by ballot


async def closed_ballot(uow: FakeUnitOfWork, kind: BallotKind, winner: str, votes: int) -> None:
    year, unit = year_of(uow, 2022), ids(uow)
    assert year.id is not None
    ballot = await uow.ballots.save(
        Ballot(
            year_id=year.id, kind=kind, title="", quota=1, secret=True,
            candidates=[Candidate(code, unit[code]) for code in ROSTER],
            threshold=Decimal("0.7"), base=ThresholdBase.ALL_MEMBERS, closes_at=REVIEW,
            opened_at=REVIEW, opened_by=1, status=BallotStatus.CLOSED, closed_at=REVIEW,
        )
    )  # fmt: skip
    assert ballot.id is not None
    (choice,) = [c.id for c in ballot.candidates if c.label == winner]
    assert choice is not None
    for n in range(votes):
        await uow.ballots.add_vote(ballot.id, Vote(f"R{kind.value}{n}", frozenset({choice})))
    await uow.commit()


async def test_an_elected_leader_and_deputy_are_proposed(
    uow: FakeUnitOfWork, officers: dict[str, Officer], notifier: RecordingNotifier
) -> None:
    await set_rules(uow, BlocRules(leader_selection=LeaderSelection.ELECTION))
    leader = await as_(uow, officers["SNN"])
    with pytest.raises(HandoverNotElected) as refused:
        await handover.propose(uow, leader, REVIEW)
    assert refused.value.values == {"role": "leader", "year": 2023}

    await closed_ballot(uow, BallotKind.LEADER, "SGT", votes=4)
    await closed_ballot(uow, BallotKind.DEPUTY, "SCT", votes=3)  # 3/5 < 70%: nobody
    with pytest.raises(HandoverNotElected) as refused:
        await handover.propose(uow, leader, REVIEW)
    assert refused.value.values["role"] == "deputy"

    await closed_ballot(uow, BallotKind.DEPUTY, "SCT", votes=5)  # the later ballot counts
    plan = await handover.propose(uow, leader, REVIEW)
    assert codes(uow, plan.leader_unit_id, plan.deputy_unit_id) == ("SGT", "SCT")
    with pytest.raises(HandoverByElection):
        await handover.propose(uow, leader, REVIEW, ["PTTH"])
    year_id = plan.outgoing.id or 0
    with pytest.raises(StaleAction):  # not what the ballots decided
        await handover.confirm(uow, leader, year_id, ids(uow)["PTTH"], None, REVIEW, notifier)
    done = await handover.confirm(
        uow, leader, year_id, plan.leader_unit_id, plan.deputy_unit_id, REVIEW, notifier
    )
    assert codes(uow, done.incoming.leader_unit_id, done.incoming.deputy_unit_id) == (
        "SGT",
        "SCT",
    )


async def test_the_handover_waits_for_open_ballots_and_coming_conferences(
    uow: FakeUnitOfWork, officers: dict[str, Officer], notifier: RecordingNotifier
) -> None:
    from domain.conferences import Conference, ConferenceKind
    from domain.errors import HandoverPending

    leader = await as_(uow, officers["SNN"])
    plan = await handover.propose(uow, leader, REVIEW)
    year = year_of(uow, 2022)
    assert year.id is not None
    conference = await uow.conferences.save(
        Conference(year.id, ConferenceKind.ANNUAL, REVIEW.replace(year=2023, month=1), "Hội trường")
    )
    args = (plan.outgoing.id or 0, plan.leader_unit_id, plan.deputy_unit_id)
    before = copy.deepcopy(uow.store)
    with pytest.raises(HandoverPending) as refused:
        await handover.confirm(uow, leader, *args, REVIEW, notifier)
    assert refused.value.values == {"ballots": 0, "conferences": 1}
    assert uow.store == before and notifier.handovers == []
    conference.starts_at = REVIEW.replace(day=1)  # held before the review: nothing pending
    await uow.conferences.save(conference)
    assert (await handover.confirm(uow, leader, *args, REVIEW, notifier)).created
