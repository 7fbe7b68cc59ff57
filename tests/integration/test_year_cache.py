"""A year's members and criteria are kept between transactions, and never served stale: a
save renews the year's revision, a rollback leaves the committed table in force."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.context import BotUnitOfWork
from domain.criteria import Criterion, Section
from domain.model import BlocYear
from tests.integration.test_repositories import import_sample

UowFactory = Callable[[], BotUnitOfWork]


async def current(uow_factory: UowFactory, bloc_id: int) -> BlocYear:
    async with uow_factory() as uow:
        year = await uow.blocs.current_year(bloc_id)
    assert year is not None
    return year


def renamed_first_item(year: BlocYear, title: str) -> BlocYear:
    assert year.criteria is not None
    first = year.criteria.sections[0]
    item = replace(first.items[0], title=title)
    section = Section(first.code, first.title, (item, *first.items[1:]))
    table = replace(year.criteria, sections=(section, *year.criteria.sections[1:]))
    return replace(year, criteria=table)


async def test_a_second_read_of_the_year_is_one_statement(
    engine: AsyncEngine, uow_factory: UowFactory
) -> None:
    result = await import_sample(uow_factory)
    bloc_id = result.year.bloc_id
    await current(uow_factory, bloc_id)
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine.sync_engine, "before_cursor_execute", listener)
    try:
        year = await current(uow_factory, bloc_id)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", listener)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 1 and "bloc_years" in reads[0]
    assert year == result.year


async def test_a_saved_change_is_seen_at_once(uow_factory: UowFactory) -> None:
    result = await import_sample(uow_factory)
    bloc_id = result.year.bloc_id
    before = await current(uow_factory, bloc_id)
    async with uow_factory() as uow:
        changed = renamed_first_item(before, "Tiêu chí đã sửa")
        changed = replace(changed, member_unit_ids=before.member_unit_ids[:-1])
        await uow.blocs.save_year(changed)
        await uow.commit()
    after = await current(uow_factory, bloc_id)
    assert after.criteria is not None
    assert after.criteria.sections[0].items[0].title == "Tiêu chí đã sửa"
    assert after.member_unit_ids == before.member_unit_ids[:-1]


async def test_a_rolled_back_change_is_never_served(uow_factory: UowFactory) -> None:
    result = await import_sample(uow_factory)
    bloc_id = result.year.bloc_id
    before = await current(uow_factory, bloc_id)
    async with uow_factory() as uow:
        await uow.blocs.save_year(renamed_first_item(before, "Không lưu"))
        seen = await uow.blocs.current_year(bloc_id)  # read inside: the new table
        assert seen is not None and seen.criteria is not None
        assert seen.criteria.sections[0].items[0].title == "Không lưu"
        # no commit
    after = await current(uow_factory, bloc_id)
    assert after == before


async def test_a_year_read_is_a_fresh_object(uow_factory: UowFactory) -> None:
    """Callers may change what they got (member lists are lists) without touching the
    kept copy."""
    result = await import_sample(uow_factory)
    first = await current(uow_factory, result.year.bloc_id)
    first.member_unit_ids.append(999)
    second = await current(uow_factory, result.year.bloc_id)
    assert 999 not in second.member_unit_ids
    assert second.criteria is not None
    assert second.criteria.items_total == Decimal(100)
    assert isinstance(second.criteria.sections[0].items[0], Criterion)
