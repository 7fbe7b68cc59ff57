"""The ballot's minutes and proposal (.docx) and results chart (.png), built from tallies the
domain counts from real votes, read back as a reader sees them."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import warnings
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from matplotlib.image import imread

from domain.ballots import (
    Ballot,
    BallotKind,
    BallotRecord,
    BallotStatus,
    Candidate,
    Outcome,
    Tally,
    Vote,
    proposes,
    tally,
)
from domain.documents import DocumentKind, DocumentNumber, Officials, Person
from domain.model import Bloc, BlocWord, ProvinceKind, Unit
from domain.settings import ThresholdBase
from reports import build_ballot_chart, build_ballot_minutes, build_ballot_proposal

SNN = "Sở Nông nghiệp và Phát triển nông thôn"
GTVT = "Sở Giao thông vận tải"
TNMT = "Sở Tài nguyên và Môi trường"
SCT = "Sở Công Thương"
DAI = "Đài Phát thanh - Truyền hình"
UNITS = (SNN, GTVT, TNMT, SCT, DAI)
RECEIPTS = ("7KQ-2MX", "A3B-9ZT", "C4D-8YW", "E5F-7XV", "G6H-6WU")
OPENED = datetime(2022, 12, 20, 1, 0, tzinfo=UTC)  # 08:00 in Vietnam
CLOSED = datetime(2022, 12, 20, 8, 30, tzinfo=UTC)  # 15:30 in Vietnam
SEVENTY = Decimal("0.7")
HALF = Decimal("0.5")
TWO_THIRDS = Decimal(2) / Decimal(3)
FLAG = "Cờ thi đua của UBND tỉnh"
MERIT = "Bằng khen của Chủ tịch UBND tỉnh"
QUESTION = "Tổ chức hội nghị tổng kết năm 2022 tại huyện Càng Long"
BLOC = Bloc("khoi7-travinh", "Khối thi đua Khối 7", "Trà Vinh", 1)
CUM = Bloc(
    "cum3-cantho", "Cụm thi đua số 3", "Cần Thơ", 2, ProvinceKind.CITY, BlocWord.CUM,
    "UBND thành phố Cần Thơ",
)  # fmt: skip
HEAD = "Nguyễn Hoàng Phúc"
LEADER = Unit(1, "SNN", SNN, "Sở NN&PTNT", 1, HEAD, "Giám đốc")
OFFICIALS = Officials(
    chair=Person(HEAD, f"Giám đốc {SNN}"),
    secretary=Person("Trần Thị Bình", "chuyên viên Văn phòng Sở"),
    tellers=(Person("Lê Văn Cường", "Sở Giao thông vận tải"), Person("Phạm Thị Dung")),
)
MINUTES_NO = DocumentNumber(3, DocumentKind.MINUTES, "KTĐ", CLOSED)
PROPOSAL_NO = DocumentNumber(4, DocumentKind.PROPOSAL, "KTĐ", CLOSED)


def unit(name: str, score: str | None = None) -> Candidate:
    """A unit as a candidate; its id is its place in the roster."""
    number = UNITS.index(name) + 1
    return Candidate(name, number, Decimal(score) if score else None, number)


def record(
    kind: BallotKind,
    candidates: list[Candidate],
    choices: list[set[str]],
    *,
    quota: int = 1,
    threshold: Decimal = SEVENTY,
    base: ThresholdBase = ThresholdBase.ALL_MEMBERS,
    secret: bool = True,
    round_: int = 1,
    earlier: Tally | None = None,
    title: str = "",
    closed: datetime | None = CLOSED,
    present: int | None = None,
) -> BallotRecord:
    """`choices[i]` is what the i-th unit of the roster approved (by candidate label); the
    first `present` units came (those that voted, by default)."""
    ballot = Ballot(
        year_id=1, kind=kind, title=title, candidates=candidates, quota=quota, secret=secret,
        threshold=threshold, base=base, closes_at=CLOSED, opened_at=OPENED, opened_by=1,
        status=BallotStatus.CLOSED, round=round_, closed_at=closed, officials=OFFICIALS,
    )  # fmt: skip
    ids = {c.label: c.id for c in candidates if c.id is not None}
    votes = [
        Vote(RECEIPTS[i], frozenset(ids[label] for label in chosen))
        for i, chosen in enumerate(choices)
    ]
    counted = tally(ballot, votes, len(UNITS))
    voted = UNITS[: len(choices)]
    return BallotRecord(
        BLOC, 2022, ballot, counted, LEADER, UNITS, voted, UNITS[: present or len(choices)],
        earlier, MINUTES_NO, PROPOSAL_NO if proposes(ballot, counted, earlier) else None,
    )  # fmt: skip


def flag_elected() -> BallotRecord:
    """Four of five units vote; four approve the flag candidate: 4/5 = 80% of all members."""
    return record(BallotKind.FLAG, [unit(SNN, "98.5")], [{SNN}] * 4)


def merit_tie() -> BallotRecord:
    """Quota 2 at 50%: Giao thông 4 is through, Tài nguyên and Công Thương tie at 3."""
    candidates = [unit(GTVT, "95.2"), unit(TNMT, "94"), unit(SCT, "93.7"), unit(DAI, "90")]
    choices = [{GTVT, TNMT}, {GTVT, TNMT}, {GTVT, SCT}, {GTVT, SCT}, {TNMT, SCT}]
    return record(BallotKind.MERIT, candidates, choices, quota=2, threshold=HALF)


def merit_revote() -> BallotRecord:
    first = merit_tie()
    candidates = [unit(TNMT, "94"), unit(SCT, "93.7")]
    choices = [{TNMT}, {TNMT}, {TNMT}, {TNMT}, {SCT}]
    return record(
        BallotKind.MERIT, candidates, choices, threshold=HALF, round_=2, earlier=first.tally
    )


def flag_nobody(round_: int) -> BallotRecord:
    choices = [{SNN}, {SNN}, {SNN}, {GTVT}, {GTVT}]
    return record(BallotKind.FLAG, [unit(SNN), unit(GTVT)], choices, round_=round_)


def question(agree: int, kind: BallotKind = BallotKind.QUESTION, voters: int = 5) -> BallotRecord:
    choices = [{QUESTION}] * agree + [set()] * (voters - agree)
    return record(kind, [Candidate(QUESTION, id=1)], choices, secret=False, title=QUESTION)


def read(data: bytes) -> DocxDocument:
    return Document(io.BytesIO(data))


def flat(lines: list[str]) -> list[str]:
    """The lines with their breaks as spaces: a long line in capitals is broken evenly."""
    return [" ".join(line.split()) for line in lines]


def body_and_annex(doc: DocxDocument) -> tuple[str, str]:
    """The minutes up to their annex, and the annex."""
    text = "\n".join(texts(doc))
    body, _, annex = text.partition("PHỤ LỤC")
    return body, annex


def texts(doc: DocxDocument) -> list[str]:
    """Every paragraph a reader sees, in the body and in table cells, in order; a line break
    within a paragraph as a newline."""
    return [
        "".join(
            "\n" if e.tag == qn("w:br") else e.text or "" for e in p.iter(qn("w:t"), qn("w:br"))
        )
        for p in doc.element.body.iter(qn("w:p"))
    ]


def headers(doc: DocxDocument, header: str) -> list[str]:
    table = next(t for t in doc.tables if header in t.rows[0].cells[1].text)
    return ["\n".join(p.text for p in cell.paragraphs) for cell in table.rows[0].cells]


def table_rows(doc: DocxDocument, header: str) -> list[list[str]]:
    table = next(
        t for t in doc.tables if t.cell(0, 0).text == "STT" and header in t.rows[0].cells[1].text
    )
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def minutes(data: BallotRecord) -> tuple[DocxDocument, str]:
    doc = read(build_ballot_minutes(data))
    return doc, "\n".join(texts(doc))


# --- the minutes --------------------------------------------------------------------------


def test_minutes_of_an_elected_flag() -> None:
    doc, text = minutes(replace(flag_elected(), present=UNITS))  # the fifth came, did not vote
    lines = texts(doc)
    assert "BIÊN BẢN KIỂM PHIẾU" in lines
    assert "Bình xét đề nghị tặng Cờ thi đua của UBND tỉnh năm 2022" in lines
    assert "Trà Vinh, ngày 20 tháng 12 năm 2022" in lines
    assert "- Thời gian bắt đầu: 08 giờ 00 phút, ngày 20 tháng 12 năm 2022." in lines
    assert "- Địa điểm: bỏ phiếu điện tử, mỗi đơn vị bỏ phiếu tại cơ quan mình." in lines
    assert f"- Chủ trì: {HEAD}, Giám đốc {SNN} (đơn vị Khối trưởng)." in lines
    assert "- Thư ký: Trần Thị Bình, chuyên viên Văn phòng Sở." in lines
    assert "- Ban kiểm phiếu gồm:" in lines
    assert "1. Lê Văn Cường, Sở Giao thông vận tải — Trưởng ban." in lines
    assert "2. Phạm Thị Dung — Thành viên." in lines
    assert "- Đơn vị có mặt: 5/5 đơn vị thành viên:" in lines
    assert [f"{n}. {name}" in lines for n, name in enumerate(UNITS, start=1)] == [True] * 5
    assert "Đơn vị vắng mặt" not in text
    assert "Hình thức: bỏ phiếu kín bằng phiếu điện tử" in text
    assert "đạt từ 70% trở lên so với tổng số đơn vị thành viên" in text
    assert "cần ít nhất 4 phiếu đồng ý" in text
    assert "- Số phiếu phát ra: 5 phiếu." in lines
    assert "- Số phiếu thu về: 4 phiếu." in lines
    assert f"- Đơn vị đã bỏ phiếu: 4/5 đơn vị: {', '.join(UNITS[:4])}." in lines
    assert table_rows(doc, "Đơn vị") == [["1", SNN, "4", "80,0%", "Đạt"]]
    assert f"Khối thống nhất đề nghị tặng {FLAG} năm 2022 cho: {SNN}." in lines
    assert (
        "Cuộc bỏ phiếu kết thúc và Biên bản được lập xong lúc 15 giờ 30 phút, ngày 20 tháng 12 "
        "năm 2022. Biên bản được lập thành 03 bản có giá trị như nhau: 01 bản gửi Ban Thi đua "
        "- Khen thưởng tỉnh (kèm Tờ trình); 01 bản lưu tại Khối trưởng; 01 bản lưu tại Khối "
        "phó./." in lines
    )


def test_the_minutes_heading_names_the_issuer_and_the_number() -> None:
    doc, _ = minutes(flag_elected())
    left = doc.tables[0].cell(0, 0).paragraphs
    assert [p.text for p in left if p.text] == ["UBND TỈNH TRÀ VINH", "KHỐI THI ĐUA KHỐI 7"]
    assert not any(run.bold for run in left[0].runs)  # the superior: upright capitals
    assert all(run.bold for run in left[1].runs)
    assert doc.tables[0].cell(1, 0).paragraphs[0].text == "Số: 03/BB-KTĐ"
    without = replace(flag_elected(), minutes_number=None)
    doc, _ = minutes(without)
    assert doc.tables[0].cell(1, 0).paragraphs[0].text == "Số:     /BB-KTĐ"


def test_the_minutes_are_signed_and_sent() -> None:
    doc, _ = minutes(flag_elected())
    lines = flat(texts(doc))
    for line in ("THƯ KÝ", "Trần Thị Bình", "CHỦ TRÌ", HEAD, "TM. BAN KIỂM PHIẾU"):
        assert line in lines
    assert "TRƯỞNG BAN" in lines and "Lê Văn Cường" in lines
    sent = lines[lines.index("Nơi nhận:") + 1 :][:3]
    assert sent == [
        "- Ban Thi đua - Khen thưởng tỉnh (kèm Tờ trình);",
        "- Các đơn vị thành viên Khối;",
        "- Lưu: Khối trưởng, Khối phó.",
    ]
    nobody = replace(flag_elected(), ballot=replace(flag_elected().ballot, officials=Officials()))
    doc, text = minutes(nobody)
    assert "1. …………………………… — Trưởng ban." in texts(doc)
    assert text.count("……………………………") >= 5  # chair, secretary, two tellers, the head


def test_the_body_never_names_the_software_and_the_receipts_are_an_annex() -> None:
    doc, text = minutes(flag_elected())
    body, annex = body_and_annex(doc)
    assert "bot" not in text.casefold() and "phần mềm" not in text.casefold()
    for receipt in ("7KQ-2MX", "A3B-9ZT", "C4D-8YW", "E5F-7XV"):
        assert receipt not in body and receipt in annex
    assert "G6H-6WU" not in text  # the fifth unit did not vote
    assert "DANH SÁCH MÃ PHIẾU ĐÃ KIỂM" in annex
    assert "(Kèm theo Biên bản số 03/BB-KTĐ ngày 20 tháng 12 năm 2022 của Khối thi đua" in annex
    assert "Mã phiếu không ghi tên đơn vị" in annex  # a secret ballot
    assert "Ban kiểm phiếu đã đối chiếu mã của từng phiếu được kiểm" in body
    assert "Mã phiếu không ghi tên" not in minutes(question(3))[1]  # an open vote


def test_a_cum_in_a_central_city_says_so() -> None:
    data = replace(flag_elected(), bloc=CUM, minutes_number=DocumentNumber(
        1, DocumentKind.MINUTES, "CTĐ", CLOSED), proposal_number=None)  # fmt: skip
    doc, text = minutes(data)
    lines = texts(doc)
    assert "UBND THÀNH PHỐ CẦN THƠ" in lines and "CỤM THI ĐUA SỐ 3" in lines
    assert "Số: 01/BB-CTĐ" in lines and "Cần Thơ, ngày 20 tháng 12 năm 2022" in lines
    assert "Bình xét đề nghị tặng Cờ thi đua của UBND thành phố năm 2022" in lines
    assert "Cụm thống nhất đề nghị tặng Cờ thi đua của UBND thành phố" in text
    assert "Khối" not in text.replace("Khối thi đua Khối 7", "")
    built = build_ballot_proposal(replace(data, proposal_number=PROPOSAL_NO))
    assert built is not None
    proposal = flat(texts(read(built)))
    assert "Kính gửi: Hội đồng Thi đua - Khen thưởng thành phố Cần Thơ." in proposal
    assert "TM. CỤM THI ĐUA SỐ 3" in proposal and "CỤM TRƯỞNG" in proposal


def test_narrow_table_headers_break_between_words() -> None:
    """ "Tỷ lệ đồng ý" wrapped by the word processor left "ý" alone on a line."""
    doc, _ = minutes(flag_elected())
    wide = "Số phiếu\nđồng ý", "Tỷ lệ\nđồng ý"
    assert headers(doc, "Đơn vị") == ["STT", "Đơn vị", *wide, "Kết quả"]
    doc, _ = minutes(question(3))
    assert headers(doc, "Nội dung") == [
        "STT", "Nội dung", "Đồng ý", "Không\nđồng ý", "Tỷ lệ\nđồng ý", "Kết quả",
    ]  # fmt: skip
    built = build_ballot_proposal(flag_elected())
    assert built is not None
    assert headers(read(built), "Tên đơn vị") == [
        "STT", "Tên đơn vị", "Điểm\nthi đua", *wide, "Hình thức đề nghị",
    ]  # fmt: skip


def test_a_place_given_and_a_ballot_never_closed() -> None:
    data = flag_elected()
    data = replace(
        data, ballot=replace(data.ballot, place="Hội trường Sở Nông nghiệp", closed_at=None)
    )
    doc, text = minutes(data)
    assert "- Địa điểm: Hội trường Sở Nông nghiệp." in texts(doc)
    assert "- Thời gian bắt đầu: 08 giờ 00 phút, ngày 20 tháng 12 năm 2022." in texts(doc)
    assert "15 giờ 30" not in text


def test_the_day_is_vietnams_day() -> None:
    late = datetime(2022, 12, 20, 18, 30, tzinfo=UTC)  # 01:30 on the 21st in Vietnam
    data = flag_elected()
    data = replace(data, ballot=replace(data.ballot, closed_at=late))
    doc, text = minutes(data)
    assert "Trà Vinh, ngày 21 tháng 12 năm 2022" in texts(doc)
    assert "được lập xong lúc 01 giờ 30 phút, ngày 21 tháng 12 năm 2022." in text
    built = build_ballot_proposal(data)
    assert built is not None
    assert "Trà Vinh, ngày 21 tháng 12 năm 2022" in texts(read(built))


def test_one_of_two_seats_filled() -> None:
    candidates = [unit(GTVT), unit(TNMT), unit(SCT)]
    choices = [{GTVT, TNMT}, {GTVT}, {GTVT}, {GTVT, SCT}, {TNMT}]
    data = record(BallotKind.MERIT, candidates, choices, quota=2)
    assert data.tally.outcome is Outcome.PARTIAL
    doc, text = minutes(data)
    assert f"Khối thống nhất đề nghị tặng {MERIT} năm 2022 cho: {GTVT}." in texts(doc)
    assert "Các đơn vị còn lại chưa đạt tỷ lệ phiếu đồng ý theo quy định." in texts(doc)
    assert "bỏ phiếu lại" not in text
    assert build_ballot_proposal(data) is not None


def test_minutes_of_a_tie_call_the_revote() -> None:
    data = merit_tie()
    assert data.tally.outcome is Outcome.TIE
    doc, text = minutes(data)
    assert table_rows(doc, "Đơn vị") == [
        ["1", GTVT, "4", "80,0%", "Đạt"],
        ["2", TNMT, "3", "60,0%", "Đạt"],
        ["3", SCT, "3", "60,0%", "Đạt"],
        ["4", DAI, "0", "0,0%", "Không đạt"],
    ]
    assert f"đề nghị tặng {MERIT} năm 2022 cho: {GTVT}." in text
    assert f"Các đơn vị {TNMT}, {SCT} cùng đạt 3 phiếu đồng ý" in text
    assert f"bỏ phiếu lại một lần giữa các đơn vị {TNMT}, {SCT} để chọn 1 đơn vị." in text
    assert "không đề nghị" not in text
    assert "Số đơn vị được đề nghị tối đa: 2" in text and "đạt từ 50% trở lên" in text


def test_minutes_of_the_revote_give_the_first_round() -> None:
    doc, text = minutes(merit_revote())
    lines = texts(doc)
    assert "III. KẾT QUẢ LẦN BỎ PHIẾU THỨ NHẤT" in lines
    assert f"+ {GTVT}: 4/5 phiếu đồng ý (80,0%)." in lines
    assert f"+ {TNMT}: 3/5 phiếu đồng ý (60,0%)." in lines
    assert f"- Đơn vị đạt ở lần thứ nhất: {GTVT}." in lines
    assert table_rows(doc, "Đơn vị") == [
        ["1", TNMT, "4", "80,0%", "Đạt"],
        ["2", SCT, "1", "20,0%", "Không đạt"],
    ]
    assert f"đề nghị tặng {MERIT} năm 2022 cho: {GTVT}, {TNMT}." in text


def test_nobody_through_in_the_first_round_means_a_revote() -> None:
    data = flag_nobody(1)
    assert data.tally.outcome is Outcome.NONE
    _, text = minutes(data)
    assert "Không có đơn vị nào đạt từ 70% tổng số đơn vị thành viên trở lên" in text
    assert f"bỏ phiếu lại một lần giữa các đơn vị {SNN}, {GTVT} để chọn 1 đơn vị." in text
    assert "không đề nghị" not in text


def test_nobody_through_in_the_revote_means_no_proposal_this_year() -> None:
    doc, text = minutes(flag_nobody(2))
    assert table_rows(doc, "Đơn vị") == [
        ["1", SNN, "3", "60,0%", "Không đạt"],
        ["2", GTVT, "2", "40,0%", "Không đạt"],
    ]
    sentence = f"Theo Quy chế, Khối không đề nghị tặng {FLAG} năm 2022 trong năm nay."
    assert sentence in texts(doc)
    assert "bỏ phiếu lại một lần" not in text


def test_a_tie_in_the_revote_leaves_the_seat_empty() -> None:
    choices = [{TNMT}, {TNMT}, {SCT}, {SCT}, {TNMT, SCT}]
    data = record(
        BallotKind.MERIT, [unit(TNMT), unit(SCT)], choices, threshold=HALF, round_=2,
        earlier=merit_tie().tally,
    )  # fmt: skip
    _, text = minutes(data)
    assert data.tally.outcome is Outcome.TIE
    assert f"Khối không đề nghị tặng {MERIT} năm 2022 cho 1 suất còn lại trong năm nay." in text
    assert f"cho: {GTVT}." in text  # the first round's unit is still proposed


def test_nobody_through_in_the_revote_after_one_was_elected() -> None:
    choices = [{TNMT}, {TNMT}, {SCT}, {SCT}, set()]
    data = record(
        BallotKind.MERIT, [unit(TNMT), unit(SCT)], choices, threshold=HALF, round_=2,
        earlier=merit_tie().tally,
    )  # fmt: skip
    assert data.tally.outcome is Outcome.NONE
    _, text = minutes(data)
    assert f"đề nghị tặng {MERIT} năm 2022 cho: {GTVT}." in text
    assert f"Khối không đề nghị tặng {MERIT} năm 2022 cho 1 suất còn lại trong năm nay." in text
    built = build_ballot_proposal(data)
    assert built is not None
    assert [row[1] for row in table_rows(read(built), "Tên đơn vị")] == [GTVT]


def test_a_leader_ballot_at_two_thirds_of_those_present() -> None:
    candidates = [unit(SCT), unit(TNMT)]
    data = record(
        BallotKind.LEADER, candidates, [{SCT}, {SCT}, {TNMT}], threshold=TWO_THIRDS,
        base=ThresholdBase.PRESENT_MEMBERS,
    )  # fmt: skip
    doc, text = minutes(data)
    assert "Bình xét chọn Khối trưởng năm 2023" in texts(doc)
    assert "đạt từ 2/3 trở lên so với số đơn vị có mặt (đã bỏ phiếu)" in text
    assert "Căn cứ tính tỷ lệ là 3 đơn vị, nên cần ít nhất 2 phiếu đồng ý" in text
    assert table_rows(doc, "Đơn vị")[0] == ["1", SCT, "2", "66,7%", "Đạt"]
    assert f"Khối thống nhất đề nghị {SCT} làm Khối trưởng năm 2023." in texts(doc)


def test_a_yes_no_question_not_carried() -> None:
    doc, text = minutes(question(3))
    lines = texts(doc)
    assert "BIÊN BẢN KẾT QUẢ BIỂU QUYẾT" in lines
    assert f"Biểu quyết: {QUESTION}" in flat(lines)
    assert f"- Nội dung: {QUESTION}." in lines
    assert "Hình thức: biểu quyết công khai" in text
    assert table_rows(doc, "Nội dung") == [["1", QUESTION, "3", "2", "60,0%", "Không thông qua"]]
    assert (
        "Nội dung không được thông qua: 3 phiếu đồng ý, 2 phiếu không đồng ý (60,0%), "
        "chưa đạt 70% tổng số đơn vị thành viên." in lines
    )
    assert "tách riêng" not in text  # a public vote keeps no secret
    assert "bỏ phiếu lại" not in text and "Đơn vị được bình xét" not in text


def test_a_draft_report_carried_with_one_unit_absent() -> None:
    doc, text = minutes(question(4, BallotKind.REPORT, voters=4))
    # Too long for one line: broken evenly rather than leaving "Long”" alone on the second.
    subtitle = "Thông qua dự thảo báo cáo “Tổ chức hội nghị\ntổng kết năm 2022 tại huyện Càng Long”"
    assert subtitle in texts(doc)
    assert "- Số phiếu thu về: 4 phiếu." in texts(doc)
    assert table_rows(doc, "Nội dung") == [["1", QUESTION, "4", "0", "80,0%", "Thông qua"]]
    assert "Nội dung được thông qua: 4 phiếu đồng ý, 0 phiếu không đồng ý (80,0%)." in text


# --- the proposal -------------------------------------------------------------------------


def test_proposal_for_the_flag() -> None:
    data = build_ballot_proposal(flag_elected())
    assert data is not None
    doc = read(data)
    lines = flat(texts(doc))
    assert "TỜ TRÌNH" in lines and f"Về việc đề nghị tặng {FLAG} năm 2022" in lines
    assert doc.tables[0].cell(1, 0).paragraphs[0].text == "Số: 04/TTr-KTĐ"
    assert "Trà Vinh, ngày 20 tháng 12 năm 2022" in lines
    assert "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh Trà Vinh." in lines
    text = "\n".join(lines)
    assert "Căn cứ Luật Thi đua, khen thưởng năm 2003" in text
    assert "Căn cứ Biên bản kiểm phiếu số 03/BB-KTĐ ngày 20 tháng 12 năm 2022" in text
    assert "bot" not in text.casefold()
    assert f"- {SNN}: 4/4 phiếu đồng ý (80,0%)." in lines
    assert table_rows(doc, "Tên đơn vị") == [["1", SNN, "98,5", "4/4", "80,0%", FLAG]]
    signature = ["TM. KHỐI THI ĐUA KHỐI 7", "KHỐI TRƯỞNG", f"GIÁM ĐỐC {SNN.upper()}", HEAD]
    assert all(line in lines for line in signature)
    at = [lines.index(line) for line in signature]
    assert at == sorted(at) and at[-1] - at[-2] > 4  # room to sign and seal
    sent = lines[lines.index("Nơi nhận:") + 1 :][:4]
    assert sent == [
        "- Như trên;",
        "- Ban Thi đua - Khen thưởng tỉnh;",
        "- Các đơn vị thành viên Khối;",
        "- Lưu: VT, Khối trưởng.",
    ]


def test_proposal_after_the_revote_lists_both_rounds() -> None:
    assert build_ballot_proposal(merit_tie()) is None  # the revote decides first
    data = build_ballot_proposal(merit_revote())
    assert data is not None
    doc = read(data)
    assert table_rows(doc, "Tên đơn vị") == [
        ["1", GTVT, "95,2", "4/5", "80,0%", MERIT],
        ["2", TNMT, "94,0", "4/5", "80,0%", MERIT],
    ]
    assert f"- {GTVT}: 4/5 phiếu đồng ý (80,0%) ở lần bỏ phiếu thứ nhất." in texts(doc)


def test_a_unit_without_a_score_and_no_score_column() -> None:
    data = record(BallotKind.FLAG, [unit(SNN)], [{SNN}] * 5)
    built = build_ballot_proposal(data)
    assert built is not None
    assert table_rows(read(built), "Tên đơn vị") == [["1", SNN, "5/5", "100,0%", FLAG]]


@pytest.mark.parametrize(
    "data",
    [question(5), question(5, BallotKind.REPORT), flag_nobody(1), flag_nobody(2)],
    ids=["question", "report", "nobody-round-1", "nobody-round-2"],
)
def test_no_proposal(data: BallotRecord) -> None:
    assert build_ballot_proposal(data) is None


def test_no_proposal_for_a_leader() -> None:
    data = record(BallotKind.LEADER, [unit(SCT)], [{SCT}] * 5)
    assert data.tally.elected and build_ballot_proposal(data) is None


def test_the_shared_wording_does_not_load_python_docx() -> None:
    code = "import sys, reports.ballot_wording; print('docx' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert run.stdout.strip() == "False"


# --- the chart ----------------------------------------------------------------------------


def png(data: bytes) -> np.ndarray:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert 600 < width < 2000 and 200 < height < 2000
    pixels: np.ndarray = imread(io.BytesIO(data), format="png")
    assert pixels.shape[:2] == (height, width)
    return pixels


def red_pixels(pixels: np.ndarray) -> int:
    """Pixels of the elected bars' colour, #C00000."""
    rgb = pixels[..., :3]
    return int(np.sum((np.abs(rgb - np.array([0xC0, 0, 0]) / 255) < 0.02).all(axis=-1)))


@pytest.mark.parametrize(
    ("data", "highlighted"),
    [
        (flag_elected(), True),
        (merit_tie(), True),
        (flag_nobody(2), False),
        (question(4, BallotKind.REPORT), True),
        (question(3), False),
    ],
    ids=["elected", "tie", "nobody", "carried", "not-carried"],
)
def test_the_chart(data: BallotRecord, highlighted: bool, caplog: pytest.LogCaptureFixture) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pixels = png(build_ballot_chart(data))
    assert not [w for w in caught if "missing" in str(w.message).lower()]
    assert not [r for r in caplog.records if "findfont" in r.getMessage()]
    assert (red_pixels(pixels) > 500) is highlighted
