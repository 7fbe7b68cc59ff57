"""The file for the provincial board (hồ sơ gửi Ban Thi đua - Khen thưởng) as one printable
.docx: a list of its papers, then the proposals, the minutes, the annual score table (by
section, on landscape pages; the .xlsx has every item) and the covenant, in that order. Each
paper starts on a new page and numbers its own pages, as it would printed on its own."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from domain.ballots import BallotRecord
from domain.documents import DocumentNumber, head_of
from domain.services.board_file import BoardFile
from domain.settings import LOCAL_TZ
from domain.summary import ScoreSummary
from reports import docx_layout as layout
from reports import docx_parts as parts
from reports.ballot_minutes import write_minutes
from reports.ballot_proposal import write_proposal
from reports.ballot_wording import award, local_time, subject
from reports.bloc_words import NAME_BLANK, BlocWords, date_line
from reports.covenant import write_covenant
from reports.docx_layout import Line
from reports.labels import DRAFT_NOTE, comma, final_rule, points, table_title
from reports.pledge_covenant import covenant_of

LIST_COLUMNS_MM = (12.0, 93.0, 30.0, 30.0)
STT_MM, UNIT_MM, RANK_MM = 13.0, 80.0, 16.0  # a unit's name on one line


def build_board_file(file: BoardFile) -> bytes:
    doc = layout.new_document()
    words = BlocWords(file.bloc)
    doc.core_properties.title = f"Hồ sơ gửi {words.board} năm {file.year} — {words.label}"
    doc.core_properties.language = "vi-VN"
    _contents(doc, file)
    for record in file.proposals:
        layout.new_part(doc)
        write_proposal(doc, record)
    for record in file.minutes:
        layout.new_part(doc)
        write_minutes(doc, record)
    width = layout.new_part(doc, landscape=True)
    write_table(doc, file.summary, width, _proposals(file))
    if file.covenant is not None:
        layout.new_part(doc)
        write_covenant(doc, covenant_of(file.covenant))
    return layout.to_bytes(doc)


def _contents(doc: DocxDocument, file: BoardFile) -> None:
    """The first page: what the file holds, paper by paper, with numbers and dates."""
    words = BlocWords(file.bloc)
    parts.heading(doc, file.bloc, file.made_at.astimezone(LOCAL_TZ).date())
    parts.title(doc, "HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", f"Năm {file.year}")
    layout.paragraph(doc, f"Kính gửi: {words.board}.", align="center", after=12)
    layout.paragraph(
        doc,
        f"{words.label} gửi {words.board} hồ sơ bình xét, đề nghị khen thưởng năm "
        f"{file.year}, gồm các văn bản sau:",
        indent=True,
    )
    rows = [_listed(number, *entry) for number, entry in enumerate(_papers(file), start=1)]
    headers = ("STT", "Văn bản", "Số, ký hiệu", "Ngày")
    layout.grid_table(doc, headers, rows, LIST_COLUMNS_MM, ("center", "left", "center", "center"))
    if file.covenant is None:
        layout.paragraph(
            doc, "(Giao ước thi đua năm chưa được lập nên chưa có trong hồ sơ.)", italic=True,
            size=12, before=3,
        )  # fmt: skip


def _papers(file: BoardFile) -> list[tuple[str, DocumentNumber | None, str]]:
    papers: list[tuple[str, DocumentNumber | None, str]] = []
    for record in file.proposals:
        what = f"Tờ trình đề nghị tặng {award(record)} năm {record.year}"
        papers.append((what, record.proposal_number, _day(record)))
    for record in file.minutes:
        first = record.ballot.can_revote and bool(record.tally.tied)
        round_ = " (lần bỏ phiếu thứ nhất)" if first else ""
        what = f"Biên bản kiểm phiếu: {subject(record)}{round_}"
        papers.append((what, record.minutes_number, _day(record)))
    dated = file.summary.dated.strftime("%d/%m/%Y") if file.summary.dated else ""
    papers.append((table_title(file.summary).capitalize(), None, dated))
    if file.covenant is not None:
        issued = file.covenant.issued_at.astimezone(LOCAL_TZ).strftime("%d/%m/%Y")
        papers.append((f"Giao ước thi đua năm {file.year}", file.covenant.number, issued))
    return papers


def _proposals(file: BoardFile) -> str:
    """'Tờ trình số 02/TTr-KTĐ, 05/TTr-KTĐ ngày 16/01/2023': what the table goes with."""
    numbers = [str(r.proposal_number) for r in file.proposals if r.proposal_number]
    days = sorted({_day(r) for r in file.proposals})
    if not numbers:
        return ""
    return f"Tờ trình số {', '.join(numbers)} ngày {', '.join(days)}"


def _listed(number: int, what: str, code: DocumentNumber | None, day: str) -> list[str]:
    return [str(number), what, str(code) if code else "", day]


def _day(record: BallotRecord) -> str:
    return local_time(record.ballot).strftime("%d/%m/%Y")


# --- the score table, by section --------------------------------------------------------


def write_table(
    doc: DocxDocument, summary: ScoreSummary, width_mm: float, attached_to: str = ""
) -> None:
    """The published table as a printed page shows it, attached to the proposals: each
    unit's section subtotals, bonus, penalties, own and verified totals and rank, then the
    date and the signatures."""
    words = BlocWords(summary.issuer)
    parts.attachment_heading(doc, summary.issuer, width_mm)
    scale = f"{words.label} — thang điểm {points(summary.table.scale)}"
    note = f"(Kèm theo {attached_to})" if attached_to else ""
    parts.title(doc, table_title(summary), scale, width_mm, note)
    if not summary.published:
        layout.paragraph(doc, DRAFT_NOTE, align="center", bold=True)
    headers, rows = _table_rows(summary)
    fixed = STT_MM + UNIT_MM + RANK_MM
    other = (width_mm - fixed) / (len(headers) - 3)
    widths = [STT_MM, UNIT_MM, *[other] * (len(headers) - 3), RANK_MM]
    aligns = ["center", "left", *["center"] * (len(headers) - 2)]
    layout.grid_table(doc, headers, rows, widths, aligns)
    note = f"Ghi chú: {final_rule(summary.table)} Điểm từng tiêu chí: xem bảng tính kèm theo."
    layout.paragraph(doc, note, italic=True, size=12, before=3, keep_with_next=True)
    _table_signatures(doc, summary, width_mm)


def _table_rows(summary: ScoreSummary) -> tuple[list[str], list[list[str]]]:
    table = summary.table
    headers = ["STT", "Đơn vị"]
    headers += [f"Phần {s.code}\n({points(s.max_points)})" for s in table.sections]
    if table.bonus:
        headers.append("Điểm\nthưởng")
    if table.penalties:
        headers.append("Điểm\ntrừ")
    headers += ["Tự\nchấm", "Thẩm\nđịnh", "Xếp\nhạng"]
    rows = []
    for number, row in enumerate(summary.rows, start=1):
        final = row.final_totals
        cells = [str(number), row.unit_name]
        cells += [comma(final.sections.get(s.code, 0)) for s in table.sections]
        if table.bonus:
            cells.append(comma(final.bonus))
        if table.penalties:
            cells.append(comma(final.penalties))
        rank = f"{row.rank}\n(đồng hạng)" if row.tied else str(row.rank)
        cells += [comma(row.self_totals.final), comma(final.final), rank]
        rows.append(cells)
    for number, name in enumerate(summary.unranked, start=len(summary.rows) + 1):
        rows.append([str(number), name, *["Không nộp"] + [""] * (len(headers) - 3)])
    return headers, rows


def _table_signatures(doc: DocxDocument, summary: ScoreSummary, width_mm: float) -> None:
    """The date over the leader's block; who made the table beside it, names in line."""
    words = BlocWords(summary.issuer)
    head = head_of(summary.leader)
    maker = [Line(""), Line("NGƯỜI LẬP BIỂU", bold=True), *[Line("")] * parts.SIGNATURE_ROOM]
    maker.append(Line(summary.prepared_by, bold=True) if summary.prepared_by else Line(NAME_BLANK))
    authority = [f"TM. {words.label.upper()}", words.leader.upper()]
    leader = parts.signer([*authority, parts.position(head, summary.leader)], head)
    day = date_line(words.place, summary.dated.date()) if summary.dated else ""
    leader.insert(0, Line(day, italic=True))
    layout.signature_table(doc, [maker, leader], width_mm=width_mm)
