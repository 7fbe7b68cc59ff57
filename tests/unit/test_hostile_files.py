"""Hostile bloc files are refused before they unfold: YAML bombs and nesting, .xlsx zip bombs,
endless and wide sheets, XML entities; each with the reason and the limit it passed. Real
files, anchors included, still read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from imports import limits
from imports.json_source import loads
from imports.limits import InputRefused
from imports.xlsx_source import read_workbook
from imports.yaml_source import YamlFormatError, read_yaml
from tests import hostile
from tests.samples import sample_yaml

TOO_LONG = {"sheet": "Tieu_chi", "max": 10_000}


def refusal(read: object, path: Path) -> InputRefused:
    assert callable(read)
    with pytest.raises(InputRefused) as refused:
        read(path)
    return refused.value


def yaml_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "khoi.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- YAML ----------------------------------------------------------------------------------


def test_a_billion_laughs_is_refused_unexpanded(tmp_path: Path) -> None:
    text = hostile.billion_laughs()
    assert len(text) < 400
    error = refusal(read_yaml, yaml_file(tmp_path, text))
    assert (error.code, error.values) == ("yaml-too-many-values", {"max": 200_000})


@pytest.mark.parametrize("text", [hostile.deep_yaml(200), hostile.deep_flow_yaml(100_000)])
def test_deep_nesting_is_refused_with_its_line(tmp_path: Path, text: str) -> None:
    error = refusal(read_yaml, yaml_file(tmp_path, text))
    assert error.code == "yaml-too-deep" and error.values["max"] == limits.YAML_MAX_DEPTH
    assert isinstance(error.values["line"], int) and error.values["line"] >= 1


def test_an_alias_inside_its_own_value_is_refused(tmp_path: Path) -> None:
    error = refusal(read_yaml, yaml_file(tmp_path, hostile.alias_loop_yaml()))
    assert (error.code, error.values) == ("yaml-alias-loop", {"line": 3, "anchor": "b"})


def test_a_yaml_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    error = refusal(read_yaml, yaml_file(tmp_path, hostile.big_yaml(3)))
    assert (error.code, error.values) == ("file-too-large", {"max_mb": 2})


def test_anchors_within_the_limits_still_read(tmp_path: Path) -> None:
    text = sample_yaml().read_text(encoding="utf-8")
    data, where = read_yaml(yaml_file(tmp_path, text + "extra: &e [1, 2]\nmore: *e\n"))
    assert data["more"] == [1, 2] and data["bloc"]["code"] == "khoi7-travinh"
    assert where["more"].startswith("dòng ")


def test_a_file_that_is_not_utf8_says_so(tmp_path: Path) -> None:
    path = tmp_path / "khoi.yaml"
    path.write_bytes("bloc: Khối".encode("utf-16"))
    with pytest.raises(YamlFormatError) as error:
        read_yaml(path)
    assert "UTF-8" in error.value.messages[0]


# --- .xlsx ---------------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_by_its_unpacked_size(tmp_path: Path) -> None:
    path = hostile.zip_bomb(tmp_path / "bom.xlsx", unpacked_mb=64)
    assert path.stat().st_size < 200_000
    error = refusal(read_workbook, path)
    assert (error.code, error.values) == ("xlsx-unpacked-too-large", {"max_mb": 8})


def test_a_part_packed_like_a_bomb_is_refused_by_its_ratio(tmp_path: Path) -> None:
    error = refusal(read_workbook, hostile.zip_bomb(tmp_path / "nen.xlsx", unpacked_mb=4))
    assert error.code == "xlsx-packed-too-tight"
    assert error.values["part"] == "xl/worksheets/sheet7.xml"  # the criteria sheet
    assert int(str(error.values["ratio"])) > 100 and error.values["max"] == 100


def test_a_zip_of_many_parts_is_refused_from_its_directory(tmp_path: Path) -> None:
    error = refusal(read_workbook, hostile.many_parts(tmp_path / "nhieu.xlsx"))
    assert (error.code, error.values) == ("xlsx-too-many-parts", {"max": 1_000})


def test_a_million_row_sheet_is_refused(tmp_path: Path) -> None:
    error = refusal(read_workbook, hostile.long_sheet(tmp_path / "trieu.xlsx", 1_000_000))
    assert error.code == "xlsx-unpacked-too-large"


@pytest.mark.parametrize("declared", [False, True])
def test_rows_past_the_limit_are_refused_whether_declared_or_not(
    tmp_path: Path, declared: bool
) -> None:
    path = hostile.long_sheet(tmp_path / "dai.xlsx", 30_000, declared=declared)
    error = refusal(read_workbook, path)
    assert (error.code, error.values) == ("sheet-too-many-rows", TOO_LONG)


def test_one_cell_on_the_last_row_is_a_sheet_too_long(tmp_path: Path) -> None:
    error = refusal(read_workbook, hostile.far_cell(tmp_path / "xa.xlsx"))
    assert (error.code, error.values) == ("sheet-too-many-rows", TOO_LONG)


def test_a_sheet_declared_16384_columns_wide_is_refused(tmp_path: Path) -> None:
    error = refusal(read_workbook, hostile.wide_sheet(tmp_path / "rong.xlsx"))
    assert (error.code, error.values) == ("sheet-too-many-columns", {**TOO_LONG, "max": 50})


def test_xml_entities_are_refused(tmp_path: Path) -> None:
    source = hostile.sample_workbook(tmp_path / "goc.xlsx")
    path = tmp_path / "thucthe.xlsx"
    entities = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as out:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "xl/workbook.xml":
                data = entities + data.split(b"?>", 1)[-1]
            out.writestr(item, data)
    error = refusal(read_workbook, path)
    assert (error.code, error.values) == ("xlsx-dtd", {"part": "xl/workbook.xml"})


def test_the_sample_workbook_still_reads(tmp_path: Path) -> None:
    data, where = read_workbook(hostile.sample_workbook(tmp_path / "mau.xlsx"))
    assert data["bloc"]["code"] == "khoi7-travinh" and len(data["units"]) == 5
    assert where["units[0]"] == "Sheet Don_vi, dòng 2"


# --- JSON ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (hostile.deep_json(100_000), "too-deep"),
        (hostile.deep_json(65), "too-deep"),
        (b'{"date": Infinity}', "not-finite"),
        (b'{"date": -Infinity}', "not-finite"),
        (b'{"date": NaN}', "not-finite"),
        (b'{"date": 1e999}', "not-finite"),
    ],
)
def test_hostile_json_is_refused(text: bytes, code: str) -> None:
    with pytest.raises(InputRefused) as refused:
        loads(text)
    assert refused.value.code == code


def test_json_within_the_limits_reads() -> None:
    assert loads(hostile.deep_json(64)) is not None
    assert loads(b'{"a": [1, 2.5, "x"], "b": null}') == {"a": [1, 2.5, "x"], "b": None}
