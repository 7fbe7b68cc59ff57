"""Builds the running parts from settings: engine, unit of work factory, the bot app."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import BotApp, SystemClock
from bot.context import BotConfig, BotUnitOfWork
from bot.settings import Settings
from db.engine import create_engine, session_factory
from db.migrate import upgrade
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
        await self.engine.dispose()


async def build_runtime(
    settings: Settings, clock: Clock | None = None, migrate: bool = True
) -> Runtime:
    engine = create_engine(settings.database_url)
    if migrate:
        await upgrade(engine)
    sessions = session_factory(engine)

    def uow_factory() -> BotUnitOfWork:
        return SqlUnitOfWork(sessions)

    clock = clock or SystemClock()
    config = BotConfig(
        invite_ttl_days=settings.invite_ttl_days,
        telegram_username=settings.telegram_bot_username,
        public_base_url=settings.public_base_url,
        file_link_hours=settings.file_link_hours,
        web_pages=settings.web_pages,
    )
    return Runtime(settings, engine, clock, BotApp(uow_factory, clock, config))
