"""Pledges, the campaigns they choose, and the year's campaigns."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import CampaignRow, PledgeCampaignRow, PledgeRow
from domain.pledges import Campaign, Pledge, PledgeStatus, Title


class SqlPledgeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def pledge(self, year_id: int, unit_id: int) -> Pledge | None:
        row = await self.session.scalar(
            select(PledgeRow).where(PledgeRow.bloc_year_id == year_id, PledgeRow.unit_id == unit_id)
        )
        return (await self._with_campaigns([row]))[0] if row else None

    async def pledges(self, year_id: int) -> list[Pledge]:
        rows = await self.session.scalars(
            select(PledgeRow).where(PledgeRow.bloc_year_id == year_id).order_by(PledgeRow.id)
        )
        return await self._with_campaigns(list(rows))

    async def save(self, pledge: Pledge) -> Pledge:
        row = await self.session.get(PledgeRow, pledge.id) if pledge.id else None
        row = row or PledgeRow(bloc_year_id=pledge.bloc_year_id, unit_id=pledge.unit_id)
        row.titles = [title.value for title in pledge.titles]
        row.commitments, row.status = pledge.commitments, pledge.status.value
        row.return_reason = pledge.return_reason
        row.submitted_at, row.submitted_by = pledge.submitted_at, pledge.submitted_by
        row.decided_at, row.decided_by = pledge.decided_at, pledge.decided_by
        row.signed_at, row.signed_by = pledge.signed_at, pledge.signed_by
        self.session.add(row)
        await self.session.flush()
        pledge.id = row.id
        await self._replace_campaigns(row.id, pledge.campaign_ids)
        return pledge

    async def campaigns(self, year_id: int) -> list[Campaign]:
        rows = await self.session.scalars(
            select(CampaignRow).where(CampaignRow.bloc_year_id == year_id).order_by(CampaignRow.id)
        )
        return [Campaign(row.bloc_year_id, row.title, row.id) for row in rows]

    async def campaign(self, campaign_id: int) -> Campaign | None:
        row = await self.session.get(CampaignRow, campaign_id)
        return Campaign(row.bloc_year_id, row.title, row.id) if row else None

    async def save_campaign(self, campaign: Campaign) -> Campaign:
        row = await self.session.get(CampaignRow, campaign.id) if campaign.id else None
        row = row or CampaignRow(bloc_year_id=campaign.bloc_year_id)
        row.title = campaign.title
        self.session.add(row)
        await self.session.flush()
        campaign.id = row.id
        return campaign

    async def remove_campaign(self, campaign_id: int) -> None:
        # The choices go first, whatever the database does with foreign keys.
        await self.session.execute(
            delete(PledgeCampaignRow).where(PledgeCampaignRow.campaign_id == campaign_id)
        )
        await self.session.execute(delete(CampaignRow).where(CampaignRow.id == campaign_id))

    async def _replace_campaigns(self, pledge_id: int, campaign_ids: list[int]) -> None:
        current = set(
            await self.session.scalars(
                select(PledgeCampaignRow.campaign_id).where(
                    PledgeCampaignRow.pledge_id == pledge_id
                )
            )
        )
        wanted = set(campaign_ids)
        if current - wanted:
            await self.session.execute(
                delete(PledgeCampaignRow).where(
                    PledgeCampaignRow.pledge_id == pledge_id,
                    PledgeCampaignRow.campaign_id.in_(current - wanted),
                )
            )
        for campaign_id in sorted(wanted - current):
            self.session.add(PledgeCampaignRow(pledge_id=pledge_id, campaign_id=campaign_id))
        await self.session.flush()

    async def _with_campaigns(self, rows: list[PledgeRow]) -> list[Pledge]:
        """Pledges with their chosen campaigns, read in one query for all of them."""
        chosen: dict[int, list[int]] = {row.id: [] for row in rows}
        if chosen:
            links = await self.session.execute(
                select(PledgeCampaignRow.pledge_id, PledgeCampaignRow.campaign_id)
                .where(PledgeCampaignRow.pledge_id.in_(list(chosen)))
                .order_by(PledgeCampaignRow.campaign_id)
            )
            for pledge_id, campaign_id in links:
                chosen[pledge_id].append(campaign_id)
        return [
            Pledge(
                row.bloc_year_id,
                row.unit_id,
                [Title(code) for code in row.titles],
                chosen[row.id],
                row.commitments,
                PledgeStatus(row.status),
                row.return_reason,
                row.submitted_at,
                row.submitted_by,
                row.decided_at,
                row.decided_by,
                row.signed_at,
                row.signed_by,
                row.id,
            )
            for row in rows
        ]
