"""Cells made with a ready style array: the named style is resolved once per workbook, not
once per cell, which is what keeps 2,000 × 40 cells fast."""

from __future__ import annotations

from collections.abc import Mapping

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet

Value = float | int | str | None


def clean(text: str) -> str:
    """Text as typed by people, minus the control characters a workbook cannot hold."""
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("", text)
    return cleaned


class CellMaker:
    """Builds detached cells for `Worksheet.append`, each with one of the named styles."""

    def __init__(self, sheet: Worksheet, styles: Mapping[str, StyleArray]) -> None:
        self.sheet = sheet
        self.styles = styles

    def __call__(self, value: Value, style: str) -> Cell:
        cell = Cell(self.sheet, value=value, style_array=self.styles[style])
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # a unit named "=…" is text, never a formula
        return cell

    def row(self, values: list[tuple[Value, str]]) -> list[Cell]:
        return [self(value, style) for value, style in values]
