"""An officer's open tasks: organisers are asked to bind the group and invite missing units."""

from __future__ import annotations

import copy

import pytest

from domain.model import BoardRole, Channel
from domain.services.groups import bind_group
from domain.services.members import Membership, membership
from domain.services.tasks import Task, TaskKind, open_tasks
from tests.unit.fakes import FakeClock, FakeUnitOfWork, add_officer, imported


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

    tasks = await open_tasks(uow, leader, clock.now())

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

    [_, invite] = await open_tasks(uow, deputy, clock.now())

    assert invite.kind is TaskKind.INVITE_UNITS
    assert invite.values == {"count": 2, "units": "Sở NN&PTNT, Sở GTVT"}


async def test_nothing_left_once_bound_and_everyone_joined(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    leader = await member(uow, "SNN")
    for unit in ("STN", "SGT", "SCT"):
        await add_officer(uow, unit)
    assert [t.kind for t in await open_tasks(uow, leader, clock.now())] == [
        TaskKind.BIND_GROUP,
        TaskKind.INVITE_UNITS,
    ]

    await add_officer(uow, "PTTH")
    assert [t.kind for t in await open_tasks(uow, leader, clock.now())] == [TaskKind.BIND_GROUP]

    await bind_group(uow, leader, Channel.TELEGRAM, "-100", "Khối 7", True, clock.now())
    assert await open_tasks(uow, leader, clock.now()) == []


async def test_a_bound_group_alone_leaves_the_invitations(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    admin = await member(uow, None, BoardRole.ADMIN)
    await bind_group(uow, admin, Channel.ZALO, "g1", "Khối 7", True, clock.now())
    tasks = await open_tasks(uow, admin, clock.now())
    assert [t.kind for t in tasks] == [TaskKind.INVITE_UNITS]
    assert tasks[0].values["count"] == 5  # the board's officer is no unit's


@pytest.mark.parametrize(("unit", "board_role"), [("STN", None), (None, BoardRole.OBSERVER)])
async def test_others_have_no_organiser_tasks(
    uow: FakeUnitOfWork, clock: FakeClock, unit: str | None, board_role: BoardRole | None
) -> None:
    who = await member(uow, unit, board_role)
    assert await open_tasks(uow, who, clock.now()) == []
