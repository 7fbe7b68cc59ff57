"""The sample bloc's year 2022, told as it happens, up to the published ranking: every
officer's action goes through the bot's handlers; the scheduler and the dispatcher do their
part as the clock moves. The tổng kết's ballots and the handover are `demo_vote`."""

from __future__ import annotations

from pathlib import Path

from bot import admin, wording
from bot.demo_stage import DemoError, Officer, Stage, first_line, local
from bot.request import Reply
from domain.model import Channel

GROUP, GROUP_TITLE = "-1001007202200", "Khối thi đua Khối 7 — Trà Vinh"
BLOC_SHORT = "Khối 7"  # how the officers call their bloc (its group, in the printed lines)
PLATFORMS = {Channel.TELEGRAM: "Telegram", Channel.ZALO_OA: "Zalo"}  # where the group is
TITLE = "Tập thể LĐXS"  # the title every unit pledges to earn, as its button says
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
    stage.day(stage.t("demo-import", file=sample.name))
    lines: list[str] = []
    if await admin.import_file(stage.runtime, sample, lines.append, stage.translator) != 0:
        raise DemoError("\n".join(lines))
    stage.line(lines[0])
    async with stage.runtime.uow() as uow:
        blocs = await uow.blocs.list_blocs()
        stage.words = wording.bloc_words(blocs[0])
        codes = {
            item.unit.code: item.invitation.code
            for _bloc, items in await admin.unit_invites(stage.runtime, uow, blocs)
            for item in items
        }
        await uow.commit()
    people = {}
    stage.day(stage.t("demo-invites", command="python main.py invites"))
    for number, (code, (short, name, _people)) in enumerate(UNITS.items(), start=1):
        officer = Officer(stage, short, str(TELEGRAM_IDS + number), name)
        stage.names[officer.user_id] = short
        people[code] = officer
        reply = await officer.say(f"/start {codes[code]}")
        await stage.did(f"{short} ({name})", f"/start {codes[code]}", reply)
    leader = people["SNN"]
    stage.names[GROUP] = stage.t("demo-group", bloc=BLOC_SHORT)
    stage.day(stage.t("demo-link-group", platform=PLATFORMS.get(stage.channel, "Telegram")))
    reply = await leader.in_group(GROUP, GROUP_TITLE, "/lienket")
    await stage.did(stage.t("demo-in-group", unit=leader.unit), "/lienket", reply)
    return people


async def pledges(stage: Stage, people: dict[str, Officer]) -> None:
    leader = people["SNN"]
    await stage.advance(local(2022, 1, 10, 9, 0))
    stage.day(stage.t("demo-campaign"))
    await leader.say("/chuyende")
    await leader.press("Thêm chuyên đề")
    await stage.did(leader.unit, f"/chuyende → «{CAMPAIGN}»", await leader.say(CAMPAIGN))

    await stage.advance(local(2022, 2, 14, 9, 0))
    stage.day(stage.t("demo-pledges"))
    for code in UNITS:
        if code != LAGGARD:
            await register(stage, people[code])
    await stage.advance(local(2022, 3, 28, 14, 0))
    stage.day(stage.t("demo-reminded-pledges", unit=people[LAGGARD].unit))
    await register(stage, people[LAGGARD])

    await stage.advance(local(2022, 3, 29, 9, 0))
    stage.day(stage.t("demo-approvals"))
    await leader.say("/duyet")
    for code, (short, _name, _people) in UNITS.items():
        await leader.press(short.removeprefix("Sở ").removeprefix("Đài "))
        reply = await leader.press("Duyệt")
        await stage.did(leader.unit, stage.t("demo-did-approve", unit=people[code].unit), reply)


async def register(stage: Stage, officer: Officer) -> None:
    await officer.say("/dangky")
    await officer.press("xuất sắc")
    await officer.press(CAMPAIGN)
    await officer.press("Cam kết")
    await officer.say(f"{officer.unit}: hoàn thành 100% chỉ tiêu kế hoạch năm 2022.")
    reply = await officer.press("Gửi đăng ký")
    await stage.did(officer.unit, stage.t("demo-did-pledge", title=TITLE), reply)


async def signing(stage: Stage, people: dict[str, Officer]) -> None:
    leader = people["SNN"]
    stage.day(stage.t("demo-signing-scheduled"))
    await schedule(stage, leader, "ký kết", "08:30 31/03/2022")
    await answer_invitations(stage, people)
    await stage.advance(local(2022, 3, 31, 9, 0))
    stage.day(stage.t("demo-signing"))
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
    # The draft's "⏰ Thời gian: 08:30 31/03/2022": only the moment, in either language.
    when = next(line for line in draft.text.splitlines() if line.startswith("⏰"))
    when = when.split(": ", 1)[-1]
    sent = await leader.press("Gửi giấy mời")
    what = stage.t("demo-did-schedule", kind=kind, when=when)
    await stage.did(leader.unit, what, sent)


async def answer_invitations(stage: Stage, people: dict[str, Officer]) -> None:
    for code, officer in people.items():
        count = UNITS[code][2]
        await officer.say("/hoinghi")
        await officer.press("Đăng ký dự")
        reply = await officer.press(f"{count} người")
        await stage.did(officer.unit, stage.t("demo-did-attend", count=count), reply)


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
    stage.day(stage.t("demo-midyear-scores", count=len(ITEMS)))
    typed = 12  # the late unit's, before it leaves the sheet for later
    for code, officer in people.items():
        if officer is late:
            await score(officer, [MIDYEAR[code][i] for i in ITEMS[:typed]])
            some = stage.t("demo-did-score-some", done=typed, count=len(ITEMS))
            await stage.did(officer.unit, some, officer.last)
            continue
        await score(officer, [MIDYEAR[code][i] for i in ITEMS])
        await submit(stage, officer, stage.t("demo-did-score-criteria", count=len(ITEMS)))
    await stage.advance(local(2022, 6, 27, 15, 0))
    stage.day(stage.t("demo-late-scores", unit=late.unit))
    await late.say("/chamdiem")
    await late.press("Phần IV")
    for value in [MIDYEAR["STN"][i] for i in ITEMS[typed:]]:
        await late.say(value)
    rest = stage.t("demo-did-score-criteria-rest", count=len(ITEMS) - typed)
    await submit(stage, late, rest)

    await stage.advance(local(2022, 7, 1, 9, 0))
    stage.day(stage.t("demo-midyear-published"))
    published = await publish(stage, leader)
    ranking_lines(stage, published.text)
    await stage.did(leader.unit, "/baocao", await leader.say("/baocao"))
    await schedule(stage, leader, "sơ kết")
    await answer_invitations(stage, people)
    await stage.advance(local(2022, 7, 15, 11, 0))


async def publish(stage: Stage, leader: Officer) -> Reply:
    """/xephang, «Công bố xếp hạng»: the check names what is still open, then the leader
    publishes all the same."""
    await leader.say("/xephang")
    check = await leader.press("Công bố xếp hạng")
    for line in check.text.splitlines()[1:]:
        stage.line(f"   {line}")
    published = await leader.press(check.buttons[0][0].label)  # «Công bố» or «Vẫn công bố»
    await stage.did(leader.unit, "/xephang → «Công bố xếp hạng» → «Vẫn công bố»", published)
    return published


async def annual(stage: Stage, people: dict[str, Officer]) -> None:
    late = people["PTTH"]
    await stage.advance(local(2022, 11, 21, 9, 0))
    items = ITEMS + EXTRA
    stage.day(stage.t("demo-annual-scores", count=len(items)))
    typed = 10  # the late unit's, before it leaves the sheet for later
    for code, officer in people.items():
        values = [ANNUAL[code].get(i, "0") for i in items]
        if officer is late:
            await score(officer, values[:typed])
            some = stage.t("demo-did-score-some", done=typed, count=len(ITEMS))
            await stage.did(officer.unit, some, officer.last)
            continue
        if code == "SGT":  # a slip of the finger on item 4 (at most 7 points)
            await score(officer, values[:3])
            slip = await officer.say("7,5", expect_error=True)
            stage.line(
                stage.t("demo-slip", unit=officer.unit, value="7,5", item=4,
                        reply=first_line(slip.text))
            )  # fmt: skip
            values = values[3:]
        await score(officer, values, opened=code == "SGT")
        await submit(stage, officer, stage.t("demo-did-score-items", count=len(items)))
    await stage.advance(local(2022, 12, 12, 10, 0))
    stage.day(stage.t("demo-late-scores", unit=late.unit))
    await late.say("/chamdiem")
    await late.press("Phần III")
    for value in [ANNUAL["PTTH"].get(i, "0") for i in items[typed:]]:
        await late.say(value)
    await submit(stage, late, stage.t("demo-did-score-items-rest", count=len(items) - typed))


async def review(stage: Stage, people: dict[str, Officer]) -> None:
    leader = people["SNN"]
    await stage.advance(local(2022, 12, 14, 9, 0))
    stage.day(stage.t("demo-verification", unit=people["SGT"].unit))
    await leader.say("/thamdinh")
    await leader.press("GTVT")
    item, lowered = "9", "5"
    await leader.say(item)
    await leader.say(lowered)
    reason = "Chỉ số CCHC năm 2022 của Sở xếp thứ 12/19."
    verified = await leader.say(reason)
    before = ANNUAL["SGT"][item]
    what = stage.t("demo-did-verify", item=item, before=before, after=lowered, reason=reason)
    await stage.did(leader.unit, what, verified)
    await stage.advance(local(2022, 12, 16, 9, 0))
    stage.day(stage.t("demo-annual-published"))
    published = await publish(stage, leader)
    ranking_lines(stage, published.text)
    reports = await people["SCT"].say("/baocao")
    await stage.did(people["SCT"].unit, "/baocao", reports)
    stage.day(stage.t("demo-annual-scheduled"))
    await schedule(stage, leader, "tổng kết")
    await answer_invitations(stage, people)


def ranking_lines(stage: Stage, text: str) -> None:
    for line in text.splitlines():
        if " — " in line and line[:1].isdigit():
            stage.line(f"   {line}")
