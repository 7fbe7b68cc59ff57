"""`python main.py export-data` and `import-data` as an operator runs them: separate processes,
DATABASE_URL pointing at temporary SQLite files, exit codes and what they print."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.samples import ROOT, sample_yaml


def main_py(
    database: Path, *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_BOT_TOKEN")}
    env.pop("WEBHOOK_URL", None)
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{database}"
    process = subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        process.args,
        process.returncode,
        process.stdout.decode("utf-8"),
        process.stderr.decode("utf-8"),
    )


def counts(output: str) -> dict[str, int]:
    """The "  table: N dòng" lines."""
    found = {}
    for line in output.splitlines():
        if line.startswith("  ") and line.endswith(" dòng"):
            table, _, number = line.strip().removesuffix(" dòng").partition(": ")
            found[table] = int(number)
    return found


def tables(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in ("exported_at",)}


def test_export_then_import_into_a_new_file(tmp_path: Path) -> None:
    source, target = tmp_path / "old.db", tmp_path / "new.db"
    assert main_py(source, "import", str(sample_yaml())).returncode == 0
    assert main_py(source, "invites").returncode == 0  # the units' invite codes

    exported = main_py(source, "export-data", str(tmp_path / "data.json"))
    assert exported.returncode == 0, exported.stderr
    document = json.loads((tmp_path / "data.json").read_text(encoding="utf-8"))
    rows = sum(document["counts"].values())
    assert exported.stdout.startswith(
        f"Đã xuất {rows} dòng dữ liệu ({len(document['counts'])} bảng) vào {tmp_path}/data.json."
    )
    assert counts(exported.stdout) == document["counts"]
    assert document["counts"]["units"] == 5 and document["counts"]["invitations"] == 5

    # The new database must be migrated first; nothing is written meanwhile.
    bare = main_py(target, "import-data", str(tmp_path / "data.json"))
    assert bare.returncode == 1
    assert "chưa có bảng nào; chạy python main.py migrate trước" in bare.stdout
    assert main_py(target, "migrate").returncode == 0
    imported = main_py(target, "import-data", str(tmp_path / "data.json"))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert imported.stdout.startswith(f"Đã nhập {rows} dòng dữ liệu")
    assert counts(imported.stdout) == document["counts"]

    # Out of the new database: the same data.
    again = main_py(target, "export-data", "-")
    assert again.returncode == 0
    assert tables(json.loads(again.stdout)) == tables(document)
    assert counts(again.stderr) == document["counts"]  # stdout holds only the JSON

    # A second import is refused, unless --replace.
    refused = main_py(target, "import-data", str(tmp_path / "data.json"))
    assert refused.returncode == 1
    assert "đã có dữ liệu" in refused.stdout and "--replace" in refused.stdout
    replaced = main_py(target, "import-data", "--replace", str(tmp_path / "data.json"))
    assert replaced.returncode == 0
    assert replaced.stdout.startswith(f"Đã xoá {rows} dòng dữ liệu cũ trước khi nhập")


def test_a_bloc_gzipped_and_through_stdin(tmp_path: Path) -> None:
    source, target = tmp_path / "old.db", tmp_path / "new.db"
    assert main_py(source, "import", str(sample_yaml())).returncode == 0
    archive = tmp_path / "khoi7.json.gz"
    exported = main_py(source, "export-data", str(archive), "--bloc", "khoi7-travinh")
    assert exported.returncode == 0
    assert exported.stdout.startswith("Đã xuất khối khoi7-travinh: ")
    document = json.loads(gzip.decompress(archive.read_bytes()))
    assert document["bloc"] == "khoi7-travinh" and "outbox_messages" not in document["tables"]

    assert main_py(target, "migrate").returncode == 0
    imported = main_py(target, "import-data", "-", stdin=gzip.decompress(archive.read_bytes()))
    assert imported.returncode == 0, imported.stdout
    assert "từ stdin" in imported.stdout.splitlines()[0]
    assert counts(imported.stdout)["criteria"] == document["counts"]["criteria"]


def test_problems_exit_1_and_write_nothing(tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    assert main_py(database, "import", str(sample_yaml())).returncode == 0

    unknown = main_py(database, "export-data", str(tmp_path / "x.json"), "--bloc", "khong-co")
    assert unknown.returncode == 1 and "không có khối khong-co" in unknown.stdout
    assert not (tmp_path / "x.json").exists()

    missing = main_py(database, "import-data", str(tmp_path / "missing.json"))
    assert missing.returncode == 1 and "không tìm thấy tệp" in missing.stdout

    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    bad = main_py(database, "import-data", "--replace", str(tmp_path / "bad.json"))
    assert bad.returncode == 1 and "không đọc được tệp" in bad.stdout

    (tmp_path / "other.json").write_text('{"hello": 1}', encoding="utf-8")
    other = main_py(database, "import-data", "--replace", str(tmp_path / "other.json"))
    assert other.returncode == 1 and "không phải bản sao dữ liệu" in other.stdout

    assert main_py(database, "export-data", str(tmp_path / "data.json")).returncode == 0
    document = json.loads((tmp_path / "data.json").read_text(encoding="utf-8"))
    document["revision"] = "0001"
    (tmp_path / "old.json").write_text(json.dumps(document), encoding="utf-8")
    old = main_py(database, "import-data", "--replace", str(tmp_path / "old.json"))
    assert old.returncode == 1 and "phiên bản 0001" in old.stdout

    # The sample is still there, untouched by the refused --replace imports.
    after = main_py(database, "export-data", "-")
    assert tables(json.loads(after.stdout))["tables"]["blocs"][0]["code"] == "khoi7-travinh"
