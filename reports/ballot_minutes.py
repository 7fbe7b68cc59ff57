"""The minutes of a closed ballot (biên bản kiểm phiếu) as a .docx.

As Decree 30's template for minutes has them: when and where, who chaired, who took the
minutes and who counted, the units present and those that voted, the count, the conclusion,
when it ended and how many copies were made; the secretary, the chair and the head of the
counting committee sign; the receipt codes of the ballots counted are an annex. A revote's
minutes carry the first round's figures. The wording shared with the proposal and the chart
(subjects, thresholds, ratios, who is proposed) lives in `reports.ballot_wording`."""

from __future__ import annotations

from datetime import datetime

from docx.document import Document as DocxDocument

from domain.ballots import BallotKind, BallotRecord, Outcome, Tally, proposes
from domain.documents import DocumentKind, Person
from reports import docx_layout as layout
from reports import docx_parts as parts
from reports.ballot_wording import (
    BASES,
    base_note,
    form,
    local,
    local_time,
    names,
    percent,
    result_words,
    score_of,
    subject,
    threshold_label,
)
from reports.bloc_words import BlocWords

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")
UNIT_COLUMNS_MM = (12.0, 73.0, 25.0, 25.0, 30.0)
MOTION_COLUMNS_MM = (12.0, 58.0, 22.0, 25.0, 22.0, 26.0)
RECEIPT_COLUMNS = 4  # receipt codes per row of the annex's table
# Narrow headers break between words, not "Tỷ lệ đồng / ý": each line stays a phrase.
UNIT_HEADERS = ("STT", "Đơn vị", "Số phiếu\nđồng ý", "Tỷ lệ\nđồng ý", "Kết quả")
MOTION_HEADERS = ("STT", "Nội dung", "Đồng ý", "Không\nđồng ý", "Tỷ lệ\nđồng ý", "Kết quả")
VERDICTS = {
    (False, True): "Đạt",
    (False, False): "Không đạt",
    (True, True): "Thông qua",
    (True, False): "Không thông qua",
}
ONLINE = "bỏ phiếu điện tử, mỗi đơn vị bỏ phiếu tại cơ quan mình"


def clock(moment: datetime) -> str:
    """'15 giờ 30 phút, ngày 20 tháng 12 năm 2024'."""
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {parts.dated(moment.date())}"


def copies(record: BallotRecord) -> list[str]:
    """Where each copy goes: the board's with the proposal, then the leader's and deputy's."""
    words = BlocWords(record.bloc)
    kept = [f"01 bản lưu tại {words.leader}", f"01 bản lưu tại {words.deputy}"]
    if proposes(record.ballot, record.tally, record.earlier):
        return [f"01 bản gửi {words.board} (kèm Tờ trình)", *kept]
    return kept


def recipients(record: BallotRecord) -> list[str]:
    words = BlocWords(record.bloc)
    sent = [words.members]
    if proposes(record.ballot, record.tally, record.earlier):
        sent.insert(0, f"{words.board} (kèm Tờ trình)")
    return [*sent, f"Lưu: {words.leader}, {words.deputy}"]


def build_ballot_minutes(record: BallotRecord) -> bytes:
    doc = layout.new_document()
    write_minutes(doc, record)
    return layout.to_bytes(doc)


def write_minutes(doc: DocxDocument, record: BallotRecord) -> None:
    """The minutes from the current end of `doc` (a document of their own, or a part of the
    file sent to the board)."""
    ballot = record.ballot
    if not doc.core_properties.title:
        doc.core_properties.title = f"Biên bản kiểm phiếu: {subject(record)}"
    doc.core_properties.language = "vi-VN"
    day = local_time(ballot).date()
    parts.heading(doc, record.bloc, day, DocumentKind.MINUTES, record.minutes_number)
    heading = "BIÊN BẢN KIỂM PHIẾU" if ballot.secret else "BIÊN BẢN KẾT QUẢ BIỂU QUYẾT"
    parts.title(doc, heading, subject(record))
    numbers = iter(ROMAN)
    _when_and_who(doc, next(numbers), record)
    _rule(doc, next(numbers), record)
    if record.earlier is not None:
        _first_round(doc, next(numbers), record.earlier, record)
    _count(doc, next(numbers), record)
    motion = ballot.kind.is_yes_no
    layout.heading(doc, next(numbers), "Kết quả biểu quyết" if motion else "Kết luận")
    for text in result_words(record):
        layout.paragraph(doc, text, indent=True)
    _ending(doc, record)
    _signatures(doc, record)
    parts.recipients(doc, recipients(record), before=12)
    _annex(doc, record)


def _bullet(doc: DocxDocument, text: str) -> None:
    layout.paragraph(doc, f"- {text}", indent=True)


def _person(person: Person | None) -> str:
    return parts.NAME_BLANK if person is None else str(person)


def _when_and_who(doc: DocxDocument, number: str, record: BallotRecord) -> None:
    ballot, officials = record.ballot, record.ballot.officials
    words = BlocWords(record.bloc)
    layout.heading(doc, number, "Thời gian, địa điểm, thành phần")
    _bullet(doc, f"Thời gian bắt đầu: {clock(local(ballot.opened_at))}.")
    _bullet(doc, f"Địa điểm: {ballot.place.strip() or ONLINE}.")
    _bullet(doc, f"Chủ trì: {_person(officials.chair)} (đơn vị {words.leader}).")
    _bullet(doc, f"Thư ký: {_person(officials.secretary)}.")
    _committee(doc, record)
    _units(doc, "Đơn vị có mặt", record.present, len(record.members))
    absent = [unit for unit in record.members if unit not in record.present]
    if absent:
        _bullet(doc, f"Đơn vị vắng mặt: {names(absent)}.")


def _committee(doc: DocxDocument, record: BallotRecord) -> None:
    tellers = record.ballot.officials.tellers
    if not tellers:  # named by hand on the printed minutes
        layout.paragraph(doc, "- Ban kiểm phiếu gồm:", indent=True, keep_with_next=True)
        for position, role in enumerate(("Trưởng ban", "Thành viên"), start=1):
            blank = f"{position}. {parts.NAME_BLANK} — {role}."
            layout.paragraph(doc, blank, align="left", indent=True, after=2)
        return
    layout.paragraph(doc, "- Ban kiểm phiếu gồm:", indent=True, keep_with_next=True)
    for position, person in enumerate(tellers, start=1):
        role = "Trưởng ban" if position == 1 else "Thành viên"
        layout.paragraph(doc, f"{position}. {person} — {role}.", indent=True, after=2)


def _units(doc: DocxDocument, label: str, units: tuple[str, ...], total: int) -> None:
    listed = ":" if units else " (không có đơn vị nào)."
    text = f"- {label}: {len(units)}/{total} đơn vị thành viên{listed}"
    layout.paragraph(doc, text, indent=True, keep_with_next=bool(units))
    for position, unit in enumerate(units, start=1):
        layout.paragraph(doc, f"{position}. {unit}", indent=True, after=2)


def _rule(doc: DocxDocument, number: str, record: BallotRecord) -> None:
    ballot, counted = record.ballot, record.tally
    layout.heading(doc, number, "Nội dung, hình thức và nguyên tắc")
    content = ballot.title.strip() if ballot.kind is BallotKind.QUESTION else subject(record)
    _bullet(doc, f"Nội dung: {content}" + ("" if content.endswith(("?", ".", "!")) else "."))
    _bullet(doc, f"Hình thức: {form(ballot)} bằng phiếu điện tử; mỗi đơn vị thành viên một phiếu.")
    motion = ballot.kind.is_yes_no
    if not motion:
        _bullet(doc, f"Đơn vị được bình xét: {names([c.label for c in ballot.candidates])}.")
    who = "nội dung được thông qua" if motion else "đơn vị được đề nghị"
    text = (
        f"Nguyên tắc: {who} khi có số phiếu đồng ý đạt từ {threshold_label(ballot.threshold)} "
        f"trở lên so với {BASES[ballot.base]}. Căn cứ tính tỷ lệ là {counted.base} đơn vị, "
        f"nên cần ít nhất {counted.needed} phiếu đồng ý."
    )
    if not motion:
        text += (
            f" Số đơn vị được đề nghị tối đa: {ballot.quota}; "
            f"mỗi phiếu đồng ý tối đa {ballot.quota} đơn vị."
        )
    _bullet(doc, text)


def _first_round(doc: DocxDocument, number: str, earlier: Tally, record: BallotRecord) -> None:
    layout.heading(doc, number, "Kết quả lần bỏ phiếu thứ nhất")
    figures = f"Phát ra {earlier.issued} phiếu, thu về {earlier.returned} phiếu"
    _bullet(doc, f"{figures}; cần ít nhất {earlier.needed} phiếu đồng ý.")
    for row in earlier.rows:
        layout.paragraph(doc, f"+ {row.candidate.label}: {score_of(row, earlier)}.", indent=True)
    if earlier.elected:
        _bullet(doc, f"Đơn vị đạt ở lần thứ nhất: {names([c.label for c in earlier.elected])}.")
    tie = earlier.outcome is Outcome.TIE
    reason = "bằng phiếu nhau ở suất cuối cùng" if tie else "chưa đạt tỷ lệ theo quy định"
    tied = names([c.label for c in earlier.tied])
    word = BlocWords(record.bloc).word
    _bullet(doc, f"Các đơn vị {tied} {reason}, nên {word} bỏ phiếu lại một lần (lần thứ hai).")


def _count(doc: DocxDocument, number: str, record: BallotRecord) -> None:
    counted = record.tally
    layout.heading(doc, number, "Kết quả kiểm phiếu")
    _bullet(doc, f"Số phiếu phát ra: {counted.issued} phiếu.")
    _bullet(doc, f"Số phiếu thu về: {counted.returned} phiếu.")
    _bullet(doc, f"Số phiếu hợp lệ: {counted.returned} phiếu; số phiếu không hợp lệ: 0 phiếu.")
    voted = f"{len(record.voted)}/{len(record.members)} đơn vị"
    who = f": {names(list(record.voted))}." if record.voted else " (không có đơn vị nào)."
    _bullet(doc, f"Đơn vị đã bỏ phiếu: {voted}{who}")
    motion = record.ballot.kind.is_yes_no
    headers = MOTION_HEADERS if motion else UNIT_HEADERS
    rows = [
        (str(position), row.candidate.label, str(row.approvals))
        + ((str(counted.returned - row.approvals),) if motion else ())
        + (percent(row.ratio), VERDICTS[motion, row.passed])
        for position, row in enumerate(counted.rows, start=1)
    ]
    widths = MOTION_COLUMNS_MM if motion else UNIT_COLUMNS_MM
    aligns = ("center", "left", *["center"] * (len(headers) - 2))
    layout.grid_table(doc, headers, rows, widths, aligns)
    layout.paragraph(doc, base_note(record), italic=True, size=12, before=3)


def _ending(doc: DocxDocument, record: BallotRecord) -> None:
    ballot = record.ballot
    if record.tally.receipts:
        annex = (
            "Ban kiểm phiếu đã đối chiếu mã của từng phiếu được kiểm; danh sách mã phiếu tại "
            "Phụ lục kèm theo Biên bản này."
        )
        layout.paragraph(doc, annex, indent=True, before=6)
    ended = clock(local(ballot.closed_at or ballot.opened_at))
    made = copies(record)
    layout.paragraph(
        doc,
        f"Cuộc bỏ phiếu kết thúc và Biên bản được lập xong lúc {ended}. Biên bản được lập "
        f"thành {len(made):02d} bản có giá trị như nhau: {'; '.join(made)}./.",
        indent=True,
        keep_with_next=True,  # with the signatures: they never stand alone on a page
    )


def _signatures(doc: DocxDocument, record: BallotRecord) -> None:
    officials = record.ballot.officials
    head = officials.tellers[0] if officials.tellers else None
    blocks = [
        parts.signer(["THƯ KÝ"], officials.secretary),
        parts.signer(["CHỦ TRÌ"], officials.chair),
        parts.signer(["TM. BAN KIỂM PHIẾU", "TRƯỞNG BAN"], head),
    ]
    layout.signature_table(doc, blocks)


def _annex(doc: DocxDocument, record: BallotRecord) -> None:
    """The receipt codes, on a page of their own: each unit finds the code it was given."""
    receipts = record.tally.receipts
    if not receipts:
        return
    layout.page_break(doc)
    layout.paragraph(doc, "PHỤ LỤC", align="center", bold=True, size=14, after=0)
    layout.paragraph(doc, "DANH SÁCH MÃ PHIẾU ĐÃ KIỂM", align="center", bold=True, after=0)
    number = record.minutes_number
    which = f"số {number}" if number else "kiểm phiếu"
    day = parts.dated(local_time(record.ballot).date())
    source = f"(Kèm theo Biên bản {which} {day} của {BlocWords(record.bloc).label})"
    layout.paragraph(doc, source, align="center", italic=True, after=12)
    rows = [
        [receipts[i] if i < len(receipts) else "" for i in range(start, start + RECEIPT_COLUMNS)]
        for start in range(0, len(receipts), RECEIPT_COLUMNS)
    ]
    widths = [layout.TEXT_WIDTH_MM / RECEIPT_COLUMNS] * RECEIPT_COLUMNS
    headers = ["Mã phiếu"] * RECEIPT_COLUMNS
    layout.grid_table(doc, headers, rows, widths, ["center"] * RECEIPT_COLUMNS)
    note = (
        f"Có {len(receipts)} phiếu được kiểm. Mỗi đơn vị đối chiếu mã phiếu nhận được khi bỏ "
        "phiếu với danh sách trên để biết phiếu của mình đã được kiểm."
    )
    if record.ballot.secret:
        note += " Mã phiếu không ghi tên đơn vị, nên không ai biết đơn vị nào đã chọn gì."
    layout.paragraph(doc, note, indent=True, before=6)
