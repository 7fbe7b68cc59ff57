"""What the command line prints: Vietnamese text from the catalogs, in the layout it always had."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import main
from bot import admin
from bot.runtime import Runtime
from domain.bloc_spec import parse_bloc_spec
from tests.samples import sample_yaml

UNIT_LINE = re.compile(
    r"^  (?P<name>.+) \[(?P<code>\w+)\] — (?P<joined>\d+) cán bộ đã tham gia; "
    r"mã dùng đến \d\d/\d\d/\d{4}$"
)


class Printed(list[str]):
    def __call__(self, line: str) -> None:
        self.extend(line.split("\n"))


async def test_import_prints_what_it_did(runtime: Runtime) -> None:
    data, where = admin.read_bloc_file(sample_yaml())
    spec = parse_bloc_spec(data, where)
    criteria = spec.criteria.item_count if spec.criteria else 0

    first, again = Printed(), Printed()
    assert await admin.import_file(runtime, sample_yaml(), first) == 0
    assert await admin.import_file(runtime, sample_yaml(), again) == 0

    assert first == [
        f"Đã nhập Khối thi đua Khối 7 (Trà Vinh) năm 2022: 5 đơn vị (5 mới, 0 cập nhật), "
        f"{criteria} tiêu chí.",
        "Tiếp theo: python main.py invites — để lấy đường dẫn mời cho từng đơn vị.",
    ]
    assert again == ["Khối thi đua Khối 7 năm 2022: dữ liệu đã có sẵn, không có gì thay đổi."]


async def test_import_of_a_missing_or_malformed_file(runtime: Runtime, tmp_path: Path) -> None:
    missing, malformed = Printed(), Printed()
    broken = tmp_path / "loi.yaml"
    broken.write_text("bloc: [\n", encoding="utf-8")

    assert await admin.import_file(runtime, tmp_path / "khong-co.yaml", missing) == 2
    assert await admin.import_file(runtime, broken, malformed) == 1

    assert missing == [f"Không tìm thấy tệp {tmp_path / 'khong-co.yaml'}."]
    assert malformed[0] == f"Tệp {broken} sai định dạng, chưa nhập gì:"
    assert malformed[1].startswith("  - dòng ")


async def test_invites_list_every_unit_with_its_links(sample_runtime: Runtime) -> None:
    printed = Printed()

    assert await admin.print_invites(sample_runtime, printed, "thidua_bot") == 0

    assert printed[0] == "Khối thi đua Khối 7 (khoi7-travinh)"
    units = [match for line in printed if (match := UNIT_LINE.match(line))]
    assert len(units) == 5 and all(unit["joined"] == "0" for unit in units)
    at = printed.index(next(line for line in printed if "[SNN]" in line))
    code = printed[at + 2].removeprefix("    Zalo / console: /start ")
    assert printed[at + 1] == f"    Telegram: https://t.me/thidua_bot?start={code}"
    assert "(Đặt TELEGRAM_BOT_TOKEN" not in "\n".join(printed)


async def test_invites_without_telegram_or_blocs(runtime: Runtime) -> None:
    empty, unknown = Printed(), Printed()

    assert await admin.print_invites(runtime, empty, None) == 1
    assert await admin.print_invites(runtime, unknown, None, "khoi9") == 1

    assert empty == [
        "Chưa có khối nào. Nhập khối trước: python main.py import samples/khoi7-travinh-2022.yaml"
    ]
    assert unknown == ["Không có khối khoi9."]


async def test_invites_hint_at_the_telegram_token(sample_runtime: Runtime) -> None:
    printed = Printed()
    await admin.print_invites(sample_runtime, printed, None)
    assert not any("t.me" in line for line in printed)
    assert printed[-1] == "(Đặt TELEGRAM_BOT_TOKEN để có thêm đường dẫn mời Telegram.)"


async def test_board_invite_and_revoke(runtime: Runtime) -> None:
    board, revoked, unknown = Printed(), Printed(), Printed()

    assert await admin.board_invite(runtime, "observer", board) == 0
    code = board[0].removeprefix("Mã mời Ban TĐKT (observer): /start ")
    assert await admin.revoke_invite(runtime, code, revoked) == 0
    assert await admin.revoke_invite(runtime, "khong-co", unknown) == 1

    assert code.startswith("ban-")
    assert re.fullmatch(r"Dùng đến \d\d:\d\d \d\d/\d\d/\d{4}\.", board[1])
    assert revoked == [f"Đã thu hồi mã mời {code}."]
    assert unknown == ["Không có mã mời khong-co."]


async def test_a_newcomer_is_offered_every_unit_to_act_as(sample_runtime: Runtime) -> None:
    banner, pick = await main._banner(sample_runtime, "console:lan")
    personas = await admin.console_personas(sample_runtime)
    invites = Printed()
    await admin.print_invites(sample_runtime, invites, None)

    assert banner.split("\n") == [
        "Thi Đua Bot — kênh console. Gõ /trogiup để xem các lệnh, trả lời danh sách bằng số,",
        "/vai để đổi đơn vị mình đóng vai, Ctrl+D hoặc /thoat để thoát.",
    ]
    assert pick  # console:lan has joined no unit yet
    assert [persona.label for persona in personas] == [
        "Sở NN&PTNT — Khối trưởng",
        "Sở TN&MT — thành viên",
        "Sở GTVT — thành viên",
        "Sở Công Thương — thành viên",
        "Đài PT-TH — Khối phó",
    ]
    prefix = "    Zalo / console: /start "
    codes = {line.removeprefix(prefix) for line in invites if line.startswith(prefix)}
    assert {persona.join.removeprefix("/start ") for persona in personas if persona.join} == codes
    assert len({persona.name for persona in personas}) == 5


async def test_banner_without_blocs(runtime: Runtime) -> None:
    banner, pick = await main._banner(runtime, "console:lan")

    assert banner.split("\n")[2:] == [
        "",
        "Chưa có khối nào. Nhập khối mẫu: python main.py import samples/khoi7-travinh-2022.yaml",
        "rồi lấy mã mời: python main.py invites",
    ]
    assert not pick


def test_template_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mau.xlsx"
    assert main.main(["template", str(target)]) == 0
    assert capsys.readouterr().out == f"Đã ghi mẫu nhập khối: {target}\n"
    assert target.exists()


def test_migrate_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'm.db'}")
    assert main.main(["migrate"]) == 0
    assert capsys.readouterr().out == "Cơ sở dữ liệu đã ở phiên bản mới nhất.\n"
