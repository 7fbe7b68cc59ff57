"""Importing a bloc's year: one transaction, idempotent — the same file twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from domain.bloc_spec import BlocSpec
from domain.errors import CriteriaInUse
from domain.model import Bloc, BlocYear, Unit
from domain.ports import UnitOfWork
from domain.services import audit


@dataclass(frozen=True)
class ImportResult:
    bloc: Bloc
    year: BlocYear
    units_added: int
    units_updated: int
    year_created: bool
    year_changed: bool
    bloc_changed: bool = False

    @property
    def changed(self) -> bool:
        return bool(
            self.bloc_changed
            or self.units_added
            or self.units_updated
            or self.year_created
            or self.year_changed
        )


async def import_bloc(uow: UnitOfWork, spec: BlocSpec, now: datetime) -> ImportResult:
    found = await uow.blocs.by_code(spec.code)
    bloc = Bloc(
        spec.code, spec.name, spec.province, found.id if found else None,
        spec.province_kind, spec.kind_word, spec.superior,
    )  # fmt: skip
    bloc_changed = bloc != found
    if bloc_changed:
        bloc = await uow.blocs.save(bloc)
    assert bloc.id is not None
    units, added, updated = await _upsert_units(uow, bloc.id, spec)
    ids = {code: unit.id for code, unit in units.items() if unit.id is not None}
    wanted = BlocYear(
        bloc_id=bloc.id,
        year=spec.year,
        member_unit_ids=[ids[unit.code] for unit in spec.units],
        leader_unit_id=ids[spec.leader],
        deputy_unit_id=ids[spec.deputy] if spec.deputy else None,
        rotation=[ids[code] for code in spec.rotation],
        rules=spec.rules,
        calendar=spec.calendar,
        criteria=spec.criteria,
    )
    existing = await uow.blocs.year(bloc.id, spec.year)
    if existing is not None:
        wanted.id = existing.id
        # The leader's extensions of this year's windows are the year's, not the file's.
        wanted.calendar = replace(wanted.calendar, extended=existing.calendar.extended)
        criteria_changed = existing.criteria != wanted.criteria and existing.id is not None
        if criteria_changed and await uow.scores.any_for_year(existing.id or 0):
            raise CriteriaInUse(year=spec.year)
    year_changed = existing is not None and existing != wanted
    year = await uow.blocs.save_year(wanted) if existing != wanted else existing
    assert year is not None
    result = ImportResult(bloc, year, added, updated, existing is None, year_changed, bloc_changed)
    if result.changed:
        await audit.record(
            uow, None, "bloc.imported", "bloc", bloc.code, now,
            year=spec.year, units_added=added, units_updated=updated,
            year_created=existing is None, year_changed=year_changed,
        )  # fmt: skip
    return result


async def _upsert_units(
    uow: UnitOfWork, bloc_id: int, spec: BlocSpec
) -> tuple[dict[str, Unit], int, int]:
    units = {unit.code: unit for unit in await uow.blocs.units(bloc_id)}
    added = updated = 0
    for unit_spec in spec.units:
        unit = units.get(unit_spec.code)
        wanted = Unit(
            bloc_id, unit_spec.code, unit_spec.name, unit_spec.short_name,
            unit.id if unit else None, unit_spec.head_name, unit_spec.head_position,
        )  # fmt: skip
        if unit is None:
            units[unit_spec.code] = await uow.blocs.save_unit(wanted)
            added += 1
        elif unit != wanted:
            units[unit_spec.code] = await uow.blocs.save_unit(wanted)
            updated += 1
    return units, added, updated
