"""The "Tieu_chi" sheet: the criteria table the scores refer to (code, title, maximum)."""

from __future__ import annotations

from collections.abc import Mapping

from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet

from domain.criteria import CriteriaTable
from reports import xlsx_styles as st
from reports.labels import bonus_heading
from reports.xlsx_cells import CellMaker, clean

Line = tuple[str, str, float | None, str, bool]  # code, title, points, note, bold


def _lines(table: CriteriaTable) -> list[Line]:
    lines: list[Line] = []
    for section in table.sections:
        lines.append((section.code, section.title, float(section.max_points), "", True))
        lines += [(i.code, i.title, float(i.max_points), "", False) for i in section.items]
    lines.append(("", "Cộng điểm các tiêu chí", float(table.items_total), "", True))
    if table.bonus:
        lines.append(("", bonus_heading(table), _cap(table), "", True))
        lines += [(i.code, i.title, float(i.max_points), "", False) for i in table.bonus]
    if table.penalties:
        lines.append(("", "Điểm trừ", None, "", True))
        for penalty in table.penalties:
            note = "trừ mỗi lần" if penalty.per_occurrence else "trừ một lần"
            lines.append((penalty.code, penalty.title, float(penalty.points), note, False))
    return lines


def _cap(table: CriteriaTable) -> float | None:
    return None if table.bonus_cap is None else float(table.bonus_cap)


def write_criteria(
    sheet: Worksheet, styles: Mapping[str, StyleArray], table: CriteriaTable
) -> None:
    make = CellMaker(sheet, styles)
    sheet.append([make(text, st.HEAD) for text in ("Mã", "Tiêu chí", "Điểm tối đa", "Cách tính")])
    for code, title, points, note, bold in _lines(table):
        sheet.append(
            [
                make(clean(code), st.INDEX),
                make(clean(title), st.TEXT_BOLD if bold else st.TEXT),
                make(points, st.TOTAL if bold else st.NUM),
                make(note, st.INDEX),
            ]
        )
    for letter, width in zip("ABCD", (7, 70, 12, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
