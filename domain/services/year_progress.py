"""The bloc's year on one screen (the leader's and deputy's, and the provincial board's):
every member unit's progress through its pledge, scoring, verification, votes and conference
answers, with the year's deadlines; and, for the board, every bloc of the province side by
side with its published rankings and the ballots' minutes and proposals.

Nothing here is counted anew: each column is what the chat's own screens read — the pledge
review's states, the cycle's laggards, the verification board, the ballots' voters and the
conferences' answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.ballots import AWARD_KINDS, Ballot, BallotRecord, BallotStatus, proposes, tally
from domain.conferences import Conference, Rsvp
from domain.cycle import Laggard, window_end
from domain.errors import NotAuthorized
from domain.model import BlocYear, Channel, Officer, Role, Unit
from domain.pledges import PledgeState
from domain.policy import Permission, require
from domain.ports import UnitOfWork
from domain.services import members
from domain.services.ballot_minutes import record_of
from domain.services.members import Membership
from domain.summary import Cycle, ScoreSummary
from domain.verification import UnitReview
from domain.windows import WindowKind, WindowTimes, window_times


class YearStage(StrEnum):
    """Where the year stands, as the board asks it: which task the units owe now."""

    BEFORE = "before"  # no window has opened yet
    PLEDGES = "pledges"  # the pledge window is open
    MIDYEAR = "midyear"  # mid-year scoring is open
    MIDYEAR_REVIEW = "midyear-review"  # mid-year closed, its ranking not published yet
    BETWEEN = "between"  # between the windows, nothing owed
    ANNUAL = "annual"  # annual scoring is open
    ANNUAL_REVIEW = "annual-review"  # annual closed: verification, its ranking not out
    PUBLISHED = "published"  # the annual ranking is out: ballots, proposals, handover


@dataclass(frozen=True)
class UnitProgress:
    unit: Unit
    role: Role
    officers: int  # officers who joined through the bot
    pledge: PledgeState
    signed: bool  # the covenant signed
    sheet: Laggard | None  # the reporting cycle's scoring still owed; None: submitted
    review: UnitReview | None  # its verification in the reporting cycle (None: not opened)
    votes: tuple[tuple[Ballot, bool], ...]  # each open ballot, and whether the unit voted
    answers: tuple[tuple[Conference, Rsvp | None], ...]  # each coming conference's answer


@dataclass(frozen=True)
class YearProgress:
    member: Membership
    stage: YearStage
    cycle: Cycle  # the scoring cycle the columns show: the annual one once it has opened
    windows: tuple[WindowTimes, ...]  # pledges, mid-year, annual: the deadlines
    published: dict[Cycle, datetime]  # the rankings out, and when
    units: tuple[UnitProgress, ...]  # in roster order
    lagging: tuple[tuple[Unit, Laggard], ...]  # owing the latest opened window's task
    lag_kind: WindowKind | None  # that window (None: none has opened)
    open_ballots: tuple[Ballot, ...]
    closed_ballots: tuple[Ballot, ...]
    conferences: tuple[Conference, ...]  # not cancelled, by time
    proposing: frozenset[int]  # the closed ballots that end in a proposal (tờ trình)

    @property
    def verified(self) -> int:
        return sum(1 for u in self.units if u.review is not None and u.review.verified)

    @property
    def ready(self) -> int:
        return sum(1 for u in self.units if u.review is not None and u.review.ready)


@dataclass(frozen=True)
class BlocStanding:
    """One bloc as the provincial board sees it."""

    progress: YearProgress
    rankings: tuple[ScoreSummary, ...]  # the published ones, mid-year first
    records: tuple[BallotRecord, ...]  # closed ballots: minutes, and proposals where made


def stage_of(
    windows: dict[WindowKind, WindowTimes], published: set[Cycle], now: datetime
) -> YearStage:
    pledge, midyear, annual = (windows[k] for k in WindowKind)
    if annual.is_open(now):
        return YearStage.ANNUAL
    if now >= window_end(annual):
        return YearStage.PUBLISHED if Cycle.ANNUAL in published else YearStage.ANNUAL_REVIEW
    if midyear.is_open(now):
        return YearStage.MIDYEAR
    if now >= window_end(midyear):
        return YearStage.BETWEEN if Cycle.MIDYEAR in published else YearStage.MIDYEAR_REVIEW
    if pledge.is_open(now):
        return YearStage.PLEDGES
    return YearStage.BETWEEN if now >= window_end(pledge) else YearStage.BEFORE


def _latest_opened(windows: dict[WindowKind, WindowTimes], now: datetime) -> WindowKind | None:
    """The window whose task the lagging units owe: the last one to have opened."""
    opened = [w for w in windows.values() if w.opens_at <= now]
    return max(opened, key=lambda w: w.opens_at).kind if opened else None


async def progress(uow: UnitOfWork, member: Membership, now: datetime) -> YearProgress:
    """Every member unit's progress in the member's year, for who runs or oversees it."""
    from domain.services.cycle import laggards  # the cycle reads the scoring services
    from domain.services.pledge_review import unit_pledges
    from domain.services.scoring import reporting_cycle
    from domain.services.verification import board_of

    require(member.actor, Permission.FOLLOW_YEAR, member.year)
    year = member.year
    assert year.id is not None
    windows = {kind: window_times(year.calendar, kind, year.year) for kind in WindowKind}
    published = {
        cycle: at for cycle in Cycle if (at := await uow.scores.published_at(year.id, cycle))
    }
    cycle = reporting_cycle(year, now)
    scoring = windows[WindowKind(cycle.value)]
    owing = {lag.unit_id: lag for lag in await laggards(uow, year, WindowKind(cycle.value))}
    reviews: dict[int, UnitReview] = {}
    if now >= scoring.opens_at:
        reviews = {r.unit.id: r for r in (await board_of(uow, member, cycle)).units if r.unit.id}
    ballots = await uow.ballots.for_year(year.id)
    open_ballots = [b for b in ballots if b.is_open(now)]
    voters = {b.id: set(await uow.ballots.voted_units(b.id)) for b in open_ballots if b.id}
    conferences = sorted(
        (c for c in await uow.conferences.for_year(year.id) if not c.is_cancelled),
        key=lambda c: c.starts_at,
    )
    coming = [c for c in conferences if c.starts_at > now]
    rsvps = {
        c.id: {r.unit_id: r for r in await uow.conferences.rsvps(c.id)} for c in coming if c.id
    }
    officers: dict[int | None, int] = {}
    for officer in await uow.people.officers_of_units(year.member_unit_ids):
        officers[officer.unit_id] = officers.get(officer.unit_id, 0) + 1
    rows = []
    for entry in await unit_pledges(uow, member):
        unit_id = entry.unit.id
        rows.append(
            UnitProgress(
                unit=entry.unit,
                role=year.role_of(unit_id) or Role.OFFICER,
                officers=officers.get(unit_id, 0),
                pledge=entry.state,
                signed=entry.pledge is not None and entry.pledge.signed_at is not None,
                sheet=owing.get(unit_id or 0) if now >= scoring.opens_at else None,
                review=reviews.get(unit_id or 0),
                votes=tuple((b, unit_id in voters.get(b.id or 0, set())) for b in open_ballots),
                answers=tuple((c, rsvps.get(c.id or 0, {}).get(unit_id or 0)) for c in coming),
            )
        )
    units = {row.unit.id: row.unit for row in rows}
    latest = _latest_opened(windows, now)
    lagging = await laggards(uow, year, latest) if latest is not None else []
    return YearProgress(
        member=member,
        stage=stage_of(windows, set(published), now),
        cycle=cycle,
        windows=tuple(windows.values()),
        published=published,
        units=tuple(rows),
        lagging=tuple((units[lag.unit_id], lag) for lag in lagging if lag.unit_id in units),
        lag_kind=latest,
        open_ballots=tuple(open_ballots),
        closed_ballots=tuple(b for b in ballots if b.status is BallotStatus.CLOSED),
        conferences=tuple(conferences),
        proposing=frozenset(await _proposing(uow, year, ballots)),
    )


async def _proposing(uow: UnitOfWork, year: BlocYear, ballots: list[Ballot]) -> list[int]:
    """The closed award ballots that propose someone (counted as the minutes count them)."""
    members_count = len(year.member_unit_ids)
    found = []
    by_id = {b.id: b for b in ballots}
    for ballot in ballots:
        if ballot.id is None or ballot.kind not in AWARD_KINDS:
            continue
        if ballot.status is not BallotStatus.CLOSED:
            continue
        counted = tally(ballot, await uow.ballots.votes(ballot.id), members_count)
        first = by_id.get(ballot.parent_id) if ballot.parent_id else None
        earlier = None
        if first is not None and first.id is not None:
            earlier = tally(first, await uow.ballots.votes(first.id), members_count)
        if proposes(ballot, counted, earlier):
            found.append(ballot.id)
    return found


async def board_places(
    uow: UnitOfWork, officer: Officer | None, channel: Channel
) -> list[Membership]:
    """A board account's place in every bloc of the province (in its current year)."""
    if officer is None or officer.board_role is None:
        raise NotAuthorized(permission=Permission.FOLLOW_YEAR.value)
    places = []
    for bloc in await uow.blocs.list_blocs():
        if bloc.id is not None and await uow.blocs.current_year(bloc.id) is not None:
            places.append(await members.membership(uow, officer, channel, bloc.code))
    return places


async def board_place(
    uow: UnitOfWork, officer: Officer | None, channel: Channel, bloc_id: int
) -> Membership:
    """The board account's place in one bloc; a bloc that is not there is a stale id."""
    from domain.errors import StaleAction

    found = next(
        (p for p in await board_places(uow, officer, channel) if p.bloc.id == bloc_id), None
    )
    if found is None:
        raise StaleAction()
    return found


async def province(
    uow: UnitOfWork, officer: Officer | None, channel: Channel, now: datetime
) -> list[BlocStanding]:
    """Every bloc of the province, for its board: the year's progress, the published
    rankings and the closed ballots' records (their documents take their numbers when first
    made, as in the chat)."""
    from domain.services.ranking import build_summary  # the ranking is a heavy import

    standings = []
    for place in await board_places(uow, officer, channel):
        found = await progress(uow, place, now)
        rankings = tuple(
            [await build_summary(uow, place, cycle, published=True) for cycle in found.published]
        )
        assert place.bloc.id is not None
        records = tuple(
            [await record_of(uow, b, place.year, place.bloc.id) for b in found.closed_ballots]
        )
        standings.append(BlocStanding(found, rankings, records))
    return standings
