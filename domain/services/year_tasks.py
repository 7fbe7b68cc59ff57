"""The tasks the year brings after the windows, each with its deadline.

The leader and deputy: verify the submitted sheets (3/5), read the units' explanations,
publish the ranking once the window has closed, set up the award ballots, schedule the
annual review (tổng kết) and hand over at it. A cycle's review is due by its conference
(sơ kết, tổng kết): the one scheduled, else the day the bot proposes for it; the conference
itself should be scheduled a week ahead, when the first reminder goes out.

A unit: agree with or explain the verification's changes to its sheet while it may."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.ballots import BallotKind
from domain.conferences import Conference, ConferenceKind, proposed_start
from domain.cycle import cycle_over, handover_opens, window_end
from domain.model import BlocYear, Role
from domain.policy import Permission, allowed
from domain.ports import UnitOfWork
from domain.services.members import Membership
from domain.services.tasks import Task, TaskKind
from domain.settings import LeaderSelection
from domain.summary import Cycle
from domain.windows import WindowKind, window_times

AWARD_BALLOTS = (BallotKind.FLAG, BallotKind.MERIT)
ELECTED_BALLOTS = (BallotKind.LEADER, BallotKind.DEPUTY)
_CONFERENCE_OF = {Cycle.MIDYEAR: ConferenceKind.MIDYEAR, Cycle.ANNUAL: ConferenceKind.ANNUAL}


async def organiser_tasks(uow: UnitOfWork, member: Membership, now: datetime) -> list[Task]:
    """The leader's and deputy's tasks of the year (the board oversees, it is not asked)."""
    year = member.year
    if not member.roles & {Role.LEADER, Role.DEPUTY} or cycle_over(year.year, now):
        return []
    assert year.id is not None
    conferences = [c for c in await uow.conferences.for_year(year.id) if not c.is_cancelled]
    annual = window_times(year.calendar, WindowKind.ANNUAL, year.year)
    # The mid-year review is the business of the months before the annual window.
    cycle = Cycle.MIDYEAR if now < annual.opens_at else Cycle.ANNUAL
    tasks = await _review_tasks(uow, member, cycle, _review_due(year, cycle, conferences), now)
    if cycle is Cycle.MIDYEAR:
        return tasks
    review = _conference(conferences, ConferenceKind.ANNUAL)
    due = _review_due(year, Cycle.ANNUAL, conferences)
    values: dict[str, object] = {"year": year.year}
    if review is None and allowed(member.actor, Permission.RUN_CONFERENCES, year):
        invite_by = due - max(year.calendar.conference_reminders, default=timedelta(0))
        tasks.append(Task(TaskKind.SCHEDULE_REVIEW, invite_by, values))
    if await uow.scores.published_at(year.id, Cycle.ANNUAL) is None:
        return tasks
    missing = await _ballots_missing(uow, year)
    if missing and allowed(member.actor, Permission.RUN_BALLOTS, year):
        kinds = ",".join(kind.value for kind in missing)
        tasks.append(Task(TaskKind.BALLOTS, due, values | {"kinds": kinds}))
    if now >= handover_opens(year) and allowed(member.actor, Permission.HAND_OVER, year):
        from domain.services.handover import handed  # the handover reads the ballots' results

        if not await handed(uow, year):
            tasks.append(Task(TaskKind.HAND_OVER, due, values | {"next": year.year + 1}))
    return tasks


async def answer_tasks(uow: UnitOfWork, member: Membership, now: datetime) -> list[Task]:
    """The verification's changes the unit may still agree with or explain, per cycle, due
    when the first of them stops being open."""
    from domain.services.answers import own_review  # verification reads the whole cycle

    year, unit = member.year, member.unit
    if unit is None or unit.id is None or not allowed(member.actor, Permission.SCORE, year):
        return []
    assert year.id is not None
    tasks = []
    for cycle in (Cycle.MIDYEAR, Cycle.ANNUAL):
        sheet = await uow.scores.find_sheet(year.id, unit.id, unit.id, cycle)
        if sheet is None or all(entry.answer is not None for entry in sheet.changes()):
            continue  # nothing unanswered: no need to read the others' sheets
        if await uow.scores.published_at(year.id, cycle) is not None:
            continue  # the ranking is final
        review = await own_review(uow, member, cycle)
        dues = [due for entry in review.awaiting(now) if (due := review.answer_due(entry))]
        if dues:
            values = {"cycle": cycle.value, "year": year.year, "count": len(dues)}
            tasks.append(Task(TaskKind.ANSWER_CHANGES, min(dues), values))
    return tasks


async def _review_tasks(
    uow: UnitOfWork, member: Membership, cycle: Cycle, due: datetime, now: datetime
) -> list[Task]:
    """Verify what was submitted, read the explanations, publish after the close."""
    from domain.services.verification import board_of  # verification reads the whole cycle

    year = member.year
    assert year.id is not None
    window = window_times(year.calendar, WindowKind(cycle.value), year.year)
    if now < window.opens_at or await uow.scores.published_at(year.id, cycle) is not None:
        return []
    tasks = []
    values: dict[str, object] = {"cycle": cycle.value, "year": year.year}
    if allowed(member.actor, Permission.VERIFY_SCORES, year):
        board = await board_of(uow, member, cycle)
        if board.verified_count < board.ready_count:
            counts = {"verified": board.verified_count, "ready": board.ready_count}
            tasks.append(Task(TaskKind.VERIFY, due, values | counts))
        explained = [r.unit.short_name for r in board.units if r.explained() and not r.verified]
        if explained:
            units = {"count": len(explained), "units": ", ".join(explained)}
            tasks.append(Task(TaskKind.EXPLANATIONS, due, values | units))
    if now >= window_end(window) and allowed(member.actor, Permission.PUBLISH_RANKING, year):
        tasks.append(Task(TaskKind.PUBLISH, due, values))
    return tasks


def _review_due(year: BlocYear, cycle: Cycle, conferences: list[Conference]) -> datetime:
    kind = _CONFERENCE_OF[cycle]
    scheduled = _conference(conferences, kind)
    return scheduled.starts_at if scheduled else proposed_start(kind, year.year, year.calendar)


def _conference(conferences: list[Conference], kind: ConferenceKind) -> Conference | None:
    return next((c for c in conferences if c.kind is kind), None)


async def _ballots_missing(uow: UnitOfWork, year: BlocYear) -> list[BallotKind]:
    """The annual review's ballots not yet opened: the awards, and next year's leader and
    deputy where the bloc elects them."""
    assert year.id is not None
    held = {ballot.kind for ballot in await uow.ballots.for_year(year.id)}
    wanted = list(AWARD_BALLOTS)
    if year.rules.leader_selection is LeaderSelection.ELECTION:
        wanted += ELECTED_BALLOTS
    return [kind for kind in wanted if kind not in held]
