"""Chat-side bookkeeping kept in the same transaction as the change an update causes:
processed update ids (each update handled once) and conversation state."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import Select, Subquery, and_, bindparam, delete, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.models import (
    AppSettingRow,
    BlocRow,
    BlocYearRow,
    ConversationRow,
    GroupChatRow,
    IdentityRow,
    OfficerRow,
    ProcessedUpdateRow,
    UnitRow,
)
from db.repositories import SqlBlocRepository, SqlGroupRepository, SqlPeopleRepository

# Run on every update, so built once (see db/repositories.py).
_CLAIM_PG = postgresql.insert(ProcessedUpdateRow).on_conflict_do_nothing()
_CLAIM_SQLITE = sqlite.insert(ProcessedUpdateRow).on_conflict_do_nothing()
_CONVERSATION = select(ConversationRow).where(
    ConversationRow.channel == bindparam("channel"),
    ConversationRow.chat_id == bindparam("chat_id"),
    ConversationRow.user_id == bindparam("user_id"),
)
# PostgreSQL: the claim, the conversation, the account (with its officer, unit, bloc, the
# bloc's latest year and the one before) and the chat's group, if it is one, in one round
# trip, as every update needs them all before anything else. The INSERT in the WITH runs
# once whatever the SELECT reads; `claimed` counts the row it wrote (0: the update was
# handled already, and what the SELECT read is not used).
# SQLite has no INSERT in a WITH: there the claim goes first, then the same SELECT.
_CLAIMED_PG = (
    select(func.count().label("claimed"))
    .select_from(
        postgresql.insert(ProcessedUpdateRow)
        .values(
            channel=bindparam("channel"),
            update_key=bindparam("update_key"),
            processed_at=bindparam("processed_at"),
        )
        .on_conflict_do_nothing()
        .returning(ProcessedUpdateRow.update_key)
        .cte("claim")
    )
    .subquery("claimed")
)
_CLAIMED_BEFORE = select(literal(1).label("claimed")).subquery("claimed")
_YEARS = aliased(BlocYearRow)
_PREVIOUS_YEAR = aliased(BlocYearRow, name="previous_year")
_LATEST_YEAR = (
    select(func.max(_YEARS.year))
    .where(_YEARS.bloc_id == BlocRow.id)
    .correlate(BlocRow)
    .scalar_subquery()
)


def _with_the_asker(claimed: Subquery) -> Select[Any]:
    return (
        select(
            claimed.c.claimed,
            ConversationRow,
            IdentityRow,
            OfficerRow,
            UnitRow,
            BlocRow,
            BlocYearRow,
            _PREVIOUS_YEAR,
            GroupChatRow,
        )
        .select_from(claimed)
        .outerjoin(
            ConversationRow,
            and_(
                ConversationRow.channel == bindparam("channel"),
                ConversationRow.chat_id == bindparam("chat_id"),
                ConversationRow.user_id == bindparam("user_id"),
            ),
        )
        .outerjoin(
            IdentityRow,
            and_(
                IdentityRow.channel == bindparam("channel"),
                IdentityRow.external_id == bindparam("user_id"),
            ),
        )
        .outerjoin(OfficerRow, OfficerRow.id == IdentityRow.officer_id)
        .outerjoin(UnitRow, UnitRow.id == OfficerRow.unit_id)
        .outerjoin(BlocRow, BlocRow.id == UnitRow.bloc_id)
        .outerjoin(
            BlocYearRow, and_(BlocYearRow.bloc_id == BlocRow.id, BlocYearRow.year == _LATEST_YEAR)
        )
        .outerjoin(
            _PREVIOUS_YEAR,
            and_(_PREVIOUS_YEAR.bloc_id == BlocRow.id, _PREVIOUS_YEAR.year == _LATEST_YEAR - 1),
        )
        .outerjoin(
            GroupChatRow,
            and_(
                GroupChatRow.channel == bindparam("channel"),
                GroupChatRow.chat_id == bindparam("chat_id"),
            ),
        )
    )


_CLAIM_AND_LOAD_PG = _with_the_asker(_CLAIMED_PG)
_LOAD_AFTER_CLAIM = _with_the_asker(_CLAIMED_BEFORE)


class SqlProcessedUpdates:
    def __init__(
        self,
        session: AsyncSession,
        conversations: SqlConversations | None = None,
        people: SqlPeopleRepository | None = None,
        blocs: SqlBlocRepository | None = None,
        groups: SqlGroupRepository | None = None,
    ) -> None:
        self.session = session
        self._conversations = conversations
        self._people = people
        self._blocs = blocs
        self._groups = groups

    async def seen(self, channel: str, update_key: str) -> bool:
        row = await self.session.get(ProcessedUpdateRow, (channel, update_key))
        return row is not None

    async def claim(
        self,
        channel: str,
        update_key: str,
        now: datetime,
        chat_id: str | None = None,
        user_id: str | None = None,
    ) -> bool:
        """Record the update as handled, with its changes; False when it already was. One
        statement: on PostgreSQL a concurrent delivery of the same update waits here for the
        first transaction, then finds the key taken (or free, had that one rolled back).
        Given the chat and the user, their conversation and account are read in that same
        statement (SQLite: in the one right after), for the repositories to hand out without
        a query of their own."""
        dialect = self.session.get_bind().dialect.name
        if dialect == "postgresql" and chat_id is not None and user_id is not None:
            return await self._load(_CLAIM_AND_LOAD_PG, channel, update_key, now, chat_id, user_id)
        statement = _CLAIM_PG if dialect == "postgresql" else _CLAIM_SQLITE
        params = {"channel": channel, "update_key": update_key, "processed_at": now}
        # On the session's connection: the session would take a statement with parameters
        # as an ORM bulk insert, which reports no row count.
        connection = await self.session.connection()
        result = await connection.execute(statement, params)
        if result.rowcount != 1:
            return False
        if chat_id is not None and user_id is not None:
            await self._load(_LOAD_AFTER_CLAIM, channel, update_key, now, chat_id, user_id)
        return True

    async def _load(
        self,
        statement: Select[Any],
        channel: str,
        update_key: str,
        now: datetime,
        chat_id: str,
        user_id: str,
    ) -> bool:
        """Run a statement of `_with_the_asker`, and hand what it read to the repositories."""
        params = {
            "channel": channel, "update_key": update_key, "processed_at": now,
            "chat_id": chat_id, "user_id": user_id,
        }  # fmt: skip
        row = (await self.session.execute(statement, params)).one()
        if not row.claimed:
            return False
        if self._conversations is not None:
            self._conversations.loaded(channel, chat_id, user_id, row.ConversationRow)
        if self._people is not None:
            self._people.loaded_identity(channel, user_id, row.IdentityRow)
        if self._blocs is not None and row.BlocRow is not None:
            self._blocs.loaded_current_year(row.BlocRow.id, row.BlocYearRow)
            if row.BlocYearRow is not None:
                previous = row.BlocYearRow.year - 1
                self._blocs.loaded_year(row.BlocRow.id, previous, row.previous_year)
        if self._groups is not None:
            self._groups.loaded(channel, chat_id, row.GroupChatRow)
        return True

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

    def loaded(self, channel: str, chat_id: str, user_id: str, row: ConversationRow | None) -> None:
        """The conversation as another statement of this transaction read it."""
        self._loaded[(channel, chat_id, user_id)] = row

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
