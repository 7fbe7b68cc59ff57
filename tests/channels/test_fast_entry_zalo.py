"""Fast entry on Zalo, on the 1,000-point cụm sample: the real ZaloChannel long polling
FakeZaloServer. The Zalo Bot Platform hands a bot no documents (only texts, images and
stickers), so the screen says so and offers the one-message form, not the .xlsx form."""

# ruff: noqa: F811 - the tests take test_zalo_channel's `server` and `channel` by their names

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.channels.zalo import ZaloChannel
from bot.runtime import Runtime
from tests.channels.cum_support import MESSAGE, SCORING, TOTAL, import_cum
from tests.channels.test_ballots_zalo import choice
from tests.channels.test_zalo_channel import (
    ZaloChat,
    channel,  # noqa: F401
    server,  # noqa: F401
)
from tests.fakes.clock import FakeClock
from tests.fakes.zalo_server import FakeZaloServer


@pytest.fixture
async def sample_runtime(runtime: Runtime, clock: FakeClock) -> Runtime:
    """The cụm instead of the shared sample: `channel` polls for this runtime's bot."""
    return runtime


@pytest.fixture
async def nam(
    sample_runtime: Runtime, clock: FakeClock, server: FakeZaloServer, channel: ZaloChannel
) -> AsyncIterator[ZaloChat]:
    codes = await import_cum(sample_runtime, clock)
    chat = ZaloChat(server, "chat-nam", "zalo-nam", display_name="Trần Văn Nam")
    assert (await chat.say(f"/start {codes['SXD']}")).startswith("Chào anh/chị Nam!")
    clock.current = SCORING
    yield chat


async def test_zalo_types_the_whole_sheet_and_is_told_files_cannot_come(nam: ZaloChat) -> None:
    sheet = await nam.say("/chamdiem")
    screen = await nam.say(choice(sheet, "⚡ Nhập nhanh cả bảng"))
    assert (
        "Zalo chưa cho bot nhận tệp gửi lên, nên trên Zalo anh/chị gõ cả bảng trong một tin "
        "nhắn như trên."
    ) in screen
    assert "Tải mẫu Excel" not in screen
    assert screen.endswith("\n\na. ◀ Quay lại bảng điểm")

    photo = await nam.answer_to(lambda: nam.server.push_image(nam.chat_id, nam.user_id))
    assert photo.startswith("Zalo chưa cho bot nhận tệp gửi lên")

    done = await nam.say(MESSAGE)
    assert done.startswith("✅ Đã ghi: 18 tiêu chí thay đổi, 0 giữ nguyên.")
    assert f"Tạm tính: {TOTAL} / 1000" in done
    # The screen after it is the sheet again, its choices numbered as before.
    assert choice(done, "📤 Nộp bảng điểm") == "8"


async def test_entries_typed_at_an_items_prompt_are_the_sheet(nam: ZaloChat) -> None:
    item = await nam.say(choice(await nam.say("/chamdiem"), "Phần II ("))
    assert "Nhập điểm từ 0 đến 80, ví dụ 72." in item  # 2.1, at most 80
    spaced = await nam.say("2 4 0")
    assert spaced.startswith("⚠️ «2 4 0» có dấu cách giữa các chữ số")
    done = await nam.say("2.1 70; 2.2 60")
    assert done.splitlines()[:3] == [
        "✅ Đã ghi: 2 tiêu chí thay đổi, 0 giữ nguyên.",
        "• Tiêu chí 2.1: — → 70",
        "• Tiêu chí 2.2: — → 60",
    ]
    assert "Phần II. Cải cách hành chính và chuyển đổi số (200 điểm) — đã chấm 2/3 · 130 điểm" in (
        done
    )
