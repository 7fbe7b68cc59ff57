"""Scoring rules on the sample criteria table (100 points, bonus cap 10, four penalties)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.criteria import CriteriaTable
from domain.errors import (
    CountBelowZero,
    CountNotANumber,
    DomainError,
    PenaltyNotYesNo,
    ScoreBelowZero,
    ScoreSpacedDigits,
)
from domain.scoring import (
    ScoreNotANumber,
    ScoreOutOfRange,
    ScoreTooManyDecimals,
    bonus_over_cap,
    cross_scores,
    example_score,
    parse_count,
    parse_points,
    parse_yes_no,
    round1,
    totals,
)
from tests.unit.fakes import sample_spec

D = Decimal


@pytest.fixture
def table() -> CriteriaTable:
    criteria = sample_spec().criteria
    assert criteria is not None
    return criteria


def full_marks(table: CriteriaTable) -> dict[str, Decimal]:
    return {item.code: item.max_points for section in table.sections for item in section.items}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("8,5", "8.5"), ("8.5", "8.5"), (" 9 ", "9"), ("0", "0"), ("10", "10"), ("9,0", "9")],
)
def test_scores_are_read_as_officers_type_them(text: str, expected: str) -> None:
    assert parse_points(text, D(10)) == D(expected)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("10,5", ScoreOutOfRange),
        ("-1", ScoreBelowZero),
        ("- 5", ScoreBelowZero),
        ("2 4 0", ScoreSpacedDigits),
        ("9, 5", ScoreSpacedDigits),
        ("8,55", ScoreTooManyDecimals),
        ("8.25", ScoreTooManyDecimals),
        ("tám", ScoreNotANumber),
        ("", ScoreNotANumber),
        ("8,5,1", ScoreNotANumber),
        ("1e1", ScoreNotANumber),
        ("NaN", ScoreNotANumber),
    ],
)
def test_bad_scores_are_refused_with_the_maximum(text: str, error: type[DomainError]) -> None:
    with pytest.raises(error) as refused:
        parse_points(text, D(10))
    assert refused.value.values["max"] == D(10)


def test_occurrences_are_whole_numbers() -> None:
    assert parse_count("3") == 3 and parse_count("2 lần") == 2 and parse_count("-0") == 0
    for bad in ("1,5", "x", "100", "1 0"):
        with pytest.raises(CountNotANumber):
            parse_count(bad)
    with pytest.raises(CountBelowZero):
        parse_count("-1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("có", 1), ("Có", 1), ("co", 1), ("1", 1), ("không", 0), ("Không.", 0), ("khong", 0),
     ("ko", 0), ("0", 0), ("yes", 1), ("no", 0)],
)  # fmt: skip
def test_a_one_off_penalty_is_yes_or_no(text: str, expected: int) -> None:
    assert parse_yes_no(text, D(50)) == expected


@pytest.mark.parametrize("text", ["2", "-1", "hai", "", "có lẽ"])
def test_a_one_off_penalty_is_never_a_count(text: str) -> None:
    with pytest.raises(PenaltyNotYesNo) as refused:
        parse_yes_no(text, D(50))
    assert refused.value.values == {"text": text, "points": D(50)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("240đ", "240"), ("240 điểm", "240"), ("240 Điểm", "240"), ("9,5 đ", "9.5"),
     ("180d", "180"), ("  216  ", "216")],
)  # fmt: skip
def test_a_unit_written_after_the_score_is_tolerated(text: str, expected: str) -> None:
    assert parse_points(text, D(240)) == D(expected)


def test_minus_five_is_below_zero_and_spaced_digits_are_not_joined() -> None:
    with pytest.raises(ScoreBelowZero) as below:
        parse_points("-5", D(240))
    assert below.value.values == {"text": "-5", "max": D(240)}
    with pytest.raises(ScoreSpacedDigits) as spaced:
        parse_points("2 4 0", D(240))
    assert spaced.value.values == {"text": "2 4 0", "joined": "240", "max": D(240)}


@pytest.mark.parametrize(
    ("maximum", "example"),
    [(D(240), D(216)), (D(200), D(180)), (D(20), D(18)), (D(10), D("9.5")), (D(3), D("2.5")),
     (D("0.5"), D(0))],
)  # fmt: skip
def test_an_example_score_lies_in_the_criterions_own_range(maximum: D, example: D) -> None:
    assert example_score(maximum) == example
    assert parse_points(str(example_score(maximum)), maximum) == example


def test_full_marks_make_the_scale(table: CriteriaTable) -> None:
    result = totals(table, full_marks(table))
    assert (result.items, result.final, result.complete) == (D(100), D(100), True)
    assert result.sections == {"I": D(40), "II": D(20), "III": D(15), "IV": D(15), "V": D(10)}


def test_bonus_is_capped_and_penalties_count_per_occurrence(table: CriteriaTable) -> None:
    items = full_marks(table) | {"1": D("14.5"), "9": D(5)}  # 98.5
    bonus = {"19": D(3), "20": D(4), "21": D(3)}  # 10, exactly the cap
    penalties = {"23": 2, "24": 1, "22": 0}  # late report twice (−1 each), absent once (−2)
    result = totals(table, items, bonus, penalties)
    assert (result.items, result.bonus, result.penalties) == (D("98.5"), D(10), D(4))
    assert result.final == D("104.5")
    assert not bonus_over_cap(table, bonus)
    assert bonus_over_cap(table, bonus | {"21": D("3.5")})
    assert totals(table, items, bonus | {"21": D("3.5")}).bonus == D(10)  # capped anyway


def test_a_one_off_penalty_counts_once(table: CriteriaTable) -> None:
    result = totals(table, full_marks(table), penalties={"22": 3, "25": 1})
    assert result.penalties == D(13) and result.final == D(87)  # 8 once, plus 5


def test_a_draft_counts_what_is_scored(table: CriteriaTable) -> None:
    result = totals(table, {"1": D("14.5"), "2": D("9.5")})
    assert (result.items, result.scored_items, result.item_count) == (D(24), 2, 18)
    assert not result.complete
    assert result.sections["I"] == D(24) and result.sections["II"] == D(0)


def test_cross_scores_are_the_mean_of_the_others() -> None:
    scores = {
        1: {2: {"1": D(14), "2": D(9)}, 1: {"1": D(15)}},  # unit 1 scoring itself is ignored
        3: {2: {"1": D(13), "2": D(10)}},
        4: {2: {"1": D(13)}},
        2: {2: {"1": D(15), "2": D(10)}},  # unit 2's own view of itself never counts
    }
    assert cross_scores(scores, 2) == {"1": D("13.3"), "2": D("9.5")}
    assert cross_scores(scores, 1) == {}


def test_rounding_is_half_up_to_one_decimal() -> None:
    assert round1(D("8.25")) == D("8.3") and round1(D("8.24")) == D("8.2")
    assert round1(D(40) / D(3)) == D("13.3")


@pytest.mark.parametrize("text", ["1" * 40, "²", "٣", "1.٣", "9.5.", "--1"])
def test_odd_input_is_not_a_number_and_never_crashes(text: str) -> None:
    with pytest.raises(ScoreNotANumber):
        parse_points(text, D(10))


def test_minus_zero_is_zero() -> None:
    assert str(parse_points("-0", D(10))) == "0"
    assert str(parse_points("8,50", D(10))) == "8.50" and parse_points("8,50", D(10)) == D("8.5")


def test_a_table_without_a_cap_counts_every_bonus_point(table: CriteriaTable) -> None:
    uncapped = CriteriaTable(table.scale, table.sections, None, table.bonus, table.penalties)
    bonus = {"19": D(3), "20": D(4), "21": D(3)}
    assert totals(uncapped, {}, bonus | {"21": D(9)}).bonus == D(16)
    assert not bonus_over_cap(uncapped, bonus)
    no_bonus = CriteriaTable(table.scale, table.sections, D(0), table.bonus, table.penalties)
    assert totals(no_bonus, {}, bonus).bonus == D(0)
