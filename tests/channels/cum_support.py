"""The 1,000-point cụm sample (Cụm thi đua số 3, Cần Thơ, 2025) in a channel test's database,
and the sheet its units score in the fast-entry tests."""

from __future__ import annotations

from datetime import UTC, datetime

from bot import samples
from bot.admin import read_bloc_file
from bot.runtime import Runtime
from domain.bloc_spec import parse_bloc_spec
from domain.conferences import Conference, ConferenceKind, Rsvp
from domain.pledges import Pledge, PledgeStatus
from domain.ports import UnitOfWork
from domain.services import importer, invites
from domain.settings import LOCAL_TZ
from tests.fakes.clock import FakeClock

CUM = "cum3-cantho"
JOINING = datetime(2025, 1, 12, 2, 0, tzinfo=UTC)  # invites are live
SCORING = datetime(2025, 11, 21, 2, 0, tzinfo=UTC)  # 09:00 21/11/2025: the annual window
# Sở Xây dựng's sheet: 13 items, 2 bonus, 3 penalties, in the walk's order.
# Items 900,5 + bonus 30 − one late report (10) = 920,5.
SHEET = {
    "1.1": "180", "1.2": "108,5", "1.3": "90", "1.4": "72",
    "2.1": "72", "2.2": "63", "2.3": "45",
    "3.1": "54", "3.2": "36", "3.3": "45",
    "4.1": "54", "4.2": "45", "4.3": "36",
    "5.1": "20", "5.2": "10",
    "6.1": "không", "6.2": "1", "6.3": "0",
}  # fmt: skip
TOTAL = "920,5"
# The same as one message: ";" and new lines, "đ" and "điểm", spaces around, a bullet.
MESSAGE = (
    "1.1 180; 1.2 108,5 điểm; 1.3 90đ; 1.4: 72\n"
    "- 2.1 72; 2.2 63 ; 2.3=45\n"
    "3.1 54; 3.2 36; 3.3 45\n4.1 54; 4.2 45; 4.3 36\n"
    "5.1 20; 5.2 10\n6.1 không; 6.2 1; 6.3 0"
)


async def import_cum(runtime: Runtime, clock: FakeClock) -> dict[str, str]:
    """The cụm imported on 12/01/2025; unit code → a live invite code."""
    clock.current = JOINING
    data, where = read_bloc_file(samples.CUM_1000)
    async with runtime.uow() as uow:
        await importer.import_bloc(uow, parse_bloc_spec(data, where), clock.now())
        items = await invites.ensure_unit_invites(uow, CUM, clock.now(), 60)
        await uow.commit()
    return {item.unit.code: item.invitation.code for item in items}


async def pledged_and_absent(
    uow: UnitOfWork, year_id: int, unit_id: int, *, pledged: datetime, absent: datetime
) -> None:
    """What the bot's records hold of a unit's year: its pledge sent on `pledged`, approved
    and signed at the signing on 14/03 (the window closed on 15/03), and its "không dự" to
    a conference on `absent`."""
    await uow.pledges.save(Pledge(
        year_id, unit_id, status=PledgeStatus.APPROVED, submitted_at=pledged,
        signed_at=datetime(2025, 3, 14, 9, 0, tzinfo=LOCAL_TZ),
    ))  # fmt: skip
    conference = await uow.conferences.save(
        Conference(year_id, ConferenceKind.MIDYEAR, absent, "Hội trường Sở Tài chính")
    )
    assert conference.id is not None
    await uow.conferences.save_rsvp(Rsvp(conference.id, unit_id, 0))
