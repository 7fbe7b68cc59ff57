"""Fast entry: a penalty's `fact` (what the bot knows and fills in itself) and where each
entry's value came from (typed by the unit, filled by the bot, copied from last period)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("criteria", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fact", sa.String(32), nullable=True))
    with op.batch_alter_table("score_entries", schema=None) as batch_op:
        # NULL: typed by the unit, as every entry written before this revision was.
        batch_op.add_column(sa.Column("source", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("score_entries", schema=None) as batch_op:
        batch_op.drop_column("source")
    with op.batch_alter_table("criteria", schema=None) as batch_op:
        batch_op.drop_column("fact")
