"""Named cell styles of the score table, registered once per workbook and shared by every cell
(assigning a name is cheap; building Font/Border objects per cell is not)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.indexed_list import IndexedList

FONT = "Times New Roman"
# Vietnamese grouping and decimal comma, "1.050,0", whatever the reader's own locale says.
NUMBER = "[$-42A]#,##0.0"
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
SUB_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="000000")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
OPEN_SIDES = Border(top=_THIN, bottom=_THIN)
OPEN_LEFT = Border(left=_THIN, top=_THIN, bottom=_THIN)  # closed on the left, open on the right
OPEN_RIGHT = Border(right=_THIN, top=_THIN, bottom=_THIN)

HEAD = "rp_head"
TEXT = "rp_text"
TEXT_BOLD = "rp_text_bold"
INDEX = "rp_index"
NUM = "rp_num"
SUB = "rp_sub"
TOTAL = "rp_total"
RANK = "rp_rank"
RANK_TIED = "rp_rank_tied"
MISSING = "rp_missing"
TITLE = "rp_title"
SUBTITLE = "rp_subtitle"
ORG = "rp_org"
DRAFT = "rp_draft"
NOTE = "rp_note"
NOTE_WRAP = "rp_note_wrap"
SUPERIOR = "rp_superior"  # the authority above the bloc: upright capitals
DATE = "rp_date"  # the place and date line
SIGN = "rp_sign"  # a signature block's role and position
SIGN_NAME = "rp_sign_name"
GROUP = "rp_group"  # a unit's heading row on the detail sheet: its first cell,
GROUP_MIDDLE = "rp_group_middle"  # the cells its text runs over,
GROUP_END = "rp_group_end"  # and the last one
REASON = "rp_reason"  # wrapped text in a bordered cell


def _style(
    name: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float = 11,
    color: str = "000000",
    horizontal: str = "center",
    wrap: bool = True,
    boxed: bool = True,
    number_format: str = "General",
    fill: PatternFill | None = None,
    border: Border | None = None,
) -> NamedStyle:
    style = NamedStyle(name=name)
    style.font = Font(name=FONT, size=size, bold=bold, italic=italic, color=color)
    style.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap)
    if border is not None:
        style.border = border
    elif boxed:
        style.border = BOX
    if fill is not None:
        style.fill = fill
    style.number_format = number_format
    return style


def register(workbook: Workbook) -> dict[str, StyleArray]:
    """Adds the named styles to the workbook; returns each one's cell style array. First, the
    workbook's default font becomes Times New Roman: column widths are counted in its digits,
    so the columns print as wide in LibreOffice (which lacks Calibri) as in Excel."""
    workbook._fonts = IndexedList([Font(name=FONT, size=11, family=1)])
    styles: dict[str, StyleArray] = {}
    for style in (
        _style(HEAD, bold=True, fill=HEAD_FILL),
        _style(TEXT, horizontal="left"),
        _style(TEXT_BOLD, bold=True, horizontal="left", fill=SUB_FILL),
        _style(INDEX),
        _style(NUM, number_format=NUMBER),
        _style(SUB, bold=True, number_format=NUMBER, fill=SUB_FILL),
        _style(TOTAL, bold=True, number_format=NUMBER),
        _style(RANK, bold=True, number_format="0"),
        _style(RANK_TIED, bold=True, number_format='0" (đồng hạng)"'),
        _style(MISSING, italic=True),
        _style(TITLE, bold=True, size=14, boxed=False, wrap=False),
        _style(SUBTITLE, italic=True, size=12, boxed=False, wrap=False),
        _style(ORG, bold=True, size=12, horizontal="left", wrap=False, boxed=False),
        _style(DRAFT, bold=True, size=12, color="C00000", boxed=False, wrap=False),
        _style(NOTE, italic=True, horizontal="left", wrap=False, boxed=False),
        _style(NOTE_WRAP, italic=True, horizontal="left", boxed=False),
        _style(SUPERIOR, size=12, horizontal="left", wrap=False, boxed=False),
        _style(DATE, italic=True, size=12, boxed=False),
        _style(SIGN, bold=True, size=12, boxed=False),
        _style(SIGN_NAME, bold=True, size=12, boxed=False, wrap=False),
        # A heading row runs on over its row's cells: no inner side borders to cross it.
        _style(GROUP, bold=True, horizontal="left", wrap=False, fill=SUB_FILL, border=OPEN_LEFT),
        _style(GROUP_MIDDLE, fill=SUB_FILL, border=OPEN_SIDES),
        _style(GROUP_END, fill=SUB_FILL, border=OPEN_RIGHT),
        _style(REASON, horizontal="left"),
    ):
        workbook.add_named_style(style)
        styles[style.name] = style.as_tuple()
    return styles
