"""What text the bot keeps. Whatever arrives (a chat message, a display name, a group's title, a
cell of an imported file) may carry characters no database or document can hold: NUL, which
PostgreSQL refuses in any text; a lone UTF-16 surrogate, which cannot be encoded as UTF-8 at
all; other control characters, which Word and Excel refuse. Text is cleaned of them once, where
it comes in, so that nothing downstream has to care."""

from __future__ import annotations

import re
import unicodedata

ELLIPSIS = "…"
# Unicode's control characters (category Cc: U+0000-U+001F, U+007F-U+009F) but tab and line
# break, and the surrogates (category Cs; always lone in a Python string: a pair arriving as
# JSON escapes is decoded into one character). A pattern: text is scanned at C speed.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def first_unsafe(text: str) -> str | None:
    """The first unsafe character, for a message that names it ("U+0000"); None when clean."""
    found = UNSAFE.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def clean_text(text: str) -> str:
    """NFC (some Vietnamese keyboards send decomposed letters, and every comparison expects
    composed ones), line breaks as \\n, unsafe characters dropped."""
    text = UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def clean_line(text: str, limit: int) -> str:
    """A name or title: cleaned, on one line with single spaces, at most `limit` characters
    (cut with an ellipsis, never inside a letter and its accents)."""
    line = " ".join(clean_text(text).split())
    if len(line) <= limit:
        return line
    cut = limit - len(ELLIPSIS)
    while cut > 0 and unicodedata.combining(line[cut]):
        cut -= 1
    return line[:cut].rstrip() + ELLIPSIS
