"""Repositories: domain objects in and out, rows and SQL kept inside."""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.codec import calendar_from_json, calendar_to_json, rules_from_json, rules_to_json
from db.models import (
    AuditRow,
    BlocRow,
    BlocYearMemberRow,
    BlocYearRow,
    CriteriaSectionRow,
    CriterionRow,
    GroupChatRow,
    IdentityRow,
    InvitationRow,
    OfficerRow,
    UnitRow,
)
from db.year_cache import YEARS, YearParts
from domain.criteria import CriteriaTable, Criterion, Penalty, PenaltyFact, Section
from domain.model import (
    AuditEntry,
    Bloc,
    BlocWord,
    BlocYear,
    BoardRole,
    Channel,
    GroupChat,
    Identity,
    Invitation,
    Officer,
    ProvinceKind,
    Unit,
)

# Statements run on nearly every update, built once: building a select costs about as much
# CPU as running it (a four-table join here: 280 µs of 560).
_IDENTITY = (
    select(IdentityRow, OfficerRow, UnitRow, BlocRow)
    .outerjoin(OfficerRow, OfficerRow.id == IdentityRow.officer_id)
    .outerjoin(UnitRow, UnitRow.id == OfficerRow.unit_id)
    .outerjoin(BlocRow, BlocRow.id == UnitRow.bloc_id)
    .where(
        IdentityRow.channel == bindparam("channel"),
        IdentityRow.external_id == bindparam("external_id"),
    )
)
_CURRENT_YEAR = (
    select(BlocYearRow)
    .where(BlocYearRow.bloc_id == bindparam("bloc_id"))
    .order_by(BlocYearRow.year.desc())
    .limit(1)
)
_GROUP = select(GroupChatRow).where(
    GroupChatRow.channel == bindparam("channel"), GroupChatRow.chat_id == bindparam("chat_id")
)
_GROUPS_OF_BLOC = (
    select(GroupChatRow)
    .where(GroupChatRow.bloc_id == bindparam("bloc_id"))
    .order_by(GroupChatRow.id)
)


class SqlBlocRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._units: dict[int, list[Unit]] = {}  # a bloc's units, read once a transaction
        # A bloc's latest year row (None: it has none), looked up once a transaction.
        self._current_years: dict[int, BlocYearRow | None] = {}
        # Years another statement of this transaction read (None: the bloc has no such year).
        self._years: dict[tuple[int, int], BlocYearRow | None] = {}

    async def list_blocs(self) -> list[Bloc]:
        rows = await self.session.scalars(select(BlocRow).order_by(BlocRow.code))
        return [_bloc(row) for row in rows]

    async def get(self, bloc_id: int) -> Bloc | None:
        row = await self.session.get(BlocRow, bloc_id)
        return _bloc(row) if row else None

    async def by_code(self, code: str) -> Bloc | None:
        row = await self.session.scalar(select(BlocRow).where(BlocRow.code == code))
        return _bloc(row) if row else None

    async def save(self, bloc: Bloc) -> Bloc:
        row = await self.session.get(BlocRow, bloc.id) if bloc.id else None
        row = row or BlocRow()
        row.code, row.name, row.province = bloc.code, bloc.name, bloc.province
        row.province_kind = bloc.province_type.value if bloc.province_type else None
        row.kind_word = bloc.bloc_word.value if bloc.bloc_word else None
        row.superior = bloc.superior_name
        self.session.add(row)
        await self.session.flush()
        bloc.id = row.id
        return bloc

    async def units(self, bloc_id: int) -> list[Unit]:
        if bloc_id not in self._units:
            rows = await self.session.scalars(
                select(UnitRow).where(UnitRow.bloc_id == bloc_id).order_by(UnitRow.id)
            )
            self._units[bloc_id] = [_unit(row) for row in rows]
        return [replace(unit) for unit in self._units[bloc_id]]  # callers may change theirs

    async def unit(self, unit_id: int) -> Unit | None:
        row = await self.session.get(UnitRow, unit_id)
        return _unit(row) if row else None

    async def save_unit(self, unit: Unit) -> Unit:
        self._units.pop(unit.bloc_id, None)
        row = await self.session.get(UnitRow, unit.id) if unit.id else None
        row = row or UnitRow(bloc_id=unit.bloc_id)
        row.code, row.name, row.short_name = unit.code, unit.name, unit.short_name
        row.head_name, row.head_position = unit.head_name, unit.head_position
        self.session.add(row)
        await self.session.flush()
        unit.id = row.id
        return unit

    async def year(self, bloc_id: int, year: int) -> BlocYear | None:
        if (bloc_id, year) in self._years:
            row = self._years[(bloc_id, year)]
        else:
            row = await self.session.scalar(
                select(BlocYearRow).where(BlocYearRow.bloc_id == bloc_id, BlocYearRow.year == year)
            )
        return await self._year(row) if row else None

    def loaded_year(self, bloc_id: int, year: int, row: BlocYearRow | None) -> None:
        self._years[(bloc_id, year)] = row

    async def current_year(self, bloc_id: int) -> BlocYear | None:
        if bloc_id in self._current_years:
            row = self._current_years[bloc_id]
        else:
            row = await self.session.scalar(_CURRENT_YEAR, {"bloc_id": bloc_id})
            self._current_years[bloc_id] = row
        return await self._year(row) if row else None

    def loaded_current_year(self, bloc_id: int, row: BlocYearRow | None) -> None:
        """The bloc's latest year as another statement of this transaction read it."""
        self._current_years[bloc_id] = row

    async def year_by_id(self, year_id: int) -> BlocYear | None:
        row = await self.session.get(BlocYearRow, year_id)
        return await self._year(row) if row else None

    async def save_year(self, year: BlocYear) -> BlocYear:
        self._current_years.clear()  # a new year may be the latest now
        self._years.clear()
        row = await self.session.get(BlocYearRow, year.id) if year.id else None
        row = row or BlocYearRow(bloc_id=year.bloc_id, year=year.year)
        row.leader_unit_id, row.deputy_unit_id = year.leader_unit_id, year.deputy_unit_id
        row.rotation = list(year.rotation)
        row.rules = rules_to_json(year.rules)
        row.calendar = calendar_to_json(year.calendar)
        row.criteria_scale = year.criteria.scale if year.criteria else None
        row.criteria_bonus_cap = year.criteria.bonus_cap if year.criteria else None
        row.revision = secrets.token_hex(8)  # members and criteria rewritten below
        self.session.add(row)
        await self.session.flush()
        year.id = row.id
        await self._save_members(row.id, year.member_unit_ids)
        await self._save_criteria(row.id, year.criteria)
        return year

    async def _save_members(self, year_id: int, unit_ids: list[int]) -> None:
        await self.session.execute(
            delete(BlocYearMemberRow).where(BlocYearMemberRow.bloc_year_id == year_id)
        )
        self.session.add_all(
            BlocYearMemberRow(bloc_year_id=year_id, unit_id=unit_id, position=position)
            for position, unit_id in enumerate(unit_ids)
        )

    async def _save_criteria(self, year_id: int, table: CriteriaTable | None) -> None:
        for model in (CriterionRow, CriteriaSectionRow):
            await self.session.execute(delete(model).where(model.bloc_year_id == year_id))
        if table is None:
            return
        for s_pos, section in enumerate(table.sections):
            section_row = CriteriaSectionRow(
                bloc_year_id=year_id, position=s_pos, code=section.code, title=section.title
            )
            self.session.add(section_row)
            await self.session.flush()
            for i_pos, item in enumerate(section.items):
                self.session.add(_criterion_row(year_id, "item", i_pos, item, section_row.id))
        for pos, item in enumerate(table.bonus):
            self.session.add(_criterion_row(year_id, "bonus", pos, item, None))
        for pos, penalty in enumerate(table.penalties):
            row = _criterion_row(year_id, "penalty", pos, penalty, None)
            row.per_occurrence = penalty.per_occurrence
            row.fact = penalty.fact.value if penalty.fact else None
            self.session.add(row)
        await self.session.flush()

    async def _year(self, row: BlocYearRow) -> BlocYear:
        parts = YEARS.get(row.id, row.revision)
        if parts is None:
            members = await self.session.scalars(
                select(BlocYearMemberRow.unit_id)
                .where(BlocYearMemberRow.bloc_year_id == row.id)
                .order_by(BlocYearMemberRow.position)
            )
            criteria = await self._criteria(row)
            rules, calendar = rules_from_json(row.rules), calendar_from_json(row.calendar)
            parts = YearParts(tuple(members), criteria, rules, calendar)
            YEARS.put(row.id, row.revision, parts)
        return BlocYear(
            bloc_id=row.bloc_id,
            year=row.year,
            member_unit_ids=list(parts.member_unit_ids),
            leader_unit_id=row.leader_unit_id,
            deputy_unit_id=row.deputy_unit_id,
            rotation=[int(unit_id) for unit_id in row.rotation],
            rules=parts.rules,
            calendar=parts.calendar,
            criteria=parts.criteria,
            id=row.id,
        )

    async def _criteria(self, row: BlocYearRow) -> CriteriaTable | None:
        if row.criteria_scale is None:
            return None
        sections = list(
            await self.session.scalars(
                select(CriteriaSectionRow)
                .where(CriteriaSectionRow.bloc_year_id == row.id)
                .order_by(CriteriaSectionRow.position)
            )
        )
        criteria = list(
            await self.session.scalars(
                select(CriterionRow)
                .where(CriterionRow.bloc_year_id == row.id)
                .order_by(CriterionRow.kind, CriterionRow.position)
            )
        )

        def of_kind(kind: str) -> list[CriterionRow]:
            return [c for c in criteria if c.kind == kind]

        return CriteriaTable(
            scale=points_value(row.criteria_scale),
            sections=tuple(
                Section(
                    s.code,
                    s.title,
                    tuple(_criterion(c) for c in of_kind("item") if c.section_id == s.id),
                )
                for s in sections
            ),
            bonus_cap=None
            if row.criteria_bonus_cap is None
            else points_value(row.criteria_bonus_cap),
            bonus=tuple(_criterion(c) for c in of_kind("bonus")),
            penalties=tuple(
                Penalty(
                    c.code,
                    c.title,
                    points_value(c.max_points),
                    c.per_occurrence,
                    PenaltyFact(c.fact) if c.fact else None,
                )
                for c in of_kind("penalty")
            ),
        )


class SqlPeopleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        # Accounts another statement of this transaction read (the update's claim), each
        # handed out once: a later ask reads the row again, as before.
        self._loaded: dict[tuple[str, str], IdentityRow | None] = {}

    def loaded_identity(self, channel: str, external_id: str, row: IdentityRow | None) -> None:
        self._loaded[(channel, external_id)] = row

    async def identity(self, channel: Channel, external_id: str) -> Identity | None:
        """The account, with its officer, unit and bloc read in the same statement: nearly
        every update asks for them next, and finds them in the session without a query."""
        key = (channel.value, external_id)
        if key in self._loaded:
            row = self._loaded.pop(key)
            return _identity(row) if row is not None else None
        params = {"channel": channel.value, "external_id": external_id}
        found = (await self.session.execute(_IDENTITY, params)).first()
        return _identity(found[0]) if found else None

    async def save_identity(self, identity: Identity) -> Identity:
        self._loaded.pop((identity.channel.value, identity.external_id), None)
        row = await self.session.get(IdentityRow, identity.id) if identity.id else None
        row = row or IdentityRow(channel=identity.channel.value, external_id=identity.external_id)
        row.display_name = identity.display_name
        row.officer_id, row.locale = identity.officer_id, identity.locale
        row.blocked_at = identity.blocked_at
        self.session.add(row)
        await self.session.flush()
        identity.id = row.id
        return identity

    async def mark_blocked(self, channel: Channel, external_id: str, at: datetime) -> None:
        """The person blocked the bot: noted on their identity (none: nothing to note)."""
        self._loaded.pop((channel.value, external_id), None)
        await self.session.execute(
            update(IdentityRow)
            .where(IdentityRow.channel == channel.value, IdentityRow.external_id == external_id)
            .values(blocked_at=at)
        )

    async def officer(self, officer_id: int) -> Officer | None:
        row = await self.session.get(OfficerRow, officer_id)
        return _officer(row) if row else None

    async def save_officer(self, officer: Officer) -> Officer:
        row = await self.session.get(OfficerRow, officer.id) if officer.id else None
        row = row or OfficerRow()
        row.full_name, row.unit_id = officer.full_name, officer.unit_id
        row.board_role = officer.board_role.value if officer.board_role else None
        self.session.add(row)
        await self.session.flush()
        officer.id = row.id
        return officer

    async def officers_of_units(self, unit_ids: list[int]) -> list[Officer]:
        if not unit_ids:
            return []
        rows = await self.session.scalars(
            select(OfficerRow).where(OfficerRow.unit_id.in_(unit_ids)).order_by(OfficerRow.id)
        )
        return [_officer(row) for row in rows]

    async def identities_of(self, officer_ids: list[int]) -> list[Identity]:
        if not officer_ids:
            return []
        rows = await self.session.scalars(
            select(IdentityRow)
            .where(IdentityRow.officer_id.in_(officer_ids))
            .order_by(IdentityRow.id)
        )
        return [_identity(row) for row in rows]


class SqlInvitationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_code(self, code: str) -> Invitation | None:
        row = await self.session.scalar(select(InvitationRow).where(InvitationRow.code == code))
        return _invitation(row) if row else None

    async def for_unit(self, unit_id: int) -> list[Invitation]:
        rows = await self.session.scalars(
            select(InvitationRow).where(InvitationRow.unit_id == unit_id).order_by(InvitationRow.id)
        )
        return [_invitation(row) for row in rows]

    async def save(self, invitation: Invitation) -> Invitation:
        row = await self.session.get(InvitationRow, invitation.id) if invitation.id else None
        row = row or InvitationRow(code=invitation.code)
        row.unit_id = invitation.unit_id
        row.board_role = invitation.board_role.value if invitation.board_role else None
        row.created_at, row.expires_at = invitation.created_at, invitation.expires_at
        row.revoked_at, row.uses = invitation.revoked_at, invitation.uses
        row.max_uses = invitation.max_uses
        self.session.add(row)
        await self.session.flush()
        invitation.id = row.id
        return invitation


class SqlGroupRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        # What this transaction read, until it changes a group: a press in the group reads
        # its group, then the bloc's groups for the count and again for their topics.
        self._by_chat: dict[tuple[str, str], GroupChatRow | None] = {}
        self._by_bloc: dict[int, list[GroupChatRow]] = {}

    async def get(self, channel: Channel, chat_id: str) -> GroupChat | None:
        key = (channel.value, chat_id)
        if key not in self._by_chat:
            params = {"channel": channel.value, "chat_id": chat_id}
            self._by_chat[key] = await self.session.scalar(_GROUP, params)
        row = self._by_chat[key]
        return _group(row) if row else None

    def loaded(self, channel: str, chat_id: str, row: GroupChatRow | None) -> None:
        """The chat's group (None: the chat is no bound group) as another statement read it."""
        self._by_chat[(channel, chat_id)] = row

    async def for_bloc(self, bloc_id: int) -> list[GroupChat]:
        if bloc_id not in self._by_bloc:
            rows = list(await self.session.scalars(_GROUPS_OF_BLOC, {"bloc_id": bloc_id}))
            self._by_bloc[bloc_id] = rows
            self._by_chat.update({(row.channel, row.chat_id): row for row in rows})
        return [_group(row) for row in self._by_bloc[bloc_id]]

    async def save(self, group: GroupChat) -> GroupChat:
        self._by_chat.clear()
        self._by_bloc.clear()
        row = await self.session.get(GroupChatRow, group.id) if group.id else None
        row = row or GroupChatRow(channel=group.channel.value, chat_id=group.chat_id)
        row.chat_id, row.thread_id = group.chat_id, group.thread_id
        row.bloc_id, row.title, row.bound_by = group.bloc_id, group.title, group.bound_by
        self.session.add(row)
        await self.session.flush()
        group.id = row.id
        return group

    async def delete(self, group: GroupChat) -> None:
        self._by_chat.clear()
        self._by_bloc.clear()
        row = await self.session.get(GroupChatRow, group.id) if group.id else None
        if row is not None:
            await self.session.delete(row)
            await self.session.flush()


class SqlAuditLog:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, entry: AuditEntry) -> None:
        self.session.add(AuditRow(**audit_values(entry)))
        await self.session.flush()

    async def entries(self, entity: str | None = None) -> list[AuditEntry]:
        query = select(AuditRow).order_by(AuditRow.id)
        if entity is not None:
            query = query.where(AuditRow.entity == entity)
        return [
            AuditEntry(
                row.action,
                row.entity,
                row.entity_id,
                dict(row.details),
                row.actor_officer_id,
                row.channel,
                row.at,
                row.id,
            )
            for row in await self.session.scalars(query)
        ]


def audit_values(entry: AuditEntry) -> dict[str, Any]:
    """An audit line's columns."""
    assert entry.at is not None
    return {
        "at": entry.at, "actor_officer_id": entry.actor_officer_id, "channel": entry.channel,
        "action": entry.action, "entity": entry.entity, "entity_id": entry.entity_id,
        "details": _jsonable(entry.details),
    }  # fmt: skip


def _jsonable(details: dict[str, object]) -> dict[str, Any]:
    def convert(value: object) -> Any:
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, list | tuple):
            return [convert(item) for item in value]
        return str(value)

    return {key: convert(value) for key, value in details.items()}


def optional_points(value: Decimal | None) -> Decimal | None:
    return None if value is None else points_value(value)


def points_value(value: Decimal) -> Decimal:
    """One decimal at most, and whole numbers without a trailing ".0"."""
    quantized = Decimal(value).quantize(Decimal("0.1"))
    return Decimal(int(quantized)) if quantized == quantized.to_integral_value() else quantized


def _criterion(row: CriterionRow) -> Criterion:
    return Criterion(row.code, row.title, points_value(row.max_points))


def _criterion_row(
    year_id: int, kind: str, position: int, item: Criterion | Penalty, section_id: int | None
) -> CriterionRow:
    points = item.max_points if isinstance(item, Criterion) else item.points
    return CriterionRow(
        bloc_year_id=year_id,
        section_id=section_id,
        kind=kind,
        position=position,
        code=item.code,
        title=item.title,
        max_points=points,
        per_occurrence=False,
    )


def _bloc(row: BlocRow) -> Bloc:
    return Bloc(
        row.code, row.name, row.province, row.id,
        ProvinceKind(row.province_kind) if row.province_kind else None,
        BlocWord(row.kind_word) if row.kind_word else None,
        row.superior or "",
    )  # fmt: skip


def _unit(row: UnitRow) -> Unit:
    return Unit(
        row.bloc_id, row.code, row.name, row.short_name, row.id,
        row.head_name or "", row.head_position or "",
    )  # fmt: skip


def _officer(row: OfficerRow) -> Officer:
    role = BoardRole(row.board_role) if row.board_role else None
    return Officer(row.full_name, row.unit_id, role, row.id)


def _identity(row: IdentityRow) -> Identity:
    return Identity(
        Channel(row.channel),
        row.external_id,
        row.display_name,
        row.officer_id,
        row.locale,
        blocked_at=row.blocked_at,
        id=row.id,
    )


def _invitation(row: InvitationRow) -> Invitation:
    return Invitation(
        code=row.code,
        expires_at=row.expires_at,
        unit_id=row.unit_id,
        board_role=BoardRole(row.board_role) if row.board_role else None,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
        uses=row.uses,
        max_uses=row.max_uses,
        id=row.id,
    )


def _group(row: GroupChatRow) -> GroupChat:
    return GroupChat(
        Channel(row.channel), row.chat_id, row.bloc_id, row.title, row.bound_by, row.id,
        row.thread_id,
    )  # fmt: skip
