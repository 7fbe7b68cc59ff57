"""The database's data as JSON, to back it up or to move it (SQLite → PostgreSQL, one server to
another): every table of `Base.metadata` in dependency order, each row with the table's own
columns only, sorted by primary key, and a header saying what it is.

A document is a plain dict, ready for `json.dump`:

    {"format": "thidua-bot-data", "version": 1, "revision": "0007", "dialect": "sqlite",
     "exported_at": "2025-01-31T02:00:00+00:00", "bloc": null,
     "counts": {"app_settings": 1, "blocs": 1, ...},
     "tables": {"app_settings": [{"key": "...", "value": "..."}], "blocs": [...], ...}}

Values: datetimes as ISO 8601 with their zone (UTC), decimals as strings ("12.5"), bytes as
base64, JSON columns as they are; ints, strings, booleans and nulls as JSON has them.

A bloc's export (`bloc="khoi7-travinh"`) keeps that bloc's rows and the rows they reference
(an officer of the board who published a ranking, with their identities), and leaves out the
bot's own bookkeeping (outbox, conversations, processed updates, stored files, app settings).

Importing checks the document and the database first (same Alembic revision as this release,
an empty database unless `replace`), then writes everything in one transaction: on any
problem it raises `BackupError` and nothing is written. Secret ballots stay secret: the
voters (who voted) and the votes (what was chosen, under a receipt) are separate tables and
nothing here links them; votes are written and read in receipt order."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    LargeBinary,
    Numeric,
    Table,
    TypeDecorator,
    delete,
    func,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db import backup_checks
from db.backup_checks import BadValue
from db.migrate import alembic_config, current_revision
from db.models import Base

T = TypeVar("T")

FORMAT = "thidua-bot-data"
VERSION = 1
CHUNK = 500  # rows per INSERT batch

Row = dict[str, Any]
Key = tuple[Any, ...]

# A bloc's rows: table → (column, owner table). A row belongs to the bloc when that column
# holds the id of a row of the owner that belongs to it. Owners come first in this order.
BLOC_OWNERS: dict[str, tuple[str, str] | None] = {
    "blocs": None,  # the chosen bloc, by its code
    "units": ("bloc_id", "blocs"),
    "bloc_years": ("bloc_id", "blocs"),
    "group_chats": ("bloc_id", "blocs"),
    "document_counters": ("bloc_id", "blocs"),
    "issued_documents": ("bloc_id", "blocs"),
    "invitations": ("unit_id", "units"),
    "officers": ("unit_id", "units"),
    "identities": ("officer_id", "officers"),
    "bloc_year_members": ("bloc_year_id", "bloc_years"),
    "criteria_sections": ("bloc_year_id", "bloc_years"),
    "criteria": ("bloc_year_id", "bloc_years"),
    "score_sheets": ("bloc_year_id", "bloc_years"),
    "published_rankings": ("bloc_year_id", "bloc_years"),
    "campaigns": ("bloc_year_id", "bloc_years"),
    "pledges": ("bloc_year_id", "bloc_years"),
    "ballots": ("bloc_year_id", "bloc_years"),
    "conferences": ("bloc_year_id", "bloc_years"),
    "score_entries": ("sheet_id", "score_sheets"),
    "evidence": ("sheet_id", "score_sheets"),
    "pledge_campaigns": ("pledge_id", "pledges"),
    "ballot_candidates": ("ballot_id", "ballots"),
    "ballot_voters": ("ballot_id", "ballots"),
    "ballot_votes": ("ballot_id", "ballots"),
    "conference_rsvps": ("conference_id", "conferences"),
}
# Kept in a bloc's export by rules of their own (see _bloc_rows).
BLOC_SPECIAL = frozenset({"audit_log", "scheduled_events"})
# The bot's bookkeeping, not a bloc's data: only in a full export.
NOT_BLOC_DATA = frozenset(
    {
        "app_settings",
        "conversations",
        "outbox_messages",
        "processed_updates",
        "stored_files",
        "web_links",
        "web_sessions",
        "zalo_oa_tokens",  # the Official Account's token pair
        "zalo_oa_contacts",  # and its people's reply windows
    }
)
# An audit line is about a bloc's row when its (entity, entity_id) names one: entity →
# (table, how the id is written from the row).
AUDIT_ENTITIES: dict[str, tuple[str, Callable[[Row], str]]] = {
    "bloc": ("blocs", lambda row: str(row["code"])),
    "unit": ("units", lambda row: str(row["id"])),
    "bloc_year": ("bloc_years", lambda row: str(row["id"])),
    "group": ("group_chats", lambda row: f"{row['channel']}:{row['chat_id']}"),
    "invitation": ("invitations", lambda row: str(row["code"])),
    "officer": ("officers", lambda row: str(row["id"])),
    "identity": ("identities", lambda row: str(row["id"])),
    "sheet": ("score_sheets", lambda row: str(row["id"])),
    "campaign": ("campaigns", lambda row: str(row["id"])),
    "pledge": ("pledges", lambda row: str(row["id"])),
    "ballot": ("ballots", lambda row: str(row["id"])),
    "conference": ("conferences", lambda row: str(row["id"])),
}
# Scheduled actions are keyed "year:<id>:…" and "conference:<id>:…".
EVENT_PREFIXES: dict[str, str] = {"year": "bloc_years", "conference": "conferences"}


class BackupError(Exception):
    """A reason to write nothing: a code for the command line's message, and its values."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code, values)
        self.code = code
        self.values = values

    def __str__(self) -> str:
        details = ", ".join(f"{key}={value}" for key, value in self.values.items())
        return f"{self.code}: {details}" if details else self.code


@dataclass
class ImportResult:
    counts: dict[str, int]
    replaced: dict[str, int] = field(default_factory=dict)  # rows deleted first, per table


def tables() -> list[Table]:
    """Every table, each after the tables it references."""
    return list(Base.metadata.sorted_tables)


def head_revision() -> str:
    """The Alembic revision this release's models are at."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the project always has migrations
        raise BackupError("no-migrations")
    return head


# ---------------------------------------------------------------------------------- values


def _kind(column: Column[Any]) -> str:
    column_type = column.type
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    if isinstance(column_type, JSON):
        return "json"
    if isinstance(column_type, DateTime):
        return "datetime"
    if isinstance(column_type, Date):
        return "date"
    if isinstance(column_type, Numeric) and column_type.asdecimal:
        return "decimal"
    if isinstance(column_type, LargeBinary):
        return "bytes"
    return "plain"


def encode_value(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    kind = _kind(column)
    if kind == "datetime":
        assert isinstance(value, datetime)
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if kind == "date":
        assert isinstance(value, date)
        return value.isoformat()
    if kind == "decimal":
        return str(Decimal(value))
    if kind == "bytes":
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def decode_value(column: Column[Any], value: Any) -> Any:
    """The Python value to insert, or BadValue for a value the column cannot take."""
    if value is None:
        return None
    kind = _kind(column)
    if kind == "json":
        backup_checks.check_json(value)
        return value
    if kind == "datetime":
        moment = _parsed(datetime.fromisoformat, value)
        if moment.tzinfo is None:
            raise BadValue("no-zone")
        return moment.astimezone(UTC)
    if kind == "date":
        return _parsed(date.fromisoformat, value)
    if kind == "decimal":
        try:
            number = Decimal(_text(value))
        except InvalidOperation:
            raise BadValue("not-decimal") from None
        if not number.is_finite():
            raise BadValue("not-finite")
        return number
    if kind == "bytes":
        try:
            return base64.b64decode(_text(value), validate=True)
        except binascii.Error:
            raise BadValue("not-base64") from None
    python_type = column.type.python_type
    if python_type is bool:
        if not isinstance(value, bool):
            raise BadValue("not-bool")
    elif python_type is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadValue("not-int")
        backup_checks.check_integer(column, value)
    elif python_type is str:
        if not isinstance(value, str):
            raise BadValue("not-string")
        backup_checks.check_text(column, value)
    return value


def _parsed(parse: Callable[[str], T], value: Any) -> T:
    try:
        return parse(_text(value))
    except BadValue:
        raise
    except ValueError:
        raise BadValue("not-date") from None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise BadValue("not-string")
    return value


# ---------------------------------------------------------------------------------- export


async def export_data(
    engine: AsyncEngine, bloc: str | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """The database's rows as a JSON-ready document; `bloc` (a bloc's code) keeps only that
    bloc's. Read in one transaction (a repeatable-read snapshot on PostgreSQL)."""
    revision = await current_revision(engine)
    head = head_revision()
    if revision != head:
        raise BackupError("source-revision", revision=revision or "-", head=head)
    chosen = [t for t in tables() if bloc is None or t.name not in NOT_BLOC_DATA]
    async with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execution_options(isolation_level="REPEATABLE READ")
        async with connection.begin():
            rows = {table.name: await _read(connection, table) for table in chosen}
    if bloc is not None:
        rows = _bloc_rows(rows, bloc)
    by_name = {table.name: table for table in chosen}
    encoded = {
        name: [
            {column.name: encode_value(column, row[column.name]) for column in by_name[name].c}
            for row in table_rows
        ]
        for name, table_rows in rows.items()
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "revision": revision,
        "dialect": engine.dialect.name,
        "exported_at": (now or datetime.now(UTC)).astimezone(UTC).isoformat(),
        "bloc": bloc,
        "counts": {name: len(table_rows) for name, table_rows in encoded.items()},
        "tables": encoded,
    }


async def _read(connection: AsyncConnection, table: Table) -> list[Row]:
    """The table's rows sorted by primary key in Python, so that text keys (a secret vote's
    receipt) sort the same on every engine whatever the database's collation."""
    result = await connection.execute(select(table))
    return sorted((dict(row) for row in result.mappings()), key=_pk(table))


def _pk(table: Table) -> Callable[[Row], Key]:
    names = [column.name for column in table.primary_key.columns]
    return lambda row: tuple(row[name] for name in names)


def _bloc_rows(rows: dict[str, list[Row]], code: str) -> dict[str, list[Row]]:
    """Only the bloc's rows, and the rows they reference (closed under foreign keys)."""
    by_name = {table.name: table for table in tables()}
    keys = {name: _pk(by_name[name]) for name in rows}
    kept: dict[str, dict[Key, Row]] = {name: {} for name in rows}

    def keep(name: str, row: Row) -> None:
        kept[name].setdefault(keys[name](row), row)

    def ids(name: str, column: str = "id") -> set[Any]:
        return {row[column] for row in kept[name].values()}

    blocs = [row for row in rows["blocs"] if row["code"] == code]
    if not blocs:
        raise BackupError("bloc-not-found", bloc=code)
    for name, owner in BLOC_OWNERS.items():
        if name not in rows:
            continue
        if owner is None:
            for row in blocs:
                keep(name, row)
            continue
        column, parent = owner
        wanted = ids(parent)
        for row in rows[name]:
            if row[column] in wanted:
                keep(name, row)
    if "scheduled_events" in rows:
        wanted_events = {
            (prefix, str(value)) for prefix, table in EVENT_PREFIXES.items() for value in ids(table)
        }
        for row in rows["scheduled_events"]:
            prefix, _, rest = str(row["key"]).partition(":")
            if (prefix, rest.partition(":")[0]) in wanted_events:
                keep("scheduled_events", row)
    if "audit_log" in rows:
        named = {
            (entity, name_of(row))
            for entity, (table, name_of) in AUDIT_ENTITIES.items()
            for row in kept.get(table, {}).values()
        }
        actors = ids("officers")
        for row in rows["audit_log"]:
            if (row["entity"], row["entity_id"]) in named or row["actor_officer_id"] in actors:
                keep("audit_log", row)
    _close_over_references(rows, kept, by_name)
    return {
        name: sorted(kept[name].values(), key=keys[name]) if name in kept else [] for name in rows
    }


def _close_over_references(
    rows: dict[str, list[Row]], kept: dict[str, dict[Key, Row]], by_name: dict[str, Table]
) -> None:
    """Add every row a kept row references (a board officer who published the ranking, the
    identities of an officer added so), until nothing is missing. Owner rules are not applied
    again: a referenced unit of another bloc comes alone, not with its bloc's data."""
    index: dict[tuple[str, str], dict[Any, list[Row]]] = {}

    def lookup(table: str, column: str, value: Any) -> list[Row]:
        if (table, column) not in index:
            built: dict[Any, list[Row]] = {}
            for row in rows.get(table, []):
                built.setdefault(row[column], []).append(row)
            index[(table, column)] = built
        return index[(table, column)].get(value, [])

    changed = True
    while changed:
        changed = False
        for name, table in by_name.items():
            if name not in kept:
                continue
            for row in list(kept[name].values()):
                for fk in table.foreign_keys:
                    value = row[fk.parent.name]
                    target = fk.column.table.name
                    if value is None or target not in kept:
                        continue
                    key = _pk(by_name[target])
                    for referenced in lookup(target, fk.column.name, value):
                        if key(referenced) not in kept[target]:
                            kept[target][key(referenced)] = referenced
                            changed = True
        if "identities" in kept and "officers" in kept:
            key = _pk(by_name["identities"])
            for officer in list(kept["officers"].values()):
                for identity in lookup("identities", "officer_id", officer["id"]):
                    if key(identity) not in kept["identities"]:
                        kept["identities"][key(identity)] = identity
                        changed = True


# ---------------------------------------------------------------------------------- import


def check_document(document: object) -> dict[str, list[Row]]:
    """The document's tables decoded to insertable rows, or BackupError with the first
    problem found. Does not look at any database."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError("not-a-backup")
    if document.get("version") != VERSION:
        raise BackupError("format-version", version=str(document.get("version")), ours=VERSION)
    head = head_revision()
    if document.get("revision") != head:
        raise BackupError("file-revision", revision=str(document.get("revision")), head=head)
    tables_in = document.get("tables")
    counts = document.get("counts")
    if not isinstance(tables_in, dict) or not isinstance(counts, dict):
        raise BackupError("not-a-backup")
    by_name = {table.name: table for table in tables()}
    unknown = sorted(set(tables_in) - set(by_name))
    if unknown:
        raise BackupError("unknown-table", table=unknown[0])
    decoded: dict[str, list[Row]] = {}
    for name, table_rows in tables_in.items():
        table = by_name[name]
        if not isinstance(table_rows, list):
            raise BackupError("bad-row", table=name, row=0, problem="not-a-list")
        if counts.get(name) != len(table_rows):
            raise BackupError(
                "count-mismatch", table=name, expected=str(counts.get(name)), found=len(table_rows)
            )
        decoded[name] = [
            _decode_row(table, row, number) for number, row in enumerate(table_rows, 1)
        ]
    return decoded


def _decode_row(table: Table, row: object, number: int) -> Row:
    if not isinstance(row, dict):
        raise BackupError("bad-row", table=table.name, row=number, problem="not-object")
    names = {column.name for column in table.c}
    if set(row) != names:
        extra, missing = sorted(set(row) - names), sorted(names - set(row))
        problem, columns = ("unknown-columns", extra) if extra else ("missing-columns", missing)
        raise BackupError(
            "bad-row", table=table.name, row=number, problem=problem, columns=", ".join(columns)
        )
    decoded: Row = {}
    for column in table.c:
        try:
            decoded[column.name] = decode_value(column, row[column.name])
        except BadValue as bad:
            raise BackupError(
                "bad-value", table=table.name, row=number, column=column.name,
                problem=bad.code, **bad.values,
            ) from None  # fmt: skip
    return decoded


async def import_data(
    engine: AsyncEngine, document: Mapping[str, Any], replace: bool = False
) -> ImportResult:
    """Write the document's rows into a migrated database at this release's revision, in
    one transaction. A database with any row is refused unless `replace`, which deletes
    every table's rows first. On PostgreSQL each id sequence then continues after the
    largest id. Raises BackupError, having written nothing."""
    decoded = check_document(document)
    head = head_revision()
    revision = await current_revision(engine)
    if revision is None:
        raise BackupError("target-not-migrated")
    if revision != head:
        raise BackupError("target-revision", revision=revision, head=head)
    result = ImportResult(counts={})
    async with engine.begin() as connection:
        present = {
            table.name: count
            for table in tables()
            if (count := await _count(connection, table)) > 0
        }
        if present and not replace:
            listed = ", ".join(f"{name} ({count})" for name, count in present.items())
            raise BackupError("target-not-empty", tables=listed)
        for table in reversed(tables()):
            if table.name in present:
                await connection.execute(delete(table))
        result.replaced = present
        for table in tables():
            table_rows = _parents_first(table, decoded.get(table.name, []))
            try:
                for start in range(0, len(table_rows), CHUNK):
                    await connection.execute(table.insert(), table_rows[start : start + CHUNK])
            except (DBAPIError, StatementError) as error:
                reason = str(error.orig if isinstance(error, DBAPIError) else error)
                raise BackupError(
                    "insert-failed", table=table.name, reason=_first_line(reason)
                ) from error
            result.counts[table.name] = len(table_rows)
        if engine.dialect.name == "postgresql":
            await connection.run_sync(_reset_sequences)
    return result


async def _count(connection: AsyncConnection, table: Table) -> int:
    return int((await connection.execute(select(func.count()).select_from(table))).scalar_one())


def _parents_first(table: Table, table_rows: Sequence[Row]) -> list[Row]:
    """Rows in primary-key order, except that a row referencing its own table (a revote's
    first round) comes after the row it references."""
    own = [fk for fk in table.foreign_keys if fk.column.table is table]
    if not own:
        return list(table_rows)
    pending, ordered = list(table_rows), []
    placed: set[tuple[str, Any]] = set()
    present = {(fk.column.name, row[fk.column.name]) for fk in own for row in table_rows}
    while pending:
        ready = [
            row
            for row in pending
            if all(
                row[fk.parent.name] is None
                or (fk.column.name, row[fk.parent.name]) in placed
                or (fk.column.name, row[fk.parent.name]) not in present  # let the database say
                for fk in own
            )
        ]
        if not ready:  # a cycle: the database will refuse it with its own reason
            ready = pending
        for row in ready:
            ordered.append(row)
            placed.update((fk.column.name, row[fk.column.name]) for fk in own)
        done = {id(row) for row in ready}
        pending = [row for row in pending if id(row) not in done]
    return ordered


def _reset_sequences(connection: Connection) -> None:
    """Each serial or identity column's sequence continues after the largest id."""
    for table in tables():
        column = table.autoincrement_column
        if column is None:
            continue
        table_name = connection.dialect.identifier_preparer.format_table(table)
        column_name = connection.dialect.identifier_preparer.quote(column.name)
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"COALESCE((SELECT MAX({column_name}) FROM {table_name}), 0) + 1, false)"
            ),
            {"table": table_name, "column": column.name},
        )


def _first_line(reason: str) -> str:
    return reason.strip().splitlines()[0] if reason.strip() else "?"
