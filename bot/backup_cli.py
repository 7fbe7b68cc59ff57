"""The operator's backup commands on the command line:

python main.py export-data [FILE|-] [--bloc CODE]   the data as JSON (FILE.gz: gzipped)
python main.py import-data FILE|- [--replace]       back into a migrated, empty database

Neither migrates the database it opens (an export must not change its source); both exit 1
with the reason, writing nothing, on any problem. The JSON format is `db.backup`'s."""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import sys
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.admin import cli_translator
from bot.i18n import Translator
from bot.settings import Settings
from bot.views.errors import refused_input
from db import backup
from db.engine import create_engine
from imports.json_source import loads as strict_json
from imports.limits import (
    JSON_MAX_BYTES,
    InputRefused,
    Readable,
    read_bounded,
    read_stream,
    too_large,
)

Printer = Callable[[str], None]
STDIO = "-"


def default_file(now: datetime) -> Path:
    return Path(f"thidua-data-{now.astimezone(UTC):%Y%m%d-%H%M%S}.json")


def main(args: argparse.Namespace, settings: Settings) -> int:
    """The `export-data` and `import-data` subcommands (main.py's branch)."""
    if args.command == "export-data":
        # With the data on stdout, what the command says goes to stderr.
        out = _stderr if args.file == STDIO else print
        return asyncio.run(export_command(settings, args.file, args.bloc, out))
    return asyncio.run(import_command(settings, args.file, args.replace, print))


async def export_command(
    settings: Settings, file: str | None, bloc: str | None, out: Printer
) -> int:
    t = cli_translator()
    now = datetime.now(UTC)
    target = file or str(default_file(now))
    engine = create_engine(settings.database_url)
    try:
        document = await backup.export_data(engine, bloc, now)
        await asyncio.to_thread(write_document, document, target)
    except backup.BackupError as error:
        out(t("backup-export-failed", reason=reason(t, error)))
        return 1
    except OSError as error:
        reason_text = t("backup-error-unwritable", path=target, reason=_os_reason(error))
        out(t("backup-export-failed", reason=reason_text))
        return 1
    finally:
        await engine.dispose()
    counts: dict[str, int] = document["counts"]
    shown = "stdout" if target == STDIO else target
    rows, tables = sum(counts.values()), len(counts)
    if bloc is None:
        out(t("backup-exported", rows=rows, tables=tables, file=shown))
    else:
        out(t("backup-exported-bloc", bloc=bloc, rows=rows, tables=tables, file=shown))
    _print_counts(t, counts, out)
    return 0


async def import_command(settings: Settings, file: str, replace: bool, out: Printer) -> int:
    t = cli_translator()
    engine = create_engine(settings.database_url)
    try:
        document = await asyncio.to_thread(read_document, file)
        result = await backup.import_data(engine, document, replace)
    except backup.BackupError as error:
        out(t("backup-import-failed", reason=reason(t, error)))
        return 1
    except InputRefused as error:
        out(t("backup-import-failed", reason=refused_input(t, error)))
        return 1
    finally:
        await engine.dispose()
    if result.replaced:
        out(t("backup-replaced", rows=sum(result.replaced.values())))
    counts = result.counts
    shown = "stdin" if file == STDIO else file
    out(t("backup-imported", rows=sum(counts.values()), tables=len(counts), file=shown))
    _print_counts(t, counts, out)
    return 0


def write_document(document: dict[str, Any], target: str) -> None:
    """JSON (gzipped for a name ending in .gz), written whole or not at all: into a
    temporary file beside the target, then renamed over it."""
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if target == STDIO:
        sys.stdout.buffer.write(data + b"\n")
        sys.stdout.flush()
        return
    path = Path(target)
    if path.suffix == ".gz":
        data = gzip.compress(data)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def read_document(source: str, limit: int = JSON_MAX_BYTES) -> Any:
    """The file's JSON, or BackupError; InputRefused when it is bigger than `limit` once
    unpacked, or nests too deep, or holds NaN or Infinity. A gzipped file is unpacked once
    without keeping anything, to learn its true size, before it is unpacked to be read."""
    try:
        if source == STDIO:
            data = read_stream(sys.stdin.buffer, limit)
        elif source.endswith(".gz"):
            with gzip.open(source, "rb") as unpacked:
                _measure(unpacked, limit)
            with gzip.open(source, "rb") as unpacked:
                data = read_stream(unpacked, limit)
        else:
            if os.stat(source).st_size > limit:  # refused before a byte of it is held
                raise too_large(limit)
            data = read_bounded(source, limit)
        return strict_json(data.decode("utf-8"))
    except InputRefused:
        raise
    except FileNotFoundError:
        raise backup.BackupError("file-not-found", path=source) from None
    except (OSError, EOFError, UnicodeDecodeError, ValueError, zlib.error) as error:
        raise backup.BackupError("unreadable", path=source, reason=_os_reason(error)) from None


def _measure(stream: Readable, limit: int) -> None:
    seen = 0
    while chunk := stream.read(1024 * 1024):
        seen += len(chunk)
        if seen > limit:
            raise too_large(limit)


def reason(t: Translator, error: backup.BackupError) -> str:
    key = f"backup-error-{error.code}"
    values = dict(error.values)
    problem = values.pop("problem", None)
    if problem is not None:  # what is wrong with a row or value, in the reader's language
        values["detail"] = t(f"backup-problem-{problem}", **values)
    return t(key, **values) if t.has(key) else str(error)


def _print_counts(t: Translator, counts: dict[str, int], out: Printer) -> None:
    for table, count in counts.items():
        out("  " + t("backup-table-count", table=table, count=count))


def _os_reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)
