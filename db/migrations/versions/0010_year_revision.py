"""bloc_years.revision: a stamp renewed whenever a year's members or criteria are written, so a
worker can keep the criteria table it built and know when it is stale

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 01:00:00.000000
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bloc_years", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.String(32), nullable=False, server_default=""))
    # Each existing year its own stamp: an empty one would be shared by every database.
    years = sa.table("bloc_years", sa.column("id", sa.Integer), sa.column("revision", sa.String))
    connection = op.get_bind()
    for (year_id,) in connection.execute(sa.select(years.c.id)):
        connection.execute(
            years.update().where(years.c.id == year_id).values(revision=secrets.token_hex(8))
        )


def downgrade() -> None:
    with op.batch_alter_table("bloc_years", schema=None) as batch_op:
        batch_op.drop_column("revision")
