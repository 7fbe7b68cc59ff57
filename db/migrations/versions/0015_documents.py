"""the documents a clerk files: the bloc's province kind, word and superior authority, each
unit's head, the minutes' officials of a ballot, and the register of numbered documents

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 22:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("blocs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("province_kind", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("kind_word", sa.String(length=8), nullable=True))
        batch_op.add_column(
            sa.Column("superior", sa.String(length=255), server_default="", nullable=False)
        )
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("head_name", sa.String(length=128), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("head_position", sa.String(length=255), server_default="", nullable=False)
        )
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.add_column(sa.Column("officials", sa.JSON(), nullable=True))

    op.create_table(
        "document_counters",
        sa.Column("bloc_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("next_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bloc_id"],
            ["blocs.id"],
            name=op.f("fk_document_counters_bloc_id_blocs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("bloc_id", "year", name=op.f("pk_document_counters")),
    )
    op.create_table(
        "issued_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bloc_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("issued_at", db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["bloc_id"],
            ["blocs.id"],
            name=op.f("fk_issued_documents_bloc_id_blocs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_documents")),
        sa.UniqueConstraint(
            "bloc_id", "kind", "subject_id", "edition", name="uq_issued_documents_edition"
        ),
        sa.UniqueConstraint("bloc_id", "year", "number", name="uq_issued_documents_number"),
    )
    with op.batch_alter_table("issued_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_issued_documents_bloc_id"), ["bloc_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("issued_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_issued_documents_bloc_id"))
    op.drop_table("issued_documents")
    op.drop_table("document_counters")
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.drop_column("officials")
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_column("head_position")
        batch_op.drop_column("head_name")
    with op.batch_alter_table("blocs", schema=None) as batch_op:
        batch_op.drop_column("superior")
        batch_op.drop_column("kind_word")
        batch_op.drop_column("province_kind")
