"""Validation of an imported bloc: the raw YAML/xlsx structure becomes a BlocSpec or a list of
every problem with its place, so a provincial officer can fix the file in one go."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from domain.criteria import CriteriaTable, Criterion, Penalty, PenaltyFact, Section
from domain.errors import InvalidBlocSpec, Problem
from domain.model import BlocWord, ProvinceKind
from domain.settings import (
    ALLOWED_THRESHOLDS,
    BlocCalendar,
    BlocRules,
    LeaderSelection,
    MonthDay,
    ScoringMode,
    ThresholdBase,
    Window,
    parse_offset,
)
from domain.text import first_unsafe

CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
UNIT_CODE_PATTERN = re.compile(r"^[A-Za-z0-9_]{1,20}$")

E = TypeVar("E", ThresholdBase, ScoringMode, LeaderSelection)
MAX_HOURS = 30 * 24  # a month to answer a verification change is plenty
W = TypeVar("W", ProvinceKind, BlocWord)
MAX_POINTS = Decimal(10000)  # the largest scale in use is 1,000 points
# The database columns' widths; titles of criteria are free text.
TEXT_LIMITS = {
    "code": 16, "name": 255, "short_name": 128, "province": 128, "title": 2000,
    "superior": 255, "head_name": 128, "head_position": 255,
}  # fmt: skip
# Typed without diacritics too: "thanh pho", "cum".
PROVINCE_KINDS = {"tinh": ProvinceKind.PROVINCE, "thanh pho": ProvinceKind.CITY}
BLOC_WORDS = {"khoi": BlocWord.KHOI, "cum": BlocWord.CUM}


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    short_name: str
    head_name: str = ""
    head_position: str = ""


@dataclass(frozen=True)
class BlocSpec:
    code: str
    name: str
    province: str
    year: int
    units: tuple[UnitSpec, ...]
    leader: str
    deputy: str | None
    rotation: tuple[str, ...]
    rules: BlocRules
    calendar: BlocCalendar
    criteria: CriteriaTable | None
    province_kind: ProvinceKind | None = None  # None: from the list of central cities
    kind_word: BlocWord | None = None  # None: from the bloc's name
    superior: str = ""  # "": the province's UBND


class _Reader:
    """Reads values by path and collects problems instead of stopping at the first one."""

    def __init__(self, where: dict[str, str]) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def problem(self, path: str, problem_code: str, **values: object) -> None:
        where = self.where.get(path, path)
        self.problems.append(Problem(where, problem_code, tuple(values.items())))

    def mapping(self, value: object, path: str, required: bool = True) -> dict[str, object]:
        if isinstance(value, dict):
            return value
        if value is not None or required:
            self.problem(path, "expected-mapping")
        return {}

    def items(self, value: object, path: str, required: bool = True) -> list[object]:
        if isinstance(value, list):
            return value
        if value is not None or required:
            self.problem(path, "expected-list")
        return []

    def text(
        self,
        data: dict[str, object],
        key: str,
        path: str,
        required: bool = True,
        limit: int | None = None,
    ) -> str:
        value = data.get(key)
        full = f"{path}.{key}" if path else key
        if value is None or str(value).strip() == "":
            if required:
                self.problem(full, "missing-field", field=key)
            return ""
        text = str(value).strip()
        limit = limit or TEXT_LIMITS.get(key, 255)
        if len(text) > limit:
            self.problem(full, "too-long", field=key, max=limit)
        if (unsafe := first_unsafe(text)) is not None:
            # "\0" in a quoted YAML string, "_x0000_" in a cell: no database keeps it.
            self.problem(full, "unsafe-characters", field=key, char=unsafe)
        return text

    def points(
        self, data: dict[str, object], key: str, path: str, allow_zero: bool = False
    ) -> Decimal:
        full = f"{path}.{key}"
        raw = data.get(key)
        value = _decimal(raw)
        if raw is None or isinstance(raw, bool) or value is None:
            self.problem(full, "not-a-number", value=raw)
            return Decimal(0)
        if value < 0 or (value == 0 and not allow_zero):
            self.problem(full, "not-positive", value=raw)
        elif value > MAX_POINTS:
            self.problem(full, "too-large", value=raw, max=MAX_POINTS)
        elif value != value.quantize(Decimal("0.1")):  # safe: bounded just above
            self.problem(full, "too-many-decimals", value=raw)
        return value

    def flag(self, data: dict[str, object], key: str, path: str, default: bool) -> bool:
        value = data.get(key, default)
        if isinstance(value, bool):
            return value
        self.problem(f"{path}.{key}" if path else key, "bad-boolean", value=value)
        return default


def _decimal(raw: object) -> Decimal | None:
    """A finite number from 8.5, "8,5" or "8.5"; None for anything else."""
    try:
        value = Decimal(str(raw).replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_bloc_spec(raw: object, where: dict[str, str] | None = None) -> BlocSpec:
    """Validate the whole structure; raises InvalidBlocSpec listing every problem found."""
    reader = _Reader(where or {})
    root = reader.mapping(raw, "")
    bloc = reader.mapping(root.get("bloc"), "bloc")
    code = reader.text(bloc, "code", "bloc", limit=64)
    if code and not CODE_PATTERN.match(code):
        reader.problem("bloc.code", "bad-bloc-code", value=code)
    year = _year(reader, bloc.get("year"))
    units = _units(reader, reader.items(root.get("units"), "units"))
    unit_codes = {unit.code for unit in units}
    leader = reader.text(bloc, "leader", "bloc")
    deputy = reader.text(bloc, "deputy", "bloc", required=False) or None
    for key, value in (("leader", leader), ("deputy", deputy)):
        if value and value not in unit_codes:
            reader.problem(f"bloc.{key}", "unknown-unit", role=key, unit=value)
    if leader and leader == deputy:
        reader.problem("bloc.deputy", "deputy-is-leader", unit=leader)
    rotation = _rotation(reader, bloc.get("rotation"), unit_codes)
    spec = BlocSpec(
        code=code,
        name=reader.text(bloc, "name", "bloc"),
        province=reader.text(bloc, "province", "bloc"),
        year=year,
        units=tuple(units),
        leader=leader,
        deputy=deputy,
        rotation=tuple(rotation or [unit.code for unit in units]),
        rules=_rules(reader, reader.mapping(root.get("rules"), "rules", required=False)),
        calendar=_calendar(reader, reader.mapping(root.get("calendar"), "calendar", False)),
        criteria=_criteria(reader, root.get("criteria")),
        province_kind=_word(reader, bloc, "province_kind", PROVINCE_KINDS),
        kind_word=_word(reader, bloc, "kind_word", BLOC_WORDS),
        superior=reader.text(bloc, "superior", "bloc", required=False),
    )
    if reader.problems:
        raise InvalidBlocSpec(reader.problems)
    return spec


def parse_criteria_table(raw: object, where: dict[str, str] | None = None) -> CriteriaTable:
    """A criteria table alone (an uploaded replacement); InvalidBlocSpec lists its problems."""
    reader = _Reader(where or {})
    data = reader.mapping(raw, "")
    table = _criteria(reader, data.get("criteria", {}))
    if table is None or not table.sections:
        reader.problem("criteria.sections", "expected-list")
    if reader.problems or table is None:
        raise InvalidBlocSpec(reader.problems)
    return table


def _year(reader: _Reader, value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 2000 <= value <= 2100:
        return value
    if isinstance(value, str) and value.strip().isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    reader.problem("bloc.year", "bad-year", value=value)
    return 0


def _units(reader: _Reader, raw_units: list[object]) -> list[UnitSpec]:
    if not raw_units:
        reader.problem("units", "no-units")
    units: list[UnitSpec] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_units):
        path = f"units[{index}]"
        data = reader.mapping(raw, path)
        code = reader.text(data, "code", path)
        name = reader.text(data, "name", path)
        if code and not UNIT_CODE_PATTERN.match(code):
            reader.problem(f"{path}.code", "bad-unit-code", value=code)
        if code and code in seen:
            reader.problem(f"{path}.code", "duplicate-unit", unit=code)
        seen.add(code)
        short = reader.text(data, "short_name", path, required=False) or name
        head = reader.text(data, "head_name", path, required=False)
        position = reader.text(data, "head_position", path, required=False)
        units.append(UnitSpec(code, name, short, head, position))
    return units


def _word(reader: _Reader, data: dict[str, object], key: str, words: dict[str, W]) -> W | None:
    """One of a few Vietnamese words, with or without its diacritics; absent: None."""
    raw = data.get(key)
    if raw is None or str(raw).strip() == "":
        return None
    found = words.get(_fold(str(raw)))
    if found is None:
        choices = ", ".join(word.value for word in words.values())
        reader.problem(f"bloc.{key}", "bad-choice", value=raw, choices=choices)
    return found


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", " ".join(text.casefold().split()).replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _rotation(reader: _Reader, value: object, unit_codes: set[str]) -> list[str]:
    codes = [str(item).strip() for item in reader.items(value, "bloc.rotation", required=False)]
    for index, unit in enumerate(codes):
        if unit not in unit_codes:
            reader.problem(f"bloc.rotation[{index}]", "unknown-unit", role="rotation", unit=unit)
    if len(set(codes)) != len(codes):
        reader.problem("bloc.rotation", "duplicate-in-rotation")
    return codes


def _rules(reader: _Reader, data: dict[str, object]) -> BlocRules:
    defaults = BlocRules()
    typed = _choice_decimal(reader, data, "threshold", defaults.threshold)
    # "0.667" means two thirds: keep the exact value, or 15 members would need 11 votes.
    threshold = next((t for t in ALLOWED_THRESHOLDS if abs(typed - t) < Decimal("0.001")), None)
    if threshold is None:
        reader.problem("rules.threshold", "bad-threshold", value=data.get("threshold"))
        threshold = defaults.threshold
    ratio = _choice_decimal(reader, data, "merit_quota_ratio", defaults.merit_quota_ratio)
    if not Decimal(0) < ratio <= Decimal(1):
        reader.problem("rules.merit_quota_ratio", "bad-ratio", value=data.get("merit_quota_ratio"))
    quota = data.get("flag_quota", defaults.flag_quota)
    if not isinstance(quota, int) or isinstance(quota, bool) or quota < 1:
        reader.problem("rules.flag_quota", "bad-quota", value=quota)
        quota = defaults.flag_quota
    secret = reader.flag(data, "ballot_secret", "rules", defaults.ballot_secret)
    hours = data.get("explanation_hours", defaults.explanation_hours)
    if not isinstance(hours, int) or isinstance(hours, bool) or not 1 <= hours <= MAX_HOURS:
        reader.problem("rules.explanation_hours", "bad-hours", value=hours, max=MAX_HOURS)
        hours = defaults.explanation_hours
    return BlocRules(
        ballot_secret=secret,
        threshold=threshold,
        threshold_base=_enum(reader, data, "threshold_base", ThresholdBase, defaults),
        flag_quota=quota,
        merit_quota_ratio=ratio,
        scoring_mode=_enum(reader, data, "scoring_mode", ScoringMode, defaults),
        leader_selection=_enum(reader, data, "leader_selection", LeaderSelection, defaults),
        explanation_hours=hours,
        cross_penalties=reader.flag(data, "cross_penalties", "rules", defaults.cross_penalties),
    )


def _choice_decimal(
    reader: _Reader, data: dict[str, object], key: str, default: Decimal
) -> Decimal:
    if key not in data:
        return default
    value = _decimal(data[key])
    if value is None or isinstance(data[key], bool):
        reader.problem(f"rules.{key}", "not-a-number", value=data[key])
        return default
    return value


def _enum(
    reader: _Reader, data: dict[str, object], key: str, kind: type[E], defaults: BlocRules
) -> E:
    default: E = getattr(defaults, key)
    if key not in data:
        return default
    try:
        return kind(str(data[key]).strip())
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        reader.problem(f"rules.{key}", "bad-choice", value=data[key], choices=choices)
        return default


def _calendar(reader: _Reader, data: dict[str, object]) -> BlocCalendar:
    defaults = BlocCalendar()
    windows: dict[str, Window] = {}
    for key in ("pledge_window", "midyear_window", "annual_window"):
        default: Window = getattr(defaults, key)
        raw = reader.mapping(data.get(key), f"calendar.{key}", required=False)
        ends = {}
        for end in ("opens", "closes"):
            value = raw.get(end, str(getattr(default, end)))
            try:
                ends[end] = MonthDay.parse(str(value))
            except ValueError:
                reader.problem(f"calendar.{key}.{end}", "bad-month-day", value=value)
                ends[end] = getattr(default, end)
        windows[key] = Window(ends["opens"], ends["closes"])
    reminders = {}
    for key in ("conference_reminders", "deadline_reminders"):
        raw_offsets = reader.items(data.get(key), f"calendar.{key}", required=False)
        offsets = []
        for index, value in enumerate(raw_offsets):
            try:
                offsets.append(parse_offset(str(value)))
            except ValueError:
                reader.problem(f"calendar.{key}[{index}]", "bad-offset", value=value)
        reminders[key] = tuple(sorted(offsets, reverse=True)) or getattr(defaults, key)
    return BlocCalendar(
        pledge_window=windows["pledge_window"],
        midyear_window=windows["midyear_window"],
        annual_window=windows["annual_window"],
        conference_reminders=reminders["conference_reminders"],
        deadline_reminders=reminders["deadline_reminders"],
    )


def _criteria(reader: _Reader, raw: object) -> CriteriaTable | None:
    if raw is None:
        return None
    data = reader.mapping(raw, "criteria")
    scale = reader.points(data, "scale", "criteria")
    codes: set[str] = set()

    def criterion(item: object, path: str, key: str = "max") -> Criterion:
        if not isinstance(item, dict):
            reader.problem(path, "expected-mapping")  # its fields would only repeat this
            return Criterion("", "", Decimal(0))
        fields = item
        code = reader.text(fields, "code", path)
        if code and code in codes:
            reader.problem(f"{path}.code", "duplicate-criterion", code=code)
        codes.add(code)
        return Criterion(code, reader.text(fields, "title", path), reader.points(fields, key, path))

    sections = []
    raw_sections = reader.items(data.get("sections"), "criteria.sections")
    for s_index, raw_section in enumerate(raw_sections):
        path = f"criteria.sections[{s_index}]"
        fields = reader.mapping(raw_section, path)
        raw_items = reader.items(fields.get("items"), f"{path}.items", required=False)
        if not raw_items:
            reader.problem(f"{path}.items", "empty-section")
        items = tuple(
            criterion(item, f"{path}.items[{i_index}]") for i_index, item in enumerate(raw_items)
        )
        sections.append(
            Section(reader.text(fields, "code", path), reader.text(fields, "title", path), items)
        )
    bonus = tuple(
        criterion(item, f"criteria.bonus[{index}]")
        for index, item in enumerate(reader.items(data.get("bonus"), "criteria.bonus", False))
    )
    penalties = []
    facts: set[PenaltyFact] = set()
    raw_penalties = reader.items(data.get("penalties"), "criteria.penalties", False)
    for index, item in enumerate(raw_penalties):
        path = f"criteria.penalties[{index}]"
        base = criterion(item, path, key="points")
        fields = item if isinstance(item, dict) else {}
        per_occurrence = reader.flag(fields, "per_occurrence", path, default=False)
        fact = _fact(reader, fields, path, facts)
        penalties.append(Penalty(base.code, base.title, base.max_points, per_occurrence, fact))
    bonus_cap: Decimal | None = None
    if "bonus_cap" in data:
        bonus_cap = reader.points(data, "bonus_cap", "criteria", allow_zero=True)
    table = CriteriaTable(scale, tuple(sections), bonus_cap, bonus, tuple(penalties))
    if sections and scale > 0 and table.items_total != scale:
        reader.problem("criteria.scale", "criteria-total", total=table.items_total, scale=scale)
    return table


def _fact(
    reader: _Reader, fields: dict[str, object], path: str, taken: set[PenaltyFact]
) -> PenaltyFact | None:
    """A penalty's `fact:` tag: which fact the bot fills it from. One penalty per fact, or
    the bot would deduct the same absence twice."""
    raw = fields.get("fact")
    if raw is None or str(raw).strip() == "":
        return None
    try:
        fact = PenaltyFact(str(raw).strip())
    except ValueError:
        choices = ", ".join(member.value for member in PenaltyFact)
        reader.problem(f"{path}.fact", "bad-choice", value=raw, choices=choices)
        return None
    if fact in taken:
        reader.problem(f"{path}.fact", "duplicate-fact", fact=fact.value)
    taken.add(fact)
    return fact
