"""Verification closes its loop: a sheet's "verified" mark and its reopening for one unit;
each entry's verified penalty, who verified it when, and the unit's answer (agreed or
explained) to the change; and the channel a piece of evidence came through

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 23:00:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SHEET_COLUMNS: tuple[tuple[str, sa.types.TypeEngine[Any]], ...] = (
    ("verified_at", db.types.UTCDateTime(timezone=True)),
    ("reopened_until", db.types.UTCDateTime(timezone=True)),
)
ENTRY_COLUMNS: tuple[tuple[str, sa.types.TypeEngine[Any]], ...] = (
    ("verified_occurrences", sa.Integer()),
    ("verified_at", db.types.UTCDateTime(timezone=True)),
    ("answered_at", db.types.UTCDateTime(timezone=True)),
)


def upgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", sa.String(16), nullable=False, server_default=""))
    with op.batch_alter_table("score_sheets", schema=None) as batch_op:
        for name, kind in SHEET_COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))
        batch_op.add_column(sa.Column("verified_by", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("reopen_reason", sa.Text(), nullable=False, server_default="")
        )
        batch_op.create_foreign_key(
            "fk_score_sheets_verified_by_officers", "officers", ["verified_by"], ["id"]
        )
    with op.batch_alter_table("score_entries", schema=None) as batch_op:
        for name, kind in ENTRY_COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))
        batch_op.add_column(sa.Column("verified_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("answer", sa.String(16), nullable=True))
        batch_op.add_column(sa.Column("answer_text", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("answered_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_score_entries_verified_by_officers", "officers", ["verified_by"], ["id"]
        )
        batch_op.create_foreign_key(
            "fk_score_entries_answered_by_officers", "officers", ["answered_by"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_column("channel")
    with op.batch_alter_table("score_entries", schema=None) as batch_op:
        batch_op.drop_constraint("fk_score_entries_answered_by_officers", type_="foreignkey")
        batch_op.drop_constraint("fk_score_entries_verified_by_officers", type_="foreignkey")
        for name in ("answered_by", "answer_text", "answer", "verified_by"):
            batch_op.drop_column(name)
        for name, _kind in reversed(ENTRY_COLUMNS):
            batch_op.drop_column(name)
    with op.batch_alter_table("score_sheets", schema=None) as batch_op:
        batch_op.drop_constraint("fk_score_sheets_verified_by_officers", type_="foreignkey")
        for name in ("reopen_reason", "verified_by"):
            batch_op.drop_column(name)
        for name, _kind in reversed(SHEET_COLUMNS):
            batch_op.drop_column(name)
