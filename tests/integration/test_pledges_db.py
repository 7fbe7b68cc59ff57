"""Pledges and campaigns on SQLite and PostgreSQL: the repository, its unique keys, and the
whole flow from registration to the covenant through the domain services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.admin import read_bloc_file
from bot.context import BotUnitOfWork
from domain.bloc_spec import parse_bloc_spec
from domain.errors import Conflict
from domain.model import BlocYear, Channel, Officer
from domain.pledges import Campaign, Pledge, PledgeStatus, Title
from domain.services import campaigns, importer, pledge_review, pledges, signing
from domain.services.members import Membership, membership
from domain.settings import LOCAL_TZ
from tests.samples import sample_yaml
from tests.unit.fakes import PledgeDecisions

NOW = datetime(2022, 2, 1, 2, 0, tzinfo=UTC)  # 09:00 local: the pledge window is open
UowFactory = Callable[[], BotUnitOfWork]


async def import_sample(uow_factory: UowFactory) -> None:
    data, where = read_bloc_file(sample_yaml())
    async with uow_factory() as uow:
        await importer.import_bloc(uow, parse_bloc_spec(data, where), NOW)
        await uow.commit()


async def sample_year(uow: BotUnitOfWork) -> tuple[BlocYear, dict[str, int]]:
    bloc = await uow.blocs.by_code("khoi7-travinh")
    assert bloc is not None and bloc.id is not None
    year = await uow.blocs.year(bloc.id, 2022)
    assert year is not None and year.id is not None
    return year, {unit.code: unit.id for unit in await uow.blocs.units(bloc.id) if unit.id}


async def member(uow: BotUnitOfWork, unit_id: int, name: str) -> Membership:
    officer = await uow.people.save_officer(Officer(name, unit_id))
    return await membership(uow, officer, Channel.ZALO)


async def test_a_pledge_round_trips_with_titles_and_campaigns(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    signed_at = datetime(2022, 3, 10, 9, 30, tzinfo=LOCAL_TZ)
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
        assert year.id is not None
        officer = await uow.people.save_officer(Officer("Trần Thị Mai", units["STN"]))
        digital = await uow.pledges.save_campaign(Campaign(year.id, "Chuyển đổi số"))
        reform = await uow.pledges.save_campaign(Campaign(year.id, "Cải cách hành chính"))
        assert digital.id is not None and reform.id is not None
        pledge = await uow.pledges.save(
            Pledge(
                year.id, units["STN"], [Title.CO_THI_DUA, Title.LAO_DONG_XUAT_SAC],
                [digital.id, reform.id], "Hoàn thành 100% chỉ tiêu.\nKhông để tồn đọng hồ sơ.",
                PledgeStatus.APPROVED, "", NOW, officer.id, NOW, officer.id, signed_at,
                officer.id,
            )
        )  # fmt: skip
        await uow.commit()

    async with uow_factory() as uow:
        loaded = await uow.pledges.pledge(year.id, units["STN"])
        every = await uow.pledges.pledges(year.id)
        none = await uow.pledges.pledge(year.id, units["SGT"])
        listed = await uow.pledges.campaigns(year.id)
        one = await uow.pledges.campaign(digital.id)
    assert loaded == pledge and every == [pledge] and none is None
    assert loaded is not None and loaded.signed_at == signed_at
    assert loaded.signed_at is not None and loaded.signed_at.tzinfo is UTC
    assert listed == [digital, reform] and one == digital


async def test_saving_again_replaces_the_chosen_campaigns(
    uow_factory: UowFactory, engine: AsyncEngine
) -> None:
    await import_sample(uow_factory)
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
        assert year.id is not None
        ids = [
            (await uow.pledges.save_campaign(Campaign(year.id, title))).id
            for title in ("A", "B", "C")
        ]
        a, b, c = (i or 0 for i in ids)
        pledge = await uow.pledges.save(Pledge(year.id, units["SGT"], campaign_ids=[a, b]))
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.pledges.pledge(year.id, units["SGT"])
        assert loaded is not None
        loaded.campaign_ids, loaded.titles = [b, c], [Title.BANG_KHEN]
        await uow.pledges.save(loaded)
        await uow.commit()
    async with uow_factory() as uow:
        again = await uow.pledges.pledge(year.id, units["SGT"])
        await uow.pledges.remove_campaign(b)
        await uow.commit()
    async with uow_factory() as uow:
        after = await uow.pledges.pledge(year.id, units["SGT"])
        left = await uow.pledges.campaigns(year.id)
    assert again is not None and again.id == pledge.id
    assert again.campaign_ids == [b, c] and again.titles == [Title.BANG_KHEN]
    assert after is not None and after.campaign_ids == [c]
    assert [campaign.title for campaign in left] == ["A", "C"]
    async with engine.connect() as connection:
        rows = await connection.execute(text("SELECT pledge_id, campaign_id FROM pledge_campaigns"))
        assert [tuple(row) for row in rows] == [(pledge.id, c)]


@pytest.mark.parametrize("table", ["pledges", "campaigns"])
async def test_one_pledge_per_unit_and_one_campaign_per_title(
    uow_factory: UowFactory, table: str
) -> None:
    await import_sample(uow_factory)
    async with uow_factory() as uow:
        year, units = await sample_year(uow)
        assert year.id is not None
        await uow.pledges.save(Pledge(year.id, units["SCT"]))
        await uow.pledges.save_campaign(Campaign(year.id, "Chuyển đổi số"))
        await uow.commit()
    with pytest.raises(Conflict):
        async with uow_factory() as uow:
            if table == "pledges":
                await uow.pledges.save(Pledge(year.id, units["SCT"]))
            else:
                await uow.pledges.save_campaign(Campaign(year.id, "Chuyển đổi số"))
            await uow.commit()


async def test_from_registration_to_the_covenant(uow_factory: UowFactory) -> None:
    await import_sample(uow_factory)
    async with uow_factory() as uow:
        _, units = await sample_year(uow)
        leader = await member(uow, units["SNN"], "Nguyễn Văn Lãnh")
        officer = await member(uow, units["STN"], "Trần Thị Mai")
        campaign = await campaigns.add_campaign(uow, leader, "Chuyển đổi số", NOW)
        assert campaign.id is not None
        await pledges.toggle_title(uow, officer, "lao_dong_xuat_sac", NOW)
        await pledges.toggle_campaign(uow, officer, campaign.id, NOW)
        await pledges.set_commitments(uow, officer, "Hoàn thành 100% chỉ tiêu.", NOW)
        await pledges.submit(uow, officer, NOW)
        await pledge_review.approve(uow, leader, units["STN"], NOW, PledgeDecisions())
        await signing.sign(uow, officer, NOW)
        await signing.issue(uow, leader, NOW)  # one of five signed: the leader issues it
        await uow.commit()

    async with uow_factory() as uow:
        reader = await member(uow, units["SCT"], "Lê Văn Ba")
        data = await signing.covenant(uow, reader)
        actions = [entry.action for entry in await uow.audit.entries()]
    stn = next(entry for entry in data.entries if entry.unit.code == "STN")
    assert stn.pledge is not None and stn.pledge.titles == [Title.LAO_DONG_XUAT_SAC]
    assert stn.campaigns == ("Chuyển đổi số",) and stn.pledge.signed_at == NOW
    assert data.signed_count == 1 and len(data.entries) == 5
    assert str(data.number) == "01/GƯ-KTĐ" and data.issued_at == NOW
    assert actions[-5:] == [
        "campaign.added",
        "pledge.submitted",
        "pledge.approved",
        "pledge.signed",
        "covenant.issued",
    ]
