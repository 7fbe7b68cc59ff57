"""What the Zalo Official Account channel keeps: its token pair, renewed one worker at a time
and stored in one statement, and when each person last wrote (Zalo's reply window runs from
then). Kept apart from db.models, which imports this module at its end so that
Base.metadata, and Alembic with it, sees these tables."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, String, Text, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Mapped, mapped_column

from db.engine import session_factory
from db.models import Base, OutboxMessageRow

CHANNEL = "zalo_oa"
# The outbox's note on a message held until its reader writes to the OA again.
WAITING_FOR_CONTACT = "outside the reply window: waiting for the person to write"


class ZaloOATokenRow(Base):
    """The app's token pair, renewed in place: the refresh token is single-use, so the new
    pair replaces the old in one statement, before the new access token is used."""

    __tablename__ = "zalo_oa_tokens"
    app_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    access_token: Mapped[str] = mapped_column(Text, default="")
    refresh_token: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime]
    renewed_at: Mapped[datetime | None]
    refused_at: Mapped[datetime | None]  # Zalo refused the refresh token: the channel waits
    refused_reason: Mapped[str] = mapped_column(Text, default="")
    # The SHA-256 of the configured refresh token last stored: a restart with the same one
    # (long spent by a renewal) keeps the live pair; another one is the operator's new grant.
    configured: Mapped[str] = mapped_column(String(64), default="")


class ZaloOAContactRow(Base):
    """A person who wrote to the Official Account: when they last did, and their name."""

    __tablename__ = "zalo_oa_contacts"
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_interaction_at: Mapped[datetime | None]
    display_name: Mapped[str] = mapped_column(String(255), default="")


@dataclass(frozen=True)
class TokenState:
    access_token: str
    refresh_token: str
    expires_at: datetime
    refused_at: datetime | None = None
    refused_reason: str = ""


@dataclass(frozen=True)
class NewPair:
    access_token: str
    refresh_token: str
    expires_at: datetime


# Asks Zalo for a new pair: the pair, or why Zalo refused (a network failure raises).
Renewal = Callable[[TokenState], Awaitable[NewPair | str]]

# SQLite serves one process: its renewals queue on a lock per database file.
_FILE_LOCKS: dict[str, asyncio.Lock] = {}


class ZaloOAStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = session_factory(engine)

    async def seed(self, app_id: str, refresh_token: str, now: datetime) -> TokenState:
        """The configured refresh token, stored when there is no pair yet or when it is not
        the one stored before (the operator's new grant, after a refusal); the same one again
        (a restart) leaves the stored pair, which replaced it at its first renewal."""
        digest = hashlib.sha256(refresh_token.encode()).hexdigest()
        try:
            async with self._sessions() as session, session.begin():
                row = await session.get(ZaloOATokenRow, app_id)
                if row is None:
                    row = ZaloOATokenRow(app_id=app_id, refresh_token=refresh_token,
                                         expires_at=now, configured=digest)  # fmt: skip
                    session.add(row)
                elif row.configured != digest:
                    row.refresh_token, row.access_token, row.expires_at = refresh_token, "", now
                    row.refused_at, row.refused_reason, row.configured = None, "", digest
                return _state(row)
        except IntegrityError:  # another worker, starting at the same moment, stored it
            state = await self.token(app_id)
            assert state is not None
            return state

    async def token(self, app_id: str) -> TokenState | None:
        async with self._sessions() as session:
            row = await session.get(ZaloOATokenRow, app_id)
            return None if row is None else _state(row)

    async def renew(
        self, app_id: str, now: datetime, needed: Callable[[TokenState], bool], renewal: Renewal
    ) -> TokenState:
        """Renew the pair unless `needed` says another worker already did (or it was
        refused). On PostgreSQL the row stays locked (FOR UPDATE) from that check until the
        new pair is committed, so one worker renews and the others then read its pair. SQLite
        is one process: its renewals queue on a lock of this process, and no write lock is
        held while Zalo answers, as it would stop every other write for as long."""
        if self.engine.dialect.name != "postgresql":
            async with _FILE_LOCKS.setdefault(str(self.engine.url), asyncio.Lock()):
                state = await self.token(app_id)
                if state is None or state.refused_at is not None or not needed(state):
                    return _missing(app_id) if state is None else state
                outcome = await renewal(state)
                async with self._sessions() as session, session.begin():
                    row = await session.get(ZaloOATokenRow, app_id)
                    assert row is not None
                    return _apply(row, outcome, now)
        async with self._sessions() as session, session.begin():
            query = select(ZaloOATokenRow).where(ZaloOATokenRow.app_id == app_id)
            row = await session.scalar(query.with_for_update())
            if row is None:
                return _missing(app_id)
            state = _state(row)
            if state.refused_at is not None or not needed(state):
                return state
            return _apply(row, await renewal(state), now)

    async def touch(self, user_id: str, at: datetime, now: datetime) -> tuple[str, int]:
        """`user_id` interacted with the OA at `at` (a later moment already noted stays), so
        what waited for them is due `now`: their name as noted, and how many messages waited.
        One transaction (two workers taking a person's first two events retry once)."""
        for attempt in (1, 2):
            try:
                async with self._sessions() as session, session.begin():
                    row = await session.get(ZaloOAContactRow, user_id)
                    if row is None:
                        row = ZaloOAContactRow(user_id=user_id, display_name="")
                        session.add(row)
                    if row.last_interaction_at is None or row.last_interaction_at < at:
                        row.last_interaction_at = at
                    woken = await session.execute(
                        update(OutboxMessageRow)
                        .where(
                            OutboxMessageRow.channel == CHANNEL,
                            OutboxMessageRow.chat_id == user_id,
                            OutboxMessageRow.status == "pending",
                            OutboxMessageRow.error == WAITING_FOR_CONTACT,
                            OutboxMessageRow.not_before > now,
                        )
                        .values(not_before=now)
                    )
                    return row.display_name, int(cast(CursorResult[Any], woken).rowcount or 0)
            except IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def contact(self, user_id: str) -> tuple[datetime | None, str]:
        """When the person last interacted (None: never noted), and their name."""
        async with self._sessions() as session:
            row = await session.get(ZaloOAContactRow, user_id)
            return (None, "") if row is None else (row.last_interaction_at, row.display_name)

    async def name(self, user_id: str, display_name: str) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(
                update(ZaloOAContactRow)
                .where(ZaloOAContactRow.user_id == user_id)
                .values(display_name=display_name[:255])
            )


def _apply(row: ZaloOATokenRow, outcome: NewPair | str, now: datetime) -> TokenState:
    if isinstance(outcome, str):
        row.refused_at, row.refused_reason = now, outcome[:500]
    else:
        row.access_token, row.refresh_token = outcome.access_token, outcome.refresh_token
        row.expires_at, row.renewed_at = outcome.expires_at, now
    return _state(row)


def _state(row: ZaloOATokenRow) -> TokenState:
    return TokenState(
        row.access_token, row.refresh_token, row.expires_at, row.refused_at, row.refused_reason
    )


def _missing(app_id: str) -> TokenState:
    raise LookupError(f"no Zalo OA token pair is stored for app {app_id}")
