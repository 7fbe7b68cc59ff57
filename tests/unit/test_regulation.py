"""Ballots and conferences as the regulation has them (domain.md, "Voting"), on the sample cụm
of six departments of Cần Thơ scored on 1,000 points: the merit candidates are every ranked
unit the flag ballot did not propose, rank 1 included when it proposed nobody, and the merit
quota is half of them, rounded down; a conference may be hosted by any member unit."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from domain.ballots import Ballot, BallotDraft, BallotKind
from domain.bloc_spec import parse_bloc_spec
from domain.conferences import ConferenceKind
from domain.errors import UnitNotFound
from domain.model import Channel
from domain.services import ballots, conferences, voting
from domain.services.members import Membership, membership
from domain.services.ranking import publish
from domain.services.scoring import open_sheet, set_entry, submit
from domain.summary import Cycle
from imports.yaml_source import read_yaml
from tests.samples import CUM_1000_YAML
from tests.unit.fakes import FakeUnitOfWork, add_officer, imported
from tests.unit.test_ballot_service import RecordingNotifier

CUM = "cum3-cantho"
SCORING = datetime(2025, 11, 25, 2, 0, tzinfo=UTC)
PUBLISHED = datetime(2025, 12, 15, 2, 0, tzinfo=UTC)
MEETING = datetime(2025, 12, 18, 1, 0, tzinfo=UTC)
# Item 1.1 (max 200) of each unit, every other item at its maximum: 1,000 points to 975.
ITEM_1_1 = {"SKHCN": 200, "STC": 195, "SXD": 190, "SNNMT": 185, "SCT": 180, "SVHTTDL": 175}
NAMES = {
    "STC": "Sở Tài chính",
    "SXD": "Sở Xây dựng",
    "SNNMT": "Sở Nông nghiệp và Môi trường",
    "SCT": "Sở Công Thương",
    "SKHCN": "Sở Khoa học và Công nghệ",
    "SVHTTDL": "Sở Văn hóa, Thể thao và Du lịch",
}


async def cum_member(uow: FakeUnitOfWork, code: str) -> Membership:
    officer = await add_officer(uow, code, f"Cán bộ {code}", bloc_code=CUM)
    return await membership(uow, officer, Channel.TELEGRAM)


@pytest.fixture
async def uow() -> FakeUnitOfWork:
    """The cụm with every unit's annual sheet submitted and the ranking published."""
    data, where = read_yaml(CUM_1000_YAML)
    uow = await imported(parse_bloc_spec(data, where), SCORING)
    for code, first in ITEM_1_1.items():
        member = await cum_member(uow, code)
        view = await open_sheet(uow, member, Cycle.ANNUAL, SCORING)
        assert view.sheet.id is not None and member.year.criteria is not None
        for section in member.year.criteria.sections:
            for item in section.items:
                points = first if item.code == "1.1" else item.max_points
                await set_entry(uow, member, view.sheet.id, item.code, str(points), SCORING)
        await submit(uow, member, view.sheet.id, SCORING)
    await publish(uow, await cum_member(uow, "STC"), Cycle.ANNUAL, PUBLISHED)
    return uow


@pytest.fixture
async def leader(uow: FakeUnitOfWork) -> Membership:
    return await cum_member(uow, "STC")


async def flag_ballot(
    uow: FakeUnitOfWork, leader: Membership, approving: int, notifier: RecordingNotifier
) -> Ballot:
    """The flag ballot on its default candidate (Sở KH&CN, rank 1), `approving` of the six
    units for it and the others against, closed."""
    draft = await ballots.draft(uow, leader, BallotKind.FLAG, MEETING)
    ballot = await ballots.open_ballot(uow, leader, draft, MEETING, notifier)
    assert ballot.id is not None
    [candidate] = ballot.candidates
    assert candidate.id is not None
    for index, code in enumerate(ITEM_1_1):
        approved = frozenset({candidate.id}) if index < approving else frozenset()
        await voting.cast(uow, await cum_member(uow, code), ballot.id, approved, MEETING, notifier)
    await ballots.close(uow, leader, ballot.id, MEETING + timedelta(minutes=30), notifier)
    return ballot


def labels(draft: BallotDraft) -> list[str]:
    return [candidate.label for candidate in draft.candidates]


async def test_the_flag_ballot_proposes_rank_one_from_the_1000_point_ranking(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    flag = await ballots.draft(uow, leader, BallotKind.FLAG, MEETING)
    assert [(c.label, c.score) for c in flag.candidates] == [(NAMES["SKHCN"], Decimal(1000))]
    assert flag.quota == 1


async def test_before_the_flag_vote_merit_leaves_the_flag_candidate_to_it(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    merit = await ballots.draft(uow, leader, BallotKind.MERIT, MEETING)
    assert labels(merit) == [NAMES[c] for c in ("STC", "SXD", "SNNMT", "SCT", "SVHTTDL")]
    assert [c.score for c in merit.candidates] == [995, 990, 985, 980, 975]
    assert merit.quota == 2  # half of five, rounded down


async def test_when_the_flag_proposes_nobody_all_six_are_merit_candidates(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    await flag_ballot(uow, leader, approving=4, notifier=RecordingNotifier())  # 4/6 < 70 %

    merit = await ballots.draft(uow, leader, BallotKind.MERIT, MEETING + timedelta(hours=1))

    assert labels(merit) == [NAMES[c] for c in ("SKHCN", "STC", "SXD", "SNNMT", "SCT", "SVHTTDL")]
    assert merit.quota == 3  # half of six: not two, as when computed on the five others


async def test_when_the_flag_proposes_its_unit_the_five_others_are_candidates(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    await flag_ballot(uow, leader, approving=5, notifier=RecordingNotifier())  # 5/6 ≥ 70 %

    merit = await ballots.draft(uow, leader, BallotKind.MERIT, MEETING + timedelta(hours=1))

    assert NAMES["SKHCN"] not in labels(merit) and len(merit.candidates) == 5
    assert merit.quota == 2


async def test_a_flag_revote_that_proposes_the_unit_counts(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    notifier = RecordingNotifier()
    first = await flag_ballot(uow, leader, approving=3, notifier=notifier)
    assert first.id is not None
    later = MEETING + timedelta(hours=1)
    revote = await ballots.revote_draft(uow, leader, first.id, later)
    opened = await ballots.open_ballot(uow, leader, revote, later, notifier)
    assert opened.id is not None
    [candidate] = opened.candidates
    for code in ITEM_1_1:
        chosen = frozenset({candidate.id}) if candidate.id else frozenset()
        await voting.cast(uow, await cum_member(uow, code), opened.id, chosen, later, notifier)
    await ballots.close(uow, leader, opened.id, later + timedelta(minutes=20), notifier)

    merit = await ballots.draft(uow, leader, BallotKind.MERIT, later + timedelta(hours=1))

    assert NAMES["SKHCN"] not in labels(merit) and merit.quota == 2


async def test_any_member_unit_may_host_a_conference_in_its_hall(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    draft = conferences.propose(leader, ConferenceKind.ANNUAL, MEETING)
    assert draft.host_unit_id == leader.year.leader_unit_id and draft.place == ""
    units = {u.code: u.id for u in await uow.blocs.units(leader.bloc.id or 0)}

    hosted = conferences.with_host(draft, leader, units["SCT"] or 0)

    assert hosted.host_unit_id == units["SCT"] and hosted.place == ""
    with pytest.raises(UnitNotFound):
        conferences.with_host(draft, leader, 99999)
    scheduled = await conferences.schedule(uow, leader, hosted, MEETING, RecordingConferences())
    assert scheduled.host_unit_id == units["SCT"]
    assert replace(hosted, place="Khách sạn Ninh Kiều").place == "Khách sạn Ninh Kiều"


class RecordingConferences:
    async def conference_invited(self, uow: object, conference: object, bloc_id: int) -> None:
        pass

    async def conference_changed(self, uow: object, conference: object, bloc_id: int) -> None:
        pass

    async def conference_reminder(
        self, uow: object, conference: object, bloc_id: int, offset: timedelta
    ) -> None:
        pass
