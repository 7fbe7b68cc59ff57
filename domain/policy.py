"""Who may do what: every action is checked against the actor's roles in the bloc's year."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.errors import NotAuthorized
from domain.model import BlocYear, BoardRole, Channel, Officer, Role


class Permission(StrEnum):
    VIEW_BLOC = "view_bloc"
    BIND_GROUP = "bind_group"
    MANAGE_INVITES = "manage_invites"
    SCORE = "score"
    VERIFY_SCORES = "verify_scores"
    PUBLISH_RANKING = "publish_ranking"
    MANAGE_CRITERIA = "manage_criteria"
    PLEDGE = "pledge"
    REVIEW_PLEDGES = "review_pledges"
    MANAGE_CAMPAIGNS = "manage_campaigns"
    RUN_BALLOTS = "run_ballots"
    VOTE = "vote"
    RUN_CONFERENCES = "run_conferences"
    ATTEND = "attend"
    HAND_OVER = "hand_over"
    NUMBER_DOCUMENTS = "number_documents"
    FILE_TO_BOARD = "file_to_board"
    FOLLOW_YEAR = "follow_year"


_GRANTS: dict[Permission, frozenset[Role]] = {
    Permission.VIEW_BLOC: frozenset(Role),
    Permission.BIND_GROUP: frozenset({Role.ADMIN, Role.LEADER, Role.DEPUTY}),
    Permission.MANAGE_INVITES: frozenset({Role.ADMIN, Role.LEADER, Role.DEPUTY}),
    Permission.SCORE: frozenset({Role.LEADER, Role.DEPUTY, Role.OFFICER}),
    Permission.VERIFY_SCORES: frozenset({Role.ADMIN, Role.LEADER, Role.DEPUTY}),
    Permission.PUBLISH_RANKING: frozenset({Role.ADMIN, Role.LEADER, Role.DEPUTY}),
    Permission.MANAGE_CRITERIA: frozenset({Role.ADMIN, Role.LEADER, Role.DEPUTY}),
    Permission.PLEDGE: frozenset({Role.LEADER, Role.DEPUTY, Role.OFFICER}),
    Permission.REVIEW_PLEDGES: frozenset({Role.ADMIN, Role.LEADER, Role.DEPUTY}),
    Permission.MANAGE_CAMPAIGNS: frozenset({Role.ADMIN, Role.LEADER, Role.DEPUTY}),
    # The leader chairs the vote (the deputy stands in); the board watches, never runs it.
    Permission.RUN_BALLOTS: frozenset({Role.LEADER, Role.DEPUTY}),
    Permission.VOTE: frozenset({Role.LEADER, Role.DEPUTY, Role.OFFICER}),
    Permission.RUN_CONFERENCES: frozenset({Role.ADMIN, Role.LEADER, Role.DEPUTY}),
    Permission.ATTEND: frozenset({Role.LEADER, Role.DEPUTY, Role.OFFICER}),
    # The leader hands over at the annual review; the deputy or the board stands in.
    Permission.HAND_OVER: frozenset({Role.ADMIN, Role.LEADER, Role.DEPUTY}),
    # The register's next number is the leader unit's clerk's business (the deputy stands in).
    Permission.NUMBER_DOCUMENTS: frozenset({Role.LEADER, Role.DEPUTY}),
    # The file sent to the provincial board: who sends it, and the board that receives it.
    Permission.FILE_TO_BOARD: frozenset({Role.ADMIN, Role.OBSERVER, Role.LEADER, Role.DEPUTY}),
    # Every unit's progress through the year: who runs it, and the board that oversees it.
    Permission.FOLLOW_YEAR: frozenset({Role.ADMIN, Role.OBSERVER, Role.LEADER, Role.DEPUTY}),
}


@dataclass(frozen=True)
class Actor:
    """The officer behind a request, with the channel it came from (for the audit log)."""

    officer_id: int
    full_name: str
    unit_id: int | None
    board_role: BoardRole | None
    channel: Channel

    @classmethod
    def of(cls, officer: Officer, channel: Channel) -> Actor:
        assert officer.id is not None
        return cls(officer.id, officer.full_name, officer.unit_id, officer.board_role, channel)


ORGANISERS = frozenset({Role.ADMIN, Role.LEADER, Role.DEPUTY})


def is_organiser(roles: frozenset[Role]) -> bool:
    """Leader, deputy or board admin: those who run the bloc's year."""
    return bool(roles & ORGANISERS)


def roles_in(actor: Actor, year: BlocYear) -> frozenset[Role]:
    roles: set[Role] = set()
    if actor.board_role is BoardRole.ADMIN:
        roles.add(Role.ADMIN)
    elif actor.board_role is BoardRole.OBSERVER:
        roles.add(Role.OBSERVER)
    unit_role = year.role_of(actor.unit_id)
    if unit_role is not None:
        roles.add(unit_role)
        if unit_role in (Role.LEADER, Role.DEPUTY):
            roles.add(Role.OFFICER)
    return frozenset(roles)


def granted(roles: frozenset[Role], permission: Permission) -> bool:
    """Whether any of these roles carries the permission (what a menu may offer)."""
    return bool(roles & _GRANTS[permission])


def allowed(actor: Actor, permission: Permission, year: BlocYear) -> bool:
    return granted(roles_in(actor, year), permission)


def require(actor: Actor, permission: Permission, year: BlocYear) -> None:
    if not allowed(actor, permission, year):
        raise NotAuthorized(permission=permission.value)
