"""A unit's pledge for the year (đăng ký thi đua): the titles it aims for, the themed
campaigns it joins and its commitments, with the rules on them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.errors import (
    CampaignTitleRequired,
    CampaignTitleTooLong,
    CommitmentsRequired,
    CommitmentsTooLong,
    ConflictingTitles,
    TitleRequired,
)

MAX_COMMITMENTS = 4000  # characters: a page or two of targets, what a covenant can hold
MAX_CAMPAIGN_TITLE = 200


class Title(StrEnum):
    """The titles a unit may aim for, in the order of their rank."""

    CO_THI_DUA = "co_thi_dua"  # Cờ thi đua của UBND tỉnh
    BANG_KHEN = "bang_khen"  # Bằng khen của Chủ tịch UBND tỉnh
    LAO_DONG_XUAT_SAC = "lao_dong_xuat_sac"  # Tập thể lao động xuất sắc
    LAO_DONG_TIEN_TIEN = "lao_dong_tien_tien"  # Tập thể lao động tiên tiến


# A collective is rated either "excellent" or "advanced" in a year, never both.
LABOUR_TITLES = frozenset({Title.LAO_DONG_XUAT_SAC, Title.LAO_DONG_TIEN_TIEN})


class PledgeStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"


class PledgeState(StrEnum):
    """What the leader sees per unit: a draft counts as not registered yet."""

    NOT_REGISTERED = "none"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"


@dataclass
class Pledge:
    bloc_year_id: int
    unit_id: int
    titles: list[Title] = field(default_factory=list)
    campaign_ids: list[int] = field(default_factory=list)
    commitments: str = ""
    status: PledgeStatus = PledgeStatus.DRAFT
    return_reason: str = ""
    submitted_at: datetime | None = None
    submitted_by: int | None = None
    decided_at: datetime | None = None  # approved or returned
    decided_by: int | None = None
    signed_at: datetime | None = None  # the unit confirmed the covenant
    signed_by: int | None = None
    id: int | None = None

    @property
    def editable(self) -> bool:
        """Whether the unit may change it (the window is checked apart)."""
        return self.status in (PledgeStatus.DRAFT, PledgeStatus.RETURNED)

    @property
    def state(self) -> PledgeState:
        if self.status is PledgeStatus.DRAFT:
            return PledgeState.NOT_REGISTERED
        return PledgeState(self.status.value)


@dataclass
class Campaign:
    """A themed emulation campaign (chuyên đề thi đua) the leader defines for the year."""

    bloc_year_id: int
    title: str
    id: int | None = None


def state_of(pledge: Pledge | None) -> PledgeState:
    return PledgeState.NOT_REGISTERED if pledge is None else pledge.state


def ordered(titles: Iterable[Title]) -> list[Title]:
    chosen = set(titles)
    return [title for title in Title if title in chosen]


def toggle_title(titles: Iterable[Title], title: Title) -> list[Title]:
    """Add or remove a title. Choosing one labour title drops the other, as a radio button
    would: the officer changes their mind in one tap instead of meeting an error."""
    chosen = set(titles)
    if title in chosen:
        chosen.discard(title)
    else:
        if title in LABOUR_TITLES:
            chosen -= LABOUR_TITLES
        chosen.add(title)
    return ordered(chosen)


def check_titles(titles: Iterable[Title]) -> None:
    chosen = set(titles)
    if not chosen:
        raise TitleRequired()
    if chosen >= LABOUR_TITLES:
        raise ConflictingTitles()


def printable(text: str) -> str:
    """Text without control characters (a pasted Word table brings \x07), which no
    document can hold; line breaks and tabs stay."""
    return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())


def clean_commitments(text: str) -> str:
    """The commitments as typed, without surrounding blank space; line breaks are kept."""
    cleaned = printable(text).strip()
    if len(cleaned) > MAX_COMMITMENTS:
        raise CommitmentsTooLong(max=MAX_COMMITMENTS, length=len(cleaned))
    return cleaned


def check_commitments(text: str) -> None:
    if not text.strip():
        raise CommitmentsRequired()
    clean_commitments(text)


def clean_campaign_title(text: str) -> str:
    cleaned = " ".join(printable(text).split())
    if not cleaned:
        raise CampaignTitleRequired()
    if len(cleaned) > MAX_CAMPAIGN_TITLE:
        raise CampaignTitleTooLong(max=MAX_CAMPAIGN_TITLE, length=len(cleaned))
    return cleaned
