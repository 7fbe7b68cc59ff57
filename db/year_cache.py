"""What a bloc's year holds beside its own row, its member units and criteria table (and its
rules and calendar, parsed), kept per process between updates: nearly every update needs them
and they change a few times a year.
(A ballot's candidates are kept the same way, by db/ballots.py.)

An entry is keyed by the year's id and its `revision`, a random stamp written with every save
of the members or criteria (in the same transaction), so every worker sees the change on its
next read of the year row and never serves a stale table. A stamp from a transaction that
rolled back is never read again and ages out."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Generic, TypeVar

from domain.criteria import CriteriaTable
from domain.settings import BlocCalendar, BlocRules

CAPACITY = 512  # years: a national deployment's blocs, twice over


@dataclass(frozen=True)
class YearParts:
    member_unit_ids: tuple[int, ...]
    criteria: CriteriaTable | None
    # Parsed from the row's JSON, which changes only with the revision (both are frozen).
    rules: BlocRules
    calendar: BlocCalendar


Parts = TypeVar("Parts")


class RevisionCache(Generic[Parts]):
    """What a row's id and random revision stamp stand for, the least recently used first out."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._capacity = capacity
        self._entries: OrderedDict[tuple[int, str], Parts] = OrderedDict()

    def get(self, row_id: int, revision: str | None) -> Parts | None:
        if not revision:
            return None  # a row written outside the repository: read it afresh
        key = (row_id, revision)
        parts = self._entries.get(key)
        if parts is not None:
            self._entries.move_to_end(key)
        return parts

    def put(self, row_id: int, revision: str | None, parts: Parts) -> None:
        if not revision:
            return
        self._entries[(row_id, revision)] = parts
        self._entries.move_to_end((row_id, revision))
        while len(self._entries) > self._capacity:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


YEARS = RevisionCache[YearParts]()
