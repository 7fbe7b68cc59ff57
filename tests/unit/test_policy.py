"""Who may do what: roles come from the board role and the unit's place in the year."""

from __future__ import annotations

import pytest

from domain.errors import NotAuthorized
from domain.model import BlocYear, BoardRole, Channel, Officer, Role
from domain.policy import Actor, Permission, allowed, require, roles_in

LEADER, DEPUTY, MEMBER, OUTSIDER = 11, 12, 13, 99
YEAR = BlocYear(
    bloc_id=1,
    year=2022,
    member_unit_ids=[LEADER, DEPUTY, MEMBER],
    leader_unit_id=LEADER,
    deputy_unit_id=DEPUTY,
    rotation=[LEADER, DEPUTY, MEMBER],
)


def actor(unit_id: int | None = None, board_role: BoardRole | None = None) -> Actor:
    return Actor.of(Officer("Nguyễn Văn A", unit_id, board_role, id=7), Channel.TELEGRAM)


ACTORS = {
    "admin": actor(board_role=BoardRole.ADMIN),
    "observer": actor(board_role=BoardRole.OBSERVER),
    "leader": actor(LEADER),
    "deputy": actor(DEPUTY),
    "officer": actor(MEMBER),
    "non-member": actor(OUTSIDER),
    "unbound": actor(),
}


@pytest.mark.parametrize(
    ("who", "roles"),
    [
        ("admin", {Role.ADMIN}),
        ("observer", {Role.OBSERVER}),
        ("leader", {Role.LEADER, Role.OFFICER}),
        ("deputy", {Role.DEPUTY, Role.OFFICER}),
        ("officer", {Role.OFFICER}),
        ("non-member", set()),
        ("unbound", set()),
    ],
)
def test_roles_in(who: str, roles: set[Role]) -> None:
    assert roles_in(ACTORS[who], YEAR) == frozenset(roles)


def test_board_role_and_unit_role_add_up() -> None:
    both = actor(MEMBER, BoardRole.ADMIN)
    assert roles_in(both, YEAR) == {Role.ADMIN, Role.OFFICER}
    watcher = actor(LEADER, BoardRole.OBSERVER)
    assert roles_in(watcher, YEAR) == {Role.OBSERVER, Role.LEADER, Role.OFFICER}


def test_roles_follow_the_year() -> None:
    next_year = BlocYear(1, 2023, [DEPUTY, MEMBER], DEPUTY, None, [DEPUTY, MEMBER])
    assert roles_in(ACTORS["leader"], next_year) == frozenset()  # dropped from the bloc
    assert roles_in(ACTORS["deputy"], next_year) == {Role.LEADER, Role.OFFICER}
    assert roles_in(ACTORS["officer"], next_year) == {Role.OFFICER}


ORGANISE = {"admin", "leader", "deputy"}


@pytest.mark.parametrize("who", list(ACTORS))
@pytest.mark.parametrize(
    ("permission", "granted"),
    [
        (Permission.VIEW_BLOC, {"admin", "observer", "leader", "deputy", "officer"}),
        (Permission.BIND_GROUP, ORGANISE),
        (Permission.MANAGE_INVITES, ORGANISE),
        (Permission.PLEDGE, {"leader", "deputy", "officer"}),
        (Permission.REVIEW_PLEDGES, ORGANISE),
        (Permission.MANAGE_CAMPAIGNS, ORGANISE),
    ],
)
def test_allowed(who: str, permission: Permission, granted: set[str]) -> None:
    assert allowed(ACTORS[who], permission, YEAR) is (who in granted)


def test_require_raises_with_the_permission() -> None:
    require(ACTORS["leader"], Permission.BIND_GROUP, YEAR)  # no error
    with pytest.raises(NotAuthorized) as caught:
        require(ACTORS["officer"], Permission.BIND_GROUP, YEAR)
    assert caught.value.code == "not-authorized"
    assert caught.value.values == {"permission": "bind_group"}
    with pytest.raises(NotAuthorized) as caught:
        require(ACTORS["non-member"], Permission.VIEW_BLOC, YEAR)
    assert caught.value.values == {"permission": "view_bloc"}


def test_actor_of_an_officer() -> None:
    officer = Officer("Trần Thị B", MEMBER, BoardRole.OBSERVER, id=5)
    assert Actor.of(officer, Channel.ZALO) == Actor(
        5, "Trần Thị B", MEMBER, BoardRole.OBSERVER, Channel.ZALO
    )


def test_every_permission_is_granted_to_someone() -> None:
    """A permission missing from the grants table would fail every check with a KeyError."""
    from domain.policy import _GRANTS, Permission

    assert set(_GRANTS) == set(Permission)
    assert all(_GRANTS[permission] for permission in Permission)
