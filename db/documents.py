"""The bloc's document register: numbers taken atomically, one sequence per calendar year."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.document_rows import DocumentCounterRow, IssuedDocumentRow
from domain.documents import DocumentKind, IssuedDocument

FIRST = 1
_COUNTERS = cast(Table, DocumentCounterRow.__table__)


class SqlDocumentRegister:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def issued(
        self, bloc_id: int, kind: DocumentKind, subject_id: int
    ) -> list[IssuedDocument]:
        rows = await self.session.scalars(
            select(IssuedDocumentRow)
            .where(
                IssuedDocumentRow.bloc_id == bloc_id,
                IssuedDocumentRow.kind == kind.value,
                IssuedDocumentRow.subject_id == subject_id,
            )
            .order_by(IssuedDocumentRow.edition)
        )
        return [_document(row) for row in rows]

    async def of_year(self, bloc_id: int, year: int) -> list[IssuedDocument]:
        rows = await self.session.scalars(
            select(IssuedDocumentRow)
            .where(IssuedDocumentRow.bloc_id == bloc_id, IssuedDocumentRow.year == year)
            .order_by(IssuedDocumentRow.number)
        )
        return [_document(row) for row in rows]

    async def take_number(self, bloc_id: int, year: int) -> int:
        """One upsert moves the counter and returns the number taken: PostgreSQL holds the
        row locked until this transaction ends, so a concurrent one waits and takes the next;
        SQLite has a single writer."""
        counter = _COUNTERS
        following = await self.session.scalar(
            self._upsert(bloc_id, year, FIRST + 1, counter.c.next_number + 1).returning(
                counter.c.next_number
            )
        )
        assert following is not None
        return int(following) - 1

    async def next_number(self, bloc_id: int, year: int) -> int:
        # A column, not the row: the counter moves by statements the session does not track.
        number = await self.session.scalar(
            select(DocumentCounterRow.next_number).where(
                DocumentCounterRow.bloc_id == bloc_id, DocumentCounterRow.year == year
            )
        )
        return FIRST if number is None else int(number)

    async def set_next_number(self, bloc_id: int, year: int, number: int) -> None:
        await self.session.execute(self._upsert(bloc_id, year, number, number))

    def _upsert(self, bloc_id: int, year: int, new: object, existing: object) -> Any:
        """INSERT … ON CONFLICT (bloc_id, year) DO UPDATE, in the session's dialect."""
        counter = _COUNTERS
        dialect = self.session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        return (
            insert(counter)
            .values(bloc_id=bloc_id, year=year, next_number=new)
            .on_conflict_do_update(
                index_elements=[counter.c.bloc_id, counter.c.year],
                set_={"next_number": existing},
            )
        )

    async def add(self, document: IssuedDocument) -> IssuedDocument:
        row = IssuedDocumentRow(
            bloc_id=document.bloc_id,
            kind=document.kind.value,
            subject_id=document.subject_id,
            edition=document.edition,
            year=document.year,
            number=document.number,
            issued_at=document.issued_at,
        )
        self.session.add(row)
        await self.session.flush()
        return _document(row)


def _document(row: IssuedDocumentRow) -> IssuedDocument:
    return IssuedDocument(
        bloc_id=row.bloc_id,
        kind=DocumentKind(row.kind),
        subject_id=row.subject_id,
        edition=row.edition,
        year=row.year,
        number=row.number,
        issued_at=row.issued_at,
        id=row.id,
    )
