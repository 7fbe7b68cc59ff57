"""Builds the running parts from settings: engine, unit of work factory, the bot app."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import BotApp
from bot.clocks import SystemClock
from bot.context import BotConfig, BotUnitOfWork
from bot.settings import Settings
from db.engine import create_engine, session_factory
from db.migrate import upgrade
from db.sealing import KEY_FILE_SUFFIX, Sealer, key_file_secret
from db.uow import SqlUnitOfWork
from domain.ports import Clock


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    clock: Clock
    app: BotApp

    def uow(self) -> BotUnitOfWork:
        return self.app.uow_factory()

    async def close(self) -> None:
        await self.app.live_counts.settled()  # the counts of votes already in are posted
        await self.engine.dispose()


class NoBallotSecret(RuntimeError):
    """PostgreSQL without BALLOT_SECRET: secret ballots could not be kept secret."""


def ballot_sealer(settings: Settings) -> Sealer:
    """BALLOT_SECRET when set. Otherwise a SQLite bot's own key file beside its database
    (an in-memory database, a key of the moment); a PostgreSQL one has none to fall back on:
    its workers may run on several machines, and the database must not hold the key."""
    if settings.ballot_secret is not None:
        return Sealer(settings.ballot_secret.get_secret_value().encode())
    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite":
        raise NoBallotSecret(
            "BALLOT_SECRET is not set: with PostgreSQL every worker needs the same secret "
            "(at least 16 characters) to keep secret ballots secret"
        )
    if not url.database or url.database == ":memory:":
        return Sealer(secrets.token_bytes(32))
    return Sealer(key_file_secret(Path(url.database + KEY_FILE_SUFFIX)))


async def build_runtime(
    settings: Settings, clock: Clock | None = None, migrate: bool = True, keyed: bool = True
) -> Runtime:
    """`keyed`: the app's signing key read (on a new database, made) at once; not for
    `main.py migrate`, which leaves a new database empty for `import-data`."""
    sealer = ballot_sealer(settings)
    engine = create_engine(settings.database_url, settings.database_pool_size)
    if migrate:
        await upgrade(engine)
    sessions = session_factory(engine)

    def uow_factory() -> BotUnitOfWork:
        return SqlUnitOfWork(sessions, sealer)

    clock = clock or SystemClock()
    config = BotConfig(
        invite_ttl_days=settings.invite_ttl_days,
        telegram_username=settings.telegram_bot_username,
        public_base_url=settings.public_base_url,
        file_link_hours=settings.file_link_hours,
        web_pages=settings.web_pages,
    )
    app = BotApp(uow_factory, clock, config)
    # Read once before any unit of work: a notice asks for it inside one, where a second
    # unit of work would wait for a SQLite worker's one connection, held by the first.
    if keyed:
        await app.codec()
    return Runtime(settings, engine, clock, app)
