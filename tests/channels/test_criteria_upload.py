"""The leader replaces the year's criteria table by sending an .xlsx (here through the
console, where '@path' sends a file)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from bot.channels.console import ConsoleChannel
from bot.runtime import Runtime
from imports.xlsx_source import write_workbook
from imports.yaml_source import read_yaml
from tests.fakes.clock import FakeClock
from tests.samples import sample_yaml


def workbook(tmp_path: Path, name: str, change: dict[str, object] | None = None) -> Path:
    data, _ = read_yaml(sample_yaml())
    first = data["criteria"]["sections"][0]["items"][0]
    first.update(change or {})
    path = tmp_path / name
    write_workbook(data, path)
    return path


async def session(runtime: Runtime, user: str, lines: list[str]) -> str:
    out = io.StringIO()
    console = ConsoleChannel(
        runtime.app, user_id=user, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out
    )
    await console.run("")
    return out.getvalue()


async def test_the_leader_replaces_the_table(
    sample_runtime: Runtime, invite_codes: dict[str, str], tmp_path: Path
) -> None:
    renamed = workbook(tmp_path, "tieu-chi.xlsx", {"title": "Chỉ tiêu kế hoạch năm (mới)"})
    out = await session(
        sample_runtime, "lead", [f"/start {invite_codes['SNN']}", "/bangtieuchi", f"@{renamed}"]
    )
    assert "Gửi tệp Excel (.xlsx) bảng tiêu chí năm 2022" in out
    assert "✅ Đã thay bảng tiêu chí năm 2022: 18 tiêu chí, thang điểm 100." in out
    async with sample_runtime.uow() as uow:
        bloc = await uow.blocs.by_code("khoi7-travinh")
        year = await uow.blocs.current_year(bloc.id or 0) if bloc else None
        actions = [entry.action for entry in await uow.audit.entries()]
    assert year and year.criteria
    assert year.criteria.sections[0].items[0].title == "Chỉ tiêu kế hoạch năm (mới)"
    assert "criteria.replaced" in actions


async def test_a_table_that_does_not_add_up_is_listed_by_row(
    sample_runtime: Runtime, invite_codes: dict[str, str], tmp_path: Path
) -> None:
    wrong = workbook(tmp_path, "sai.xlsx", {"max": 16})
    out = await session(
        sample_runtime, "lead", [f"/start {invite_codes['SNN']}", "/bangtieuchi", f"@{wrong}"]
    )
    assert "Tệp có 1 lỗi" in out
    assert "tổng điểm tối đa các tiêu chí là 101, khác thang điểm 100" in out
    async with sample_runtime.uow() as uow:
        bloc = await uow.blocs.by_code("khoi7-travinh")
        year = await uow.blocs.current_year(bloc.id or 0) if bloc else None
    assert year and year.criteria and year.criteria.items_total == 100  # unchanged


async def test_only_organisers_replace_it_and_not_once_scoring_started(
    sample_runtime: Runtime, invite_codes: dict[str, str], tmp_path: Path, clock: FakeClock
) -> None:
    out = await session(sample_runtime, "sgt", [f"/start {invite_codes['SGT']}", "/bangtieuchi"])
    assert "không có quyền" in out
    await session(sample_runtime, "lead", [f"/start {invite_codes['SNN']}"])
    clock.current = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)
    await session(sample_runtime, "sgt", ["/chamdiem", "1", "14,5"])  # a score is entered
    table = workbook(tmp_path, "moi.xlsx")
    out = await session(sample_runtime, "lead", ["/bangtieuchi", f"@{table}"])
    assert "đã được dùng để chấm điểm nên không thay đổi được" in out


async def test_a_file_that_is_not_a_workbook_is_refused(
    sample_runtime: Runtime, invite_codes: dict[str, str], tmp_path: Path
) -> None:
    text = tmp_path / "ghi-chu.txt"
    text.write_text("không phải Excel", encoding="utf-8")
    fake = tmp_path / "gia.xlsx"
    fake.write_bytes(b"not a zip")
    out = await session(
        sample_runtime, "lead",
        [f"/start {invite_codes['SNN']}", "/bangtieuchi", f"@{text}", f"@{fake}"],
    )  # fmt: skip
    assert "cần là tệp Excel .xlsx" in out
    assert "Tệp chưa đúng mẫu bảng tiêu chí" in out
