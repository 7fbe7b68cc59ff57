"""The document register and the documents' data on SQLite and PostgreSQL: numbers taken
atomically (twenty transactions at once take twenty numbers, none twice), the next number the
leader sets, the bloc's words and superior, the units' heads and a ballot's officials."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from bot.context import BotUnitOfWork
from domain.ballots import Ballot, BallotKind, BallotStatus, Candidate
from domain.documents import DocumentKind, IssuedDocument, Officials, Person
from domain.errors import Conflict
from domain.model import BlocWord, Officer, ProvinceKind
from domain.services import documents
from domain.settings import ThresholdBase
from tests.integration.test_repositories import import_sample

UowFactory = Callable[[], BotUnitOfWork]
NOW = datetime(2022, 12, 20, 1, 30, tzinfo=UTC)


async def test_concurrent_documents_take_distinct_numbers(uow_factory: UowFactory) -> None:
    result = await import_sample(uow_factory)
    bloc = result.bloc

    async def issue(subject: int) -> int:
        for _ in range(20):  # a Conflict (SQLite's lock not granted in time) is tried again
            try:
                async with uow_factory() as uow:
                    number = await documents.number_for(
                        uow, bloc, DocumentKind.MINUTES, subject, NOW
                    )
                    await uow.commit()
                    return number.number
            except Conflict:
                await asyncio.sleep(0.05)
        raise AssertionError("never committed")

    taken = await asyncio.gather(*(issue(subject) for subject in range(100, 120)))
    assert sorted(taken) == list(range(1, 21))
    async with uow_factory() as uow:
        assert bloc.id is not None
        assert await uow.documents.next_number(bloc.id, 2022) == 21
        again = await documents.number_for(uow, bloc, DocumentKind.MINUTES, 105, NOW)
        assert again.number == taken[5]  # made again, the same number


async def test_the_next_number_and_the_unique_numbers(uow_factory: UowFactory) -> None:
    result = await import_sample(uow_factory)
    bloc_id = result.bloc.id
    assert bloc_id is not None
    async with uow_factory() as uow:
        assert await uow.documents.next_number(bloc_id, 2023) == 1
        await uow.documents.set_next_number(bloc_id, 2023, 15)
        assert await uow.documents.take_number(bloc_id, 2023) == 15
        assert await uow.documents.next_number(bloc_id, 2023) == 16
        await uow.documents.add(IssuedDocument(bloc_id, DocumentKind.COVENANT, 9, 1, 2023, 15, NOW))
        await uow.commit()
    async with uow_factory() as uow:
        (stored,) = await uow.documents.of_year(bloc_id, 2023)
        assert (stored.kind, stored.subject_id, stored.number, stored.issued_at) == (
            DocumentKind.COVENANT, 9, 15, NOW,
        )  # fmt: skip
        assert await uow.documents.issued(bloc_id, DocumentKind.COVENANT, 9) == [stored]
    with pytest.raises(Conflict):  # a number used twice in a year
        async with uow_factory() as uow:
            await uow.documents.add(
                IssuedDocument(bloc_id, DocumentKind.MINUTES, 3, 1, 2023, 15, NOW)
            )
            await uow.commit()


async def test_the_bloc_the_heads_and_the_officials_read_back(uow_factory: UowFactory) -> None:
    result = await import_sample(uow_factory)
    bloc, year = result.bloc, result.year
    assert bloc.id is not None and year.id is not None
    officials = Officials(
        Person("Nguyễn Hoàng Phúc", "Giám đốc"), None, (Person("Lê Văn Cường", "Sở GTVT"),)
    )
    async with uow_factory() as uow:
        stored = await uow.blocs.by_code("khoi7-travinh")
        assert stored is not None
        assert (stored.province_type, stored.bloc_word, stored.superior_name) == (
            ProvinceKind.PROVINCE, BlocWord.KHOI, "UBND tỉnh Trà Vinh",
        )  # fmt: skip
        head = {u.code: (u.head_name, u.head_position) for u in await uow.blocs.units(bloc.id)}
        assert head["SNN"] == ("Nguyễn Hoàng Phúc", "Giám đốc")
        units = {u.code: u.id for u in await uow.blocs.units(bloc.id)}
        officer = await uow.people.save_officer(Officer("Nguyễn Văn Đông", units["SNN"]))
        assert officer.id is not None
        ballot = await uow.ballots.save(
            Ballot(
                year.id, BallotKind.FLAG, "", [Candidate("Sở GTVT", units["SGT"])], 1, True,
                year.rules.threshold, ThresholdBase.ALL_MEMBERS, NOW, NOW, officer.id,
                officials=officials,
            )
        )  # fmt: skip
        await uow.commit()
    assert ballot.id is not None
    async with uow_factory() as uow:
        loaded = await uow.ballots.get(ballot.id)
        assert loaded is not None and loaded.officials == officials
        loaded.officials = Officials(secretary=Person("Trần Thị Bình"))
        loaded.status = BallotStatus.CLOSED  # officials may still change once closed
        await uow.ballots.save(loaded)
        await uow.commit()
    async with uow_factory() as uow:
        again = await uow.ballots.get(ballot.id)
        assert again is not None and again.officials == Officials(secretary=Person("Trần Thị Bình"))
