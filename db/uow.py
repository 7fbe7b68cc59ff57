"""The unit of work: one session and transaction, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.conversations import SqlAppSettings, SqlConversations, SqlProcessedUpdates
from db.repositories import (
    SqlAuditLog,
    SqlBlocRepository,
    SqlGroupRepository,
    SqlInvitationRepository,
    SqlPeopleRepository,
)
from domain.errors import Conflict


class SqlUnitOfWork:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory
        self._session: AsyncSession | None = None

    async def __aenter__(self) -> SqlUnitOfWork:
        session = self._session_factory()
        self._session = session
        self.blocs = SqlBlocRepository(session)
        self.people = SqlPeopleRepository(session)
        self.invitations = SqlInvitationRepository(session)
        self.groups = SqlGroupRepository(session)
        self.audit = SqlAuditLog(session)
        self.updates = SqlProcessedUpdates(session)
        self.conversations = SqlConversations(session)
        self.app_settings = SqlAppSettings(session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            await self._session.rollback()
        finally:
            await self._session.close()
            self._session = None
        if isinstance(exc, IntegrityError):
            # A unique key taken by a concurrent transaction: the caller may retry.
            raise Conflict() from exc

    async def commit(self) -> None:
        assert self._session is not None
        try:
            await self._session.commit()
        except IntegrityError as error:
            raise Conflict() from error

    async def rollback(self) -> None:
        assert self._session is not None
        await self._session.rollback()
