"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.context import BotUnitOfWork
from db.migrate import alembic_config, current_revision, downgrade, upgrade
from db.models import Base
from tests.integration.test_repositories import import_sample


async def test_database_is_at_the_newest_revision(engine: AsyncEngine) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert await current_revision(engine) == head


async def test_migrations_match_the_models(engine: AsyncEngine) -> None:
    def diff(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with engine.connect() as connection:
        assert await connection.run_sync(diff) == []


async def test_upgrading_twice_changes_nothing(engine: AsyncEngine) -> None:
    await upgrade(engine)
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert await current_revision(engine) == head


async def test_0010_stamps_the_years_of_a_live_database(
    engine: AsyncEngine, uow_factory: Callable[[], BotUnitOfWork]
) -> None:
    """Upgraded with a bloc in it: every year gets a stamp of its own, nothing else moves,
    and the year reads back as before. (On SQLite the downgrade's table rebuild deleted the
    year's members and criteria through ON DELETE CASCADE, until migrations ran with
    foreign keys off.)"""
    result = await import_sample(uow_factory)
    async with uow_factory() as uow:
        other = await uow.blocs.save_year(replace(result.year, year=2023, id=None))
        await uow.commit()
    await downgrade(engine, "0009")
    await upgrade(engine)
    async with engine.connect() as connection:
        rows = (await connection.execute(text("SELECT id, revision FROM bloc_years"))).all()
    stamps: dict[int, str] = {int(row[0]): str(row[1]) for row in rows}
    assert set(stamps) == {result.year.id, other.id}
    assert all(len(stamp) == 16 for stamp in stamps.values())
    assert len(set(stamps.values())) == 2
    async with uow_factory() as uow:
        back = await uow.blocs.year(result.year.bloc_id, 2022)
    # The penalties' fact tags live in a column of a later revision (0011_fastentry), which
    # the downgrade to 0009 dropped with its values; everything else reads back as before.
    assert back is not None and back.criteria is not None and result.year.criteria is not None
    assert back.criteria.penalties == tuple(
        replace(penalty, fact=None) for penalty in result.year.criteria.penalties
    )
    tagged = replace(back.criteria, penalties=result.year.criteria.penalties)
    assert replace(back, criteria=tagged) == result.year
