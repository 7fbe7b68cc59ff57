"""Repositories and the unit of work against a real database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.admin import read_bloc_file
from bot.context import BotUnitOfWork
from domain.bloc_spec import BlocSpec, parse_bloc_spec
from domain.model import BoardRole, Channel, GroupChat, Identity, Invitation, Officer
from domain.services import importer
from tests.samples import sample_yaml

NOW = datetime(2022, 1, 10, 2, 0, tzinfo=UTC)
UowFactory = Callable[[], BotUnitOfWork]


def sample_spec() -> BlocSpec:
    data, where = read_bloc_file(sample_yaml())
    return parse_bloc_spec(data, where)


async def import_sample(uow_factory: UowFactory) -> importer.ImportResult:
    async with uow_factory() as uow:
        result = await importer.import_bloc(uow, sample_spec(), NOW)
        await uow.commit()
    return result


async def test_an_imported_year_reads_back_equal(uow_factory: UowFactory) -> None:
    spec = sample_spec()
    result = await import_sample(uow_factory)
    async with uow_factory() as uow:
        bloc = await uow.blocs.by_code("khoi7-travinh")
        assert bloc is not None and bloc.id is not None
        year = await uow.blocs.current_year(bloc.id)
        units = {unit.id: unit for unit in await uow.blocs.units(bloc.id)}
    assert year == result.year
    assert year.criteria == spec.criteria
    assert year.rules == spec.rules and year.calendar == spec.calendar
    assert [units[uid].code for uid in year.member_unit_ids] == ["SNN", "STN", "SGT", "SCT", "PTTH"]
    assert [units[uid].code for uid in year.rotation] == ["SNN", "PTTH", "STN", "SGT", "SCT"]
    assert units[year.leader_unit_id].code == "SNN"
    assert year.criteria is not None and year.criteria.items_total == Decimal(100)


async def test_reimporting_changes_nothing_and_logs_nothing(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    second = await import_sample(uow_factory)
    assert not second.changed
    async with uow_factory() as uow:
        imports = [e for e in await uow.audit.entries() if e.action == "bloc.imported"]
    assert len(imports) == 1


async def test_a_new_year_keeps_the_past_year_readable(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    data, where = read_bloc_file(sample_yaml())
    data["bloc"].update(year=2023, leader="PTTH", deputy="STN")
    data["units"] = [unit for unit in data["units"] if unit["code"] != "SCT"]
    data["bloc"]["rotation"] = ["PTTH", "STN", "SGT", "SNN"]
    async with uow_factory() as uow:
        await importer.import_bloc(uow, parse_bloc_spec(data, where), NOW)
        await uow.commit()
    async with uow_factory() as uow:
        bloc = await uow.blocs.by_code("khoi7-travinh")
        assert bloc is not None and bloc.id is not None
        past, current = await uow.blocs.year(bloc.id, 2022), await uow.blocs.current_year(bloc.id)
    assert past is not None and current is not None
    assert (past.year, len(past.member_unit_ids)) == (2022, 5)
    assert (current.year, len(current.member_unit_ids)) == (2023, 4)
    assert past.leader_unit_id != current.leader_unit_id


async def test_unit_of_work_rolls_back_unless_committed(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await uow.people.save_officer(Officer("Nguyễn Văn Đông"))
    async with uow_factory() as uow:
        officers = await uow.people.officers_of_units([])
        identity = await uow.people.identity(Channel.TELEGRAM, "1")
    assert officers == [] and identity is None


async def test_people_invitations_and_groups_round_trip(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    async with uow_factory() as uow:
        bloc = await uow.blocs.by_code("khoi7-travinh")
        assert bloc is not None and bloc.id is not None
        unit = (await uow.blocs.units(bloc.id))[0]
        officer = await uow.people.save_officer(Officer("Trần Thị Mai", unit.id))
        board = await uow.people.save_officer(Officer("Lê Văn Ban", None, BoardRole.ADMIN))
        await uow.people.save_identity(
            Identity(Channel.ZALO, "z-1", "Mai", officer.id, locale="en")
        )
        expires = NOW + timedelta(days=60)
        await uow.invitations.save(Invitation("snn-abcdef", expires, unit.id, created_at=NOW))
        await uow.groups.save(GroupChat(Channel.TELEGRAM, "-100", bloc.id, "Khối 7", officer.id))
        await uow.commit()
    async with uow_factory() as uow:
        identity = await uow.people.identity(Channel.ZALO, "z-1")
        invitation = await uow.invitations.by_code("snn-abcdef")
        group = await uow.groups.get(Channel.TELEGRAM, "-100")
        loaded_board = await uow.people.officer(board.id or 0)
    assert identity is not None and identity.officer_id == officer.id and identity.locale == "en"
    assert invitation is not None and invitation.expires_at == expires
    assert invitation.expires_at.tzinfo is not None and invitation.is_usable(NOW)
    assert group is not None and group.title == "Khối 7"
    assert loaded_board is not None and loaded_board.board_role is BoardRole.ADMIN


async def test_an_update_is_claimed_once(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        assert await uow.updates.claim("telegram", "42", NOW)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.updates.seen("telegram", "42")
        assert not await uow.updates.seen("zalo", "42")
        assert not await uow.updates.claim("telegram", "42", NOW)
        assert await uow.updates.claim("zalo", "42", NOW)


async def test_an_update_claimed_in_a_rolled_back_transaction_is_free(
    uow_factory: UowFactory,
) -> None:
    async with uow_factory() as uow:
        assert await uow.updates.claim("telegram", "43", NOW)
    async with uow_factory() as uow:
        assert await uow.updates.claim("telegram", "43", NOW)


async def test_conversation_state_survives_a_new_session(uow_factory: UowFactory) -> None:
    snapshot = {"state": "scoring", "data": {"item": "3"}, "choices": ["1:cmd:viec:x"]}
    async with uow_factory() as uow:
        await uow.conversations.save("zalo", "c", "u", snapshot, NOW)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.conversations.load("zalo", "c", "u") == snapshot
        assert (await uow.conversations.load("zalo", "c", "other"))["state"] is None


async def test_an_unchanged_conversation_is_not_written_again(
    uow_factory: UowFactory, engine: AsyncEngine
) -> None:
    snapshot = {"state": "scoring", "data": {"item": "3"}, "choices": ["1:cmd:viec:x"]}
    empty: dict[str, Any] = {"state": None, "data": {}, "choices": []}
    async with uow_factory() as uow:
        await uow.conversations.save("zalo", "c", "u", snapshot, NOW)
        await uow.commit()
    writes: list[str] = []

    def seen(*args: Any) -> None:
        if not str(args[2]).lstrip().upper().startswith("SELECT"):
            writes.append(str(args[2]))

    event.listen(engine.sync_engine, "before_cursor_execute", seen)
    try:
        async with uow_factory() as uow:
            loaded = await uow.conversations.load("zalo", "c", "u")
            await uow.conversations.save("zalo", "c", "u", loaded, NOW)
            await uow.conversations.save("zalo", "c", "new", empty, NOW)  # nothing to keep
            await uow.commit()
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", seen)
    assert [w for w in writes if "conversations" in w] == []
    changed = {**snapshot, "data": {"item": "4"}}
    async with uow_factory() as uow:
        await uow.conversations.load("zalo", "c", "u")
        await uow.conversations.save("zalo", "c", "u", changed, NOW)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.conversations.load("zalo", "c", "u") == changed
        assert await uow.conversations.load("zalo", "c", "new") == empty


async def test_the_signing_secret_is_made_once(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        first = await uow.app_settings.secret("k")
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.app_settings.secret("k") == first


async def test_racing_workers_agree_on_one_secret(uow_factory: UowFactory) -> None:
    async def make() -> str:
        async with uow_factory() as uow:
            value = await uow.app_settings.secret("race")
            await uow.commit()
            return value

    values = await asyncio.gather(*(make() for _ in range(6)))
    assert len(set(values)) == 1
