"""Sign-in links and browser sessions of the web pages. Tokens are kept only as hashes, so a
copy of the database opens no one's session."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import WebLinkRow, WebSessionRow
from db.sealing import Sealer, SealingUnavailable


@dataclass(frozen=True)
class WebLink:
    channel: str
    external_id: str
    path: str
    expires_at: datetime
    used_at: datetime | None


@dataclass
class WebSession:
    channel: str
    external_id: str
    csrf: str
    data: dict[str, Any]
    expires_at: datetime


SEALED_KEY = "sealed"  # a session's data, encrypted: it holds the receipts of secret votes
SEALED_PURPOSE = "web-session"


class SqlWebAccess:
    def __init__(self, session: AsyncSession, sealer: Sealer | None = None) -> None:
        self.session = session
        self.sealer = sealer

    async def add_link(
        self, token_hash: str, channel: str, external_id: str, path: str,
        now: datetime, expires_at: datetime,
    ) -> None:  # fmt: skip
        self.session.add(
            WebLinkRow(
                token_hash=token_hash, channel=channel, external_id=external_id, path=path,
                created_at=now, expires_at=expires_at,
            )
        )  # fmt: skip
        await self.session.flush()

    async def use_link(self, token_hash: str, now: datetime) -> WebLink | None:
        """The link, marked used by this call if it was not yet: one UPDATE, so two browsers
        presenting the same link at once cannot both sign in."""
        row = await self.session.get(WebLinkRow, token_hash)
        if row is None:
            return None
        found = WebLink(row.channel, row.external_id, row.path, row.expires_at, row.used_at)
        if row.used_at is None and now <= row.expires_at:
            result = await self.session.execute(
                update(WebLinkRow)
                .where(WebLinkRow.token_hash == token_hash, WebLinkRow.used_at.is_(None))
                .values(used_at=now)
                .execution_options(synchronize_session=False)
            )
            if getattr(result, "rowcount", 1) == 0:  # taken by a concurrent request
                return WebLink(row.channel, row.external_id, row.path, row.expires_at, now)
        return found

    async def add_session(
        self, token_hash: str, channel: str, external_id: str, csrf: str,
        now: datetime, expires_at: datetime,
    ) -> None:  # fmt: skip
        self.session.add(
            WebSessionRow(
                token_hash=token_hash, channel=channel, external_id=external_id, csrf=csrf,
                data={}, created_at=now, expires_at=expires_at,
            )
        )  # fmt: skip
        await self.session.flush()

    async def get_session(self, token_hash: str, now: datetime) -> WebSession | None:
        row = await self.session.get(WebSessionRow, token_hash)
        if row is None or row.expires_at < now:
            return None
        data = dict(row.data)
        if SEALED_KEY in data and self.sealer is not None:
            opened = self.sealer.open(SEALED_PURPOSE, base64.b64decode(data.pop(SEALED_KEY)))
            data |= json.loads(opened)
        return WebSession(row.channel, row.external_id, row.csrf, data, row.expires_at)

    async def save_session_data(self, token_hash: str, data: dict[str, Any]) -> None:
        """Kept sealed: beside the account it belongs to, a receipt must not be readable."""
        if self.sealer is None:
            raise SealingUnavailable("no BALLOT_SECRET: a session's receipts would be readable")
        sealed = self.sealer.seal(SEALED_PURPOSE, json.dumps(data).encode())
        stored = {SEALED_KEY: base64.b64encode(sealed).decode("ascii")}
        await self.session.execute(
            update(WebSessionRow).where(WebSessionRow.token_hash == token_hash).values(data=stored)
        )

    async def end_session(self, token_hash: str) -> None:
        await self.session.execute(
            delete(WebSessionRow).where(WebSessionRow.token_hash == token_hash)
        )

    async def prune(self, now: datetime) -> int:
        links = await self.session.execute(delete(WebLinkRow).where(WebLinkRow.expires_at < now))
        sessions = await self.session.execute(
            delete(WebSessionRow).where(WebSessionRow.expires_at < now)
        )
        return int(getattr(links, "rowcount", 0) or 0) + int(getattr(sessions, "rowcount", 0) or 0)
