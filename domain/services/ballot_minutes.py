"""What the minutes of a closed ballot record besides the count: who chaired, wrote and
counted (the officials, kept with the ballot and set by the leader), which units were present
(those that voted, and those that came to the day's conference), and the numbers the minutes
and the proposal take in the bloc's register."""

from __future__ import annotations

from domain.ballots import Ballot, BallotRecord, proposes, tally
from domain.conferences import Conference
from domain.documents import DocumentKind, Officials, Person, head_of
from domain.model import BlocYear
from domain.ports import UnitOfWork
from domain.services import documents
from domain.services.members import Membership
from domain.settings import LOCAL_TZ


async def default_officials(uow: UnitOfWork, member: Membership) -> Officials:
    """As the year's last ballot had them (one conference votes several times); else the
    head of the leader unit in the chair and the leader opening it as secretary."""
    assert member.year.id is not None and member.bloc.id is not None
    for ballot in reversed(await uow.ballots.for_year(member.year.id)):
        if not ballot.officials.is_empty:
            return ballot.officials
    leader = await uow.blocs.unit(member.year.leader_unit_id)
    return Officials(chair=head_of(leader), secretary=Person(member.actor.full_name))


async def record_of(uow: UnitOfWork, ballot: Ballot, year: BlocYear, bloc_id: int) -> BallotRecord:
    """What the minutes say: the count, who was present, the first round of a revote, and
    the documents' numbers (taken now if this is the first time they are made)."""
    assert ballot.id is not None
    bloc = await uow.blocs.get(bloc_id)
    assert bloc is not None
    units = {unit.id: unit for unit in await uow.blocs.units(bloc_id)}
    members = len(year.member_unit_ids)
    counted = tally(ballot, await uow.ballots.votes(ballot.id), members)
    voted = set(await uow.ballots.voted_units(ballot.id))
    present = voted | await _attending(uow, year, ballot)
    earlier = None
    if ballot.parent_id is not None:
        first = await uow.ballots.get(ballot.parent_id)
        if first is not None and first.id is not None:
            earlier = tally(first, await uow.ballots.votes(first.id), members)
    dated = ballot.closed_at or ballot.opened_at
    minutes = await documents.number_for(uow, bloc, DocumentKind.MINUTES, ballot.id, dated)
    proposal = None
    if proposes(ballot, counted, earlier):
        proposal = await documents.number_for(uow, bloc, DocumentKind.PROPOSAL, ballot.id, dated)
    roster = [u for u in year.member_unit_ids if u in units]
    return BallotRecord(
        bloc=bloc,
        year=year.year,
        ballot=ballot,
        tally=counted,
        leader=units[year.leader_unit_id],
        members=tuple(units[u].name for u in roster),
        voted=tuple(units[u].name for u in roster if u in voted),
        present=tuple(units[u].name for u in roster if u in present),
        earlier=earlier,
        minutes_number=minutes,
        proposal_number=proposal,
    )


async def _attending(uow: UnitOfWork, year: BlocYear, ballot: Ballot) -> set[int]:
    """The units that answered they would come to a conference held the day of the vote."""
    assert year.id is not None
    day = ballot.opened_at.astimezone(LOCAL_TZ).date()
    held: list[Conference] = [
        c
        for c in await uow.conferences.for_year(year.id)
        if not c.is_cancelled and c.starts_at.astimezone(LOCAL_TZ).date() == day
    ]
    units: set[int] = set()
    for conference in held:
        assert conference.id is not None
        units |= {r.unit_id for r in await uow.conferences.rsvps(conference.id) if r.people > 0}
    return units & set(year.member_unit_ids)
