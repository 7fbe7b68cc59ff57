"""The minutes of a closed ballot (biên bản kiểm phiếu) as a .docx.

A revote's minutes carry the first round's figures. The wording shared with the proposal and
the chart (subjects, thresholds, ratios, who is proposed) lives in `reports.ballot_wording`."""

from __future__ import annotations

from datetime import datetime

from docx.document import Document as DocxDocument

from domain.ballots import BallotKind, BallotRecord, Outcome, Tally
from reports import docx_layout as layout
from reports.ballot_wording import (
    BASES,
    NAME_BLANK,
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
from reports.covenant import bloc_label, province_label
from reports.docx_layout import Line

ONLINE = "trực tuyến qua Thi Đua Bot"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")
UNIT_COLUMNS_MM = (12.0, 73.0, 25.0, 25.0, 30.0)
MOTION_COLUMNS_MM = (12.0, 58.0, 22.0, 25.0, 22.0, 26.0)
# Narrow headers break between words, not "Tỷ lệ đồng / ý": each line stays a phrase.
UNIT_HEADERS = ("STT", "Đơn vị", "Số phiếu\nđồng ý", "Tỷ lệ\nđồng ý", "Kết quả")
MOTION_HEADERS = ("STT", "Nội dung", "Đồng ý", "Không\nđồng ý", "Tỷ lệ\nđồng ý", "Kết quả")
# Bold 13 pt letters of mixed case across the text width: a longer subtitle breaks evenly.
SUBTITLE_CHARS = int(layout.TEXT_WIDTH_MM / (0.18 * layout.BODY_PT))
VERDICTS = {
    (False, True): "Đạt",
    (False, False): "Không đạt",
    (True, True): "Thông qua",
    (True, False): "Không thông qua",
}
SIGN_NOTE = Line("(Ký, ghi rõ họ tên)", italic=True)
CLOSING = "Biên bản được lập từ kết quả kiểm phiếu của Thi Đua Bot và gửi các đơn vị thành viên."
SECRECY = (
    "Bỏ phiếu kín: Thi Đua Bot lưu danh sách đơn vị đã bỏ phiếu tách riêng với nội dung lựa "
    "chọn; mỗi phiếu chỉ gắn với mã phiếu, không gắn với tên đơn vị, nên không ai biết đơn vị "
    "nào đã chọn gì."
)


def clock(moment: datetime) -> str:
    """'15 giờ 30 phút, ngày 20 tháng 12 năm 2024'."""
    day = layout.date_line("", moment.date()).removeprefix(", ")
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {day}"


def issuer(record: BallotRecord) -> list[Line]:
    heading = [Line(bloc_label(record.bloc_name).upper(), bold=True)]
    if record.province.strip():
        heading.append(Line(province_label(record.province).upper(), bold=True))
    return heading


def build_ballot_minutes(record: BallotRecord) -> bytes:
    ballot = record.ballot
    doc = layout.new_document()
    doc.core_properties.title = f"Biên bản kiểm phiếu: {subject(record)}"
    doc.core_properties.language = "vi-VN"
    place = record.province.strip() or "……"
    layout.national_heading(doc, issuer(record), place, local_time(ballot).date())
    heading = "BIÊN BẢN KIỂM PHIẾU" if ballot.secret else "BIÊN BẢN KẾT QUẢ BIỂU QUYẾT"
    layout.title(doc, heading, layout.balance(subject(record), SUBTITLE_CHARS))
    numbers = iter(ROMAN)
    _when_and_who(doc, next(numbers), record)
    _rule(doc, next(numbers), record)
    if record.earlier is not None:
        _first_round(doc, next(numbers), record.earlier)
    _count(doc, next(numbers), record)
    motion = ballot.kind.is_yes_no
    layout.heading(doc, next(numbers), "Kết quả biểu quyết" if motion else "Kết luận")
    for text in result_words(record):
        layout.paragraph(doc, text, indent=True)
    _receipts(doc, next(numbers), record)
    layout.paragraph(doc, CLOSING, indent=True, before=6)
    layout.signature_table(doc, [_signature("THƯ KÝ"), _signature("ĐẠI DIỆN KHỐI TRƯỞNG")])
    return layout.to_bytes(doc)


def _bullet(doc: DocxDocument, text: str) -> None:
    layout.paragraph(doc, f"- {text}", indent=True)


def _when_and_who(doc: DocxDocument, number: str, record: BallotRecord) -> None:
    ballot, counted = record.ballot, record.tally
    layout.heading(doc, number, "Thời gian, địa điểm, thành phần")
    opened = clock(local(ballot.opened_at))
    if ballot.closed_at is None:
        _bullet(doc, f"Thời gian: {opened}.")
    else:
        closed = clock(local(ballot.closed_at))
        _bullet(doc, f"Thời gian: mở phiếu lúc {opened}; kết thúc và kiểm phiếu lúc {closed}.")
    _bullet(doc, f"Địa điểm: {ballot.place.strip() or ONLINE}.")
    _bullet(doc, f"Chủ trì: {record.chair_unit} (Khối trưởng).")
    present = f"{len(record.present)}/{counted.issued} đơn vị thành viên"
    listed = ":" if record.present else " (không có đơn vị nào)."
    text = f"- Đơn vị có mặt (đã bỏ phiếu): {present}{listed}"
    layout.paragraph(doc, text, indent=True, keep_with_next=bool(record.present))
    for position, unit in enumerate(record.present, start=1):
        layout.paragraph(doc, f"{position}. {unit}", indent=True, after=2)
    absent = [unit for unit in record.members if unit not in record.present]
    if absent:
        _bullet(doc, f"Đơn vị vắng mặt (không bỏ phiếu): {names(absent)}.")


def _rule(doc: DocxDocument, number: str, record: BallotRecord) -> None:
    ballot, counted = record.ballot, record.tally
    layout.heading(doc, number, "Nội dung, hình thức và nguyên tắc")
    content = ballot.title.strip() if ballot.kind is BallotKind.QUESTION else subject(record)
    _bullet(doc, f"Nội dung: {content}" + ("" if content.endswith(("?", ".", "!")) else "."))
    _bullet(doc, f"Hình thức: {form(ballot)} qua Thi Đua Bot; mỗi đơn vị thành viên một phiếu.")
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


def _first_round(doc: DocxDocument, number: str, earlier: Tally) -> None:
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
    _bullet(doc, f"Các đơn vị {tied} {reason}, nên Khối bỏ phiếu lại một lần (lần thứ hai).")


def _count(doc: DocxDocument, number: str, record: BallotRecord) -> None:
    counted = record.tally
    layout.heading(doc, number, "Kết quả kiểm phiếu")
    _bullet(doc, f"Số phiếu phát ra: {counted.issued} phiếu.")
    _bullet(doc, f"Số phiếu thu về: {counted.returned} phiếu.")
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


def _receipts(doc: DocxDocument, number: str, record: BallotRecord) -> None:
    receipts = record.tally.receipts
    layout.heading(doc, number, "Mã phiếu đã kiểm")
    if not receipts:
        layout.paragraph(doc, "Không có phiếu nào được kiểm.", indent=True)
    else:
        intro = (
            f"{len(receipts)} mã phiếu dưới đây đã được kiểm. Mỗi đơn vị đối chiếu với mã phiếu "
            "Thi Đua Bot gửi khi bỏ phiếu để biết phiếu của mình đã được tính:"
        )
        layout.paragraph(doc, intro, indent=True, keep_with_next=True)
        layout.paragraph(doc, "; ".join(receipts) + ".", indent=True, bold=True)
    if record.ballot.secret:
        layout.paragraph(doc, SECRECY, indent=True)


def _signature(role: str) -> list[Line]:
    """The role, then room to sign and a dotted line for the name written by hand."""
    return [Line(role, bold=True), SIGN_NOTE, *[Line("")] * 4, Line(NAME_BLANK)]
