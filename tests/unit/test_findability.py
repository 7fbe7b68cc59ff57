"""Every feature can be found: the command table matches the routers, /trogiup names every
command, menus follow the roles, plain words reach the feature; and the chat speaks of the
bloc in its own words, greeting people by their given name."""

from __future__ import annotations

import pytest

from bot import commands, wording
from bot.folding import fold
from bot.handlers import build_router
from bot.i18n import Translator, speaking_for
from bot.views import menu, names
from domain.model import Bloc, Role

LEADER = frozenset({Role.LEADER, Role.OFFICER})
OFFICER = frozenset({Role.OFFICER})
ADMIN = frozenset({Role.ADMIN})
OBSERVER = frozenset({Role.OBSERVER})
NOBODY: frozenset[Role] = frozenset()
ORGANISER_ONLY = {"thamdinh", "duyet", "chuyende", "bangtieuchi", "moi", "bangiao", "lienket"}
CUM = Bloc("cum3-cantho", "Cụm thi đua số 3", "Cần Thơ")
KHOI = Bloc("khoi7-travinh", "Khối thi đua Khối 7", "Trà Vinh")


def test_the_table_lists_every_command_the_routers_answer() -> None:
    """A command added to a router without its line in bot/commands.py fails here: it would
    be missing from /trogiup, the menus and Telegram's command list."""
    routed = set(build_router().commands)
    listed = {name for c in commands.COMMANDS for name in (c.name, *c.aliases)}
    assert routed == listed


@pytest.mark.parametrize("roles", [LEADER, OFFICER, ADMIN, OBSERVER, NOBODY])
def test_help_names_every_command_whoever_asks(roles: frozenset[Role]) -> None:
    text = menu.help_text(Translator("vi"), roles).text
    for command in commands.COMMANDS:
        assert f"/{command.name}" in text, (command.name, text)


def test_help_explains_what_the_person_may_use_and_names_the_rest() -> None:
    t = Translator("vi")
    officer = menu.help_text(t, OFFICER).text
    assert "/chamdiem — Chấm điểm thi đua của đơn vị" in officer
    assert "/thamdinh —" not in officer
    assert "Dành riêng cho Khối trưởng, Khối phó và Ban Thi đua - Khen thưởng: /thamdinh" in (
        officer
    )
    leader = menu.help_text(t, LEADER).text
    assert "/thamdinh — Thẩm định bảng điểm (Khối trưởng, Khối phó)" in leader
    assert "/lienket — Liên kết nhóm này với Khối" in leader
    assert "gõ 0 để về menu chính" in leader


def _menu_commands(roles: frozenset[Role]) -> list[str]:
    rows = menu.main_buttons(Translator("vi"), roles)
    return [button.action.arg(0) for row in rows for button in row]


def test_the_main_menu_offers_every_feature_of_the_role() -> None:
    everyday = ["viec", "khoi", "dangky", "kyket", "chamdiem", "xephang", "binhxet", "hoinghi"]
    assert _menu_commands(OFFICER) == [*everyday, "baocao", "trogiup", "ngonngu"]
    organiser = ["thamdinh", "duyet", "chuyende", "bangtieuchi", "moi", "sovanban", "bangiao"]
    assert _menu_commands(LEADER) == [*everyday, "baocao", *organiser, "trogiup", "ngonngu"]
    assert set(_menu_commands(ADMIN)) & {"chamdiem", "dangky", "kyket"} == set()
    assert "thamdinh" in _menu_commands(ADMIN) and "binhxet" in _menu_commands(ADMIN)
    assert not set(_menu_commands(OBSERVER)) & ORGANISER_ONLY
    assert _menu_commands(NOBODY) == ["trogiup", "ngonngu"]


def test_only_organisers_get_the_organisers_commands() -> None:
    def offered(roles: frozenset[Role]) -> set[str]:
        return {c.name for c in commands.for_roles(roles)}

    assert offered(OFFICER) & ORGANISER_ONLY == set()
    assert offered(LEADER) >= ORGANISER_ONLY - {"lienket"}  # linking is typed in the group
    assert "lienket" in {c.name for c in commands.for_roles(LEADER, group=True)}
    assert "lienket" not in {c.name for c in commands.for_roles(OFFICER, group=True)}


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("chấm điểm", "chamdiem"),
        ("Cham Diem", "chamdiem"),
        ("bo phieu", "binhxet"),
        ("Bỏ phiếu!", "binhxet"),
        ("hội nghị", "hoinghi"),
        ("xep hang", "xephang"),
        ("menu", "menu"),
        ("giúp", "trogiup"),
        ("Giúp", "trogiup"),
        ("cụm", "khoi"),
        ("tôi muốn chấm điểm", "chamdiem"),
        ("xem bảng xếp hạng", "xephang"),
        ("Mở hội nghị nhé", "hoinghi"),
        ("giúp", "trogiup"),
        ("giấy mời", "hoinghi"),
        ("thẩm định", "thamdinh"),
    ],
)
def test_plain_words_reach_the_feature(text: str, command: str) -> None:
    assert commands.spoken(text) == command


@pytest.mark.parametrize(
    "text",
    [
        "xin chào",
        "mời anh họp",
        "điểm",
        "",
        "Sở Tài chính chấm điểm rất kỹ lưỡng cho tất cả các tiêu chí",  # a sentence
        "cho hỏi hạn nộp báo cáo",  # a question about reports, not a request for them
        "hội nghị ký kết",
    ],
)
def test_other_words_reach_nothing(text: str) -> None:
    assert commands.spoken(text) is None


def test_phrases_are_folded_and_lead_to_one_command_each() -> None:
    seen: dict[str, str] = {}
    for command in commands.COMMANDS:
        for phrase in command.phrases:
            assert phrase == fold(phrase), phrase
            assert seen.setdefault(phrase, command.name) == command.name, phrase


@pytest.mark.parametrize(
    ("province", "kind"),
    [
        ("Cần Thơ", "city"),
        ("Thành phố Hồ Chí Minh", "city"),
        ("TP. Hồ Chí Minh", "city"),
        ("Hà Nội", "city"),
        ("hai phong", "city"),
        ("Đà Nẵng", "city"),
        ("Huế", "city"),
        ("Trà Vinh", "province"),
        ("Vĩnh Long", "province"),
        ("Thừa Thiên Huế", "province"),  # a tỉnh until Huế became a city in 2025
    ],
)
def test_centrally_run_cities_are_cities(province: str, kind: str) -> None:
    assert wording.bloc_words(Bloc("k", "Khối 1", province))["province_kind"] == kind


def test_a_cum_speaks_of_cum_and_the_city() -> None:
    t = Translator("vi")
    with speaking_for(wording.bloc_words(CUM)):
        assert t("joined-role-leader", unit="Sở Tài chính") == "Sở Tài chính là Cụm trưởng năm nay."
        assert t("ballot-title-flag", year=2025) == (
            "BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND THÀNH PHỐ NĂM 2025"
        )
        assert t("ballot-title-leader", next=2026) == "BẦU CỤM TRƯỞNG NĂM 2026"
        assert t("award-bang_khen") == "Bằng khen của Chủ tịch UBND thành phố"
        assert t("bloc-province", province="Cần Thơ") == "Thành phố: Cần Thơ"
        assert t("cmd-khoi") == "Cụm thi đua, đơn vị thành viên"
        assert (
            Translator("en")("joined-role-leader", unit="X") == "X is the cluster leader this year."
        )
    with speaking_for(wording.bloc_words(KHOI)):
        assert t("ballot-title-flag", year=2022) == (
            "BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND TỈNH NĂM 2022"
        )
        assert t("joined-role-deputy", unit="Đài PT-TH") == "Đài PT-TH là Khối phó năm nay."
    # Outside any bloc (a stranger's first message): the common word, khối.
    assert t("error-not-registered").startswith("Anh/chị chưa tham gia khối nào.")


@pytest.mark.parametrize(
    ("full_name", "given"),
    [
        ("Nguyễn Văn Hùng", "Hùng"),
        ("Hùng Nguyễn Văn", "Hùng"),  # Telegram's first name "Hùng", last name "Nguyễn Văn"
        ("Nguyễn Thị Lan", "Lan"),
        ("Thị Lan Phạm", "Lan"),
        ("Lê Cường", "Cường"),
        ("Nguyen Van Tuan", "Tuan"),
        ("Tuan Nguyen", "Tuan"),
        ("Khuất Duy Tiến", "Tiến"),  # an uncommon family name, in Vietnamese order
        ("John Smith", "John"),
        ("Lan", "Lan"),
        ("  ", ""),
    ],
)
def test_people_are_greeted_by_their_given_name(full_name: str, given: str) -> None:
    assert names.given_name(full_name) == given
