"""Joining with an invite code: an account becomes an officer of a unit or of the board;
moving an officer to another unit is asked first; bad codes change nothing."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import (
    InviteExpired,
    InviteNotFound,
    InviteRevoked,
    InviteUsedUp,
    StaleAction,
)
from domain.model import BoardRole, Channel, Identity, Invitation, Role, Unit
from domain.services import invites, onboarding
from domain.services.members import identify
from domain.services.onboarding import (
    INVITE_ALPHABET,
    Joined,
    JoinedBoard,
    MoveNeeded,
    confirm_move,
    join,
    new_invite_code,
    normalise_code,
)
from tests.unit.fakes import SAMPLE_BLOC, FakeClock, FakeUnitOfWork, imported


@pytest.fixture
async def uow(clock: FakeClock) -> FakeUnitOfWork:
    uow = await imported(now=clock.now())
    for unit in ("SNN", "STN", "SGT"):
        await invite(uow, unit, f"{unit.lower()}-abcdef", clock)
    await invite(uow, None, "ban-admin2", clock, board_role=BoardRole.ADMIN)
    await invite(uow, None, "ban-watch2", clock, board_role=BoardRole.OBSERVER)
    await uow.commit()
    return uow


async def unit(uow: FakeUnitOfWork, code: str) -> Unit:
    bloc = await uow.blocs.by_code(SAMPLE_BLOC)
    assert bloc is not None and bloc.id is not None
    return next(u for u in await uow.blocs.units(bloc.id) if u.code == code)


async def invite(
    uow: FakeUnitOfWork,
    unit_code: str | None,
    code: str,
    clock: FakeClock,
    days: int = 30,
    board_role: BoardRole | None = None,
) -> Invitation:
    unit_id = (await unit(uow, unit_code)).id if unit_code else None
    now = clock.now()
    invitation = Invitation(code, now + timedelta(days=days), unit_id, board_role, created_at=now)
    return await uow.invitations.save(invitation)


async def account(uow: FakeUnitOfWork, external_id: str = "1001") -> Identity:
    identity = await identify(uow, Channel.TELEGRAM, external_id, "Nguyễn Văn A")
    await uow.commit()
    return identity


async def uses(uow: FakeUnitOfWork, code: str) -> int:
    invitation = await uow.invitations.by_code(code)
    assert invitation is not None
    return invitation.uses


# ---------------------------------------------------------------------------------------------
# Joining a unit


async def test_join_creates_an_officer_and_binds_the_account(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    identity = await account(uow)
    result = await join(uow, identity, "stn-abcdef", clock.now())

    stn = await unit(uow, "STN")
    assert isinstance(result, Joined)
    assert (result.unit, result.role, result.already, result.moved_from) == (
        stn,
        Role.OFFICER,
        False,
        None,
    )
    assert result.bloc.code == SAMPLE_BLOC and result.year.year == 2022
    assert result.leader is not None and result.leader.code == "SNN"
    # Persisted: the officer, the account bound to it, the use of the code, the audit line.
    assert result.officer.id is not None
    officer = await uow.people.officer(result.officer.id)
    assert officer is not None
    assert (officer.full_name, officer.unit_id, officer.board_role) == (
        "Nguyễn Văn A",
        stn.id,
        None,
    )
    stored = await uow.people.identity(Channel.TELEGRAM, "1001")
    assert stored is not None and stored.officer_id == officer.id
    assert await uses(uow, "stn-abcdef") == 1
    [entry] = await uow.audit.entries("unit")
    assert (entry.action, entry.entity_id, entry.actor_officer_id, entry.channel) == (
        "officer.joined",
        str(stn.id),
        officer.id,
        "telegram",
    )
    assert entry.details == {"invite": "stn-abcdef", "unit": "STN", "from_unit": None}
    assert entry.at == clock.now()


async def test_joining_the_leader_unit_gives_the_leader_role(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    result = await join(uow, await account(uow), "snn-abcdef", clock.now())
    assert isinstance(result, Joined) and result.role is Role.LEADER


async def test_joining_again_is_already_done_and_not_counted_twice(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    identity = await account(uow)
    first = await join(uow, identity, "stn-abcdef", clock.now())
    identity = await uow.people.identity(Channel.TELEGRAM, "1001") or identity
    audit_before = uow.audit.actions()
    officers_before = len(uow.store.officers)

    again = await join(uow, identity, "stn-abcdef", clock.now())

    assert isinstance(first, Joined) and isinstance(again, Joined)
    assert again.already is True
    assert again.officer == first.officer
    assert await uses(uow, "stn-abcdef") == 1
    assert uow.audit.actions() == audit_before
    assert len(uow.store.officers) == officers_before


async def test_a_second_account_of_the_same_unit_is_another_officer(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    first = await join(uow, await account(uow, "1"), "stn-abcdef", clock.now())
    second = await join(uow, await account(uow, "2"), "stn-abcdef", clock.now())
    assert isinstance(first, Joined) and isinstance(second, Joined)
    assert first.officer.id != second.officer.id
    assert await uses(uow, "stn-abcdef") == 2


@pytest.mark.parametrize("typed", ["STN-ABCDEF", "  stn-abcdef\n", " Stn-AbCdEf "])
async def test_codes_are_case_insensitive_and_trimmed(
    uow: FakeUnitOfWork, clock: FakeClock, typed: str
) -> None:
    result = await join(uow, await account(uow), typed, clock.now())
    assert isinstance(result, Joined) and result.unit.code == "STN"
    assert await uses(uow, "stn-abcdef") == 1


# ---------------------------------------------------------------------------------------------
# Bad codes change nothing


async def test_unknown_code(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    identity = await account(uow)
    before = copy.deepcopy(uow.store)
    with pytest.raises(InviteNotFound) as caught:
        await join(uow, identity, " stn-zzzzzz ", clock.now())
    assert caught.value.values == {"code": " stn-zzzzzz "}
    assert uow.store == before


async def test_revoked_code(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    identity = await account(uow)
    invitation = await uow.invitations.by_code("stn-abcdef")
    assert invitation is not None
    invitation.revoked_at = clock.now()
    await uow.invitations.save(invitation)
    clock.advance(timedelta(days=60))  # revoked and expired: revoked is what is said
    before = copy.deepcopy(uow.store)
    with pytest.raises(InviteRevoked) as caught:
        await join(uow, identity, "STN-ABCDEF", clock.now())
    assert caught.value.values == {"code": "STN-ABCDEF"}
    assert uow.store == before


@pytest.mark.parametrize("late", [timedelta(days=30), timedelta(days=45)])
async def test_expired_code(uow: FakeUnitOfWork, clock: FakeClock, late: timedelta) -> None:
    identity = await account(uow)
    expires_at = clock.now() + timedelta(days=30)
    clock.advance(late)  # at the expiry instant the code is already expired
    before = copy.deepcopy(uow.store)
    with pytest.raises(InviteExpired) as caught:
        await join(uow, identity, "stn-abcdef", clock.now())
    assert caught.value.values == {"code": "stn-abcdef", "expired_at": expires_at}
    assert uow.store == before


async def test_a_failed_join_inside_a_transaction_leaves_nothing(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    before = copy.deepcopy(uow.store)
    with pytest.raises(InviteNotFound):
        async with uow:
            identity = await identify(uow, Channel.ZALO, "z1", "Lê C")  # a change...
            await join(uow, identity, "nope", clock.now())
            await uow.commit()
    assert uow.store == before  # ...rolled back with the failure
    assert await uow.people.identity(Channel.ZALO, "z1") is None


async def test_the_code_still_works_the_day_before_it_expires(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    clock.advance(timedelta(days=29, hours=23))
    assert isinstance(await join(uow, await account(uow), "stn-abcdef", clock.now()), Joined)


# ---------------------------------------------------------------------------------------------
# Moving to another unit


async def joined_stn(uow: FakeUnitOfWork, clock: FakeClock) -> Identity:
    identity = await account(uow)
    await join(uow, identity, "stn-abcdef", clock.now())
    await uow.commit()
    stored = await uow.people.identity(Channel.TELEGRAM, "1001")
    assert stored is not None
    return stored


async def test_an_officer_of_another_unit_is_asked_first(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    identity = await joined_stn(uow, clock)
    before = copy.deepcopy(uow.store)

    result = await join(uow, identity, " SGT-abcdef", clock.now())

    assert result == MoveNeeded("sgt-abcdef", await unit(uow, "STN"), await unit(uow, "SGT"))
    assert uow.store == before


async def test_confirm_move_moves_and_audits(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    identity = await joined_stn(uow, clock)
    officer_id = identity.officer_id
    clock.advance(timedelta(hours=1))

    result = await confirm_move(uow, identity, "sgt-abcdef", clock.now())

    stn, sgt = await unit(uow, "STN"), await unit(uow, "SGT")
    assert (result.unit, result.moved_from, result.already) == (sgt, stn, False)
    assert result.officer.id == officer_id
    officer = await uow.people.officer(result.officer.id or 0)
    assert officer is not None and officer.unit_id == sgt.id
    assert len(uow.store.officers) == 1  # moved, not duplicated
    assert await uses(uow, "sgt-abcdef") == 1
    assert await uses(uow, "stn-abcdef") == 1
    entry = (await uow.audit.entries("unit"))[-1]
    assert (entry.action, entry.entity_id, entry.at) == ("officer.moved", str(sgt.id), clock.now())
    assert entry.details == {"invite": "sgt-abcdef", "unit": "SGT", "from_unit": "STN"}


async def test_confirm_move_twice_is_stale(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    identity = await joined_stn(uow, clock)
    await confirm_move(uow, identity, "sgt-abcdef", clock.now())
    before = copy.deepcopy(uow.store)
    with pytest.raises(StaleAction):
        await confirm_move(uow, identity, "sgt-abcdef", clock.now())
    assert uow.store == before


async def test_confirm_move_without_an_officer_is_stale(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    identity = await account(uow)
    before = copy.deepcopy(uow.store)
    with pytest.raises(StaleAction):
        await confirm_move(uow, identity, "sgt-abcdef", clock.now())
    assert uow.store == before


async def test_confirm_move_checks_the_code_again(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    identity = await joined_stn(uow, clock)
    clock.advance(timedelta(days=31))
    with pytest.raises(InviteExpired):
        await confirm_move(uow, identity, "sgt-abcdef", clock.now())


async def test_confirm_move_with_a_board_code_is_stale(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    identity = await joined_stn(uow, clock)
    with pytest.raises(StaleAction):
        await confirm_move(uow, identity, "ban-admin2", clock.now())


# ---------------------------------------------------------------------------------------------
# The board


@pytest.mark.parametrize(
    ("code", "role"), [("ban-admin2", BoardRole.ADMIN), ("ban-watch2", BoardRole.OBSERVER)]
)
async def test_board_invite(
    uow: FakeUnitOfWork, clock: FakeClock, code: str, role: BoardRole
) -> None:
    identity = await account(uow)
    result = await join(uow, identity, code.upper(), clock.now())

    assert isinstance(result, JoinedBoard)
    assert result.role is role
    assert result.officer.id is not None
    officer = await uow.people.officer(result.officer.id)
    assert officer is not None
    assert (officer.full_name, officer.unit_id, officer.board_role) == ("Nguyễn Văn A", None, role)
    stored = await uow.people.identity(Channel.TELEGRAM, "1001")
    assert stored is not None and stored.officer_id == officer.id
    assert await uses(uow, code) == 1
    [entry] = await uow.audit.entries("officer")
    assert (entry.action, entry.entity_id) == ("officer.board_role", str(officer.id))
    assert entry.details == {"role": role.value, "invite": code}

    again = await join(uow, stored, code, clock.now())
    assert again == JoinedBoard(officer, role)
    assert await uses(uow, code) == 1
    assert len(await uow.audit.entries("officer")) == 1


async def test_a_unit_officer_can_also_join_the_board(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    identity = await joined_stn(uow, clock)
    result = await join(uow, identity, "ban-watch2", clock.now())
    assert isinstance(result, JoinedBoard)
    officer = await uow.people.officer(identity.officer_id or 0)
    stn = await unit(uow, "STN")
    assert officer is not None
    assert (officer.unit_id, officer.board_role) == (stn.id, BoardRole.OBSERVER)
    assert len(uow.store.officers) == 1


async def test_a_board_officer_joins_a_unit_without_a_move(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    identity = await account(uow)
    await join(uow, identity, "ban-admin2", clock.now())
    identity = await uow.people.identity(Channel.TELEGRAM, "1001") or identity
    result = await join(uow, identity, "snn-abcdef", clock.now())
    assert isinstance(result, Joined) and result.role is Role.LEADER
    assert result.officer.board_role is BoardRole.ADMIN
    assert uow.audit.actions()[-1] == "officer.joined"


# ---------------------------------------------------------------------------------------------
# Codes


AMBIGUOUS = set("0o1li")


def test_the_alphabet_has_no_ambiguous_characters() -> None:
    assert not AMBIGUOUS & set(INVITE_ALPHABET)
    assert INVITE_ALPHABET.islower()
    assert len(set(INVITE_ALPHABET)) == len(INVITE_ALPHABET) == 31


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("SNN", "snn"), ("ban", "ban"), ("S_NN-2", "snn2"), ("PhongNoiVu12", "phongnoi"), ("", "")],
)
def test_new_invite_code_format(prefix: str, expected: str) -> None:
    tail = f"[{re.escape(INVITE_ALPHABET)}]{{6}}"
    pattern = re.compile(f"{expected}-{tail}" if expected else tail)
    codes = [new_invite_code(prefix) for _ in range(200)]
    for code in codes:
        assert pattern.fullmatch(code), code
        assert normalise_code(code) == code  # stored as it will be looked up
    assert len(set(codes)) > 190  # random, not a counter


def test_invite_expiry_is_the_end_of_a_local_day() -> None:
    now = datetime(2022, 1, 10, 20, 0, tzinfo=UTC)  # already 03:00 on the 11th in Trà Vinh
    expires = onboarding.invite_expiry(now, 60)
    assert expires == datetime(2022, 3, 12, 16, 59, 59, tzinfo=UTC)  # 23:59:59 on 12/03 local


async def test_a_single_use_code_is_spent_after_one_join(clock: FakeClock) -> None:
    uow = await imported()
    invitation = await invites.create_board_invite(uow, BoardRole.ADMIN, clock.now())
    first = Identity(Channel.TELEGRAM, "1", "Lê Văn Ban")
    await onboarding.join(uow, await uow.people.save_identity(first), invitation.code, clock.now())
    second = await uow.people.save_identity(Identity(Channel.TELEGRAM, "2", "Người khác"))
    with pytest.raises(InviteUsedUp):
        await onboarding.join(uow, second, invitation.code, clock.now())


async def test_an_observer_code_never_demotes_an_admin(clock: FakeClock) -> None:
    uow = await imported()
    admin_code = await invites.create_board_invite(uow, BoardRole.ADMIN, clock.now())
    observer_code = await invites.create_board_invite(uow, BoardRole.OBSERVER, clock.now())
    person = await uow.people.save_identity(Identity(Channel.ZALO, "z", "Lê Văn Ban"))
    await onboarding.join(uow, person, admin_code.code, clock.now())
    result = await onboarding.join(uow, person, observer_code.code, clock.now())
    assert isinstance(result, JoinedBoard) and result.role is BoardRole.ADMIN
