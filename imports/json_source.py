"""Strict JSON for whatever arrives from outside (webhook bodies, backups): nesting deeper
than the limit and non-finite numbers (NaN, Infinity, 1e999) are refused, never passed on as
a float no column or date can hold, or as a RecursionError."""

from __future__ import annotations

import json
from typing import Any

from imports.limits import JSON_MAX_DEPTH, InputRefused


def loads(data: str | bytes, max_depth: int = JSON_MAX_DEPTH) -> Any:
    """The JSON value; ValueError when it is not JSON, InputRefused when it is hostile."""
    try:
        value = json.loads(data, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:  # the C parser gives up near 1,000 levels: deeper than any limit
        raise InputRefused("too-deep", max=max_depth) from None
    check_depth(value, max_depth)
    return value


def check_depth(value: object, max_depth: int = JSON_MAX_DEPTH) -> None:
    """Walked without recursion, so that any depth is measured, not crashed on."""
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        if depth > max_depth:
            raise InputRefused("too-deep", max=max_depth)
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def _refuse_constant(name: str) -> Any:
    raise InputRefused("not-finite", value=name)


def _finite_float(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise InputRefused("not-finite", value=text[:20])
    return number
