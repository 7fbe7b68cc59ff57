"""The sample bloc's year 2022, told as it happens, up to the published ranking: every
officer's action goes through the bot's handlers; the scheduler and the dispatcher do their
part as the clock moves. The tổng kết's ballots and the handover are `demo_vote`."""

from __future__ import annotations

from pathlib import Path

from bot import admin
from bot.demo_stage import DemoError, Officer, Stage, first_line, local
from bot.request import Reply

GROUP, GROUP_TITLE = "-1001007202200", "Khối thi đua Khối 7 — Trà Vinh"
TELEGRAM_IDS = 740_100_200  # the officers' Telegram user ids follow this one
HALL = "Hội trường Sở Nông nghiệp và Phát triển nông thôn"
CAMPAIGN = "Chuyển đổi số trong quản lý nhà nước"
LAGGARD = "SCT"  # registers only after the scheduler's reminder
# unit code → (short name, its officer on Telegram, how many it sends to a conference)
UNITS = {
    "SNN": ("Sở NN&PTNT", "Nguyễn Văn Đông", 3),
    "STN": ("Sở TN&MT", "Trần Thị Mai", 2),
    "SGT": ("Sở GTVT", "Lê Minh Tuấn", 2),
    "SCT": ("Sở Công Thương", "Phạm Thị Hồng", 1),
    "PTTH": ("Đài PT-TH", "Thạch Thị Sa Rươl", 2),
}
NAMES = {
    "SNN": "Sở Nông nghiệp và Phát triển nông thôn",
    "STN": "Sở Tài nguyên và Môi trường",
    "SGT": "Sở Giao thông vận tải",
    "SCT": "Sở Công Thương",
    "PTTH": "Đài Phát thanh và Truyền hình Trà Vinh",
}

# The scores each unit keeps in its own spreadsheet (items 1–18, bonus 19–21, penalties
# 22–25 as times), typed in item by item in the annual window.
MAXIMA = (15, 10, 8, 7, 5, 5, 5, 5, 6, 5, 4, 5, 4, 3, 3, 4, 3, 3)
ITEMS = [str(n) for n in range(1, len(MAXIMA) + 1)]
FULL = {code: str(points) for code, points in zip(ITEMS, MAXIMA, strict=True)}
ANNUAL = {
    "SNN": FULL | {"1": "14,5"},
    "STN": FULL | {"3": "7", "16": "2"},
    "SGT": FULL | {"20": "4"},
    "SCT": FULL | {"1": "13", "17": "1", "21": "1", "22": "1"},
    "PTTH": FULL | {"2": "5", "19": "3", "21": "1", "24": "1"},
}
EXTRA = [str(n) for n in range(19, 26)]
# Six months in, the items only: each a little short of the year's targets.
MIDYEAR = {
    "SNN": FULL | {"1": "13,5", "4": "6"},
    "STN": FULL | {"1": "12", "3": "6", "16": "3"},
    "SGT": FULL | {"1": "14", "9": "5"},
    "SCT": FULL | {"1": "11", "2": "8", "17": "2"},
    "PTTH": FULL | {"2": "8", "4": "5"},
}


async def play(stage: Stage, sample: Path) -> dict[str, Officer]:
    """From the import to the published ranking and the tổng kết invitation; the officers,
    by unit code."""
    people = await setup(stage, sample)
    await pledges(stage, people)
    await signing(stage, people)
    await midyear(stage, people)
    await annual(stage, people)
    await review(stage, people)
    return people


async def setup(stage: Stage, sample: Path) -> dict[str, Officer]:
    stage.day(f"Ban Thi đua - Khen thưởng tỉnh nhập khối từ {sample.name}:")
    lines: list[str] = []
    if await admin.import_file(stage.runtime, sample, lines.append) != 0:
        raise DemoError("\n".join(lines))
    stage.line(lines[0])
    async with stage.runtime.uow() as uow:
        blocs = await uow.blocs.list_blocs()
        codes = {
            item.unit.code: item.invitation.code
            for _bloc, items in await admin.unit_invites(stage.runtime, uow, blocs)
            for item in items
        }
        await uow.commit()
    people = {}
    stage.day("Mỗi đơn vị nhận mã mời (python main.py invites); cán bộ thi đua vào khối:")
    for number, (code, (short, name, _people)) in enumerate(UNITS.items(), start=1):
        officer = Officer(stage, short, str(TELEGRAM_IDS + number), name)
        stage.names[officer.user_id] = short
        people[code] = officer
        reply = await officer.say(f"/start {codes[code]}")
        await stage.did(f"{short} ({name})", f"/start {codes[code]}", reply)
    leader = people["SNN"]
    stage.names[GROUP] = "nhóm Khối 7"
    stage.day("Khối trưởng thêm bot vào nhóm Telegram của khối và liên kết nhóm:")
    reply = await leader.in_group(GROUP, GROUP_TITLE, "/lienket")
    await stage.did(f"{leader.unit} (trong nhóm)", "/lienket", reply)
    return people


async def pledges(stage: Stage, people: dict[str, Officer]) -> None:
    leader = people["SNN"]
    await stage.advance(local(2022, 1, 10, 9, 0))
    stage.day("Khối trưởng đặt chuyên đề thi đua của năm:")
    await leader.say("/chuyende")
    await leader.press("Thêm chuyên đề")
    await stage.did(leader.unit, f"/chuyende → «{CAMPAIGN}»", await leader.say(CAMPAIGN))

    await stage.advance(local(2022, 2, 14, 9, 0))
    stage.day("Các đơn vị đăng ký thi đua (/dangky): danh hiệu, chuyên đề, cam kết, gửi:")
    for code in UNITS:
        if code != LAGGARD:
            await register(stage, people[code])
    await stage.advance(local(2022, 3, 28, 14, 0))
    stage.day(f"{people[LAGGARD].unit} nhận lời nhắc, đăng ký ngay:")
    await register(stage, people[LAGGARD])

    await stage.advance(local(2022, 3, 29, 9, 0))
    stage.day("Khối trưởng duyệt đăng ký (/duyet):")
    await leader.say("/duyet")
    for code, (short, _name, _people) in UNITS.items():
        await leader.press(short.removeprefix("Sở ").removeprefix("Đài "))
        reply = await leader.press("Duyệt")
        await stage.did(leader.unit, f"duyệt {people[code].unit}", reply)


async def register(stage: Stage, officer: Officer) -> None:
    await officer.say("/dangky")
    await officer.press("xuất sắc")
    await officer.press(CAMPAIGN)
    await officer.press("Cam kết")
    await officer.say(f"{officer.unit}: hoàn thành 100% chỉ tiêu kế hoạch năm 2022.")
    reply = await officer.press("Gửi đăng ký")
    await stage.did(officer.unit, "/dangky → Tập thể LĐXS, chuyên đề, cam kết, gửi", reply)


async def signing(stage: Stage, people: dict[str, Officer]) -> None:
    leader = people["SNN"]
    stage.day("Khối trưởng lên lịch hội nghị ký kết giao ước (/hoinghi):")
    await schedule(stage, leader, "ký kết", "08:30 31/03/2022")
    await answer_invitations(stage, people)
    await stage.advance(local(2022, 3, 31, 9, 0))
    stage.day("Tại hội nghị, từng đơn vị xác nhận ký kết giao ước (/kyket):")
    for officer in people.values():
        await officer.say("/kyket")
        reply = await officer.press("Xác nhận ký kết")
        await stage.did(officer.unit, "/kyket → «Xác nhận ký kết»", reply)


async def schedule(stage: Stage, leader: Officer, kind: str, at: str | None = None) -> None:
    await leader.say("/hoinghi")
    await leader.press("Lên lịch hội nghị")
    draft = await leader.press(kind)
    if at is not None:
        await leader.press("Thời gian")
        draft = await leader.say(at)
    when = next(line for line in draft.text.splitlines() if line.startswith("⏰"))
    sent = await leader.press("Gửi giấy mời")
    await stage.did(leader.unit, f"«{kind}», {when.removeprefix('⏰ ')}, gửi giấy mời", sent)


async def answer_invitations(stage: Stage, people: dict[str, Officer]) -> None:
    for code, officer in people.items():
        count = UNITS[code][2]
        await officer.say("/hoinghi")
        await officer.press("Đăng ký dự")
        reply = await officer.press(f"{count} người")
        await stage.did(officer.unit, f"đăng ký dự {count} người", reply)


async def score(officer: Officer, values: list[str], opened: bool = False) -> None:
    """Type the values in the walk's order (items, bonus, penalties) from item 1, or from
    the item on screen when the sheet is `opened` already."""
    if not opened:
        await officer.say("/chamdiem")
        await officer.press("Phần I")
    for value in values:
        await officer.say(value)


async def submit(stage: Stage, officer: Officer, what: str) -> None:
    if not any("Nộp bảng điểm" in b.label for b in officer.last.flat_buttons()):
        await officer.press("Lưu nháp")  # back to the sheet from the item on screen
    await officer.press("Nộp bảng điểm")
    reply = await officer.press("Nộp")
    await stage.did(officer.unit, what, reply)


async def midyear(stage: Stage, people: dict[str, Officer]) -> None:
    leader, late = people["SNN"], people["STN"]
    await stage.advance(local(2022, 6, 15, 9, 0))
    stage.day("Các đơn vị tự chấm 6 tháng (/chamdiem), nhập 18 tiêu chí rồi nộp:")
    for code, officer in people.items():
        if officer is late:
            await score(officer, [MIDYEAR[code][i] for i in ITEMS[:12]])
            await stage.did(officer.unit, "/chamdiem → nhập 12/18 tiêu chí, để đó", officer.last)
            continue
        await score(officer, [MIDYEAR[code][i] for i in ITEMS])
        await submit(stage, officer, "/chamdiem → 18 tiêu chí, nộp")
    await stage.advance(local(2022, 6, 27, 15, 0))
    stage.day(f"{late.unit} chấm nốt và nộp:")
    await late.say("/chamdiem")
    await late.press("Phần IV")
    for value in [MIDYEAR["STN"][i] for i in ITEMS[12:]]:
        await late.say(value)
    await submit(stage, late, "/chamdiem → 6 tiêu chí còn lại, nộp")

    await stage.advance(local(2022, 7, 1, 9, 0))
    stage.day("Khối trưởng công bố kết quả sơ kết và lên lịch hội nghị sơ kết:")
    published = await publish(leader)
    await stage.did(leader.unit, "/xephang → «Công bố xếp hạng» → «Công bố»", published)
    ranking_lines(stage, published.text)
    await stage.did(leader.unit, "/baocao", await leader.say("/baocao"))
    await schedule(stage, leader, "sơ kết")
    await answer_invitations(stage, people)
    await stage.advance(local(2022, 7, 15, 11, 0))


async def annual(stage: Stage, people: dict[str, Officer]) -> None:
    late = people["PTTH"]
    await stage.advance(local(2022, 11, 21, 9, 0))
    stage.day("Các đơn vị nhập bảng tự chấm cả năm từ bảng tính của mình (25 mục) và nộp:")
    for code, officer in people.items():
        values = [ANNUAL[code].get(i, "0") for i in ITEMS + EXTRA]
        if officer is late:
            await score(officer, values[:10])
            await stage.did(officer.unit, "/chamdiem → nhập 10/18 tiêu chí, để đó", officer.last)
            continue
        if code == "SGT":  # a slip of the finger on item 4 (at most 7 points)
            await score(officer, values[:3])
            slip = await officer.say("7,5", expect_error=True)
            stage.line(f"{officer.unit}: gõ nhầm «7,5» cho tiêu chí 4 → «{first_line(slip.text)}»")
            values = values[3:]
        await score(officer, values, opened=code == "SGT")
        await submit(stage, officer, "/chamdiem → 25 mục, nộp")
    await stage.advance(local(2022, 12, 12, 10, 0))
    stage.day(f"{late.unit} chấm nốt và nộp:")
    await late.say("/chamdiem")
    await late.press("Phần III")
    for value in [ANNUAL["PTTH"].get(i, "0") for i in ITEMS[10:] + EXTRA]:
        await late.say(value)
    await submit(stage, late, "/chamdiem → 15 mục còn lại, nộp")


async def review(stage: Stage, people: dict[str, Officer]) -> None:
    leader = people["SNN"]
    await stage.advance(local(2022, 12, 14, 9, 0))
    stage.day("Khối trưởng thẩm định (/thamdinh) bảng điểm của Sở GTVT:")
    await leader.say("/thamdinh")
    await leader.press("GTVT")
    await leader.say("9")
    await leader.say("5")
    reason = "Chỉ số CCHC năm 2022 của Sở xếp thứ 12/19."
    verified = await leader.say(reason)
    await stage.did(leader.unit, f"tiêu chí 9: 6 → 5 điểm, lý do «{reason}»", verified)
    await stage.advance(local(2022, 12, 16, 9, 0))
    stage.day("Đợt chấm đã đóng; Khối trưởng công bố xếp hạng cả năm (/xephang):")
    published = await publish(leader)
    await stage.did(leader.unit, "/xephang → «Công bố xếp hạng» → «Công bố»", published)
    ranking_lines(stage, published.text)
    reports = await people["SCT"].say("/baocao")
    await stage.did(people["SCT"].unit, "/baocao", reports)
    stage.day("Khối trưởng lên lịch hội nghị tổng kết:")
    await schedule(stage, leader, "tổng kết")
    await answer_invitations(stage, people)


async def publish(leader: Officer) -> Reply:
    """/xephang → «Công bố xếp hạng», which first names what is still open, → «Công bố»."""
    await leader.say("/xephang")
    asked = await leader.press("Công bố xếp hạng")
    anyway = any("Vẫn công bố" in button.label for button in asked.flat_buttons())
    return await leader.press("Vẫn công bố" if anyway else "📢 Công bố")


def ranking_lines(stage: Stage, text: str) -> None:
    for line in text.splitlines():
        if " — " in line and line[:1].isdigit():
            stage.line(f"   {line}")
