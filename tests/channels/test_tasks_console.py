"""/viec in the console (numbered choices, as on Zalo) follows the year: the leader's tasks
with their deadlines and the days left, and a unit's answer to a verification change, given
from the list itself with the notice's own choices."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.runtime import Runtime
from domain.model import Channel
from tests.channels.ballot_support import unpaced
from tests.channels.test_ballots_console import Terminal
from tests.channels.test_ballots_zalo import choice
from tests.e2e.test_annual_review import SHEETS
from tests.e2e.test_year_in_review import submit_sheets
from tests.fakes.clock import FakeClock

SUBMITTED = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)
VERIFYING = datetime(2022, 11, 22, 2, 0, tzinfo=UTC)  # 09:00 local
WHY = "Chỉ số CCHC năm 2022 xếp thứ 12/19."


async def test_the_lists_follow_the_verification(
    sample_runtime: Runtime,
    invite_codes: dict[str, str],
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unpaced(monkeypatch)
    terminals = {unit: Terminal(sample_runtime, unit, tmp_path) for unit in SHEETS}
    for unit, terminal in terminals.items():
        assert (await terminal.type(f"/start {invite_codes[unit]}")).startswith("Chào ")
    users = {unit: terminal.user_id for unit, terminal in terminals.items()}
    await submit_sheets(sample_runtime, Channel.CONSOLE, users, SUBMITTED)
    clock.current = VERIFYING
    leader, sgt = terminals["SNN"], terminals["SGT"]

    tasks = await leader.type("/viec")
    assert (
        "• Lên lịch Hội nghị tổng kết năm 2022, gửi giấy mời trước một tuần (gõ /hoinghi) "
        "— hạn 09/01/2023 (còn 48 ngày)"
    ) in tasks
    assert (
        "• Thẩm định bảng điểm tổng kết năm 2022: đã thẩm định 0/5 (gõ /thamdinh) "
        "— hạn 16/01/2023 (còn 55 ngày)"
    ) in tasks
    board = await leader.type(choice(tasks, "Thẩm định bảng điểm"))
    assert board.startswith("🔎 Thẩm định năm 2022 (tổng kết)")
    await leader.type(choice(board, "Sở GTVT"))
    await leader.type("9")
    await leader.type("5")
    await leader.type(WHY)

    tasks = await sgt.type("/viec")
    assert (
        "• Trả lời 1 điều chỉnh thẩm định bảng điểm tổng kết năm 2022: đồng ý hoặc giải trình "
        "— trước 09:00 24/11/2022 (còn 2 ngày)"
    ) in tasks
    agreed = await sgt.type(choice(tasks, "✅ Đồng ý"))
    assert "✅ Đã gửi: Sở GTVT đồng ý với 1 điều chỉnh của thẩm định." in agreed
    assert "Trả lời" not in await sgt.type("/viec")
