"""The proposal (tờ trình) to the provincial Emulation Council for the units a ballot elected.

Only the Emulation Flag and the Certificate of Merit go to the council. A first round that
ends in a tie or with nobody through waits for its revote, whose proposal then lists the
units of both rounds: one award, one proposal. The head of the leader unit signs for the bloc,
under its seal."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from domain.ballots import BallotRecord, proposes
from domain.documents import DocumentKind, head_of
from reports import docx_layout as layout
from reports import docx_parts as parts
from reports.ballot_wording import (
    BASES,
    Proposed,
    award,
    base_note,
    form,
    local_time,
    percent,
    proposed,
    score_of,
    threshold_label,
)
from reports.bloc_words import BlocWords
from reports.covenant import law_basis
from reports.labels import comma

WITH_SCORE_MM = (12.0, 55.0, 20.0, 22.0, 20.0, 36.0)
WITHOUT_SCORE_MM = (12.0, 70.0, 25.0, 22.0, 36.0)


def recipients(record: BallotRecord) -> list[str]:
    words = BlocWords(record.bloc)
    return ["Như trên", words.board, words.members, f"Lưu: VT, {words.leader}"]


def build_ballot_proposal(record: BallotRecord) -> bytes | None:
    """The tờ trình as .docx, or None when there is nothing to propose to the council."""
    if not proposes(record.ballot, record.tally, record.earlier):
        return None
    doc = layout.new_document()
    write_proposal(doc, record)
    return layout.to_bytes(doc)


def write_proposal(doc: DocxDocument, record: BallotRecord) -> None:
    """The proposal from the current end of `doc`; only for a ballot that `proposes`."""
    prize = award(record)
    chosen = proposed(record)
    assert prize is not None and chosen
    words = BlocWords(record.bloc)
    day = local_time(record.ballot).date()
    if not doc.core_properties.title:
        doc.core_properties.title = f"Tờ trình đề nghị tặng {prize} năm {record.year}"
    doc.core_properties.language = "vi-VN"
    parts.heading(doc, record.bloc, day, DocumentKind.PROPOSAL, record.proposal_number)
    parts.title(doc, "TỜ TRÌNH", f"Về việc đề nghị tặng {prize} năm {record.year}")
    layout.paragraph(doc, f"Kính gửi: {words.council}.", align="center", after=12)
    minutes = record.minutes_number
    which = f"số {minutes} " if minutes else ""
    for basis in (
        f"Căn cứ {law_basis(day)};",
        f"Căn cứ Quy chế hoạt động của {words.label};",
        f"Căn cứ Biên bản kiểm phiếu {which}{parts.dated(day)} của {words.label},",
    ):
        layout.paragraph(doc, basis, indent=True)
    _grounds(doc, record, chosen)
    layout.paragraph(
        doc,
        f"{words.label} kính đề nghị {words.council} xem xét, trình cấp có thẩm quyền tặng "
        f"{prize} năm {record.year} cho {len(chosen)} đơn vị sau:",
        indent=True,
        keep_with_next=True,
    )
    _table(doc, chosen, prize)
    layout.paragraph(doc, base_note(record), italic=True, size=12, before=3, after=0)
    attached = f"Biên bản kiểm phiếu {which}{parts.dated(day)}".strip()
    layout.paragraph(
        doc,
        f"(Kèm theo {attached} và Bảng tổng hợp kết quả chấm điểm thi đua năm {record.year}.)",
        italic=True,
        size=12,
    )
    # The last lines go with the signature: a signature never stands alone on a page.
    closing = f"Kính trình {words.council} xem xét, quyết định./."
    layout.paragraph(doc, closing, indent=True, keep_with_next=True)
    parts.closing(doc, recipients(record), signature(record))


def signature(record: BallotRecord) -> list[layout.Line]:
    """For the bloc, its leader: the head of the leader unit, as that unit's head."""
    words = BlocWords(record.bloc)
    head = head_of(record.leader)
    position = parts.position(head, record.leader)
    return parts.signer([f"TM. {words.label.upper()}", words.leader.upper(), position], head)


def _grounds(doc: DocxDocument, record: BallotRecord, chosen: list[Proposed]) -> None:
    ballot, counted = record.ballot, record.tally
    words = BlocWords(record.bloc)
    layout.paragraph(
        doc,
        f"{words.label} đã tổ chức bình xét bằng hình thức {form(ballot)}, "
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


def _table(doc: DocxDocument, chosen: list[Proposed], prize: str) -> None:
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
        cells += [f"{row.approvals}/{entry.tally.returned}", percent(row.ratio), prize]
        rows.append(cells)
    widths = WITH_SCORE_MM if scored else WITHOUT_SCORE_MM
    aligns = ["center", "left", *["center"] * (len(headers) - 3), "left"]
    layout.grid_table(doc, headers, rows, widths, aligns)
