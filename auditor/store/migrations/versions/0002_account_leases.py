"""Revision 2: ``account_leases``, one row per seller account: which worker
holds it until when, when it is next due, how its last cycles went (issue #15).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account_leases",
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("worker_group", sa.String(length=100), nullable=True),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_success", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_duration", sa.Float(), nullable=True),
        sa.Column("last_messages", sa.Integer(), nullable=False),
        sa.Column("cycles", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("account"),
    )
    op.create_index("ix_account_lease_due", "account_leases", ["due_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_account_lease_due", table_name="account_leases")
    op.drop_table("account_leases")
