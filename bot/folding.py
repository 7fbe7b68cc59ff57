"""Text compared the way people type it on a phone: with or without diacritics, any case."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case, without diacritics: "Chấm Điểm" and "cham diem" fold alike."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare).casefold()
