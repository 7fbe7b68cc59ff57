"""Ballots in the console: ConsoleChannel over StringIO for each officer's terminal, and the
OutboxDispatcher printing the bloc's notices through one of them, as `python main.py console`
does. The same numbered choices as on Zalo: the paper's lines, "1" to choose, and on a secret
paper "1. ✅ Gửi phiếu" to cast the vote once the choice is shown again."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest

from bot.channels.console import PROMPT, ConsoleChannel
from bot.dispatcher import OutboxDispatcher, Outgoing, link_maker
from bot.runtime import Runtime
from domain.model import Channel
from tests.channels.ballot_support import unpaced
from tests.channels.test_ballots_zalo import (
    AFTER_VOTE,
    CONFIRM,
    OPENED,
    RECEIPT,
    REVIEW_MORNING,
    YES_NO,
    choice,
    publish_annual_ranking,
)
from tests.fakes.clock import FakeClock

RUN_SECONDS = 30.0
BANNER = "Thi Đua Bot — thử nghiệm"
MAIL_FOR = "📨 Có tin nhắn mới cho "
UNITS = {
    "SNN": "Nguyễn Văn Đông",
    "STN": "Trần Thị Mai",
    "SGT": "Phạm Minh Tuấn",
    "SCT": "Võ Thị Lan",
    "PTTH": "Thạch Sô Phol",
}


class Terminal:
    """One officer at a console: each `type` runs the channel over the lines given."""

    def __init__(self, runtime: Runtime, unit: str, files: Path, name: str = "") -> None:
        self.user_id = f"console:{unit.lower()}"
        self.stdout = io.StringIO()
        self.channel = ConsoleChannel(
            runtime.app,
            user_id=self.user_id,
            user_name=name or UNITS[unit],
            files_dir=files / unit.lower(),
            stdin=io.StringIO(),
            stdout=self.stdout,
        )

    async def type(self, line: str) -> str:
        """What the console answered to one typed line."""
        self.channel.stdin = io.StringIO(f"{line}\n")
        start = len(self.stdout.getvalue())
        await asyncio.wait_for(self.channel.run(BANNER), timeout=RUN_SECONDS)
        _banner, answer, _at_end = self.stdout.getvalue()[start:].split(PROMPT)
        return answer.removesuffix("\n")

    def printed_since(self, start: int) -> str:
        return self.stdout.getvalue()[start:]

    async def vote_secretly(self, answer: str) -> str:
        """`answer` on a secret paper shows the choice to confirm; "✅ Gửi phiếu" casts it."""
        confirm = await self.type(answer)
        assert confirm.startswith("🔒 Phiếu kín «"), confirm
        assert confirm.endswith(".\nPhiếu kín gửi rồi không sửa được. Gửi?" + CONFIRM), confirm
        return await self.type(choice(confirm, "✅ Gửi phiếu"))


def file_starts(paths: list[str]) -> list[bytes]:
    return [Path(path).read_bytes()[:4] for path in paths]


async def deliver(runtime: Runtime, dispatcher: OutboxDispatcher) -> None:
    """Print everything the outbox holds (a flush goes round after round)."""
    await runtime.app.live_counts.settled()  # the votes' count, as a worker posts it
    await dispatcher.flush()
    async with runtime.uow() as uow:
        assert await uow.outbox.pending_count() == 0, "the outbox did not empty"


async def test_console_officers_vote_and_the_leader_closes_by_numbers(
    sample_runtime: Runtime,
    invite_codes: dict[str, str],
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unpaced(monkeypatch)  # each chat's messages go at once, not a real second apart
    terminals = {unit: Terminal(sample_runtime, unit, tmp_path) for unit in UNITS}
    for unit, terminal in terminals.items():
        assert (await terminal.type(f"/start {invite_codes[unit]}")).startswith("Chào ")
    await publish_annual_ranking(
        sample_runtime, clock, Channel.CONSOLE, {u: t.user_id for u, t in terminals.items()}
    )
    clock.current = REVIEW_MORNING
    leader, stn = terminals["SNN"], terminals["STN"]
    app = sample_runtime.app
    link = link_maker(app.config.public_base_url, await app.signing_secret())
    # The terminal running the bot is Sở TN&MT's: it keeps what is queued for the others.
    dispatcher = OutboxDispatcher(sample_runtime.uow, clock, {Channel.CONSOLE: stn.channel}, link)

    screen = await leader.type("/binhxet")
    screen = await leader.type(choice(screen, "Mở cuộc bình xét mới"))
    screen = await leader.type(choice(screen, "Cờ thi đua"))
    asked = await leader.type(choice(screen, "Địa điểm"))
    refused = await leader.type("Hội trường " * 20)  # 220 characters
    assert refused.startswith("⚠️ Địa điểm không được trống và tối đa 200 ký tự"), refused
    screen = await leader.type("  Hội trường   Sở NN&PTNT ")  # still asked: typed again
    assert asked and "Địa điểm: Hội trường Sở NN&PTNT" in screen, screen
    opened = await leader.type(choice(screen, "Mở bỏ phiếu"))
    assert opened.startswith(OPENED + "\n\n") and opened.endswith(YES_NO)

    start = len(stn.stdout.getvalue())
    await deliver(sample_runtime, dispatcher)
    printed = stn.printed_since(start).rstrip("\n").split("\n")
    hints = [line for line in printed if line.startswith(MAIL_FOR)]
    paper = "\n".join(line for line in printed if not line.startswith(MAIL_FOR))  # its own
    assert paper.startswith("🗳 BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022\n")
    assert "Đã bỏ phiếu: 0/5 đơn vị" in paper and paper.endswith(YES_NO)
    # Not the leader: their paper was the answer to "Mở bỏ phiếu". The others' papers wait
    # for whoever switches to them.
    named = sorted(hint.removeprefix(MAIL_FOR).split(" — ")[0] for hint in hints)
    assert named == ["console:ptth", "console:sct", "console:sgt"]
    for user in named:
        (kept,) = stn.channel.waiting(user)
        assert kept.startswith("🗳 BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022\n")

    stray = await stn.type("1")  # a "1" right after the paper only asks
    assert stray == (
        "🔒 Phiếu kín «BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022»: ✅ Đồng ý.\n"
        "Phiếu kín gửi rồi không sửa được. Gửi?" + CONFIRM
    )
    async with sample_runtime.uow() as uow:
        (ballot,) = await uow.ballots.open_ballots()
        assert ballot.id is not None and await uow.ballots.votes(ballot.id) == []
    voted = await stn.type(choice(stray, "✅ Gửi phiếu"))
    assert voted.startswith("✅ Đã ghi nhận phiếu của Sở TN&MT. Mã biên nhận: "), voted
    assert "Đã bỏ phiếu: 1/5 đơn vị" in voted and voted.endswith(AFTER_VOTE)
    receipts = RECEIPT.findall(voted)
    for unit, answer in (("SNN", "1"), ("SGT", "1"), ("SCT", "2")):  # Đài PT-TH stays away
        reply = await terminals[unit].vote_secretly(answer)
        assert reply.startswith("✅ Đã ghi nhận phiếu của "), reply
        receipts += RECEIPT.findall(reply)

    screen = await leader.type("/binhxet")
    confirm = await leader.type(choice(screen, "Đóng cuộc số"))
    assert "Đã có 4/5 đơn vị bỏ phiếu" in confirm
    result = await leader.type(choice(confirm, "Đóng và kiểm phiếu"))
    assert result.startswith("KẾT QUẢ BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022: 4/5")
    assert "Sở Giao thông vận tải: 3/5 phiếu đồng ý (60,0%) < 70% → không đạt" in result
    assert "Không ứng viên nào đạt ngưỡng" in result
    assert f"Mã biên nhận đã được tính: {', '.join(sorted(receipts))}" in result
    assert result.endswith(
        "\n\n1. 📄 Biên bản, tờ trình, biểu đồ\n2. 🔁 Bỏ phiếu lại"
        "\n3. 👥 Chủ trì, thư ký, kiểm phiếu"  # who the minutes name, for the leader
    )

    documents = await leader.type("1")  # the console keeps the files where it runs
    saved = [line.removeprefix("📎 ") for line in documents.splitlines() if line.startswith("📎")]
    assert [Path(path).name.split("-binh-xet")[0] for path in saved] == ["bien-ban", "ket-qua"]
    assert file_starts(saved) == [b"PK\x03\x04", b"\x89PNG"]  # a .docx (zip) and a .png

    start = len(stn.stdout.getvalue())
    await deliver(sample_runtime, dispatcher)
    assert stn.printed_since(start).count("KẾT QUẢ BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA") == 1  # its own
    for unit in ("SGT", "SCT", "PTTH"):  # Đài PT-TH stayed away, and learns it too
        waiting = stn.channel.waiting(terminals[unit].user_id)
        assert sum(text.startswith("KẾT QUẢ BÌNH XÉT") for text in waiting) == 1, unit
    # The leader read it as the answer to closing: not a second time.
    leaders = stn.channel.waiting(terminals["SNN"].user_id)
    assert not any(text.startswith("KẾT QUẢ BÌNH XÉT") for text in leaders)
    assert stn.channel.waiting(stn.user_id) == []


async def test_a_message_for_someone_else_waits_for_them(
    sample_runtime: Runtime, tmp_path: Path
) -> None:
    terminal = Terminal(sample_runtime, "STN", tmp_path)
    message = Outgoing(
        "🗳 Phiếu bầu",
        [[("✅ Đồng ý", "v1:x"), ("❌ Không đồng ý", "v1:y")]],
        links=[("bien-ban.docx", "http://127.0.0.1:8080/files/t?exp=1&sig=s")],
    )

    own = await terminal.channel.deliver(terminal.user_id, message)
    other = await terminal.channel.deliver("console:sct", message)

    assert own is None and other is None  # nothing to edit later
    body = (
        "🗳 Phiếu bầu\n\n1. ✅ Đồng ý\n2. ❌ Không đồng ý"
        "\n\n📎 bien-ban.docx: http://127.0.0.1:8080/files/t?exp=1&sig=s"
    )
    assert terminal.stdout.getvalue() == (
        f"{body}\n{MAIL_FOR}console:sct — gõ /vai để đổi vai và đọc.\n"
    )
    assert terminal.channel.waiting("console:sct") == [body]
