"""The covenant .docx read back as a clerk reads it: the issuer block, number and date, the
sections with every unit's commitments, the units' signatures and "Nơi nhận", the Decree 30
layout (fonts, A4 margins, page numbers), and a later issue naming the one it replaces."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table

from domain.documents import DocumentKind, DocumentNumber, Person
from domain.model import Bloc, BlocWord, ProvinceKind
from reports.bloc_words import BlocWords, date_line
from reports.covenant import Covenant, CovenantUnit, build_covenant, law_basis
from reports.docx_layout import FONT, balance

SNN = "Sở Nông nghiệp và Phát triển nông thôn"
BLOC = Bloc("khoi7-travinh", "Khối thi đua Khối 7", "Trà Vinh", 1)
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
        head=Person("Nguyễn Hoàng Phúc", "Giám đốc"),
    ),
    CovenantUnit(
        name="Đài Phát thanh và Truyền hình Trà Vinh",
        short_name="Đài PT-TH",
        titles=("Tập thể lao động xuất sắc",),
        campaigns=("Cải cách hành chính",),
        commitments="Sản xuất đủ thời lượng chương trình theo kế hoạch.",
        signed_at=datetime(2022, 3, 11, 18, 0, tzinfo=UTC),  # 12/03 01:00 in Vietnam
        is_deputy=True,
        head=Person("Kim Văn Sơn", "Giám đốc"),
    ),
    CovenantUnit(
        name="Sở Giao thông vận tải",
        short_name="Sở GTVT",
        titles=(),
        campaigns=(),
        commitments="Giảm tai nạn giao thông trên cả 3 tiêu chí.",
        signed_at=None,
    ),
)
ISSUED = datetime(2022, 3, 15, 2, 0, tzinfo=UTC)
COVENANT = Covenant(
    bloc=BLOC,
    year=2022,
    issued_on=date(2022, 3, 15),
    units=UNITS,
    number=DocumentNumber(1, DocumentKind.COVENANT, "KTĐ", ISSUED),
)


def read(covenant: Covenant) -> DocxDocument:
    return Document(io.BytesIO(build_covenant(covenant)))


@pytest.fixture(scope="module")
def doc() -> DocxDocument:
    return read(COVENANT)


def all_text(doc: DocxDocument) -> str:
    return "".join(node.text or "" for node in doc.element.body.iter(qn("w:t")))


def lines(doc: DocxDocument) -> list[str]:
    """Every paragraph, in the body and in table cells, in order; line breaks as spaces."""
    found = []
    for para in doc.element.body.iter(qn("w:p")):
        text = "".join(
            " " if e.tag == qn("w:br") else e.text or "" for e in para.iter(qn("w:t"), qn("w:br"))
        )
        found.append(" ".join(text.split()))
    return found


def cell_texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_issuer_block_and_the_national_heading(doc: DocxDocument) -> None:
    heading = doc.tables[0]
    right = heading.cell(0, 1)
    assert [p.text for p in right.paragraphs[:2]] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert all(run.bold for p in right.paragraphs[:2] for run in p.runs)
    assert right.paragraphs[2]._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None  # the rule
    left = [p for p in heading.cell(0, 0).paragraphs if p.text]
    assert [p.text for p in left] == ["UBND TỈNH TRÀ VINH", "KHỐI THI ĐUA KHỐI 7"]
    assert not any(run.bold for run in left[0].runs) and all(run.bold for run in left[1].runs)
    rule = heading.cell(0, 0).paragraphs[-1]
    assert rule._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None  # under the issuer


def test_the_number_and_the_date_line(doc: DocxDocument) -> None:
    assert doc.tables[0].cell(1, 0).paragraphs[0].text == "Số: 01/GƯ-KTĐ"
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
    texts = lines(doc)
    title = next(p for p in doc.paragraphs if p.text == "GIAO ƯỚC THI ĐUA")
    assert all(run.bold for run in title.runs)
    assert texts[texts.index("GIAO ƯỚC THI ĐUA") + 1] == "Năm 2022"
    sections = [t for t in texts if t[:3] in ("I. ", "II.", "III")]
    assert sections == [
        "I. CÁC ĐƠN VỊ THAM GIA KÝ KẾT",
        "II. NỘI DUNG GIAO ƯỚC",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
    assert texts.index("GIAO ƯỚC THI ĐUA") < texts.index(sections[0])
    assert "Giao ước có hiệu lực kể từ ngày ký./." in texts


def test_introduction_cites_the_law_in_force_and_the_regulation(doc: DocxDocument) -> None:
    intro = next(t for t in lines(doc) if t.startswith("Căn cứ"))
    assert "Luật Thi đua, khen thưởng năm 2003" in intro
    assert "Quy chế hoạt động của Khối thi đua Khối 7, tỉnh Trà Vinh" in intro
    assert "các đơn vị thành viên của Khối thống nhất ký kết giao ước thi đua năm 2022" in intro
    assert law_basis(date(2024, 3, 1)) == "Luật Thi đua, khen thưởng số 06/2022/QH15"


def test_units_table_rows(doc: DocxDocument) -> None:
    rows = cell_texts(doc.tables[1])
    assert rows[0] == ["STT", "Đơn vị", "Danh hiệu đăng ký", "Ngày ký kết"]
    assert rows[1] == [
        "1",
        f"{SNN} (Khối trưởng)",
        "Tập thể lao động xuất sắc\nCờ thi đua của UBND tỉnh",
        "10/03/2022",
    ]
    assert rows[2][1:] == [
        "Đài Phát thanh và Truyền hình Trà Vinh (Khối phó)",
        "Tập thể lao động xuất sắc",
        "12/03/2022",  # the signing day in Vietnam's time zone
    ]
    assert rows[3] == ["3", "Sở Giao thông vận tải", "Chưa đăng ký", "Chưa ký kết"]
    assert len(rows) == 1 + len(UNITS)


def test_every_unit_and_its_commitments_are_listed(doc: DocxDocument) -> None:
    texts = lines(doc)
    text = "\n".join(texts)
    for number, unit in enumerate(UNITS, start=1):
        assert any(t.startswith(f"{number}. {unit.name}") for t in texts)
        for line in unit.commitments.splitlines():
            assert line in texts
    assert "Chung sức xây dựng nông thôn mới; Chuyển đổi số ngành nông nghiệp" in text
    assert "- Phong trào thi đua theo chuyên đề: không đăng ký thêm." in texts
    assert SNN in all_text(doc)  # Vietnamese intact, composed as given


def test_each_unit_signs_under_its_head(doc: DocxDocument) -> None:
    blocks = [
        " ".join(" ".join(cell.text.split()) for cell in row.cells) for row in doc.tables[-1].rows
    ]
    text = " | ".join(blocks)
    assert "KHỐI TRƯỞNG SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN GIÁM ĐỐC" in text
    assert "Nguyễn Hoàng Phúc (Đã ký kết ngày 10/03/2022)" in text
    assert "KHỐI PHÓ ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH TRÀ VINH GIÁM ĐỐC" in text
    assert "Kim Văn Sơn (Đã ký kết ngày 12/03/2022)" in text
    assert "SỞ GIAO THÔNG VẬN TẢI" in text and "…………………………… (Chưa ký kết)" in text
    # The names of one row of blocks sit in one table row, under their positions.
    names = next(row for row in doc.tables[-1].rows if "Nguyễn Hoàng Phúc" in row.cells[0].text)
    assert "Kim Văn Sơn" in names.cells[1].text


def test_recipients_close_the_covenant(doc: DocxDocument) -> None:
    texts = lines(doc)
    assert texts[texts.index("Nơi nhận:") + 1 :][:3] == [
        "- Ban Thi đua - Khen thưởng tỉnh (để báo cáo);",
        "- Các đơn vị thành viên Khối;",
        "- Lưu: VT, Khối trưởng.",
    ]


def test_a_later_issue_names_the_one_it_replaces() -> None:
    earlier = DocumentNumber(
        1, DocumentKind.COVENANT, "KTĐ", datetime(2022, 3, 10, 3, 0, tzinfo=UTC)
    )
    later = replace(
        COVENANT, number=DocumentNumber(4, DocumentKind.COVENANT, "KTĐ", ISSUED), replaces=earlier
    )
    texts = lines(read(later))
    assert "Số: 04/GƯ-KTĐ" in texts
    assert (
        "Giao ước có hiệu lực kể từ ngày ký. Giao ước này thay thế Giao ước thi đua số "
        "01/GƯ-KTĐ ngày 10 tháng 3 năm 2022./." in texts
    )


def test_a_cum_of_a_central_city() -> None:
    cum = Bloc(
        "cum3-cantho", "Cụm thi đua số 3", "Cần Thơ", 2, ProvinceKind.CITY, BlocWord.CUM,
        "UBND thành phố Cần Thơ",
    )  # fmt: skip
    texts = lines(read(replace(COVENANT, bloc=cum, number=None)))
    assert texts[:2] == ["UBND THÀNH PHỐ CẦN THƠ", "CỤM THI ĐUA SỐ 3"]
    assert "Số: /GƯ-CTĐ" in texts and "Cần Thơ, ngày 15 tháng 3 năm 2022" in texts
    intro = next(t for t in texts if t.startswith("Căn cứ"))
    assert "Cụm thi đua số 3, thành phố Cần Thơ" in intro and "của Cụm thống nhất" in intro
    assert f"{SNN} (Cụm trưởng)" in "\n".join(texts) and "Khối" not in "\n".join(texts)
    assert BlocWords(cum).place == "Cần Thơ"
    hcm = Bloc("x", "Khối các sở", "TP. Hồ Chí Minh")
    assert BlocWords(hcm).place == "Thành phố Hồ Chí Minh"


def test_long_lines_in_capitals_break_evenly_and_never_at_a_dash() -> None:
    assert balance("TM. SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", 28) == (
        "TM. SỞ NÔNG NGHIỆP VÀ\nPHÁT TRIỂN NÔNG THÔN"
    )
    assert balance("KHỐI THI ĐUA KHỐI 7", 20) == "KHỐI THI ĐUA KHỐI 7"
    assert balance("KHỐI THI ĐUA VĂN HÓA - XÃ HỘI", 21) == "KHỐI THI ĐUA\nVĂN HÓA - XÃ HỘI"
    for limit in range(8, 30):
        broken = balance("KHỐI THI ĐUA VĂN HÓA - XÃ HỘI TỈNH VĨNH LONG", limit).split("\n")
        assert not any(line.endswith("-") or line.startswith("-") for line in broken), limit


def test_every_run_is_times_new_roman(doc: DocxDocument) -> None:
    runs = [r for r in doc.element.body.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    assert runs
    for run in runs:
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert fonts.get(qn(f"w:{slot}")) == FONT
        size = run.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        # 12–14 pt; the recipients' lines are 11 pt, as Decree 30 sets them.
        assert size is not None and 22 <= int(size.get(qn("w:val"))) <= 28
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
