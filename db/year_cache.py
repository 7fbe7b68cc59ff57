"""What a bloc's year holds beside its own row, its member units and criteria table, kept per
process between updates: nearly every update needs them and they change a few times a year.

An entry is keyed by the year's id and its `revision`, a random stamp written with every save
of the members or criteria (in the same transaction), so every worker sees the change on its
next read of the year row and never serves a stale table. A stamp from a transaction that
rolled back is never read again and ages out."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from domain.criteria import CriteriaTable

CAPACITY = 512  # years: a national deployment's blocs, twice over


@dataclass(frozen=True)
class YearParts:
    member_unit_ids: tuple[int, ...]
    criteria: CriteriaTable | None


class YearCache:
    def __init__(self, capacity: int = CAPACITY) -> None:
        self._capacity = capacity
        self._entries: OrderedDict[tuple[int, str], YearParts] = OrderedDict()

    def get(self, year_id: int, revision: str) -> YearParts | None:
        if not revision:
            return None  # a row written outside the repository: read it afresh
        key = (year_id, revision)
        parts = self._entries.get(key)
        if parts is not None:
            self._entries.move_to_end(key)
        return parts

    def put(self, year_id: int, revision: str, parts: YearParts) -> None:
        if not revision:
            return
        self._entries[(year_id, revision)] = parts
        self._entries.move_to_end((year_id, revision))
        while len(self._entries) > self._capacity:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


YEARS = YearCache()
