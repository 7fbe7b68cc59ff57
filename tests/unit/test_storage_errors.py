"""Which database failures mean "out of reach, try again" (StorageUnavailable) and which are
a refusal of this transaction or a fault in the bot (never retried as an outage)."""

from __future__ import annotations

import errno
import socket
import sqlite3

import asyncpg
import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from db.uow import is_busy, is_unavailable


def wrapped(kind: type[DBAPIError], original: Exception, invalidated: bool = False) -> DBAPIError:
    return kind("SELECT 1", {}, original, connection_invalidated=invalidated)


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connection refused"),
        ConnectionResetError(104, "Connection reset by peer"),
        TimeoutError(),
        asyncpg.CannotConnectNowError("the database system is starting up"),
        asyncpg.AdminShutdownError("terminating connection due to administrator command"),
        wrapped(DBAPIError, Exception("connection is closed"), invalidated=True),
        wrapped(OperationalError, sqlite3.OperationalError("disk I/O error")),
        wrapped(DBAPIError, asyncpg.ConnectionDoesNotExistError("connection was closed")),
        socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
        OSError(errno.EHOSTUNREACH, "No route to host"),
        PoolTimeout("QueuePool limit of size 5 overflow 10 reached"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_out_of_reach(error: Exception) -> None:
    assert is_unavailable(error)


@pytest.mark.parametrize(
    "error",
    [
        wrapped(OperationalError, sqlite3.OperationalError("database is locked")),
        wrapped(IntegrityError, sqlite3.IntegrityError("UNIQUE constraint failed: x.y")),
        wrapped(ProgrammingError, sqlite3.ProgrammingError("Error binding parameter 1")),
        ValueError("a bug"),
        KeyError("a bug"),
        FileNotFoundError(errno.ENOENT, "No such file or directory"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_not_an_outage(error: Exception) -> None:
    assert not is_unavailable(error)


def test_sqlites_lock_is_a_busy_writer_not_an_outage() -> None:
    error = wrapped(OperationalError, sqlite3.OperationalError("database is locked"))
    assert isinstance(error, OperationalError) and is_busy(error)
