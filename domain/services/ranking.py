"""The score summary and ranking of a cycle, and publishing it to the whole bloc."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from domain.criteria import CriteriaTable
from domain.errors import NoCriteriaTable, RankingNotPublished, WindowStillOpen
from domain.model import BlocYear, Unit
from domain.policy import Permission, allowed, require
from domain.ports import UnitOfWork, VerificationNotifier
from domain.ranking import Standing, rank
from domain.scoring import SheetTotals
from domain.services import audit
from domain.services.members import Membership
from domain.services.verification import board_of
from domain.settings import ScoringMode
from domain.sheets import (
    EntryKind,
    ScoreSheet,
    SheetStatus,
    cross_means,
    mean_totals,
    split_bonus,
)
from domain.summary import Cycle, ScoreSummary, SummaryRow
from domain.verification import OpenItems, cross_penalties, open_items
from domain.windows import WindowKind, window_times

Scores = tuple[dict[str, Decimal], dict[str, Decimal], dict[str, int]]  # items, bonus, penalties
Result = tuple[SheetTotals, SheetTotals, Scores]  # own totals, final totals, final scores


async def score_summary(
    uow: UnitOfWork, member: Membership, cycle: Cycle, in_group: bool = False
) -> ScoreSummary:
    """Everyone's figures once published; before that only the organisers may see them,
    and never in a group chat, where every member would read the draft."""
    year = member.year
    assert year.id is not None and member.bloc.id is not None
    published = await uow.scores.published_at(year.id, cycle) is not None
    organiser = allowed(member.actor, Permission.PUBLISH_RANKING, year)
    if not published and (in_group or not organiser):
        raise RankingNotPublished(cycle=cycle.value, year=year.year)
    return await build_summary(uow, member, cycle, published)


async def build_summary(
    uow: UnitOfWork, member: Membership, cycle: Cycle, published: bool
) -> ScoreSummary:
    year = member.year
    assert year.id is not None and member.bloc.id is not None
    table = year.criteria
    if table is None:
        raise NoCriteriaTable(year=year.year)
    units = {unit.id: unit for unit in await uow.blocs.units(member.bloc.id)}
    submitted = [
        s for s in await uow.scores.sheets(year.id, cycle) if s.status is SheetStatus.SUBMITTED
    ]
    results = _results(year, table, submitted)
    own = {s.unit_id: s for s in submitted if s.is_self}
    first = table.sections[0].code if table.sections else ""
    standings = [
        Standing(unit_id, final.final, final.sections.get(first, Decimal(0)))
        for unit_id, (_, final, _) in results.items()
    ]
    ranking = rank(standings, year.member_unit_ids)
    rows = tuple(
        _row(units[e.unit_id], results[e.unit_id], e.rank, e.tied, own.get(e.unit_id))
        for e in ranking.ranked
    )
    unranked = tuple(units[unit_id].name for unit_id in ranking.unranked)
    bloc = member.bloc
    publisher = await uow.scores.published_by(year.id, cycle) if published else None
    officer = await uow.people.officer(publisher) if publisher else None
    return ScoreSummary(
        bloc.name, bloc.province, year.year, cycle, table, rows, unranked, published,
        bloc=bloc,
        leader=units.get(year.leader_unit_id),
        prepared_by=officer.full_name if officer else "",
        dated=await uow.scores.published_at(year.id, cycle) if published else None,
        cross_scored=year.rules.scoring_mode is ScoringMode.CROSS,
    )  # fmt: skip


async def publish_check(
    uow: UnitOfWork, member: Membership, cycle: Cycle, now: datetime
) -> OpenItems:
    """What publishing would leave open, for the leader to confirm it knowingly."""
    require(member.actor, Permission.PUBLISH_RANKING, member.year)
    _check_closed(member.year, cycle, now)
    return open_items(await board_of(uow, member, cycle), member.year.leader_unit_id, now)


async def publish(
    uow: UnitOfWork,
    member: Membership,
    cycle: Cycle,
    now: datetime,
    notifier: VerificationNotifier | None = None,
) -> None:
    """Publishing makes the cycle's scores final: only once its window has closed. The
    group and every unit are told."""
    require(member.actor, Permission.PUBLISH_RANKING, member.year)
    assert member.year.id is not None
    _check_closed(member.year, cycle, now)
    if await uow.scores.published_at(member.year.id, cycle) is None:
        await uow.scores.publish(member.year.id, cycle, now, member.actor.officer_id)
        await audit.record(
            uow, member.actor, "ranking.published", "bloc_year", member.year.id, now,
            cycle=cycle.value,
        )  # fmt: skip
        if notifier is not None:
            summary = await build_summary(uow, member, cycle, True)
            await notifier.ranking_published(uow, member.year, summary)


def _check_closed(year: BlocYear, cycle: Cycle, now: datetime) -> None:
    window = window_times(year.calendar, WindowKind(cycle.value), year.year)
    if window.is_open(now) or now < window.opens_at:
        raise WindowStillOpen(closes_at=window.closes_at)


def _results(
    year: BlocYear, table: CriteriaTable, submitted: list[ScoreSheet]
) -> dict[int, Result]:
    """Per scored unit: its own totals, the final totals and the final scores."""
    results: dict[int, Result] = {}
    if year.rules.scoring_mode is ScoringMode.CROSS:
        for unit_id in {sheet.unit_id for sheet in submitted if not sheet.is_self}:
            means = cross_means(submitted, unit_id)
            assert means is not None  # another unit's sheet about it is there
            penalties = cross_penalties(year, submitted, unit_id)
            final = mean_totals(table, means, penalties)
            items, bonus = split_bonus(table, means)
            results[unit_id] = (final, final, (items, bonus, penalties))
        return results
    for sheet in submitted:
        if sheet.is_self:
            items, bonus = sheet.final_points(EntryKind.ITEM), sheet.final_points(EntryKind.BONUS)
            penalties = sheet.final_occurrences()  # as verified
            scores = (items, bonus, penalties)
            results[sheet.unit_id] = (sheet.self_totals(table), sheet.final_totals(table), scores)
    return results


def _row(
    unit: Unit, result: Result, place: int, tied: bool, sheet: ScoreSheet | None
) -> SummaryRow:
    own, final, (items, bonus, penalties) = result
    scored = sheet.own_points(EntryKind.ITEM) | sheet.own_points(EntryKind.BONUS) if sheet else {}
    reasons = {
        entry.code: entry.verify_reason
        for entry in (sheet.entries.values() if sheet else ())
        if entry.changed
    }
    return SummaryRow(
        unit.code, unit.name, unit.short_name, items | bonus, penalties, own, final, place, tied,
        self_items=scored, reasons=reasons,
    )  # fmt: skip
