"""`python main.py demo`: the sample bloc's whole year through the real handlers in well under
a minute, its story told as it goes, and every document it produces in the output folder,
readable by the programs people open them with."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from bot import demo as demo_module
from bot.demo import default_out_dir, run_demo
from bot.demo_stage import DemoClock, DemoError, Officer, Stage
from bot.runtime import Runtime
from tests.fakes.clock import FakeClock
from tests.samples import ROOT

PNG = b"\x89PNG\r\n\x1a\n"
NAMES = (
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài nguyên và Môi trường",
    "Sở Giao thông vận tải",
    "Sở Công Thương",
    "Đài Phát thanh và Truyền hình Trà Vinh",
)
FILES = {
    "giao-uoc-thi-dua-2022.docx",
    "bang-tong-hop-diem-so-ket-2022.xlsx",
    "xep-hang-so-ket-2022.png",
    "bang-tong-hop-diem-tong-ket-2022.xlsx",
    "xep-hang-tong-ket-2022.png",
    "hoi-nghi-signing-2022.ics",
    "hoi-nghi-midyear-2022.ics",
    "hoi-nghi-annual-2022.ics",
    "bien-ban-binh-xet-2022-1.docx",  # the flag
    "to-trinh-binh-xet-2022-1.docx",
    "ket-qua-binh-xet-2022-1.png",
    "bien-ban-binh-xet-2022-2.docx",  # merit, first round: a tie, nobody proposed yet
    "ket-qua-binh-xet-2022-2.png",
    "bien-ban-binh-xet-2022-3.docx",  # merit, the revote
    "to-trinh-binh-xet-2022-3.docx",
    "ket-qua-binh-xet-2022-3.png",
    "ho-so-gui-ban-tdkt-2022.docx",  # the file for the provincial board
}
# The papers in the board's file, in order, by their titles.
BOARD_FILE = [
    "HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG",
    "TỜ TRÌNH",  # the Flag
    "TỜ TRÌNH",  # the Merit
    "BIÊN BẢN KIỂM PHIẾU",  # the Flag
    "BIÊN BẢN KIỂM PHIẾU",  # the Merit, first round
    "BIÊN BẢN KIỂM PHIẾU",  # the Merit, revote
    "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2022",
    "GIAO ƯỚC THI ĐUA",
]


def text_of(path: Path) -> str:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_demo_plays_the_year_and_writes_every_document(tmp_path: Path) -> None:
    out, lines = tmp_path / "demo", list[str]()
    started = time.monotonic()
    assert run_demo(out, say=lines.append) == 0, "\n".join(lines)
    assert time.monotonic() - started < 60
    story = "\n".join(lines)

    # The story, as it happened: the scheduler's announcement and reminders, the laggard,
    # the ranking, the ballots' outcomes, the handover and the next year's first window.
    assert "05/01/2022 08:00 — ⏱ bộ lập lịch:" in story
    assert (
        "📨 → Sở NN&PTNT và 4 đơn vị khác: 📢 Đợt đăng ký thi đua năm 2022 đã mở đến 31/03/2022"
        in story
    )
    assert "📨 → Sở Công Thương: ⏰ Còn 3 ngày: hạn gửi đăng ký thi đua năm 2022" in story
    assert story.count("📅 Nhắc lịch:") == 8  # signing 1 day + 2 hours; the others 7d, 1d, 2h
    assert "1. Sở GTVT — 103 điểm" in story and "5. Sở Công Thương — 89 điểm" in story
    assert "Sở Giao thông vận tải: 4/5 phiếu đồng ý (80,0%) ≥ 70% → ĐẠT" in story
    assert "→ ĐỀ NGHỊ UBND tỉnh tặng Cờ thi đua: Sở Giao thông vận tải." in story
    assert "Bằng phiếu cho 1 suất còn lại" in story
    assert "→ ĐỀ NGHỊ Chủ tịch UBND tỉnh tặng Bằng khen: Sở Tài nguyên và Môi trường." in story
    assert "Khối trưởng năm 2023: Đài Phát thanh và Truyền hình Trà Vinh" in story
    assert "→ «✅ Đã bàn giao. Năm 2023: Khối trưởng Đài Phát thanh và Truyền hình" in story
    assert "bàn giao cờ luân lưu cho" in story
    # 2023's pledge window opened on 05/01, before the handover created the year: the
    # handover's notice says it; the scheduler does not announce it twelve days late.
    assert "📢 Đợt đăng ký thi đua năm 2023 đã mở" not in story
    assert all(len(line) <= 120 for line in lines)

    # The ending names the folder and lists what it holds.
    assert f"Các văn bản ở thư mục {out}:" in story
    assert {path.name for path in out.iterdir()} == FILES
    listed = lines[lines.index(f"Các văn bản ở thư mục {out}:") + 1 : -2]
    assert sorted(line.split()[0] for line in listed) == sorted(FILES)
    assert lines[-1].startswith("Tự tay thử năm này trên console: python main.py --date 2022-")

    covenant = text_of(out / "giao-uoc-thi-dua-2022.docx")
    assert "GIAO ƯỚC THI ĐUA" in covenant and all(name in covenant for name in NAMES)
    assert "Chuyển đổi số trong quản lý nhà nước" in covenant
    assert "Số: 01/GƯ-KTĐ" in covenant and "Chưa ký kết" not in covenant  # made once all signed
    minutes = text_of(out / "bien-ban-binh-xet-2022-1.docx")
    assert "BIÊN BẢN KIỂM PHIẾU" in minutes and "Cờ thi đua" in minutes
    assert "Số: 01/BB-KTĐ" in minutes and "UBND TỈNH TRÀ VINH" in minutes
    flag = text_of(out / "to-trinh-binh-xet-2022-1.docx")
    assert "TỜ TRÌNH" in flag and "Sở Giao thông vận tải: 4/5 phiếu đồng ý (80,0%)" in flag
    assert "Số: 02/TTr-KTĐ" in flag and "Nguyễn Hoàng Phúc" in flag  # the leader unit's head
    # 2023's register: the Flag's minutes and proposal, the Merit's two minutes and proposal.
    assert "Số: 03/BB-KTĐ" in text_of(out / "bien-ban-binh-xet-2022-2.docx")
    assert "Số: 05/TTr-KTĐ" in text_of(out / "to-trinh-binh-xet-2022-3.docx")
    board = docx.Document(io.BytesIO((out / "ho-so-gui-ban-tdkt-2022.docx").read_bytes()))
    titles = [p.text for p in board.paragraphs if p.text in BOARD_FILE]
    assert titles == BOARD_FILE
    assert len(board.sections) == len(BOARD_FILE)  # each paper on pages of its own
    wide = [(s.page_width or 0) > (s.page_height or 0) for s in board.sections]
    assert wide.count(True) == 1  # the score table, on landscape pages
    merit = text_of(out / "to-trinh-binh-xet-2022-3.docx")
    assert "Bằng khen" in merit and NAMES[0] in merit and NAMES[1] in merit
    assert "BỎ PHIẾU LẠI" in text_of(out / "bien-ban-binh-xet-2022-3.docx").upper()

    table = load_workbook(out / "bang-tong-hop-diem-tong-ket-2022.xlsx").worksheets[0]
    rows = [row for row in table.iter_rows(values_only=True) if row[1] in NAMES]
    assert [row[1] for row in rows] == [NAMES[2], NAMES[0], NAMES[1], NAMES[4], NAMES[3]]
    assert load_workbook(out / "bang-tong-hop-diem-so-ket-2022.xlsx").worksheets[0].max_row > 8
    for png in out.glob("*.png"):
        assert png.read_bytes().startswith(PNG), png.name
    assert load_workbook(out / "bang-tong-hop-diem-tong-ket-2022.xlsx").sheetnames == [
        "Tong_hop", "Chi_tiet", "Tieu_chi",
    ]  # fmt: skip
    for ics in out.glob("*.ics"):
        calendar = ics.read_text(encoding="utf-8")
        assert calendar.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in calendar, ics.name
        assert "METHOD:PUBLISH" in calendar and "\nORGANIZER;CN=" in calendar, ics.name


def test_from_the_command_line_quietly_without_touching_the_users_database(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_BOT_TOKEN")}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'thidua.db'}"  # not to be used
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "demo", "--out", str(out), "--quiet"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    printed = done.stdout.splitlines()
    assert printed[0] == "" and printed[1].startswith("✅ Xong một năm của khối trong")
    assert printed[2] == f"Các văn bản ở thư mục {out}:" and len(printed) == 3 + len(FILES)
    assert {path.name for path in out.iterdir()} == FILES
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]  # no database left


def test_the_default_folder_is_new_and_dated() -> None:
    folder = default_out_dir()
    assert folder.parent == Path.cwd() and re.fullmatch(r"demo-\d{8}-\d{6}", folder.name)


async def test_a_refusal_the_story_did_not_expect_stops_it(
    runtime: Runtime, clock: FakeClock, tmp_path: Path
) -> None:
    stage = Stage(runtime, DemoClock(clock.now()), tmp_path, lambda _text: None)
    stranger = Officer(stage, "Khách", "999", "Khách")
    with pytest.raises(DemoError, match="bị từ chối"):
        await stranger.say("/start khong-co-ma-nay")
    with pytest.raises(DemoError, match="không có nút «Duyệt»"):
        await stranger.press("Duyệt")


def test_a_stopped_story_is_exit_code_1_with_its_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def refused(out_dir: Path, say: object, **_options: object) -> list[Path]:
        raise DemoError("Sở GTVT: «/chamdiem» bị từ chối: ⚠️ Đợt chấm điểm chưa mở.")

    monkeypatch.setattr(demo_module, "demo", refused)
    lines: list[str] = []
    assert run_demo(tmp_path, say=lines.append) == 1
    assert lines == [
        "❌ Bản chạy thử dừng lại: Sở GTVT: «/chamdiem» bị từ chối: ⚠️ Đợt chấm điểm chưa mở."
    ]
