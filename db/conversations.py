"""Chat-side bookkeeping kept in the same transaction as the change an update causes:
processed update ids (each update handled once) and conversation state."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AppSettingRow, ConversationRow, ProcessedUpdateRow


class SqlProcessedUpdates:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def seen(self, channel: str, update_key: str) -> bool:
        row = await self.session.get(ProcessedUpdateRow, (channel, update_key))
        return row is not None

    async def mark(self, channel: str, update_key: str, now: datetime) -> None:
        """Inserted with the update's changes, so a concurrent duplicate fails as a conflict
        and the whole transaction with it."""
        self.session.add(
            ProcessedUpdateRow(channel=channel, update_key=update_key, processed_at=now)
        )
        await self.session.flush()

    async def prune(self, before: datetime) -> int:
        result = await self.session.execute(
            delete(ProcessedUpdateRow).where(ProcessedUpdateRow.processed_at < before)
        )
        return int(getattr(result, "rowcount", 0) or 0)


class SqlConversations:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

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
        row = await self._row(channel, chat_id, user_id)
        if row is None:
            row = ConversationRow(channel=channel, chat_id=chat_id, user_id=user_id)
            self.session.add(row)
        row.state = snapshot["state"]
        row.data = dict(snapshot["data"])
        row.choices = list(snapshot["choices"])
        row.updated_at = now
        await self.session.flush()

    async def _row(self, channel: str, chat_id: str, user_id: str) -> ConversationRow | None:
        return await self.session.scalar(
            select(ConversationRow).where(
                ConversationRow.channel == channel,
                ConversationRow.chat_id == chat_id,
                ConversationRow.user_id == user_id,
            )
        )


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
