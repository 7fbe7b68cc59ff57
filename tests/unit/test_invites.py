"""Invitations: one live code per member unit, reused while live, replaced when expired,
renewed on demand, revocable; and codes for the provincial board."""

from __future__ import annotations

import copy
from datetime import datetime, time, timedelta

import pytest

from domain.errors import BlocNotFound, InviteNotFound
from domain.model import BoardRole, Channel
from domain.policy import Actor
from domain.services.invites import create_board_invite, ensure_unit_invites, revoke
from domain.services.onboarding import INVITE_ALPHABET
from domain.settings import LOCAL_TZ
from tests.unit.fakes import SAMPLE_BLOC, FakeClock, FakeUnitOfWork, add_officer, imported

TTL = 60


def last_moment(clock: FakeClock, days: int) -> datetime:
    """23:59:59 local time, `days` after the clock's local date."""
    day = clock.now().astimezone(LOCAL_TZ).date() + timedelta(days=days)
    return datetime.combine(day, time(23, 59, 59), tzinfo=LOCAL_TZ)


MEMBERS = ["SNN", "STN", "SGT", "SCT", "PTTH"]


@pytest.fixture
async def uow(clock: FakeClock) -> FakeUnitOfWork:
    return await imported(now=clock.now())


async def test_one_invite_per_member_unit(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    await add_officer(uow, "STN")
    await add_officer(uow, "STN")
    await add_officer(uow, "SCT")
    audit_before = len(uow.store.audit)

    items = await ensure_unit_invites(uow, SAMPLE_BLOC, clock.now(), TTL)

    assert [item.unit.code for item in items] == MEMBERS  # the year's roster order
    assert [item.joined_officers for item in items] == [0, 2, 0, 1, 0]
    for item in items:
        invitation = item.invitation
        assert invitation.id is not None and invitation.unit_id == item.unit.id
        assert invitation.board_role is None
        assert invitation.code.startswith(item.unit.code.lower() + "-")
        assert set(invitation.code.split("-")[1]) <= set(INVITE_ALPHABET)
        assert invitation.created_at == clock.now()
        assert invitation.expires_at == last_moment(clock, TTL)
        assert invitation.is_usable(clock.now())
        assert await uow.invitations.by_code(invitation.code) == invitation  # saved
    assert len({item.invitation.code for item in items}) == 5
    created = uow.store.audit[audit_before:]
    assert [e.action for e in created] == ["invite.created"] * 5
    assert created[0].entity == "invitation" and created[0].channel == "cli"
    assert created[0].details == {"unit_id": items[0].unit.id, "board_role": None}


async def test_a_second_call_reuses_the_live_invites(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    first = await ensure_unit_invites(uow, SAMPLE_BLOC, clock.now(), TTL)
    before = copy.deepcopy(uow.store)
    clock.advance(timedelta(days=TTL - 1))

    second = await ensure_unit_invites(uow, SAMPLE_BLOC, clock.now(), TTL)

    assert [i.invitation for i in second] == [i.invitation for i in first]
    assert uow.store == before  # nothing created, nothing logged


async def test_expired_invites_are_replaced(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    first = await ensure_unit_invites(uow, SAMPLE_BLOC, clock.now(), TTL)
    clock.advance(timedelta(days=TTL + 1))

    second = await ensure_unit_invites(uow, SAMPLE_BLOC, clock.now(), TTL)

    old_codes = {item.invitation.code for item in first}
    assert not old_codes & {item.invitation.code for item in second}
    assert all(item.invitation.is_usable(clock.now()) for item in second)
    assert all(item.invitation.created_at == clock.now() for item in second)
    assert len(uow.store.invitations) == 10
    for code in old_codes:  # the old ones simply expired: not revoked
        old = await uow.invitations.by_code(code)
        assert old is not None and old.revoked_at is None


async def test_only_the_missing_invite_is_created(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    first = await ensure_unit_invites(uow, SAMPLE_BLOC, clock.now(), TTL)
    await revoke(uow, first[2].invitation.code, None, clock.now())

    second = await ensure_unit_invites(uow, SAMPLE_BLOC, clock.now(), TTL)

    changed = [
        a.unit.code for a, b in zip(first, second, strict=True) if a.invitation != b.invitation
    ]
    assert changed == ["SGT"]
    assert uow.audit.actions()[-2:] == ["invite.revoked", "invite.created"]


async def test_renew_revokes_and_replaces_every_live_code(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    first = await ensure_unit_invites(uow, SAMPLE_BLOC, clock.now(), TTL)
    clock.advance(timedelta(days=1))
    audit_before = len(uow.store.audit)

    renewed = await ensure_unit_invites(uow, SAMPLE_BLOC, clock.now(), TTL, renew=True)

    assert not {i.invitation.code for i in first} & {i.invitation.code for i in renewed}
    for item in first:
        old = await uow.invitations.by_code(item.invitation.code)
        assert old is not None and old.revoked_at == clock.now()
        assert not old.is_usable(clock.now())
    assert all(item.invitation.expires_at == last_moment(clock, TTL) for item in renewed)
    assert [e.action for e in uow.store.audit[audit_before:]] == [
        "invite.revoked",
        "invite.created",
    ] * 5


async def test_unknown_bloc(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    before = copy.deepcopy(uow.store)
    with pytest.raises(BlocNotFound) as caught:
        await ensure_unit_invites(uow, "khoi-khong-co", clock.now(), TTL)
    assert caught.value.values == {"code": "khoi-khong-co"}
    assert uow.store == before


async def test_revoke(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    [item, *_] = await ensure_unit_invites(uow, SAMPLE_BLOC, clock.now(), TTL)
    officer = await add_officer(uow, "SNN", board_role=BoardRole.ADMIN)
    actor = Actor.of(officer, Channel.TELEGRAM)
    clock.advance(timedelta(hours=3))

    revoked = await revoke(uow, f"  {item.invitation.code.upper()} ", actor, clock.now())

    assert revoked.code == item.invitation.code and revoked.revoked_at == clock.now()
    stored = await uow.invitations.by_code(item.invitation.code)
    assert stored == revoked
    entry = uow.store.audit[-1]
    assert (entry.action, entry.entity_id, entry.actor_officer_id, entry.channel) == (
        "invite.revoked",
        item.invitation.code,
        officer.id,
        "telegram",
    )

    clock.advance(timedelta(hours=1))
    before = copy.deepcopy(uow.store)
    again = await revoke(uow, item.invitation.code, actor, clock.now())
    assert again.revoked_at == revoked.revoked_at  # the first revocation stands
    assert uow.store == before


async def test_revoke_an_unknown_code(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    with pytest.raises(InviteNotFound) as caught:
        await revoke(uow, "snn-zzzzzz", None, clock.now())
    assert caught.value.values == {"code": "snn-zzzzzz"}


@pytest.mark.parametrize("role", list(BoardRole))
async def test_create_board_invite(uow: FakeUnitOfWork, clock: FakeClock, role: BoardRole) -> None:
    invitation = await create_board_invite(uow, role, clock.now())

    assert invitation.board_role is role and invitation.unit_id is None
    assert invitation.code.startswith("ban-")
    assert invitation.expires_at == last_moment(clock, 7)
    assert invitation.max_uses == 1
    assert await uow.invitations.by_code(invitation.code) == invitation
    entry = uow.store.audit[-1]
    assert (entry.action, entry.entity_id) == ("invite.created", invitation.code)
    assert entry.details == {"unit_id": None, "board_role": role.value}


async def test_board_invites_are_not_unit_invites(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    await create_board_invite(uow, BoardRole.ADMIN, clock.now())
    items = await ensure_unit_invites(uow, SAMPLE_BLOC, clock.now(), TTL)
    assert all(item.invitation.board_role is None for item in items)
    assert len(uow.store.invitations) == 6
