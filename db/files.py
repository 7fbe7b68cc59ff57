"""Generated files kept for their download links."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import StoredFileRow


@dataclass(frozen=True)
class StoredFile:
    token: str
    name: str
    mime_type: str
    content: bytes
    expires_at: datetime


class SqlFileStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def put(
        self, name: str, mime_type: str, content: bytes, now: datetime, expires_at: datetime
    ) -> str:
        token = secrets.token_urlsafe(24)
        self.session.add(
            StoredFileRow(
                token=token,
                name=name,
                mime_type=mime_type,
                content=content,
                created_at=now,
                expires_at=expires_at,
            )
        )
        await self.session.flush()
        return token

    async def get(self, token: str) -> StoredFile | None:
        row = await self.session.scalar(select(StoredFileRow).where(StoredFileRow.token == token))
        if row is None:
            return None
        return StoredFile(row.token, row.name, row.mime_type, row.content, row.expires_at)

    async def prune(self, now: datetime) -> int:
        result = await self.session.execute(
            delete(StoredFileRow).where(StoredFileRow.expires_at < now)
        )
        return int(getattr(result, "rowcount", 0) or 0)
