"""Vietnamese administrative-document layout for .docx (Decree 30/2020/NĐ-CP conventions).

Shared by the covenant, the minutes and the proposals: A4 page with the prescribed margins,
Times New Roman on every run (East-Asian and complex-script slots too, so Vietnamese never
falls back to another font), the national heading beside the issuing body, the place and date
line, titles, numbered headings, bordered tables and signature blocks.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.shared import Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 12
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MOTTO_WIDTH_MM = 56.0  # the motto's width at 13 pt bold: the rule under it is as long
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
HEADING_LEFT_MM = 62.0
CELL_PAD_MM = 1.0
FIRST_LINE_INDENT_MM = 12.7

Container = DocxDocument | _Cell
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


@dataclass(frozen=True)
class Line:
    """One centred line of a heading column or a signature block."""

    text: str
    bold: bool = False
    italic: bool = False
    size: float = BODY_PT


# --- document, fonts ----------------------------------------------------------------------


def new_document() -> DocxDocument:
    """An empty A4 document with the prescribed margins, fonts and page numbers."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = section.footer_distance = Mm(10)
    _set_default_fonts(doc)
    _add_page_numbers(doc)
    return doc


def to_bytes(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _set_fonts(rpr: CT_RPr) -> None:
    """Times New Roman in all four font slots of a run or style, theme fonts removed."""
    rfonts = rpr.get_or_add_rFonts()
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{theme}"), None)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{slot}"), FONT)


def _set_default_fonts(doc: DocxDocument) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if isinstance(rpr, CT_RPr):
            _set_fonts(rpr)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    _set_fonts(rpr)
    lang = OxmlElement("w:lang", {qn("w:val"): "vi-VN", qn("w:eastAsia"): "vi-VN"})
    rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _add_page_numbers(doc: DocxDocument) -> None:
    """The page number, centred in the header, from the second page on."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = style_run(paragraph.add_run(), BODY_PT)
    instruction = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instruction.text = "PAGE"
    run._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}))
    run._r.append(instruction)
    run._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))


# --- paragraphs ---------------------------------------------------------------------------


def style_run(run: Run, size: float = BODY_PT, *, bold: bool = False, italic: bool = False) -> Run:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    _set_fonts(run._r.get_or_add_rPr())
    return run


def paragraph(
    container: Container,
    text: str = "",
    *,
    align: str = "justify",
    bold: bool = False,
    italic: bool = False,
    size: float = BODY_PT,
    indent: bool = False,
    before: float = 0,
    after: float = 6,
    keep_with_next: bool = False,
) -> Paragraph:
    """A paragraph of one style; a newline in `text` becomes a line break."""
    para = _new_paragraph(container)
    para.alignment = getattr(WD_ALIGN_PARAGRAPH, align.upper())  # left, center, right, justify
    fmt = para.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.first_line_indent = Mm(FIRST_LINE_INDENT_MM) if indent else None
    fmt.keep_with_next = keep_with_next
    add_text(para, text, size=size, bold=bold, italic=italic)
    return para


def add_text(
    para: Paragraph, text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False
) -> None:
    for number, line in enumerate(text.split("\n") if text else ()):
        run = style_run(para.add_run(), size, bold=bold, italic=italic)
        if number:
            run.add_break()
        # XML cannot hold control characters; data stored before they were cleaned may.
        run.add_text("".join(ch for ch in line if ch == "\t" or ch.isprintable()))


def _new_paragraph(container: Container) -> Paragraph:
    """A cell starts with one empty paragraph: use it before adding more."""
    if isinstance(container, _Cell):
        first: Paragraph = container.paragraphs[0]
        if len(container.paragraphs) == 1 and not first.runs and not container.tables:
            return first
    para: Paragraph = container.add_paragraph()
    return para


def rule(container: Container, width_mm: float, space_mm: float) -> Paragraph:
    """A short centred horizontal line: the top border of an empty, indented paragraph."""
    para = _new_paragraph(container)
    fmt = para.paragraph_format
    side = max((space_mm - width_mm) / 2, 0)
    fmt.left_indent = fmt.right_indent = Mm(side)
    fmt.space_before, fmt.space_after = Pt(2), Pt(0)  # a gap: a rule, not an underline
    fmt.line_spacing = Pt(6)
    borders = OxmlElement("w:pBdr")
    line = {"val": "single", "sz": "6", "space": "1", "color": "000000"}
    borders.append(OxmlElement("w:top", {qn(f"w:{key}"): value for key, value in line.items()}))
    para._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)
    return para


def lines(container: Container, items: Sequence[Line], width_mm: float | None = None) -> None:
    """Centred lines; given the width, a long bold line breaks evenly, not one word alone."""
    for item in items:
        para = paragraph(container, align="center", after=0)
        text = item.text
        if width_mm and item.bold:
            text = balance(text, int(width_mm / (0.22 * item.size)))  # ~upper-case letter widths
        add_text(para, text, size=item.size, bold=item.bold, italic=item.italic)


def balance(text: str, capacity: int) -> str:
    """Break `text` into the fewest lines of at most `capacity` characters, evenly."""
    words = text.split()
    if len(text) <= capacity or len(words) < 2:
        return text
    fewest = len(_pack(words, capacity))
    for width in range(max(map(len, words)), capacity + 1):
        packed = _pack(words, width)
        if len(packed) == fewest:
            return "\n".join(packed)
    return text  # a word longer than the line: leave the wrapping to the word processor


def _pack(words: list[str], width: int) -> list[str]:
    packed: list[str] = []
    for word in words:
        if packed and len(packed[-1]) + 1 + len(word) <= width:
            packed[-1] += f" {word}"
        else:
            packed.append(word)
    return packed


# --- the heading of a document ------------------------------------------------------------


def date_line(place: str, day: date) -> str:
    """'Trà Vinh, ngày 05 tháng 02 năm 2022': days below 10 and months 1–2 take a zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def national_heading(
    doc: DocxDocument, issuer: Sequence[Line], place: str, day: date, number: str | None = None
) -> None:
    """The issuing body on the left, the national name and motto on the right, the date below."""
    right_mm = TEXT_WIDTH_MM - HEADING_LEFT_MM
    table = borderless_table(doc, 2, [HEADING_LEFT_MM, right_mm])
    left, right = table.cell(0, 0), table.cell(0, 1)
    left_space, right_space = HEADING_LEFT_MM - 2 * CELL_PAD_MM, right_mm - 2 * CELL_PAD_MM
    lines(left, issuer, left_space)
    rule(left, 25, left_space)
    lines(right, [Line(NATIONAL_NAME, bold=True), Line(MOTTO, bold=True)])
    rule(right, MOTTO_WIDTH_MM, right_space)
    if number:
        paragraph(table.cell(1, 0), number, align="center", before=4, after=0)
    paragraph(table.cell(1, 1), date_line(place, day), align="center", italic=True, before=4)


def title(doc: DocxDocument, text: str, subtitle: str | None = None) -> None:
    paragraph(doc, text, align="center", bold=True, size=14, before=18, after=0 if subtitle else 12)
    if subtitle:
        paragraph(doc, subtitle, align="center", bold=True, after=12)


def heading(doc: DocxDocument, number: str, text: str) -> Paragraph:
    """A numbered heading: 'I. CÁC ĐƠN VỊ ...' (upper case) or '1. Sở ...' (as given)."""
    shown = text.upper() if not number.isdigit() else text
    return paragraph(doc, f"{number}. {shown}", bold=True, before=6, keep_with_next=True)


# --- tables -------------------------------------------------------------------------------


def borderless_table(doc: DocxDocument, rows: int, widths_mm: Sequence[float]) -> Table:
    table: Table = doc.add_table(rows=rows, cols=len(widths_mm))
    _fix_widths(table, widths_mm)
    _cell_margins(table, CELL_PAD_MM)
    return table


def grid_table(
    doc: DocxDocument,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    aligns: Sequence[str],
) -> Table:
    """A bordered table; the header row is bold and repeats on every page."""
    table: Table = doc.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fix_widths(table, widths_mm)
    _cell_margins(table, 1.5)
    for column, text in enumerate(headers):
        _table_cell(table.cell(0, column), text, "center", bold=True)
    _row_property(table.rows[0], "w:tblHeader")
    for number, values in enumerate(rows, start=1):
        _row_property(table.rows[number], "w:cantSplit")
        for column, text in enumerate(values):
            _table_cell(table.cell(number, column), text, aligns[column])
    return table


def _table_cell(cell: _Cell, text: str, align: str, *, bold: bool = False) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph(cell, text, align=align, bold=bold, size=TABLE_PT, before=2, after=2)


def signature_table(doc: DocxDocument, blocks: Sequence[Sequence[Line]], columns: int = 2) -> None:
    """Signature blocks side by side, rows kept whole; an odd last block is centred."""
    count = -(-len(blocks) // columns)
    width = TEXT_WIDTH_MM / columns
    paragraph(doc, "", after=6, keep_with_next=True)
    table = borderless_table(doc, count, [width] * columns)
    for number, block in enumerate(blocks):
        row, column = divmod(number, columns)
        cell = table.cell(row, column)
        if number == len(blocks) - 1 and column == 0 and columns > 1:
            cell = cell.merge(table.cell(row, columns - 1))  # a lone last block: centred
        lines(cell, block, cell.width.mm - 2 * CELL_PAD_MM if cell.width else width)
        paragraph(cell, "", after=12)
    for row_ in table.rows:
        _row_property(row_, "w:cantSplit")


def _fix_widths(table: Table, widths_mm: Sequence[float]) -> None:
    table.autofit = False  # a fixed layout: Word and LibreOffice keep the widths
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _cell_margins(table: Table, pad_mm: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    width = {qn("w:w"): str(round(pad_mm * 56.7)), qn("w:type"): "dxa"}  # twentieths of a pt
    for side in ("left", "right"):
        margins.append(OxmlElement(f"w:{side}", width))
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def _row_property(row: _Row, tag: str) -> None:
    """cantSplit or tblHeader: the only row properties used, so order never clashes."""
    row._tr.get_or_add_trPr().append(OxmlElement(tag))
