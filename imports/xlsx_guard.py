"""An .xlsx workbook from outside, checked before openpyxl reads a byte of it, then read as a
stream (openpyxl's read-only mode) within bounds.

An .xlsx is a zip of XML parts. Its central directory says how many parts there are and how big
each is once unpacked; zipfile never unpacks past the size declared (a part that claims less
than it holds fails its CRC check), so checking the declared sizes bounds what is unpacked. A
sheet's own declared size (`<dimension>`) may be missing or wrong, so rows are also counted as
they stream, and no row is read wider than the widest sheet needs."""

from __future__ import annotations

import os
import re
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike
from typing import IO, Any
from xml.etree import ElementTree

from imports.limits import (
    MIB,
    SHEET_MAX_COLUMNS,
    SHEET_MAX_ROWS,
    XLSX_MAX_BYTES,
    XLSX_MAX_DIRECTORY_BYTES,
    XLSX_MAX_PARTS,
    XLSX_MAX_RATIO,
    XLSX_MAX_UNPACKED,
    XLSX_RATIO_FROM,
    InputRefused,
    too_large,
)

Source = str | PathLike[str] | IO[bytes]

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATION_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_END_OF_DIRECTORY = b"PK\x05\x06"
_END_RECORD = struct.Struct("<4s4H2LH")  # signature, disks, entries here, entries, size, offset
_LONGEST_COMMENT = 0xFFFF


@contextmanager
def opened_workbook(source: Source) -> Iterator[Any]:
    """The workbook in read-only mode, once the package passed `check_package`; closed after."""
    check_package(source)
    if not isinstance(source, str | PathLike):
        source.seek(0)
    from openpyxl import load_workbook  # heavy: loaded when a workbook comes, not at start

    workbook = load_workbook(source, read_only=True, data_only=True)
    try:
        yield workbook
    finally:
        workbook.close()


def check_package(source: Source) -> None:
    """Refuse a package that is too big, has too many parts, or unpacks too far: by what
    its zip directory declares, read without unpacking anything."""
    if isinstance(source, str | PathLike):
        with open(source, "rb") as stream:
            _check_stream(stream)
    else:
        _check_stream(source)


def _check_stream(stream: IO[bytes]) -> None:
    size = stream.seek(0, os.SEEK_END)
    if size > XLSX_MAX_BYTES:
        raise too_large(XLSX_MAX_BYTES)
    _check_directory(stream, size)
    stream.seek(0)
    with zipfile.ZipFile(stream) as archive:
        parts = archive.infolist()
    if len(parts) > XLSX_MAX_PARTS:
        raise InputRefused("xlsx-too-many-parts", max=XLSX_MAX_PARTS)
    unpacked = sum(part.file_size for part in parts)
    if unpacked > XLSX_MAX_UNPACKED:
        raise InputRefused("xlsx-unpacked-too-large", max_mb=XLSX_MAX_UNPACKED // MIB)
    for part in parts:
        ratio = part.file_size // max(part.compress_size, 1)
        if part.file_size > XLSX_RATIO_FROM and ratio > XLSX_MAX_RATIO:
            raise InputRefused(
                "xlsx-packed-too-tight", part=part.filename, ratio=ratio, max=XLSX_MAX_RATIO
            )
    stream.seek(0)
    with zipfile.ZipFile(stream) as archive:
        _scan_parts(archive)


def _scan_parts(archive: zipfile.ZipFile) -> None:
    """Each XML part read once (all of them together are under XLSX_MAX_UNPACKED) before
    openpyxl does: a DTD (an .xlsx has none; entities are how XML bombs are built) is
    refused, and so is a sheet whose rows run past SHEET_MAX_ROWS. openpyxl would parse such
    a sheet whole just to learn its size when it declares none."""
    names = _sheet_names(archive)
    for part in archive.infolist():
        if part.filename.endswith((".xml", ".rels")):
            data = _read_xml(archive, part.filename)
            if part.filename in names:
                _count_rows(data, names[part.filename])


def _read_xml(archive: zipfile.ZipFile, name: str) -> bytes:
    data = archive.read(name)
    if _DTD.search(data):
        raise InputRefused("xlsx-dtd", part=name)
    return data


def _count_rows(data: bytes, sheet: str) -> None:
    """Rows counted from their tags (a "<" in a cell's text is always escaped): each row's
    own number where it gives one, else the one after the row before."""
    last = 0
    for match in _ROW.finditer(data):
        number = _ROW_NUMBER.search(match.group(1))
        last = int(number.group(1)) if number else last + 1
        if last > SHEET_MAX_ROWS:
            raise InputRefused("sheet-too-many-rows", sheet=sheet, max=SHEET_MAX_ROWS)


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → the sheet's name, from the workbook part and its relations."""
    try:
        workbook = ElementTree.fromstring(_read_xml(archive, "xl/workbook.xml"))
        relations = ElementTree.fromstring(_read_xml(archive, "xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}  # not a workbook: openpyxl says so
    targets = {
        item.get("Id"): item.get("Target", "")
        for item in relations.iter(f"{{{_PACKAGE_NS}}}Relationship")
    }
    names = {}
    for sheet in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{_RELATION_NS}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        names[part] = sheet.get("name", part)
    return names


def _check_directory(stream: IO[bytes], size: int) -> None:
    """zipfile reads the whole directory into memory before anything can be asked of it, so
    its size is checked first, from the end record (the last 22 bytes, or before a comment).
    A record that is not there is left to zipfile to report."""
    tail = min(size, _END_RECORD.size + _LONGEST_COMMENT)
    stream.seek(size - tail)
    data = stream.read(tail)
    at = data.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(data) - at < _END_RECORD.size:
        return
    *_, entries, directory_size, _offset, _comment = _END_RECORD.unpack_from(data, at)
    # 0xFFFF entries or a 4 GB directory mean zip64: no workbook comes near either.
    if entries > XLSX_MAX_PARTS:
        raise InputRefused("xlsx-too-many-parts", max=XLSX_MAX_PARTS)
    if directory_size > XLSX_MAX_DIRECTORY_BYTES:
        raise InputRefused("xlsx-too-many-parts", max=XLSX_MAX_PARTS)


def sheet_rows(worksheet: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, the values of its first SHEET_MAX_COLUMNS cells) for every row down to the
    last one the sheet holds; refused past SHEET_MAX_ROWS, whether the sheet declares it or
    only reaches it (one cell on row 1,048,576 is a sheet of a million rows)."""
    declared_rows, declared_columns = worksheet.max_row or 0, worksheet.max_column or 0
    if declared_rows > SHEET_MAX_ROWS:
        raise _too_many_rows(worksheet)
    if declared_columns > SHEET_MAX_COLUMNS:
        raise InputRefused("sheet-too-many-columns", sheet=worksheet.title, max=SHEET_MAX_COLUMNS)
    # The declared size may be short of the truth (some programs write A1:A1): read it all.
    worksheet.reset_dimensions()
    rows = worksheet.iter_rows(max_col=SHEET_MAX_COLUMNS, values_only=True)
    for row_no, values in enumerate(rows, start=1):
        if row_no > SHEET_MAX_ROWS:
            raise _too_many_rows(worksheet)
        yield row_no, values


def _too_many_rows(worksheet: Any) -> InputRefused:
    return InputRefused("sheet-too-many-rows", sheet=worksheet.title, max=SHEET_MAX_ROWS)
