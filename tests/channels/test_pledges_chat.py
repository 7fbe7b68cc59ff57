"""Pledges in the chat, through the conversation core every channel feeds: an officer on the
console answering with numbers, the leader on Telegram pressing buttons, and the covenant
(.docx) that comes back once a unit signs."""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from docx import Document

from bot.app import BotApp
from bot.channels.render import choice_key, numbered_text
from bot.request import ChatKind, Incoming, Reply
from bot.runtime import Runtime
from domain.model import Channel
from tests.fakes.clock import FakeClock

FEBRUARY = datetime(2022, 2, 1, 2, 0, tzinfo=UTC)  # 09:00 in Trà Vinh, inside the window
APRIL = datetime(2022, 4, 2, 2, 0, tzinfo=UTC)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COMMITMENTS = "Hoàn thành 100% chỉ tiêu kế hoạch năm 2022; giải quyết đúng hạn 100% hồ sơ."
_updates = itertools.count(1)


@dataclass
class Chat:
    """One person in a private chat with the bot, remembering the last reply."""

    app: BotApp
    channel: Channel
    user_id: str
    name: str
    last: Reply | None = None
    seen: list[Reply] = field(default_factory=list)

    async def say(self, text: str) -> Reply:
        return await self._send(text=text)

    async def choose(self, label: str) -> Reply:
        """On the console: type the number (or letter) shown before the choice. On Telegram:
        press its button."""
        assert self.last is not None
        buttons = self.last.flat_buttons()
        labels = [button.label for button in buttons]
        index = next((i for i, text in enumerate(labels) if text.startswith(label)), None)
        assert index is not None, f"no choice {label!r} in {labels}"
        if self.channel is Channel.TELEGRAM:
            data = (await self.app.codec()).encode(buttons[index].action)
            return await self._send(callback_data=data)
        key = choice_key(index, self.last.lettered)
        assert f"\n{key}. {label}" in numbered_text(self.last)
        return await self._send(text=key)

    async def _send(self, text: str = "", callback_data: str | None = None) -> Reply:
        incoming = Incoming(
            self.channel, self.user_id, ChatKind.PRIVATE, self.user_id, self.name, text,
            callback_data=callback_data, update_key=str(next(_updates)),
        )  # fmt: skip
        [reply] = (await self.app.handle(incoming)).replies
        if not reply.is_error:
            self.last = reply
        self.seen.append(reply)
        return reply


@pytest.fixture
async def people(
    sample_runtime: Runtime, invite_codes: dict[str, str], clock: FakeClock
) -> tuple[Chat, Chat]:
    """The leader (Sở NN&PTNT) on Telegram and an officer of Sở TN&MT on the console."""
    app = sample_runtime.app
    leader = Chat(app, Channel.TELEGRAM, "2001", "Nguyễn Văn Lãnh")
    officer = Chat(app, Channel.CONSOLE, "console:mai", "Trần Thị Mai")
    await leader.say(f"/start {invite_codes['SNN']}")
    await officer.say(f"/start {invite_codes['STN']}")
    clock.current = FEBRUARY
    return leader, officer


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


async def test_register_review_and_sign(people: tuple[Chat, Chat]) -> None:
    leader, officer = people

    await leader.say("/chuyende")
    asked = await leader.choose("➕ Thêm chuyên đề")
    assert asked.text.startswith("Gõ tên chuyên đề thi đua năm 2022")
    added = await leader.say("Chuyển đổi số")
    assert added.text.startswith("✅ Đã thêm chuyên đề «Chuyển đổi số».")
    assert "• Chuyển đổi số" in added.text

    screen = await officer.say("/dangky")
    assert screen.text.startswith("📝 Đăng ký thi đua năm 2022 — Sở TN&MT (bản nháp)")
    assert "▫️ Cờ thi đua của UBND tỉnh" in screen.text and "▫️ Chuyển đổi số" in screen.text
    assert "Hạn đăng ký: 23:59 31/03/2022." in screen.text
    assert "\n1. ▫️ Cờ thi đua\n" in numbered_text(screen)
    await officer.choose("▫️ Cờ thi đua")
    await officer.choose("▫️ Lao động xuất sắc")
    screen = await officer.choose("▫️ Lao động tiên tiến")  # replaces "xuất sắc"
    assert "✅ Tập thể lao động tiên tiến" in screen.text
    assert "▫️ Tập thể lao động xuất sắc" in screen.text
    screen = await officer.choose("▫️ Chuyển đổi số")
    assert "✅ Chuyển đổi số" in screen.text

    refused = await officer.choose("📤 Gửi đăng ký")
    assert refused.text == ("⚠️ Còn thiếu chỉ tiêu, cam kết: bấm «✍️ Cam kết» để nhập rồi gửi lại.")
    prompt = await officer.choose("✍️ Cam kết")  # the same choices are still on offer
    assert prompt.lettered and numbered_text(prompt).endswith("\na. ◀ Quay lại")
    saved = await officer.say(COMMITMENTS)
    assert saved.text.startswith("✅ Đã lưu cam kết.") and COMMITMENTS in saved.text
    sent = await officer.choose("📤 Gửi đăng ký")
    assert sent.text.startswith("📤 Đã gửi đăng ký thi đua năm 2022 của Sở TN&MT.")
    assert "(đã gửi)" in sent.text
    assert [b.label for b in sent.flat_buttons()] == ["↩️ Rút lại", "☰ Menu chính"]

    tasks = await leader.say("/viec")
    assert "• Duyệt đăng ký thi đua của 1 đơn vị: Sở TN&MT" in tasks.text
    assert "• Đăng ký thi đua năm 2022 (gõ /dangky) — hạn 31/03/2022" in tasks.text
    listing = await leader.say("/duyet")
    assert "5 đơn vị: 1 chờ duyệt, 0 đã duyệt, 0 trả lại, 4 chưa đăng ký." in listing.text
    detail = await leader.choose("📨 Sở TN&MT — đã gửi")
    assert COMMITMENTS in detail.text and "• Tập thể lao động tiên tiến" in detail.text
    await leader.choose("↩️ Trả lại")
    returned = await leader.say("Cần ghi số liệu cụ thể cho từng chỉ tiêu.")
    assert returned.text.startswith(
        "↩️ Đã trả lại đăng ký của Sở TN&MT: «Cần ghi số liệu cụ thể cho từng chỉ tiêu.»"
    )

    tasks = await officer.say("/viec")
    assert "Khối trưởng trả lại vì «Cần ghi số liệu cụ thể cho từng chỉ tiêu.»" in tasks.text
    await officer.choose("📝 Đăng ký thi đua")
    await officer.choose("✍️ Cam kết")
    await officer.say(COMMITMENTS + " Cụ thể: 12/12 chỉ tiêu.")
    await officer.choose("📤 Gửi đăng ký")

    await leader.say("/duyet")
    await leader.choose("📨 Sở TN&MT")
    approved = await leader.choose("✅ Duyệt")
    assert approved.text.startswith("✅ Đã duyệt đăng ký thi đua của Sở TN&MT.")
    assert "✅ Sở TN&MT — đã duyệt" in [b.label for b in approved.flat_buttons()]

    signing = await officer.say("/kyket")
    assert "Bấm «🤝 Xác nhận ký kết»" in signing.text and "Đã ký kết: 0/5 đơn vị." in signing.text
    signed = await officer.choose("🤝 Xác nhận ký kết")
    assert signed.text.startswith("✅ Sở TN&MT đã ký kết giao ước thi đua năm 2022.")
    assert "Giao ước được lập khi mọi đơn vị thành viên đã ký kết" in signed.text
    assert not signed.files  # one of five: the covenant is not made at the first signature

    screen = await leader.say("/kyket")  # the leader may issue it with those who signed
    issue = next(b.label for b in screen.flat_buttons() if b.label.startswith("📜"))
    assert issue == "📜 Lập giao ước (1/5 đã ký)"
    issued = await leader.choose("📜 Lập giao ước")
    assert issued.text.startswith("📄 Giao ước thi đua năm 2022, số 01/GƯ-KTĐ: khi lập có 1/5")
    [document] = issued.files
    assert document.name == "giao-uoc-thi-dua-2022.docx" and document.mime_type == DOCX
    text = docx_text(document.content)
    assert "GIAO ƯỚC THI ĐUA" in text and "Năm 2022" in text and "Số: 01/GƯ-KTĐ" in text
    assert "Sở Tài nguyên và Môi trường" in text and "01/02/2022" in text
    assert "Tập thể lao động tiên tiến" in text and "Chuyển đổi số" in text
    assert "Cụ thể: 12/12 chỉ tiêu." in text
    units = Document(io.BytesIO(document.content)).tables[1]  # the units that signed, or not
    assert [row.cells[3].text for row in units.rows[1:]].count("Chưa ký kết") == 4
    again = await leader.say("/kyket")
    assert not any(b.label.startswith("📜") for b in again.flat_buttons())  # nothing new

    again = await officer.say("/kyket")
    assert "Sở TN&MT đã ký kết giao ước lúc 09:00 01/02/2022." in again.text
    assert [file.name for file in again.files] == ["giao-uoc-thi-dua-2022.docx"]


async def test_the_covenant_button_for_everyone_once_the_leader_issued_it(
    people: tuple[Chat, Chat], invite_codes: dict[str, str], sample_runtime: Runtime
) -> None:
    leader, officer = people
    other = Chat(leader.app, Channel.ZALO, "zalo-ba", "Lê Văn Ba")
    await other.say(f"/start {invite_codes['SCT']}")
    early = await other.say("/kyket")
    assert "Đăng ký thi đua của Sở Công Thương chưa gửi" in early.text
    assert "📄 Giao ước" not in [b.label for b in early.flat_buttons()]

    await officer.say("/dangky")
    await officer.choose("▫️ Bằng khen")
    await officer.choose("✍️ Cam kết")
    await officer.say(COMMITMENTS)
    await officer.choose("📤 Gửi đăng ký")
    await leader.say("/duyet")
    await leader.choose("📨 Sở TN&MT")
    await leader.choose("✅ Duyệt")
    await officer.say("/kyket")
    await officer.choose("🤝 Xác nhận ký kết")

    waiting = await other.say("/kyket")
    assert "📄 Giao ước" not in [b.label for b in waiting.flat_buttons()]  # not issued yet
    assert not any(b.label.startswith("📜") for b in waiting.flat_buttons())  # not theirs
    await leader.say("/kyket")
    await leader.choose("📜 Lập giao ước")

    await other.say("/kyket")
    covenant = await other.choose("📄 Giao ước")
    assert covenant.text.startswith(
        "📄 Giao ước thi đua năm 2022, số 01/GƯ-KTĐ: khi lập có 1/5 đơn vị đã ký kết"
    )
    # Zalo gets a signed download link to the stored file instead of the file.
    assert not covenant.files
    found = re.search(r"📎 giao-uoc-thi-dua-2022\.docx: \S+/files/([^?\s]+)\?", covenant.text)
    assert found is not None
    async with sample_runtime.uow() as uow:
        stored = await uow.files.get(found.group(1))
    assert stored is not None and stored.mime_type == DOCX
    assert "Sở Công Thương" in docx_text(stored.content)


async def test_refusals_say_what_to_do(people: tuple[Chat, Chat], clock: FakeClock) -> None:
    _, officer = people
    refused = await officer.say("/duyet")
    assert refused.text == "⚠️ Chỉ Khối trưởng hoặc Khối phó mới duyệt được đăng ký thi đua."
    refused = await officer.say("/kyket")
    assert "chỉ đăng ký đã được duyệt mới ký kết được" in refused.text

    await officer.say("/dangky")
    clock.current = APRIL
    late = await officer.choose("▫️ Bằng khen")  # a choice from before the deadline
    assert late.text.startswith("⚠️ Hạn đăng ký thi đua năm 2022 đã hết lúc 23:59 31/03/2022")
    closed = await officer.say("/dangky")
    assert "Đợt đăng ký đã đóng lúc 23:59 31/03/2022" in closed.text
    assert [b.label for b in closed.flat_buttons()] == ["☰ Menu chính"]
