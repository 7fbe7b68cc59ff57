"""The year's themed campaigns (chuyên đề thi đua, /chuyende), defined by the leader or
deputy; the units choose among them in their pledges."""

from __future__ import annotations

from datetime import datetime

from domain.errors import CampaignExists, CampaignInUse, StaleAction
from domain.pledges import Campaign, PledgeStatus, clean_campaign_title
from domain.policy import Permission, require
from domain.ports import UnitOfWork
from domain.services import audit
from domain.services.members import Membership

# A campaign in a pledge the leader has in hand or has approved is part of a commitment.
IN_USE = frozenset({PledgeStatus.SUBMITTED, PledgeStatus.APPROVED})


async def year_campaigns(uow: UnitOfWork, member: Membership) -> list[Campaign]:
    require(member.actor, Permission.VIEW_BLOC, member.year)
    assert member.year.id is not None
    return await uow.pledges.campaigns(member.year.id)


async def add_campaign(uow: UnitOfWork, member: Membership, title: str, now: datetime) -> Campaign:
    require(member.actor, Permission.MANAGE_CAMPAIGNS, member.year)
    assert member.year.id is not None
    cleaned = clean_campaign_title(title)
    existing = await uow.pledges.campaigns(member.year.id)
    if any(c.title.casefold() == cleaned.casefold() for c in existing):
        raise CampaignExists(title=cleaned)
    campaign = await uow.pledges.save_campaign(Campaign(member.year.id, cleaned))
    await audit.record(
        uow, member.actor, "campaign.added", "campaign", campaign.id, now, title=cleaned
    )
    return campaign


async def remove_campaign(
    uow: UnitOfWork, member: Membership, campaign_id: int, now: datetime
) -> Campaign:
    """Remove a campaign no sent pledge has chosen; drafts simply lose it."""
    require(member.actor, Permission.MANAGE_CAMPAIGNS, member.year)
    assert member.year.id is not None
    campaign = await uow.pledges.campaign(campaign_id)
    if campaign is None or campaign.bloc_year_id != member.year.id:
        raise StaleAction()
    users = [
        pledge
        for pledge in await uow.pledges.pledges(member.year.id)
        if campaign_id in pledge.campaign_ids and pledge.status in IN_USE
    ]
    if users:
        raise CampaignInUse(title=campaign.title, count=len(users))
    await uow.pledges.remove_campaign(campaign_id)
    await audit.record(
        uow, member.actor, "campaign.removed", "campaign", campaign_id, now, title=campaign.title
    )
    return campaign
