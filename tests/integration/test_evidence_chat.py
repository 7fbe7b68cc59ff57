"""Evidence through the chat: a photo or file sent while an item is open is kept for it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.request import Action, Attachment, ChatKind, Incoming
from bot.runtime import Runtime
from domain.model import Channel
from tests.fakes.clock import FakeClock

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Officer:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime, self.count = runtime, 0

    async def say(self, text: str = "", attachment: Attachment | None = None) -> str:
        self.count += 1
        incoming = Incoming(
            Channel.TELEGRAM, "7", ChatKind.PRIVATE, "7", "Lê Văn Hùng", text,
            update_key=str(self.count), attachment=attachment,
        )  # fmt: skip
        return (await self.runtime.app.handle(incoming)).replies[0].text


async def open_item_two(sample_runtime: Runtime, code: str, clock: FakeClock) -> Officer:
    officer = Officer(sample_runtime)
    await officer.say(f"/start {code}")
    clock.current = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)
    await officer.say("/chamdiem")
    codec = await sample_runtime.app.codec()
    officer.count += 1
    press = Incoming(
        Channel.TELEGRAM, "7", ChatKind.PRIVATE, "7", "Lê Văn Hùng",
        callback_data=codec.encode(Action("sc", ("1", "I"))), update_key=str(officer.count),
    )  # fmt: skip
    await sample_runtime.app.handle(press)
    await officer.say("14,5")  # item 1 done; item 2 is open
    return officer


async def test_photo_document_and_note_are_kept_for_the_open_item(
    sample_runtime: Runtime, invite_codes: dict[str, str], clock: FakeClock
) -> None:
    officer = await open_item_two(sample_runtime, invite_codes["SGT"], clock)
    photo = Attachment("photo", "AgAC-photo-id", "photo.jpg", 120_000, "image/jpeg")
    reply = await officer.say(attachment=photo)
    assert reply.startswith("📎 Đã lưu minh chứng (ảnh) cho tiêu chí 2.")
    assert "Đã có 1 minh chứng" in reply
    report = Attachment("document", "BQAC-doc-id", "bao-cao.xlsx", 80_000, XLSX)
    assert "Đã có 2 minh chứng" in await officer.say(attachment=report)
    async with sample_runtime.uow() as uow:
        evidence = await uow.scores.evidence(1)
    assert [(e.code, e.kind, e.reference) for e in evidence] == [
        ("2", "photo", "AgAC-photo-id"),
        ("2", "document", "BQAC-doc-id"),
    ]


async def test_wrong_or_oversized_files_are_refused_and_nothing_is_kept(
    sample_runtime: Runtime, invite_codes: dict[str, str], clock: FakeClock
) -> None:
    officer = await open_item_two(sample_runtime, invite_codes["SGT"], clock)
    video = Attachment("document", "x", "clip.mp4", 1_000, "video/mp4")
    assert "không thuộc các loại này" in await officer.say(attachment=video)
    huge = Attachment("document", "y", "scan.pdf", 30 * 1024 * 1024, "application/pdf")
    assert "quá lớn (tối đa 20 MB)" in await officer.say(attachment=huge)
    assert "Nhập điểm" not in await officer.say(attachment=huge)  # a refusal, not a prompt
    async with sample_runtime.uow() as uow:
        assert await uow.scores.evidence(1) == []
    assert (await officer.say("9,5")).startswith("Đã ghi 9,5/10 cho tiêu chí 2.")


async def test_a_file_outside_scoring_says_how_to_attach_it(
    sample_runtime: Runtime, invite_codes: dict[str, str]
) -> None:
    officer = Officer(sample_runtime)
    await officer.say(f"/start {invite_codes['SGT']}")
    photo = Attachment("photo", "p", "photo.jpg", 1, "image/jpeg")
    assert "gõ /chamdiem, mở tiêu chí" in await officer.say(attachment=photo)
