"""Vietnamese administrative-document layout for .docx (Decree 30/2020/NĐ-CP conventions).

Shared by the covenant, the minutes and the proposals: A4 page with the prescribed margins,
Times New Roman on every run (East-Asian and complex-script slots too, so Vietnamese never
falls back to another font), centred lines broken evenly, numbered headings, bordered tables
and rows of signature blocks. The parts of a paper (heading, title, signatures, recipients)
are `reports.docx_parts`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
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
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
CELL_PAD_MM = 1.0
FIRST_LINE_INDENT_MM = 12.7
CAPITAL_MM_PER_PT = 0.22  # a Times New Roman capital is about 0.22 mm wide per point
MAX_BALANCED_LINES = 4

LANDSCAPE_LEFT_MM = 20  # a landscape page is bound along its top edge

Container = DocxDocument | _Cell
_AFTER_PGNUMTYPE = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
    "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip
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


def new_part(doc: DocxDocument, *, landscape: bool = False) -> float:
    """A new section on a new page for the next paper of a file: its pages numbered from 1
    again, its first page unnumbered, turned to landscape for a wide table. Returns the
    width of its text in mm."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    # The paragraph that ends the previous paper holds the break: a hairline, so that it
    # never spills onto a blank page of its own.
    ending = doc.paragraphs[-1].paragraph_format
    ending.space_before = ending.space_after = Pt(0)
    ending.line_spacing = Pt(1)
    width, height = PAGE_WIDTH_MM, PAGE_HEIGHT_MM
    if landscape:
        width, height = height, width
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    left = LANDSCAPE_LEFT_MM if landscape else MARGINS_MM["left"]
    section.left_margin, section.right_margin = Mm(left), Mm(MARGINS_MM["right"])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.different_first_page_header_footer = True
    restart = OxmlElement("w:pgNumType", {qn("w:start"): "1"})
    section._sectPr.insert_element_before(restart, *_AFTER_PGNUMTYPE)
    return width - left - MARGINS_MM["right"]


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


def page_break(doc: DocxDocument) -> None:
    paragraph(doc, "", after=0).add_run().add_break(WD_BREAK.PAGE)


def rule(container: Container, width_mm: float, space_mm: float) -> Paragraph:
    """A short centred horizontal line: the top border of an empty, indented paragraph."""
    para = _new_paragraph(container)
    fmt = para.paragraph_format
    side = max((space_mm - width_mm) / 2, 0)
    fmt.left_indent = fmt.right_indent = Mm(side)
    fmt.space_before, fmt.space_after = Pt(3), Pt(0)  # a gap: a rule, not an underline
    fmt.line_spacing = Pt(6)
    borders = OxmlElement("w:pBdr")
    line = {"val": "single", "sz": "6", "space": "1", "color": "000000"}
    borders.append(OxmlElement("w:top", {qn(f"w:{key}"): value for key, value in line.items()}))
    para._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)
    return para


def lines(container: Container, items: Sequence[Line], width_mm: float | None = None) -> None:
    """Centred lines; given the width, a long line in capitals breaks evenly, not one word
    alone on the last line."""
    for item in items:
        para = paragraph(container, align="center", after=0)
        text = item.text
        if width_mm and text.isupper():
            text = balance(text, capacity(width_mm, item.size))
        if not text:  # an empty run: the blank line is kept, not reused by the next line
            style_run(para.add_run(), item.size)
        add_text(para, text, size=item.size, bold=item.bold, italic=item.italic)


def capacity(width_mm: float, size: float) -> int:
    """About how many capital letters of that size fit across that width."""
    return int(width_mm / (CAPITAL_MM_PER_PT * size))


def text_width_mm(text: str, size: float) -> float:
    return len(text) * CAPITAL_MM_PER_PT * size


def balance(text: str, limit: int) -> str:
    """Break `text` into the fewest lines of at most `limit` characters, evenly, and never
    beside a dash ("KHỐI THI ĐUA / VĂN HÓA - XÃ HỘI", not "… VĂN HÓA - / XÃ HỘI"), even if
    that takes a line more."""
    words = text.split()
    if len(text) <= limit or len(words) < 2:
        return text
    penalties = _dash_penalties(words)
    best: tuple[bool, int, int, int, tuple[int, ...]] | None = None
    for count in range(2, min(len(words), MAX_BALANCED_LINES) + 1):
        for breaks in combinations(range(1, len(words)), count - 1):
            bounds = (0, *breaks, len(words))
            widths = [len(" ".join(words[a:b])) for a, b in pairwise(bounds)]
            if max(widths) > limit:
                continue
            cost = sum(penalties.get(b, 0) for b in breaks)
            # Equally even: the longer line first, as a title's first line usually is.
            score = (cost >= DASH_BREAK, count, cost, max(widths), tuple(-b for b in breaks))
            best = score if best is None or score < best else best
        if best is not None and not best[0]:
            break  # the fewest lines that keep the dashes whole
    if best is None:
        return text  # a word longer than the line: leave the wrapping to the word processor
    bounds = (0, *(-b for b in best[4]), len(words))
    return "\n".join(" ".join(words[a:b]) for a, b in pairwise(bounds))


DASH_BREAK = 2  # the cost of a line ending or starting with a dash


def _dash_penalties(words: list[str]) -> dict[int, int]:
    """A break (before word `i`) beside a dash costs DASH_BREAK, one word further out 1."""
    penalties: dict[int, int] = {}
    for index, word in enumerate(words):
        if word in ("-", "–"):
            pairs = ((index, DASH_BREAK), (index + 1, DASH_BREAK), (index - 1, 1), (index + 2, 1))
            for place, cost in pairs:
                penalties[place] = max(penalties.get(place, 0), cost)
    return penalties


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


def signature_table(
    doc: DocxDocument,
    blocks: Sequence[Sequence[Line]],
    columns: int = 2,
    width_mm: float = TEXT_WIDTH_MM,
) -> None:
    """Signature blocks side by side; an odd last block is centred. Each block's lines down
    to its room for the signature (its first two empty lines in a row) sit in one table row,
    the rest in the row under it, so that the names of a row line up however long the
    positions above them are; the two rows stay on one page."""
    count = -(-len(blocks) // columns)
    width = width_mm / columns
    paragraph(doc, "", after=6, keep_with_next=True)
    table = borderless_table(doc, 2 * count, [width] * columns)
    for number, block in enumerate(blocks):
        row, column = divmod(number, columns)
        split = _room(block)
        for offset, part in ((0, block[:split]), (1, block[split:])):
            cell = table.cell(2 * row + offset, column)
            if number == len(blocks) - 1 and column == 0 and columns > 1:
                cell = cell.merge(table.cell(2 * row + offset, columns - 1))  # a lone block
            lines(cell, part, cell.width.mm - 2 * CELL_PAD_MM if cell.width else width)
            if offset == 0:  # a block's position and its name stay on one page
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True
            elif row < count - 1:
                paragraph(cell, "", after=12)  # a gap before the next row of blocks
    keep_rows_whole(table)


def _room(block: Sequence[Line]) -> int:
    """Where a signature block's room to sign begins: its first two empty lines in a row."""
    for index in range(len(block) - 1):
        if not block[index].text and not block[index + 1].text:
            return index
    return len(block)


def keep_rows_whole(table: Table) -> None:
    """No row breaks across pages: a signature block stays in one piece."""
    for row in table.rows:
        _row_property(row, "w:cantSplit")


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
