"""An officer's open tasks: organisers are asked to bind the group and invite missing units."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest

from domain.model import BoardRole, Channel
from domain.services import pledge_review, pledges, signing
from domain.services.groups import bind_group
from domain.services.members import Membership, membership
from domain.services.tasks import Task, TaskKind, open_tasks
from domain.settings import LOCAL_TZ
from tests.unit.fakes import FakeClock, FakeUnitOfWork, PledgeDecisions, add_officer, imported

# After the pledge window (01-05..03-31), so that only the organisers' tasks are left.
APRIL = datetime(2022, 4, 10, 2, 0, tzinfo=UTC)


@pytest.fixture
async def uow(clock: FakeClock) -> FakeUnitOfWork:
    return await imported(now=clock.now())


async def member(
    uow: FakeUnitOfWork, unit_code: str | None, board_role: BoardRole | None = None
) -> Membership:
    officer = await add_officer(uow, unit_code, board_role=board_role)
    return await membership(uow, officer, Channel.TELEGRAM)


async def test_a_new_leader_is_asked_to_bind_the_group_and_invite_the_units(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    leader = await member(uow, "SNN")
    before = copy.deepcopy(uow.store)

    tasks = await open_tasks(uow, leader, APRIL)

    assert tasks == [
        Task(TaskKind.BIND_GROUP),
        Task(
            TaskKind.INVITE_UNITS,
            values={"count": 4, "units": "Sở TN&MT, Sở GTVT, Sở Công Thương, Đài PT-TH"},
        ),
    ]
    assert uow.store == before


async def test_the_list_follows_the_missing_units(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    deputy = await member(uow, "PTTH")
    await add_officer(uow, "STN")
    await add_officer(uow, "SCT")

    [_, invite] = await open_tasks(uow, deputy, APRIL)

    assert invite.kind is TaskKind.INVITE_UNITS
    assert invite.values == {"count": 2, "units": "Sở NN&PTNT, Sở GTVT"}


async def test_nothing_left_once_bound_and_everyone_joined(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    leader = await member(uow, "SNN")
    for unit in ("STN", "SGT", "SCT"):
        await add_officer(uow, unit)
    assert [t.kind for t in await open_tasks(uow, leader, APRIL)] == [
        TaskKind.BIND_GROUP,
        TaskKind.INVITE_UNITS,
    ]

    await add_officer(uow, "PTTH")
    assert [t.kind for t in await open_tasks(uow, leader, APRIL)] == [TaskKind.BIND_GROUP]

    await bind_group(uow, leader, Channel.TELEGRAM, "-100", "Khối 7", True, clock.now())
    assert await open_tasks(uow, leader, APRIL) == []


async def test_a_bound_group_alone_leaves_the_invitations(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    admin = await member(uow, None, BoardRole.ADMIN)
    await bind_group(uow, admin, Channel.ZALO, "g1", "Khối 7", True, clock.now())
    tasks = await open_tasks(uow, admin, APRIL)
    assert [t.kind for t in tasks] == [TaskKind.INVITE_UNITS]
    assert tasks[0].values["count"] == 5  # the board's officer is no unit's


@pytest.mark.parametrize(("unit", "board_role"), [("STN", None), (None, BoardRole.OBSERVER)])
async def test_others_have_no_organiser_tasks(
    uow: FakeUnitOfWork, clock: FakeClock, unit: str | None, board_role: BoardRole | None
) -> None:
    who = await member(uow, unit, board_role)
    assert await open_tasks(uow, who, APRIL) == []


# -- pledges -----------------------------------------------------------------------------------

FEBRUARY = datetime(2022, 2, 1, 2, 0, tzinfo=UTC)  # inside the pledge window (01-05..03-31)
DEADLINE = datetime(2022, 3, 31, 23, 59, 59, tzinfo=LOCAL_TZ)


async def send_pledge(uow: FakeUnitOfWork, who: Membership) -> None:
    await pledges.toggle_title(uow, who, "bang_khen", FEBRUARY)
    await pledges.set_commitments(uow, who, "Hoàn thành 100% chỉ tiêu.", FEBRUARY)
    await pledges.submit(uow, who, FEBRUARY)


def kinds(tasks: list[Task]) -> list[TaskKind]:
    return [task.kind for task in tasks]


async def test_a_unit_is_asked_to_register_while_the_window_is_open(
    uow: FakeUnitOfWork,
) -> None:
    officer = await member(uow, "STN")

    assert await open_tasks(uow, officer, FEBRUARY) == [
        Task(TaskKind.PLEDGE, DEADLINE, {"year": 2022})
    ]
    assert await open_tasks(uow, officer, APRIL) == []  # too late: nothing left to do
    await pledges.toggle_title(uow, officer, "bang_khen", FEBRUARY)  # a draft is not enough
    assert kinds(await open_tasks(uow, officer, FEBRUARY)) == [TaskKind.PLEDGE]
    await pledges.set_commitments(uow, officer, "Hoàn thành 100% chỉ tiêu.", FEBRUARY)
    await pledges.submit(uow, officer, FEBRUARY)
    assert await open_tasks(uow, officer, FEBRUARY) == []


async def test_the_leader_reviews_then_the_unit_signs(uow: FakeUnitOfWork) -> None:
    leader, officer = await member(uow, "SNN"), await member(uow, "STN")
    for code in ("SGT", "SCT", "PTTH"):
        await add_officer(uow, code)
    await bind_group(uow, leader, Channel.TELEGRAM, "-100", "Khối 7", True, FEBRUARY)
    await send_pledge(uow, officer)
    await send_pledge(uow, await member(uow, "SCT"))

    review = [t for t in await open_tasks(uow, leader, FEBRUARY) if t.kind is not TaskKind.PLEDGE]
    assert review == [
        Task(TaskKind.REVIEW_PLEDGES, values={"count": 2, "units": "Sở TN&MT, Sở Công Thương"})
    ]
    assert officer.unit is not None and officer.unit.id is not None
    await pledge_review.return_pledge(
        uow, leader, officer.unit.id, "Thiếu số liệu.", FEBRUARY, PledgeDecisions()
    )
    assert await open_tasks(uow, officer, APRIL) == [
        Task(TaskKind.PLEDGE_RETURNED, None, {"year": 2022, "reason": "Thiếu số liệu."})
    ]
    await pledges.submit(uow, officer, APRIL)
    await pledge_review.approve(uow, leader, officer.unit.id, APRIL, PledgeDecisions())
    assert kinds(await open_tasks(uow, officer, APRIL)) == [TaskKind.SIGN_COVENANT]
    await signing.sign(uow, officer, APRIL)
    assert await open_tasks(uow, officer, APRIL) == []


async def test_the_leader_sees_who_blocked_the_bot_until_they_write_again(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    from domain.model import Identity
    from domain.services.members import identify

    leader = await member(uow, "SNN")
    officer = await add_officer(uow, "SGT", name="Lê Văn Hùng")
    await uow.people.save_identity(Identity(Channel.TELEGRAM, "1002", "Lê Văn Hùng", officer.id))
    await uow.people.mark_blocked(Channel.TELEGRAM, "1002", APRIL)

    blocked = [t for t in await open_tasks(uow, leader, APRIL) if t.kind.value.startswith("bl")]
    assert blocked == [Task(TaskKind.BLOCKED_OFFICERS, values={"count": 1, "names": "Lê Văn Hùng"})]

    await identify(uow, Channel.TELEGRAM, "1002", "Lê Văn Hùng")  # they write to the bot again
    assert all(
        t.kind is not TaskKind.BLOCKED_OFFICERS for t in await open_tasks(uow, leader, APRIL)
    )
