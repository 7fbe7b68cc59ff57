"""The score columns of the summary table, in order: each section's items and its subtotal,
the bonus items and the capped bonus, the penalties and their total, self score, verified
score and rank. The STT and unit columns come first and are written by the sheet itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from domain.criteria import CriteriaTable, Penalty, Section
from domain.summary import SummaryRow
from reports import xlsx_styles as st
from reports.labels import bonus_heading, points

Value = float | int | str | None
ZERO = Decimal(0)


@dataclass(frozen=True)
class Column:
    heading: str  # second header row (or both rows when there is no group)
    width: float
    value: Callable[[SummaryRow], Value]
    style: Callable[[SummaryRow], str]
    group: str | None = None  # first header row, merged over consecutive columns


def _fixed(name: str) -> Callable[[SummaryRow], str]:
    return lambda _row: name


def _number(value: Decimal) -> float:
    """Scores and totals have one decimal already (the domain rounds them); stored as floats."""
    return float(value)


def _item(code: str) -> Callable[[SummaryRow], Value]:
    def value(row: SummaryRow) -> Value:
        points = row.items.get(code)
        return None if points is None else _number(points)

    return value


def _subtotal(code: str) -> Callable[[SummaryRow], Value]:
    return lambda row: _number(row.final_totals.sections.get(code, ZERO))


def deducted(penalty: Penalty, times: int) -> Decimal:
    """Points a penalty takes off for that many occurrences (a one-off counts once)."""
    if times <= 0:
        return ZERO
    return penalty.points * (times if penalty.per_occurrence else 1)


def _penalty(penalty: Penalty) -> Callable[[SummaryRow], Value]:
    def value(row: SummaryRow) -> Value:
        points = deducted(penalty, row.penalties.get(penalty.code, 0))
        return None if points == ZERO else _number(points)

    return value


def _rank_style(row: SummaryRow) -> str:
    return st.RANK_TIED if row.tied else st.RANK


def section_group(section: Section) -> str:
    return f"{section.code}. {section.title} ({points(section.max_points)} điểm)"


def _section(section: Section) -> Iterator[Column]:
    group = section_group(section)
    for item in section.items:
        heading = f"{item.code} ({points(item.max_points)})"
        yield Column(heading, 6.5, _item(item.code), _fixed(st.NUM), group)
    heading = f"Cộng phần {section.code} ({points(section.max_points)})"
    yield Column(heading, 9, _subtotal(section.code), _fixed(st.SUB), group)


def _penalty_heading(penalty: Penalty) -> str:
    each = "/lần" if penalty.per_occurrence else ""
    return f"{penalty.code} ({points(penalty.points)}{each})"


def columns(table: CriteriaTable) -> list[Column]:
    result = [column for section in table.sections for column in _section(section)]
    for item in table.bonus:
        heading = f"{item.code} ({points(item.max_points)})"
        result.append(Column(heading, 6.5, _item(item.code), _fixed(st.NUM), "Tiêu chí thưởng"))
    if table.bonus:
        bonus = bonus_heading(table)
        result.append(Column(bonus, 10, lambda r: _number(r.final_totals.bonus), _fixed(st.SUB)))
    for penalty in table.penalties:
        heading = _penalty_heading(penalty)
        result.append(Column(heading, 7, _penalty(penalty), _fixed(st.NUM), "Khoản trừ"))
    if table.penalties:
        total = Column("Điểm trừ", 8, lambda r: _number(r.final_totals.penalties), _fixed(st.SUB))
        result.append(total)
    result += [
        Column("Tự chấm", 9, lambda r: _number(r.self_totals.final), _fixed(st.TOTAL)),
        Column("Thẩm định", 10, lambda r: _number(r.final_totals.final), _fixed(st.TOTAL)),
        Column("Xếp hạng", 14, lambda r: r.rank, _rank_style),
    ]
    return result


def spans(cols: list[Column], first: int) -> list[tuple[int, int, str | None]]:
    """(first column, last column, group) for each run of equal groups, 1-based columns."""
    runs: list[tuple[int, int, str | None]] = []
    for index, column in enumerate(cols, start=first):
        if runs and column.group is not None and runs[-1][2] == column.group:
            runs[-1] = (runs[-1][0], index, column.group)
        else:
            runs.append((index, index, column.group))
    return runs
