"""The domain's VerificationNotifier: who is told what as verification runs, each in their
own language, through the outbox in the change's transaction.

- a change: the unit's officers, every change still open to answer in one message (changes
  made within a few minutes of each other replace the waiting message);
- the sheet verified: the unit's officers;
- the unit's answer: the leader's and deputy's officers;
- the ranking published: the bloc's group (the ranking, the score table and the chart) and
  every unit's officers (its own place);
- a window extended: the group and every unit; a sheet reopened: that unit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bot.i18n import DEFAULT_LOCALE, Translator
from bot.report_files import summary_files
from bot.views import fmt
from bot.views import verify as verify_views
from bot.views import verify_notices as views
from domain.model import BlocYear, Identity, Role
from domain.ports import UnitOfWork
from domain.sheets import Entry
from domain.summary import ScoreSummary
from domain.verification import UnitReview
from domain.windows import WindowTimes

if TYPE_CHECKING:
    from bot.notices import Notices

now_never = datetime.min.replace(tzinfo=UTC)
# Changes typed one after another reach the unit as one message, not one each.
CHANGES_BATCH = timedelta(minutes=2)


async def changed(
    notices: Notices, uow: UnitOfWork, year: BlocYear, review: UnitReview, now: datetime
) -> None:
    record = review.record
    assert record is not None
    role = await _verifier_role(notices, uow, year, review.changes())
    kind = await notices.bloc_kind(uow, year)
    for identity, _unit in await notices.officers_by_unit(uow, [review.unit.id or 0]):
        t = _translator(identity)
        reply = views.changed(t, review, year.year, verify_views.role_name(t, role, kind), now)
        if reply is None:
            continue
        await notices.post(
            uow, identity.channel, identity.external_id, reply, idle_only=True,
            locale=t.locale, key=f"verify:{record.id}", delay=CHANGES_BATCH,
        )  # fmt: skip


async def verified(notices: Notices, uow: UnitOfWork, year: BlocYear, review: UnitReview) -> None:
    for identity, _unit in await notices.officers_by_unit(uow, [review.unit.id or 0]):
        t = _translator(identity)
        await notices.post(
            uow, identity.channel, identity.external_id, views.verified(t, review, year.year),
            idle_only=True, locale=t.locale,
        )  # fmt: skip


async def answered(
    notices: Notices, uow: UnitOfWork, year: BlocYear, review: UnitReview, entries: list[Entry]
) -> None:
    for identity, _unit in await notices.officers_by_unit(uow, _organisers(year)):
        t = _translator(identity)
        await notices.post(
            uow, identity.channel, identity.external_id, views.answered(t, review, entries),
            idle_only=True, locale=t.locale,
        )  # fmt: skip


async def published(
    notices: Notices, uow: UnitOfWork, year: BlocYear, summary: ScoreSummary
) -> None:
    t = Translator(DEFAULT_LOCALE)
    verifier = verify_views.role_name(
        t, Role.LEADER, fmt.bloc_kind(summary.bloc) if summary.bloc else "khoi"
    )
    groups = await notices.groups(uow, year.bloc_id)
    files = summary_files(t, summary) if groups else []
    for channel, chat_id in groups:
        post = views.published_group(t, summary, verifier)
        post.files = files
        await notices.post(uow, channel, chat_id, post)
    units = {u.id: u for u in await uow.blocs.units(year.bloc_id) if u.id in year.member_unit_ids}
    for identity, unit_id in await notices.officers_by_unit(uow, list(units)):
        t = _translator(identity)
        unit = units[unit_id]
        reply = views.published_unit(t, summary, unit.code, unit.short_name)
        await notices.post(
            uow, identity.channel, identity.external_id, reply, idle_only=True, locale=t.locale
        )


async def extended(
    notices: Notices, uow: UnitOfWork, year: BlocYear, window: WindowTimes, reason: str
) -> None:
    for channel, chat_id in await notices.groups(uow, year.bloc_id):
        reply = views.extended(Translator(DEFAULT_LOCALE), window, year.year, reason)
        await notices.post(uow, channel, chat_id, reply)
    for identity, _unit in await notices.officers_by_unit(uow, year.member_unit_ids):
        t = _translator(identity)
        await notices.post(
            uow, identity.channel, identity.external_id,
            views.extended(t, window, year.year, reason), idle_only=True, locale=t.locale,
        )  # fmt: skip


async def reopened(
    notices: Notices, uow: UnitOfWork, year: BlocYear, review: UnitReview, reason: str
) -> None:
    for identity, _unit in await notices.officers_by_unit(uow, [review.unit.id or 0]):
        t = _translator(identity)
        await notices.post(
            uow, identity.channel, identity.external_id,
            views.reopened(t, review, year.year, reason), idle_only=True, locale=t.locale,
        )  # fmt: skip


async def _verifier_role(
    notices: Notices, uow: UnitOfWork, year: BlocYear, changes: list[Entry]
) -> Role:
    """Who made the latest change: the leader, the deputy, or the board."""
    latest = max(changes, key=lambda e: e.verified_at or datetime.min.astimezone(), default=None)
    return await notices.organiser_role(uow, year, latest.verified_by if latest else None)


def _organisers(year: BlocYear) -> list[int]:
    return [year.leader_unit_id] + ([year.deputy_unit_id] if year.deputy_unit_id else [])


def _translator(identity: Identity) -> Translator:
    return Translator(identity.locale or DEFAULT_LOCALE)
