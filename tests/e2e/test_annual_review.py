"""The sample bloc's year from pledges to the score table, through the chat: five units
register, the leader approves, all sign the covenant, each self-scores from its own
spreadsheet, the leader verifies, publishes, and the ranking and the .xlsx match figures
computed by hand here."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Protocol, TypeVar

import docx
from openpyxl import Workbook, load_workbook

from bot.request import ChatKind, Incoming, Reply
from bot.runtime import Runtime
from domain.model import Channel
from tests.fakes.clock import FakeClock

ITEMS = [str(n) for n in range(1, 19)]
MAXIMA = [
    "15",
    "10",
    "8",
    "7",
    "5",
    "5",
    "5",
    "5",
    "6",
    "5",
    "4",
    "5",
    "4",
    "3",
    "3",
    "4",
    "3",
    "3",
]
FULL = dict(zip(ITEMS, MAXIMA, strict=True))
BONUS, PENALTIES = ["19", "20", "21"], ["22", "23", "24", "25"]

# Each unit's own spreadsheet of scores: items (points), bonus (points), penalties (times).
SHEETS: dict[str, dict[str, str]] = {
    "SNN": FULL | {"1": "14,5"},
    "STN": FULL | {"3": "7", "16": "2"},
    "SGT": FULL | {"20": "4"},
    "SCT": FULL | {"1": "13", "17": "1", "21": "1", "22": "1"},
    "PTTH": FULL | {"2": "5", "19": "3", "21": "1", "24": "1"},
}
# By hand (scale 100, bonus cap 10; penalty 22 is 8 once, 24 is 2 a time):
#   SNN  items 99,5                              = 99,5   (section I 39,5)
#   STN  items 97 (3: 7, 16: 2)                  = 97     (section I 39)
#   SGT  items 100 + bonus 4 = 104; verified: item 9 6→5, bonus 20 4→1 → 99 + 1 = 100
#   SCT  items 96 + bonus 1 − 8                  = 89
#   PTTH items 95 + bonus 4 − 2                  = 97     (section I 35: ranks after STN)
EXPECTED = [("SGT", 1, "100"), ("SNN", 2, "99.5"), ("STN", 3, "97"), ("PTTH", 4, "97"),
            ("SCT", 5, "89")]  # fmt: skip
SELF = {"SGT": "104", "SNN": "99.5", "STN": "97", "PTTH": "97", "SCT": "89"}


class Officer(Protocol):
    """An officer on some channel: types text, presses a button of the last reply."""

    async def say(self, text: str) -> Reply: ...
    async def press(self, label: str) -> Reply: ...


AnyOfficer = TypeVar("AnyOfficer", bound=Officer)


class Person:
    """An officer on Telegram: types text, presses the buttons of the last reply."""

    updates = 0

    def __init__(self, runtime: Runtime, user: str) -> None:
        self.runtime, self.user = runtime, user
        self.last = Reply("")

    async def say(self, text: str) -> Reply:
        return await self._send(Incoming(Channel.TELEGRAM, self.user, ChatKind.PRIVATE,
                                         self.user, self.user, text))  # fmt: skip

    async def press(self, label: str) -> Reply:
        labels = [b.label for b in self.last.flat_buttons()]
        matching = [b for b in self.last.flat_buttons() if label in b.label]
        assert matching, f"no button with {label!r} in {labels}:\n{self.last.text}"
        button = matching[0]
        data = (await self.runtime.app.codec()).encode(button.action)
        return await self._send(Incoming(Channel.TELEGRAM, self.user, ChatKind.PRIVATE,
                                         self.user, self.user, callback_data=data))  # fmt: skip

    async def _send(self, incoming: Incoming) -> Reply:
        Person.updates += 1
        keyed = Incoming(**{**incoming.__dict__, "update_key": str(Person.updates)})
        outcome = await self.runtime.app.handle(keyed)
        assert outcome.replies, incoming
        self.last = outcome.replies[0]
        assert not self.last.is_error, self.last.text
        return self.last


def spreadsheet(path: Path) -> None:
    """The units' own score files, as they keep them in Excel before typing them in."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Đơn vị", *ITEMS, *BONUS, *PENALTIES])
    for unit, scores in SHEETS.items():
        sheet.append([unit, *(scores.get(code, "0") for code in ITEMS + BONUS + PENALTIES)])
    book.save(path)


def read_spreadsheet(path: Path) -> dict[str, list[str]]:
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    return {str(row[0]): [str(value) for value in row[1:]] for row in rows[1:]}


async def run_to_published_ranking(
    sample_runtime: Runtime, invite_codes: dict[str, str], clock: FakeClock, tmp_path: Path
) -> dict[str, Person]:
    """Every unit joins, pledges, signs, self-scores; the leader verifies and publishes the
    annual ranking (16/12/2022). The officers, on Telegram, by unit code."""
    return await year_to_published_ranking(
        lambda user: Person(sample_runtime, user), invite_codes, clock, tmp_path
    )


async def year_to_published_ranking(
    officer: Callable[[str], AnyOfficer],
    invite_codes: dict[str, str],
    clock: FakeClock,
    tmp_path: Path,
) -> dict[str, AnyOfficer]:
    """The same year with officers that `officer` makes from an account id (any channel)."""
    people = {unit: officer(unit.lower()) for unit in SHEETS}
    leader = people["SNN"]
    for unit, person in people.items():
        await person.say(f"/start {invite_codes[unit]}")

    # Pledges (window 05/01–31/03): a themed campaign, every unit registers, approval, signing.
    clock.current = datetime(2022, 2, 1, 2, 0, tzinfo=UTC)
    await leader.say("/chuyende")
    await leader.press("Thêm chuyên đề")
    await leader.say("Chuyển đổi số trong quản lý nhà nước")
    for unit, person in people.items():
        await person.say("/dangky")
        await person.press("xuất sắc")
        await person.press("Cam kết")
        await person.say(f"{unit}: hoàn thành 100% chỉ tiêu kế hoạch năm 2022.")
        await person.press("Gửi đăng ký")
    await leader.say("/duyet")
    for unit in SHEETS:
        short = {"SNN": "NN&PTNT", "STN": "TN&MT", "SGT": "GTVT", "SCT": "Công Thương",
                 "PTTH": "PT-TH"}[unit]  # fmt: skip
        await leader.press(short)
        approved = await leader.press("Duyệt")  # back to the list, with the unit approved
        assert approved.text.startswith("✅ Đã duyệt đăng ký thi đua của"), approved.text
    signed = []
    for person in people.values():
        await person.say("/kyket")
        reply = await person.press("Xác nhận ký kết")
        signed.append(reply.files)
    # Made once all have signed: the last signature brings it, none before.
    assert [bool(files) for files in signed] == [False] * (len(people) - 1) + [True]
    covenant = signed[-1][0]
    assert covenant.name.endswith(".docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(covenant.content)).paragraphs)
    assert "GIAO ƯỚC THI ĐUA" in text and "Năm 2022" in text and "SCT: hoàn thành 100%" in text

    # Annual scoring (window 15/11–15/12): each unit types its spreadsheet in and submits.
    path = tmp_path / "tu-cham-2022.xlsx"
    spreadsheet(path)
    clock.current = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)
    for unit, values in read_spreadsheet(path).items():
        person = people[unit]
        todo = await person.say("/viec")
        assert "Chấm điểm thi đua năm 2022: đã chấm 0/" in todo.text, todo.text
        await person.say("/chamdiem")
        await person.press("Phần I")
        for value in values:  # items, then bonus, then penalties: the walk's own order
            await person.say(value)
        await person.press("Nộp bảng điểm")
        done = await person.press("Nộp")
        assert f"{Decimal(SELF[unit]):f}".replace(".", ",") + " điểm" in done.text

    # Verification, then publishing.
    await leader.say("/thamdinh")
    await leader.press("GTVT")
    for code, points, reason in (("9", "5", "Chỉ số CCHC năm 2022 xếp thứ 12/19."),
                                 ("20", "1", "Chưa có quyết định tặng Cờ thi đua.")):  # fmt: skip
        await leader.say(code)
        await leader.say(points)
        await leader.say(reason)
    clock.current = datetime(2022, 12, 16, 1, 0, tzinfo=UTC)  # the window closed yesterday
    ranking = await leader.say("/xephang")
    assert "(chưa công bố)" in ranking.text
    check = await leader.press("Công bố xếp hạng")  # asks first, naming what is open
    assert "• Chưa thẩm định xong: Sở NN&PTNT, Sở TN&MT, Sở GTVT" in check.text
    published = await leader.press("Vẫn công bố")
    lines = [line for line in published.text.splitlines() if " — " in line]
    assert lines == [
        "1. Sở GTVT — 100 điểm",
        "2. Sở NN&PTNT — 99,5 điểm",
        "3. Sở TN&MT — 97 điểm",
        "4. Đài PT-TH — 97 điểm",
        "5. Sở Công Thương — 89 điểm",
    ]
    return people


async def test_the_bloc_runs_its_annual_review(
    sample_runtime: Runtime, invite_codes: dict[str, str], clock: FakeClock, tmp_path: Path
) -> None:
    people = await run_to_published_ranking(sample_runtime, invite_codes, clock, tmp_path)
    assert "Khối trưởng đã thẩm định" in (await people["SGT"].say("/chamdiem")).text
    check_score_table(await people["SCT"].say("/baocao"))


def check_score_table(reports: Reply) -> None:
    """The score table: one row per unit, in rank order, with the hand-computed figures."""
    table = next(f for f in reports.files if f.name.endswith(".xlsx"))
    sheet = load_workbook(io.BytesIO(table.content)).worksheets[0]
    headers: dict[str, int] = {}
    for row in sheet.iter_rows(min_row=1, max_row=8):
        for cell in row:
            if isinstance(cell.value, str):
                headers.setdefault(cell.value.strip(), cell.column)
    names = {"SGT": "Sở Giao thông vận tải", "SNN": "Sở Nông nghiệp và Phát triển nông thôn",
             "STN": "Sở Tài nguyên và Môi trường", "PTTH": "Đài Phát thanh và Truyền hình Trà Vinh",
             "SCT": "Sở Công Thương"}  # fmt: skip
    rows = {
        str(row[1].value): row
        for row in sheet.iter_rows(min_row=8)
        if row[1].value in names.values()
    }
    for unit, rank, final in EXPECTED:
        row = rows[names[unit]]
        assert Decimal(str(row[headers["Thẩm định"] - 1].value)) == Decimal(final), unit
        assert Decimal(str(row[headers["Tự chấm"] - 1].value)) == Decimal(SELF[unit]), unit
        assert int(row[headers["Xếp hạng"] - 1].value) == rank, unit
