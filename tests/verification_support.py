"""Verifying by sheet id, as the tests written before verification took a unit and a cycle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.criteria import CriteriaTable
from domain.errors import StaleAction
from domain.ports import UnitOfWork
from domain.scoring import SheetTotals
from domain.services import verification
from domain.services.members import Membership
from domain.sheets import Entry
from domain.verification import UnitReview


@dataclass(frozen=True)
class Verified:
    """A verified sheet's figures, both present (a self-scored sheet has both)."""

    review: UnitReview
    own: SheetTotals
    final: SheetTotals

    @property
    def table(self) -> CriteriaTable:
        return self.review.table

    def changes(self) -> list[Entry]:
        return self.review.changes()


async def verify_entry(
    uow: UnitOfWork,
    member: Membership,
    sheet_id: int,
    code: str,
    text: str,
    reason: str,
    now: datetime,
) -> Verified:
    sheet = await uow.scores.sheet(sheet_id)
    if sheet is None or sheet.bloc_year_id != member.year.id:
        raise StaleAction()
    review = await verification.verify_entry(
        uow, member, sheet.unit_id, sheet.cycle, code, text, reason, now
    )
    assert review.own is not None and review.final is not None
    return Verified(review, review.own, review.final)
