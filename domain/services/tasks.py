"""An officer's open tasks. Each feature adds its own kinds; the list is sorted by due date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.pledges import PledgeStatus
from domain.policy import Permission, allowed, is_organiser
from domain.ports import UnitOfWork
from domain.services.members import Membership
from domain.services.pledge_review import waiting
from domain.services.pledges import pledge_window


class TaskKind(StrEnum):
    BIND_GROUP = "bind-group"
    INVITE_UNITS = "invite-units"
    PLEDGE = "pledge"
    PLEDGE_RETURNED = "pledge-returned"
    REVIEW_PLEDGES = "review-pledges"
    SIGN_COVENANT = "sign-covenant"
    VOTE = "vote"
    BLOCKED_OFFICERS = "blocked-officers"
    SCORE = "score"
    ATTEND = "attend"
    ANSWER_CHANGES = "answer-changes"  # a verification change to agree with or explain
    VERIFY = "verify"
    EXPLANATIONS = "explanations"
    PUBLISH = "publish"
    BALLOTS = "ballots"
    SCHEDULE_REVIEW = "schedule-review"
    HAND_OVER = "hand-over"


@dataclass(frozen=True)
class Task:
    kind: TaskKind
    due: datetime | None = None
    values: dict[str, object] = field(default_factory=dict)


async def tasks_of(uow: UnitOfWork, places: list[Membership], now: datetime) -> list[Task]:
    """The tasks of every year the officer has a place in (the year in review's and the
    current one's, see members.memberships), each once, by due date."""
    tasks: list[Task] = []
    for place in places:
        tasks += [task for task in await open_tasks(uow, place, now) if task not in tasks]
    return sorted(tasks, key=lambda task: (task.due is None, task.due or now))


async def open_tasks(uow: UnitOfWork, member: Membership, now: datetime) -> list[Task]:
    from domain.services import year_tasks  # its tasks are this module's kinds

    tasks: list[Task] = []
    if member.unit is not None and allowed(member.actor, Permission.PLEDGE, member.year):
        tasks += await _pledge_tasks(uow, member, now)
    if allowed(member.actor, Permission.REVIEW_PLEDGES, member.year):
        units = await waiting(uow, member)
        if units:
            names = ", ".join(unit.short_name for unit in units)
            tasks.append(
                Task(TaskKind.REVIEW_PLEDGES, values={"count": len(units), "units": names})
            )
    if member.unit is not None and allowed(member.actor, Permission.VOTE, member.year):
        tasks += await _vote_tasks(uow, member, now)
    if member.unit is not None and allowed(member.actor, Permission.SCORE, member.year):
        tasks += await _score_tasks(uow, member, now)
        tasks += await year_tasks.answer_tasks(uow, member, now)
    if member.unit is not None and allowed(member.actor, Permission.ATTEND, member.year):
        tasks += await _attend_tasks(uow, member, now)
    if is_organiser(member.roles):
        tasks += await _organiser_tasks(uow, member)
        tasks += await year_tasks.organiser_tasks(uow, member, now)
    return sorted(tasks, key=lambda task: (task.due is None, task.due or now))


async def _pledge_tasks(uow: UnitOfWork, member: Membership, now: datetime) -> list[Task]:
    """Register while the window is open (correct a returned pledge even after it), then
    sign the covenant once the leader approved."""
    assert member.unit is not None and member.unit.id is not None and member.year.id is not None
    pledge = await uow.pledges.pledge(member.year.id, member.unit.id)
    window = pledge_window(member.year)
    year = member.year.year
    status = pledge.status if pledge else PledgeStatus.DRAFT
    if status is PledgeStatus.RETURNED and pledge is not None:
        due = window.closes_at if now <= window.closes_at else None
        values = {"year": year, "reason": pledge.return_reason}
        return [Task(TaskKind.PLEDGE_RETURNED, due, values)]
    if status is PledgeStatus.DRAFT and window.is_open(now):
        return [Task(TaskKind.PLEDGE, window.closes_at, {"year": year})]
    if status is PledgeStatus.APPROVED and pledge is not None and pledge.signed_at is None:
        return [Task(TaskKind.SIGN_COVENANT, values={"year": year})]
    return []


async def _organiser_tasks(uow: UnitOfWork, member: Membership) -> list[Task]:
    assert member.bloc.id is not None
    tasks = []
    if not await uow.groups.for_bloc(member.bloc.id):
        tasks.append(Task(TaskKind.BIND_GROUP))
    officers = await uow.people.officers_of_units(member.year.member_unit_ids)
    joined = {officer.unit_id for officer in officers}
    units = {unit.id: unit for unit in await uow.blocs.units(member.bloc.id)}
    missing = [units[uid].short_name for uid in member.year.member_unit_ids if uid not in joined]
    if missing:
        tasks.append(
            Task(TaskKind.INVITE_UNITS, values={"count": len(missing), "units": ", ".join(missing)})
        )
    identities = await uow.people.identities_of([o.id for o in officers if o.id is not None])
    blocked = [i.display_name for i in identities if i.blocked_at is not None]
    if blocked:
        # They miss every reminder and ballot until they unblock the bot and write to it.
        values = {"count": len(blocked), "names": ", ".join(blocked)}
        tasks.append(Task(TaskKind.BLOCKED_OFFICERS, values=values))
    return tasks


async def _vote_tasks(uow: UnitOfWork, member: Membership, now: datetime) -> list[Task]:
    """Every open ballot the unit has not voted in yet, due at its close."""
    assert member.unit is not None and member.year.id is not None
    tasks = []
    for ballot in await uow.ballots.for_year(member.year.id):
        if ballot.id is None or not ballot.is_open(now):
            continue
        if member.unit.id not in await uow.ballots.voted_units(ballot.id):
            tasks.append(Task(TaskKind.VOTE, ballot.closes_at, {"id": ballot.id}))
    return tasks


async def _score_tasks(uow: UnitOfWork, member: Membership, now: datetime) -> list[Task]:
    """Score and submit in the open window, with how far the unit has got."""
    from domain.services.cycle import sheet_laggard  # the cycle imports this module's peers
    from domain.services.scoring import cycle_window, open_cycle

    cycle = open_cycle(member.year, now)
    if cycle is None or member.unit is None or member.unit.id is None:
        return []
    lag = await sheet_laggard(uow, member.year, cycle, member.unit.id)
    if lag is None:
        return []
    values: dict[str, object] = {
        "cycle": cycle.value, "year": member.year.year, "done": lag.done, "total": lag.total,
    }  # fmt: skip
    return [Task(TaskKind.SCORE, cycle_window(member.year, cycle).closes_at, values)]


async def _attend_tasks(uow: UnitOfWork, member: Membership, now: datetime) -> list[Task]:
    """Answer who attends each coming conference the unit has not answered yet."""
    assert member.unit is not None and member.year.id is not None
    tasks = []
    for conference in await uow.conferences.for_year(member.year.id):
        if conference.is_cancelled or conference.id is None or now >= conference.starts_at:
            continue
        answered = {r.unit_id for r in await uow.conferences.rsvps(conference.id)}
        if member.unit.id not in answered:
            values: dict[str, object] = {"kind": conference.kind.value, "year": member.year.year}
            tasks.append(Task(TaskKind.ATTEND, conference.starts_at, values))
    return tasks
