"""group_chats.thread_id: the forum topic a group was bound in, where the bloc's posts go

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-10 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("group_chats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("thread_id", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("group_chats", schema=None) as batch_op:
        batch_op.drop_column("thread_id")
