"""An officer's open tasks. Each feature adds its own kinds; the list is sorted by due date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.policy import is_organiser
from domain.ports import UnitOfWork
from domain.services.members import Membership


class TaskKind(StrEnum):
    BIND_GROUP = "bind-group"
    INVITE_UNITS = "invite-units"


@dataclass(frozen=True)
class Task:
    kind: TaskKind
    due: datetime | None = None
    values: dict[str, object] = field(default_factory=dict)


async def open_tasks(uow: UnitOfWork, member: Membership, now: datetime) -> list[Task]:
    tasks: list[Task] = []
    if is_organiser(member.roles):
        tasks += await _organiser_tasks(uow, member)
    return sorted(tasks, key=lambda task: (task.due is None, task.due or now))


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
    return tasks
