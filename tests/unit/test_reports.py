"""The score summary table (.xlsx) and the ranking chart (.png), read back and checked against
figures worked out by hand for the five sample units."""

from __future__ import annotations

import random
import struct
import warnings
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from domain.criteria import CriteriaTable, Criterion, Penalty, Section
from domain.model import Bloc, Unit
from domain.ranking import Standing, rank
from domain.scoring import totals
from domain.summary import Cycle, ScoreSummary, SummaryRow
from reports import build_ranking_chart, build_score_table
from reports.labels import comma
from tests.unit.fakes import sample_spec

D = Decimal
MEMBERS = ["SNN", "STN", "SGT", "SCT", "PTTH"]
NAMES = {
    "SNN": ("Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT"),
    "STN": ("Sở Tài nguyên và Môi trường", "Sở TN&MT"),
    "SGT": ("Sở Giao thông vận tải", "Sở GTVT"),
    "SCT": ("Sở Công Thương", "Sở Công Thương"),
    "PTTH": ("Đài Phát thanh và Truyền hình Trà Vinh", "Đài PT-TH"),
}
# Verified scores: full marks except these items. Sections are I 1–4 (15, 10, 8, 7), II 5–8
# (5 each), III 9–11 (6, 5, 4), IV 12–15 (5, 4, 3, 3), V 16–18 (4, 3, 3); bonus 19–21 (3, 4,
# 3, capped at 10); penalties 22 (8, once), 23 (1 a time), 24 (2 a time), 25 (5, once).
VERIFIED = {
    "SNN": {"3": D("7.5"), "9": D(5)},  # I 39.5 II 20 III 14 IV 15 V 10 = 98.5
    "STN": {"1": D(13), "4": D(6), "10": D("4.5"), "13": D(3)},  # 37, 20, 14.5, 14, 10 = 95.5
    "SGT": {"1": D(14), "2": D(9), "6": D(4), "11": D("3.5")},  # 38, 19, 14.5, 15, 10 = 96.5
    "PTTH": {"1": D(14), "3": D(7), "7": D("4.5"), "12": D(4), "16": D("3.5")},  # 38, 19.5, 15,
}  # 14, 9.5 = 96
SELF = {"SNN": {"3": D("7.5")}, "SGT": {"2": D(9), "6": D(4), "11": D("3.5")}}  # else = verified
BONUS = {"SNN": {"19": D(2), "20": D(4)}, "STN": {"21": D("1.5")}, "PTTH": {"19": D("0.5")}}
PENALTIES = {"SNN": {"25": 2}, "STN": {"23": 2}, "SGT": {"24": 1}, "PTTH": {"23": 2}}
REASONS = {"SGT": {"1": "Chỉ tiêu thu ngân sách đạt 96%."}}  # why verification lowered item 1
BLOC = Bloc("khoi7-travinh", "Khối thi đua Khối 7", "Trà Vinh", 1)
LEADER = Unit(1, "SNN", NAMES["SNN"][0], "Sở NN&PTNT", 1, "Nguyễn Hoàng Phúc", "Giám đốc")
PUBLISHED = datetime(2022, 12, 16, 2, 0, tzinfo=UTC)
# Finals: SNN 98.5 + 6 − 5 (a one-off counts once) = 99.5 (self 99.5 + 6 − 5 = 100.5);
# STN 95.5 + 1.5 − 2 = 95.0; SGT 96.5 − 2 = 94.5 (self 97.5 − 2 = 95.5); PTTH 96 + 0.5 − 2 =
# 94.5. SGT and PTTH tie on final and on section I (38): both third. SCT submitted nothing.


@pytest.fixture
def table() -> CriteriaTable:
    criteria = sample_spec().criteria
    assert criteria is not None
    return criteria


def _full(table: CriteriaTable, overrides: dict[str, Decimal]) -> dict[str, Decimal]:
    full = {i.code: i.max_points for s in table.sections for i in s.items}
    return full | overrides


def make_summary(table: CriteriaTable, published: bool = True) -> ScoreSummary:
    results = {}
    for code, overrides in VERIFIED.items():
        final_items = _full(table, overrides)
        self_items = _full(table, SELF.get(code, overrides))
        bonus, penalties = BONUS.get(code, {}), PENALTIES.get(code, {})
        own = totals(table, self_items, bonus, penalties)
        final = totals(table, final_items, bonus, penalties)
        results[code] = (final_items | bonus, penalties, own, final)
    ids = {code: index for index, code in enumerate(MEMBERS, start=1)}
    standings = [Standing(ids[c], r[3].final, r[3].sections["I"]) for c, r in results.items()]
    ranking = rank(standings, list(ids.values()))
    rows = []
    for entry in ranking.ranked:
        code = MEMBERS[entry.unit_id - 1]
        name, short = NAMES[code]
        items, penalties, own, final = results[code]
        mine = _full(table, SELF.get(code, VERIFIED[code])) | BONUS.get(code, {})
        rows.append(
            SummaryRow(
                code,
                name,
                short,
                items,
                penalties,
                own,
                final,
                entry.rank,
                entry.tied,
                self_items=mine,
                reasons=REASONS.get(code, {}),
            )
        )
    unranked = tuple(NAMES[MEMBERS[u - 1]][0] for u in ranking.unranked)
    return ScoreSummary(
        "Khối thi đua Khối 7",
        "Trà Vinh",
        2022,
        Cycle.ANNUAL,
        table,
        tuple(rows),
        unranked,
        published,
        bloc=BLOC,
        leader=LEADER,
        prepared_by="Nguyễn Văn Đông" if published else "",
        dated=PUBLISHED if published else None,
    )


def _sheet(data: bytes, name: str = "Tong_hop") -> Worksheet:
    sheet = load_workbook(BytesIO(data))[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def _header_row(sheet: Worksheet) -> int:
    return int(next(c.row for c in sheet["A"] if c.value == "STT"))


def _columns(sheet: Worksheet) -> dict[str, int]:
    """Column number by heading: the lower header row, or the upper one for lone columns."""
    top = _header_row(sheet)
    found: dict[str, int] = {}
    for row in (top, top + 1):
        for cell in sheet[row]:
            if isinstance(cell.value, str):
                found.setdefault(cell.value, cell.column)
    return found


def _body(sheet: Worksheet) -> dict[str, dict[str, object]]:
    """Each unit's row as {heading: value}, in sheet order (dicts keep it)."""
    columns, start = _columns(sheet), _header_row(sheet) + 2
    rows: dict[str, dict[str, object]] = {}
    for number in range(start, sheet.max_row + 1):
        name = sheet.cell(number, columns["Đơn vị"]).value
        if not isinstance(name, str) or sheet.cell(number, 1).value is None:
            break
        rows[name] = {h: sheet.cell(number, c).value for h, c in columns.items()}
        rows[name]["_row"] = number
    return rows


def test_title_block_and_headers(table: CriteriaTable) -> None:
    sheet = _sheet(build_score_table(make_summary(table)))
    texts = [c.value for row in sheet.iter_rows(max_row=5) for c in row if c.value]
    assert "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2022" in texts
    assert texts[:2] == ["UBND TỈNH TRÀ VINH", "KHỐI THI ĐUA KHỐI 7"]  # the issuer
    assert "Khối thi đua Khối 7, tỉnh Trà Vinh — thang điểm 100" in texts
    assert "Bản nháp — chưa công bố" not in texts
    top = _header_row(sheet)
    assert sheet.cell(top, 3).value == "I. Thực hiện nhiệm vụ chính trị, chuyên môn (40 điểm)"
    assert f"C{top}:G{top}" in {str(r) for r in sheet.merged_cells.ranges}
    lower = [c.value for c in sheet[top + 1]][2:7]
    assert lower == ["1 (15)", "2 (10)", "3 (8)", "4 (7)", "Cộng phần I (40)"]
    columns = _columns(sheet)
    for heading in ["Tiêu chí thưởng", "19 (3)", "Điểm thưởng (tối đa 10)", "Khoản trừ"]:
        assert heading in columns
    for heading in ["22 (8)", "23 (1/lần)", "Điểm trừ", "Tự chấm", "Thẩm định", "Xếp hạng"]:
        assert heading in columns
    order = [columns[h] for h in ["Cộng phần V (10)", "21 (3)", "Điểm thưởng (tối đa 10)"]]
    assert order == sorted(order)
    assert columns["Xếp hạng"] == sheet.max_column


def test_one_row_per_unit_in_rank_order_with_the_hand_figures(table: CriteriaTable) -> None:
    rows = _body(_sheet(build_score_table(make_summary(table))))
    snn, stn, sgt, ptth, sct = (NAMES[c][0] for c in ["SNN", "STN", "SGT", "PTTH", "SCT"])
    assert list(rows) == [snn, stn, sgt, ptth, sct]
    assert [r["STT"] for r in rows.values()] == [1, 2, 3, 4, 5]
    first = rows[snn]
    assert (first["1 (15)"], first["3 (8)"], first["9 (6)"]) == (15, 7.5, 5)
    sections = [first[f"Cộng phần {s} ({m})"] for s, m in [("I", 40), ("II", 20), ("III", 15)]]
    assert sections == [39.5, 20, 14]
    assert (first["19 (3)"], first["20 (4)"], first["Điểm thưởng (tối đa 10)"]) == (2, 4, 6)
    assert (first["25 (5)"], first["Điểm trừ"]) == (5, 5)  # two occurrences of a one-off
    assert first["21 (3)"] is None and first["23 (1/lần)"] is None
    assert (first["Tự chấm"], first["Thẩm định"], first["Xếp hạng"]) == (100.5, 99.5, 1)
    second = rows[stn]
    assert (second["Cộng phần I (40)"], second["Cộng phần III (15)"]) == (37, 14.5)
    assert (second["23 (1/lần)"], second["Điểm trừ"]) == (2, 2)
    assert (second["Tự chấm"], second["Thẩm định"], second["Xếp hạng"]) == (95, 95, 2)
    third = rows[sgt]
    assert (third["24 (2/lần)"], third["Tự chấm"], third["Thẩm định"]) == (2, 95.5, 94.5)
    assert (rows[ptth]["Thẩm định"], rows[ptth]["Cộng phần V (10)"]) == (94.5, 9.5)


def test_numbers_are_numbers_with_one_decimal(table: CriteriaTable) -> None:
    sheet = _sheet(build_score_table(make_summary(table)))
    rows, columns = _body(sheet), _columns(sheet)
    at = int(str(rows[NAMES["SNN"][0]]["_row"]))
    for heading in ["3 (8)", "Cộng phần I (40)", "Điểm thưởng (tối đa 10)", "Thẩm định"]:
        cell = sheet.cell(at, columns[heading])
        # Grouped and with a decimal comma in Vietnamese ("1.050,0"), whatever the locale.
        assert isinstance(cell.value, int | float) and cell.number_format == "[$-42A]#,##0.0"


def test_a_tie_is_shown_and_the_non_submitter_has_no_rank(table: CriteriaTable) -> None:
    sheet = _sheet(build_score_table(make_summary(table)))
    rows, columns = _body(sheet), _columns(sheet)
    for code in ["SGT", "PTTH"]:
        at = int(str(rows[NAMES[code][0]]["_row"]))
        cell = sheet.cell(at, columns["Xếp hạng"])
        assert cell.value == 3 and "đồng hạng" in cell.number_format
    at = int(str(rows[NAMES["SNN"][0]]["_row"]))
    assert "đồng hạng" not in sheet.cell(at, columns["Xếp hạng"]).number_format
    missing = rows[NAMES["SCT"][0]]
    assert missing["1 (15)"] == "Không nộp" and missing["Xếp hạng"] is None
    assert missing["Thẩm định"] is None and missing["Tự chấm"] is None
    notes = [c.value for c in sheet["C"] if isinstance(c.value, str)]  # off the repeated A:B
    assert any(n.startswith("2. Đồng hạng") for n in notes)


def test_frozen_panes_and_print_setup(table: CriteriaTable) -> None:
    """Too wide for one A4 page: split between sections, the header rows and the unit
    columns printed again on every page, at a scale still easy to read."""
    sheet = _sheet(build_score_table(make_summary(table)))
    top = _header_row(sheet)
    assert sheet.freeze_panes == f"C{top + 2}"
    assert sheet.print_title_rows == f"${top}:${top + 1}"
    assert sheet.print_title_cols == "$A:$B"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize or 0) == 9  # A4
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.scale == 85
    breaks = [brk.id + 1 for brk in sheet.col_breaks.brk]  # the first column of each page
    groups = [sheet.cell(top, column).value for column in breaks]
    assert len(breaks) >= 2 and all(isinstance(g, str) and g for g in groups)
    for column in breaks:  # a page starts where a section (or a lone column) does
        merged = [r for r in sheet.merged_cells.ranges if r.min_row == top and r.min_col < column]
        assert not any(r.max_col >= column for r in merged), column
    assert sheet.cell(top, 1).font.b and sheet.cell(top + 2, 2).alignment.wrap_text
    assert sheet.column_dimensions["B"].width >= 30
    assert (sheet.oddFooter.center.text or "").startswith("Trang &P")


def test_the_table_is_dated_and_signed(table: CriteriaTable) -> None:
    sheet = _sheet(build_score_table(make_summary(table)))
    last = int(sheet.col_breaks.brk[0].id)  # the first page's last column
    cells = {str(c.value): (c.row, c.column) for row in sheet.iter_rows() for c in row if c.value}
    for text in ("Trà Vinh, ngày 16 tháng 12 năm 2022", "NGƯỜI LẬP BIỂU", "TM. KHỐI THI ĐUA KHỐI 7",
                 "KHỐI TRƯỞNG", "Nguyễn Văn Đông", "Nguyễn Hoàng Phúc"):  # fmt: skip
        assert text in cells, text
        assert 3 <= cells[text][1] <= last  # on the first page, off the repeated columns
    assert "GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN" in cells
    maker, leader = cells["NGƯỜI LẬP BIỂU"], cells["TM. KHỐI THI ĐUA KHỐI 7"]
    assert maker[0] == leader[0] and maker[1] < leader[1]  # side by side
    assert cells["Nguyễn Văn Đông"][0] == cells["Nguyễn Hoàng Phúc"][0] > leader[0] + 4
    draft = _sheet(build_score_table(make_summary(table, published=False)))
    values = [c.value for row in draft.iter_rows() for c in row if c.value]
    assert "……, ngày …… tháng …… năm ……" in values and "……………………………" in values


def test_the_second_sheet_has_each_items_two_scores_and_the_reason(table: CriteriaTable) -> None:
    workbook = load_workbook(BytesIO(build_score_table(make_summary(table))))
    assert workbook.sheetnames == ["Tong_hop", "Chi_tiet", "Tieu_chi"]
    sheet = workbook["Chi_tiet"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] == "Mã")
    assert rows[header] == (
        "Mã", "Tiêu chí", "Điểm tối đa", "Tự chấm", "Thẩm định", "Lý do thay đổi",
    )  # fmt: skip
    assert sheet.print_title_rows == f"${header + 1}:${header + 1}"
    units = [row[0] for row in rows if isinstance(row[0], str) and " — tự chấm " in row[0]]
    assert units[0] == f"1. {NAMES['SNN'][0]} — tự chấm 100,5, thẩm định 99,5, xếp hạng 1"
    assert len(units) == 4  # the ranked units; the one that submitted nothing has no scores
    sgt = units.index(next(u for u in units if NAMES["SGT"][0] in u))
    start = rows.index(next(row for row in rows if row[0] == units[sgt]))
    lines = {row[0]: row[1:] for row in rows[start + 1 : start + 26]}
    assert lines["1"] == (
        "Hoàn thành các chỉ tiêu kế hoạch năm được giao", 15, 15, 14,
        "Chỉ tiêu thu ngân sách đạt 96%.",
    )  # fmt: skip
    assert lines["2"] == ("Hoàn thành đúng hạn các nhiệm vụ UBND tỉnh giao", 10, 9, 9, None)
    assert lines["24"][1:4] == (-2, -2, -2)  # one occurrence deducted, before and after
    assert sheet.cell(start + 2, 4).number_format == "[$-42A]#,##0.0"


def test_a_thousand_point_table_groups_its_thousands(table: CriteriaTable) -> None:
    big = replace(table, scale=D(1000))
    sheet = _sheet(build_score_table(replace(make_summary(table), table=big)))
    texts = [c.value for row in sheet.iter_rows(max_row=5) for c in row if c.value]
    assert "Khối thi đua Khối 7, tỉnh Trà Vinh — thang điểm 1.000" in texts
    assert comma(D("1050")) == "1.050,0" and comma(D("99.5")) == "99,5"


def test_an_unpublished_table_says_draft(table: CriteriaTable) -> None:
    sheet = _sheet(build_score_table(make_summary(table, published=False)))
    texts = [c.value for row in sheet.iter_rows(max_row=5) for c in row if c.value]
    assert "Bản nháp — chưa công bố" in texts
    assert "Bản nháp" in (sheet.oddHeader.center.text or "")


def test_midyear_title(table: CriteriaTable) -> None:
    summary = replace(make_summary(table), cycle=Cycle.MIDYEAR)
    sheet = _sheet(build_score_table(summary))
    titles = [c.value for c in sheet[3] if c.value]
    assert titles == ["BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM SƠ KẾT 6 THÁNG ĐẦU NĂM 2022"]


def test_bonus_over_the_cap_is_capped(table: CriteriaTable) -> None:
    summary = make_summary(replace(table, bonus_cap=D(5)))
    sheet = _sheet(build_score_table(summary))
    first = _body(sheet)[NAMES["SNN"][0]]
    assert (first["19 (3)"], first["20 (4)"], first["Điểm thưởng (tối đa 5)"]) == (2, 4, 5)
    assert first["Thẩm định"] == 98.5  # 98.5 + 5 − 5


def test_the_criteria_sheet(table: CriteriaTable) -> None:
    sheet = _sheet(build_score_table(make_summary(table)), "Tieu_chi")
    lines = {row[0]: row[1:3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert lines["I"] == ("Thực hiện nhiệm vụ chính trị, chuyên môn", 40)
    assert lines["1"] == ("Hoàn thành các chỉ tiêu kế hoạch năm được giao", 15)
    assert lines["23"] == ("Nộp báo cáo trễ hạn (mỗi lần)", 1)
    assert [c.value for c in sheet[1]] == ["Mã", "Tiêu chí", "Điểm tối đa", "Cách tính"]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("published", [True, False])
def test_the_chart_is_a_png_without_missing_glyphs(
    table: CriteriaTable, published: bool, caplog: pytest.LogCaptureFixture
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = build_ranking_chart(make_summary(table, published))
    width, height = _png_size(data)
    assert width > 0 and height > 0
    glyphs = [str(w.message) for w in caught if "missing" in str(w.message).lower()]
    assert glyphs == []
    assert not [r for r in caplog.records if "findfont" in r.getMessage()]


def synthetic(units: int, seed: int = 7) -> ScoreSummary:
    """A bloc of `units` units scored on 25 criteria: 5 sections of 4, 3 bonus, 2 penalties."""
    five = D(5)
    sections = tuple(
        Section(
            s, f"Phần {s}", tuple(Criterion(f"{s}{n}", f"Tiêu chí {s}{n}", five) for n in "1234")
        )
        for s in ["I", "II", "III", "IV", "V"]
    )
    bonus = tuple(Criterion(f"T{n}", f"Thưởng {n}", D(4)) for n in "123")
    penalties = (Penalty("P1", "Trễ hạn", D(1), True), Penalty("P2", "Không ký", D(8)))
    table = CriteriaTable(D(100), sections, D(10), bonus, penalties)
    rng = random.Random(seed)
    codes = [i.code for s in sections for i in s.items] + [b.code for b in bonus]
    scored = []
    for unit in range(units):
        items = {code: D(rng.randint(30, 50)) / 10 for code in codes}
        times = {"P1": rng.randint(0, 2), "P2": int(rng.random() < 0.05)}
        scored.append((unit, items, times, totals(table, items, items, times)))
    standings = [Standing(u, t.final, t.sections["I"]) for u, _, _, t in scored]
    ranking = rank(standings, list(range(units + 3)))
    by_unit = {u: (items, times, t) for u, items, times, t in scored}
    rows = tuple(
        SummaryRow(
            f"U{e.unit_id}",
            f"Đơn vị số {e.unit_id}",
            f"ĐV {e.unit_id}",
            by_unit[e.unit_id][0],
            by_unit[e.unit_id][1],
            by_unit[e.unit_id][2],
            by_unit[e.unit_id][2],
            e.rank,
            e.tied,
        )
        for e in ranking.ranked
    )
    unranked = tuple(f"Đơn vị số {u}" for u in ranking.unranked)
    return ScoreSummary("Khối thử", "Trà Vinh", 2022, Cycle.ANNUAL, table, rows, unranked, True)


def test_a_large_bloc_is_written() -> None:
    summary = synthetic(2000)
    sheet = _sheet(build_score_table(summary, details=False))  # 50,000 detail rows: slow
    assert sheet.max_column == 2 + 20 + 5 + 3 + 1 + 2 + 1 + 3
    top = _header_row(sheet)
    assert sheet.cell(top + 2, 1).value == 1
    assert sheet.cell(top + 2 + 2000, 3).value == "Không nộp"


def test_a_large_chart_shows_the_top_forty() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = build_ranking_chart(synthetic(120))
    width, height = _png_size(data)
    assert width > 0 and 0 < height < 3000
    assert not [w for w in caught if "missing" in str(w.message).lower()]


def test_nobody_submitted_and_odd_names(table: CriteriaTable) -> None:
    bare = replace(table, bonus=(), penalties=(), bonus_cap=None)
    names = ("=SUM(A1:A9)", "Sở $ Tài chính")
    summary = ScoreSummary("Khối 1", "", 2023, Cycle.MIDYEAR, bare, (), names, False)
    sheet = _sheet(build_score_table(summary))
    rows = _body(sheet)
    assert list(rows) == list(names)
    assert sheet.cell(int(str(rows[names[0]]["_row"])), 2).data_type == "s"
    assert "Điểm trừ" not in _columns(sheet) and "Xếp hạng" in _columns(sheet)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert _png_size(build_ranking_chart(summary))[0] > 0
    assert not [w for w in caught if "missing" in str(w.message).lower()]
