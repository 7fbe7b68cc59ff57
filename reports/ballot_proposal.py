"""The proposal (tờ trình) to the provincial Emulation Council for the units a ballot elected.

Only the Emulation Flag and the Certificate of Merit go to the council. A first round that
ends in a tie or with nobody through waits for its revote, whose proposal then lists the
units of both rounds: one award, one proposal."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from domain.ballots import BallotRecord
from reports import docx_layout as layout
from reports.ballot_minutes import issuer
from reports.ballot_wording import (
    AWARDS,
    BASES,
    NAME_BLANK,
    Proposed,
    base_note,
    form,
    local_time,
    percent,
    proposed,
    revote_pending,
    score_of,
    threshold_label,
)
from reports.covenant import bloc_label, law_basis, province_label
from reports.docx_layout import Line
from reports.labels import comma

NUMBER = "Số:       /TTr-KTĐ"
WITH_SCORE_MM = (12.0, 55.0, 20.0, 22.0, 20.0, 36.0)
WITHOUT_SCORE_MM = (12.0, 70.0, 25.0, 22.0, 36.0)
RECIPIENTS = ("- Như trên;", "- Các đơn vị thành viên Khối;", "- Lưu: VT.")


def council(record: BallotRecord) -> str:
    where = f" {province_label(record.province)}" if record.province.strip() else " tỉnh"
    return f"Hội đồng Thi đua - Khen thưởng{where}"


def build_ballot_proposal(record: BallotRecord) -> bytes | None:
    """The tờ trình as .docx, or None when there is nothing to propose to the council."""
    award = AWARDS.get(record.ballot.kind)
    chosen = proposed(record)
    if award is None or not chosen or revote_pending(record):
        return None
    day = local_time(record.ballot).date()
    doc = layout.new_document()
    doc.core_properties.title = f"Tờ trình đề nghị tặng {award} năm {record.year}"
    doc.core_properties.language = "vi-VN"
    place = record.province.strip() or "……"
    layout.national_heading(doc, issuer(record), place, day, NUMBER)
    layout.title(doc, "TỜ TRÌNH", f"Đề nghị tặng {award} năm {record.year}")
    layout.paragraph(doc, f"Kính gửi: {council(record)}.", align="center", after=12)
    bloc = bloc_label(record.bloc_name)
    dated = layout.date_line("", day).removeprefix(", ")
    for basis in (
        f"Căn cứ {law_basis(day)};",
        f"Căn cứ Quy chế hoạt động của {bloc};",
        f"Căn cứ Biên bản kiểm phiếu bình xét của {bloc} {dated},",
    ):
        layout.paragraph(doc, basis, indent=True)
    _grounds(doc, record, chosen)
    layout.paragraph(
        doc,
        f"{bloc} kính đề nghị {council(record)} xem xét, trình cấp có thẩm quyền tặng "
        f"{award} năm {record.year} cho {len(chosen)} đơn vị sau:",
        indent=True,
        keep_with_next=True,
    )
    _table(doc, chosen, award)
    layout.paragraph(doc, base_note(record), italic=True, size=12, before=3, after=0)
    layout.paragraph(doc, "(Kèm theo Biên bản kiểm phiếu bình xét.)", italic=True, size=12)
    layout.paragraph(doc, f"Kính trình {council(record)} xem xét, quyết định./.", indent=True)
    _signatures(doc, record)
    return layout.to_bytes(doc)


def _grounds(doc: DocxDocument, record: BallotRecord, chosen: list[Proposed]) -> None:
    ballot, counted = record.ballot, record.tally
    bloc = bloc_label(record.bloc_name)
    layout.paragraph(
        doc,
        f"{bloc} đã tổ chức bình xét bằng hình thức {form(ballot)} qua Thi Đua Bot, "
        f"có {counted.returned}/{counted.issued} đơn vị thành viên tham gia bỏ phiếu. "
        f"Theo Quy chế, đơn vị được đề nghị khi có số phiếu đồng ý đạt từ "
        f"{threshold_label(ballot.threshold)} trở lên so với {BASES[ballot.base]} "
        f"(cần ít nhất {counted.needed} phiếu). Kết quả:",
        indent=True,
        keep_with_next=True,
    )
    for entry in chosen:
        when = " ở lần bỏ phiếu thứ nhất" if entry.first_round else ""
        layout.paragraph(
            doc, f"- {entry.row.candidate.label}: {score_of(entry.row, entry.tally)}{when}.",
            indent=True,
        )  # fmt: skip


def _table(doc: DocxDocument, chosen: list[Proposed], award: str) -> None:
    scored = any(entry.row.candidate.score is not None for entry in chosen)
    headers = ["STT", "Tên đơn vị"]
    if scored:
        headers.append("Điểm\nthi đua")
    headers += ["Số phiếu\nđồng ý", "Tỷ lệ\nđồng ý", "Hình thức đề nghị"]
    rows = []
    for position, entry in enumerate(chosen, start=1):
        row, score = entry.row, entry.row.candidate.score
        cells = [str(position), row.candidate.label]
        if scored:
            cells.append("—" if score is None else comma(score))
        cells += [f"{row.approvals}/{entry.tally.returned}", percent(row.ratio), award]
        rows.append(cells)
    widths = WITH_SCORE_MM if scored else WITHOUT_SCORE_MM
    aligns = ["center", "left", *["center"] * (len(headers) - 3), "left"]
    layout.grid_table(doc, headers, rows, widths, aligns)


def _signatures(doc: DocxDocument, record: BallotRecord) -> None:
    """Recipients on the left, the leader unit's signature on the right, as Decree 30 sets."""
    layout.paragraph(doc, "", after=6, keep_with_next=True)
    half = layout.TEXT_WIDTH_MM / 2
    table = layout.borderless_table(doc, 1, [half, half])
    left, right = table.cell(0, 0), table.cell(0, 1)
    layout.paragraph(left, "Nơi nhận:", align="left", bold=True, italic=True, size=12, after=0)
    for line in RECIPIENTS:
        layout.paragraph(left, line, align="left", size=11, after=0)
    signer = [
        Line(f"TM. {bloc_label(record.bloc_name).upper()}", bold=True),
        Line("KHỐI TRƯỞNG", bold=True),
        Line(record.chair_unit, italic=True),
        *[Line("")] * 4,
        Line(NAME_BLANK),
    ]
    layout.lines(right, signer, half - 2 * layout.CELL_PAD_MM)
