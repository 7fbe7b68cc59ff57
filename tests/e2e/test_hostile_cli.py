"""Hostile files given to `python main.py import` and `import-data` as an operator would: exit
code 1, the reason in Vietnamese with the limit it passed, and nothing written. One of each
runs as a separate process; the others through the same command functions, in-process."""

from __future__ import annotations

import json
import math
from pathlib import Path

from bot import admin, backup_cli
from bot.runtime import Runtime
from bot.settings import Settings
from db import backup
from tests import hostile
from tests.e2e.test_backup_cli import main_py

REFUSED_BACKUP = "Chưa nhập được dữ liệu, cơ sở dữ liệu không thay đổi: "


def test_main_py_import_refuses_a_billion_laughs(tmp_path: Path) -> None:
    laughs = tmp_path / "cuoi.yaml"
    laughs.write_text(hostile.billion_laughs(), encoding="utf-8")
    result = main_py(tmp_path / "thidua.db", "import", str(laughs))
    assert result.returncode == 1, result.stderr
    assert result.stdout == (
        f"Tệp {laughs} bị từ chối, chưa nhập gì: tệp có hơn 200.000 giá trị khi mở hết các bí "
        "danh YAML (alias, dấu *); hãy viết thẳng giá trị thay cho bí danh.\n"
    )


def test_main_py_import_data_refuses_a_deep_file(tmp_path: Path) -> None:
    deep = tmp_path / "sau.json"
    deep.write_bytes(hostile.deep_json(100_000))
    result = main_py(tmp_path / "thidua.db", "import-data", str(deep))
    assert result.returncode == 1, result.stderr
    assert result.stdout == REFUSED_BACKUP + "dữ liệu JSON lồng nhau quá 64 cấp\n"


async def test_hostile_bloc_files_are_refused_and_nothing_is_imported(
    runtime: Runtime, tmp_path: Path
) -> None:
    deep = tmp_path / "sau.yaml"
    deep.write_text(hostile.deep_yaml(200), encoding="utf-8")
    fake = tmp_path / "gia.xlsx"
    fake.write_bytes(b"PK not really a zip")
    files = {
        deep: "bị từ chối, chưa nhập gì: dòng 21: các mục lồng nhau quá 20 cấp.",
        hostile.zip_bomb(tmp_path / "bom.xlsx", 64): "tệp .xlsx giải nén ra lớn quá 8 MB.",
        hostile.long_sheet(tmp_path / "trieu-dong.xlsx"): "giải nén ra lớn quá 8 MB.",
        hostile.far_cell(tmp_path / "o-xa.xlsx"): "sheet «Tieu_chi» có quá 10.000 dòng",
        fake: "tệp không phải bảng tính Excel .xlsx đọc được",
    }
    for path, reason in files.items():
        said: list[str] = []
        assert await admin.import_file(runtime, path, said.append) == 1, said
        assert said[0].startswith(f"Tệp {path} "), said
        assert reason in "\n".join(said), said
    async with runtime.uow() as uow:
        assert await uow.blocs.list_blocs() == []


async def test_hostile_backups_are_refused_and_nothing_is_written(
    sample_runtime: Runtime, settings: Settings, tmp_path: Path
) -> None:
    document = json.loads(json.dumps(await backup.export_data(sample_runtime.engine)))
    unit = document["tables"]["units"][0]
    name = unit["name"]
    unit["name"] = name + "\x00"
    with_nul = tmp_path / "nul.json"
    with_nul.write_text(json.dumps(document), encoding="utf-8")
    unit["name"] = "Sở" * 200
    too_long = tmp_path / "dai.json"
    too_long.write_text(json.dumps(document), encoding="utf-8")
    unit["name"] = name
    document["tables"]["bloc_years"][0]["rules"] = {"quorum": math.nan}
    with_nan = tmp_path / "nan.json"
    with_nan.write_text(json.dumps(document), encoding="utf-8")  # json.dumps writes NaN as is
    files = {
        hostile.gzip_bomb(tmp_path / "bom.json.gz", 300): "tệp lớn quá 256 MB",
        hostile.sparse_file(tmp_path / "lon.json", 1024): "tệp lớn quá 256 MB",
        with_nul: "bảng units, dòng 1, cột name: văn bản có ký tự điều khiển U+0000",
        too_long: "bảng units, dòng 1, cột name: dài 400 ký tự, quá giới hạn 255 ký tự của cột",
        with_nan: "dữ liệu JSON có số không hữu hạn (NaN)",
    }
    before = await backup.export_data(sample_runtime.engine)
    for path, reason in files.items():
        said: list[str] = []
        # Even with --replace, which would delete everything first.
        assert await backup_cli.import_command(settings, str(path), True, said.append) == 1
        assert said == [REFUSED_BACKUP + reason], said
    after = await backup.export_data(sample_runtime.engine)
    assert after["tables"] == before["tables"]
