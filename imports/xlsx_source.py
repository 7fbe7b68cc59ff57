"""Read and write a bloc as an .xlsx workbook, in the same structure as the YAML import file.

``read_workbook`` returns what ``yaml.safe_load`` would return for the same content, plus the
row each value came from, so that validation (done elsewhere, on the dict) can point at rows.
Only the shape of the workbook is checked here: missing sheets, headers and unknown row kinds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from imports.limits import InputRefused
from imports.xlsx_guard import Source, opened_workbook, sheet_rows
from imports.xlsx_layout import (
    CRITERION_KIND_LABELS,
    CRITERION_KINDS,
    GUIDE_LINES,
    GUIDE_SHEET,
    KEY_HEADING,
    SHEETS,
    Field,
    Kind,
    Sheet,
    WorkbookFormatError,
    cell_to_yaml,
    clean_cell,
    fold,
    heading_key,
    yaml_to_cell,
)

__all__ = [
    "SHEETS",
    "WorkbookFormatError",
    "read_table",
    "read_workbook",
    "write_template",
    "write_workbook",
]

Row = tuple[int, dict[str, Any]]
NOT_A_WORKBOOK = "tệp không phải bảng tính Excel .xlsx đọc được (hãy lưu lại dạng .xlsx)"

_TEXT_KINDS: set[Kind] = {"text", "list", "monthday"}


# --- reading -------------------------------------------------------------------------------


def read_workbook(
    path: Source, only: frozenset[str] | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """The bloc's data; with `only`, just the sheets for those top-level keys (e.g. a
    criteria table uploaded alone needs only {"criteria"}). A hostile package or sheet is
    refused with InputRefused (`xlsx_guard`) before it is unpacked or read to its end."""
    errors: list[str] = []
    chosen = {n: s for n, s in SHEETS.items() if only is None or s.path.split(".")[0] in only}
    tables = _tables(path, chosen.values())
    data: dict[str, Any] = {}
    where: dict[str, str] = {}
    for name, sheet in chosen.items():
        rows = tables[name] or []
        where.setdefault(sheet.path, f"Sheet {name}")
        if sheet.key_value:
            data.setdefault(sheet.path, {}).update(_read_key_values(sheet, rows, where, errors))
        elif sheet.path == "units":
            data["units"] = _read_units(sheet, rows, where)
        else:
            data.setdefault("criteria", {}).update(_read_criteria(sheet, rows, where, errors))
    if errors:
        raise WorkbookFormatError(errors)
    return data, where


def read_table(path: Source, sheet: Sheet) -> list[Row]:
    """The rows of one table sheet laid out as `sheet` says, read as the bloc's sheets are:
    within the same bounds, headings matched the same forgiving way."""
    return _tables(path, [sheet])[sheet.name] or []


def _tables(path: Source, sheets: Iterable[Sheet]) -> dict[str, list[Row] | None]:
    errors: list[str] = []
    try:
        with opened_workbook(path) as workbook:
            tables = {sheet.name: _sheet_rows(workbook, sheet, errors) for sheet in sheets}
    except (InputRefused, FileNotFoundError):
        raise
    except Exception as error:  # not a workbook at all: zipfile and openpyxl raise many kinds
        raise WorkbookFormatError([NOT_A_WORKBOOK]) from error
    if errors:
        raise WorkbookFormatError(errors)
    return tables


def _location(sheet: Sheet, row_no: int) -> str:
    return f"Sheet {sheet.name}, dòng {row_no}"


def _sheet_rows(workbook: Any, sheet: Sheet, errors: list[str]) -> list[Row] | None:
    """The non-empty rows under the header, keyed by field key; None when the sheet is unusable."""
    worksheet = _find_sheet(workbook, sheet.name)
    if worksheet is None:
        errors.append(f"Thiếu sheet «{sheet.name}»")
        return None
    lines = (
        (row_no, values)
        for row_no, values in sheet_rows(worksheet)
        if any(clean_cell(value) is not None for value in values)
    )
    header_no, header = next(lines, (1, ()))
    columns = {heading_key(value): index for index, value in enumerate(header) if value}
    missing = [h for h in sheet.required_headings if heading_key(h) not in columns]
    errors.extend(
        f"Sheet {sheet.name}: thiếu cột «{heading}» ở dòng tiêu đề (dòng {header_no})"
        for heading in missing
    )
    if missing:
        return None
    keys = sheet.column_keys
    rows = []
    for row_no, values in lines:
        cells = {
            keys[h]: clean_cell(values[columns[heading_key(h)]])
            for h in sheet.headings
            if heading_key(h) in columns and columns[heading_key(h)] < len(values)
        }
        if any(value is not None for value in cells.values()):
            rows.append((row_no, cells))
    return rows


def _find_sheet(workbook: Any, name: str) -> Any:
    # Tolerate case and stray spaces: people retype sheet names.
    for worksheet in workbook.worksheets:
        if worksheet.title.strip().casefold() == name.casefold():
            return worksheet
    return None


def _read_key_values(
    sheet: Sheet, rows: list[Row], where: dict[str, str], errors: list[str]
) -> dict[str, Any]:
    fields = {field.key: field for field in sheet.fields}
    by_label = {heading_key(field.heading): field.key for field in sheet.fields}
    result: dict[str, Any] = {}
    for row_no, cells in rows:
        key, label = cells["key"], cells.get("label")
        if key is None and label is not None:
            key = by_label.get(heading_key(label))
        if key is None:
            if cells["value"] is not None:
                errors.append(f"{_location(sheet, row_no)}: có giá trị nhưng thiếu «{KEY_HEADING}»")
            continue
        # A key whose value is blank still gets a location: "bloc.name missing" names its row.
        parts = str(key).split(".")
        for depth in range(1, len(parts)):
            where.setdefault(f"{sheet.path}.{'.'.join(parts[:depth])}", _location(sheet, row_no))
        where[f"{sheet.path}.{key}"] = _location(sheet, row_no)  # the last row wins, as in YAML
        if cells["value"] is not None:
            field = fields.get(str(key))
            _set_dotted(result, parts, cell_to_yaml(cells["value"], field.kind if field else "any"))
    return result


def _set_dotted(mapping: dict[str, Any], parts: list[str], value: Any) -> None:
    *parents, last = parts
    for part in parents:
        child = mapping.get(part)
        if not isinstance(child, dict):
            child = mapping[part] = {}
        mapping = child
    mapping[last] = value


def _record(
    fields: Iterable[tuple[Field, str]],
    cells: dict[str, Any],
    prefix: str,
    location: str,
    where: dict[str, str],
) -> dict[str, Any]:
    """One list entry from a table row; every column gets a location, blank ones too."""
    record: dict[str, Any] = {}
    where[prefix] = location
    for field, key in fields:
        where[f"{prefix}.{key}"] = location
        if cells.get(field.key) is not None:
            record[key] = cell_to_yaml(cells[field.key], field.kind)
    return record


def _read_units(sheet: Sheet, rows: list[Row], where: dict[str, str]) -> list[dict[str, Any]]:
    fields = [(field, field.key) for field in sheet.fields]
    return [
        _record(fields, cells, f"units[{index}]", _location(sheet, row_no), where)
        for index, (row_no, cells) in enumerate(rows)
    ]


def _read_criteria(
    sheet: Sheet, rows: list[Row], where: dict[str, str], errors: list[str]
) -> dict[str, Any]:
    lists: dict[str, list[dict[str, Any]]] = {"sections": [], "bonus": [], "penalties": []}
    section_index: dict[str, int] = {}
    for name in lists:
        where[f"criteria.{name}"] = f"Sheet {sheet.name}"
    for row_no, cells in rows:
        location = _location(sheet, row_no)
        target = CRITERION_KINDS.get(fold(str(cells["kind"] or "")))
        if target is None:
            errors.append(f"{location}: cột «Loại» phải là mục, thưởng hoặc trừ")
            continue
        fields = list(_item_fields(sheet, "points" if target == "penalties" else "max"))
        if target != "sections":
            prefix = f"criteria.{target}[{len(lists[target])}]"
            lists[target].append(_record(fields, cells, prefix, location, where))
            continue
        index = _section(lists["sections"], section_index, cells, location, where)
        items = lists["sections"][index]["items"]
        if any(cells[field.key] is not None for field, _ in fields):
            prefix = f"criteria.sections[{index}].items[{len(items)}]"
            items.append(_record(fields, cells, prefix, location, where))
    return lists


def _item_fields(sheet: Sheet, points_key: str) -> Iterator[tuple[Field, str]]:
    keys: tuple[str, ...] = ("code", "title", "per_occurrence")
    if points_key == "points":
        keys += ("fact",)  # which fact the bot fills a penalty from
    for field in sheet.fields:
        if field.key == "points":
            yield field, points_key
        elif field.key in keys:
            yield field, field.key


def _section(
    sections: list[dict[str, Any]],
    index_by_key: dict[str, int],
    cells: dict[str, Any],
    location: str,
    where: dict[str, str],
) -> int:
    """The index of the row's section, adding it on its first row; the first title given wins."""
    code, title = cell_to_yaml(cells["section.code"], "text"), cells["section.title"]
    key = str(code or title or "")
    if key not in index_by_key:
        index_by_key[key] = len(sections)
        prefix = f"criteria.sections[{len(sections)}]"
        for suffix in ("", ".code", ".title", ".items"):
            where[prefix + suffix] = location
        sections.append({"code": code} if code is not None else {})
        sections[-1]["items"] = []
    section = sections[index_by_key[key]]
    if title is not None and "title" not in section:
        section["title"] = str(title)
        where[f"criteria.sections[{index_by_key[key]}].title"] = location
    return index_by_key[key]


# --- writing -------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_KEY_FONT = Font(color="808080")  # the key column is for the program: grey says "leave it"
_MAX_WIDTH = 60


def write_workbook(data: dict[str, Any], path: Source) -> None:
    workbook = Workbook()
    _write_guide(workbook.active)
    for sheet in SHEETS.values():
        worksheet = workbook.create_sheet(sheet.name)
        _write_header(worksheet, sheet)
        if sheet.key_value:
            _write_key_values(worksheet, sheet, data.get(sheet.path) or {})
        elif sheet.path == "units":
            for unit in data.get("units") or []:
                _append(worksheet, [(unit.get(f.key), f.kind) for f in sheet.fields])
        else:
            for row in _criteria_rows(data.get("criteria") or {}):
                _append(worksheet, list(zip(row, (f.kind for f in sheet.fields), strict=True)))
        _fit_columns(worksheet)
    workbook.save(path)


def write_template(path: Source) -> None:
    """An empty workbook: every sheet with its headers, key/value sheets with their keys."""
    write_workbook({}, path)


def _write_guide(worksheet: Any) -> None:
    worksheet.title = GUIDE_SHEET
    for line in GUIDE_LINES:
        worksheet.append([line])
    worksheet["A1"].font = Font(bold=True, size=14)
    worksheet.append([])
    worksheet.append(["Sheet", "Nội dung"])
    for cell in worksheet[worksheet.max_row]:
        cell.font = _HEADER_FONT
    for sheet in SHEETS.values():
        worksheet.append([sheet.name, sheet.description])
        worksheet.cell(worksheet.max_row, 2).alignment = Alignment(wrap_text=True)
    worksheet.column_dimensions["A"].width = 14
    worksheet.column_dimensions["B"].width = 100


def _write_header(worksheet: Any, sheet: Sheet) -> None:
    worksheet.append(list(sheet.headings))
    for cell, heading in zip(worksheet[1], sheet.headings, strict=True):
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        hint = next((f.hint for f in sheet.fields if f.heading == heading and f.hint), "")
        if hint and not sheet.key_value:
            cell.comment = Comment(hint, "thidua-bot")
    worksheet.freeze_panes = "A2"


def _write_key_values(worksheet: Any, sheet: Sheet, mapping: dict[str, Any]) -> None:
    flat = dict(_flatten(mapping))
    for field in sheet.fields:
        _append(worksheet, [(field.heading, "text"), (field.key, "text")])
        value_cell = worksheet.cell(worksheet.max_row, 3, yaml_to_cell(flat.pop(field.key, None)))
        if field.kind in _TEXT_KINDS:
            value_cell.number_format = "@"
        if field.hint:
            worksheet.cell(worksheet.max_row, 1).comment = Comment(field.hint, "thidua-bot")
    # Keys this layout does not know still travel, so that validation can name them.
    for key, value in flat.items():
        _append(worksheet, [(None, "text"), (key, "text"), (value, "any")])
    for row in worksheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].font = _KEY_FONT


def _flatten(mapping: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in mapping.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        elif not (isinstance(value, list) and any(isinstance(v, dict) for v in value)):
            # Lists of records (criteria sections, bonus...) live on their own table sheet.
            yield f"{prefix}{key}", value


def _criteria_rows(criteria: dict[str, Any]) -> Iterator[list[Any]]:
    labels = CRITERION_KIND_LABELS
    for section in criteria.get("sections") or []:
        head = [labels["sections"], section.get("code"), section.get("title")]
        for item in section.get("items") or []:
            yield [*head, *_item_cells(item, "max")]
        if not section.get("items"):
            yield [*head, None, None, None, None, None]
    for item in criteria.get("bonus") or []:
        yield [labels["bonus"], None, None, *_item_cells(item, "max")]
    for item in criteria.get("penalties") or []:
        yield [labels["penalties"], None, None, *_item_cells(item, "points")]


def _item_cells(item: dict[str, Any], points_key: str) -> list[Any]:
    keys = ("code", "title", points_key, "per_occurrence", "fact")
    return [item.get(key) for key in keys]


def _append(worksheet: Any, cells: list[tuple[Any, Kind]]) -> None:
    worksheet.append([yaml_to_cell(value) for value, _ in cells])
    for cell, (value, kind) in zip(worksheet[worksheet.max_row], cells, strict=False):
        # Text format keeps codes such as "1" or "01-05" from turning into numbers or dates.
        if kind in _TEXT_KINDS and isinstance(value, str):
            cell.number_format = "@"


def _fit_columns(worksheet: Any) -> None:
    for column in worksheet.iter_cols():
        lengths = [len(str(cell.value)) for cell in column if cell.value is not None]
        longest = max(lengths, default=0)
        width = min(max(longest + 2, 10), _MAX_WIDTH)
        worksheet.column_dimensions[get_column_letter(column[0].column)].width = width
        if longest > _MAX_WIDTH:
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
