"""How the score table prints: A4 landscape at a readable scale, the wide table split over
pages between sections with the header rows and the unit columns repeated on each page; and
its foot: the place and date line, "Người lập biểu" and the leader's signature."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from domain.documents import head_of
from domain.summary import ScoreSummary
from reports import xlsx_styles as st
from reports.bloc_words import NAME_BLANK, BlocWords, date_line, position
from reports.xlsx_cells import CellMaker, clean

SCALE = 85  # per cent: 11 pt prints as about 9.5 pt, still easy to read
PAGE_MM = 297 - 2 * 0.4 * 25.4  # A4 landscape between the side margins
SIGNATURE_ROOM = 4  # empty rows to sign in (and seal, for the leader)
DATE_BLANK = "……, ngày …… tháng …… năm ……"


def column_mm(width: float) -> float:
    """An Excel column width (characters of the default font) in millimetres on paper."""
    return (width * 7 + 5) * 25.4 / 96


def page_starts(widths: Sequence[float], groups: Sequence[str | None], fixed: int) -> list[int]:
    """The 1-based columns that begin a new printed page: after the `fixed` columns that
    repeat on every page, whole groups (a section and its subtotal) go on a page while they
    fit; a group too wide for one page is cut where the page ends."""
    # A little to spare: renderers round widths differently.
    room = PAGE_MM * 100 / SCALE * 0.95 - sum(column_mm(w) for w in widths[:fixed])
    starts: list[int] = []
    used = 0.0
    index = fixed
    while index < len(widths):
        end = index + 1
        while end < len(widths) and groups[end] is not None and groups[end] == groups[index]:
            end += 1
        group_mm = sum(column_mm(w) for w in widths[index:end])
        if used and used + group_mm > room:
            starts.append(index + 1)
            used = 0.0
        if group_mm > room:  # cut inside the group, page by page
            for column in range(index, end):
                width = column_mm(widths[column])
                if used and used + width > room:
                    starts.append(column + 1)
                    used = 0.0
                used += width
        else:
            used += group_mm
        index = end
    return starts


def set_up(
    sheet: Worksheet, head_rows: str, fixed_columns: str, starts: Sequence[int], landscape: bool
) -> None:
    setup = sheet.page_setup
    setup.orientation = "landscape" if landscape else "portrait"
    setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = head_rows
    if fixed_columns:
        sheet.print_title_cols = fixed_columns
    if starts:
        setup.scale = SCALE
        sheet.sheet_properties.pageSetUpPr.fitToPage = False
        for column in starts:
            sheet.col_breaks.append(Break(id=column - 1))  # a break after the column before
    else:
        setup.fitToWidth, setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.6
    margins.header = margins.footer = 0.3
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "Trang &P/&N"
    sheet.oddFooter.center.font = st.FONT


@dataclass(frozen=True)
class FirstPage:
    """The columns of the first printed page (A…`last`) that do not repeat on the others
    (`first`…`last`): the notes and the signatures go there, so that the later pages, whose
    first columns repeat, do not show them cut."""

    widths: Sequence[float]
    last: int
    first: int

    @property
    def centre(self) -> int:
        """The column under the middle of the first page."""
        return self.centre_for(0.0)

    def centre_for(self, text_mm: float) -> int:
        """The column to centre a text that long on: the one under the middle of the first
        page, or as little right of it as keeps the text off the repeated columns."""
        edges = [0.0]
        for width in self.widths[: self.last]:
            edges.append(edges[-1] + column_mm(width))
        wanted = max(edges[-1] / 2, edges[self.first - 1] + text_mm / 2 + 2)
        middles = [(left + right) / 2 for left, right in pairwise(edges)]
        nearest = min(range(len(middles)), key=lambda i: abs(middles[i] - wanted))
        return max(nearest + 1, self.first)

    def line(
        self, sheet: Worksheet, make: CellMaker, text: str, style: str, left: int = 0,
        right: int = 0,
    ) -> int:  # fmt: skip
        """`text` across columns left…right (the whole free width by default); a text longer
        than the width gets the height of the lines it wraps onto. Returns its row."""
        left, right = left or self.first, right or self.last
        sheet.append([make(None, st.NOTE) for _ in range(left - 1)] + [make(text or None, style)])
        at: int = sheet.max_row
        if right > left:
            sheet.merged_cells.add(CellRange(min_row=at, min_col=left, max_row=at, max_col=right))
        room = sum(self.widths[left - 1 : right])
        lines = math.ceil(len(text) * TEXT_PER_DIGIT / max(room, 1))
        if lines > 1:
            sheet.row_dimensions[at].height = LINE_PT * lines
        return at


TEXT_PER_DIGIT = 1.2  # a letter of bold capitals or italics is a little wider than a digit
LINE_PT = 15.0


def sign_off(sheet: Worksheet, make: CellMaker, summary: ScoreSummary, page: FirstPage) -> None:
    """The place and date, the preparer on the left and, for the bloc, the head of the
    leader unit on the right, both within the first printed page's own columns."""
    words = BlocWords(summary.issuer)
    middle = max(page.centre, page.first + 1)
    day = date_line(words.place, summary.dated.date()) if summary.dated else DATE_BLANK
    head = head_of(summary.leader)
    right = [f"TM. {words.label.upper()}", words.leader.upper(), position(head, summary.leader)]
    left = ["NGƯỜI LẬP BIỂU", "", ""]
    sheet.append([])
    page.line(sheet, make, day, st.DATE, middle)
    for mine, theirs in zip(left, right, strict=True):
        at = page.line(sheet, make, theirs, st.SIGN, middle)
        _put(sheet, at, mine, st.SIGN, page.first, middle - 1)
    for _ in range(SIGNATURE_ROOM):
        sheet.append([])
    leader = head.name if head else NAME_BLANK
    at = page.line(sheet, make, leader, st.SIGN_NAME, middle)
    _put(sheet, at, clean(summary.prepared_by) or NAME_BLANK, st.SIGN_NAME, page.first, middle - 1)


def _put(sheet: Worksheet, row: int, text: str, style: str, left: int, right: int) -> None:
    """`text` in an existing row, across left…right."""
    if not text:
        return
    cell = sheet.cell(row, left, text)
    cell.style = style  # a named style of the workbook
    if right > left:
        sheet.merged_cells.add(CellRange(min_row=row, min_col=left, max_row=row, max_col=right))
