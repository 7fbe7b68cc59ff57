"""Fast entry through Telegram, on the 1,000-point cụm sample: the real aiogram stack long
polling the fake Bot API, which also serves the files a user sends (getFile and the file
endpoint, file_download_support). Sở Xây dựng scores its whole annual sheet three ways — in
one message, with the filled .xlsx form, item by item — and each way's actions are counted:
every update the officer sends is one action."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bot.runtime import Runtime
from domain.sheets import EntrySource
from domain.summary import Cycle
from tests.channels.ballot_support import BallotHarness, running
from tests.channels.cum_support import CUM, MESSAGE, SCORING, SHEET, TOTAL, import_cum
from tests.channels.file_download_support import FilesTelegramServer, telegram_with_files
from tests.channels.telegram_support import button_rows
from tests.channels.test_scoring_telegram import TOKEN, Person, lines
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_server import StoredMessage

NAM = Person(2001, "Trần Văn", "Nam")  # Sở Xây dựng
HOA = Person(2002, "Lê Thị", "Hoa")  # Sở Xây dựng, a second officer
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FAST = "⚡ Nhập nhanh cả bảng"
SCREEN_BUTTONS = [["📄 Tải mẫu Excel"], ["◀ Quay lại bảng điểm"]]


class Officer:
    """A person and the updates they send: each one is an action."""

    def __init__(self, tg: BallotHarness, person: Person) -> None:
        self.tg, self.person, self.actions = tg, person, 0

    async def say(self, text: str) -> StoredMessage:
        self.actions += 1
        return await self.tg.reply_to(self.person, text)

    async def press(self, message: StoredMessage, label: str) -> StoredMessage:
        self.actions += 1
        (await self.tg.press_button(self.person, message, label)).assert_edited_in_place(message)
        return message

    async def send_file(self, file_id: str, content: bytes) -> StoredMessage:
        self.actions += 1
        server = self.tg.server
        assert isinstance(server, FilesTelegramServer)
        server.host.add(file_id, content)
        document = {
            "file_id": file_id, "file_unique_id": f"U{file_id}", "file_size": len(content),
            "file_name": "bang-diem-SXD-2025-ca-nam.xlsx", "mime_type": XLSX,
        }  # fmt: skip
        return await self.tg.send_content(self.person, document=document)


@pytest.fixture
async def tg(runtime: Runtime, clock: FakeClock) -> AsyncIterator[BallotHarness]:
    codes = await import_cum(runtime, clock)
    async with (
        telegram_with_files(TOKEN) as (server, bot),
        running(server, runtime, clock, codes, bot=bot) as harness,
    ):
        for person in (NAM, HOA):
            await harness.join(person, "SXD")
        clock.current = SCORING
        yield harness


async def stored(runtime: Runtime) -> dict[str, tuple[Decimal | None, EntrySource]]:
    """Sở Xây dựng's annual entries as stored: code → (value, where it came from)."""
    async with runtime.uow() as uow:
        bloc = await uow.blocs.by_code(CUM)
        assert bloc is not None and bloc.id is not None
        year = await uow.blocs.year(bloc.id, 2025)
        assert year is not None and year.id is not None
        [unit] = [u.id for u in await uow.blocs.units(bloc.id) if u.code == "SXD"]
        assert unit is not None
        sheet = await uow.scores.find_sheet(year.id, unit, unit, Cycle.ANNUAL)
    if sheet is None:
        return {}
    return {code: (e.own_value, e.source) for code, e in sheet.entries.items()}


def as_stored(text: str) -> Decimal:
    return Decimal({"không": "0", "có": "1"}.get(text, text.replace(",", ".")))


async def test_the_whole_sheet_in_one_message(tg: BallotHarness, runtime: Runtime) -> None:
    nam = Officer(tg, NAM)
    sheet = await nam.say("/chamdiem")
    assert [FAST] in button_rows(sheet)
    await nam.press(sheet, FAST)
    assert lines(sheet)[0] == "⚡ Nhập nhanh — Chấm điểm năm 2025 — Sở Xây dựng (bản nháp)"
    assert "1.1 180; 1.2 108; 5.1 27; 6.1 không" in lines(sheet)  # in each item's own range
    assert "• Phần I: 1.1 (200) · 1.2 (120) · 1.3 (100) · 1.4 (80)" in lines(sheet)
    assert "• Trừ: 6.1 (có/không) · 6.2 (số lần) · 6.3 (số lần)" in lines(sheet)
    assert button_rows(sheet) == SCREEN_BUTTONS

    done = await nam.say(MESSAGE)
    assert done.message_id == sheet.message_id  # the screen typed into becomes the sheet
    assert lines(done)[:3] == [
        "✅ Đã ghi: 18 tiêu chí thay đổi, 0 giữ nguyên.",
        "• Tiêu chí 1.1: — → 180",
        "• Tiêu chí 1.2: — → 108,5",
    ]
    assert "• Tiêu chí 6.1: — → không" in lines(done)
    assert f"Tạm tính: {TOTAL} / 1000" in lines(done)
    assert nam.actions == 3  # /chamdiem, ⚡, the message
    assert {code: value for code, (value, _) in (await stored(runtime)).items()} == {
        code: as_stored(text) for code, text in SHEET.items()
    }


async def test_a_message_with_problems_is_answered_by_line_and_nothing_is_saved(
    tg: BallotHarness, runtime: Runtime
) -> None:
    nam = Officer(tg, NAM)
    await nam.press(await nam.say("/chamdiem"), FAST)
    refused = await nam.say("1.1 180; 1.2 1400; A9 5; 2.1 -5; 2.2 2 4 0; 6.1 2; 1.1 190")
    assert lines(refused) == [
        "⚠️ Chưa ghi gì: có 6 lỗi. Anh/chị sửa rồi gửi lại cả tin nhắn:",
        "• Dòng 2 «1.2 1400»: tiêu chí 1.2 tối đa 120 điểm (đang ghi 1400).",
        "• Dòng 3 «A9 5»: không có tiêu chí A9 trong bảng tiêu chí năm nay.",
        "• Dòng 4 «2.1 -5»: điểm không được dưới 0; tiêu chí 2.1 ghi từ 0 đến 80.",
        "• Dòng 5 «2.2 2 4 0»: «2 4 0» có dấu cách giữa các chữ số; gõ liền, ví dụ 240.",
        "• Dòng 6 «6.1 2»: tiêu chí 6.1 chỉ ghi «có» (trừ 50 điểm) hoặc «không», đang ghi «2».",
        "• Dòng 7 «1.1 190»: tiêu chí 1.1 đã có ở dòng 1; mỗi tiêu chí ghi một lần.",
    ]
    assert await stored(runtime) == {}
    # Still in fast entry: the corrected message goes through.
    done = await nam.say("1.1 180; 1.2 108; 2.1 70; 6.1 có")
    assert lines(done)[0] == "✅ Đã ghi: 4 tiêu chí thay đổi, 0 giữ nguyên."
    assert "Điểm trừ: 50" in lines(done)


async def test_a_colleagues_change_meanwhile_is_kept_until_seen(
    tg: BallotHarness, runtime: Runtime
) -> None:
    nam, hoa = Officer(tg, NAM), Officer(tg, HOA)
    await nam.press(await nam.say("/chamdiem"), FAST)  # Nam's screen: nothing entered
    await hoa.press(await hoa.say("/chamdiem"), FAST)
    await hoa.say("1.1 195")
    refused = await nam.say("1.1 180; 1.2 108")
    assert lines(refused)[1] == (
        "• Dòng 1 «1.1 180»: tiêu chí 1.1 vừa được Lê Thị Hoa ghi 195 nên chưa ghi đè; gửi "
        "lại nếu anh/chị vẫn muốn thay."
    )
    assert (await stored(runtime))["1.1"][0] == Decimal(195)
    again = await nam.say("1.1 180; 1.2 108")
    assert lines(again)[:2] == ["✅ Đã ghi: 2 tiêu chí thay đổi, 0 giữ nguyên.",
                                "• Tiêu chí 1.1: 195 → 180"]  # fmt: skip


def filled_form(content: bytes, scores: dict[str, str]) -> bytes:
    """The form as the unit fills it in Excel: a score typed next to each code."""
    book = load_workbook(io.BytesIO(content))
    sheet = book["Cham_diem"]
    header = [cell.value for cell in sheet[1]]
    code_column, score_column = header.index("Mã") + 1, len(header)
    for row in range(2, sheet.max_row + 1):
        code = sheet.cell(row, code_column).value
        if code in scores:
            text = scores[str(code)]
            number = text.replace(",", ".")
            value = float(number) if number.replace(".", "").isdigit() else text
            sheet.cell(row, score_column).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_the_filled_xlsx_form(tg: BallotHarness, runtime: Runtime) -> None:
    nam = Officer(tg, NAM)
    sheet = await nam.press(await nam.say("/chamdiem"), FAST)
    since = tg.mark()
    nam.actions += 1
    press = await tg.press_button(NAM, sheet, "📄 Tải mẫu Excel")
    [sent] = press.of("sendDocument")
    upload = sent.upload("document")
    assert upload is not None and upload.filename == "bang-diem-SXD-2025-ca-nam.xlsx"
    [caption] = [m for m in tg.bot_messages(NAM.chat_id, since) if m.text]
    assert caption.text is not None and caption.text.startswith("📄 Mẫu Excel của bảng điểm")
    form = load_workbook(io.BytesIO(upload.content))
    rows = list(form["Cham_diem"].iter_rows(values_only=True))
    assert rows[0] == ("Mã", "Nội dung tiêu chí", "Loại", "Tối đa", "Cách ghi", "Đã ghi",
                       "Điểm (ghi vào cột này)")  # fmt: skip
    assert rows[1][:4] == ("I", "Thực hiện nhiệm vụ chuyên môn được giao", "Phần", 500)
    assert rows[2][0] == "1.1" and rows[2][3:] == (200, "0 – 200", None, None)
    assert rows[-3][0] == "6.1" and rows[-3][4] == "có / không (trừ 50 điểm)"
    assert rows[-1][4] == "số lần (trừ 20 điểm mỗi lần)"
    assert "Hạn nộp: 23:59 ngày 10/12/2025." in [r[0] for r in form["Huong_dan"].iter_rows(
        values_only=True)]  # fmt: skip

    # A row out of range: every problem by its row, nothing recorded.
    wrong = filled_form(upload.content, SHEET | {"2.3": "55", "6.1": "2"})
    refused = await nam.send_file("BQAC-wrong", wrong)
    assert lines(refused) == [
        "⚠️ Chưa ghi gì: tệp có 2 lỗi. Anh/chị sửa tệp rồi gửi lại:",
        "• Dòng 10 của tệp («2.3 55»): tiêu chí 2.3 tối đa 50 điểm (đang ghi 55).",
        "• Dòng 23 của tệp («6.1 2»): tiêu chí 6.1 chỉ ghi «có» (trừ 50 điểm) hoặc «không», "
        "đang ghi «2».",
    ]
    assert await stored(runtime) == {}
    nam.actions -= 1  # the corrected file is the one that counts

    done = await nam.send_file("BQAC-ok", filled_form(upload.content, SHEET))
    assert lines(done)[0] == "✅ Đã ghi: 18 tiêu chí thay đổi, 0 giữ nguyên."
    assert f"Tạm tính: {TOTAL} / 1000" in lines(done)
    assert nam.actions == 4  # /chamdiem, ⚡, 📄, the filled file (and 18 cells in Excel)
    assert len(await stored(runtime)) == 18


async def test_a_file_that_is_not_the_form_is_refused(tg: BallotHarness) -> None:
    nam = Officer(tg, NAM)
    await nam.press(await nam.say("/chamdiem"), FAST)
    said = await nam.send_file("BQAC-txt", b"not a workbook")
    assert lines(said)[0].startswith("Tệp không phải mẫu bảng điểm của bot")
    photo = await tg.send_content(NAM, photo=[{"file_id": "P1", "file_unique_id": "UP1",
                                               "width": 90, "height": 90}])  # fmt: skip
    assert (photo.text or "").startswith("Bot chỉ đọc được bảng điểm dạng .xlsx")


async def test_item_by_item_with_examples_in_range(tg: BallotHarness, runtime: Runtime) -> None:
    """The same sheet item by item: the prompts' examples, "-5", "2 4 0", yes/no."""
    nam = Officer(tg, NAM)
    sheet = await nam.say("/chamdiem")
    await nam.press(sheet, "Phần I (0/4)")
    assert "Nhập điểm từ 0 đến 200, ví dụ 180." in lines(sheet)
    below = await tg.reply_to(NAM, "-5")
    assert (below.text or "").startswith("⚠️ Điểm không được dưới 0 (anh/chị gõ «-5»).")
    spaced = await tg.reply_to(NAM, "2 4 0")
    assert "«2 4 0» có dấu cách giữa các chữ số" in (spaced.text or "")
    prompt = sheet
    for code, text in SHEET.items():
        prompt = await nam.say(text)
        if code == "5.2":  # the next prompt: the first penalty, a one-off
            assert "Có vi phạm không? Gõ «có» (trừ 50 điểm) hoặc «không»." in lines(prompt)
    assert lines(prompt)[0] == "Đã ghi 0 lần cho mục 6.3."  # the last: the sheet follows
    assert nam.actions == 20  # /chamdiem, Phần I, 18 values
    values = {code: value for code, (value, _) in (await stored(runtime)).items()}
    assert values == {code: as_stored(text) for code, text in SHEET.items()}
    assert f"Tạm tính: {TOTAL} / 1000" in lines(prompt)
