"""The score summary table (bảng tổng hợp chấm điểm) as an .xlsx workbook.

Sheet "Tong_hop": the issuer and title block, a two-row header (sections merged over their
items), one row per ranked unit in rank order, then the units that submitted nothing, notes,
the place and date, and the signatures (see xlsx_print, which also sets how it prints).
Sheet "Chi_tiet": each unit's self and verified score per criterion, with the reasons. Sheet
"Tieu_chi": the criteria table. Numbers are stored as numbers with a one-decimal format and
Vietnamese grouping ("1.050,0"). Rows are appended top to bottom with cells built from ready
style arrays (see xlsx_cells)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from domain.summary import ScoreSummary, SummaryRow
from reports import xlsx_print
from reports import xlsx_styles as st
from reports.bloc_words import BlocWords
from reports.criteria_sheet import write_criteria
from reports.labels import DRAFT_NOTE, NOT_SUBMITTED, final_rule, points, table_title, tie_rule
from reports.score_details import write_details
from reports.table_columns import Column, columns, spans
from reports.xlsx_cells import CellMaker, clean

SHEET = "Tong_hop"
TITLE_ROW = 3
HEAD_TOP = 6  # the two header rows
HEAD_BOTTOM = 7
FIRST_ROW = 8
LEAD = 2  # STT and Đơn vị come before the score columns
INDEX_WIDTH = 5.0
LONE_GROUP_WIDTH = 10.0
TITLE_MM_PER_CHAR = 2.8  # the title's bold 14 pt capitals, printed at the sheet's scale
UNIT_WIDTH = 34.0  # unit names wrap onto a second line rather than widen every page


def build_score_table(summary: ScoreSummary, details: bool = True) -> bytes:
    """The summary of one cycle as .xlsx bytes, ready to send as a document. Synchronous and
    CPU-bound (about a second for 2,000 units; the per-item sheet, one row per unit and
    criterion, takes as long again and more): run it in a worker thread from async code.
    `details=False` leaves out that sheet (the benchmark's summary-only figure)."""
    with _collector_paused():
        workbook = Workbook()
        styles = st.register(workbook)
        sheet = workbook.active
        assert isinstance(sheet, Worksheet)
        sheet.title = SHEET
        make = CellMaker(sheet, styles)
        cols = columns(summary.table)
        groups = [None, None, *(column.group for column in cols)]
        widths = _widths(cols, groups)
        starts = xlsx_print.page_starts(widths, groups, LEAD)
        page = xlsx_print.FirstPage(widths, starts[0] - 1 if starts else len(widths), LEAD + 1)
        _title_block(sheet, make, summary, page)
        _header(sheet, make, cols)
        _body(sheet, make, summary, cols)
        _notes(sheet, make, summary, page)
        _layout(sheet, widths, starts, draft=not summary.published)
        xlsx_print.sign_off(sheet, make, summary, page)
        if details:
            write_details(workbook.create_sheet("Chi_tiet"), styles, summary)
        write_criteria(workbook.create_sheet("Tieu_chi"), styles, summary.table)
        out = BytesIO()
        workbook.save(out)
        return out.getvalue()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Tens of thousands of cells, all alive until the save: the cyclic garbage collector
    would walk them again and again for nothing (a sixth of the time). Resumed afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _widths(cols: list[Column], groups: list[str | None]) -> list[float]:
    """The columns' widths; a group of one column (a single bonus item) is made wide
    enough for its heading to wrap by words, not by letters."""
    widths = [INDEX_WIDTH, UNIT_WIDTH, *(column.width for column in cols)]
    for index, group in enumerate(groups):
        if group and groups.count(group) == 1:
            widths[index] = max(widths[index], LONE_GROUP_WIDTH)
    return widths


def _merge(sheet: Worksheet, top: int, left: int, bottom: int, right: int) -> None:
    """Every cell of the range is already written with its borders, so the range is recorded
    as is: `merge_cells` would restyle the edges cell by cell, which costs more than the rest
    of the header."""
    if (top, left) != (bottom, right):
        area = CellRange(min_row=top, min_col=left, max_row=bottom, max_col=right)
        sheet.merged_cells.add(area)


def _title_block(
    sheet: Worksheet, make: CellMaker, summary: ScoreSummary, page: xlsx_print.FirstPage
) -> None:
    """The issuer (the authority above the bloc, then the bloc) at the top left; the title and
    what it covers centred on the first printed page. Those lines sit in the column at the
    page's middle and spill over both sides: a cell merged over the page would show a cut
    piece of the title on the following pages, whose first columns repeat."""
    words = BlocWords(summary.issuer)
    where = f", {clean(words.province)}" if summary.province.strip() else ""
    scale = f" — thang điểm {points(summary.table.scale)}"
    centred = [
        (table_title(summary), st.TITLE),
        (f"{clean(words.label)}{where}{scale}", st.SUBTITLE),
        (DRAFT_NOTE if not summary.published else None, st.DRAFT),
    ]
    sheet.append([make(clean(summary.issuer.superior).upper(), st.SUPERIOR)])
    sheet.append([make(clean(words.label).upper(), st.ORG)])
    centre = page.centre_for(TITLE_MM_PER_CHAR * max(len(text or "") for text, _ in centred))
    for text, style in centred:
        sheet.append([make(None, st.NOTE) for _ in range(centre - 1)] + [make(text, style)])
    sheet.row_dimensions[TITLE_ROW].height = 24
    sheet.row_dimensions[TITLE_ROW + 1].height = 18


def _header(sheet: Worksheet, make: CellMaker, cols: list[Column]) -> None:
    """Lone columns span both header rows; a group's title spans its columns' headings."""
    top = [make("STT", st.HEAD), make("Đơn vị", st.HEAD)]
    bottom = [make(None, st.HEAD), make(None, st.HEAD)]
    merges = [(HEAD_TOP, 1, HEAD_BOTTOM, 1), (HEAD_TOP, 2, HEAD_BOTTOM, 2)]
    for first, last, group in spans(cols, LEAD + 1):
        headings = [cols[index - LEAD - 1].heading for index in range(first, last + 1)]
        if group is None:
            top.append(make(headings[0], st.HEAD))
            bottom.append(make(None, st.HEAD))
            merges.append((HEAD_TOP, first, HEAD_BOTTOM, first))
        else:
            top += [make(group, st.HEAD)] + [make(None, st.HEAD) for _ in headings[1:]]
            bottom += [make(heading, st.HEAD) for heading in headings]
            merges.append((HEAD_TOP, first, HEAD_TOP, last))
    sheet.append(top)
    sheet.append(bottom)
    for merge in merges:
        _merge(sheet, *merge)
    sheet.row_dimensions[HEAD_TOP].height = 48
    sheet.row_dimensions[HEAD_BOTTOM].height = 45


def _body(sheet: Worksheet, make: CellMaker, summary: ScoreSummary, cols: list[Column]) -> None:
    """The ranked rows in rank order, then the members that submitted nothing."""
    for index, row in enumerate(summary.rows, start=1):
        sheet.append(_ranked(make, index, row, cols))
    for offset, name in enumerate(summary.unranked, start=len(summary.rows) + 1):
        sheet.append(_missing(make, offset, name, len(cols)))
        at = FIRST_ROW + offset - 1
        _merge(sheet, at, LEAD + 1, at, LEAD + len(cols) - 1)


def _ranked(make: CellMaker, index: int, row: SummaryRow, cols: list[Column]) -> list[Cell]:
    """The hot loop (rows × columns): score cells are numbers, built without the text checks."""
    sheet, styles = make.sheet, make.styles
    cells = [make(index, st.INDEX), make(clean(row.unit_name), st.TEXT)]
    cells += [
        Cell(sheet, value=column.value(row), style_array=styles[column.style(row)])
        for column in cols
    ]
    return cells


def _missing(make: CellMaker, index: int, name: str, count: int) -> list[Cell]:
    """A member that submitted nothing: "Không nộp" across the scores, no rank."""
    cells = [make(index, st.INDEX), make(clean(name), st.TEXT), make(NOT_SUBMITTED, st.MISSING)]
    cells += [make(None, st.MISSING) for _ in range(count - 2)]
    cells.append(make(None, st.INDEX))  # the rank column stays empty
    return cells


def _notes(
    sheet: Worksheet, make: CellMaker, summary: ScoreSummary, page: xlsx_print.FirstPage
) -> None:
    """Under the scores, across the first printed page (not in the columns that repeat)."""
    notes = [final_rule(summary.table)]
    if any(row.tied for row in summary.rows):
        notes.append(tie_rule(BlocWords(summary.issuer).word))
    if summary.unranked:
        notes.append(f"{NOT_SUBMITTED}: đơn vị không gửi bảng tự chấm điểm, không xếp hạng.")
    sheet.append([])
    page.line(sheet, make, "Ghi chú:", st.NOTE)
    for number, note in enumerate(notes, start=1):
        page.line(sheet, make, f"{number}. {note}", st.NOTE_WRAP)


def _layout(sheet: Worksheet, widths: list[float], starts: list[int], draft: bool) -> None:
    """Column widths, frozen panes and print setup."""
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = f"{get_column_letter(LEAD + 1)}{FIRST_ROW}"
    xlsx_print.set_up(sheet, f"{HEAD_TOP}:{HEAD_BOTTOM}", "A:B", starts, landscape=True)
    if draft:
        sheet.oddHeader.center.text = DRAFT_NOTE
        sheet.oddHeader.center.color = "C00000"
        sheet.oddHeader.center.font = f"{st.FONT},Bold"
