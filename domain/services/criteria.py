"""Replacing a year's criteria table — allowed until the first score sheet uses it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain.criteria import CriteriaTable
from domain.errors import CriteriaInUse
from domain.model import BlocYear
from domain.policy import Permission, require
from domain.ports import UnitOfWork
from domain.services import audit
from domain.services.members import Membership


def check_may_replace(member: Membership) -> None:
    require(member.actor, Permission.MANAGE_CRITERIA, member.year)


async def replace_criteria(
    uow: UnitOfWork, member: Membership, table: CriteriaTable, now: datetime
) -> BlocYear:
    check_may_replace(member)
    year = member.year
    assert year.id is not None
    if await uow.scores.any_for_year(year.id):
        raise CriteriaInUse(year=year.year)
    saved = await uow.blocs.save_year(replace(year, criteria=table))
    await audit.record(
        uow, member.actor, "criteria.replaced", "bloc_year", year.id, now,
        items=table.item_count, scale=str(table.scale),
    )  # fmt: skip
    return saved
