"""Score sheets, their entries and evidence, and published rankings."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, bindparam, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import EvidenceRow, PublishedRankingRow, ScoreEntryRow, ScoreSheetRow
from db.repositories import optional_points
from domain.sheets import (
    Answer,
    Entry,
    EntryKind,
    EntrySource,
    Evidence,
    ScoreSheet,
    SheetStatus,
)
from domain.summary import Cycle

# Run on every score typed, so built once (see db/repositories.py).
CODES_APART = "\n"  # an item's code is one line
_SHEET_KEY = and_(
    ScoreSheetRow.bloc_year_id == bindparam("year"),
    ScoreSheetRow.unit_id == bindparam("unit"),
    ScoreSheetRow.scorer_unit_id == bindparam("scorer"),
    ScoreSheetRow.cycle == bindparam("cycle"),
)
# A sheet with its entries in one round trip: a row an entry (one with no entry, None).
# The items' evidence, as a string of their codes, comes with it: the item prompt shows it.
_EVIDENCE_CODES = (
    select(func.aggregate_strings(EvidenceRow.code, CODES_APART))
    .where(EvidenceRow.sheet_id == ScoreSheetRow.id)
    .scalar_subquery()
)
_SHEET_WITH_ENTRIES = (
    select(ScoreSheetRow, ScoreEntryRow, _EVIDENCE_CODES)
    .outerjoin(ScoreEntryRow, ScoreEntryRow.sheet_id == ScoreSheetRow.id)
    .where(_SHEET_KEY)
)
_SHEET_BY_ID_WITH_ENTRIES = (
    select(ScoreSheetRow, ScoreEntryRow, _EVIDENCE_CODES)
    .outerjoin(ScoreEntryRow, ScoreEntryRow.sheet_id == ScoreSheetRow.id)
    .where(ScoreSheetRow.id == bindparam("id"))
)
_ENTRIES = select(ScoreEntryRow).where(ScoreEntryRow.sheet_id.in_(bindparam("ids", expanding=True)))
_EVIDENCE = (
    select(EvidenceRow)
    .where(EvidenceRow.sheet_id == bindparam("sheet_id"))
    .order_by(EvidenceRow.id)
)


class SqlScoreRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        # Each sheet's entry rows as this transaction read them: an entry saved next is
        # updated (or added) without reading it again. Held strongly, as the session's
        # identity map would let them go.
        self._entry_rows: dict[int, dict[str, ScoreEntryRow]] = {}
        self._evidence_counts: dict[int, dict[str, int]] = {}  # read with the sheet

    async def sheet(self, sheet_id: int) -> ScoreSheet | None:
        return await self._sheet_with_entries(_SHEET_BY_ID_WITH_ENTRIES, {"id": sheet_id})

    async def find_sheet(
        self, year_id: int, unit_id: int, scorer_unit_id: int, cycle: Cycle
    ) -> ScoreSheet | None:
        params = {"year": year_id, "unit": unit_id, "scorer": scorer_unit_id, "cycle": cycle.value}
        return await self._sheet_with_entries(_SHEET_WITH_ENTRIES, params)

    async def _sheet_with_entries(
        self, statement: Select[ScoreSheetRow, ScoreEntryRow, str | None], params: dict[str, Any]
    ) -> ScoreSheet | None:
        found = (await self.session.execute(statement, params)).all()
        if not found:
            return None
        row, _, codes = found[0]
        self._evidence_counts[row.id] = dict(Counter(codes.split(CODES_APART) if codes else ()))
        return self._sheets([row], [entry for _, entry, _ in found if entry is not None])[0]

    async def save_sheet(self, sheet: ScoreSheet) -> ScoreSheet:
        row = await self.session.get(ScoreSheetRow, sheet.id) if sheet.id else None
        row = row or ScoreSheetRow(
            bloc_year_id=sheet.bloc_year_id,
            unit_id=sheet.unit_id,
            scorer_unit_id=sheet.scorer_unit_id,
            cycle=sheet.cycle.value,
        )
        row.status, row.submitted_at = sheet.status.value, sheet.submitted_at
        row.submitted_by = sheet.submitted_by
        row.verified_at, row.verified_by = sheet.verified_at, sheet.verified_by
        row.reopened_until, row.reopen_reason = sheet.reopened_until, sheet.reopen_reason
        self.session.add(row)
        await self.session.flush()
        sheet.id = row.id
        return sheet

    async def save_entry(self, sheet_id: int, entry: Entry) -> None:
        known = self._entry_rows.get(sheet_id)
        row: ScoreEntryRow | None
        if known is not None:
            row = known.get(entry.code)
        else:  # the sheet was not read in this transaction: ask the database
            row = await self.session.get(ScoreEntryRow, (sheet_id, entry.code))
        if row is None:
            row = ScoreEntryRow(sheet_id=sheet_id, code=entry.code)
            if known is not None:
                known[entry.code] = row
        row.kind, row.points, row.occurrences = entry.kind.value, entry.points, entry.occurrences
        row.verified, row.verify_reason, row.note = entry.verified, entry.verify_reason, entry.note
        row.updated_by, row.updated_at = entry.updated_by, entry.updated_at
        row.verified_occurrences = entry.verified_occurrences
        row.verified_at, row.verified_by = entry.verified_at, entry.verified_by
        row.answer = entry.answer.value if entry.answer else None
        row.answer_text, row.answered_at = entry.answer_text, entry.answered_at
        row.answered_by = entry.answered_by
        row.version = (row.version or 0) + 1
        entry.version = row.version
        row.source = None if entry.source is EntrySource.TYPED else entry.source.value
        self.session.add(row)
        await self.session.flush()

    async def sheets(self, year_id: int, cycle: Cycle) -> list[ScoreSheet]:
        rows = await self.session.scalars(
            select(ScoreSheetRow)
            .where(ScoreSheetRow.bloc_year_id == year_id, ScoreSheetRow.cycle == cycle.value)
            .order_by(ScoreSheetRow.id)
        )
        return await self._with_entries(list(rows))

    async def any_for_year(self, year_id: int) -> bool:
        """Whether any score was entered this year (an opened, empty sheet does not count)."""
        found = await self.session.scalar(
            select(ScoreEntryRow.sheet_id)
            .join(ScoreSheetRow, ScoreSheetRow.id == ScoreEntryRow.sheet_id)
            .where(ScoreSheetRow.bloc_year_id == year_id)
            .limit(1)
        )
        return found is not None

    async def add_evidence(self, sheet_id: int, evidence: Evidence) -> Evidence:
        self._evidence_counts.pop(sheet_id, None)
        row = EvidenceRow(
            sheet_id=sheet_id,
            code=evidence.code,
            kind=evidence.kind,
            reference=evidence.reference,
            name=evidence.name,
            size=evidence.size,
            added_by=evidence.added_by,
            added_at=evidence.added_at,
            channel=evidence.channel,
        )
        self.session.add(row)
        await self.session.flush()
        evidence.id = row.id
        return evidence

    async def evidence(self, sheet_id: int) -> list[Evidence]:
        rows = await self.session.scalars(_EVIDENCE, {"sheet_id": sheet_id})
        return [
            Evidence(
                r.code,
                r.kind,
                r.reference,
                r.name,
                r.size,
                r.added_by,
                r.added_at,
                r.id,
                channel=r.channel or "",
            )
            for r in rows
        ]

    async def evidence_counts(self, sheet_id: int) -> dict[str, int]:
        if sheet_id not in self._evidence_counts:
            rows = await self.session.execute(
                select(EvidenceRow.code, func.count())
                .where(EvidenceRow.sheet_id == sheet_id)
                .group_by(EvidenceRow.code)
            )
            self._evidence_counts[sheet_id] = {code: count for code, count in rows}
        return dict(self._evidence_counts[sheet_id])

    async def remove_evidence(self, sheet_id: int, evidence_id: int) -> bool:
        self._evidence_counts.pop(sheet_id, None)
        result = await self.session.execute(
            delete(EvidenceRow).where(
                EvidenceRow.id == evidence_id, EvidenceRow.sheet_id == sheet_id
            )
        )
        return bool(getattr(result, "rowcount", 0))

    async def published_at(self, year_id: int, cycle: Cycle) -> datetime | None:
        row = await self.session.get(PublishedRankingRow, (year_id, cycle.value))
        return row.published_at if row else None

    async def published_by(self, year_id: int, cycle: Cycle) -> int | None:
        row = await self.session.get(PublishedRankingRow, (year_id, cycle.value))
        return row.published_by if row else None

    async def publish(self, year_id: int, cycle: Cycle, at: datetime, by: int) -> None:
        self.session.add(
            PublishedRankingRow(
                bloc_year_id=year_id, cycle=cycle.value, published_at=at, published_by=by
            )
        )
        await self.session.flush()

    async def _with_entries(self, rows: list[ScoreSheetRow]) -> list[ScoreSheet]:
        """Sheets with their entries, read in one query for all of them."""
        ids = [row.id for row in rows]
        found = list(await self.session.scalars(_ENTRIES, {"ids": ids})) if ids else []
        return self._sheets(rows, found)

    def _sheets(
        self, rows: list[ScoreSheetRow], entry_rows: list[ScoreEntryRow]
    ) -> list[ScoreSheet]:
        """Sheets from their rows and all their entry rows; the entry rows kept for saves."""
        ids = [row.id for row in rows]
        entries: dict[int, dict[str, Entry]] = {sheet_id: {} for sheet_id in ids}
        if ids:
            rows_of: dict[int, dict[str, ScoreEntryRow]] = {sheet_id: {} for sheet_id in ids}
            for e in entry_rows:
                rows_of[e.sheet_id][e.code] = e
                entries[e.sheet_id][e.code] = Entry(
                    e.code,
                    EntryKind(e.kind),
                    optional_points(e.points),
                    e.occurrences,
                    optional_points(e.verified),
                    e.verify_reason,
                    e.note,
                    e.updated_by,
                    e.updated_at,
                    e.verified_occurrences,
                    e.verified_at,
                    e.verified_by,
                    Answer(e.answer) if e.answer else None,
                    e.answer_text or "",
                    e.answered_at,
                    e.answered_by,
                    source=EntrySource(e.source) if e.source else EntrySource.TYPED,
                    version=e.version,
                )
            self._entry_rows.update(rows_of)
        return [
            ScoreSheet(
                row.bloc_year_id,
                row.unit_id,
                row.scorer_unit_id,
                Cycle(row.cycle),
                SheetStatus(row.status),
                entries[row.id],
                row.submitted_at,
                row.submitted_by,
                row.id,
                row.verified_at,
                row.verified_by,
                row.reopened_until,
                row.reopen_reason or "",
            )
            for row in rows
        ]
