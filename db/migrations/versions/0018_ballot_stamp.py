"""A ballot's `stamp`: a random key written with the ballot, which a worker's cache of its
candidates (written once, never changed) is checked against

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 05:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        # NULL: a ballot opened before this revision, read afresh by every transaction.
        batch_op.add_column(sa.Column("stamp", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.drop_column("stamp")
