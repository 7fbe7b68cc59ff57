"""The bloc's covenant (giao ước thi đua) as a .docx, after the signing conference.

Each member unit's registered titles, themed campaigns and commitments, with the date it
confirmed the covenant in the bot, laid out as a Vietnamese administrative document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from docx.document import Document as DocxDocument

from reports import docx_layout as layout
from reports.docx_layout import Line

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LAW_2022_IN_FORCE = date(2024, 1, 1)
CENTRAL_CITIES = frozenset({"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế"})
UNIT_COLUMNS_MM = (12.0, 68.0, 52.0, 33.0)


@dataclass(frozen=True)
class CovenantUnit:
    name: str
    short_name: str
    titles: tuple[str, ...]
    campaigns: tuple[str, ...]
    commitments: str
    signed_at: datetime | None  # when the unit confirmed the covenant; None: not yet
    is_leader: bool = False
    is_deputy: bool = False


@dataclass(frozen=True)
class Covenant:
    bloc_name: str
    province: str
    year: int
    signed_on: date
    place: str
    units: tuple[CovenantUnit, ...]


def build_covenant(covenant: Covenant) -> bytes:
    doc = layout.new_document()
    doc.core_properties.title = f"Giao ước thi đua năm {covenant.year}"
    doc.core_properties.language = "vi-VN"
    layout.national_heading(doc, issuer_lines(covenant), covenant.place, covenant.signed_on)
    layout.title(doc, f"GIAO ƯỚC THI ĐUA NĂM {covenant.year}")
    layout.paragraph(doc, introduction(covenant), indent=True)
    _units_section(doc, covenant)
    _content_section(doc, covenant)
    _execution_section(doc)
    layout.signature_table(doc, [signature(unit) for unit in covenant.units])
    return layout.to_bytes(doc)


# --- wording ------------------------------------------------------------------------------


def bloc_label(bloc_name: str) -> str:
    """'Khối 7' → 'Khối thi đua Khối 7'; a name that already says so is kept."""
    lowered = bloc_name.strip().lower()
    if lowered.startswith(("khối thi đua", "cụm thi đua")):
        return bloc_name.strip()
    return f"Khối thi đua {bloc_name.strip()}"


def province_label(province: str) -> str:
    """'Trà Vinh' → 'tỉnh Trà Vinh'; the cities under the central government are 'thành phố'."""
    name = province.strip()
    lowered = name.lower()
    if lowered.startswith(("tỉnh ", "thành phố ", "tp.")):
        return name
    kind = "thành phố" if lowered.removeprefix("tp ") in CENTRAL_CITIES else "tỉnh"
    return f"{kind} {name}"


def issuer_lines(covenant: Covenant) -> list[Line]:
    return [
        Line(bloc_label(covenant.bloc_name).upper(), bold=True),
        Line(province_label(covenant.province).upper(), bold=True),
    ]


def law_basis(signed_on: date) -> str:
    """The law in force on the signing day: the 2022 law applies from 1 January 2024."""
    if signed_on >= LAW_2022_IN_FORCE:
        return "Luật Thi đua, khen thưởng số 06/2022/QH15"
    return "Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2009 và 2013)"


def introduction(covenant: Covenant) -> str:
    bloc = bloc_label(covenant.bloc_name)
    return (
        f"Căn cứ {law_basis(covenant.signed_on)} và Quy chế hoạt động của {bloc}, "
        f"{province_label(covenant.province)}, các đơn vị thành viên của Khối thống nhất ký kết "
        f"giao ước thi đua năm {covenant.year}, quyết tâm hoàn thành tốt nhiệm vụ được giao "
        "và thực hiện các nội dung sau:"
    )


EXECUTION = (
    "Khối trưởng chủ trì, phối hợp với Khối phó theo dõi, đôn đốc các đơn vị thực hiện "
    "giao ước này. Tại hội nghị sơ kết 6 tháng và tổng kết năm, các đơn vị tự chấm điểm theo "
    "bảng tiêu chí, thang điểm của Khối; Khối trưởng, Khối phó thẩm định kết quả, làm căn cứ "
    "xếp hạng, bình xét và đề nghị khen thưởng.",
    "Giao ước có hiệu lực kể từ ngày ký; mỗi đơn vị xác nhận điện tử vào ngày ghi tại Mục I.",
)


def role(unit: CovenantUnit) -> str | None:
    if unit.is_leader:
        return "Khối trưởng"
    return "Khối phó" if unit.is_deputy else None


def unit_label(unit: CovenantUnit) -> str:
    marked = role(unit)
    return f"{unit.name} ({marked})" if marked else unit.name


def confirmed_on(signed_at: datetime | None) -> str | None:
    """The confirmation day as dd/mm/yyyy, in Vietnam's time zone."""
    if signed_at is None:
        return None
    local = signed_at.astimezone(LOCAL_TZ) if signed_at.tzinfo else signed_at
    return local.strftime("%d/%m/%Y")


def listing(items: tuple[str, ...]) -> str:
    return "; ".join(item.strip() for item in items if item.strip())


# --- sections -----------------------------------------------------------------------------


def _units_section(doc: DocxDocument, covenant: Covenant) -> None:
    layout.heading(doc, "I", "Các đơn vị tham gia ký kết")
    rows = [
        (
            str(number),
            unit_label(unit),
            "\n".join(unit.titles) or "Chưa đăng ký",
            confirmed_on(unit.signed_at) or "Chưa xác nhận",
        )
        for number, unit in enumerate(covenant.units, start=1)
    ]
    headers = ("STT", "Đơn vị", "Danh hiệu đăng ký", "Ngày xác nhận")
    aligns = ("center", "left", "left", "center")
    layout.grid_table(doc, headers, rows, UNIT_COLUMNS_MM, aligns)
    layout.paragraph(doc, "", after=0)


def _content_section(doc: DocxDocument, covenant: Covenant) -> None:
    layout.heading(doc, "II", "Nội dung giao ước")
    for number, unit in enumerate(covenant.units, start=1):
        layout.heading(doc, str(number), unit_label(unit))
        titles = listing(unit.titles) or "chưa đăng ký"
        campaigns = listing(unit.campaigns) or "không đăng ký thêm"
        layout.paragraph(doc, f"- Danh hiệu thi đua phấn đấu đạt: {titles}.", indent=True)
        layout.paragraph(doc, f"- Phong trào thi đua theo chuyên đề: {campaigns}.", indent=True)
        _commitments(doc, unit.commitments)


def _commitments(doc: DocxDocument, text: str) -> None:
    parts = [part.strip() for part in text.splitlines() if part.strip()]
    if not parts:
        layout.paragraph(doc, "- Nội dung cam kết: chưa có.", indent=True)
        return
    layout.paragraph(doc, "- Nội dung cam kết:", indent=True, keep_with_next=True)
    for part in parts:
        layout.paragraph(doc, part, indent=True)


def _execution_section(doc: DocxDocument) -> None:
    layout.heading(doc, "III", "Tổ chức thực hiện")
    for text in EXECUTION:
        layout.paragraph(doc, text, indent=True)


def signature(unit: CovenantUnit) -> list[Line]:
    block: list[Line] = []
    marked = role(unit)
    if marked:
        block.append(Line(marked.upper(), bold=True))
    block.append(Line(f"TM. {unit.name.upper()}", bold=True))
    day = confirmed_on(unit.signed_at)
    note = f"(đã xác nhận điện tử ngày {day})" if day else "(chưa xác nhận)"
    block.append(Line(note, italic=True))
    return block
