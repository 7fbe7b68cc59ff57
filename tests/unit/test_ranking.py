"""Ranking: by final score, ties broken by section I, otherwise left for the vote."""

from __future__ import annotations

from decimal import Decimal

from domain.ranking import Standing, rank

D = Decimal
MEMBERS = [10, 20, 30, 40, 50, 60]


def test_highest_final_ranks_first_and_non_submitters_are_apart() -> None:
    ranking = rank([Standing(10, D("91.5"), D(38)), Standing(20, D("99.5"), D(40))], MEMBERS)
    assert [(r.unit_id, r.rank, r.tied) for r in ranking.ranked] == [(20, 1, False), (10, 2, False)]
    assert ranking.unranked == (30, 40, 50, 60)


def test_section_one_breaks_a_tie() -> None:
    ranking = rank([Standing(10, D(95), D(36)), Standing(20, D(95), D(39))], MEMBERS)
    assert [(r.unit_id, r.rank) for r in ranking.ranked] == [(20, 1), (10, 2)]


def test_a_full_tie_shares_the_rank_and_the_next_rank_skips() -> None:
    ranking = rank(
        [
            Standing(10, D(95), D(38)),
            Standing(20, D(97), D(40)),
            Standing(30, D(95), D(38)),
            Standing(40, D(90), D(35)),
        ],
        MEMBERS,
    )
    assert [(r.unit_id, r.rank, r.tied) for r in ranking.ranked] == [
        (20, 1, False),
        (10, 2, True),
        (30, 2, True),
        (40, 4, False),
    ]
    assert [r.unit_id for r in ranking.at_rank(2)] == [10, 30]


def test_a_tie_at_the_top_is_shared() -> None:
    ranking = rank([Standing(30, D(99), D(40)), Standing(10, D(99), D(40))], MEMBERS)
    assert [(r.unit_id, r.rank) for r in ranking.at_rank(1)] == [(10, 1), (30, 1)]


def test_nobody_scored() -> None:
    ranking = rank([], MEMBERS)
    assert ranking.ranked == () and ranking.unranked == tuple(MEMBERS)
