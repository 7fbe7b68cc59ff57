"""The tổng kết conference of the sample bloc's year, told as it happens: the flag ballot
(4 of 5 agree; the scheduler reminds the unit that has not voted and closes on time), the
merit ballot (a tie at the quota, settled by the one revote), their minutes, proposals and
charts, and the handover to 2023."""

from __future__ import annotations

from bot.demo_stage import DemoError, Officer, Stage, local
from bot.demo_story import HALL, NAMES, UNITS

FLAG_THRESHOLD = 70  # percent: the bloc's default for a ballot, left as it is for the Flag
MERIT_THRESHOLD, MERIT_PLACES = 50, 2  # the Merit's, chosen when it opens; its places


async def play(stage: Stage, people: dict[str, Officer]) -> None:
    await ballots(stage, people)
    await handover(stage, people)


def result_lines(stage: Stage, text: str) -> None:
    """A ballot's rows (votes, share, passed) and its outcome."""
    for line in text.splitlines():
        if line.startswith("→") or "phiếu đồng ý (" in line:
            stage.line(f"   {line}")


async def ballots(stage: Stage, people: dict[str, Officer]) -> None:
    leader, sct = people["SNN"], people["SCT"]
    await stage.advance(local(2023, 1, 16, 8, 30))
    stage.day(stage.t("demo-flag-ballot", threshold=FLAG_THRESHOLD))
    flag = await open_ballot(stage, leader, "Cờ thi đua")
    for officer in people.values():
        if officer is not sct:
            await vote(stage, officer, flag, ["yes"])
    await stage.advance(local(2023, 1, 16, 10, 5))
    stage.day(stage.t("demo-reminded-vote", unit=sct.unit))
    await vote(stage, sct, flag, ["no"])
    await stage.advance(local(2023, 1, 16, 10, 35))
    stage.day(stage.t("demo-flag-documents"))
    await documents(stage, leader, flag, show_result=True)

    stage.day(stage.t("demo-merit-ballot", places=MERIT_PLACES, threshold=MERIT_THRESHOLD))
    merit = await open_ballot(stage, leader, "Bằng khen", threshold=f"{MERIT_THRESHOLD}%")
    picks = {"SNN": ["SNN", "STN"], "STN": ["SNN", "STN"], "SGT": ["SNN", "PTTH"],
             "SCT": ["SNN", "PTTH"], "PTTH": ["STN", "PTTH"]}  # fmt: skip
    for code, officer in people.items():
        await vote(stage, officer, merit, picks[code])
    await stage.wait(5)
    result = await close(stage, leader, merit)
    if "Bằng phiếu" not in result:
        raise DemoError(stage.t("demo-error-no-tie", result=result))
    reopened = await leader.press("Bỏ phiếu lại")
    await stage.did(leader.unit, "«Bỏ phiếu lại»", reopened)
    opened = await leader.press("Mở bỏ phiếu")
    await stage.did(leader.unit, "«Mở bỏ phiếu»", opened)
    revote = int(next(b.action.args[0] for b in opened.flat_buttons()))
    for code, officer in people.items():
        await vote(stage, officer, revote, ["PTTH" if code == "PTTH" else "STN"])
    await stage.wait(5)
    await close(stage, leader, revote)
    await documents(stage, leader, revote)
    stage.day(stage.t("demo-board-file"))
    await leader.say("/binhxet")
    bundle = await leader.press("Hồ sơ gửi Ban TĐKT")
    await stage.did(leader.unit, "/binhxet → «Hồ sơ gửi Ban TĐKT»", bundle)


async def open_ballot(stage: Stage, leader: Officer, kind: str, threshold: str = "") -> int:
    await leader.say("/binhxet")
    await leader.press("Mở cuộc bình xét mới")
    await leader.press(kind)
    await leader.press("Địa điểm")
    await leader.say(HALL)
    if threshold:
        await leader.press("Ngưỡng")
        await leader.press(threshold)
    opened = await leader.press("Mở bỏ phiếu")
    await stage.did(leader.unit, f"/binhxet → «{kind}» → «Mở bỏ phiếu»", opened)
    return int(next(b.action.args[0] for b in opened.flat_buttons()))


async def vote(stage: Stage, officer: Officer, ballot: int, picks: list[str]) -> None:
    await officer.say("/binhxet")
    await officer.press(f"Phiếu bầu số {ballot}")
    if picks in (["yes"], ["no"]):
        sent = await officer.press("Đồng ý" if picks == ["yes"] else "Không đồng ý")
        chosen = stage.t("demo-vote-yes" if picks == ["yes"] else "demo-vote-no")
    else:
        for code in picks:
            await officer.press(NAMES[code])
        sent = await officer.press("Gửi phiếu")
        chosen = ", ".join(UNITS[code][0] for code in picks)
    if any(button.action.args[2:] == ("ok",) for button in sent.flat_buttons()):
        sent = await officer.press("Gửi phiếu")  # a secret vote: its choice shown, confirmed
    await stage.did(officer.unit, stage.t("demo-did-vote", ballot=ballot, choice=chosen), sent)


async def close(stage: Stage, leader: Officer, ballot: int) -> str:
    await leader.say("/binhxet")
    await leader.press(f"Đóng cuộc số {ballot}")
    result = await leader.press("Đóng và kiểm phiếu")
    await stage.did(leader.unit, stage.t("demo-did-close", ballot=ballot), result)
    result_lines(stage, result.text)
    await stage.wait(1)  # the group's post shows the close once the count's batch is due
    return result.text


async def documents(stage: Stage, leader: Officer, ballot: int, show_result: bool = False) -> None:
    await leader.say("/binhxet")
    result = await leader.press(f"Kết quả cuộc số {ballot}")
    if show_result:
        await stage.did(leader.unit, f"/binhxet → «Kết quả cuộc số {ballot}»", result)
        result_lines(stage, result.text)
    files = await leader.press("Biên bản")
    what = stage.t("demo-did-documents", button="Biên bản, tờ trình, biểu đồ", ballot=ballot)
    await stage.did(leader.unit, what, files)


async def handover(stage: Stage, people: dict[str, Officer]) -> None:
    leader = people["SNN"]
    await stage.advance(local(2023, 1, 16, 14, 0))
    stage.day(stage.t("demo-handover", year=2023))
    plan = await leader.say("/bangiao")
    for line in plan.text.splitlines()[1:]:
        if line.startswith(("Khối trưởng", "Khối phó")):
            stage.line(f"   {line}")
    await stage.did(leader.unit, "/bangiao → «Xác nhận bàn giao»", await leader.press("Xác nhận"))
    bloc = await people["PTTH"].say("/khoi")
    await stage.did(people["PTTH"].unit, "/khoi", bloc)
    await stage.advance(local(2023, 1, 17, 8, 0))
