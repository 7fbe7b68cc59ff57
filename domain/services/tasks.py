"""An officer's open tasks. Each feature adds its own kinds; the list is sorted by due date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.model import Role
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


_ORGANISERS = frozenset({Role.ADMIN, Role.LEADER, Role.DEPUTY})


async def open_tasks(uow: UnitOfWork, member: Membership, now: datetime) -> list[Task]:
    tasks: list[Task] = []
    if member.roles & _ORGANISERS:
        tasks += await _organiser_tasks(uow, member)
    return sorted(tasks, key=lambda task: (task.due is None, task.due or now))


async def _organiser_tasks(uow: UnitOfWork, member: Membership) -> list[Task]:
    assert member.bloc.id is not None
    tasks = []
    if not await uow.groups.for_bloc(member.bloc.id):
        tasks.append(Task(TaskKind.BIND_GROUP))
    officers = await uow.people.officers_of_units(member.year.member_unit_ids)
    joined = {officer.unit_id for officer in officers}
    missing = [unit_id for unit_id in member.year.member_unit_ids if unit_id not in joined]
    if missing:
        names = []
        for unit_id in missing:
            unit = await uow.blocs.unit(unit_id)
            names.append(unit.short_name if unit else str(unit_id))
        tasks.append(
            Task(TaskKind.INVITE_UNITS, values={"count": len(missing), "units": ", ".join(names)})
        )
    return tasks
