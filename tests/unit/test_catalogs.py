"""The Vietnamese and English Fluent catalogs stay in step and format cleanly."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot import i18n
from bot.i18n import DEFAULT_LOCALE, LOCALES, LOCALES_DIR, Translator

CATALOG = "main.ftl"

# vi messages allowed to have no Vietnamese letter with a diacritic (e.g. a button label made
# only of emoji or Latin text). Currently every message qualifies, so the list is empty; keep it
# small and explicit rather than weakening the check.
VI_WITHOUT_DIACRITICS: frozenset[str] = frozenset()

# en messages allowed to contain Vietnamese letters: the bilingual language picker, the help
# that names "Tiếng Việt", and the bot's proper name "Thi Đua Bot".
EN_WITH_VIETNAMESE: frozenset[str] = frozenset(
    {"language-choose", "help-body", "welcome-unregistered"}
)


def _resource(locale: str) -> ast.Resource:
    text = (LOCALES_DIR / locale / CATALOG).read_text(encoding="utf-8")
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


@pytest.mark.parametrize("key", sorted(VI))
def test_select_expressions_match(key: str) -> None:
    assert key in EN
    vi_shapes = [_select_shape(select) for select in _collect(VI[key]).selects]
    en_shapes = [_select_shape(select) for select in _collect(EN[key]).selects]
    assert en_shapes == vi_shapes


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


def test_vietnamese_messages_are_vietnamese() -> None:
    missing = {
        key
        for key, message in VI.items()
        if not _has_vietnamese_letter("".join(_collect(message).text))
    }
    assert missing <= VI_WITHOUT_DIACRITICS


def test_english_messages_are_translated() -> None:
    leftover = {
        key
        for key, message in EN.items()
        if _has_vietnamese_letter("".join(_collect(message).text))
    }
    assert leftover <= EN_WITH_VIETNAMESE


def test_language_set_names_the_language() -> None:
    assert Translator("en")("language-set") == "Switched to English."


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("key", sorted(VI))
def test_every_message_formats(locale: str, key: str) -> None:
    t = Translator(locale)
    collector = _collect((EN if locale == "en" else VI)[key])
    selectors = {_select_shape(select)[0] for select in collector.selects}
    for args in _variants_to_try(collector):
        text = t(key, **args)
        assert text.strip(), (key, args)
        assert text != key, (key, args)
        assert "{" not in text and "}" not in text, (key, args, text)
        for name, value in args.items():
            # Every variable that is not only a selector shows its value.
            if name not in selectors:
                assert value in text, (key, args, text)


@pytest.fixture
def locales_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the translator at temporary catalogs, with a fresh bundle cache."""
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    i18n._bundle.cache_clear()
    yield tmp_path
    i18n._bundle.cache_clear()


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
