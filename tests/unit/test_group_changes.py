"""What becomes of a bloc's group binding when the platform changes the group under it (a new
id), removes the bot from it, or when an anonymous administrator binds it with a one-time
code; and those codes themselves."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot import bind_codes
from bot.bind_codes import BindCodeInvalid
from domain.model import Channel, GroupChat
from domain.ports import UnitOfWork
from domain.services.groups import BindCodeUsed, bind_group, group_gone, group_moved
from domain.services.members import Membership, membership
from tests.unit.fakes import FakeClock, FakeUnitOfWork, add_officer, imported

OLD, NEW = "-4001", "-1000000004001"


class Told:
    def __init__(self) -> None:
        self.lost: list[GroupChat] = []

    async def group_lost(self, uow: UnitOfWork, group: GroupChat) -> None:
        self.lost.append(group)


@pytest.fixture
async def uow(clock: FakeClock) -> FakeUnitOfWork:
    return await imported(now=clock.now())


async def leader(uow: FakeUnitOfWork) -> Membership:
    return await membership(uow, await add_officer(uow, "SNN"), Channel.TELEGRAM)


async def test_a_group_with_a_new_id_keeps_its_binding(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    member = await leader(uow)
    await bind_group(uow, member, Channel.TELEGRAM, OLD, "Khối 7", True, clock.now(), "12")

    moved = await group_moved(uow, Channel.TELEGRAM, OLD, NEW, clock.now())

    assert moved is not None and moved.title == "Khối 7"
    assert (moved.chat_id, moved.thread_id) == (NEW, None)  # a new supergroup has no topics
    assert await uow.groups.get(Channel.TELEGRAM, OLD) is None
    [entry] = [e for e in await uow.audit.entries() if e.action == "group.moved"]
    assert (entry.entity_id, entry.details["to"]) == (f"telegram:{OLD}", NEW)
    assert entry.channel == "telegram"
    assert entry.actor_officer_id is None


async def test_already_bound_under_the_new_id_the_old_binding_goes(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    member = await leader(uow)
    await bind_group(uow, member, Channel.TELEGRAM, OLD, "Khối 7", True, clock.now())
    await bind_group(uow, member, Channel.TELEGRAM, NEW, "Khối 7 (mới)", True, clock.now())

    moved = await group_moved(uow, Channel.TELEGRAM, OLD, NEW, clock.now())

    assert moved is not None and moved.title == "Khối 7 (mới)"
    assert [g.chat_id for g in await uow.groups.for_bloc(member.bloc.id or 0)] == [NEW]


async def test_a_group_never_bound_changes_nothing(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    assert await group_moved(uow, Channel.TELEGRAM, OLD, NEW, clock.now()) is None
    told = Told()
    assert await group_gone(uow, Channel.TELEGRAM, OLD, clock.now(), told) is None
    assert told.lost == []
    assert not [e for e in await uow.audit.entries() if e.action.startswith("group.")]


async def test_the_bot_out_of_the_group_unbinds_it_and_tells_the_leader(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    member = await leader(uow)
    await bind_group(uow, member, Channel.TELEGRAM, NEW, "Khối 7", True, clock.now())
    told = Told()

    gone = await group_gone(uow, Channel.TELEGRAM, NEW, clock.now(), told)

    assert gone is not None and [g.chat_id for g in told.lost] == [NEW]
    assert await uow.groups.get(Channel.TELEGRAM, NEW) is None
    assert await group_gone(uow, Channel.TELEGRAM, NEW, clock.now(), told) is None  # once
    assert len(told.lost) == 1


async def test_binding_again_from_another_topic_moves_the_posts_there(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    member = await leader(uow)
    await bind_group(uow, member, Channel.TELEGRAM, NEW, "Khối 7", True, clock.now(), "12")
    again = await bind_group(uow, member, Channel.TELEGRAM, NEW, "Khối 7", True, clock.now(), "40")

    assert again.already
    group = await uow.groups.get(Channel.TELEGRAM, NEW)
    assert group is not None and group.thread_id == "40"


async def test_a_one_time_code_binds_once(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    member = await leader(uow)
    once = bind_codes.once_key("12-ABCDEFGH")
    await bind_group(uow, member, Channel.TELEGRAM, NEW, "Khối 7", True, clock.now(), once=once)

    with pytest.raises(BindCodeUsed):
        await bind_group(uow, member, Channel.TELEGRAM, OLD, "Khác", True, clock.now(), once=once)
    [entry] = [e for e in await uow.audit.entries() if e.action == "group.bound"]
    assert entry.details["anonymous"] is True


# ------------------------------------------------------------------------------ the codes

KEY = "k" * 43
NOON = datetime.fromisoformat("2022-01-10T05:07:00+00:00")  # 12:07 in Trà Vinh


def test_a_code_names_its_officer_until_the_end_of_the_next_quarter_hour() -> None:
    code = bind_codes.issue(KEY, 17, NOON)

    assert code.text.startswith("17-") and len(code.text) == 11
    assert code.valid_until == datetime.fromisoformat("2022-01-10T05:30:00+00:00")
    assert bind_codes.read(KEY, code.text, NOON) == 17
    assert bind_codes.read(KEY, code.text.lower(), code.valid_until - timedelta(seconds=1)) == 17
    with pytest.raises(BindCodeInvalid):
        bind_codes.read(KEY, code.text, code.valid_until)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda code: "18" + code[2:],  # another officer
        lambda code: code[:-1] + ("B" if code.endswith("A") else "A"),  # another signature
        lambda code: code.replace("-", ""),
        lambda code: "",
        lambda code: "khoi7-travinh",  # a bloc code is no bind code
    ],
)
def test_a_code_changed_in_any_way_is_refused(tamper: object) -> None:
    code = bind_codes.issue(KEY, 17, NOON).text
    assert callable(tamper)
    with pytest.raises(BindCodeInvalid):
        bind_codes.read(KEY, tamper(code), NOON)
    with pytest.raises(BindCodeInvalid):  # nor does another bot's key sign it
        bind_codes.read("another-key", code, NOON)
