"""The file the bloc sends the provincial board at the end of the year (hồ sơ gửi Ban Thi đua
- Khen thưởng): the proposals, the minutes of the ballots behind them (a revote's first round
too), the published annual score table and the covenant, in that order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.ballots import AWARD_KINDS, BallotKind, BallotRecord, BallotStatus, proposes
from domain.errors import BoardFileNotReady, CovenantNotReady
from domain.model import Bloc
from domain.policy import Permission, require
from domain.ports import UnitOfWork
from domain.services import signing
from domain.services.ballot_minutes import record_of
from domain.services.members import Membership
from domain.services.signing import CovenantData
from domain.summary import Cycle, ScoreSummary

_ORDER = {BallotKind.FLAG: 0, BallotKind.MERIT: 1}  # the Flag's proposal before the Merit's


@dataclass(frozen=True)
class BoardFile:
    bloc: Bloc
    year: int
    proposals: tuple[BallotRecord, ...]  # the ballots that propose, Flag first
    minutes: tuple[BallotRecord, ...]  # their minutes; a revote's first round before it
    summary: ScoreSummary  # the published annual score table
    covenant: CovenantData | None  # as last issued; None if it never was
    made_at: datetime  # the day on its list of papers


async def board_file(uow: UnitOfWork, member: Membership, now: datetime) -> BoardFile:
    """Ready once an award ballot has closed with a proposal and the annual ranking is out."""
    from domain.services.ranking import build_summary  # the ranking is a heavy import

    require(member.actor, Permission.FILE_TO_BOARD, member.year)
    year = member.year
    assert year.id is not None and member.bloc.id is not None
    ballots = [
        b
        for b in await uow.ballots.for_year(year.id)
        if b.kind in AWARD_KINDS and b.status is BallotStatus.CLOSED
    ]
    records = {
        b.id: await record_of(uow, b, year, member.bloc.id) for b in ballots if b.id is not None
    }
    proposing = sorted(
        (r for r in records.values() if proposes(r.ballot, r.tally, r.earlier)),
        key=lambda r: (_ORDER[r.ballot.kind], r.ballot.id or 0),
    )
    published = await uow.scores.published_at(year.id, Cycle.ANNUAL) is not None
    if not proposing or not published or year.criteria is None:
        raise BoardFileNotReady(year=year.year)
    minutes: list[BallotRecord] = []
    for record in proposing:
        first = records.get(record.ballot.parent_id) if record.ballot.parent_id else None
        minutes += [first, record] if first is not None else [record]
    summary = await build_summary(uow, member, Cycle.ANNUAL, published=True)
    try:
        covenant: CovenantData | None = await signing.covenant(uow, member)
    except CovenantNotReady:
        covenant = None
    return BoardFile(
        member.bloc, year.year, tuple(proposing), tuple(minutes), summary, covenant, now
    )
