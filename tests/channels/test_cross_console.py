"""A khối that scores crosswise (the project's cross sample, Vĩnh Long 2025), in the console:
a unit submits its cross sheet for another and is told so in those words; the leader's
/thamdinh shows that unit's mean of the others' sheets (not "nobody submitted"); the leader
sets a penalty with a reason, and the unit is told through the outbox to agree or explain."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta

import pytest

from bot import admin, samples
from bot.channels.console import PROMPT, ConsoleChannel
from bot.dispatcher import OutboxDispatcher, Outgoing, link_maker
from bot.runtime import Runtime
from domain.model import Channel
from domain.services import invites, scoring
from domain.summary import Cycle
from tests.channels.ballot_support import unpaced
from tests.channels.test_ballots_zalo import member_of
from tests.fakes.clock import FakeClock

SCORING = datetime(2025, 11, 20, 2, 0, tzinfo=UTC)  # 09:00 local, the annual window open
NAMES = {"SYT": "Nguyễn Minh Khoa", "SGDDT": "Trần Thu Hà", "SNV": "Lê Quốc Bảo"}
FULL = {"A1": "28", "A2": "15", "A3": "14", "B1": "15", "B2": "13", "C1": "10"}


class Terminal:
    def __init__(self, runtime: Runtime, unit: str) -> None:
        self.user_id = f"console:{unit.lower()}"
        self.stdout = io.StringIO()
        self.channel = ConsoleChannel(
            runtime.app, user_id=self.user_id, user_name=NAMES[unit],
            stdin=io.StringIO(), stdout=self.stdout,
        )  # fmt: skip

    async def type(self, line: str) -> str:
        self.channel.stdin = io.StringIO(f"{line}\n")
        start = len(self.stdout.getvalue())
        await asyncio.wait_for(self.channel.run(""), timeout=30)
        _banner, answer, _end = self.stdout.getvalue()[start:].split(PROMPT)
        return answer.removesuffix("\n")


class Sender:
    """The outbox's console sender, each message to the terminal of the person it is for."""

    def __init__(self, terminals: dict[str, Terminal]) -> None:
        self.by_id = {terminal.user_id: terminal for terminal in terminals.values()}

    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        return await self.by_id[chat_id].channel.deliver(chat_id, message)

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """Nothing to edit on the console."""


def choice(screen: str, label: str) -> str:
    """The number typed for the line showing `label`."""
    for line in screen.splitlines():
        number, _, text = line.partition(". ")
        if number.isdigit() and label in text:
            return number
    raise AssertionError(f"no choice {label!r} in:\n{screen}")


@pytest.fixture
async def cross_bloc(runtime: Runtime, clock: FakeClock) -> dict[str, str]:
    clock.current = SCORING - timedelta(days=300)
    assert await admin.import_file(runtime, samples.CROSS, lambda _line: None) == 0
    async with runtime.uow() as uow:
        items = await invites.ensure_unit_invites(uow, "khoi-vhxh-vinhlong", clock.now(), 400)
        await uow.commit()
    clock.current = SCORING
    return {item.unit.code: item.invitation.code for item in items}


async def test_a_cross_sheet_is_named_so_and_the_leader_verifies_the_mean(
    runtime: Runtime, cross_bloc: dict[str, str], clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    unpaced(monkeypatch)
    terminals = {unit: Terminal(runtime, unit) for unit in NAMES}
    for unit, terminal in terminals.items():
        assert (await terminal.type(f"/start {cross_bloc[unit]}")).startswith("Chào ")
    async with runtime.uow() as uow:  # Sở GD&ĐT scores Sở Nội vụ, all but the submit
        officer = await member_of(uow, Channel.CONSOLE, "console:sgddt")
        units = await uow.blocs.units(officer.bloc.id or 0)
        target = next(u.id for u in units if u.code == "SNV")
        view = await scoring.open_sheet(uow, officer, Cycle.ANNUAL, clock.now(), target)
        for code, value in FULL.items():
            await scoring.set_entry(uow, officer, view.sheet.id or 0, code, value, clock.now())
        await uow.commit()

    scorer = terminals["SGDDT"]
    listed = await scorer.type("/chamdiem")
    sheet = await scorer.type(choice(listed, "Sở Nội vụ"))
    confirm = await scorer.type(choice(sheet, "Nộp bảng điểm"))
    assert confirm.startswith("Nộp phiếu chấm chéo của Sở GD&ĐT cho Sở Nội vụ: 95 điểm?")
    done = await scorer.type(choice(confirm, "Nộp"))
    assert done.startswith(
        "✅ Đã nộp phiếu chấm chéo năm 2025 của Sở GD&ĐT cho Sở Nội vụ: 95 điểm. Điểm của "
        "Sở Nội vụ là trung bình phiếu của các đơn vị khác; Khối trưởng thẩm định và xác định "
        "điểm trừ."
    )
    assert "bảng tự chấm" not in done

    leader = terminals["SYT"]
    board = await leader.type("/thamdinh")
    assert "Chưa có đơn vị nào nộp" not in board
    assert "● Sở Nội vụ — trung bình 95 (1/1 phiếu chấm chéo) → 95" in board
    detail = await leader.type(choice(board, "Sở Nội vụ"))
    assert detail.startswith("🔎 Kết quả chấm chéo của Sở Nội vụ — trung bình 95 · sau điểm trừ 95")
    assert "Phiếu chấm chéo: Sở GD&ĐT: 95 điểm" in detail
    refused = await leader.type("A1")
    assert refused.startswith("⚠️ Trong chấm chéo, điểm tiêu chí A1 là trung bình")
    asked = await leader.type("e2")
    assert asked.startswith("Điểm trừ E2 (Vắng hội nghị của Khối không có lý do (mỗi lần)): hiện 0")
    await leader.type("1")
    changed = await leader.type("Vắng hội nghị sơ kết ngày 15/7.")
    assert "Điểm sau thẩm định: 93 (tự chấm 95)" in changed

    app = runtime.app
    link = link_maker(app.config.public_base_url, await app.signing_secret())
    dispatcher = OutboxDispatcher(runtime.uow, clock, {Channel.CONSOLE: Sender(terminals)}, link)
    clock.advance(timedelta(minutes=3))
    start = len(terminals["SNV"].stdout.getvalue())
    await dispatcher.flush()
    told = terminals["SNV"].stdout.getvalue()[start:]
    assert told.startswith("🔎 Khối trưởng đã thẩm định bảng điểm năm 2025 của Sở Nội vụ:\n")
    assert "• E2 (Vắng hội nghị của Khối không có lý do (mỗi lần)): 0 → 1" in told
    assert told.rstrip().endswith("1. ✅ Đồng ý\n2. ✍️ Giải trình")
    agreed = await terminals["SNV"].type("1")
    assert agreed.startswith("✅ Đã gửi: Sở Nội vụ đồng ý với 1 điều chỉnh của thẩm định.")
