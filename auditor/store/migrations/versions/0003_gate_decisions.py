"""Revision 3: the send gate's tables (``gate_decisions``, ``gate_orders``;
branch ``gate``, merged after revision 2).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 08:55:32.593301
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "gate_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("front", sa.String(length=10), nullable=False),
        sa.Column("message_hash", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=True),
        sa.Column("campaign", sa.String(length=200), nullable=True),
        sa.Column("marketplace", sa.String(length=40), nullable=True),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("order_ids", sa.JSON(), nullable=False),
        sa.Column("review_request", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_gate_account_at", "gate_decisions", ["account", "at"], unique=False)
    op.create_index("ix_gate_hash", "gate_decisions", ["account", "message_hash"], unique=False)
    op.create_table(
        "gate_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("order_id", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=998), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_gate_order", "gate_orders", ["account", "order_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_gate_order", table_name="gate_orders")
    op.drop_table("gate_orders")
    op.drop_index("ix_gate_hash", table_name="gate_decisions")
    op.drop_index("ix_gate_account_at", table_name="gate_decisions")
    op.drop_table("gate_decisions")
