"""The bloc's covenant (giao ước thi đua) as a .docx, as issued after the signing.

Every member unit's registered titles, themed campaigns and commitments, and the day it
signed; each unit's head signs for it, under its seal. A later issue names the one it
replaces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from docx.document import Document as DocxDocument

from domain.documents import DocumentKind, DocumentNumber, Person
from domain.model import Bloc
from domain.settings import LOCAL_TZ
from reports import docx_layout as layout
from reports import docx_parts as parts
from reports.bloc_words import BlocWords
from reports.docx_layout import Line

LAW_2022_IN_FORCE = date(2024, 1, 1)
UNIT_COLUMNS_MM = (12.0, 68.0, 52.0, 33.0)


@dataclass(frozen=True)
class CovenantUnit:
    name: str
    short_name: str
    titles: tuple[str, ...]
    campaigns: tuple[str, ...]
    commitments: str
    signed_at: datetime | None  # when the unit signed, before the issue; None: not yet
    is_leader: bool = False
    is_deputy: bool = False
    head: Person | None = None  # who signs for the unit, as what ("Giám đốc")


@dataclass(frozen=True)
class Covenant:
    bloc: Bloc
    year: int
    issued_on: date
    units: tuple[CovenantUnit, ...]
    number: DocumentNumber | None = None
    replaces: DocumentNumber | None = None


def build_covenant(covenant: Covenant) -> bytes:
    doc = layout.new_document()
    write_covenant(doc, covenant)
    return layout.to_bytes(doc)


def write_covenant(doc: DocxDocument, covenant: Covenant) -> None:
    """The covenant from the current end of `doc`."""
    if not doc.core_properties.title:
        doc.core_properties.title = f"Giao ước thi đua năm {covenant.year}"
    doc.core_properties.language = "vi-VN"
    parts.heading(doc, covenant.bloc, covenant.issued_on, DocumentKind.COVENANT, covenant.number)
    parts.title(doc, "GIAO ƯỚC THI ĐUA", f"Năm {covenant.year}")
    layout.paragraph(doc, introduction(covenant), indent=True)
    _units_section(doc, covenant)
    _content_section(doc, covenant)
    _execution_section(doc, covenant)
    layout.signature_table(doc, [signature(covenant, unit) for unit in covenant.units])
    parts.recipients(doc, recipients(covenant.bloc), before=12)


# --- wording ------------------------------------------------------------------------------


def law_basis(signed_on: date) -> str:
    """The law in force on the signing day: the 2022 law applies from 1 January 2024."""
    if signed_on >= LAW_2022_IN_FORCE:
        return "Luật Thi đua, khen thưởng số 06/2022/QH15"
    return "Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2009 và 2013)"


def introduction(covenant: Covenant) -> str:
    words = BlocWords(covenant.bloc)
    return (
        f"Căn cứ {law_basis(covenant.issued_on)} và Quy chế hoạt động của {words.label}, "
        f"{words.province}, các đơn vị thành viên của {words.word} thống nhất ký kết "
        f"giao ước thi đua năm {covenant.year}, quyết tâm hoàn thành tốt nhiệm vụ được giao "
        "và thực hiện các nội dung sau:"
    )


def execution(covenant: Covenant) -> list[str]:
    words = BlocWords(covenant.bloc)
    texts = [
        f"{words.leader} chủ trì, phối hợp với {words.deputy} theo dõi, đôn đốc các đơn vị "
        "thực hiện giao ước này. Tại hội nghị sơ kết 6 tháng và tổng kết năm, các đơn vị tự "
        f"chấm điểm theo bảng tiêu chí, thang điểm của {words.word}; {words.leader}, "
        f"{words.deputy} thẩm định kết quả, làm căn cứ xếp hạng, bình xét và đề nghị khen "
        "thưởng.",
        "Giao ước có hiệu lực kể từ ngày ký.",
    ]
    if covenant.replaces is not None:
        earlier = covenant.replaces
        when = parts.dated(_local(earlier.issued_at).date())
        texts[-1] += f" Giao ước này thay thế Giao ước thi đua số {earlier} {when}."
    texts[-1] += "/."
    return texts


def recipients(bloc: Bloc) -> list[str]:
    words = BlocWords(bloc)
    return [f"{words.board} (để báo cáo)", words.members, f"Lưu: VT, {words.leader}"]


def role(covenant: Covenant, unit: CovenantUnit) -> str | None:
    words = BlocWords(covenant.bloc)
    if unit.is_leader:
        return words.leader
    return words.deputy if unit.is_deputy else None


def unit_label(covenant: Covenant, unit: CovenantUnit) -> str:
    marked = role(covenant, unit)
    return f"{unit.name} ({marked})" if marked else unit.name


def _local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TZ) if moment.tzinfo else moment


def signed_on(signed_at: datetime | None) -> str | None:
    """The signing day as dd/mm/yyyy, in Vietnam's time zone."""
    return None if signed_at is None else _local(signed_at).strftime("%d/%m/%Y")


def listing(items: tuple[str, ...]) -> str:
    return "; ".join(item.strip() for item in items if item.strip())


# --- sections -----------------------------------------------------------------------------


def _units_section(doc: DocxDocument, covenant: Covenant) -> None:
    layout.heading(doc, "I", "Các đơn vị tham gia ký kết")
    rows = [
        (
            str(number),
            unit_label(covenant, unit),
            "\n".join(unit.titles) or "Chưa đăng ký",
            signed_on(unit.signed_at) or "Chưa ký kết",
        )
        for number, unit in enumerate(covenant.units, start=1)
    ]
    headers = ("STT", "Đơn vị", "Danh hiệu đăng ký", "Ngày ký kết")
    aligns = ("center", "left", "left", "center")
    layout.grid_table(doc, headers, rows, UNIT_COLUMNS_MM, aligns)
    layout.paragraph(doc, "", after=0)


def _content_section(doc: DocxDocument, covenant: Covenant) -> None:
    layout.heading(doc, "II", "Nội dung giao ước")
    for number, unit in enumerate(covenant.units, start=1):
        layout.heading(doc, str(number), unit_label(covenant, unit))
        titles = listing(unit.titles) or "chưa đăng ký"
        campaigns = listing(unit.campaigns) or "không đăng ký thêm"
        layout.paragraph(doc, f"- Danh hiệu thi đua phấn đấu đạt: {titles}.", indent=True)
        layout.paragraph(doc, f"- Phong trào thi đua theo chuyên đề: {campaigns}.", indent=True)
        _commitments(doc, unit.commitments)


def _commitments(doc: DocxDocument, text: str) -> None:
    items = [part.strip() for part in text.splitlines() if part.strip()]
    if not items:
        layout.paragraph(doc, "- Nội dung cam kết: chưa có.", indent=True)
        return
    layout.paragraph(doc, "- Nội dung cam kết:", indent=True, keep_with_next=True)
    for item in items:
        layout.paragraph(doc, item, indent=True)


def _execution_section(doc: DocxDocument, covenant: Covenant) -> None:
    layout.heading(doc, "III", "Tổ chức thực hiện")
    texts = execution(covenant)
    for number, text in enumerate(texts, start=1):
        layout.paragraph(doc, text, indent=True, keep_with_next=number == len(texts))


def signature(covenant: Covenant, unit: CovenantUnit) -> list[Line]:
    """The unit, its head's position, room to sign and seal, the head's name; under it the
    day the unit signed, or that it had not when the covenant was issued."""
    marked = role(covenant, unit)
    authority = [marked.upper() if marked else "", unit.name.upper()]
    if unit.head and unit.head.position:
        authority.append(unit.head.position.upper())
    block = parts.signer(authority, unit.head)
    day = signed_on(unit.signed_at)
    note = f"(Đã ký kết ngày {day})" if day else "(Chưa ký kết)"
    return [*block, Line(note, italic=True, size=12)]
