"""The console channel: in process over StringIO, and `python main.py` as a real subprocess."""

from __future__ import annotations

import asyncio
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.channels.console import PROMPT, ConsoleChannel
from bot.runtime import Runtime
from imports.xlsx_source import write_workbook
from imports.yaml_source import read_yaml
from tests.channels.menu_support import LEADER_MENU, numbered
from tests.samples import sample_yaml

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"
RUN_SECONDS = 60.0

BANNER = "Thi Đua Bot — thử nghiệm"
SNN_NAME = "Sở Nông nghiệp và Phát triển nông thôn"
PTTH_NAME = "Đài Phát thanh và Truyền hình Trà Vinh"
MAIN_MENU_VI = numbered(LEADER_MENU)
BLOC_TITLE = "🏢 Khối thi đua Khối 7 — năm 2022"
UNIT_LINE = re.compile(r"^\s+(?P<name>.+) \[(?P<code>\w+)\] — ", re.MULTILINE)


def assert_greeting_with_menu(text: str) -> None:
    assert "Anh/chị đã tham gia Khối thi đua Khối 7 (năm 2022)" in text
    assert f"cán bộ thi đua của {SNN_NAME}" in text
    assert "Sở NN&PTNT là Khối trưởng năm nay." in text
    assert MAIN_MENU_VI in text


def assert_bloc_overview(text: str) -> None:
    assert BLOC_TITLE in text
    assert f"Khối trưởng: {SNN_NAME}" in text
    assert f"Khối phó: {PTTH_NAME}" in text
    assert "Đơn vị thành viên (1/5 đã tham gia bot):" in text
    assert len(re.findall(r"^• .+ — (?:✅|⏳) ", text, re.MULTILINE)) == 5


# -- in process --------------------------------------------------------------------------


@dataclass
class Transcript:
    banner: str
    answers: list[str]  # the output after each prompt: one per line read, the last at the end
    unread: str  # what was left in stdin


async def run_console(runtime: Runtime, tmp_path: Path, *lines: str) -> Transcript:
    """Run the channel over `lines` (then end of input) and split what it wrote."""
    stdin = io.StringIO("".join(f"{line}\n" for line in lines))
    stdout = io.StringIO()
    channel = ConsoleChannel(
        runtime.app,
        user_id="console:lan",
        user_name="Nguyễn Thị Lan",
        files_dir=tmp_path / "out",
        stdin=stdin,
        stdout=stdout,
    )
    await asyncio.wait_for(channel.run(BANNER), timeout=RUN_SECONDS)
    banner, *answers = stdout.getvalue().split(PROMPT)
    return Transcript(banner, [answer.removesuffix("\n") for answer in answers], stdin.read())


async def test_start_then_choice_two_then_quit(
    sample_runtime: Runtime, invite_codes: dict[str, str], tmp_path: Path
) -> None:
    transcript = await run_console(
        sample_runtime, tmp_path, f"/start {invite_codes['SNN']}", "2", "/thoat", "/trogiup"
    )

    assert transcript.banner == BANNER + "\n"
    greeting, overview, at_quit = transcript.answers
    assert greeting.startswith("Chào anh/chị Lan!")
    assert_greeting_with_menu(greeting)
    assert greeting.endswith("\n\n" + MAIN_MENU_VI)
    assert_bloc_overview(overview)
    assert overview.endswith("\n\n1. 📋 Việc cần làm\n2. ☰ Menu chính")
    assert at_quit == ""  # /thoat ends at once, without an answer
    assert transcript.unread == "/trogiup\n"  # and nothing after it is read


async def test_end_of_input_ends_the_session(
    sample_runtime: Runtime, invite_codes: dict[str, str], tmp_path: Path
) -> None:
    transcript = await run_console(sample_runtime, tmp_path, f"/start {invite_codes['SNN']}", "")

    greeting, blank_line, at_eof = transcript.answers
    assert_greeting_with_menu(greeting)
    assert blank_line == ""  # an empty line is skipped, not answered
    assert at_eof == ""  # end of input: a final newline, then the channel returns


async def test_numbers_and_unknown_text_in_the_console(
    sample_runtime: Runtime, invite_codes: dict[str, str], tmp_path: Path
) -> None:
    transcript = await run_console(
        sample_runtime, tmp_path, "1", f"/start {invite_codes['SNN']}", "99", "1", "xin chào"
    )

    no_list, _, refused, tasks, unknown, _ = transcript.answers
    assert no_list.startswith("Hiện không có danh sách nào để chọn theo số.")
    assert refused.startswith("⚠️ Không có lựa chọn số 99.")
    assert tasks.startswith("📋 Việc cần làm của Sở NN&PTNT")
    assert unknown.startswith("Bot chưa hiểu tin nhắn này.")


# -- python main.py as a subprocess ------------------------------------------------------


@dataclass(frozen=True)
class Cli:
    """Runs `python main.py` from the project root against one SQLite file, with no tokens."""

    env: dict[str, str]

    @classmethod
    def for_database(cls, path: Path) -> Cli:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "DATABASE_URL")
        }
        env["DATABASE_URL"] = f"sqlite+aiosqlite:///{path}"
        env["PYTHONIOENCODING"] = "utf-8"
        return cls(env)

    def __call__(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(MAIN), *args],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
            env=self.env,
            timeout=RUN_SECONDS,
            check=False,
        )


@dataclass(frozen=True)
class ImportedSample:
    cli: Cli
    invites: str  # what `invites` printed after the import


def invite_for(invites_output: str, unit_code: str) -> str:
    """The "/start <code>" that `invites` printed under the unit."""
    lines = invites_output.splitlines()
    at = next(index for index, line in enumerate(lines) if f"[{unit_code}]" in line)
    commands = (re.search(r"/start \S+", line) for line in lines[at + 1 :])
    return next(match.group(0) for match in commands if match)


def unit_list(invites_output: str) -> list[tuple[str, str]]:
    return [(match["code"], match["name"]) for match in UNIT_LINE.finditer(invites_output)]


@pytest.fixture(scope="module")
def imported_sample(tmp_path_factory: pytest.TempPathFactory) -> ImportedSample:
    """A database file with the sample imported by `main.py import`, and its invites."""
    cli = Cli.for_database(tmp_path_factory.mktemp("cli") / "thidua.db")
    imported = cli("import", str(sample_yaml()))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "Đã nhập Khối thi đua Khối 7 (Trà Vinh) năm 2022: 5 đơn vị" in imported.stdout
    invites = cli("invites")
    assert invites.returncode == 0, invites.stdout + invites.stderr
    return ImportedSample(cli, invites.stdout)


def test_cli_console_session_through_stdin(imported_sample: ImportedSample) -> None:
    start = invite_for(imported_sample.invites, "SNN")

    console = imported_sample.cli("console", stdin=f"{start}\n2\n/thoat\n")

    assert console.returncode == 0, console.stderr
    assert console.stdout.startswith("Thi Đua Bot — kênh console.")
    assert_greeting_with_menu(console.stdout)
    assert_bloc_overview(console.stdout)


def test_cli_reimporting_the_same_sample_changes_nothing(imported_sample: ImportedSample) -> None:
    again = imported_sample.cli("import", str(sample_yaml()))

    assert again.returncode == 0, again.stderr
    assert "không có gì thay đổi" in again.stdout


def test_cli_import_of_a_broken_file_lists_every_problem_and_imports_nothing(
    tmp_path: Path,
) -> None:
    text = sample_yaml().read_text(encoding="utf-8")
    text = text.replace("  leader: SNN", "  leader: XYZ", 1)
    text = text.replace("max: 15}", "max: 16}", 1)  # the items now total 101
    duplicate = "  - code: SGT\n    name: Sở Giao thông vận tải (lặp)\n    short_name: Sở GTVT 2\n"
    text = text.replace("\nrules:", f"{duplicate}\nrules:", 1)
    broken = tmp_path / "khoi7-loi.yaml"
    broken.write_text(text, encoding="utf-8")
    lines = text.splitlines()

    def line_of(fragment: str, occurrence: int = 1) -> int:
        numbers = [number for number, line in enumerate(lines, 1) if line.startswith(fragment)]
        return numbers[occurrence - 1]

    cli = Cli.for_database(tmp_path / "thidua.db")
    result = cli("import", str(broken))

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Tệp có 3 lỗi, chưa nhập gì vào cơ sở dữ liệu:" in result.stdout
    problems = [line.strip() for line in result.stdout.splitlines() if line.startswith("  - ")]
    assert sorted(problems) == sorted(
        [
            f"- dòng {line_of('  - code: SGT', 2)}: mã đơn vị «SGT» bị trùng",
            f"- dòng {line_of('  leader: XYZ')}: Khối trưởng là «XYZ», nhưng không có đơn vị "
            "nào mã này trong danh sách đơn vị",
            f"- dòng {line_of('  scale: 100')}: tổng điểm tối đa các tiêu chí là 101, khác "
            "thang điểm 100",
        ]
    )
    invites = cli("invites")
    assert invites.returncode == 1
    assert invites.stdout.startswith("Chưa có khối nào")


def test_cli_help_exits_zero(tmp_path: Path) -> None:
    cli = Cli.for_database(tmp_path / "unused.db")
    for args in (["--help"], ["import", "--help"]):
        result = cli(*args)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("usage: python main.py")


def test_cli_xlsx_template_and_workbook_import(
    tmp_path: Path, imported_sample: ImportedSample
) -> None:
    cli = Cli.for_database(tmp_path / "thidua.db")
    template = tmp_path / "k.xlsx"

    written = cli("template", str(template))

    assert written.returncode == 0, written.stderr
    assert load_workbook(template).sheetnames  # a readable workbook

    data, _where = read_yaml(sample_yaml())
    workbook = tmp_path / "khoi7.xlsx"
    write_workbook(data, workbook)
    imported = cli("import", str(workbook))
    invites = cli("invites")

    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "Đã nhập Khối thi đua Khối 7 (Trà Vinh) năm 2022: 5 đơn vị" in imported.stdout
    assert invites.returncode == 0, invites.stderr
    assert len(unit_list(invites.stdout)) == 5
    assert unit_list(invites.stdout) == unit_list(imported_sample.invites)
