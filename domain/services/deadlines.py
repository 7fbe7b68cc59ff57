"""Until the ranking is out, the leader may give more time: extend a window for the whole
bloc, or reopen one unit's submitted sheet. Always with a reason, audited, and told."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain.errors import NotExtendable, NotReopenable, RankingPublished, ReasonRequired
from domain.model import BlocYear, Unit
from domain.policy import Permission, require
from domain.ports import UnitOfWork, VerificationNotifier
from domain.services import audit
from domain.services.members import Membership
from domain.services.verification import REASON_MAX_CHARS, review_of
from domain.settings import ScoringMode
from domain.sheets import SheetStatus
from domain.summary import Cycle
from domain.verification import UnitReview
from domain.windows import WindowKind, WindowTimes, window_times


async def extendable(uow: UnitOfWork, member: Membership, now: datetime) -> list[WindowTimes]:
    """The year's windows the leader may still extend: opened, and for scoring, before its
    ranking is out."""
    require(member.actor, Permission.PUBLISH_RANKING, member.year)
    year = member.year
    assert year.id is not None
    windows = []
    for kind in WindowKind:
        window = window_times(year.calendar, kind, year.year)
        if now < window.opens_at:
            continue
        if kind is not WindowKind.PLEDGE and await uow.scores.published_at(
            year.id, Cycle(kind.value)
        ):
            continue
        windows.append(window)
    return windows


async def reopenable(uow: UnitOfWork, member: Membership, cycle: Cycle) -> list[Unit]:
    """The units whose submitted sheet may be reopened (self-scoring, before publishing)."""
    require(member.actor, Permission.PUBLISH_RANKING, member.year)
    year = member.year
    assert year.id is not None
    if year.rules.scoring_mode is ScoringMode.CROSS or await uow.scores.published_at(
        year.id, cycle
    ):
        return []
    units = []
    for sheet in await uow.scores.sheets(year.id, cycle):
        if sheet.is_self and sheet.status is SheetStatus.SUBMITTED:
            unit = await uow.blocs.unit(sheet.unit_id)
            if unit is not None:
                units.append(unit)
    return units


async def extend_window(
    uow: UnitOfWork,
    member: Membership,
    kind: WindowKind,
    closes_at: datetime,
    reason: str,
    now: datetime,
    notifier: VerificationNotifier,
) -> WindowTimes:
    """Move a window's close later, this year only; every unit is told the new deadline."""
    require(member.actor, Permission.PUBLISH_RANKING, member.year)
    cleaned = _reason(reason)
    year = member.year
    assert year.id is not None
    if kind is not WindowKind.PLEDGE and await uow.scores.published_at(year.id, Cycle(kind.value)):
        raise RankingPublished(year=year.year)
    window = check_extension(year, kind, closes_at, now)
    extended = tuple(item for item in year.calendar.extended if item[0] != kind.value)
    year.calendar = replace(year.calendar, extended=(*extended, (kind.value, closes_at)))
    await uow.blocs.save_year(year)
    await audit.record(
        uow, member.actor, "window.extended", "bloc_year", year.id, now,
        window=kind.value, old=window.closes_at.isoformat(), new=closes_at.isoformat(),
        reason=cleaned,
    )  # fmt: skip
    moved = window_times(year.calendar, kind, year.year)
    await notifier.window_extended(uow, year, moved, cleaned)
    return moved


def check_extension(
    year: BlocYear, kind: WindowKind, closes_at: datetime, now: datetime
) -> WindowTimes:
    """The window as it stands, when `closes_at` may extend it: later than its close and than
    now. Checked as soon as the date is typed, before the reason is."""
    window = window_times(year.calendar, kind, year.year)
    if closes_at <= max(window.closes_at, now) or now < window.opens_at:
        raise NotExtendable(closes_at=window.closes_at)
    return window


def check_reopen_until(until: datetime, now: datetime) -> None:
    """A sheet is given back until a moment still to come; said before the reason is typed."""
    if until <= now:
        raise NotReopenable()


async def reopen_sheet(
    uow: UnitOfWork,
    member: Membership,
    unit_id: int,
    cycle: Cycle,
    until: datetime,
    reason: str,
    now: datetime,
    notifier: VerificationNotifier,
) -> UnitReview:
    """Give one unit back its submitted sheet until `until`, even past the window's close;
    its verification starts again when it submits."""
    require(member.actor, Permission.PUBLISH_RANKING, member.year)
    cleaned = _reason(reason)
    year = member.year
    assert year.id is not None
    if await uow.scores.published_at(year.id, cycle) is not None:
        raise RankingPublished(year=year.year)
    review = await review_of(uow, member, unit_id, cycle)
    sheet = review.record
    cross = year.rules.scoring_mode is ScoringMode.CROSS
    check_reopen_until(until, now)
    if cross or sheet is None or sheet.status is not SheetStatus.SUBMITTED:
        raise NotReopenable()
    sheet.status, sheet.reopened_until, sheet.reopen_reason = SheetStatus.DRAFT, until, cleaned
    sheet.verified_at = sheet.verified_by = None
    await uow.scores.save_sheet(sheet)
    await audit.record(
        uow, member.actor, "sheet.reopened", "sheet", sheet.id, now,
        unit=unit_id, cycle=cycle.value, until=until.isoformat(), reason=cleaned,
    )  # fmt: skip
    reopened = await review_of(uow, member, unit_id, cycle)
    await notifier.sheet_reopened(uow, year, reopened, cleaned)
    return reopened


def _reason(reason: str) -> str:
    cleaned = reason.strip()
    if not cleaned or len(cleaned) > REASON_MAX_CHARS:
        raise ReasonRequired(max=REASON_MAX_CHARS)
    return cleaned
