"""Translation catalogs (Fluent). Vietnamese is the default; English sits beside it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
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
        self._bundles = [_bundle(self.locale)]
        if self.locale != DEFAULT_LOCALE:
            self._bundles.append(_bundle(DEFAULT_LOCALE))

    def __call__(self, key: str, **args: object) -> str:
        for bundle in self._bundles:
            if bundle.has_message(key):
                message = bundle.get_message(key)
                if message.value is None:
                    continue
                values = {**_BLOC_WORDS.get(), **args}
                text, _errors = bundle.format_pattern(message.value, _fluent_args(values))
                return str(text)
        return key

    def has(self, key: str) -> bool:
        return any(bundle.has_message(key) for bundle in self._bundles)


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
def _bundle(locale: str) -> FluentBundle:
    # Isolation marks would show as stray characters in Telegram and Zalo.
    bundle = FluentBundle([locale], use_isolating=False)
    for path in sorted((LOCALES_DIR / locale).glob("*.ftl")):
        bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return bundle
