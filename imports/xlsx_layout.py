"""The .xlsx layout of a bloc file: sheets, Vietnamese headings, YAML keys and cell values.

Key/value sheets hold one mapping of the YAML file (``bloc``, ``rules``...) as rows of
label | key | value; table sheets hold one list (``units``, the criteria) as one row per entry.
Sheet names are ASCII because some Excel versions and macros mishandle diacritics in them.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["text", "number", "bool", "list", "monthday", "any"]

LABEL_HEADING = "Thông tin"
KEY_HEADING = "Khóa"
VALUE_HEADING = "Giá trị"
GUIDE_SHEET = "Huong_dan"

YES = "có"
NO = "không"
_TRUE = {"có", "co", "true", "1", "x", "yes"}
_FALSE = {"không", "khong", "false", "0", "no"}


@dataclass(frozen=True)
class Field:
    """One key/value row or one table column.

    ``key`` is the YAML key, dotted for nested mappings (``pledge_window.opens``).
    """

    key: str
    heading: str
    kind: Kind = "text"
    hint: str = ""
    optional: bool = False  # a column added later: workbooks made before it still read


@dataclass(frozen=True)
class Sheet:
    name: str
    path: str  # where the sheet lands in the data: "bloc", "units", "criteria"...
    description: str
    fields: tuple[Field, ...]
    key_value: bool = False

    @property
    def headings(self) -> tuple[str, ...]:
        if self.key_value:
            return (LABEL_HEADING, KEY_HEADING, VALUE_HEADING)
        return tuple(field.heading for field in self.fields)

    @property
    def column_keys(self) -> dict[str, str]:
        """Heading -> the key a row's cell is stored under while reading."""
        if self.key_value:
            return {LABEL_HEADING: "label", KEY_HEADING: "key", VALUE_HEADING: "value"}
        return {field.heading: field.key for field in self.fields}

    @property
    def required_headings(self) -> tuple[str, ...]:
        # The label column only helps people read the sheet; the key column is what counts.
        optional = {field.heading for field in self.fields if field.optional}
        return tuple(h for h in self.headings if h != LABEL_HEADING and h not in optional)


def _window(key: str, name: str) -> tuple[Field, Field]:
    return (
        Field(f"{key}.opens", f"{name}: ngày mở (tháng-ngày)", "monthday", "Ví dụ 01-05"),
        Field(f"{key}.closes", f"{name}: ngày đóng (tháng-ngày)", "monthday", "Ví dụ 03-31"),
    )


FACT_HINT = (
    "Chỉ cho dòng trừ mà bot tự biết: covenant_unsigned (không ký giao ước đúng hạn), "
    "conference_absence (vắng hội nghị), late_report (nộp báo cáo trễ hạn); để trống nếu không"
)

# Criteria rows: the "kind" column decides the list; "points" is "max" or, for penalties, "points".
CRITERION_KINDS = {"muc": "sections", "thuong": "bonus", "tru": "penalties"}
CRITERION_KIND_LABELS = {"sections": "mục", "bonus": "thưởng", "penalties": "trừ"}

_SHEET_LIST = (
    Sheet(
        "Khoi",
        "bloc",
        "Thông tin chung của khối thi đua; nhập ở cột «Giá trị», giữ nguyên cột «Khóa».",
        (
            Field("code", "Mã khối", hint="Chữ thường không dấu, số và dấu '-'"),
            Field("name", "Tên khối"),
            Field("province", "Tỉnh/thành phố"),
            Field("year", "Năm", "number"),
            Field("leader", "Trưởng khối (mã đơn vị)"),
            Field("deputy", "Phó khối (mã đơn vị)"),
            Field("rotation", "Luân phiên trưởng khối (mã đơn vị)", "list", "Ví dụ SNN, PTTH, STN"),
            Field("kind_word", "Khối hay cụm", hint="khối hoặc cụm; để trống: theo tên khối"),
            Field(
                "province_kind",
                "Tỉnh hay thành phố trực thuộc trung ương",
                hint="tỉnh hoặc thành phố; để trống: theo danh sách 6 thành phố trực thuộc TW",
            ),
            Field(
                "superior",
                "Cơ quan cấp trên (dòng đầu của văn bản)",
                hint="Ví dụ UBND tỉnh Trà Vinh; để trống: UBND tỉnh/thành phố",
            ),
        ),
        key_value=True,
    ),
    Sheet(
        "Don_vi",
        "units",
        "Mỗi dòng một đơn vị thành viên; mã đơn vị được dùng ở các sheet khác.",
        (
            Field("code", "Mã đơn vị", hint="Mã ngắn, không trùng, ví dụ SNN"),
            Field("name", "Tên đơn vị"),
            Field("short_name", "Tên viết tắt"),
            Field("head_name", "Thủ trưởng (họ và tên)", hint="Người ký văn bản cho đơn vị"),
            Field("head_position", "Chức vụ thủ trưởng", hint="Ví dụ Giám đốc"),
        ),
    ),
    Sheet(
        "Quy_dinh",
        "rules",
        "Quy định bình xét: ghi có/không cho câu hỏi có hoặc không, tỷ lệ ghi dạng 0,7.",
        (
            Field("ballot_secret", "Bỏ phiếu kín (có/không)", "bool"),
            Field("threshold", "Tỷ lệ phiếu đồng ý tối thiểu", "number", "Ví dụ 0,7"),
            Field(
                "threshold_base",
                "Tỷ lệ tính trên: all_members (tổng số thành viên), "
                "present_members (số thành viên có mặt)",
            ),
            Field("flag_quota", "Số Cờ thi đua được đề nghị", "number"),
            Field("merit_quota_ratio", "Tỷ lệ tối đa đề nghị Bằng khen", "number", "Ví dụ 0,5"),
            Field(
                "scoring_mode",
                "Cách chấm: verify (đơn vị tự chấm, trưởng và phó khối thẩm định), "
                "cross (chấm chéo)",
            ),
            Field("leader_selection", "Chọn trưởng khối: rotation (luân phiên), election (bầu)"),
        ),
        key_value=True,
    ),
    Sheet(
        "Lich",
        "calendar",
        "Ngày ghi dạng tháng-ngày, ví dụ 01-05 là ngày 5 tháng 1; nhắc việc ghi cách nhau "
        "bằng dấu phẩy, ví dụ 7d, 1d, 2h (d = ngày, h = giờ).",
        (
            *_window("pledge_window", "Đăng ký thi đua"),
            *_window("midyear_window", "Sơ kết 6 tháng"),
            *_window("annual_window", "Tổng kết năm"),
            Field("conference_reminders", "Nhắc trước hội nghị", "list", "Ví dụ 7d, 1d, 2h"),
            Field("deadline_reminders", "Nhắc trước hạn chót", "list", "Ví dụ 3d, 1d"),
        ),
        key_value=True,
    ),
    Sheet(
        "Thang_diem",
        "criteria",
        "Thang điểm của bảng tiêu chí và tổng điểm thưởng tối đa.",
        (
            Field("scale", "Thang điểm (tổng điểm tối đa các mục)", "number"),
            Field("bonus_cap", "Điểm thưởng tối đa", "number"),
        ),
        key_value=True,
    ),
    Sheet(
        "Tieu_chi",
        "criteria",
        "Mỗi dòng một tiêu chí. Loại: mục (tiêu chí chấm điểm, thuộc một phần), thưởng "
        "(điểm cộng), trừ (điểm trừ). Các dòng cùng «Mã phần» được gộp thành một phần theo "
        "thứ tự xuất hiện. Với dòng trừ, cột điểm là số điểm bị trừ; «Mỗi lần vi phạm» ghi "
        "có nếu trừ theo từng lần vi phạm; «Bot tự điền» ghi việc bot tự biết để điền sẵn "
        "(covenant_unsigned, conference_absence hoặc late_report).",
        (
            Field("kind", "Loại", hint="mục, thưởng hoặc trừ"),
            Field("section.code", "Mã phần", hint="Chỉ cho dòng mục, ví dụ I"),
            Field("section.title", "Tên phần"),
            Field("code", "Mã tiêu chí"),
            Field("title", "Nội dung tiêu chí"),
            Field("points", "Điểm tối đa / điểm trừ", "number", "Số thập phân ghi 2,5"),
            Field("per_occurrence", "Mỗi lần vi phạm (có/không)", "bool", "Để trống nếu không"),
            Field("fact", "Bot tự điền", hint=FACT_HINT, optional=True),
        ),
    ),
)

SHEETS: dict[str, Sheet] = {sheet.name: sheet for sheet in _SHEET_LIST}

GUIDE_LINES = (
    "Hướng dẫn nhập khối thi đua bằng tệp Excel",
    "Tệp này có cùng nội dung với tệp YAML: mỗi sheet là một phần của tệp.",
    "Không đổi tên sheet và tên cột ở dòng đầu tiên; dòng trống được bỏ qua.",
    "Sheet dạng «Khóa / Giá trị»: chỉ nhập cột «Giá trị», để trống nếu chưa có.",
    "Số thập phân ghi 2,5 hoặc 2.5; câu hỏi có hoặc không ghi «có» hoặc «không».",
)


# --- cell values ---------------------------------------------------------------------------


def heading_key(text: object) -> str:
    """Headings match ignoring case, spacing and parenthesised hints such as "(có/không)"."""
    plain = re.sub(r"\(.*?\)", "", unicodedata.normalize("NFC", str(text)))
    return " ".join(plain.casefold().split())


def fold(text: str) -> str:
    """Lower-case ASCII form, so that "Thưởng", "thuong" and "THUONG" are one kind."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def clean_cell(value: object) -> Any:
    """None for blank cells, stripped NFC strings, int for integral numbers."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip() or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def cell_to_yaml(value: Any, kind: Kind) -> Any:
    """The YAML value for a cell; anything that does not parse stays as typed, for validation."""
    if kind == "text" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if kind == "number" and isinstance(value, str):
        return _parse_number(value)
    if kind == "bool" and isinstance(value, str | int):
        text = fold(str(value)) if isinstance(value, str) else str(value)
        return True if text in _TRUE else False if text in _FALSE else value
    if kind == "list":
        return [part.strip() for part in str(value).split(",") if part.strip()]
    if kind == "monthday" and isinstance(value, datetime.date):
        # Excel turns "01-05" typed into an unformatted cell into a date.
        return f"{value.month:02d}-{value.day:02d}"
    return value


def _parse_number(text: str) -> int | float | str:
    candidate = text.replace(" ", "")
    if "," in candidate and "." not in candidate:
        candidate = candidate.replace(",", ".")
    try:
        number = float(candidate)
    except ValueError:
        return text
    if not math.isfinite(number):
        return text
    return int(number) if number.is_integer() else number


def yaml_to_cell(value: Any) -> Any:
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    if isinstance(value, int | float | str | datetime.date) or value is None:
        return value
    return str(value)


class WorkbookFormatError(ValueError):
    """The workbook lacks a sheet or header, or has a row that fits nowhere. Kept here, away
    from openpyxl, so that callers can catch it without loading openpyxl before a file comes."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages
