"""The Vietnamese and English Fluent catalogs stay in step and format cleanly, numbers included."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot import i18n
from bot.i18n import DEFAULT_LOCALE, LOCALES, LOCALES_DIR, Translator
from bot.request import ChatKind, Incoming, Request
from bot.views import errors, fmt
from domain.errors import BlocNotFound, Problem
from domain.model import Channel

CATALOG = "main.ftl"

# vi messages allowed to have no Vietnamese letter with a diacritic: only the command line's
# "Telegram: <link>" and "Zalo / console: /start <code>" lines, platform names and a command.
# Keep it small and explicit rather than weakening the check.
VI_WITHOUT_DIACRITICS: frozenset[str] = frozenset(
    {
        "cli-invite-telegram", "cli-invite-start", "file-link",  # a name and a URL, no words
        "btn-verify-unit", "btn-verify-unit-done",  # a unit and its scores
        "help-line",  # a command and what it does, both from elsewhere
    }
)  # fmt: skip

# en messages allowed to contain Vietnamese letters: the bilingual language picker, the help
# that names "Tiếng Việt", and the bot's proper name "Thi Đua Bot".
EN_WITH_VIETNAMESE: frozenset[str] = frozenset(
    {
        "language-choose",
        "help-body",
        "welcome-unregistered",
        "cli-banner",
        "cli-stopped",
        "help-typing",  # the Vietnamese words one may type
    }
)


def _resource(locale: str) -> ast.Resource:
    """Every catalog file of the locale, as the bot loads them (a feature may have its own)."""
    files = sorted((LOCALES_DIR / locale).glob("*.ftl"))
    assert LOCALES_DIR / locale / CATALOG in files
    text = "\n".join(path.read_text(encoding="utf-8") for path in files)
    return FluentParser(with_spans=False).parse(text)


def _messages(locale: str) -> dict[str, ast.Message]:
    return {
        entry.id.name: entry for entry in _resource(locale).body if isinstance(entry, ast.Message)
    }


class _Collector(Visitor):
    def __init__(self) -> None:
        self.variables: set[str] = set()
        self.selects: list[ast.SelectExpression] = []
        self.text: list[str] = []
        self.references: set[str] = set()  # messages it includes: { word-leader }

    def visit_MessageReference(self, node: ast.MessageReference) -> None:
        self.references.add(node.id.name)
        self.generic_visit(node)

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.variables.add(node.id.name)
        self.generic_visit(node)

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        self.selects.append(node)
        self.generic_visit(node)

    def visit_TextElement(self, node: ast.TextElement) -> None:
        self.text.append(node.value)

    def visit_StringLiteral(self, node: ast.StringLiteral) -> None:
        self.text.append(node.value)


def _collect(message: ast.Message) -> _Collector:
    collector = _Collector()
    collector.visit(message)
    return collector


def _variant_key(variant: ast.Variant) -> str:
    key = variant.key
    return key.name if isinstance(key, ast.Identifier) else key.value


def _select_shape(select: ast.SelectExpression) -> tuple[str, tuple[str, ...], str | None]:
    selector = select.selector
    name = selector.id.name if isinstance(selector, ast.VariableReference) else repr(selector)
    keys = tuple(_variant_key(variant) for variant in select.variants)
    default = next((_variant_key(v) for v in select.variants if v.default), None)
    return name, keys, default


def _has_vietnamese_letter(text: str) -> bool:
    for char in text:
        if char in "đĐ":
            return True
        if char.isalpha() and any(
            unicodedata.combining(part) for part in unicodedata.normalize("NFD", char)
        ):
            return True
    return False


def _variants_to_try(collector: _Collector) -> Iterator[dict[str, str]]:
    """Dummy values for every variable, then once more per variant key of each selector."""
    base = {name: f"x{name}" for name in collector.variables}
    yield base
    for select in collector.selects:
        selector, keys, _default = _select_shape(select)
        for key in keys:
            yield {**base, selector: key}


VI = _messages("vi")
EN = _messages("en")


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_parses_without_junk(locale: str) -> None:
    junk = [entry for entry in _resource(locale).body if isinstance(entry, ast.Junk)]
    assert not junk, "\n".join(entry.content or "" for entry in junk)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_has_no_duplicate_ids(locale: str) -> None:
    ids = [e.id.name for e in _resource(locale).body if isinstance(e, ast.Message)]
    assert len(ids) == len(set(ids))


def test_message_ids_match() -> None:
    assert set(EN) - set(VI) == set(), "in en but not in vi"
    assert set(VI) - set(EN) == set(), "in vi but not in en"


def test_section_comments_match() -> None:
    def sections(locale: str) -> list[str]:
        body = _resource(locale).body
        return [entry.content or "" for entry in body if isinstance(entry, ast.GroupComment)]

    assert sections("en") == sections("vi")


@pytest.mark.parametrize("key", sorted(VI))
def test_variables_match(key: str) -> None:
    assert key in EN
    assert _collect(EN[key]).variables == _collect(VI[key]).variables


def _is_english_plural(shape: tuple[str, tuple[str, ...], str | None]) -> bool:
    """`{ $count -> [one] … *[other] … }`: English needs it, Vietnamese has no plural.
    Exactly English's two cardinal categories, "other" the default."""
    _selector, keys, default = shape
    return sorted(keys) == ["one", "other"] and default == "other"


@pytest.mark.parametrize("key", sorted(VI))
def test_select_expressions_match(key: str) -> None:
    """The same selects in both catalogs, except that English may add a plural select on one
    of the message's variables (test_variables_match keeps the variables themselves equal)."""
    assert key in EN
    vi_shapes = [_select_shape(select) for select in _collect(VI[key]).selects]
    en_shapes = [_select_shape(select) for select in _collect(EN[key]).selects]
    assert not any(_is_english_plural(shape) for shape in vi_shapes), "no plural in Vietnamese"
    assert [shape for shape in en_shapes if not _is_english_plural(shape)] == vi_shapes
    for selector, _keys, _default in filter(_is_english_plural, en_shapes):
        # On a variable of the message, not on a function or a literal.
        assert selector in _collect(VI[key]).variables, (key, selector)


def test_english_plural_rule_is_strict() -> None:
    assert _is_english_plural(("count", ("one", "other"), "other"))
    assert not _is_english_plural(("count", ("one", "other"), "one"))  # default must be other
    assert not _is_english_plural(("count", ("one", "few", "other"), "other"))
    assert not _is_english_plural(("role", ("leader", "other"), "other"))
    assert not _is_english_plural(("count", ("0", "other"), "other"))


@pytest.mark.parametrize("locale", LOCALES)
def test_select_expressions_have_a_default(locale: str) -> None:
    for key, message in _messages(locale).items():
        for select in _collect(message).selects:
            defaults = [variant for variant in select.variants if variant.default]
            assert len(defaults) == 1, key


def test_allow_lists_are_honest() -> None:
    for key in VI_WITHOUT_DIACRITICS:
        assert key in VI
        assert not _has_vietnamese_letter("".join(_collect(VI[key]).text)), key
    for key in EN_WITH_VIETNAMESE:
        assert key in EN
        assert _has_vietnamese_letter("".join(_collect(EN[key]).text)), key


def _words(messages: dict[str, ast.Message], key: str) -> str:
    """The message's own text and that of the messages it includes ("{ word-leader }")."""
    collector = _collect(messages[key])
    included = (_words(messages, name) for name in sorted(collector.references))
    return "".join([*collector.text, *included])


def test_vietnamese_messages_are_vietnamese() -> None:
    missing = {key for key in VI if not _has_vietnamese_letter(_words(VI, key))}
    assert missing <= VI_WITHOUT_DIACRITICS


def test_english_messages_are_translated() -> None:
    leftover = {key for key in EN if _has_vietnamese_letter(_words(EN, key))}
    assert leftover <= EN_WITH_VIETNAMESE


def test_language_set_names_the_language() -> None:
    assert Translator("en")("language-set") == "Switched to English."


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("key", sorted(VI))
def test_every_message_formats(locale: str, key: str) -> None:
    t = Translator(locale)
    collector = _collect((EN if locale == "en" else VI)[key])
    selectors = {_select_shape(select)[0] for select in collector.selects}
    shown: set[str] = set()
    for args in _variants_to_try(collector):
        text = t(key, **args)
        assert text.strip(), (key, args)
        assert text != key, (key, args)
        assert "{" not in text and "}" not in text, (key, args, text)
        shown |= {name for name, value in args.items() if value in text}
    # Every variable that is not only a selector shows its value, in one variant at least
    # (a cross sheet's scorer is named only when the mode is cross).
    assert collector.variables - selectors <= shown, (key, collector.variables - shown)


@pytest.fixture
def locales_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the translator at temporary catalogs, with a fresh bundle cache."""
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    i18n.clear_caches()
    yield tmp_path
    i18n.clear_caches()


def test_english_falls_back_to_vietnamese(locales_dir: Path) -> None:
    (locales_dir / "vi").mkdir()
    (locales_dir / "en").mkdir()
    (locales_dir / "vi" / CATALOG).write_text(
        "shared = Xin chào\nonly-vi = Chỉ có tiếng Việt { $name }\n", encoding="utf-8"
    )
    (locales_dir / "en" / CATALOG).write_text("shared = Hello\n", encoding="utf-8")

    t = Translator("en")
    assert t("shared") == "Hello"
    assert t("only-vi", name="An") == "Chỉ có tiếng Việt An"
    assert t.has("only-vi")
    assert t("nowhere") == "nowhere"
    assert not t.has("nowhere")


@pytest.mark.parametrize("locale", ["fr", "", "EN", "vi-VN"])
def test_unknown_locale_falls_back_to_vietnamese(locale: str) -> None:
    t = Translator(locale)
    assert t.locale == DEFAULT_LOCALE
    assert t("language-set") == Translator("vi")("language-set")


# -- numbers in messages and in the views -------------------------------------------------


def test_ints_are_fluent_numbers_without_grouping() -> None:
    vi, en = Translator("vi"), Translator("en")
    joined = {"name": "Lan", "bloc": "Khối 7", "unit": "Sở NN&PTNT", "year": 2022}
    assert "(năm 2022)" in vi("joined", **joined)
    assert "(2022)" in en("joined", **joined)
    assert "12345" in vi("error-choice-out-of-range", number=12345, max=20000)
    assert "20000" in en("error-choice-out-of-range", number=12345, max=20000)


@pytest.mark.parametrize(
    ("key", "count", "expected"),
    [
        ("invites-joined", 1, " (✅ 1 officer joined)"),
        ("invites-joined", 2, " (✅ 2 officers joined)"),
        ("import-invalid", 1, "The file has 1 error; nothing"),
        ("import-invalid", 3, "The file has 3 errors; nothing"),
        ("task-invite-units", 1, "Invite the unit that has not joined the bot: A (type"),
        ("task-invite-units", 2, "Invite the 2 units that have not joined the bot: A (type"),
    ],
)
def test_english_plurals(key: str, count: int, expected: str) -> None:
    assert Translator("en")(key, count=count, units="A").startswith(expected)


def test_vietnamese_has_no_plural_forms() -> None:
    t = Translator("vi")
    assert t("invites-joined", count=1) == " (✅ 1 cán bộ đã tham gia)"
    assert t("invites-joined", count=2) == " (✅ 2 cán bộ đã tham gia)"


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (Decimal("8.25"), "8,3", "8.3"),  # half up, as the domain rounds (not half even)
        (Decimal("8.35"), "8,4", "8.4"),
        (Decimal("8.24"), "8,2", "8.2"),
        (Decimal("9.95"), "10", "10"),
        (Decimal("8.5"), "8,5", "8.5"),
        (10, "10", "10"),
        (2.25, "2,3", "2.3"),
    ],
)
def test_points_round_half_up(value: Decimal | int | float, vi: str, en: str) -> None:
    assert fmt.points(value) == vi
    assert fmt.points(value, "en") == en


def test_import_problems_show_decimals_in_the_readers_locale() -> None:
    problems = [Problem("dòng 3", "not-positive", (("value", Decimal("-8.5")),))]
    assert errors.problem_lines(Translator("vi"), problems) == [
        "dòng 3: điểm phải lớn hơn 0 (đang là -8,5)"
    ]
    assert errors.problem_lines(Translator("en"), problems) == [
        "dòng 3: points must be greater than 0 (got -8.5)"
    ]


def _private_request() -> Request:
    incoming = Incoming(Channel.CONSOLE, "c", ChatKind.PRIVATE, "u", "Lan")
    return Request(incoming)


@pytest.mark.parametrize(
    ("error", "vi"),
    [
        (
            BlocNotFound(code=None, choices=["khoi7-travinh", "khoi8-travinh"]),
            "Có nhiều khối: khoi7-travinh, khoi8-travinh. Anh/chị gõ /khoi kèm mã khối, "
            "ví dụ /khoi khoi7-travinh.",
        ),
        (BlocNotFound(code=None, choices=[]), "Chưa có khối nào được nhập vào bot."),
        (BlocNotFound(code=""), "Chưa có khối nào được nhập vào bot."),
        (
            BlocNotFound(code="khoi9"),
            "Không tìm thấy khối khoi9. Gõ /khoi để xem khối của anh/chị.",
        ),
    ],
)
def test_bloc_not_found_says_what_to_type(error: BlocNotFound, vi: str) -> None:
    assert errors.domain_error(Translator("vi"), error, _private_request()).text == f"⚠️ {vi}"
    english = errors.domain_error(Translator("en"), error, _private_request()).text
    assert not _has_vietnamese_letter(english)


def test_both_locales_have_the_same_catalog_files() -> None:
    def names(locale: str) -> list[str]:
        return sorted(path.name for path in (LOCALES_DIR / locale).glob("*.ftl"))

    assert names("en") == names("vi")
