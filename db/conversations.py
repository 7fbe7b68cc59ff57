"""Chat-side bookkeeping kept in the same transaction as the change an update causes:
processed update ids (each update handled once) and conversation state."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AppSettingRow, ConversationRow, ProcessedUpdateRow

# Run on every update, so built once (see db/repositories.py).
_CLAIM_PG = postgresql.insert(ProcessedUpdateRow).on_conflict_do_nothing()
_CLAIM_SQLITE = sqlite.insert(ProcessedUpdateRow).on_conflict_do_nothing()
_CONVERSATION = select(ConversationRow).where(
    ConversationRow.channel == bindparam("channel"),
    ConversationRow.chat_id == bindparam("chat_id"),
    ConversationRow.user_id == bindparam("user_id"),
)


class SqlProcessedUpdates:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def seen(self, channel: str, update_key: str) -> bool:
        row = await self.session.get(ProcessedUpdateRow, (channel, update_key))
        return row is not None

    async def claim(self, channel: str, update_key: str, now: datetime) -> bool:
        """Record the update as handled, with its changes; False when it already was. One
        statement: on PostgreSQL a concurrent delivery of the same update waits here for the
        first transaction, then finds the key taken (or free, had that one rolled back)."""
        dialect = self.session.get_bind().dialect.name
        statement = _CLAIM_PG if dialect == "postgresql" else _CLAIM_SQLITE
        params = {"channel": channel, "update_key": update_key, "processed_at": now}
        # On the session's connection: the session would take a statement with parameters
        # as an ORM bulk insert, which reports no row count.
        connection = await self.session.connection()
        result = await connection.execute(statement, params)
        return result.rowcount == 1

    async def prune(self, before: datetime) -> int:
        result = await self.session.execute(
            delete(ProcessedUpdateRow).where(ProcessedUpdateRow.processed_at < before)
        )
        return int(getattr(result, "rowcount", 0) or 0)


class SqlConversations:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        # Rows this transaction loaded (or found missing): a save after a load reads nothing.
        self._loaded: dict[tuple[str, str, str], ConversationRow | None] = {}

    async def load(self, channel: str, chat_id: str, user_id: str) -> dict[str, Any]:
        row = await self._row(channel, chat_id, user_id)
        if row is None:
            return {"state": None, "data": {}, "choices": []}
        return {"state": row.state, "data": dict(row.data), "choices": list(row.choices)}

    async def save(
        self,
        channel: str,
        chat_id: str,
        user_id: str,
        snapshot: dict[str, Any],
        now: datetime,
    ) -> None:
        state, data, choices = snapshot["state"], dict(snapshot["data"]), list(snapshot["choices"])
        row = await self._row(channel, chat_id, user_id)
        if row is None:
            if state is None and not data and not choices:
                return  # nothing to remember: no row, as before
            row = ConversationRow(channel=channel, chat_id=chat_id, user_id=user_id)
            self.session.add(row)
            self._loaded[(channel, chat_id, user_id)] = row
        elif (row.state, row.data, row.choices) == (state, data, choices):
            return  # unchanged (a screen looked at again): no write
        row.state, row.data, row.choices = state, data, choices
        row.updated_at = now
        await self.session.flush()

    async def _row(self, channel: str, chat_id: str, user_id: str) -> ConversationRow | None:
        key = (channel, chat_id, user_id)
        if key in self._loaded:  # a rollback starts new repositories: never a stale row
            return self._loaded[key]
        params = {"channel": channel, "chat_id": chat_id, "user_id": user_id}
        row = await self.session.scalar(_CONVERSATION, params)
        self._loaded[key] = row
        return row


class SqlAppSettings:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def secret(self, key: str) -> str:
        """A random secret made once and kept, so signed buttons survive restarts."""
        row = await self.session.get(AppSettingRow, key)
        if row is not None:
            return row.value
        try:
            async with self.session.begin_nested():
                self.session.add(AppSettingRow(key=key, value=secrets.token_urlsafe(32)))
        except IntegrityError:
            pass  # another worker made it first; theirs is the one to keep
        row = await self.session.get(AppSettingRow, key, populate_existing=True)
        assert row is not None
        return row.value
