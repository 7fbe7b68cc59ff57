"""`python main.py demo --channel zalo_oa`: the same year with every officer's account on the
Zalo Official Account (buttons that are also typed choices, the bloc's group an OA group),
its story and its documents the same."""

from __future__ import annotations

from pathlib import Path

from bot.demo import run_demo
from domain.model import Channel
from tests.e2e.test_demo import FILES


def test_the_demo_plays_the_year_on_the_official_account(tmp_path: Path) -> None:
    out, lines = tmp_path / "demo", list[str]()

    assert run_demo(out, say=lines.append, channel=Channel.ZALO_OA) == 0, "\n".join(lines)

    story = "\n".join(lines)
    assert "Sở Giao thông vận tải: 4/5 phiếu đồng ý (80,0%) ≥ 70% → ĐẠT" in story
    assert "→ nhóm Khối 7" in story  # the ballot and the notices reached the OA group
    assert "→ «✅ Đã bàn giao. Năm 2023: Khối trưởng Đài Phát thanh và Truyền hình" in story
    assert {path.name for path in out.iterdir()} == FILES
