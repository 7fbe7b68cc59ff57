"""Last year stays reachable. The year before the current one is the year in review until the
end of March after it: /xephang, /baocao, /thamdinh (with the units' answers) and /binhxet
act on it, /viec lists its tasks with the new year's, and a ballot's or conference's buttons
act in the ballot's own year. New ballots go to it until it is handed over, then to the new
year.

Two ways next year comes to exist while the annual review of 2022 runs: the handover at the
review conference creates it; or the board imports it early (on 01/12/2022, without Sở Công
Thương, as blocs are re-formed)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.runtime import Runtime
from domain.bloc_spec import parse_bloc_spec
from domain.model import Channel
from domain.services import importer, scoring
from domain.summary import Cycle
from imports.yaml_source import read_yaml
from tests.channels.test_ballots_zalo import member_of
from tests.e2e.test_annual_review import SHEETS, Person, run_to_published_ranking
from tests.e2e.test_annual_vote import NAMES, close, open_ballot, vote
from tests.fakes.clock import FakeClock
from tests.samples import sample_yaml

REVIEW_DAY = datetime(2023, 1, 10, 1, 0, tzinfo=UTC)  # 08:00 local
JANUARY = datetime(2023, 1, 16, 2, 0, tzinfo=UTC)
APRIL = datetime(2023, 4, 3, 2, 0, tzinfo=UTC)
FLAG_2022 = "BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022"
SHORT_NAMES = {"STN": "Sở TN&MT", "SGT": "Sở GTVT", "SCT": "Sở Công Thương", "PTTH": "Đài PT-TH"}


async def test_after_the_handover_the_year_just_ended_stays_reachable(
    sample_runtime: Runtime, invite_codes: dict[str, str], clock: FakeClock, tmp_path: Path
) -> None:
    people = await run_to_published_ranking(sample_runtime, invite_codes, clock, tmp_path)
    leader = people["SNN"]
    clock.current = REVIEW_DAY
    flag = await open_ballot(leader, "Cờ thi đua")
    for unit, person in people.items():
        await vote(person, flag, ["no" if unit == "SCT" else "yes"])
    await close(leader, flag)
    await leader.say("/bangiao")
    done = await leader.press("Xác nhận bàn giao")
    assert done.text.startswith("✅ Đã bàn giao. Năm 2023: Khối trưởng")

    clock.current = JANUARY
    sct = people["SCT"]
    ranking = await sct.say("/xephang")
    assert ranking.text.startswith("🏆 Xếp hạng thi đua năm 2022 (đã công bố")
    assert "5. Sở Công Thương — 89 điểm" in ranking.text
    reports = await sct.say("/baocao")
    assert reports.text.startswith("📥 Báo cáo chấm điểm năm 2022 (đã công bố)")
    assert {f.name for f in reports.files} == {
        "bang-tong-hop-diem-tong-ket-2022.xlsx",
        "xep-hang-tong-ket-2022.png",
    }
    board = await leader.say("/thamdinh")  # Sở NN&PTNT led 2022; it is a member in 2023
    assert board.text.startswith("🔎 Thẩm định năm 2022 (tổng kết)")
    assert "● Sở GTVT — tự chấm 104 → 100" in board.text
    assert all("Công bố" not in button.label for button in board.flat_buttons())  # it was
    ballots = await sct.say("/binhxet")
    assert f"📊 {FLAG_2022} — đã đóng" in ballots.text
    result = await sct.press(f"Kết quả cuộc số {flag}")
    assert f"ĐỀ NGHỊ UBND tỉnh tặng Cờ thi đua: {NAMES['SGT']}." in result.text
    files = (await sct.press("Biên bản")).files
    assert [f.name.split("-")[0] for f in files] == ["bien", "to", "ket"]

    # The new leader's first ballot belongs to 2023: 2022 was handed over.
    new_leader = people["PTTH"]
    await new_leader.say("/binhxet")
    await new_leader.press("Mở cuộc bình xét mới")
    await new_leader.press("Biểu quyết một nội dung khác")
    await new_leader.say("Thông qua dự thảo giao ước thi đua năm 2023?")
    opened = await new_leader.press("Mở bỏ phiếu")
    assert "Thông qua dự thảo giao ước thi đua năm 2023?" in opened.text
    both = await sct.say("/binhxet")
    assert both.text.startswith("🗳 Bình xét năm 2023")
    assert f"📊 {FLAG_2022} — đã đóng" in both.text  # 2022's, still at hand
    assert "Thông qua dự thảo giao ước thi đua năm 2023?" in both.text
    await sct.press("Phiếu bầu số")  # the 2023 paper opens in 2023, from the same list
    confirm = await sct.press("Đồng ý")
    sent = await sct.press("✅ Gửi phiếu") if "Gửi?" in confirm.text else confirm
    assert sent.text.startswith("✅ Đã ghi nhận phiếu của Sở Công Thương.")

    # April: 2022's review is over; the commands are the new year's.
    clock.current = APRIL
    ranking = await sct.say("/xephang")
    assert "2022" not in ranking.text and "2023" in ranking.text


async def test_a_next_year_imported_early_leaves_the_review_to_run(
    sample_runtime: Runtime, invite_codes: dict[str, str], clock: FakeClock
) -> None:
    people = {unit: Person(sample_runtime, unit.lower()) for unit in SHEETS}
    for unit, person in people.items():
        await person.say(f"/start {invite_codes[unit]}")
    clock.current = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)
    users = {unit: person.user for unit, person in people.items()}
    await submit_sheets(sample_runtime, Channel.TELEGRAM, users, clock.now())
    leader, sct = people["SNN"], people["SCT"]
    # The board imports 2023 on 01/12: Sở Công Thương leaves the bloc.
    clock.current = datetime(2022, 12, 1, 2, 0, tzinfo=UTC)
    raw, _ = read_yaml(sample_yaml())
    raw["bloc"].update(year=2023, leader="PTTH", deputy="STN", rotation=None)
    raw["units"] = [unit for unit in raw["units"] if unit["code"] != "SCT"]
    async with sample_runtime.uow() as uow:
        await importer.import_bloc(uow, parse_bloc_spec(raw), clock.now())
        await uow.commit()

    board = await leader.say("/thamdinh")  # 2022's sheets, still to verify
    assert board.text.startswith("🔎 Thẩm định năm 2022 (tổng kết) — đã thẩm định 0/5")
    await leader.press("Sở Công Thương")
    await leader.say("9")
    await leader.say("5")
    await leader.say("Chỉ số CCHC năm 2022 xếp thứ 12/19.")
    todo = await sct.say("/viec")  # a unit of 2022 only
    assert "Trả lời 1 điều chỉnh thẩm định bảng điểm tổng kết năm 2022" in todo.text
    agreed = await sct.press("✅ Đồng ý")
    assert "Sở Công Thương đồng ý với 1 điều chỉnh" in agreed.text
    for unit in ("STN", "SGT", "SCT", "PTTH"):
        await leader.say("/thamdinh")
        await leader.press(SHORT_NAMES[unit])
        await leader.press("✅ ")  # agree with the whole sheet, or mark it verified

    clock.current = datetime(2022, 12, 16, 2, 0, tzinfo=UTC)
    await leader.say("/xephang")
    await leader.press("Công bố xếp hạng")
    published = await leader.press("công bố")
    assert published.text.startswith("🏆 Xếp hạng thi đua năm 2022 (đã công bố")

    clock.current = REVIEW_DAY
    todo = await leader.say("/viec")
    assert "Tổ chức bình xét năm 2022: Cờ thi đua, Bằng khen (gõ /binhxet)" in todo.text
    flag = await open_ballot(leader, "Cờ thi đua")  # 2022's, from its published ranking
    for person in people.values():  # Sở Công Thương votes in 2022, its last year
        await vote(person, flag, ["yes"])
    result = await close(leader, flag)
    assert "5/5 phiếu đồng ý (100,0%)" in result, result
    handover = await leader.say("/bangiao")
    assert handover.text.startswith("🚩 Bàn giao Khối trưởng, Khối phó: năm 2022 → năm 2023")

    clock.current = APRIL  # the review is over: Sở Công Thương has no place in 2023
    refused = await _refused(sct, "/xephang")
    assert "2023" in refused


async def submit_sheets(
    runtime: Runtime, channel: Channel, users: dict[str, str], now: datetime
) -> None:
    """Each unit's annual sheet, its own figures (Sở GTVT first with 104), typed in by its
    officer (`users`: unit code → account on `channel`) and submitted."""
    async with runtime.uow() as uow:
        for unit, user in users.items():
            member = await member_of(uow, channel, user)
            view = await scoring.open_sheet(uow, member, Cycle.ANNUAL, now)
            assert view.sheet.id is not None
            for code, value in SHEETS[unit].items():
                await scoring.set_entry(uow, member, view.sheet.id, code, value, now)
            await scoring.submit(uow, member, view.sheet.id, now)
        await uow.commit()


async def _refused(person: Person, text: str) -> str:
    """What `person` is told when the bot refuses `text`."""
    try:
        reply = await person.say(text)
    except AssertionError as error:
        return str(error)
    return reply.text
