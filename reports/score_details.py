"""The score table's second sheet, "Chi_tiet": for each ranked unit, every criterion with its
maximum, the unit's own score, the verified score (or the cross-scoring mean) and, where the
leader or deputy changed it, the reason the unit was given."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from domain.criteria import CriteriaTable
from domain.summary import ScoreSummary, SummaryRow
from reports import xlsx_print
from reports import xlsx_styles as st
from reports.bloc_words import BlocWords
from reports.labels import comma, table_title
from reports.table_columns import deducted
from reports.xlsx_cells import CellMaker, clean

SHEET = "Chi_tiet"
HEADERS = ("Mã", "Tiêu chí", "Điểm tối đa", "Tự chấm", "Thẩm định", "Lý do thay đổi")
WIDTHS = (6, 60, 8, 8, 9, 45)
HEAD_ROW = 5
Line = tuple[str, str, float | None, float | None, float | None, str]


def write_details(
    sheet: Worksheet, styles: Mapping[str, StyleArray], summary: ScoreSummary
) -> None:
    make = CellMaker(sheet, styles)
    cross = summary.cross_scored
    words = BlocWords(summary.issuer)
    title = table_title(summary).replace("BẢNG TỔNG HỢP", "CHI TIẾT", 1)
    headers = list(HEADERS)
    if cross:
        headers[4], headers[5] = "Chấm chéo (trung bình)", "Ghi chú"
    for text, style in (
        (clean(summary.issuer.superior).upper(), st.SUPERIOR),
        (clean(words.label).upper(), st.ORG),
        (title, st.TITLE),
        ("Điểm từng tiêu chí: đơn vị tự chấm và sau thẩm định", st.SUBTITLE),
    ):
        sheet.append([make(text, style)])
    sheet.append([make(text, st.HEAD) for text in headers])
    sheet.row_dimensions[HEAD_ROW].height = 32  # "Điểm tối đa", "Thẩm định" on two lines
    for number in range(3, HEAD_ROW):
        sheet.merged_cells.add(CellRange(min_row=number, min_col=1, max_row=number, max_col=6))
    for row in summary.rows:
        _unit(sheet, make, row, summary.table)
    for number, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = f"A{HEAD_ROW + 1}"
    xlsx_print.set_up(sheet, f"{HEAD_ROW}:{HEAD_ROW}", "", (), landscape=True)


def _unit(sheet: Worksheet, make: CellMaker, row: SummaryRow, table: CriteriaTable) -> None:
    """A heading row for the unit, then one row per criterion."""
    own, final = row.self_totals.final, row.final_totals.final
    heading = (
        f"{row.rank}. {clean(row.unit_name)} — tự chấm {comma(own)}, "
        f"thẩm định {comma(final)}, xếp hạng {row.rank}"
    )
    # Not merged: the heading runs on over the empty shaded cells beside it, and thousands of
    # merged ranges would make writing (and reading) the workbook quadratic.
    middle = [make(None, st.GROUP_MIDDLE) for _ in HEADERS[2:]]
    sheet.append([make(heading, st.GROUP), *middle, make(None, st.GROUP_END)])
    for code, title, most, mine, verified, reason in _lines(row, table):
        sheet.append(
            [
                make(clean(code), st.INDEX),
                make(clean(title), st.TEXT),
                make(most, st.NUM),
                make(mine, st.NUM),
                make(verified, st.NUM),
                make(clean(reason) or None, st.REASON),
            ]
        )


def _lines(row: SummaryRow, table: CriteriaTable) -> Iterator[Line]:
    for section in table.sections:
        for item in section.items:
            yield _scored(item.code, item.title, item.max_points, row)
    for item in table.bonus:
        yield _scored(item.code, item.title, item.max_points, row)
    for penalty in table.penalties:
        times = row.penalties.get(penalty.code, 0)
        points = -float(deducted(penalty, times)) if times else None
        note = f"{times} lần" if times and penalty.per_occurrence else ""
        yield (penalty.code, penalty.title, -float(penalty.points), points, points, note)


def _scored(code: str, title: str, most: Decimal, row: SummaryRow) -> Line:
    mine, final = row.self_items.get(code), row.items.get(code)
    return (
        code,
        title,
        float(most),
        None if mine is None else float(mine),
        None if final is None else float(final),
        row.reasons.get(code, ""),
    )
