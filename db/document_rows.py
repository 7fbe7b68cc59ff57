"""Rows of the bloc's document register. Kept apart from db.models (which imports this module
at its end, so that Base.metadata, and Alembic with it, sees these tables)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class DocumentCounterRow(Base):
    """The number the bloc's next document of that year takes."""

    __tablename__ = "document_counters"
    bloc_id: Mapped[int] = mapped_column(
        ForeignKey("blocs.id", ondelete="CASCADE"), primary_key=True
    )
    year: Mapped[int] = mapped_column(primary_key=True)
    next_number: Mapped[int]


class IssuedDocumentRow(Base):
    """A numbered document: one row per edition; no two share a number in a year."""

    __tablename__ = "issued_documents"
    __table_args__ = (
        UniqueConstraint(
            "bloc_id", "kind", "subject_id", "edition", name="uq_issued_documents_edition"
        ),
        UniqueConstraint("bloc_id", "year", "number", name="uq_issued_documents_number"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    bloc_id: Mapped[int] = mapped_column(ForeignKey("blocs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int]  # the ballot, or the bloc year for the covenant
    edition: Mapped[int]
    year: Mapped[int]
    number: Mapped[int]
    issued_at: Mapped[datetime]
