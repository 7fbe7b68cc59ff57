"""The provincial board's review list (.xlsx): every bloc's proposals to the Emulation
Council in one table — one row per unit proposed, with the award, the unit's score, the
vote that proposed it and the numbers of the proposal (tờ trình) and the minutes behind it.
A ballot that proposed nobody is listed too, so the board sees the bloc did vote."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from domain.ballots import BallotRecord, proposes
from reports import xlsx_styles as st
from reports.ballot_wording import award, local, percent, proposed
from reports.xlsx_cells import CellMaker, Value, clean

COLUMNS: tuple[tuple[str, float], ...] = (
    ("TT", 5),
    ("Khối / Cụm thi đua", 24),
    ("Năm", 7),
    ("Hình thức khen thưởng đề nghị", 34),
    ("Đơn vị được đề nghị", 30),
    ("Điểm tổng kết", 10),
    ("Phiếu đồng ý", 13),
    ("Tỷ lệ đồng ý", 13),
    ("Tờ trình số", 14),
    ("Biên bản số", 14),
    ("Ngày bỏ phiếu", 12),
    ("Ghi chú", 22),
)
LAST_COLUMN = "ABCDEFGHIJKL"[len(COLUMNS) - 1]


def build_board_proposals(records: Sequence[BallotRecord], made_at: datetime) -> bytes:
    """`records`: the closed award ballots of every bloc, in the order the board reads them
    (bloc by bloc, the Flag before the Merit)."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "De nghi khen thuong"
    make = CellMaker(sheet, st.register(workbook))
    title = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG CỦA CÁC KHỐI, CỤM THI ĐUA"
    sheet.append([make(title, st.TITLE)])
    sheet.append([make(f"Tổng hợp ngày {local(made_at):%d/%m/%Y}", st.SUBTITLE)])
    sheet.merge_cells(f"A1:{LAST_COLUMN}1")
    sheet.merge_cells(f"A2:{LAST_COLUMN}2")
    sheet.append([])
    sheet.append(make.row([(name, st.HEAD) for name, _width in COLUMNS]))
    for index, (_name, width) in enumerate(COLUMNS):
        sheet.column_dimensions["ABCDEFGHIJKL"[index]].width = width
    # LibreOffice does not grow a row for wrapped text: two lines' height, set here.
    sheet.row_dimensions[4].height = 32
    number = 0
    for record in records:
        for values in _rows(record):
            number += 1
            sheet.append(make.row([(number, st.INDEX), *values]))
            sheet.row_dimensions[sheet.max_row].height = 30
    if number == 0:
        sheet.append([make("Chưa có khối, cụm nào bỏ phiếu đề nghị khen thưởng.", st.NOTE)])
    sheet.freeze_panes = "A5"
    sheet.print_title_rows = "4:4"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rows(record: BallotRecord) -> list[list[tuple[Value, str]]]:
    ballot = record.ballot
    head: list[tuple[Value, str]] = [
        (clean(record.bloc.name), st.TEXT),
        (record.year, st.INDEX),
        (award(record) or "", st.TEXT),
    ]
    proposal = str(record.proposal_number) if record.proposal_number else ""
    minutes = str(record.minutes_number) if record.minutes_number else ""
    day = f"{local(ballot.closed_at or ballot.closes_at):%d/%m/%Y}"
    if not proposes(ballot, record.tally, record.earlier):
        return [[*head, ("Không đề nghị", st.MISSING), (None, st.NUM), ("", st.INDEX),
                 ("", st.INDEX), ("", st.INDEX), (minutes, st.INDEX), (day, st.INDEX),
                 ("Không đơn vị nào đạt tỷ lệ", st.TEXT)]]  # fmt: skip
    rows = []
    for chosen in proposed(record):
        row, counted = chosen.row, chosen.tally
        score = row.candidate.score
        note = "Trúng ở vòng 1, trước khi bỏ phiếu lại" if chosen.first_round else ""
        rows.append([
            *head,
            (clean(row.candidate.label), st.TEXT),
            (float(score) if score is not None else None, st.NUM),
            (f"{row.approvals}/{counted.returned}", st.INDEX),
            (percent(row.ratio), st.INDEX),
            (proposal, st.INDEX),
            (minutes, st.INDEX),
            (day, st.INDEX),
            (note, st.TEXT),
        ])  # fmt: skip
    return rows
