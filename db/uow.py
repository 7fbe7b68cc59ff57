"""The unit of work: one session and transaction, rolled back unless committed."""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable
from types import TracebackType

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.ballots import SqlBallotRepository
from db.conferences import SqlConferenceRepository, SqlEventLog
from db.conversations import SqlAppSettings, SqlConversations, SqlProcessedUpdates
from db.documents import SqlDocumentRegister
from db.engine import HELD
from db.files import SqlFileStore
from db.outbox import SqlOutbox
from db.pledges import SqlPledgeRepository
from db.repositories import (
    SqlAuditLog,
    SqlBlocRepository,
    SqlGroupRepository,
    SqlInvitationRepository,
    SqlPeopleRepository,
)
from db.scores import SqlScoreRepository
from db.sealing import Sealer
from db.web_access import SqlWebAccess
from domain.errors import Conflict, StorageUnavailable


class SqlUnitOfWork:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], sealer: Sealer | None = None
    ) -> None:
        self._session_factory = session_factory
        self._sealer = sealer  # what a database insider must not read (db/sealing.py)
        self._session: AsyncSession | None = None
        self._after_commit: list[Callable[[], None]] = []

    async def __aenter__(self) -> SqlUnitOfWork:
        self._after_commit = []
        self._session = self._session_factory()
        self._repositories(self._session)
        return self

    def _repositories(self, session: AsyncSession) -> None:
        """Fresh repositories: what they remember of this transaction starts empty."""
        self.blocs = SqlBlocRepository(session)
        self.people = SqlPeopleRepository(session)
        self.invitations = SqlInvitationRepository(session)
        self.groups = SqlGroupRepository(session)
        self.audit = SqlAuditLog(session)
        self.scores = SqlScoreRepository(session)
        self.pledges = SqlPledgeRepository(session)
        self.ballots = SqlBallotRepository(session, self._sealer)
        self.conferences = SqlConferenceRepository(session)
        self.events = SqlEventLog(session)
        self.documents = SqlDocumentRegister(session)
        self.files = SqlFileStore(session)
        self.conversations = SqlConversations(session)
        self.updates = SqlProcessedUpdates(
            session, self.conversations, self.people, self.blocs, self.groups
        )
        self.app_settings = SqlAppSettings(session)
        self.outbox = SqlOutbox(session, sealer=self._sealer)
        self.web_access = SqlWebAccess(session, self._sealer)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            await self._session.rollback()
        except Exception as error:
            if exc is None and not is_unavailable(error):
                raise
            # The connection went down with the transaction: there is nothing left to undo.
            exc = exc or error
        finally:
            await self._session.close()
            self._session = None
        if isinstance(exc, IntegrityError) and is_unique_violation(exc):
            # A unique key taken by a concurrent transaction: the caller may retry.
            raise Conflict() from exc
        if isinstance(exc, OperationalError) and is_busy(exc):
            # SQLite's write lock not granted within busy_timeout: retried afresh, not lost.
            raise Conflict() from exc
        if exc is not None and is_unavailable(exc):
            raise StorageUnavailable() from exc

    async def commit(self) -> None:
        assert self._session is not None
        try:
            await self._session.commit()
        except IntegrityError as error:
            if is_unique_violation(error):
                raise Conflict() from error
            raise
        except OperationalError as error:
            if is_busy(error):
                raise Conflict() from error
            raise
        actions, self._after_commit = self._after_commit, []
        for action in actions:
            action()

    def on_commit(self, action: Callable[[], None]) -> None:
        self._after_commit.append(action)

    async def rollback(self) -> None:
        """Undo everything so far; the unit of work goes on in a new transaction."""
        assert self._session is not None
        await self._session.rollback()
        self._session.expunge_all()  # rows read before are read afresh
        self._session.info.pop(HELD, None)
        self._after_commit.clear()
        self._repositories(self._session)


def is_unique_violation(error: IntegrityError) -> bool:
    """Only a taken unique key is a race worth retrying; other integrity errors are bugs."""
    original = error.orig
    code = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    return code == "23505" or "UNIQUE constraint failed" in str(original)


def is_unavailable(error: BaseException) -> bool:
    """The database is out of reach, not refusing this transaction: a dropped or refused
    connection, or a server shutting down. Worth trying again later, unchanged."""
    if isinstance(error, DBAPIError):
        if error.connection_invalidated:
            return True
        if isinstance(error, OperationalError) and is_busy(error):
            return False
        if isinstance(error, OperationalError):
            return True
        error = error.orig or error
    # SQLSTATE class 08 (connection exception) and 57P (shutting down, starting up).
    state = str(getattr(error, "sqlstate", "") or "")
    if state.startswith(("08", "57P")):
        return True
    # A name that does not resolve, a network that is down, every pooled connection busy.
    # Not any OSError: a missing file is a fault in the bot, not worth a redelivery.
    if isinstance(error, (ConnectionError, TimeoutError, socket.gaierror, PoolTimeout)):
        return True
    return isinstance(error, OSError) and error.errno in _NETWORK_DOWN


_NETWORK_DOWN = {errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTDOWN}


def is_busy(error: OperationalError) -> bool:
    """SQLite's "database is locked": another writer held the lock past busy_timeout."""
    return "database is locked" in str(error.orig)
