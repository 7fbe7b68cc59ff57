"""Validating an imported bloc: the sample parses to the right structure, and every problem is
reported with its code, its values and its place, all of them at once."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from domain.bloc_spec import BlocSpec, parse_bloc_spec
from domain.criteria import Penalty
from domain.errors import InvalidBlocSpec, Problem
from domain.settings import (
    BlocCalendar,
    BlocRules,
    LeaderSelection,
    MonthDay,
    ScoringMode,
    ThresholdBase,
    Window,
)
from imports.yaml_source import read_yaml
from tests.samples import sample_yaml

Raw = dict[str, Any]


# ---------------------------------------------------------------------------------------------
# The shared sample


@pytest.fixture(scope="module")
def sample() -> BlocSpec:
    data, where = read_yaml(sample_yaml())
    return parse_bloc_spec(data, where)


def test_sample_bloc_and_units(sample: BlocSpec) -> None:
    assert (sample.code, sample.name, sample.province, sample.year) == (
        "khoi7-travinh",
        "Khối thi đua Khối 7",
        "Trà Vinh",
        2022,
    )
    assert [unit.code for unit in sample.units] == ["SNN", "STN", "SGT", "SCT", "PTTH"]
    assert sample.units[0].name == "Sở Nông nghiệp và Phát triển nông thôn"
    assert sample.units[0].short_name == "Sở NN&PTNT"
    assert sample.units[4].short_name == "Đài PT-TH"
    assert (sample.leader, sample.deputy) == ("SNN", "PTTH")
    assert sample.rotation == ("SNN", "PTTH", "STN", "SGT", "SCT")


def test_sample_criteria(sample: BlocSpec) -> None:
    table = sample.criteria
    assert table is not None
    assert table.scale == Decimal(100)
    assert table.items_total == Decimal(100)
    assert table.item_count == 18
    assert [section.code for section in table.sections] == ["I", "II", "III", "IV", "V"]
    assert [section.max_points for section in table.sections] == [
        Decimal(n) for n in (40, 20, 15, 15, 10)
    ]
    assert [len(section.items) for section in table.sections] == [4, 4, 3, 4, 3]
    # A title with a comma, split by YAML into an extra key, is put back together.
    assert table.sections[1].items[0].title == (
        "Phát động thi đua, ký kết giao ước và đăng ký thi đua đúng hạn"
    )
    assert table.bonus_cap == Decimal(10)
    assert [(item.code, item.max_points) for item in table.bonus] == [
        ("19", Decimal(3)),
        ("20", Decimal(4)),
        ("21", Decimal(3)),
    ]
    assert [(p.code, p.points, p.per_occurrence) for p in table.penalties] == [
        ("22", Decimal(8), False),
        ("23", Decimal(1), True),
        ("24", Decimal(2), True),
        ("25", Decimal(5), False),
    ]
    assert isinstance(table.penalties[0], Penalty)
    assert len(table.all_codes()) == len(set(table.all_codes())) == 25


def test_sample_rules_and_calendar(sample: BlocSpec) -> None:
    assert sample.rules == BlocRules(
        ballot_secret=True,
        threshold=Decimal("0.7"),
        threshold_base=ThresholdBase.ALL_MEMBERS,
        flag_quota=1,
        merit_quota_ratio=Decimal("0.5"),
        scoring_mode=ScoringMode.VERIFY,
        leader_selection=LeaderSelection.ROTATION,
    )
    calendar = sample.calendar
    assert calendar.pledge_window == Window(MonthDay(1, 5), MonthDay(3, 31))
    assert calendar.midyear_window == Window(MonthDay(6, 1), MonthDay(6, 30))
    assert calendar.annual_window == Window(MonthDay(11, 15), MonthDay(12, 15))
    assert calendar.conference_reminders == (
        timedelta(days=7),
        timedelta(days=1),
        timedelta(hours=2),
    )
    assert calendar.deadline_reminders == (timedelta(days=3), timedelta(days=1))


# ---------------------------------------------------------------------------------------------
# A minimal valid bloc, and a where map like the one the readers build


def minimal() -> Raw:
    return {
        "bloc": {
            "code": "khoi-x",
            "name": "Khối X",
            "province": "Vĩnh Long",
            "year": 2025,
            "leader": "A",
            "deputy": "B",
            "rotation": ["A", "B", "C"],
        },
        "units": [
            {"code": "A", "name": "Sở A", "short_name": "A"},
            {"code": "B", "name": "Sở B"},
            {"code": "C", "name": "Sở C"},
        ],
        "rules": {},
        "calendar": {"pledge_window": {"opens": "01-05", "closes": "03-31"}},
        "criteria": {
            "scale": 10,
            "bonus_cap": 2,
            "sections": [
                {
                    "code": "I",
                    "title": "Một",
                    "items": [
                        {"code": "1", "title": "Việc một", "max": 6},
                        {"code": "2", "title": "Việc hai", "max": "4"},
                    ],
                }
            ],
            "bonus": [{"code": "3", "title": "Sáng kiến", "max": 2}],
            "penalties": [{"code": "4", "title": "Trễ hạn", "points": 1, "per_occurrence": True}],
        },
    }


def located(node: object, path: str = "") -> dict[str, str]:
    """Every path present in the data → "@path", as read_yaml maps paths to line numbers."""
    where = {path: f"@{path}"} if path else {}
    if isinstance(node, dict):
        for key, value in node.items():
            where |= located(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            where |= located(item, f"{path}[{index}]")
    return where


def problems_of(raw: Raw) -> list[Problem]:
    with pytest.raises(InvalidBlocSpec) as caught:
        parse_bloc_spec(raw, located(raw))
    assert caught.value.values == {"count": len(caught.value.problems)}
    return caught.value.problems


def changed(edit: Callable[[Raw], object]) -> Raw:
    raw = minimal()
    edit(raw)
    return raw


def test_minimal_bloc_is_valid() -> None:
    spec = parse_bloc_spec(minimal(), located(minimal()))
    assert [unit.short_name for unit in spec.units] == ["A", "Sở B", "Sở C"]
    assert spec.criteria is not None and spec.criteria.items_total == Decimal(10)
    assert spec.rules == BlocRules()


def test_optional_parts_take_their_defaults() -> None:
    raw = minimal()
    for key in ("rules", "calendar", "criteria"):
        del raw[key]
    del raw["bloc"]["deputy"], raw["bloc"]["rotation"]
    spec = parse_bloc_spec(raw)
    assert spec.deputy is None
    assert spec.rotation == ("A", "B", "C")  # roster order when no rotation is given
    assert spec.rules == BlocRules()
    assert spec.calendar == BlocCalendar()
    assert spec.criteria is None


def test_non_default_settings_are_read() -> None:
    raw = minimal()
    raw["rules"] = {
        "ballot_secret": False,
        "threshold": "0,8",
        "threshold_base": "present_members",
        "flag_quota": 2,
        "merit_quota_ratio": 0.2,
        "scoring_mode": "cross",
        "leader_selection": "election",
    }
    raw["calendar"] = {
        "midyear_window": {"opens": "07-01", "closes": "7-15"},
        "conference_reminders": ["2h", "7d", " 1D "],
        "deadline_reminders": ["30m"],
    }
    spec = parse_bloc_spec(raw)
    assert spec.rules == BlocRules(
        ballot_secret=False,
        threshold=Decimal("0.8"),
        threshold_base=ThresholdBase.PRESENT_MEMBERS,
        flag_quota=2,
        merit_quota_ratio=Decimal("0.2"),
        scoring_mode=ScoringMode.CROSS,
        leader_selection=LeaderSelection.ELECTION,
    )
    assert spec.calendar.midyear_window == Window(MonthDay(7, 1), MonthDay(7, 15))
    assert spec.calendar.pledge_window == BlocCalendar().pledge_window
    # Offsets are sorted, farthest first.
    assert spec.calendar.conference_reminders == (
        timedelta(days=7),
        timedelta(days=1),
        timedelta(hours=2),
    )
    assert spec.calendar.deadline_reminders == (timedelta(minutes=30),)


def test_points_accept_a_decimal_comma() -> None:
    raw = minimal()
    raw["criteria"]["bonus"][0]["max"] = "1,5"
    spec = parse_bloc_spec(raw)
    assert spec.criteria is not None
    assert spec.criteria.bonus[0].max_points == Decimal("1.5")


# ---------------------------------------------------------------------------------------------
# Each problem from a minimal bad input, with its place


def _set(path: tuple[object, ...], value: object) -> Callable[[Raw], None]:
    def edit(raw: Raw) -> None:
        node: Any = raw
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


def _delete(*path: object) -> Callable[[Raw], None]:
    def edit(raw: Raw) -> None:
        node: Any = raw
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return edit


def _append(path: tuple[object, ...], value: object) -> Callable[[Raw], None]:
    def edit(raw: Raw) -> None:
        node: Any = raw
        for key in path:
            node = node[key]
        node.append(value)

    return edit


SECTION_0 = ("criteria", "sections", 0)
SINGLE_PROBLEMS: list[tuple[str, Callable[[Raw], None], str, str, dict[str, object]]] = [
    # (id, edit, problem code, path, values)
    ("bloc-name", _delete("bloc", "name"), "missing-field", "bloc.name", {"field": "name"}),
    ("blank-province", _set(("bloc", "province"), "  "), "missing-field", "bloc.province", {}),
    ("unit-name", _delete("units", 1, "name"), "missing-field", "units[1].name", {"field": "name"}),
    ("item-title", _delete(*SECTION_0, "items", 0, "title"), "missing-field",
     "criteria.sections[0].items[0].title", {"field": "title"}),
    ("bloc-code", _set(("bloc", "code"), "Khối X"), "bad-bloc-code", "bloc.code", {}),
    ("year", _set(("bloc", "year"), 1999), "bad-year", "bloc.year", {"value": 1999}),
    ("year-bool", _set(("bloc", "year"), True), "bad-year", "bloc.year", {}),
    ("unit-code", _append(("units",), {"code": "S.D", "name": "Sở D"}), "bad-unit-code",
     "units[3].code", {"value": "S.D"}),
    ("duplicate-unit", _append(("units",), {"code": "B", "name": "Sở B bis"}),
     "duplicate-unit", "units[3].code", {"unit": "B"}),
    ("leader-unknown", _set(("bloc", "leader"), "Z"), "unknown-unit", "bloc.leader",
     {"role": "leader", "unit": "Z"}),
    ("deputy-unknown", _set(("bloc", "deputy"), "Z"), "unknown-unit", "bloc.deputy",
     {"role": "deputy", "unit": "Z"}),
    ("deputy-is-leader", _set(("bloc", "deputy"), "A"), "deputy-is-leader", "bloc.deputy",
     {"unit": "A"}),
    ("rotation-unknown", _set(("bloc", "rotation"), ["A", "Z", "B"]), "unknown-unit",
     "bloc.rotation[1]", {"role": "rotation", "unit": "Z"}),
    ("rotation-duplicate", _set(("bloc", "rotation"), ["A", "B", "A"]),
     "duplicate-in-rotation", "bloc.rotation", {}),
    ("threshold", _set(("rules", "threshold"), 0.6), "bad-threshold", "rules.threshold",
     {"value": 0.6}),
    ("threshold-nan-text", _set(("rules", "threshold"), "bảy mươi"), "not-a-number",
     "rules.threshold", {}),
    ("ratio-zero", _set(("rules", "merit_quota_ratio"), 0), "bad-ratio",
     "rules.merit_quota_ratio", {"value": 0}),
    ("ratio-above-one", _set(("rules", "merit_quota_ratio"), 1.5), "bad-ratio",
     "rules.merit_quota_ratio", {}),
    ("quota-zero", _set(("rules", "flag_quota"), 0), "bad-quota", "rules.flag_quota",
     {"value": 0}),
    ("quota-text", _set(("rules", "flag_quota"), "1"), "bad-quota", "rules.flag_quota", {}),
    ("quota-bool", _set(("rules", "flag_quota"), True), "bad-quota", "rules.flag_quota", {}),
    ("quota-fraction", _set(("rules", "flag_quota"), 1.5), "bad-quota", "rules.flag_quota", {}),
    ("boolean-text", _set(("rules", "ballot_secret"), "có"), "bad-boolean",
     "rules.ballot_secret", {"value": "có"}),
    ("boolean-int", _set(("rules", "ballot_secret"), 1), "bad-boolean", "rules.ballot_secret",
     {}),
    ("threshold-base", _set(("rules", "threshold_base"), "half"), "bad-choice",
     "rules.threshold_base", {"value": "half", "choices": "all_members, present_members"}),
    ("scoring-mode", _set(("rules", "scoring_mode"), "both"), "bad-choice",
     "rules.scoring_mode", {"choices": "verify, cross"}),
    ("leader-selection", _set(("rules", "leader_selection"), "vote"), "bad-choice",
     "rules.leader_selection", {"choices": "rotation, election"}),
    ("month-13", _set(("calendar", "pledge_window", "opens"), "13-01"), "bad-month-day",
     "calendar.pledge_window.opens", {"value": "13-01"}),
    ("february-30", _set(("calendar", "pledge_window", "closes"), "02-30"), "bad-month-day",
     "calendar.pledge_window.closes", {"value": "02-30"}),
    ("month-day-no-dash", _set(("calendar", "annual_window"), {"opens": "1115"}),
     "bad-month-day", "calendar.annual_window.opens", {}),
    ("offset", _set(("calendar", "conference_reminders"), ["7d", "7x"]), "bad-offset",
     "calendar.conference_reminders[1]", {"value": "7x"}),
    ("offsets-not-list", _set(("calendar", "deadline_reminders"), "3d"), "expected-list",
     "calendar.deadline_reminders", {}),
    ("duplicate-item", _set((*SECTION_0, "items", 1, "code"), "1"), "duplicate-criterion",
     "criteria.sections[0].items[1].code", {"code": "1"}),
    ("duplicate-across", _set(("criteria", "penalties", 0, "code"), "3"),
     "duplicate-criterion", "criteria.penalties[0].code", {"code": "3"}),
    ("empty-section", _append(("criteria", "sections"), {"code": "II", "title": "Hai",
                                                         "items": []}),
     "empty-section", "criteria.sections[1].items", {}),
    ("total", _set(("criteria", "scale"), 12), "criteria-total", "criteria.scale",
     {"total": Decimal(10), "scale": Decimal(12)}),
    ("decimals", _set(("criteria", "bonus", 0, "max"), 8.55), "too-many-decimals",
     "criteria.bonus[0].max", {"value": 8.55}),
    ("decimals-comma", _set(("criteria", "bonus", 0, "max"), "1,25"), "too-many-decimals",
     "criteria.bonus[0].max", {}),
    ("zero", _set(("criteria", "penalties", 0, "points"), 0), "not-positive",
     "criteria.penalties[0].points", {"value": 0}),
    ("negative", _set(("criteria", "bonus_cap"), -1), "not-positive", "criteria.bonus_cap", {}),
    ("text", _set(("criteria", "bonus", 0, "max"), "ba"), "not-a-number",
     "criteria.bonus[0].max", {"value": "ba"}),
    ("bool", _set(("criteria", "bonus", 0, "max"), True), "not-a-number",
     "criteria.bonus[0].max", {}),
    ("infinite", _set(("criteria", "bonus", 0, "max"), "Infinity"), "not-a-number",
     "criteria.bonus[0].max", {}),
    ("missing-max", _delete("criteria", "bonus", 0, "max"), "not-a-number",
     "criteria.bonus[0].max", {"value": None}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("edit", "code", "path", "values"),
    [pytest.param(*case[1:], id=case[0]) for case in SINGLE_PROBLEMS],
)
def test_each_problem_is_reported_with_its_place(
    edit: Callable[[Raw], None], code: str, path: str, values: dict[str, object]
) -> None:
    raw = changed(edit)
    where = located(raw)
    [problem] = problems_of(raw)
    assert problem.code == code
    # The place from the where map when the value is there; the path itself when it is not.
    assert problem.where == where.get(path, path)
    for name, value in values.items():
        assert problem.value(name) == value, name


def test_where_falls_back_to_the_path_and_uses_the_map_when_present() -> None:
    missing = changed(_delete("bloc", "leader"))
    [problem] = problems_of(missing)
    assert (problem.code, problem.where) == ("missing-field", "bloc.leader")

    unknown = changed(_set(("bloc", "leader"), "Z"))
    [problem] = problems_of(unknown)
    assert problem.where == "@bloc.leader"

    with pytest.raises(InvalidBlocSpec) as caught:
        parse_bloc_spec(unknown)  # no map at all
    assert caught.value.problems[0].where == "bloc.leader"


def test_where_is_the_yaml_line(tmp_path: Path) -> None:
    text = sample_yaml().read_text(encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("  threshold:"))
    path = tmp_path / "bloc.yaml"
    path.write_text(text.replace("threshold: 0.70", "threshold: 0.60"), encoding="utf-8")
    data, where = read_yaml(path)
    with pytest.raises(InvalidBlocSpec) as caught:
        parse_bloc_spec(data, where)
    [problem] = caught.value.problems
    assert (problem.code, problem.where) == ("bad-threshold", f"dòng {line}")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.5, Decimal("0.5")),
        (0.667, Decimal(2) / Decimal(3)),
        (0.6667, Decimal(2) / Decimal(3)),  # 2/3 written with four decimals
        (0.7, Decimal("0.7")),
        ("0,7", Decimal("0.7")),
        (0.70, Decimal("0.7")),
        (0.8, Decimal("0.8")),
        (0.9, Decimal("0.9")),
    ],
)
def test_allowed_thresholds(value: object, expected: Decimal) -> None:
    raw = changed(_set(("rules", "threshold"), value))
    assert parse_bloc_spec(raw).rules.threshold == expected


@pytest.mark.parametrize("value", [0.6, 0.66, 0.65, 0.75, 1, 0, 70, "70%"])
def test_other_thresholds_are_refused(value: object) -> None:
    [problem] = problems_of(changed(_set(("rules", "threshold"), value)))
    expected = "not-a-number" if value == "70%" else "bad-threshold"
    assert (problem.code, problem.where) == (expected, "@rules.threshold")


@pytest.mark.parametrize("value", [1, "1", 0.2, "0,5"])
def test_ratios_within_zero_and_one_are_accepted(value: object) -> None:
    raw = changed(_set(("rules", "merit_quota_ratio"), value))
    assert parse_bloc_spec(raw).rules.merit_quota_ratio == Decimal(str(value).replace(",", "."))


def test_february_29_is_accepted() -> None:
    raw = changed(_set(("calendar", "pledge_window", "closes"), "02-29"))
    assert parse_bloc_spec(raw).calendar.pledge_window.closes == MonthDay(2, 29)


def test_several_problems_are_reported_together_in_order() -> None:
    raw = minimal()
    raw["bloc"]["leader"] = "Z"
    raw["units"].append({"code": "A", "name": "Sở A bis"})
    raw["rules"]["threshold"] = 0.6
    raw["calendar"]["pledge_window"]["opens"] = "13-01"
    raw["criteria"]["bonus"][0]["max"] = 8.55
    with pytest.raises(InvalidBlocSpec) as caught:
        parse_bloc_spec(raw, located(raw))
    error = caught.value
    assert error.code == "invalid-bloc-spec"
    assert [(p.code, p.where) for p in error.problems] == [
        ("duplicate-unit", "@units[3].code"),
        ("unknown-unit", "@bloc.leader"),
        ("bad-threshold", "@rules.threshold"),
        ("bad-month-day", "@calendar.pledge_window.opens"),
        ("too-many-decimals", "@criteria.bonus[0].max"),
    ]
    assert error.values == {"count": 5}


@pytest.mark.parametrize("units", [[], None, {"code": "A"}])
def test_a_bloc_without_units(units: object) -> None:
    raw = changed(_set(("units",), units))
    codes = [(p.code, p.where) for p in problems_of(raw)]
    assert ("no-units", "@units") in codes
    # ...and its leader, deputy and rotation then name units that are not there.
    assert [c for c, _ in codes].count("unknown-unit") == 5


def test_not_a_mapping_at_all() -> None:
    with pytest.raises(InvalidBlocSpec) as caught:
        parse_bloc_spec(["bloc"])
    assert caught.value.problems[0] == Problem("", "expected-mapping")


def test_the_input_is_not_modified() -> None:
    raw = minimal()
    before = copy.deepcopy(raw)
    parse_bloc_spec(raw)
    assert raw == before


# ---------------------------------------------------------------------------------------------
# Bugs found (domain/bloc_spec.py), kept as strict expected failures until fixed


@pytest.mark.parametrize("key", ["threshold", "merit_quota_ratio"])
def test_nan_setting_is_a_problem_not_a_crash(key: str) -> None:
    [problem] = problems_of(changed(_set(("rules", key), float("nan"))))
    assert (problem.code, problem.where) == ("not-a-number", f"@rules.{key}")


def test_huge_points_are_a_problem_not_a_crash() -> None:
    problems = problems_of(changed(_set(("criteria", "bonus", 0, "max"), "1e30")))
    assert problems


def test_penalty_that_is_not_a_mapping_is_reported_once_with_its_place() -> None:
    raw = changed(_set(("criteria", "penalties", 0), "Trễ hạn: 1"))
    problems = problems_of(raw)
    assert [(p.code, p.where) for p in problems] == [("expected-mapping", "@criteria.penalties[0]")]


def test_non_boolean_per_occurrence_is_reported() -> None:
    [problem] = problems_of(changed(_set(("criteria", "penalties", 0, "per_occurrence"), "cos")))
    assert (problem.code, problem.where) == ("bad-boolean", "@criteria.penalties[0].per_occurrence")


def test_two_units_without_a_code_are_not_duplicates() -> None:
    raw = changed(_delete("units", 2, "code"))
    raw["units"].append({"name": "Sở D"})
    raw["bloc"]["rotation"] = ["A", "B"]
    problems = problems_of(raw)
    assert [p.code for p in problems] == ["missing-field", "missing-field"]


@pytest.mark.parametrize("typed", [0.667, "0,667", 0.6667])
def test_two_thirds_is_kept_exact(typed: object) -> None:
    raw = changed(_set(("rules", "threshold"), typed))
    assert parse_bloc_spec(raw, located(raw)).rules.threshold == Decimal(2) / Decimal(3)


def test_overlong_codes_and_names_are_reported() -> None:
    raw = changed(_set(("criteria", "sections", 0, "code"), "I" * 17))
    [problem] = problems_of(raw)
    assert (problem.code, problem.value("max")) == ("too-long", 16)
    raw = changed(_set(("bloc", "name"), "K" * 256))
    assert [p.code for p in problems_of(raw)] == ["too-long"]
