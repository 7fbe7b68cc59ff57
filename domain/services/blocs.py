"""What an officer sees of the bloc: its year, leader and deputy, units and who has joined."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from domain.model import Bloc, BlocYear, GroupChat, Role, Unit
from domain.policy import Permission, require
from domain.ports import UnitOfWork
from domain.services.members import Membership


@dataclass(frozen=True)
class UnitStatus:
    unit: Unit
    role: Role
    officers: int

    @property
    def joined(self) -> bool:
        return self.officers > 0


@dataclass(frozen=True)
class BlocOverview:
    bloc: Bloc
    year: BlocYear
    units: tuple[UnitStatus, ...]
    groups: tuple[GroupChat, ...]
    viewer_unit: Unit | None

    @property
    def leader(self) -> UnitStatus:
        return next(status for status in self.units if status.role is Role.LEADER)

    @property
    def deputy(self) -> UnitStatus | None:
        return next((status for status in self.units if status.role is Role.DEPUTY), None)

    @property
    def joined_count(self) -> int:
        return sum(status.joined for status in self.units)


async def overview(uow: UnitOfWork, member: Membership) -> BlocOverview:
    require(member.actor, Permission.VIEW_BLOC, member.year)
    year = member.year
    assert member.bloc.id is not None
    officers = Counter(o.unit_id for o in await uow.people.officers_of_units(year.member_unit_ids))
    units = {unit.id: unit for unit in await uow.blocs.units(member.bloc.id)}
    statuses = [
        UnitStatus(units[unit_id], year.role_of(unit_id) or Role.OFFICER, officers[unit_id])
        for unit_id in year.member_unit_ids
    ]
    groups = await uow.groups.for_bloc(member.bloc.id)
    return BlocOverview(member.bloc, year, tuple(statuses), tuple(groups), member.unit)
