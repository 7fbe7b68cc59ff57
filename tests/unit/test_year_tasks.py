"""The to-do list follows the year (the sample bloc, 2022): the leader and deputy are asked to
verify (n/m), read the explanations, publish once the window has closed, schedule the annual
review a week ahead, set up the award ballots and hand over, each due by the annual review
conference; a unit is asked to answer the changes made to its sheet, due when its time to
answer ends. Each task goes once it is done."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.ballots import BallotKind
from domain.conferences import ConferenceKind
from domain.local_time import days_left
from domain.model import BoardRole
from domain.services import answers, ballots, conferences, handover, scoring, verification
from domain.services.members import Membership
from domain.services.ranking import publish
from domain.services.tasks import Task, TaskKind, open_tasks
from domain.settings import LOCAL_TZ
from domain.sheets import Answer
from domain.summary import Cycle
from tests.unit.fakes import FakeUnitOfWork, imported
from tests.unit.test_ballot_service import RecordingNotifier
from tests.unit.test_handover import RecordingNotifier as HandedOver
from tests.unit.test_regulation import RecordingConferences
from tests.unit.test_scoring_service import ANNUAL_OPEN, member, submitted_sheet
from tests.unit.test_verification_service import (
    CROSS_OPEN,
    FULL_CROSS,
    Told,
    cross,
    cross_member,
)

VERIFYING = datetime(2022, 11, 22, 2, 0, tzinfo=UTC)  # 09:00 local
AFTER_CLOSE = datetime(2022, 12, 16, 2, 0, tzinfo=UTC)
# The annual review the bot proposes: the first working day from 15/01 (a Sunday).
PROPOSED_REVIEW = datetime(2023, 1, 16, 8, 0, tzinfo=LOCAL_TZ)
MEETING = datetime(2023, 1, 10, 8, 0, tzinfo=LOCAL_TZ)
YEAR: dict[str, object] = {"year": 2022}
ANNUAL: dict[str, object] = {"cycle": "annual", "year": 2022}
__all__ = ["cross"]  # the cross sample's fixture
ORGANISER_KINDS = {
    TaskKind.VERIFY, TaskKind.EXPLANATIONS, TaskKind.PUBLISH, TaskKind.BALLOTS,
    TaskKind.SCHEDULE_REVIEW, TaskKind.HAND_OVER,
}  # fmt: skip


@pytest.fixture
async def uow() -> FakeUnitOfWork:
    return await imported(now=ANNUAL_OPEN)


async def year_tasks(uow: FakeUnitOfWork, who: Membership, now: datetime) -> list[Task]:
    return [task for task in await open_tasks(uow, who, now) if task.kind in ORGANISER_KINDS]


async def test_the_leaders_tasks_follow_the_annual_review_to_the_handover(
    uow: FakeUnitOfWork,
) -> None:
    leader, deputy = await member(uow, "SNN"), await member(uow, "PTTH")
    for code in ("SGT", "SCT", "STN"):
        await submitted_sheet(uow, await member(uow, code), ANNUAL_OPEN)

    assert await year_tasks(uow, leader, VERIFYING) == [
        Task(TaskKind.SCHEDULE_REVIEW, PROPOSED_REVIEW - timedelta(days=7), YEAR),
        Task(TaskKind.VERIFY, PROPOSED_REVIEW, ANNUAL | {"verified": 0, "ready": 3}),
    ]
    assert await year_tasks(uow, deputy, VERIFYING) == await year_tasks(uow, leader, VERIFYING)
    board = await member(uow, None, board_role=BoardRole.ADMIN)
    assert await year_tasks(uow, board, VERIFYING) == []  # the board oversees
    assert await year_tasks(uow, await member(uow, "SCT"), VERIFYING) == []

    await verification.mark_verified(uow, leader, unit_id_of(uow, "SCT"), Cycle.ANNUAL, VERIFYING)
    verify = await verification.verify_entry(
        uow, leader, unit_id_of(uow, "SGT"), Cycle.ANNUAL, "9", "5", "CCHC 12/19.", VERIFYING
    )
    sgt = await member(uow, "SGT")
    await answers.answer(uow, sgt, Cycle.ANNUAL, Answer.EXPLAINED, VERIFYING, Told(), "9",
                         "Quyết định 12 xếp thứ 8/19.")  # fmt: skip
    assert verify.changes()
    tasks = await year_tasks(uow, leader, VERIFYING)
    assert tasks[1:] == [
        Task(TaskKind.VERIFY, PROPOSED_REVIEW, ANNUAL | {"verified": 1, "ready": 3}),
        Task(TaskKind.EXPLANATIONS, PROPOSED_REVIEW, ANNUAL | {"count": 1, "units": "Sở GTVT"}),
    ]

    # The window closes; the review is scheduled on 10/01: everything is due by then.
    await conferences.schedule(
        uow, leader, conferences.ConferenceDraft(ConferenceKind.ANNUAL, MEETING, None),
        VERIFYING, RecordingConferences(),
    )  # fmt: skip
    for code in ("SGT", "STN"):
        await verification.mark_verified(uow, leader, unit_id_of(uow, code), Cycle.ANNUAL,
                                         VERIFYING)  # fmt: skip
    assert await year_tasks(uow, leader, AFTER_CLOSE) == [Task(TaskKind.PUBLISH, MEETING, ANNUAL)]
    await publish(uow, leader, Cycle.ANNUAL, AFTER_CLOSE)
    assert await year_tasks(uow, leader, AFTER_CLOSE) == [
        Task(TaskKind.BALLOTS, MEETING, YEAR | {"kinds": "flag,merit"}),
        Task(TaskKind.HAND_OVER, MEETING, YEAR | {"next": 2023}),
    ]

    notifier = RecordingNotifier()
    flag = await ballots.draft(uow, leader, BallotKind.FLAG, AFTER_CLOSE)
    await ballots.open_ballot(uow, leader, flag, AFTER_CLOSE, notifier)
    assert (await year_tasks(uow, leader, AFTER_CLOSE))[0] == Task(
        TaskKind.BALLOTS, MEETING, YEAR | {"kinds": "merit"}
    )
    merit = await ballots.draft(uow, leader, BallotKind.MERIT, AFTER_CLOSE)
    await ballots.open_ballot(uow, leader, merit, AFTER_CLOSE, notifier)
    assert [t.kind for t in await year_tasks(uow, leader, AFTER_CLOSE)] == [TaskKind.HAND_OVER]

    later = MEETING + timedelta(hours=4)  # the ballots closed, the meeting held
    plan = await handover.propose(uow, leader, later)
    await handover.confirm(uow, leader, plan.outgoing.id or 0, plan.leader_unit_id,
                           plan.deputy_unit_id, later, HandedOver())  # fmt: skip
    old_leader = await member(uow, "SNN")  # 2023 now: Sở NN&PTNT is a plain member
    assert await year_tasks(uow, old_leader, later) == []


async def test_a_unit_is_asked_to_answer_each_change_until_its_time_ends(
    uow: FakeUnitOfWork,
) -> None:
    leader, sgt = await member(uow, "SNN"), await member(uow, "SGT")
    await submitted_sheet(uow, sgt, ANNUAL_OPEN)
    assert await open_tasks(uow, sgt, VERIFYING) == []

    for code, value in (("9", "5"), ("3", "7")):
        await verification.verify_entry(uow, leader, unit_id_of(uow, "SGT"), Cycle.ANNUAL,
                                        code, value, "Lý do.", VERIFYING)  # fmt: skip

    due = VERIFYING + timedelta(hours=48)
    assert await open_tasks(uow, sgt, VERIFYING) == [
        Task(TaskKind.ANSWER_CHANGES, due, ANNUAL | {"count": 2})
    ]
    assert days_left(due, VERIFYING) == 2
    await answers.answer(uow, sgt, Cycle.ANNUAL, Answer.AGREED, VERIFYING, Told(), "3")
    assert await open_tasks(uow, sgt, VERIFYING) == [
        Task(TaskKind.ANSWER_CHANGES, due, ANNUAL | {"count": 1})
    ]
    assert await open_tasks(uow, sgt, due + timedelta(seconds=1)) == []  # its time is over


async def test_the_mid_year_review_is_asked_until_the_annual_window(uow: FakeUnitOfWork) -> None:
    leader = await member(uow, "SNN")
    july = datetime(2022, 7, 2, 2, 0, tzinfo=UTC)
    review = datetime(2022, 7, 15, 8, 0, tzinfo=LOCAL_TZ)  # the sơ kết the bot proposes
    midyear: dict[str, object] = {"cycle": "midyear", "year": 2022}
    assert await year_tasks(uow, leader, july) == [Task(TaskKind.PUBLISH, review, midyear)]
    assert await year_tasks(uow, leader, ANNUAL_OPEN) == [
        Task(TaskKind.SCHEDULE_REVIEW, PROPOSED_REVIEW - timedelta(days=7), YEAR)
    ]


def unit_id_of(uow: FakeUnitOfWork, code: str) -> int:
    [found] = [u.id for u in uow.store.units.values() if u.code == code]
    assert found is not None
    return found


async def test_in_a_cross_scoring_bloc_the_mean_is_verified_and_its_penalty_answered(
    cross: FakeUnitOfWork,
) -> None:
    """The cross sample: two units score Sở Nội vụ; the leader verifies its mean and sets a
    penalty, which Sở Nội vụ is asked to answer."""
    uow, now = cross, CROSS_OPEN
    people = {code: await cross_member(uow, code) for code in ("SYT", "SGDDT", "SNV")}
    target = unit_id_of(uow, "SNV")
    for scorer in ("SYT", "SGDDT"):
        view = await scoring.open_sheet(uow, people[scorer], Cycle.ANNUAL, now, target)
        assert view.sheet.id is not None
        for code, value in FULL_CROSS.items():
            await scoring.set_entry(uow, people[scorer], view.sheet.id, code, value, now)
        await scoring.submit(uow, people[scorer], view.sheet.id, now)
    leader = people["SYT"]
    verify = [t for t in await open_tasks(uow, leader, now) if t.kind is TaskKind.VERIFY]
    assert [t.values["verified"] for t in verify] == [0] and verify[0].values["ready"] == 1

    await verification.verify_entry(uow, leader, target, Cycle.ANNUAL, "E2", "1",
                                    "Vắng hội nghị sơ kết.", now)  # fmt: skip

    answer = [t for t in await open_tasks(uow, people["SNV"], now)
              if t.kind is TaskKind.ANSWER_CHANGES]  # fmt: skip
    assert answer == [Task(TaskKind.ANSWER_CHANGES, now + timedelta(hours=48),
                           {"cycle": "annual", "year": 2025, "count": 1})]  # fmt: skip
