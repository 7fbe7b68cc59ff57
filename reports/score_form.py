"""The score form (.xlsx) a unit fills in instead of typing its sheet item by item: sheet
"Cham_diem" lists every item by section, the bonus and the penalties with code, title,
maximum, how to write the score and what the draft holds now, and an empty score column;
sheet "Huong_dan" says how to fill it and send it back. imports.score_form reads it back."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from domain.criteria import CriteriaTable
from domain.scoring import example_score
from domain.services.scoring import SheetView
from domain.settings import LOCAL_TZ
from domain.sheets import Entry, EntrySource
from domain.summary import Cycle
from imports.score_form import COLUMNS, FORM, FORM_GUIDE_SHEET, FORM_SHEET
from reports import xlsx_styles as st
from reports.labels import bonus_heading, points
from reports.xlsx_cells import CellMaker, Value, clean

WIDTHS = {"code": 8, "title": 60, "kind": 9, "max": 9, "how": 24, "current": 16, "score": 14}
Line = tuple[str, str, str, Decimal | None, str, str, bool]  # code…current, and bold


def build_score_form(view: SheetView) -> bytes:
    """The unit's form for the sheet on screen, as .xlsx bytes ready to send."""
    workbook = Workbook()
    styles = st.register(workbook)
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = FORM_SHEET
    make = CellMaker(sheet, styles)
    sheet.append([make(field.heading, st.HEAD) for field in FORM.fields])
    for code, title, kind, maximum, how, current, bold in _lines(view):
        text = st.TEXT_BOLD if bold else st.TEXT
        values: list[tuple[Value, str]] = [
            (clean(code), st.INDEX), (clean(title), text), (kind, st.INDEX),
            (None if maximum is None else float(maximum), st.NUM), (how, st.INDEX),
            (current or None, st.INDEX), (None, st.INDEX),
        ]  # fmt: skip
        sheet.append(make.row(values))
    for index, key in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[key]
    sheet.freeze_panes = "B2"
    _guide(workbook.create_sheet(FORM_GUIDE_SHEET), view)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_name(view: SheetView) -> str:
    period = "6-thang" if view.sheet.cycle is Cycle.MIDYEAR else "ca-nam"
    return f"bang-diem-{view.unit.code}-{view.window.opens_at.year}-{period}.xlsx"


def _lines(view: SheetView) -> Iterator[Line]:
    table, entries = view.table, view.sheet.entries
    for section in table.sections:
        yield (section.code, section.title, "Phần", section.max_points, "", "", True)
        for item in section.items:
            how = f"0 – {points(item.max_points)}"
            current = _current(entries.get(item.code))
            yield (item.code, item.title, "Mục", item.max_points, how, current, False)
    if table.bonus:
        yield ("", bonus_heading(table), "", table.bonus_cap, "", "", True)
        for bonus in table.bonus:
            how = f"0 – {points(bonus.max_points)}"
            current = _current(entries.get(bonus.code))
            yield (bonus.code, bonus.title, "Thưởng", bonus.max_points, how, current, False)
    if table.penalties:
        yield ("", "Điểm trừ", "", None, "", "", True)
        for penalty in table.penalties:
            each = points(penalty.points)
            if penalty.per_occurrence:
                how = f"số lần (trừ {each} điểm mỗi lần)"
            else:
                how = f"có / không (trừ {each} điểm)"
            current = _current(entries.get(penalty.code), one_off=not penalty.per_occurrence)
            yield (penalty.code, penalty.title, "Trừ", None, how, current, False)


def _current(entry: Entry | None, one_off: bool = False) -> str:
    value = entry.own_value if entry else None
    if entry is None or value is None:
        return ""
    shown = ("có" if value else "không") if one_off else points(value)
    if entry.source is EntrySource.BOT:
        return f"{shown} (bot đã điền)"
    if entry.source is EntrySource.COPIED:
        return f"{shown} (chép kỳ trước)"
    return shown


def _guide(sheet: Worksheet, view: SheetView) -> None:
    table = view.table
    period = "sơ kết 6 tháng" if view.sheet.cycle is Cycle.MIDYEAR else "tổng kết"
    whose = view.unit.name if view.sheet.is_self else f"{view.unit.name} (chấm chéo)"
    closes = view.window.closes_at.astimezone(LOCAL_TZ)
    lines = [
        f"Bảng điểm {period} năm {view.window.opens_at.year} — {whose}",
        "",
        "Cách điền:",
        "1. Ở sheet «Cham_diem», ghi điểm vào cột «Điểm», mỗi tiêu chí một ô. Ô để trống thì "
        "giữ nguyên điểm đã ghi (cột «Đã ghi»).",
        f"2. Điểm từ 0 đến mức tối đa của tiêu chí, tối đa một chữ số thập phân, ví dụ "
        f"{_example(table)}.",
        *_bonus_rule(table),
        "3. Điểm trừ tính một lần: ghi «có» hoặc «không». Điểm trừ tính theo lần: ghi số lần "
        "(0, 1, 2…).",
        "4. Không sửa cột «Mã», tên sheet và dòng tiêu đề.",
        "5. Lưu tệp dạng .xlsx rồi gửi lại cho bot ở mục «⚡ Nhập nhanh» của /chamdiem. Dòng "
        "nào có lỗi, bot báo từng dòng và chưa ghi gì.",
        "",
        f"Hạn nộp: {closes:%H:%M} ngày {closes:%d/%m/%Y}.",
    ]
    for line in lines:
        sheet.append([line])
    sheet.column_dimensions["A"].width = 110


def _example(table: CriteriaTable) -> str:
    largest = max((i.max_points for s in table.sections for i in s.items), default=Decimal(10))
    example = example_score(largest)
    halved = points(max(example - Decimal("0.5"), Decimal(0)))
    return f"{points(example)} hoặc {halved} cho một tiêu chí tối đa {points(largest)} điểm"


def _bonus_rule(table: CriteriaTable) -> list[str]:
    if not table.bonus or table.bonus_cap is None:
        return []
    return [f"   Tổng điểm thưởng không quá {points(table.bonus_cap)} điểm."]
