"""The bloc, its units, years and people, as plain data the rules work on."""

from __future__ import annotations

import unicodedata
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


class ProvinceKind(StrEnum):
    """A province-level unit is a province or one of the cities run by the centre."""

    PROVINCE = "tỉnh"
    CITY = "thành phố"


class BlocWord(StrEnum):
    """What the bloc calls itself: "Khối trưởng" in a khối, "Cụm trưởng" in a cụm."""

    KHOI = "khối"
    CUM = "cụm"


# The six cities run by the centre (since 2025 Huế too); every other province-level unit is
# a "tỉnh", whatever a file calls it.
CENTRAL_CITIES = frozenset({"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế"})
_PROVINCE_PREFIXES = ("thành phố ", "tp. ", "tp.", "tp ", "tỉnh ")


def province_name(province: str) -> str:
    """The bare name: 'Trà Vinh' from 'tỉnh Trà Vinh', 'Hồ Chí Minh' from 'TP. Hồ Chí Minh'."""
    name = unicodedata.normalize("NFC", " ".join(province.split()))
    lowered = name.casefold()
    for prefix in _PROVINCE_PREFIXES:
        if lowered.startswith(prefix):
            return name[len(prefix) :].strip()
    return name


def province_kind_of(province: str) -> ProvinceKind:
    """From the list of centrally run cities, never from a word typed before the name (and
    whether or not it was typed with its diacritics)."""
    central = _folded(province_name(province)) in _FOLDED_CITIES
    return ProvinceKind.CITY if central else ProvinceKind.PROVINCE


def _folded(text: str) -> str:
    """Lower case without diacritics: "Hải Phòng" and "hai phong" alike."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_FOLDED_CITIES = frozenset(_folded(city) for city in CENTRAL_CITIES)


def bloc_word_of(bloc_name: str) -> BlocWord:
    """A bloc named "Cụm …" is a cụm; any other is a khối."""
    words = unicodedata.normalize("NFC", bloc_name).casefold().split()
    return BlocWord.CUM if words[:1] == ["cụm"] else BlocWord.KHOI


@dataclass
class Bloc:
    code: str
    name: str
    province: str
    id: int | None = None
    province_type: ProvinceKind | None = None  # None: from the list of central cities
    bloc_word: BlocWord | None = None  # None: from the bloc's name
    superior_name: str = ""  # the authority above the bloc; "": the province's UBND

    @property
    def province_kind(self) -> ProvinceKind:
        return self.province_type or province_kind_of(self.province)

    @property
    def kind_word(self) -> BlocWord:
        return self.bloc_word or bloc_word_of(self.name)

    @property
    def province_label(self) -> str:
        """'tỉnh Trà Vinh', 'thành phố Cần Thơ'."""
        return f"{self.province_kind.value} {province_name(self.province)}"

    @property
    def people_committee(self) -> str:
        """'UBND tỉnh', 'UBND thành phố': who awards the Flag and signs the Merit."""
        return f"UBND {self.province_kind.value}"

    @property
    def superior(self) -> str:
        """The authority above the bloc, as its documents' issuer block names it."""
        return self.superior_name.strip() or f"UBND {self.province_label}"


@dataclass
class Unit:
    bloc_id: int
    code: str
    name: str
    short_name: str
    id: int | None = None
    head_name: str = ""  # who signs for the unit, e.g. "Nguyễn Văn An"
    head_position: str = ""  # and as what, e.g. "Giám đốc"


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
