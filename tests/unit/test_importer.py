"""Importing a bloc's year: creates what is missing, the same file twice changes nothing,
and next year's file keeps the past years readable."""

from __future__ import annotations

import copy
import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from domain.bloc_spec import BlocSpec, parse_bloc_spec
from domain.model import Bloc, Unit
from domain.services.importer import import_bloc
from imports.yaml_source import read_yaml
from tests.samples import sample_yaml
from tests.unit.fakes import SAMPLE_BLOC, FakeClock, FakeUnitOfWork


def sample_raw() -> dict[str, Any]:
    data, _where = read_yaml(sample_yaml())
    return data


def spec_of(raw: dict[str, Any]) -> BlocSpec:
    return parse_bloc_spec(raw)


def next_year_raw() -> dict[str, Any]:
    """2023: the radio and television station leads, Sở TN&MT is deputy, Sở Công Thương has
    left the bloc and Sở Văn hóa has joined."""
    raw = sample_raw()
    raw["bloc"].update(year=2023, leader="PTTH", deputy="STN", rotation=None)
    raw["units"] = [unit for unit in raw["units"] if unit["code"] != "SCT"]
    raw["units"].append({"code": "SVH", "name": "Sở Văn hóa, Thể thao và Du lịch"})
    return raw


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


async def bloc_and_units(uow: FakeUnitOfWork) -> tuple[Bloc, dict[str, Unit]]:
    bloc = await uow.blocs.by_code(SAMPLE_BLOC)
    assert bloc is not None and bloc.id is not None
    return bloc, {unit.code: unit for unit in await uow.blocs.units(bloc.id)}


async def test_import_creates_the_bloc_its_units_and_year(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    spec = spec_of(sample_raw())
    result = await import_bloc(uow, spec, clock.now())

    assert (result.units_added, result.units_updated) == (5, 0)
    assert (result.year_created, result.year_changed, result.changed) == (True, False, True)
    bloc, units = await bloc_and_units(uow)
    assert bloc == result.bloc
    assert (bloc.name, bloc.province) == ("Khối thi đua Khối 7", "Trà Vinh")
    assert list(units) == ["SNN", "STN", "SGT", "SCT", "PTTH"]
    assert units["PTTH"].short_name == "Đài PT-TH"
    assert all(unit.bloc_id == bloc.id for unit in units.values())

    assert bloc.id is not None
    year = await uow.blocs.year(bloc.id, 2022)
    assert year is not None and year == result.year
    ids = {code: unit.id for code, unit in units.items()}
    assert year.member_unit_ids == [ids[c] for c in ("SNN", "STN", "SGT", "SCT", "PTTH")]
    assert (year.leader_unit_id, year.deputy_unit_id) == (ids["SNN"], ids["PTTH"])
    assert year.rotation == [ids[c] for c in ("SNN", "PTTH", "STN", "SGT", "SCT")]
    assert (year.rules, year.calendar, year.criteria) == (spec.rules, spec.calendar, spec.criteria)
    assert await uow.blocs.current_year(bloc.id) == year

    [entry] = await uow.audit.entries()
    assert (entry.action, entry.entity, entry.entity_id) == ("bloc.imported", "bloc", SAMPLE_BLOC)
    assert (entry.actor_officer_id, entry.channel, entry.at) == (None, "cli", clock.now())
    assert entry.details == {
        "year": 2022,
        "units_added": 5,
        "units_updated": 0,
        "year_created": True,
        "year_changed": False,
    }


async def test_the_same_file_twice_changes_nothing(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    first = await import_bloc(uow, spec_of(sample_raw()), clock.now())
    before = copy.deepcopy(uow.store)

    again = await import_bloc(uow, spec_of(sample_raw()), clock.now())

    assert again.changed is False
    assert (again.units_added, again.units_updated) == (0, 0)
    assert (again.year_created, again.year_changed) == (False, False)
    assert (again.bloc, again.year) == (first.bloc, first.year)
    assert uow.store == before  # not even an audit line


async def test_a_renamed_unit_is_updated(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    await import_bloc(uow, spec_of(sample_raw()), clock.now())
    raw = sample_raw()
    raw["units"][3].update(name="Sở Công Thương tỉnh Trà Vinh", short_name="SCT Trà Vinh")

    result = await import_bloc(uow, spec_of(raw), clock.now())

    assert (result.units_added, result.units_updated, result.changed) == (0, 1, True)
    assert (result.year_created, result.year_changed) == (False, False)
    _, units = await bloc_and_units(uow)
    assert (units["SCT"].name, units["SCT"].short_name) == (
        "Sở Công Thương tỉnh Trà Vinh",
        "SCT Trà Vinh",
    )
    assert len(units) == 5
    entries = await uow.audit.entries("bloc")
    assert len(entries) == 2 and entries[-1].details["units_updated"] == 1


async def test_a_changed_rule_updates_the_same_year(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    first = await import_bloc(uow, spec_of(sample_raw()), clock.now())
    raw = sample_raw()
    raw["rules"]["threshold"] = 0.8

    result = await import_bloc(uow, spec_of(raw), clock.now())

    assert (result.year_created, result.year_changed, result.changed) == (False, True, True)
    assert result.year.id == first.year.id
    assert len(uow.store.years) == 1
    assert first.bloc.id is not None
    stored = await uow.blocs.year(first.bloc.id, 2022)
    assert stored is not None and stored.rules.threshold == Decimal("0.8")
    assert [e.details["year_changed"] for e in await uow.audit.entries()] == [False, True]


async def test_next_year_keeps_the_past_year_readable(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    await import_bloc(uow, spec_of(sample_raw()), clock.now())

    result = await import_bloc(uow, spec_of(next_year_raw()), clock.now())

    assert (result.units_added, result.units_updated, result.year_created) == (1, 0, True)
    bloc, units = await bloc_and_units(uow)
    assert bloc.id is not None
    ids = {code: unit.id for code, unit in units.items()}
    assert list(units) == ["SNN", "STN", "SGT", "SCT", "PTTH", "SVH"]  # SCT stays, for 2022

    past = await uow.blocs.year(bloc.id, 2022)
    assert past is not None
    assert past.member_unit_ids == [ids[c] for c in ("SNN", "STN", "SGT", "SCT", "PTTH")]
    assert (past.leader_unit_id, past.deputy_unit_id) == (ids["SNN"], ids["PTTH"])

    current = await uow.blocs.current_year(bloc.id)
    assert current is not None and current == result.year
    assert current.year == 2023
    assert current.member_unit_ids == [ids[c] for c in ("SNN", "STN", "SGT", "PTTH", "SVH")]
    assert (current.leader_unit_id, current.deputy_unit_id) == (ids["PTTH"], ids["STN"])
    assert current.rotation == current.member_unit_ids  # no rotation given: the roster
    assert current.id != past.id

    # Re-importing the past year afterwards changes nothing and 2023 stays current.
    before = copy.deepcopy(uow.store)
    again = await import_bloc(uow, spec_of(sample_raw()), clock.now())
    assert again.changed is False and uow.store == before
    assert await uow.blocs.current_year(bloc.id) == current


async def test_a_failed_import_leaves_nothing(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    spec = spec_of(sample_raw())
    broken = dataclasses.replace(spec, leader="KHONG")  # past validation, by hand
    with pytest.raises(KeyError):
        async with uow:
            await import_bloc(uow, broken, clock.now())
            await uow.commit()
    assert uow.store == FakeUnitOfWork().store


async def test_a_renamed_bloc_is_a_change(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    await import_bloc(uow, spec_of(sample_raw()), clock.now())
    raw = sample_raw()
    raw["bloc"]["name"] = "Khối thi đua các sở kinh tế"

    result = await import_bloc(uow, spec_of(raw), clock.now())

    bloc, _ = await bloc_and_units(uow)
    assert bloc.name == "Khối thi đua các sở kinh tế"  # saved...
    assert len(await uow.audit.entries()) == 2  # ...and logged...
    assert result.changed is True  # ...but not reported
