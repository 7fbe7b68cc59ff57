"""What a backup's value must be before it is inserted, beyond its type: checked the same on
SQLite and PostgreSQL, so that a tampered or damaged file is refused with the table, row and
column named instead of failing deep inside one engine (PostgreSQL refuses NUL and
over-long text, an integer past its column's range, NaN in JSON) or, worse, being stored by
the other (SQLite stores all of these)."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import BigInteger, Column, SmallInteger, String

from domain.text import first_unsafe
from imports.json_source import check_depth
from imports.limits import JSON_MAX_DEPTH, InputRefused


class BadValue(ValueError):
    """A value its column cannot take: a catalog code (`backup-problem-<code>`) and its values,
    so the command line says it in the reader's language."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code, values)
        self.code = code
        self.values = values


# Signed integer ranges of the column types (PostgreSQL's smallint, integer, bigint).
_INTEGER_BITS: list[tuple[type[Any], int]] = [(BigInteger, 64), (SmallInteger, 16)]


def check_text(column: Column[Any], value: str) -> None:
    unsafe = first_unsafe(value)
    if unsafe is not None:
        raise BadValue("control-character", char=unsafe)
    length = getattr(column.type, "length", None)
    if isinstance(column.type, String) and length is not None and len(value) > length:
        raise BadValue("too-long", length=len(value), limit=length)


def check_integer(column: Column[Any], value: int) -> None:
    bits = next((n for kind, n in _INTEGER_BITS if isinstance(column.type, kind)), 32)
    if not -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):
        raise BadValue("int-range", value=str(value), bits=bits)


def check_json(value: Any) -> None:
    """Nesting within JSON_MAX_DEPTH, finite numbers, clean texts (keys too)."""
    try:
        check_depth(value, JSON_MAX_DEPTH)
    except InputRefused:
        raise BadValue("json-too-deep", limit=JSON_MAX_DEPTH) from None
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise BadValue("json-non-finite", number=str(item))
        elif isinstance(item, str) and (unsafe := first_unsafe(item)) is not None:
            raise BadValue("json-control-character", char=unsafe)
