"""Revision 4: the order and buyer tables (branch ``orders``, merged after
revision 3).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 09:16:55.064209
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "buyers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("marketplace", sa.String(length=40), nullable=True),
        sa.Column("opted_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("complained_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account", "address", name="uq_buyer"),
    )
    op.create_table(
        "order_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("order_id", sa.String(length=19), nullable=False),
        sa.Column("buyer", sa.String(length=320), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_id", sa.String(length=998), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("marketplace", sa.String(length=40), nullable=True),
        sa.Column("authenticity", sa.String(length=12), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "account", "kind", "order_id", "buyer", "message_id", name="uq_order_event"
        ),
    )
    op.create_index("ix_order_event_buyer", "order_events", ["account", "buyer"], unique=False)
    op.create_index("ix_order_event_kind", "order_events", ["account", "kind"], unique=False)
    op.create_index("ix_order_event_order", "order_events", ["account", "order_id"], unique=False)
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("order_id", sa.String(length=19), nullable=False),
        sa.Column("marketplace", sa.String(length=40), nullable=True),
        sa.Column("buyer", sa.String(length=320), nullable=True),
        sa.Column("ordered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("shipped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("refunded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("opted_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("complained_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account", "order_id", name="uq_order"),
    )
    op.create_index("ix_order_buyer", "orders", ["account", "buyer"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_order_buyer", table_name="orders")
    op.drop_table("orders")
    op.drop_index("ix_order_event_order", table_name="order_events")
    op.drop_index("ix_order_event_kind", table_name="order_events")
    op.drop_index("ix_order_event_buyer", table_name="order_events")
    op.drop_table("order_events")
    op.drop_table("buyers")
