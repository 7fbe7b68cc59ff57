"""The sample bloc's annual vote through the chat, after the ranking is published: the flag
ballot (4 of 5 agree: proposed), the merit ballot (a tie at the quota, settled by the one
revote), and the minutes and proposal that come out of them."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import docx

from bot.runtime import Runtime
from tests.e2e.test_annual_review import Person, run_to_published_ranking
from tests.fakes.clock import FakeClock

HALL = "Hội trường Sở Nông nghiệp và Phát triển nông thôn"
SHORT = {"SNN": "NN&PTNT", "STN": "TN&MT", "SGT": "GTVT", "SCT": "Công Thương", "PTTH": "PT-TH"}
NAMES = {
    "SGT": "Sở Giao thông vận tải",
    "SNN": "Sở Nông nghiệp và Phát triển nông thôn",
    "STN": "Sở Tài nguyên và Môi trường",
    "PTTH": "Đài Phát thanh và Truyền hình Trà Vinh",
    "SCT": "Sở Công Thương",
}


def document_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


async def open_ballot(leader: Person, kind: str, threshold: str | None = None) -> int:
    await leader.say("/binhxet")
    await leader.press("Mở cuộc bình xét mới")
    await leader.press(kind)
    await leader.press("Địa điểm")
    screen = await leader.say(HALL)
    assert f"Địa điểm: {HALL}" in screen.text
    if threshold is not None:
        await leader.press("Ngưỡng")
        await leader.press(threshold)
    opened = await leader.press("Mở bỏ phiếu")
    assert opened.text.startswith("🗳 Đã mở bỏ phiếu"), opened.text
    return int(next(b.action.args[0] for b in opened.flat_buttons()))


async def vote(person: Person, ballot_id: int, picks: list[str]) -> str:
    """The unit opens its paper from /binhxet, ticks `picks` (or agrees / disagrees), sends
    and confirms."""
    await person.say("/binhxet")
    await person.press(f"Phiếu bầu số {ballot_id}")
    if picks in (["yes"], ["no"]):
        sent = await person.press("Đồng ý" if picks == ["yes"] else "Không đồng ý")
    else:
        for name in picks:
            await person.press(name)
        sent = await person.press("Gửi phiếu")
    assert sent.text.endswith("\nPhiếu kín gửi rồi không sửa được. Gửi?"), sent.text
    sent = await person.press("✅ Gửi phiếu")  # the secret choice, shown again, is confirmed
    first = sent.text.splitlines()[0]
    assert first.startswith("✅ Đã ghi nhận phiếu của"), sent.text
    return first.rsplit(" ", 1)[1].rstrip(".")


async def close(leader: Person, ballot_id: int) -> str:
    await leader.say("/binhxet")
    await leader.press(f"Đóng cuộc số {ballot_id}")
    return (await leader.press("Đóng và kiểm phiếu")).text


async def test_the_bloc_votes_and_gets_its_minutes(
    sample_runtime: Runtime, invite_codes: dict[str, str], clock: FakeClock, tmp_path: Path
) -> None:
    people = await run_to_published_ranking(sample_runtime, invite_codes, clock, tmp_path)
    leader = people["SNN"]
    clock.current = datetime(2022, 12, 20, 1, 30, tzinfo=UTC)  # 08:30, the annual review

    # The flag: the rank-1 unit by default; four agree, Sở Công Thương does not.
    flag = await open_ballot(leader, "Cờ thi đua")
    todo = await people["SCT"].say("/viec")
    task = f"Bỏ phiếu bình xét cuộc số {flag} (gõ /binhxet) — đóng lúc 10:30 20/12/2022"
    assert task in todo.text
    receipts = []
    for unit, person in people.items():
        receipts.append(await vote(person, flag, ["no" if unit == "SCT" else "yes"]))
    assert "Bỏ phiếu bình xét" not in (await people["SCT"].say("/viec")).text
    result = await close(leader, flag)
    assert f"{NAMES['SGT']}: 4/5 phiếu đồng ý (80,0%) ≥ 70% → ĐẠT" in result, result
    assert f"ĐỀ NGHỊ UBND tỉnh tặng Cờ thi đua: {NAMES['SGT']}." in result
    assert ", ".join(sorted(receipts)) in result
    files = (await leader.press("Biên bản")).files
    assert [f.name.split("-")[0] for f in files] == ["bien", "to", "ket"]
    minutes = document_text(files[0].content)
    assert "BIÊN BẢN" in minutes and NAMES["SGT"] in minutes and "80,0%" in minutes
    assert f"Địa điểm: {HALL}" in minutes
    assert all(receipt in minutes for receipt in receipts)
    proposal = document_text(files[1].content)
    assert "TỜ TRÌNH" in proposal and "Cờ thi đua" in proposal and NAMES["SGT"] in proposal

    # Merit: the other four units, two places, 50 %: NN&PTNT passes; TN&MT and PT-TH tie.
    clock.advance(timedelta(minutes=30))
    merit = await open_ballot(leader, "Bằng khen", threshold="50%")
    picks = {"SNN": ["NN&PTNT", "TN&MT"], "STN": ["NN&PTNT", "TN&MT"],
             "SGT": ["NN&PTNT", "PT-TH"], "SCT": ["NN&PTNT", "PT-TH"],
             "PTTH": ["TN&MT", "PT-TH"]}  # fmt: skip
    for unit, person in people.items():
        await vote(person, merit, [NAMES[code] for code in _codes(picks[unit])])
    result = await close(leader, merit)
    assert "Bằng phiếu cho 1 suất còn lại" in result, result
    revote_screen = await leader.press("Bỏ phiếu lại")
    assert "(BỎ PHIẾU LẠI)" in revote_screen.text
    opened = await leader.press("Mở bỏ phiếu")
    revote = int(next(b.action.args[0] for b in opened.flat_buttons()))
    for unit, person in people.items():
        await vote(person, revote, [NAMES["PTTH" if unit == "PTTH" else "STN"]])
    result = await close(leader, revote)
    assert f"{NAMES['STN']}: 4/5 phiếu đồng ý (80,0%)" in result, result
    assert "ĐỀ NGHỊ Chủ tịch UBND tỉnh tặng Bằng khen" in result
    files = (await leader.press("Biên bản")).files
    minutes = document_text(files[0].content)
    assert "BỎ PHIẾU LẠI" in minutes.upper() or "lần bỏ phiếu thứ nhất" in minutes
    proposal = document_text(files[1].content)
    assert NAMES["STN"] in proposal and NAMES["SNN"] in proposal


def _codes(shorts: list[str]) -> list[str]:
    by_short = {short: code for code, short in SHORT.items()}
    return [by_short[short] for short in shorts]
