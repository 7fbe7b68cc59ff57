"""Ranking by final score. A tie is broken by section I's score; if that is equal too, the
units share the rank and the vote settles it. Units that submitted nothing are not ranked."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Standing:
    unit_id: int
    final: Decimal
    first_section: Decimal


@dataclass(frozen=True)
class Ranked:
    unit_id: int
    rank: int
    final: Decimal
    first_section: Decimal
    tied: bool  # shares its rank with another unit after the tie-break


@dataclass(frozen=True)
class Ranking:
    ranked: tuple[Ranked, ...]
    unranked: tuple[int, ...]  # members that submitted nothing

    def at_rank(self, rank: int) -> list[Ranked]:
        return [entry for entry in self.ranked if entry.rank == rank]


def rank(standings: list[Standing], members: list[int]) -> Ranking:
    """Competition ranking ("1, 2, 2, 4") on (final, section I), both descending; `members`
    gives the order of the unranked and of equal units."""
    order = {unit_id: index for index, unit_id in enumerate(members)}
    ordered = sorted(standings, key=lambda s: (-s.final, -s.first_section, order.get(s.unit_id, 0)))
    counts = Counter((s.final, s.first_section) for s in ordered)
    ranked: list[Ranked] = []
    for position, standing in enumerate(ordered, start=1):
        key = (standing.final, standing.first_section)
        previous = ranked[-1] if ranked else None
        same_as_previous = previous is not None and (previous.final, previous.first_section) == key
        place = previous.rank if previous is not None and same_as_previous else position
        ranked.append(Ranked(standing.unit_id, place, *key, tied=counts[key] > 1))
    scored = {s.unit_id for s in standings}
    return Ranking(tuple(ranked), tuple(u for u in members if u not in scored))
