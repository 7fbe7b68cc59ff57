"""Verification (thẩm định), the leader's side: the bloc's progress, one unit's sheet with
its evidence, bonus and penalties, a change with its reason, and the "verified" mark."""

from __future__ import annotations

from datetime import datetime

from domain.criteria import CriteriaTable
from domain.errors import (
    CrossMeanFixed,
    NoCriteriaTable,
    NotAMember,
    OwnUnitVerification,
    RankingPublished,
    ReasonRequired,
    SheetNotSubmitted,
    UnknownCriterion,
)
from domain.model import BlocYear
from domain.policy import Permission, require
from domain.ports import UnitOfWork, VerificationNotifier
from domain.services import audit
from domain.services.members import Membership
from domain.settings import ScoringMode
from domain.sheets import (
    Entry,
    EntryKind,
    Evidence,
    ScoreSheet,
    SheetStatus,
    cross_means,
    mean_totals,
)
from domain.summary import Cycle
from domain.verification import Board, CrossSheet, UnitReview, cross_penalties, read_value

REASON_MAX_CHARS = 500


async def board(uow: UnitOfWork, member: Membership, cycle: Cycle) -> Board:
    """Every member unit's verification state for the cycle."""
    require(member.actor, Permission.VERIFY_SCORES, member.year)
    return await board_of(uow, member, cycle)


async def board_of(uow: UnitOfWork, member: Membership, cycle: Cycle) -> Board:
    """The same, for whoever the caller has already allowed."""
    year = member.year
    assert year.id is not None
    sheets = await uow.scores.sheets(year.id, cycle)
    reviews = [await _review(uow, member, unit_id, sheets, False) for unit_id in _units(year)]
    published = await uow.scores.published_at(year.id, cycle) is not None
    return Board(cycle, year.rules.scoring_mode, tuple(reviews), published)


async def unit_review(
    uow: UnitOfWork, member: Membership, unit_id: int, cycle: Cycle
) -> UnitReview:
    """One unit's sheet as its verifier sees it, with its evidence counted."""
    require(member.actor, Permission.VERIFY_SCORES, member.year)
    return await review_of(uow, member, unit_id, cycle)


async def review_of(uow: UnitOfWork, member: Membership, unit_id: int, cycle: Cycle) -> UnitReview:
    """The same, for whoever the caller has already allowed (the unit itself)."""
    if unit_id not in member.year.member_unit_ids:
        raise NotAMember(bloc=member.bloc.name, year=member.year.year)
    assert member.year.id is not None
    sheets = await uow.scores.sheets(member.year.id, cycle)
    return await _review(uow, member, unit_id, sheets, True)


async def evidence_of(uow: UnitOfWork, review: UnitReview) -> list[Evidence]:
    """The evidence the unit attached to its sheet (none in cross mode: others score it)."""
    record = review.record
    if record is None or record.id is None or review.mode is ScoringMode.CROSS:
        return []
    return await uow.scores.evidence(record.id)


async def verify_entry(
    uow: UnitOfWork,
    member: Membership,
    unit_id: int,
    cycle: Cycle,
    code: str,
    text: str,
    reason: str,
    now: datetime,
    notifier: VerificationNotifier | None = None,
) -> UnitReview:
    """Change an item, the bonus or a penalty (an occurrence count; a one-off penalty is 1
    or 0), always with a reason the unit reads. Cross mode changes only penalties."""
    review = await _changeable(uow, member, unit_id, cycle)
    cleaned = reason.strip()
    if not cleaned or len(cleaned) > REASON_MAX_CHARS:
        raise ReasonRequired(max=REASON_MAX_CHARS)
    table = review.table
    found = table.find(code)
    if found is None:
        raise UnknownCriterion(code=code)
    kind = EntryKind(found.kind)
    if review.mode is ScoringMode.CROSS and kind is not EntryKind.PENALTY:
        raise CrossMeanFixed(item=code)
    value = read_value(table, code, text)
    record = review.record or await _new_record(uow, member.year, unit_id, cycle)
    assert record.id is not None
    entry = record.entries.get(code) or Entry(code, kind)
    old = entry.verified_value if entry.verified_value is not None else entry.own_value
    if kind is EntryKind.PENALTY:
        entry.verified_occurrences = int(value)
    else:
        entry.verified = value
    entry.verify_reason, entry.verified_at = cleaned, now
    entry.verified_by = member.actor.officer_id
    entry.answer, entry.answer_text, entry.answered_at, entry.answered_by = None, "", None, None
    await uow.scores.save_entry(record.id, entry)
    record.entries[code] = entry
    await audit.record(
        uow, member.actor, "score.verified", "sheet", record.id, now,
        item=code, old=None if old is None else str(old),
        new=str(entry.verified_value), reason=cleaned,
    )  # fmt: skip
    updated = await unit_review(uow, member, unit_id, cycle)
    if notifier is not None and entry.changed:
        await notifier.verification_changed(uow, member.year, updated, now)
    return updated


async def mark_verified(
    uow: UnitOfWork,
    member: Membership,
    unit_id: int,
    cycle: Cycle,
    now: datetime,
    notifier: VerificationNotifier | None = None,
) -> UnitReview:
    """The unit's sheet is verified: as it stands, with the changes made (or none, which is
    agreeing with the whole sheet). The unit is told its final score."""
    review = await _changeable(uow, member, unit_id, cycle)
    record = review.record or await _new_record(uow, member.year, unit_id, cycle)
    if record.verified_at is None:
        record.verified_at, record.verified_by = now, member.actor.officer_id
        await uow.scores.save_sheet(record)
        await audit.record(
            uow, member.actor, "sheet.verified", "sheet", record.id, now,
            unit=unit_id, cycle=cycle.value, changes=len(record.changes()),
        )  # fmt: skip
    updated = await unit_review(uow, member, unit_id, cycle)
    if notifier is not None:
        await notifier.sheet_verified(uow, member.year, updated)
    return updated


async def _changeable(
    uow: UnitOfWork, member: Membership, unit_id: int, cycle: Cycle
) -> UnitReview:
    review = await unit_review(uow, member, unit_id, cycle)
    if review.own_unit:
        raise OwnUnitVerification()
    assert member.year.id is not None
    if await uow.scores.published_at(member.year.id, cycle) is not None:
        raise RankingPublished(year=member.year.year)
    if not review.ready:
        raise SheetNotSubmitted()
    return review


async def _new_record(uow: UnitOfWork, year: BlocYear, unit_id: int, cycle: Cycle) -> ScoreSheet:
    """Cross mode: the unit's own record, where the leader sets its penalties."""
    assert year.id is not None
    sheet = ScoreSheet(year.id, unit_id, unit_id, cycle, SheetStatus.SUBMITTED)
    return await uow.scores.save_sheet(sheet)


async def _review(
    uow: UnitOfWork,
    member: Membership,
    unit_id: int,
    sheets: list[ScoreSheet],
    with_evidence: bool,
) -> UnitReview:
    year = member.year
    table = year.criteria
    if table is None:
        raise NoCriteriaTable(year=year.year)
    unit = await uow.blocs.unit(unit_id)
    assert unit is not None
    record = next((s for s in sheets if s.is_self and s.unit_id == unit_id), None)
    own_unit = member.unit is not None and member.unit.id == unit_id
    hours = year.rules.explanation_hours
    mode = year.rules.scoring_mode
    if mode is ScoringMode.CROSS:
        means = cross_means(sheets, unit_id)
        own = final = None
        if means is not None:
            own = mean_totals(table, means, {})
            final = mean_totals(table, means, cross_penalties(year, sheets, unit_id))
        cross = tuple([await _cross_sheet(uow, table, s) for s in sheets if _about(s, unit_id)])
        return UnitReview(
            unit, table, mode, record, own, final, means or {}, cross, {}, hours, own_unit
        )
    evidence: dict[str, int] = {}
    if with_evidence and record is not None and record.id is not None:
        for piece in await uow.scores.evidence(record.id):
            evidence[piece.code] = evidence.get(piece.code, 0) + 1
    own = record.self_totals(table) if record else None
    final = record.final_totals(table) if record else None
    return UnitReview(unit, table, mode, record, own, final, {}, (), evidence, hours, own_unit)


def _about(sheet: ScoreSheet, unit_id: int) -> bool:
    return sheet.unit_id == unit_id and not sheet.is_self


async def _cross_sheet(uow: UnitOfWork, table: CriteriaTable, sheet: ScoreSheet) -> CrossSheet:
    scorer = await uow.blocs.unit(sheet.scorer_unit_id)
    assert scorer is not None
    submitted = sheet.status is SheetStatus.SUBMITTED
    return CrossSheet(scorer, submitted, sheet.self_totals(table).final if submitted else None)


def _units(year: BlocYear) -> list[int]:
    return list(year.member_unit_ids)
