"""Hostile files, built on the spot (the tests and bench/bench_hostile_files.py share them):
each one small on disk and enormous, endless or crashing once read naively."""

from __future__ import annotations

import gzip
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from imports.xlsx_layout import SHEETS
from imports.xlsx_source import write_workbook
from imports.yaml_source import read_yaml
from tests.samples import sample_yaml

MIB = 1024 * 1024
CRITERIA_SHEET = "Tieu_chi"
TITLE_WORDS = "Tổ chức thực hiện tốt phong trào thi đua yêu nước năm của cơ quan đơn vị"
SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# --- YAML ----------------------------------------------------------------------------------


def billion_laughs() -> str:
    """Nine levels of nine aliases each: 370 bytes that name 9^9 (387 million) strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        name, below = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [{','.join([f'*{below}'] * 9)}]")
    return "\n".join(lines) + "\n"


def deep_yaml(levels: int = 5_000) -> str:
    """A mapping inside a mapping, `levels` deep (block style: the parser's own limit is for
    flow style only)."""
    return "".join(f"{' ' * depth}k{depth}:\n" for depth in range(levels)) + " " * levels + "v\n"


def deep_flow_yaml(levels: int = 100_000) -> str:
    return "bloc: " + "[" * levels + "]" * levels + "\n"


def alias_loop_yaml() -> str:
    return "bloc: &b\n  name: x\n  self: *b\n"


def big_yaml(megabytes: int = 3) -> str:
    """A valid bloc file padded with a comment to `megabytes`."""
    padding = "# " + "x" * 98 + "\n"
    return sample_yaml().read_text(encoding="utf-8") + padding * (megabytes * MIB // 100)


# --- .xlsx ---------------------------------------------------------------------------------


def sample_workbook(path: Path) -> Path:
    data, _ = read_yaml(sample_yaml())
    write_workbook(data, path)
    return path


def zip_bomb(path: Path, unpacked_mb: int = 1024) -> Path:
    """The sample workbook whose criteria sheet ends in `unpacked_mb` of blank space (legal
    XML): a zip of about a thousandth of that."""

    def padded(original: bytes, out: IO[bytes]) -> None:
        head, _, tail = original.rpartition(b"</worksheet>")
        out.write(head)
        blank = b" " * MIB
        for _ in range(unpacked_mb):
            out.write(blank)
        out.write(b"</worksheet>" + tail)

    return rewrite_sheet(sample_workbook(path.with_suffix(".src.xlsx")), path, padded, level=9)


def long_sheet(path: Path, rows: int = 1_000_000, declared: bool = False) -> Path:
    """The sample workbook whose criteria sheet has `rows` rows of one number each (with
    `declared`, its <dimension> says so; without, as some programs write it, nothing)."""

    def rows_xml(_original: bytes, out: IO[bytes]) -> None:
        dimension = f'<dimension ref="A1:A{rows}"/>' if declared else ""
        out.write(f'<worksheet xmlns="{SPREADSHEET_NS}">{dimension}<sheetData>'.encode())
        for chunk in _chunks(rows):
            cells = (f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in chunk)
            out.write("".join(cells).encode())
        out.write(b"</sheetData></worksheet>")

    return rewrite_sheet(sample_workbook(path.with_suffix(".src.xlsx")), path, rows_xml)


def far_cell(path: Path, row: int = 1_048_576) -> Path:
    """One cell on Excel's last row: a tiny sheet that is a million rows long."""

    def one_cell(_original: bytes, out: IO[bytes]) -> None:
        out.write(
            f'<worksheet xmlns="{SPREADSHEET_NS}"><sheetData><row r="{row}">'
            f'<c r="A{row}"><v>1</v></c></row></sheetData></worksheet>'.encode()
        )

    return rewrite_sheet(sample_workbook(path.with_suffix(".src.xlsx")), path, one_cell)


def text_sheet(path: Path, rows: int = 9_990, words: int = 85) -> Path:
    """A criteria sheet of `rows` criteria, each titled with `words` words drawn at random:
    at the defaults nearly 8 MB unpacked and packed about 6 times, about the largest criteria
    sheet the limits let through to openpyxl and validation."""
    rng = random.Random(16)
    vocabulary = TITLE_WORDS.split()

    def inline(column: str, n: int, text: object) -> str:
        return f'<c r="{column}{n}" t="inlineStr"><is><t>{text}</t></is></c>'

    def text_rows(_original: bytes, out: IO[bytes]) -> None:
        headings = SHEETS[CRITERIA_SHEET].headings
        header = "".join(inline(chr(ord("A") + i), 1, h) for i, h in enumerate(headings))
        out.write(f'<worksheet xmlns="{SPREADSHEET_NS}"><sheetData>'.encode())
        out.write(f'<row r="1">{header}</row>'.encode())
        for n in range(2, rows + 2):
            title = " ".join(rng.choices(vocabulary, k=words))
            cells = [("A", "mục"), ("B", "I"), ("C", "Phần I"), ("D", n), ("E", title)]
            row = "".join(inline(column, n, text) for column, text in cells)
            out.write(f'<row r="{n}">{row}<c r="F{n}"><v>1</v></c></row>'.encode())
        out.write(b"</sheetData></worksheet>")

    return rewrite_sheet(sample_workbook(path.with_suffix(".src.xlsx")), path, text_rows)


def wide_sheet(path: Path) -> Path:
    """A sheet that declares itself 16,384 columns wide (A1:XFD1)."""

    def wide(_original: bytes, out: IO[bytes]) -> None:
        out.write(
            f'<worksheet xmlns="{SPREADSHEET_NS}"><dimension ref="A1:XFD1"/><sheetData>'
            f'<row r="1"><c r="XFD1"><v>1</v></c></row></sheetData></worksheet>'.encode()
        )

    return rewrite_sheet(sample_workbook(path.with_suffix(".src.xlsx")), path, wide)


def many_parts(path: Path, parts: int = 20_000) -> Path:
    """The sample workbook with `parts` empty extra parts in its zip."""
    source = sample_workbook(path.with_suffix(".src.xlsx"))
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as out:
        for item in original.infolist():
            out.writestr(item, original.read(item))
        for number in range(parts):
            out.writestr(f"xl/media/p{number}.bin", b"")
    return path


def rewrite_sheet(
    source: Path, target: Path, write: Callable[[bytes, IO[bytes]], None], level: int = 6
) -> Path:
    """A copy of the workbook with the criteria sheet's part written anew by `write`."""
    with zipfile.ZipFile(source) as original:
        part = _sheet_part(original, CRITERIA_SHEET)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
            for item in original.infolist():
                if item.filename != part:
                    out.writestr(item, original.read(item))
                    continue
                with out.open(part, "w", force_zip64=True) as stream:
                    write(original.read(item), stream)
    source.unlink()
    return target


def _sheet_part(archive: zipfile.ZipFile, name: str) -> str:
    workbook = archive.read("xl/workbook.xml").decode()
    relation = re.search(rf'<sheet [^>]*name="{name}"[^>]*r:id="(\w+)"', workbook)
    assert relation, f"no sheet {name}"
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    target = re.search(rf'<Relationship [^>]*Id="{relation.group(1)}"[^>]*Target="([^"]+)"', rels)
    if target is None:  # attributes in the other order
        target = re.search(rf'Target="([^"]+)"[^>]*Id="{relation.group(1)}"', rels)
    assert target, f"no part for {name}"
    return "xl/" + target.group(1).removeprefix("/xl/")


def _chunks(rows: int, size: int = 50_000) -> Iterator[range]:
    for start in range(1, rows + 1, size):
        yield range(start, min(start + size, rows + 1))


# --- JSON ----------------------------------------------------------------------------------


def deep_json(levels: int = 100_000) -> bytes:
    return b"[" * levels + b"]" * levels


def gzip_bomb(path: Path, unpacked_mb: int = 1024) -> Path:
    """A .json.gz of a few hundred KB that unpacks to `unpacked_mb` of blank space."""
    blank = b" " * MIB
    with gzip.open(path, "wb", compresslevel=9) as out:
        for _ in range(unpacked_mb):
            out.write(blank)
        out.write(b"{}")
    return path


def sparse_file(path: Path, megabytes: int = 1024) -> Path:
    """A file that says it is `megabytes` long and takes no room on the disk (a hole)."""
    with open(path, "wb") as out:
        out.truncate(megabytes * MIB)
    return path
