"""The covenant .docx: national heading, sections, tables and the administrative layout."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table

from reports.covenant import (
    Covenant,
    CovenantUnit,
    bloc_label,
    build_covenant,
    law_basis,
    province_label,
)
from reports.docx_layout import FONT, balance, date_line

SNN = "Sở Nông nghiệp và Phát triển nông thôn"
UNITS = (
    CovenantUnit(
        name=SNN,
        short_name="Sở NN&PTNT",
        titles=("Tập thể lao động xuất sắc", "Cờ thi đua của UBND tỉnh"),
        campaigns=("Chung sức xây dựng nông thôn mới", "Chuyển đổi số ngành nông nghiệp"),
        commitments="Hoàn thành 100% chỉ tiêu kế hoạch năm 2022.\n"
        "Giải quyết đúng hạn 100% hồ sơ thủ tục hành chính.",
        signed_at=datetime(2022, 3, 10, 2, 30, tzinfo=UTC),
        is_leader=True,
        is_deputy=False,
    ),
    CovenantUnit(
        name="Đài Phát thanh và Truyền hình Trà Vinh",
        short_name="Đài PT-TH",
        titles=("Tập thể lao động xuất sắc",),
        campaigns=("Cải cách hành chính",),
        commitments="Sản xuất đủ thời lượng chương trình theo kế hoạch.",
        signed_at=datetime(2022, 3, 11, 18, 0, tzinfo=UTC),  # 12/03 01:00 in Vietnam
        is_leader=False,
        is_deputy=True,
    ),
    CovenantUnit(
        name="Sở Giao thông vận tải",
        short_name="Sở GTVT",
        titles=(),
        campaigns=(),
        commitments="Giảm tai nạn giao thông trên cả 3 tiêu chí.",
        signed_at=None,
        is_leader=False,
        is_deputy=False,
    ),
)
COVENANT = Covenant(
    bloc_name="Khối thi đua Khối 7",
    province="Trà Vinh",
    year=2022,
    signed_on=date(2022, 3, 15),
    place="Trà Vinh",
    units=UNITS,
)


@pytest.fixture(scope="module")
def doc() -> DocxDocument:
    return Document(io.BytesIO(build_covenant(COVENANT)))


def all_text(doc: DocxDocument) -> str:
    return "".join(node.text or "" for node in doc.element.body.iter(qn("w:t")))


def paragraph_texts(doc: DocxDocument) -> list[str]:
    return [paragraph.text for paragraph in doc.paragraphs]


def cell_texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_national_heading_and_issuer(doc: DocxDocument) -> None:
    heading = doc.tables[0]
    right = heading.cell(0, 1)
    assert [p.text for p in right.paragraphs[:2]] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert all(run.bold for p in right.paragraphs[:2] for run in p.runs)
    assert right.paragraphs[2]._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None  # the rule
    left = [p.text for p in heading.cell(0, 0).paragraphs if p.text]
    assert left == ["KHỐI THI ĐUA KHỐI 7", "TỈNH TRÀ VINH"]


def test_date_line_is_italic_under_the_motto(doc: DocxDocument) -> None:
    line = doc.tables[0].cell(1, 1).paragraphs[0]
    assert line.text == "Trà Vinh, ngày 15 tháng 3 năm 2022"
    assert all(run.italic for run in line.runs)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 3, 15), "Trà Vinh, ngày 15 tháng 3 năm 2022"),
        (date(2023, 2, 5), "Trà Vinh, ngày 05 tháng 02 năm 2023"),
        (date(2022, 12, 9), "Trà Vinh, ngày 09 tháng 12 năm 2022"),
    ],
)
def test_date_line_format(day: date, expected: str) -> None:
    assert date_line("Trà Vinh", day) == expected


def test_title_and_sections_in_order(doc: DocxDocument) -> None:
    texts = paragraph_texts(doc)
    title = next(p for p in doc.paragraphs if p.text == "GIAO ƯỚC THI ĐUA NĂM 2022")
    assert all(run.bold for run in title.runs)
    sections = [t for t in texts if t[:3] in ("I. ", "II.", "III")]
    assert sections == [
        "I. CÁC ĐƠN VỊ THAM GIA KÝ KẾT",
        "II. NỘI DUNG GIAO ƯỚC",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
    assert texts.index("GIAO ƯỚC THI ĐUA NĂM 2022") < texts.index(sections[0])


def test_introduction_cites_the_law_in_force_and_the_regulation(doc: DocxDocument) -> None:
    intro = next(t for t in paragraph_texts(doc) if t.startswith("Căn cứ"))
    assert "Luật Thi đua, khen thưởng năm 2003" in intro
    assert "Quy chế hoạt động của Khối thi đua Khối 7" in intro
    assert "năm 2022" in intro
    assert law_basis(date(2024, 3, 1)) == "Luật Thi đua, khen thưởng số 06/2022/QH15"


def test_units_table_rows(doc: DocxDocument) -> None:
    rows = cell_texts(doc.tables[1])
    assert rows[0] == ["STT", "Đơn vị", "Danh hiệu đăng ký", "Ngày xác nhận"]
    assert rows[1] == [
        "1",
        f"{SNN} (Khối trưởng)",
        "Tập thể lao động xuất sắc\nCờ thi đua của UBND tỉnh",
        "10/03/2022",
    ]
    assert rows[2][1:] == [
        "Đài Phát thanh và Truyền hình Trà Vinh (Khối phó)",
        "Tập thể lao động xuất sắc",
        "12/03/2022",  # the confirmation day in Vietnam's time zone
    ]
    assert rows[3] == ["3", "Sở Giao thông vận tải", "Chưa đăng ký", "Chưa xác nhận"]
    assert len(rows) == 1 + len(UNITS)


def test_every_unit_content_is_present(doc: DocxDocument) -> None:
    texts = paragraph_texts(doc)
    text = "\n".join(texts)
    for number, unit in enumerate(UNITS, start=1):
        assert any(t.startswith(f"{number}. {unit.name}") for t in texts)
        for line in unit.commitments.splitlines():
            assert line in texts
    assert "Chung sức xây dựng nông thôn mới; Chuyển đổi số ngành nông nghiệp" in text
    assert "- Phong trào thi đua theo chuyên đề: không đăng ký thêm." in texts
    assert SNN in all_text(doc)  # Vietnamese intact, composed as given


def test_signature_block(doc: DocxDocument) -> None:
    cells = [" ".join(cell.text.split()) for row in doc.tables[-1].rows for cell in row.cells]
    assert (
        "KHỐI TRƯỞNG TM. SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN "
        "(đã xác nhận điện tử ngày 10/03/2022)"
    ) in cells
    assert any(c.startswith("KHỐI PHÓ TM. ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH TRÀ VINH") for c in cells)
    assert "TM. SỞ GIAO THÔNG VẬN TẢI (chưa xác nhận)" in cells


def test_long_bold_lines_break_evenly() -> None:
    assert balance("TM. SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", 28) == (
        "TM. SỞ NÔNG NGHIỆP VÀ\nPHÁT TRIỂN NÔNG THÔN"
    )
    assert balance("KHỐI THI ĐUA KHỐI 7", 20) == "KHỐI THI ĐUA KHỐI 7"


def test_every_run_is_times_new_roman(doc: DocxDocument) -> None:
    runs = [r for r in doc.element.body.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    assert runs
    for run in runs:
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert fonts.get(qn(f"w:{slot}")) == FONT
        size = run.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        assert size is not None and 24 <= int(size.get(qn("w:val"))) <= 28  # 12–14 pt
    assert doc.styles["Normal"].font.name == FONT


def test_a4_page_and_margins(doc: DocxDocument) -> None:
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = {
        "top": (section.top_margin, 20, 25),
        "bottom": (section.bottom_margin, 20, 25),
        "left": (section.left_margin, 30, 35),
        "right": (section.right_margin, 15, 20),
    }
    for name, (value, low, high) in margins.items():
        assert value is not None and low <= round(value.mm, 1) <= high, name


def test_page_number_from_the_second_page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    instructions = section.header._element.iter(qn("w:instrText"))
    assert [node.text for node in instructions] == ["PAGE"]


def test_labels() -> None:
    assert bloc_label("Khối 7") == "Khối thi đua Khối 7"
    assert bloc_label("Cụm thi đua số 2") == "Cụm thi đua số 2"
    assert province_label("Trà Vinh") == "tỉnh Trà Vinh"
    assert province_label("Cần Thơ") == "thành phố Cần Thơ"
