"""The handover at the annual review (/bangiao): next year's leader and deputy, from the
bloc's rotation or its ballots, confirmed once; the next year is created (or the imported
one given its leader and deputy) and the rotating flag passes to the new leader unit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.ballots import BallotKind
from domain.cycle import (
    Handover,
    cycle_over,
    handover_opens,
    next_in_rotation,
    rotation_order,
    rotation_proposal,
)
from domain.errors import (
    HandoverByElection,
    HandoverDone,
    HandoverNotElected,
    HandoverNotMember,
    HandoverPending,
    HandoverSameUnit,
    HandoverTooEarly,
    HandoverUnknownUnit,
    StaleAction,
)
from domain.model import BlocYear, Unit
from domain.policy import Permission, allowed, require
from domain.ports import CycleNotifier, UnitOfWork
from domain.services import audit
from domain.services.ballots import decided
from domain.services.members import Membership
from domain.settings import LeaderSelection


@dataclass(frozen=True)
class HandoverPlan:
    """What /bangiao shows before the leader confirms."""

    outgoing: BlocYear
    existing: BlocYear | None  # next year, when it was imported already
    next_members: tuple[int, ...]
    leader_unit_id: int
    deputy_unit_id: int | None
    chosen: bool  # units typed after /bangiao rather than the rules' proposal
    order: tuple[int, ...]  # the rotation, for the screen
    units: dict[int, Unit]

    @property
    def next_year(self) -> int:
        return self.outgoing.year + 1

    @property
    def selection(self) -> LeaderSelection:
        return self.outgoing.rules.leader_selection


def handover_key(year: BlocYear) -> str:
    """Taken once in the event log: a second confirmation, even a racing one, is refused."""
    return f"year:{year.id}:handover"


async def handed(uow: UnitOfWork, year: BlocYear) -> bool:
    return await uow.events.has(handover_key(year))


async def acting_place(uow: UnitOfWork, places: list[Membership]) -> Membership:
    """Where new business of the annual review goes (a ballot, the tổng kết conference): the
    year in review (see members.memberships) until it is handed over, the handover being the
    review's last act; then the current year."""
    if len(places) > 1 and await handed(uow, places[0].year):
        return places[-1]
    return places[0]


async def propose(
    uow: UnitOfWork, member: Membership, now: datetime, codes: Sequence[str] = ()
) -> HandoverPlan:
    """The proposal from the bloc's rules, or the units typed (`/bangiao PTTH STN`: leader,
    then deputy; the deputy follows the rotation when only the leader is typed)."""
    outgoing, existing = await _years(uow, member, now)
    require(member.actor, Permission.HAND_OVER, outgoing)
    _check_time(outgoing, now)
    return await _plan(uow, member, outgoing, existing, codes)


async def confirm(
    uow: UnitOfWork,
    member: Membership,
    year_id: int,
    leader_unit_id: int,
    deputy_unit_id: int | None,
    now: datetime,
    notifier: CycleNotifier,
) -> Handover:
    """Hand over `year_id` to the units the button carries, re-checked here."""
    target = await uow.blocs.year_by_id(year_id)
    if target is None or target.bloc_id != member.bloc.id:
        raise StaleAction()
    require(member.actor, Permission.HAND_OVER, target)
    if await handed(uow, target):
        raise HandoverDone(year=target.year, next_year=target.year + 1)
    outgoing, existing = await _years(uow, member, now)
    if outgoing.id != target.id:
        raise StaleAction()
    _check_time(outgoing, now)
    await _check_business_done(uow, outgoing, now)
    plan = await _plan(uow, member, outgoing, existing, ())
    elected = outgoing.rules.leader_selection is LeaderSelection.ELECTION
    if elected and (plan.leader_unit_id, plan.deputy_unit_id) != (leader_unit_id, deputy_unit_id):
        raise StaleAction()  # another ballot closed since the screen was shown
    _check_units(plan.units, plan.next_members, plan.next_year, leader_unit_id, deputy_unit_id)
    return await _hand_over(uow, member, plan, leader_unit_id, deputy_unit_id, now, notifier)


async def _years(
    uow: UnitOfWork, member: Membership, now: datetime
) -> tuple[BlocYear, BlocYear | None]:
    """The year to hand over and its next year if that exists. Usually the current year;
    the one before when next year was imported first and the old one not handed over yet."""
    current = member.year
    assert member.bloc.id is not None
    previous = await uow.blocs.year(member.bloc.id, current.year - 1)
    if previous is not None and not cycle_over(previous.year, now):
        if not await handed(uow, previous):
            return previous, current
        was_organiser = allowed(member.actor, Permission.HAND_OVER, previous)
        if was_organiser and not allowed(member.actor, Permission.HAND_OVER, current):
            raise HandoverDone(year=previous.year, next_year=current.year)
    return current, None


async def _check_business_done(uow: UnitOfWork, outgoing: BlocYear, now: datetime) -> None:
    """The year's open ballots and coming conferences belong to it: once next year exists,
    officers act in next year and could no longer vote or answer in them."""
    assert outgoing.id is not None
    open_ballots = [b for b in await uow.ballots.for_year(outgoing.id) if b.is_open(now)]
    coming = [
        c
        for c in await uow.conferences.for_year(outgoing.id)
        if not c.is_cancelled and now < c.starts_at
    ]
    if open_ballots or coming:
        raise HandoverPending(ballots=len(open_ballots), conferences=len(coming))


def _check_time(outgoing: BlocYear, now: datetime) -> None:
    opens = handover_opens(outgoing)
    if now < opens:
        raise HandoverTooEarly(year=outgoing.year, opens_at=opens)


async def _plan(
    uow: UnitOfWork,
    member: Membership,
    outgoing: BlocYear,
    existing: BlocYear | None,
    codes: Sequence[str],
) -> HandoverPlan:
    assert member.bloc.id is not None
    units = {u.id: u for u in await uow.blocs.units(member.bloc.id) if u.id is not None}
    members = list(existing.member_unit_ids if existing else outgoing.member_unit_ids)
    order = rotation_order(outgoing, members)
    next_year = outgoing.year + 1
    leader: int | None
    deputy: int | None
    if codes:
        if outgoing.rules.leader_selection is LeaderSelection.ELECTION:
            raise HandoverByElection(year=next_year)
        chosen = _by_codes(units, codes)
        leader = chosen[0]
        deputy = chosen[1] if len(chosen) > 1 else next_in_rotation(order, leader, members, leader)
    elif outgoing.rules.leader_selection is LeaderSelection.ELECTION:
        leader = await _elected(uow, outgoing, BallotKind.LEADER)
        deputy = await _elected(uow, outgoing, BallotKind.DEPUTY)
        for role, unit in (("leader", leader), ("deputy", deputy)):
            if unit is None:
                raise HandoverNotElected(role=role, year=next_year)
    else:
        leader, deputy = rotation_proposal(outgoing, members)
    if leader is None:
        raise HandoverNotMember(unit="", year=next_year)  # a bloc with no members next year
    _check_units(units, members, next_year, leader, deputy)
    return HandoverPlan(
        outgoing, existing, tuple(members), leader, deputy, bool(codes), tuple(order), units
    )


def _by_codes(units: dict[int, Unit], codes: Sequence[str]) -> list[int]:
    by_code = {unit.code.casefold(): unit_id for unit_id, unit in units.items()}
    known = sorted(unit.code for unit in units.values())
    if len(codes) > 2:
        raise HandoverUnknownUnit(text=" ".join(codes)[:60], codes=known)
    chosen = []
    for code in codes:
        unit_id = by_code.get(code.strip().casefold())
        if unit_id is None:
            raise HandoverUnknownUnit(text=code[:30], codes=known)
        chosen.append(unit_id)
    return chosen


async def _elected(uow: UnitOfWork, year: BlocYear, kind: BallotKind) -> int | None:
    """The unit the latest closed ballot of that kind elected (a revote comes after its
    first round), or None."""
    elected = await decided(uow, year, kind)
    return elected[0] if elected else None


def _check_units(
    units: dict[int, Unit],
    members: Sequence[int],
    next_year: int,
    leader: int,
    deputy: int | None,
) -> None:
    for unit_id in (leader, deputy):
        if unit_id is not None and unit_id not in members:
            unit = units.get(unit_id)
            raise HandoverNotMember(unit=unit.name if unit else str(unit_id), year=next_year)
    if leader == deputy:
        raise HandoverSameUnit(unit=units[leader].name)


async def _hand_over(
    uow: UnitOfWork,
    member: Membership,
    plan: HandoverPlan,
    leader: int,
    deputy: int | None,
    now: datetime,
    notifier: CycleNotifier,
) -> Handover:
    outgoing, existing = plan.outgoing, plan.existing
    assert member.bloc.id is not None and outgoing.id is not None
    await uow.events.add(handover_key(outgoing), now)
    if existing is None:
        incoming = await uow.blocs.save_year(
            BlocYear(
                bloc_id=outgoing.bloc_id,
                year=plan.next_year,
                member_unit_ids=list(outgoing.member_unit_ids),
                leader_unit_id=leader,
                deputy_unit_id=deputy,
                rotation=list(outgoing.rotation),
                rules=outgoing.rules,
                calendar=outgoing.calendar,
                criteria=outgoing.criteria,
            )
        )
    else:
        existing.leader_unit_id, existing.deputy_unit_id = leader, deputy
        incoming = await uow.blocs.save_year(existing)
    await audit.record(
        uow, member.actor, "flag.handed", "bloc_year", outgoing.id, now,
        from_unit=outgoing.leader_unit_id, to_unit=leader, deputy_unit=deputy,
        year=outgoing.year, next_year=incoming.year, next_year_id=incoming.id,
        created=existing is None, selection=plan.selection.value,
        chosen=(leader, deputy) != (plan.leader_unit_id, plan.deputy_unit_id),
    )  # fmt: skip
    handover = Handover(member.bloc.id, outgoing, incoming, existing is None, now)
    await notifier.handed_over(uow, handover)
    return handover
