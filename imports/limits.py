"""The bounds within which a file from outside is read, and the error that refuses one.

Every reader of a file someone else made (a bloc's YAML or .xlsx, a criteria table sent in the
chat, a JSON backup) checks these before building anything from it: a file of a few hundred
bytes can otherwise unfold into gigabytes (YAML aliases, a zip bomb, a sheet whose one cell sits
on row 1,048,576). The figures leave room many times over for the largest real bloc (2,000
units, a few hundred criteria) and keep the refusal of any hostile file to about a second and
well under 200 MB."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

MIB = 1024 * 1024

YAML_MAX_BYTES = 2 * MIB  # the sample blocs are 3-5 KB; 2,000 units are about 200 KB
YAML_MAX_DEPTH = 20  # a bloc file nests 6 deep (criteria → sections → items → an item)
YAML_MAX_VALUES = 200_000  # values once aliases are expanded: a billion laughs is 10^9

XLSX_MAX_BYTES = 8 * MIB
XLSX_MAX_PARTS = 1_000  # a workbook has 10-30 parts (sheets, styles, comments...)
XLSX_MAX_DIRECTORY_BYTES = 1 * MIB  # the zip's table of contents: 1,000 parts fit easily
XLSX_MAX_UNPACKED = 8 * MIB  # a 2,000-unit workbook unpacks to 0.6 MB
XLSX_MAX_RATIO = 100  # a real sheet packs 5-20 times; a zip bomb about 1,000 times
XLSX_RATIO_FROM = 1 * MIB  # small parts (a sheet of empty styled cells) may pack tighter
SHEET_MAX_ROWS = 10_000  # the largest bloc in use has 2,000 units
SHEET_MAX_COLUMNS = 50  # the widest sheet has 7 columns; Excel allows 16,384

JSON_MAX_BYTES = 256 * MIB  # a province's whole database for years is a few dozen MB
JSON_MAX_DEPTH = 64  # a backup nests 8 deep, a Telegram update about 10


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class InputRefused(ValueError):
    """A file or body refused before it is read: a code for the message, and its values."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code, values)
        self.code = code
        self.values = values

    def __str__(self) -> str:
        details = ", ".join(f"{key}={value}" for key, value in self.values.items())
        return f"{self.code}: {details}" if details else self.code


def too_large(limit: int) -> InputRefused:
    return InputRefused("file-too-large", max_mb=max(limit // MIB, 1))


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The file's bytes, refused once more than `limit` of them are read: the size a file or a
    platform declares is never trusted, and nothing past `limit` is ever held."""
    with open(path, "rb") as stream:
        return read_stream(stream, limit)


def read_stream(stream: Readable, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(limit)
    return data
