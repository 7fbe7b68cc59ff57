"""Translation catalogs (Fluent). Vietnamese is the default; English sits beside it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import fluent_number

LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_LOCALE = "vi"
LOCALES = ("vi", "en")

# The words of the bloc being spoken of ($bloc_kind, $province_kind: bot/wording.py), given to
# every message unless the caller passes its own: set once where the bloc becomes known (an
# update's asker, a notice's recipients) instead of threaded through every view.
_BLOC_WORDS: ContextVar[Mapping[str, str]] = ContextVar("bloc_words", default=MappingProxyType({}))


@contextmanager
def speaking_for(words: Mapping[str, str]) -> Iterator[None]:
    """These bloc words in force for what is written inside the block, then the former."""
    token = _BLOC_WORDS.set(words)
    try:
        yield
    finally:
        _BLOC_WORDS.reset(token)


def speak_for(words: Mapping[str, str]) -> None:
    """These bloc words from now on in this task (a `speaking_for` around it ends them)."""
    _BLOC_WORDS.set(words)


class Translator:
    """Looks a key up in the chosen locale, then in Vietnamese; a missing key shows itself."""

    def __init__(self, locale: str) -> None:
        self.locale = locale if locale in LOCALES else DEFAULT_LOCALE
        self._bundles = _bundles(self.locale)

    def __call__(self, key: str, **args: object) -> str:
        values = {**_BLOC_WORDS.get(), **args}
        # Typed: 1, True and Decimal("1") are equal keys but different texts.
        typed = tuple((name, type(value), value) for name, value in sorted(values.items()))
        try:
            return _formatted(self.locale, key, typed)
        except TypeError:  # a value that cannot be a cache key: formatted afresh
            return _format(self.locale, key, values)

    def has(self, key: str) -> bool:
        return any(bundle.has_message(key) for bundle in self._bundles)


# A screen's labels and headers come back with the same words every time; Fluent's resolver
# cost more CPU than any other part of rendering a screen.
@lru_cache(maxsize=8192)
def _formatted(locale: str, key: str, typed: tuple[tuple[str, type, object], ...]) -> str:
    return _format(locale, key, {name: value for name, _, value in typed})


def clear_caches() -> None:
    """Read the catalogs afresh (a test that points LOCALES_DIR elsewhere)."""
    _bundle.cache_clear()
    _bundles.cache_clear()
    _formatted.cache_clear()


def _format(locale: str, key: str, values: dict[str, object]) -> str:
    """The message in the locale, else in Vietnamese; a missing key shows itself."""
    for bundle in _bundles(locale):
        if bundle.has_message(key):
            message = bundle.get_message(key)
            if message.value is None:
                continue
            text, _errors = bundle.format_pattern(message.value, _fluent_args(values))
            return str(text)
    return key


def _fluent_args(args: dict[str, object]) -> dict[str, object]:
    """Ints become Fluent numbers, so that plural selectors work, but without the thousands
    separator ("năm 2022", not "năm 2.022"). Decimals and dates arrive already formatted by
    the views, with the decimal comma where it belongs."""
    return {key: _fluent_value(value) for key, value in args.items()}


def _fluent_value(value: object) -> object:
    if isinstance(value, bool):
        return str(value)  # Fluent would show True as 1
    if isinstance(value, int):
        return fluent_number(value, useGrouping=False)
    return value


@cache
def _bundles(locale: str) -> tuple[FluentBundle, ...]:
    """The locale's bundle, then Vietnamese's for what it lacks."""
    if locale == DEFAULT_LOCALE:
        return (_bundle(locale),)
    return (_bundle(locale), _bundle(DEFAULT_LOCALE))


@cache
def _bundle(locale: str) -> FluentBundle:
    # Isolation marks would show as stray characters in Telegram and Zalo.
    bundle = FluentBundle([locale], use_isolating=False)
    for path in sorted((LOCALES_DIR / locale).glob("*.ftl")):
        bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return bundle
