"""The score form: a unit's sheet as an .xlsx to fill in — every item, bonus and penalty with
its code, title and maximum, and an empty score column — and reading it back filled in.

The layout is shared with the writer (reports.score_form). Reading goes through the bounded
reader every workbook from outside goes through (xlsx_guard, xlsx_source): a hostile file is
refused before it is unpacked. Only the code and score columns count; the rest is for the
people filling it in, and rows without a score are left out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from imports.limits import MIB
from imports.xlsx_guard import Source
from imports.xlsx_layout import NO, YES, Field, Sheet

FORM_SHEET = "Cham_diem"
FORM_GUIDE_SHEET = "Huong_dan"
FORM_MAX_BYTES = 2 * MIB  # a filled form of a few hundred criteria is some 20 KB

FORM = Sheet(
    FORM_SHEET,
    "scores",
    "Mỗi dòng một tiêu chí; ghi điểm vào cột «Điểm».",
    (
        Field("code", "Mã"),
        Field("title", "Nội dung tiêu chí", optional=True),
        Field("kind", "Loại", optional=True),
        Field("max", "Tối đa", "any", optional=True),
        Field("how", "Cách ghi", optional=True),
        Field("current", "Đã ghi", "any", optional=True),
        Field("score", "Điểm (ghi vào cột này)", "any"),
    ),
)
COLUMNS = tuple(field.key for field in FORM.fields)


@dataclass(frozen=True)
class FormRow:
    """A row with a score: the sheet's row number, the code and the score as text."""

    row: int
    code: str
    score: str


def read_form(source: Source) -> list[FormRow]:
    """The filled rows of the form; WorkbookFormatError when it is not the form (no sheet
    «Cham_diem», or no «Mã» or «Điểm» column), InputRefused when it is hostile."""
    from imports.xlsx_source import read_table  # openpyxl: loaded when a form comes

    rows = read_table(source, FORM)
    return [
        FormRow(row, as_text(cells.get("code")), as_text(cells["score"]))
        for row, cells in rows
        if cells.get("score") is not None
    ]


def as_text(value: object) -> str:
    """A cell as the officer would have typed it: 9.5 → "9.5", TRUE → "có"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")  # never "1e-05"
    return str(value).strip()
