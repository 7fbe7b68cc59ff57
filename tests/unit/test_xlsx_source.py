"""The .xlsx form of a bloc reads back into the same structure as the YAML file."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from imports.xlsx_layout import GUIDE_SHEET
from imports.xlsx_source import (
    SHEETS,
    WorkbookFormatError,
    read_workbook,
    write_template,
    write_workbook,
)
from imports.yaml_source import read_yaml
from tests.samples import sample_yaml

ITEM_KEYS = {"code", "title", "max", "points", "per_occurrence", "fact"}

EMPTY = {
    "bloc": {},
    "units": [],
    "rules": {},
    "calendar": {},
    "criteria": {"sections": [], "bonus": [], "penalties": []},
}


@pytest.fixture
def sample() -> dict[str, Any]:
    data, _where = read_yaml(sample_yaml())
    return data


def small_bloc() -> dict[str, Any]:
    return {
        "bloc": {"code": "k1", "name": "Khối 1", "year": 2024, "rotation": ["A", "B"]},
        "units": [{"code": "A", "name": "Đơn vị A"}, {"code": "B", "name": "Đơn vị B"}],
        "rules": {"ballot_secret": False, "threshold": 0.5},
        "calendar": {"pledge_window": {"opens": "01-05", "closes": "03-31"}},
        "criteria": {
            "scale": 10,
            "bonus_cap": 1.5,
            "sections": [
                {
                    "code": "I",
                    "title": "Phần một",
                    "items": [
                        {"code": "1", "title": "Tiêu chí 1", "max": 2.5},
                        {"code": "2", "title": "Tiêu chí 2", "max": 7.5},
                    ],
                }
            ],
            "bonus": [{"code": "3", "title": "Sáng kiến", "max": 1.5}],
            "penalties": [
                {"code": "4", "title": "Trễ hạn", "points": 0.5, "per_occurrence": True},
                {"code": "5", "title": "Kỷ luật", "points": 2, "per_occurrence": False},
                {"code": "6", "title": "Vắng", "points": 1, "fact": "conference_absence"},
            ],
        },
    }


def round_trip(data: dict[str, Any], tmp_path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    path = tmp_path / "bloc.xlsx"
    write_workbook(data, path)
    return read_workbook(path)


def stray_keys(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Items with keys no column holds, e.g. a flow-mapping title cut at an unquoted comma."""
    criteria = data["criteria"]
    items = [item for section in criteria["sections"] for item in section["items"]]
    items += criteria.get("bonus", []) + criteria.get("penalties", [])
    return [item for item in items if set(item) - ITEM_KEYS]


def test_sample_round_trips(sample: dict[str, Any], tmp_path: Path) -> None:
    assert not stray_keys(sample), (
        "the sample YAML has titles with unquoted commas inside {...}, which YAML splits "
        f"into extra keys; quote those titles: {stray_keys(sample)}"
    )
    data, _ = round_trip(sample, tmp_path)
    assert data == sample


def test_where_points_at_rows(sample: dict[str, Any], tmp_path: Path) -> None:
    _, where = round_trip(sample, tmp_path)
    assert where["units[2].code"] == "Sheet Don_vi, dòng 4"
    assert where["units[0]"] == "Sheet Don_vi, dòng 2"
    assert where["criteria.sections[0].items[1].max"] == "Sheet Tieu_chi, dòng 3"
    assert where["criteria.sections[1]"] == "Sheet Tieu_chi, dòng 6"
    assert where["criteria.penalties[0].points"] == "Sheet Tieu_chi, dòng 23"
    assert where["bloc.year"] == "Sheet Khoi, dòng 5"
    assert where["calendar.pledge_window.opens"] == "Sheet Lich, dòng 2"
    assert where["criteria.scale"] == "Sheet Thang_diem, dòng 2"


def test_numbers_and_booleans_survive(tmp_path: Path) -> None:
    original = small_bloc()
    data, _ = round_trip(original, tmp_path)
    assert data == original
    items = data["criteria"]["sections"][0]["items"]
    assert items[0]["max"] == 2.5
    assert type(data["criteria"]["scale"]) is int
    assert type(data["bloc"]["year"]) is int
    penalties = data["criteria"]["penalties"]
    assert [p.get("per_occurrence") for p in penalties] == [True, False, None]
    assert "per_occurrence" not in penalties[2]
    assert data["rules"]["ballot_secret"] is False


def test_hand_typed_cells_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "typed.xlsx"
    write_template(path)
    workbook = load_workbook(path)
    rules, calendar, units = workbook["Quy_dinh"], workbook["Lich"], workbook["Don_vi"]
    rules["C2"], rules["C3"] = "Có", "0,7"
    calendar["C2"] = datetime.datetime(2024, 1, 5)  # Excel's guess for "01-05"
    calendar["C8"] = " 7d, 1d ,, 2h "
    units.append([" 7 ", "  Đơn vị bảy  ", None])
    units.append([None, None, None])
    units.append([8, "Đơn vị tám", "ĐV8"])
    criteria = workbook["Tieu_chi"]
    criteria.append(["MỤC", "I", "Phần một", 1, "Tiêu chí", "2,5", None])
    criteria.append(["thuong", None, None, 2, "Thưởng", 1, "không"])
    criteria.append(["Trừ", None, None, 3, "Trừ", 0.5, "co"])
    workbook.save(path)

    data, where = read_workbook(path)

    assert data["rules"] == {"ballot_secret": True, "threshold": 0.7}
    assert data["calendar"] == {
        "pledge_window": {"opens": "01-05"},
        "conference_reminders": [
            "7d",
            "1d",
            "2h",
        ],
    }
    assert data["units"] == [
        {"code": "7", "name": "Đơn vị bảy"},
        {"code": "8", "name": "Đơn vị tám", "short_name": "ĐV8"},
    ]
    assert where["units[1].code"] == "Sheet Don_vi, dòng 4"  # the blank row is skipped
    assert data["criteria"]["sections"] == [
        {
            "code": "I",
            "title": "Phần một",
            "items": [{"code": "1", "title": "Tiêu chí", "max": 2.5}],
        }
    ]
    assert data["criteria"]["bonus"] == [
        {"code": "2", "title": "Thưởng", "max": 1, "per_occurrence": False}
    ]
    assert data["criteria"]["penalties"] == [
        {"code": "3", "title": "Trừ", "points": 0.5, "per_occurrence": True}
    ]
    assert where["bloc.name"] == "Sheet Khoi, dòng 3"  # blank value, yet its row is known


def test_items_group_by_section_code_in_order_of_first_appearance(tmp_path: Path) -> None:
    path = tmp_path / "sections.xlsx"
    write_template(path)
    workbook = load_workbook(path)
    criteria = workbook["Tieu_chi"]
    criteria.append(["mục", "II", "Phần hai", "1", "a", 1, None])
    criteria.append(["mục", "I", "Phần một", "2", "b", 2, None])
    criteria.append(["mục", "II", None, "3", "c", 3, None])
    workbook.save(path)

    data, where = read_workbook(path)

    sections = data["criteria"]["sections"]
    assert [s["code"] for s in sections] == ["II", "I"]
    assert [i["code"] for i in sections[0]["items"]] == ["1", "3"]
    assert sections[0]["title"] == "Phần hai"
    assert where["criteria.sections[0].items[1].code"] == "Sheet Tieu_chi, dòng 4"


def test_missing_sheet_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bloc.xlsx"
    write_workbook(small_bloc(), path)
    workbook = load_workbook(path)
    del workbook["Don_vi"]
    workbook.save(path)

    with pytest.raises(WorkbookFormatError) as error:
        read_workbook(path)
    assert error.value.messages == ["Thiếu sheet «Don_vi»"]


def test_missing_header_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bloc.xlsx"
    write_workbook(small_bloc(), path)
    workbook = load_workbook(path)
    workbook["Tieu_chi"]["F1"] = "Điểm"
    workbook["Khoi"]["B1"] = None
    workbook.save(path)

    with pytest.raises(WorkbookFormatError) as error:
        read_workbook(path)
    message = str(error.value)
    assert "Tieu_chi" in message and "Điểm tối đa / điểm trừ" in message
    assert "Khoi" in message and "Khóa" in message
    assert len(error.value.messages) == 2


def test_row_of_unknown_kind_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bloc.xlsx"
    write_template(path)
    workbook = load_workbook(path)
    workbook["Tieu_chi"].append(["khác", "I", "Phần", "1", "a", 1, None])
    workbook.save(path)

    with pytest.raises(WorkbookFormatError, match="Sheet Tieu_chi, dòng 2"):
        read_workbook(path)


def test_template_has_every_sheet_and_reads_back_empty(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)

    workbook = load_workbook(path)
    assert workbook.sheetnames == [GUIDE_SHEET, *SHEETS]
    for name, sheet in SHEETS.items():
        header = [cell.value for cell in workbook[name][1]]
        assert header == list(sheet.headings)
        assert workbook[name].freeze_panes == "A2"
        assert workbook[name]["A1"].font.bold
    data, _ = read_workbook(path)
    assert data == EMPTY


def test_header_matching_tolerates_case_and_hints(tmp_path: Path) -> None:
    path = tmp_path / "bloc.xlsx"
    write_workbook(small_bloc(), path)
    workbook = load_workbook(path)
    workbook["Tieu_chi"]["G1"] = "mỗi lần vi phạm"
    workbook["Don_vi"].title = "renamed"  # openpyxl and Excel treat "DON_VI" as "Don_vi"
    workbook["renamed"].title = "DON_VI"
    workbook.save(path)

    data, _ = read_workbook(path)
    assert data == small_bloc()


def test_reads_from_a_file_object(tmp_path: Path) -> None:
    path = tmp_path / "bloc.xlsx"
    write_workbook(small_bloc(), path)
    with path.open("rb") as stream:
        data, _ = read_workbook(stream)
    assert data == small_bloc()


def test_error_is_a_value_error() -> None:
    assert issubclass(WorkbookFormatError, ValueError)
    assert WorkbookFormatError(["a", "b"]).messages == ["a", "b"]


def test_unknown_workbook_sheets_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bloc.xlsx"
    write_workbook(small_bloc(), path)
    workbook = load_workbook(path)
    workbook.create_sheet("Ghi_chu")["A1"] = "ghi chú"
    workbook.save(path)
    assert read_workbook(path)[0] == small_bloc()


def test_empty_workbook_names_every_sheet(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    with pytest.raises(WorkbookFormatError) as error:
        read_workbook(path)
    assert len(error.value.messages) == len(SHEETS)
