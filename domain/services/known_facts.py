"""Filling in what the bot already knows: when a unit opens its own sheet, each penalty
tagged with a fact is entered from the bot's records (domain.known_facts), marked as the
bot's, and stays the unit's to change."""

from __future__ import annotations

from datetime import datetime

from domain.conferences import Conference
from domain.criteria import CriteriaTable, PenaltyFact
from domain.known_facts import Absence, Facts, Known, Report, known_penalties, to_fill, wanted
from domain.model import BlocYear
from domain.pledges import PledgeStatus
from domain.ports import UnitOfWork
from domain.services import audit
from domain.services.members import Membership
from domain.sheets import Entry, EntryKind, EntrySource, ScoreSheet, SheetStatus
from domain.summary import Cycle
from domain.windows import WindowKind, window_times


async def fill_known(
    uow: UnitOfWork, member: Membership, sheet: ScoreSheet, table: CriteriaTable, now: datetime
) -> list[Known]:
    """Enter on the unit's own draft sheet the penalties the bot knows; what it entered."""
    facts_wanted = wanted(table)
    if not facts_wanted or not sheet.is_self or sheet.status is not SheetStatus.DRAFT:
        return []
    assert sheet.id is not None
    facts = await gather(uow, member.year, sheet.unit_id, sheet.cycle, now, facts_wanted)
    changes = to_fill(sheet, known_penalties(table, facts))
    for item in changes:
        entry = sheet.entries.get(item.code) or Entry(item.code, EntryKind.PENALTY)
        entry.occurrences, entry.source = item.times, EntrySource.BOT
        entry.updated_by, entry.updated_at = None, now
        await uow.scores.save_entry(sheet.id, entry)
        sheet.entries[item.code] = entry
    if changes:
        filled = {item.code: item.times for item in changes}
        await audit.record(uow, member.actor, "sheet.filled_by_bot", "sheet", sheet.id, now,
                           filled=filled)  # fmt: skip
    return changes


async def gather(
    uow: UnitOfWork,
    year: BlocYear,
    unit_id: int,
    cycle: Cycle,
    now: datetime,
    facts: frozenset[PenaltyFact],
) -> Facts:
    """The unit's facts from the bot's records, looking up only those asked for."""
    assert year.id is not None
    signed_at: datetime | None = None
    late: tuple[Report, ...] | None = None
    if facts & {PenaltyFact.COVENANT_UNSIGNED, PenaltyFact.LATE_REPORT}:
        pledge = await uow.pledges.pledge(year.id, unit_id)
        closes = window_times(year.calendar, WindowKind.PLEDGE, year.year).closes_at
        if pledge is not None and pledge.signed_at is not None and pledge.signed_at <= closes:
            signed_at = pledge.signed_at
        submitted: dict[Report, bool] = {}  # report → submitted late
        if pledge is not None and pledge.submitted_at and pledge.status is not PledgeStatus.DRAFT:
            # A pledge returned by the leader and sent again after the window is not late.
            submitted[Report.PLEDGE] = pledge.submitted_at > closes and not pledge.return_reason
        if cycle is Cycle.ANNUAL:
            midyear = await uow.scores.find_sheet(year.id, unit_id, unit_id, Cycle.MIDYEAR)
            if midyear is not None and midyear.submitted_at is not None:
                window = window_times(year.calendar, WindowKind.MIDYEAR, year.year)
                # A sheet the leader reopened was on time the first time it came.
                on_time = midyear.submitted_at <= window.closes_at or midyear.reopen_reason
                submitted[Report.MIDYEAR] = not on_time
        if submitted:
            late = tuple(report for report, was_late in submitted.items() if was_late)
    absences = None
    if PenaltyFact.CONFERENCE_ABSENCE in facts:
        absences = await _absences(uow, await uow.conferences.for_year(year.id), unit_id, now)
    return Facts(signed_at, absences, late)


async def _absences(
    uow: UnitOfWork, conferences: list[Conference], unit_id: int, now: datetime
) -> tuple[Absence, ...] | None:
    """The held conferences the unit said it would not attend; None if none was held."""
    held = [c for c in conferences if not c.is_cancelled and c.starts_at <= now]
    if not held:
        return None
    absent = []
    for conference in held:
        assert conference.id is not None
        answers = await uow.conferences.rsvps(conference.id)
        if any(rsvp.unit_id == unit_id and rsvp.people == 0 for rsvp in answers):
            absent.append(Absence(conference.kind, conference.starts_at))
    return tuple(absent)
