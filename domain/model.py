"""The bloc, its units, years and people, as plain data the rules work on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.criteria import CriteriaTable
from domain.settings import BlocCalendar, BlocRules


class Channel(StrEnum):
    TELEGRAM = "telegram"
    ZALO = "zalo"  # the Zalo Bot Platform (text only)
    ZALO_OA = "zalo_oa"  # a Zalo Official Account: buttons, files, groups, templates
    CONSOLE = "console"


class BoardRole(StrEnum):
    """Province-level roles (Ban TĐKT), independent of any unit."""

    ADMIN = "admin"
    OBSERVER = "observer"


class Role(StrEnum):
    ADMIN = "admin"
    OBSERVER = "observer"
    LEADER = "leader"
    DEPUTY = "deputy"
    OFFICER = "officer"


@dataclass
class Bloc:
    code: str
    name: str
    province: str
    id: int | None = None


@dataclass
class Unit:
    bloc_id: int
    code: str
    name: str
    short_name: str
    id: int | None = None


@dataclass
class BlocYear:
    """One year of a bloc: blocs are re-formed yearly, so membership and roles live here."""

    bloc_id: int
    year: int
    member_unit_ids: list[int]
    leader_unit_id: int
    deputy_unit_id: int | None
    rotation: list[int]
    rules: BlocRules = field(default_factory=BlocRules)
    calendar: BlocCalendar = field(default_factory=BlocCalendar)
    criteria: CriteriaTable | None = None
    id: int | None = None

    def role_of(self, unit_id: int | None) -> Role | None:
        if unit_id is None or unit_id not in self.member_unit_ids:
            return None
        if unit_id == self.leader_unit_id:
            return Role.LEADER
        if unit_id == self.deputy_unit_id:
            return Role.DEPUTY
        return Role.OFFICER


@dataclass
class Officer:
    """A person doing emulation work for a unit, or for the provincial board."""

    full_name: str
    unit_id: int | None = None
    board_role: BoardRole | None = None
    id: int | None = None


@dataclass
class Identity:
    """An account on one channel; bound to an officer once an invite is accepted."""

    channel: Channel
    external_id: str
    display_name: str
    officer_id: int | None = None
    locale: str | None = None
    blocked_at: datetime | None = None  # the bot's messages were refused (they blocked it)
    id: int | None = None


@dataclass
class Invitation:
    """A code that binds whoever presents it to a unit (or to the board) until it expires."""

    code: str
    expires_at: datetime
    unit_id: int | None = None
    board_role: BoardRole | None = None
    created_at: datetime | None = None
    revoked_at: datetime | None = None
    uses: int = 0
    max_uses: int | None = None  # board invites are single-use; unit invites are shared
    id: int | None = None

    def is_usable(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at and not self.used_up

    @property
    def used_up(self) -> bool:
        return self.max_uses is not None and self.uses >= self.max_uses


@dataclass
class GroupChat:
    channel: Channel
    chat_id: str
    bloc_id: int
    title: str
    bound_by: int | None = None
    id: int | None = None
    # The forum topic the group was bound in: the bloc's posts go there, not to General.
    thread_id: str | None = None


@dataclass
class AuditEntry:
    action: str
    entity: str
    entity_id: str | None
    details: dict[str, object]
    actor_officer_id: int | None = None
    channel: str | None = None
    at: datetime | None = None
    id: int | None = None
