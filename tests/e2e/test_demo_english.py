"""`python main.py demo --lang en`: the same year told in English. The officers of the sample
bloc still type Vietnamese and the bot still answers them in Vietnamese; only what the demo
itself says changes language."""

from __future__ import annotations

import re
from pathlib import Path

from bot.demo import run_demo
from bot.demo_story import BLOC_SHORT, NAMES, TITLE, UNITS
from tests.e2e.test_demo import FILES
from tests.unit.test_catalogs import _has_vietnamese_letter

QUOTED = re.compile(r"«[^»]*(»|$)")  # what an officer typed or pressed, what the bot answered (cut)
SENT = re.compile(r" {3}(📨|✏️|📎) → ")  # a message the bot sent: its readers, then its text
# The sample bloc's own names, which no language changes.
PROPER = sorted(
    [
        *(short for short, _officer, _count in UNITS.values()),
        *(officer for _short, officer, _count in UNITS.values()),
        *NAMES.values(), "Khối thi đua Khối 7", BLOC_SHORT, "Trà Vinh", TITLE,
    ],
    key=len, reverse=True,
)  # fmt: skip


def narration(line: str) -> str:
    """What the demo itself says on a printed line, without what it quotes or names."""
    if line.startswith(" " * 6):  # the bot's words: a reply, a message, a ranking's rows
        return ""
    if SENT.match(line):
        line = line.split(": ", 1)[0]
    line = QUOTED.sub("", line)
    for name in PROPER:
        line = line.replace(name, "")
    return line


def test_the_demo_tells_the_year_in_english(tmp_path: Path) -> None:
    out, lines = tmp_path / "demo", list[str]()

    assert run_demo(out, say=lines.append, locale="en") == 0, "\n".join(lines)

    story = "\n".join(lines)
    assert re.search(r"^05/01/2022 08:00 — ⏱ scheduler:$", story, re.MULTILINE)
    assert "— The bloc leader adds the bot to the bloc's Telegram group and links the group:" in (
        story
    )
    assert "📨 → Sở NN&PTNT and 4 other units: 📢 Đợt đăng ký thi đua năm 2022 đã mở" in story
    assert "Sở NN&PTNT: approves Sở TN&MT → «✅ Đã duyệt đăng ký thi đua của Sở TN&MT.»" in story
    assert "Sở Công Thương: registers 1 attendee → «" in story
    assert "Sở GTVT: types «7,5» for criterion 4 by mistake → «⚠️ Tiêu chí này tối đa 7" in story
    assert "Sở Công Thương: ballot no. 1: disagree → «✅ Đã ghi nhận phiếu" in story
    assert "— Scoring has closed; the bloc leader publishes the year's ranking (/xephang):" in story
    # What the officers type stays theirs, Vietnamese decimal comma included.
    assert "Sở NN&PTNT: /chuyende → «Chuyển đổi số trong quản lý nhà nước»" in story
    assert "«Chỉ số CCHC năm 2022 của Sở xếp thứ 12/19.»" in story

    leftover = [line for line in lines if _has_vietnamese_letter(narration(line))]
    assert leftover == []

    listing = lines.index(f"The documents are in {out}:")
    assert re.fullmatch(
        r"✅ A whole year of the bloc played in \d+\.\d seconds\.", lines[listing - 1]
    )
    assert "  giao-uoc-thi-dua-2022.docx               emulation covenant (signed)" in lines
    assert lines[-1].startswith("Try this year yourself in the console: python main.py --date")
    assert {path.name for path in out.iterdir()} == FILES
