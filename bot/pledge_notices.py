"""The domain's PledgeNotifier: the unit's officers told, each in their own language, that the
leader or deputy approved its pledge (the covenant comes next) or returned it with the reason
to correct it. Nobody else: a pledge is the unit's business until the covenant is signed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.i18n import DEFAULT_LOCALE, Translator
from bot.views import pledge_review as views
from bot.views import verify as verify_views
from domain.model import BlocYear, Unit
from domain.pledges import Pledge
from domain.ports import UnitOfWork

if TYPE_CHECKING:
    from bot.notices import Notices


async def decided(
    notices: Notices, uow: UnitOfWork, year: BlocYear, unit: Unit, pledge: Pledge
) -> None:
    role = await notices.organiser_role(uow, year, pledge.decided_by)
    kind = await notices.bloc_kind(uow, year)
    for identity, _unit in await notices.officers_by_unit(uow, [unit.id or 0]):
        t = Translator(identity.locale or DEFAULT_LOCALE)
        reply = views.decision_notice(
            t, pledge, year.year, unit, verify_views.role_name(t, role, kind)
        )
        await notices.post(
            uow, identity.channel, identity.external_id, reply, idle_only=True, locale=t.locale
        )
