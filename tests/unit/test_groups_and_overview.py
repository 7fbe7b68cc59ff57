"""Whose bloc a request is about, binding the bloc's group chat, and the bloc overview."""

from __future__ import annotations

import copy

import pytest

from domain.bloc_spec import parse_bloc_spec
from domain.errors import (
    BlocNotFound,
    GroupAlreadyBound,
    GroupChatRequired,
    NotAMember,
    NotAuthorized,
    NotRegistered,
)
from domain.model import BoardRole, Channel, GroupChat, Officer, Role
from domain.policy import Actor
from domain.services import importer
from domain.services.blocs import overview
from domain.services.groups import bind_group
from domain.services.members import Membership, membership
from imports.yaml_source import read_yaml
from tests.samples import sample_yaml
from tests.unit.fakes import SAMPLE_BLOC, FakeClock, FakeUnitOfWork, add_officer, imported

OTHER_BLOC = "khoi8-vinhlong"
CHAT = "-1001234"


@pytest.fixture
async def uow(clock: FakeClock) -> FakeUnitOfWork:
    return await imported(now=clock.now())


async def import_other_bloc(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    raw, _ = read_yaml(sample_yaml())
    raw["bloc"].update(code=OTHER_BLOC, name="Khối thi đua Khối 8", province="Vĩnh Long")
    await importer.import_bloc(uow, parse_bloc_spec(raw), clock.now())


async def member(
    uow: FakeUnitOfWork,
    unit_code: str | None,
    board_role: BoardRole | None = None,
    bloc_code: str | None = None,
) -> Membership:
    officer = await add_officer(uow, unit_code, board_role=board_role)
    return await membership(uow, officer, Channel.TELEGRAM, bloc_code)


# ---------------------------------------------------------------------------------------------
# Membership


async def test_an_unregistered_account(uow: FakeUnitOfWork) -> None:
    with pytest.raises(NotRegistered):
        await membership(uow, None, Channel.TELEGRAM)


@pytest.mark.parametrize(
    ("unit", "roles"),
    [
        ("SNN", {Role.LEADER, Role.OFFICER}),
        ("PTTH", {Role.DEPUTY, Role.OFFICER}),
        ("STN", {Role.OFFICER}),
    ],
)
async def test_a_unit_officer_sees_their_bloc(
    uow: FakeUnitOfWork, unit: str, roles: set[Role]
) -> None:
    found = await member(uow, unit)
    assert found.bloc.code == SAMPLE_BLOC and found.year.year == 2022
    assert found.unit is not None and found.unit.code == unit
    assert found.roles == roles
    assert found.actor.unit_id == found.unit.id and found.actor.channel is Channel.TELEGRAM


async def test_a_unit_that_left_the_bloc_is_not_a_member(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    officer = await add_officer(uow, "SCT")
    raw, _ = read_yaml(sample_yaml())
    raw["bloc"].update(year=2023, rotation=None)
    raw["units"] = [unit for unit in raw["units"] if unit["code"] != "SCT"]
    await importer.import_bloc(uow, parse_bloc_spec(raw), clock.now())

    with pytest.raises(NotAMember) as caught:
        await membership(uow, officer, Channel.ZALO)
    assert caught.value.values == {"year": 2023, "bloc": "Khối thi đua Khối 7"}


async def test_an_officer_of_no_unit_and_no_board_role(uow: FakeUnitOfWork) -> None:
    with pytest.raises(BlocNotFound):
        await member(uow, None)


@pytest.mark.parametrize(
    ("role", "roles"), [(BoardRole.ADMIN, {Role.ADMIN}), (BoardRole.OBSERVER, {Role.OBSERVER})]
)
async def test_the_board_with_one_bloc_gets_that_bloc(
    uow: FakeUnitOfWork, role: BoardRole, roles: set[Role]
) -> None:
    found = await member(uow, None, role)
    assert found.bloc.code == SAMPLE_BLOC
    assert found.unit is None and found.roles == roles


async def test_the_board_with_several_blocs_must_name_one(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    await import_other_bloc(uow, clock)
    admin = await add_officer(uow, None, board_role=BoardRole.ADMIN)

    with pytest.raises(BlocNotFound) as caught:
        await membership(uow, admin, Channel.TELEGRAM)
    assert caught.value.values == {"code": None, "choices": [SAMPLE_BLOC, OTHER_BLOC]}

    named = await membership(uow, admin, Channel.TELEGRAM, OTHER_BLOC)
    assert named.bloc.code == OTHER_BLOC
    with pytest.raises(BlocNotFound) as caught:
        await membership(uow, admin, Channel.TELEGRAM, "khoi-khac")
    assert caught.value.values == {"code": "khoi-khac"}


async def test_a_unit_officer_with_several_blocs(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    await import_other_bloc(uow, clock)
    officer = await add_officer(uow, "STN")
    assert (await membership(uow, officer, Channel.TELEGRAM)).bloc.code == SAMPLE_BLOC
    assert (await membership(uow, officer, Channel.TELEGRAM, SAMPLE_BLOC)).bloc.code == SAMPLE_BLOC
    with pytest.raises(NotAMember) as refused:  # not their bloc
        await membership(uow, officer, Channel.TELEGRAM, OTHER_BLOC)
    assert refused.value.values["year"] != ""


# ---------------------------------------------------------------------------------------------
# Binding the group chat


@pytest.mark.parametrize(
    ("unit", "board_role"), [("SNN", None), ("PTTH", None), (None, BoardRole.ADMIN)]
)
async def test_organisers_bind_the_group(
    uow: FakeUnitOfWork, clock: FakeClock, unit: str | None, board_role: BoardRole | None
) -> None:
    who = await member(uow, unit, board_role)

    result = await bind_group(uow, who, Channel.TELEGRAM, CHAT, "Khối 7", True, clock.now())

    assert result.already is False
    assert result.group == GroupChat(
        Channel.TELEGRAM, CHAT, who.bloc.id or 0, "Khối 7", who.actor.officer_id, result.group.id
    )
    assert await uow.groups.get(Channel.TELEGRAM, CHAT) == result.group
    officer = await uow.people.officer(who.actor.officer_id)
    in_group = await membership(uow, officer, Channel.TELEGRAM, group_chat_id=CHAT)
    assert in_group.bloc == who.bloc  # the group's bloc, found from the chat
    [entry] = await uow.audit.entries("group")
    assert (entry.action, entry.entity_id, entry.actor_officer_id, entry.at) == (
        "group.bound",
        f"telegram:{CHAT}",
        who.actor.officer_id,
        clock.now(),
    )
    assert entry.details == {"bloc": SAMPLE_BLOC, "title": "Khối 7"}


@pytest.mark.parametrize(("unit", "board_role"), [("STN", None), (None, BoardRole.OBSERVER)])
async def test_others_may_not_bind(
    uow: FakeUnitOfWork, clock: FakeClock, unit: str | None, board_role: BoardRole | None
) -> None:
    who = await member(uow, unit, board_role)
    before = copy.deepcopy(uow.store)
    with pytest.raises(NotAuthorized) as caught:
        await bind_group(uow, who, Channel.TELEGRAM, CHAT, "Khối 7", True, clock.now())
    assert caught.value.values == {"permission": "bind_group"}
    assert uow.store == before


async def test_a_private_chat_cannot_be_bound(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    leader = await member(uow, "SNN")
    before = copy.deepcopy(uow.store)
    with pytest.raises(GroupChatRequired):
        await bind_group(uow, leader, Channel.ZALO, "u42", "Nguyễn Văn A", False, clock.now())
    assert uow.store == before


async def test_binding_the_same_group_again(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    leader, deputy = await member(uow, "SNN"), await member(uow, "PTTH")
    first = await bind_group(uow, leader, Channel.TELEGRAM, CHAT, "Khối 7", True, clock.now())
    before = copy.deepcopy(uow.store)

    again = await bind_group(uow, deputy, Channel.TELEGRAM, CHAT, "Tên mới", True, clock.now())

    assert again.already is True and again.group == first.group
    assert uow.store == before


async def test_a_group_of_another_bloc(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    await import_other_bloc(uow, clock)
    other = await membership(
        uow, await add_officer(uow, "SNN", bloc_code=OTHER_BLOC), Channel.TELEGRAM
    )
    await bind_group(uow, other, Channel.TELEGRAM, CHAT, "Khối 8", True, clock.now())
    leader = await member(uow, "SNN")
    before = copy.deepcopy(uow.store)

    with pytest.raises(GroupAlreadyBound) as caught:
        await bind_group(uow, leader, Channel.TELEGRAM, CHAT, "Khối 7", True, clock.now())
    assert caught.value.values == {"bloc": "Khối thi đua Khối 8"}
    assert uow.store == before

    # The same chat id on another channel is another chat.
    result = await bind_group(uow, leader, Channel.ZALO, CHAT, "Khối 7", True, clock.now())
    assert result.already is False and result.group.bloc_id == leader.bloc.id


# ---------------------------------------------------------------------------------------------
# The overview


async def test_overview_lists_units_in_order_with_roles_and_officers(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    viewer = await member(uow, "STN")
    await add_officer(uow, "STN")
    await add_officer(uow, "SNN")
    await add_officer(uow, None, board_role=BoardRole.ADMIN)  # the board is no unit
    leader = await member(uow, "SNN")
    await bind_group(uow, leader, Channel.TELEGRAM, CHAT, "Khối 7", True, clock.now())
    before = copy.deepcopy(uow.store)

    seen = await overview(uow, viewer)

    assert [(s.unit.code, s.role, s.officers, s.joined) for s in seen.units] == [
        ("SNN", Role.LEADER, 2, True),
        ("STN", Role.OFFICER, 2, True),
        ("SGT", Role.OFFICER, 0, False),
        ("SCT", Role.OFFICER, 0, False),
        ("PTTH", Role.DEPUTY, 0, False),
    ]
    assert seen.joined_count == 2
    assert seen.leader.unit.code == "SNN"
    assert seen.deputy is not None and seen.deputy.unit.code == "PTTH"
    assert [g.chat_id for g in seen.groups] == [CHAT]
    assert seen.viewer_unit == viewer.unit
    assert (seen.bloc, seen.year) == (viewer.bloc, viewer.year)
    assert uow.store == before  # looking changes nothing


async def test_overview_for_the_board_and_without_a_deputy(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    raw, _ = read_yaml(sample_yaml())
    raw["bloc"].update(year=2023, leader="STN", deputy=None, rotation=None)
    raw["units"].reverse()  # the 2023 roster order is not the order the units were created in
    await importer.import_bloc(uow, parse_bloc_spec(raw), clock.now())
    observer = await member(uow, None, BoardRole.OBSERVER)

    seen = await overview(uow, observer)

    assert seen.year.year == 2023 and seen.viewer_unit is None
    assert [s.unit.code for s in seen.units] == ["PTTH", "SCT", "SGT", "STN", "SNN"]
    assert seen.leader.unit.code == "STN" and seen.deputy is None
    assert [s.role for s in seen.units].count(Role.OFFICER) == 4
    assert seen.joined_count == 0 and seen.groups == ()


async def test_overview_needs_a_member(uow: FakeUnitOfWork) -> None:
    leader = await member(uow, "SNN")
    stranger = Officer("Người lạ", None, None, id=999)
    outsider = Membership(
        Actor.of(stranger, Channel.TELEGRAM), leader.bloc, leader.year, None, frozenset()
    )
    with pytest.raises(NotAuthorized):
        await overview(uow, outsider)
