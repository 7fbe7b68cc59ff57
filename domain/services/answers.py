"""A unit answers the changes verification made to its sheet: it agrees (đồng ý), or it
explains (giải trình) in writing, within the bloc's time; the leader and deputy are told."""

from __future__ import annotations

from datetime import datetime

from domain.errors import (
    AnswerClosed,
    ExplanationInvalid,
    NotAMember,
    NothingToAnswer,
    RankingPublished,
    StaleAction,
)
from domain.policy import Permission, require
from domain.ports import UnitOfWork, VerificationNotifier
from domain.services import audit
from domain.services.members import Membership
from domain.services.verification import review_of
from domain.sheets import Answer, Entry
from domain.summary import Cycle
from domain.verification import UnitReview

EXPLANATION_MAX_CHARS = 1000


async def own_review(uow: UnitOfWork, member: Membership, cycle: Cycle) -> UnitReview:
    """The member unit's own sheet as its verifier sees it (the changes, their answers)."""
    require(member.actor, Permission.SCORE, member.year)
    if member.unit is None or member.unit.id is None:
        raise NotAMember(bloc=member.bloc.name, year=member.year.year)
    return await review_of(uow, member, member.unit.id, cycle)


async def answer(
    uow: UnitOfWork,
    member: Membership,
    cycle: Cycle,
    kind: Answer,
    now: datetime,
    notifier: VerificationNotifier,
    code: str | None = None,
    text: str = "",
) -> tuple[UnitReview, list[Entry]]:
    """Agree with every change still awaiting an answer (or the one given), or explain one;
    the review, and the changes answered.
    A change whose time has passed is not answered any more; the ranking, once out, is final."""
    review = await own_review(uow, member, cycle)
    assert member.year.id is not None
    if await uow.scores.published_at(member.year.id, cycle) is not None:
        raise RankingPublished(year=member.year.year)
    changes = [entry for entry in review.changes() if code in (None, entry.code)]
    if code is not None and not changes:
        raise StaleAction()  # a button for a change that is no longer there
    open_ = [entry for entry in changes if _still_open(review, entry, now)]
    if not open_:
        if changes and all(entry.answer is None for entry in changes):
            raise AnswerClosed(hours=review.answer_hours)
        raise NothingToAnswer()
    explanation = text.strip()
    if kind is Answer.EXPLAINED:
        if not explanation or len(explanation) > EXPLANATION_MAX_CHARS:
            raise ExplanationInvalid(max=EXPLANATION_MAX_CHARS)
        open_ = open_[:1]
    record = review.record
    assert record is not None and record.id is not None
    for entry in open_:
        entry.answer, entry.answer_text = kind, explanation
        entry.answered_at, entry.answered_by = now, member.actor.officer_id
        await uow.scores.save_entry(record.id, entry)
    await audit.record(
        uow, member.actor, f"verification.{kind.value}", "sheet", record.id, now,
        items=[entry.code for entry in open_], text=explanation or None,
    )  # fmt: skip
    await notifier.change_answered(uow, member.year, review, open_)
    return review, open_


def _still_open(review: UnitReview, entry: Entry, now: datetime) -> bool:
    due = review.answer_due(entry)
    return entry.answer is None and due is not None and now <= due
