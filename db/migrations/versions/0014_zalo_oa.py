"""The Zalo Official Account channel: its token pair (renewed in place, one worker at a time)
and when each person last wrote to the OA (the reply window runs from then)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 01:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "zalo_oa_tokens",
        sa.Column("app_id", sa.String(32), nullable=False),
        sa.Column("access_token", sa.Text(), nullable=False),
        sa.Column("refresh_token", sa.Text(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("renewed_at", UTCDateTime(), nullable=True),
        sa.Column("refused_at", UTCDateTime(), nullable=True),
        sa.Column("refused_reason", sa.Text(), nullable=False),
        sa.Column("configured", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("app_id", name=op.f("pk_zalo_oa_tokens")),
    )
    op.create_table(
        "zalo_oa_contacts",
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("last_interaction_at", UTCDateTime(), nullable=True),
        sa.Column("display_name", sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_zalo_oa_contacts")),
    )


def downgrade() -> None:
    op.drop_table("zalo_oa_contacts")
    op.drop_table("zalo_oa_tokens")
