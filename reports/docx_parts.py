"""The parts every paper of the bloc has, laid out as Decree 30/2020/NĐ-CP (Appendix I) sets:
the issuer block (the superior authority in capitals, the bloc's name in bold capitals, a
short rule) with the number and symbol under it, the national name and motto with the place
and date line under them, the title with its summary and rule, signature blocks (authority
and position in bold capitals, room for the signature and the seal, the name in bold) and
"Nơi nhận"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from docx.document import Document as DocxDocument

from domain.documents import DocumentKind, DocumentNumber, Person, issuer_abbreviation

__all__ = ["NAME_BLANK", "date_line", "dated", "heading", "position", "recipients", "signer"]
from domain.model import Bloc
from reports import docx_layout as layout
from reports.bloc_words import NAME_BLANK, BlocWords, date_line, dated, position
from reports.docx_layout import Container, Line

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MOTTO_WIDTH_MM = 56.0  # the motto's width at 13 pt bold: the rule under it is as long
# The national name and the issuer in 12 pt capitals, the motto in 13 pt (Decree 30 allows
# 12–13 and 13–14): the two columns keep a clear gap between them.
HEAD_PT = 12
HEADING_LEFT_MM = 66.0  # the issuer's column; the national name needs the rest
ISSUER_RULE_SHARE = 0.4  # the rule under the issuer: between a third and a half of its name
SIGNATURE_ROOM = 4  # empty lines between the position and the name: signature and seal
NUMBER_BLANK = "     "  # "Số:      /TTr-KTĐ" when the number is written by hand
SUMMARY_RULE_MM = 40.0
DATE_BLANK = "ngày …… tháng …… năm ……"


def issuer_lines(bloc: Bloc) -> list[Line]:
    """The authority above the bloc (upright capitals), then the bloc (bold capitals)."""
    name = BlocWords(bloc).label.upper()
    return [Line(bloc.superior.upper(), size=HEAD_PT), Line(name, bold=True, size=HEAD_PT)]


def number_line(bloc: Bloc, kind: DocumentKind, number: DocumentNumber | None) -> str:
    """'Số: 03/BB-KTĐ'; without a number yet, room to write it by hand."""
    if number is not None:
        return f"Số: {number}"
    return f"Số:{NUMBER_BLANK}/{kind.abbreviation}-{issuer_abbreviation(bloc)}"


def heading(
    doc: DocxDocument,
    bloc: Bloc,
    day: date | None,
    kind: DocumentKind | None = None,
    number: DocumentNumber | None = None,
    width_mm: float = layout.TEXT_WIDTH_MM,
) -> None:
    """The issuer and its number on the left; the national name, the motto and the place and
    date line on the right. A paper that takes no number (the score table) has none; one not
    dated yet (a draft) leaves the date to be written by hand."""
    right_mm = width_mm - HEADING_LEFT_MM
    table = layout.borderless_table(doc, 2, [HEADING_LEFT_MM, right_mm])
    left, right = table.cell(0, 0), table.cell(0, 1)
    left_space = HEADING_LEFT_MM - 2 * layout.CELL_PAD_MM
    right_space = right_mm - 2 * layout.CELL_PAD_MM
    issuer = issuer_lines(bloc)
    layout.lines(left, issuer, left_space)
    layout.rule(left, _rule_width(issuer[-1], left_space), left_space)
    national = [Line(NATIONAL_NAME, bold=True, size=HEAD_PT), Line(MOTTO, bold=True)]
    layout.lines(right, national)
    layout.rule(right, MOTTO_WIDTH_MM, right_space)
    if kind is not None:
        text = number_line(bloc, kind, number)
        layout.paragraph(table.cell(1, 0), text, align="center", before=4, after=0)
    place = BlocWords(bloc).place
    line = date_line(place, day) if day else f"{place}, {DATE_BLANK}"
    layout.paragraph(table.cell(1, 1), line, align="center", italic=True, before=4)


def _rule_width(line: Line, space_mm: float) -> float:
    longest = max(line.text.split("\n"), key=len)
    width = min(layout.text_width_mm(longest, line.size), space_mm)
    return round(width * ISSUER_RULE_SHARE, 1)


def title(
    doc: DocxDocument,
    name: str,
    summary: str = "",
    width_mm: float = layout.TEXT_WIDTH_MM,
    note: str = "",
) -> None:
    """The paper's kind in bold capitals, its summary in bold below, and a short rule; a
    note under the rule (what an attached paper goes with) in italics."""
    layout.paragraph(doc, name, align="center", bold=True, size=14, before=18, after=0)
    if summary:
        text = layout.balance(summary, int(width_mm / (0.19 * 14)))  # bold 14 pt, mixed case
        layout.paragraph(doc, text, align="center", bold=True, size=14, after=0)
    layout.rule(doc, SUMMARY_RULE_MM, width_mm)
    layout.paragraph(doc, note, align="center", italic=True, after=6)


# --- signatures -------------------------------------------------------------------------


def signer(authority: Sequence[str], person: Person | None) -> list[Line]:
    """Authority and position lines, room to sign and seal, and the name (or a dotted line
    for it, written by hand, when the bloc's data does not name the signer)."""
    block = [Line(text, bold=True) for text in authority if text]
    block += [Line("")] * SIGNATURE_ROOM
    block.append(Line(person.name, bold=True) if person else Line(NAME_BLANK))
    return block


def recipients(container: Container, items: Sequence[str], before: float = 0) -> None:
    """'Nơi nhận:' in bold italic 12 pt; each recipient a line in 11 pt, the last one the
    file copy ('- Lưu: VT, …'); kept on one page. Under signatures, `before` sets it apart."""
    layout.paragraph(
        container, "Nơi nhận:", align="left", bold=True, italic=True, size=12, before=before,
        after=0, keep_with_next=True,
    )  # fmt: skip
    for index, item in enumerate(items):
        last = index == len(items) - 1
        text = f"- {item}{'.' if last else ';'}"
        layout.paragraph(container, text, align="left", size=11, after=0, keep_with_next=not last)


def attachment_heading(doc: DocxDocument, bloc: Bloc, width_mm: float) -> None:
    """The top of a paper attached to another (the score table with the proposal): the
    issuer block alone, on the left, without number or national heading."""
    table = layout.borderless_table(doc, 1, [HEADING_LEFT_MM, width_mm - HEADING_LEFT_MM])
    space = HEADING_LEFT_MM - 2 * layout.CELL_PAD_MM
    issuer = issuer_lines(bloc)
    layout.lines(table.cell(0, 0), issuer, space)
    layout.rule(table.cell(0, 0), _rule_width(issuer[-1], space), space)


def closing(
    doc: DocxDocument,
    sent_to: Sequence[str],
    signature: Sequence[Line],
    width_mm: float = layout.TEXT_WIDTH_MM,
) -> None:
    """Recipients on the left, the signature on the right, kept on one page."""
    layout.paragraph(doc, "", after=6, keep_with_next=True)
    half = width_mm / 2
    table = layout.borderless_table(doc, 1, [half, half])
    layout.keep_rows_whole(table)
    left, right = table.cell(0, 0), table.cell(0, 1)
    recipients(left, sent_to)
    layout.lines(right, signature, half - 2 * layout.CELL_PAD_MM)
