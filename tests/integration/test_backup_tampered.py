"""import-data of a tampered backup, on SQLite and PostgreSQL alike: a value no column of the
other engine could hold (NUL, a lone surrogate, text longer than its column, an integer out of
range, NaN or deep nesting in a JSON column) is refused naming its table, row and column, and
nothing is written. PostgreSQL used to fail deep inside the insert; SQLite stored them."""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from db import backup
from db.backup import BackupError
from tests.integration.test_backup import (
    count,
    fresh_database,
    import_bloc,
    other_kind,
    through_json,
)


def nested(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = {"a": value}
    return value


def unit_name(value: str) -> Callable[[dict[str, Any]], None]:
    return lambda tables: tables["units"][0].update(name=value)


def rules(value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda tables: tables["bloc_years"][0].update(rules=value)


# Each case: the change, then the table, column, problem code and its values it is refused with.
TAMPERED: dict[str, tuple[Callable[[dict[str, Any]], None], str, str, dict[str, object]]] = {
    "nul": (unit_name("Sở\x00"), "units", "name", {"problem": "control-character",
                                                    "char": "U+0000"}),
    "surrogate": (unit_name("Sở\ud800"), "units", "name", {"problem": "control-character",
                                                         "char": "U+D800"}),
    "too long": (unit_name("x" * 300), "units", "name", {"problem": "too-long", "length": 300,
                                                        "limit": 255}),
    "int range": (
        lambda tables: tables["units"][0].update(bloc_id=2**40),
        "units", "bloc_id", {"problem": "int-range", "value": "1099511627776", "bits": 32},
    ),
    "json nan": (rules({"quorum": math.nan}), "bloc_years", "rules",
                 {"problem": "json-non-finite", "number": "nan"}),
    "json inf": (rules([math.inf]), "bloc_years", "rules",
                 {"problem": "json-non-finite", "number": "inf"}),
    "json deep": (rules(nested(100)), "bloc_years", "rules",
                  {"problem": "json-too-deep", "limit": 64}),
    "json key": (rules({"a\x00": 1}), "bloc_years", "rules",
                 {"problem": "json-control-character", "char": "U+0000"}),
}  # fmt: skip


@pytest.mark.parametrize("case", TAMPERED)
async def test_a_tampered_value_is_refused_by_name_and_nothing_written(
    engine: AsyncEngine, tmp_path: Path, case: str
) -> None:
    async with fresh_database(other_kind(engine), tmp_path) as source:
        await import_bloc(source)
        document = through_json(await backup.export_data(source))
    change, table, column, problem = TAMPERED[case]
    tampered = copy.deepcopy(document)
    change(tampered["tables"])
    with pytest.raises(BackupError) as refused:
        await backup.import_data(engine, tampered)
    assert refused.value.code == "bad-value"
    assert refused.value.values == {"table": table, "row": 1, "column": column, **problem}
    assert await count(engine, "blocs") == 0
    # The untouched file goes in.
    await backup.import_data(engine, document)
    assert await count(engine, "blocs") == 1
