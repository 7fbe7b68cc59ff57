"""Bring a database to the newest schema with Alembic, inside the running event loop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATE_LOCK = 740_318_203  # beside the scheduler's lock key (db/leader.py)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    await _migrate(engine, command.upgrade, revision)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    await _migrate(engine, command.downgrade, revision)


async def _migrate(engine: AsyncEngine, step: Callable[[Config, str], None], revision: str) -> None:
    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        step(config, revision)

    async with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite's batch migrations rebuild a table (copy, drop, rename). With foreign keys
            # enforced, dropping the old table deletes every row that refers to it (ON DELETE
            # CASCADE): a year's members and criteria went with a change to bloc_years. The
            # pragma only takes effect outside a transaction, hence the driver's own cursor.
            await connection.run_sync(_foreign_keys, False)
        try:
            async with connection.begin():
                if connection.dialect.name == "postgresql":
                    # Workers started together each migrate on start: one at a time, the
                    # others then find the schema up to date. Released when this ends.
                    await connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK}
                    )
                await connection.run_sync(run)
        finally:
            if sqlite:
                await connection.run_sync(_foreign_keys, True)


def _foreign_keys(connection: Connection, enforced: bool) -> None:
    cursor = connection.connection.cursor()
    cursor.execute(f"PRAGMA foreign_keys={'ON' if enforced else 'OFF'}")
    cursor.close()


async def current_revision(engine: AsyncEngine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as connection:
        return await connection.run_sync(read)
