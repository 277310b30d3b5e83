"""Revision 1: the schema of release 0.1, the last made by ``create_all``
(no migrations). A store created then has no ``alembic_version`` table; the
auditor recognises it by its tables and stamps it with this revision
(:func:`auditor.store.migrations.upgrade`).

Frozen: never edit this file; add a revision instead.

Revision ID: 0001
Revises:
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("marketplace", sa.String(length=40), nullable=True),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notice", sa.String(length=998), nullable=True),
        sa.Column("manual_hold", sa.Boolean(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("flag_reason", sa.Text(), nullable=True),
        sa.Column("flag_cleared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account", "name", name="uq_campaign"),
    )
    op.create_table(
        "locks",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=200), nullable=False),
        sa.Column("event", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("idempotency_key", "action", name="uq_outbox_key"),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("command", sa.String(length=40), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sync_state",
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("folder", sa.String(length=500), nullable=False),
        sa.Column("uidvalidity", sa.Integer(), nullable=False),
        sa.Column("last_uid", sa.Integer(), nullable=False),
        sa.Column("highestmodseq", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("account", "folder"),
    )
    op.create_table(
        "campaign_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("from_state", sa.String(length=10), nullable=False),
        sa.Column("to_state", sa.String(length=10), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("notice", sa.String(length=998), nullable=True),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaigns.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("folder", sa.String(length=500), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("from_addr", sa.String(length=320), nullable=False),
        sa.Column("to_addr", sa.String(length=320), nullable=False),
        sa.Column("marketplace", sa.String(length=40), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("campaign", sa.String(length=200), nullable=True),
        sa.Column("order_ids", sa.JSON(), nullable=False),
        sa.Column("review_request", sa.Boolean(), nullable=False),
        sa.Column("first_run", sa.Integer(), nullable=True),
        sa.Column("last_run", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["first_run"],
            ["runs.id"],
        ),
        sa.ForeignKeyConstraint(
            ["last_run"],
            ["runs.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account", "content_hash", name="uq_message_hash"),
    )
    op.create_index("ix_message_campaign", "messages", ["account", "campaign"], unique=False)
    op.create_index("ix_message_mid", "messages", ["account", "message_id"], unique=False)
    op.create_index("ix_message_source_key", "messages", ["account", "source", "key"], unique=False)

    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("rule", sa.String(length=10), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("campaign", sa.String(length=200), nullable=True),
        sa.Column("location", sa.String(length=20), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("related", sa.JSON(), nullable=False),
        sa.Column("waived", sa.Text(), nullable=True),
        sa.Column("first_run", sa.Integer(), nullable=True),
        sa.Column("last_run", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["first_run"],
            ["runs.id"],
        ),
        sa.ForeignKeyConstraint(
            ["last_run"],
            ["runs.id"],
        ),
        sa.ForeignKeyConstraint(["message"], ["messages.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("message", "rule", "fingerprint", name="uq_finding"),
    )
    op.create_index(
        "ix_finding_campaign", "findings", ["account", "campaign", "severity"], unique=False
    )

    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("authenticity", sa.String(length=12), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("marketplace", sa.String(length=40), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=True),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["message"], ["messages.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("message", name="uq_notice_message"),
    )
    op.create_index("ix_notice_kind", "notices", ["account", "kind"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index("ix_notice_kind", table_name="notices")

    op.drop_table("notices")
    op.drop_index("ix_finding_campaign", table_name="findings")

    op.drop_table("findings")
    op.drop_index("ix_message_source_key", table_name="messages")
    op.drop_index("ix_message_mid", table_name="messages")
    op.drop_index("ix_message_campaign", table_name="messages")

    op.drop_table("messages")
    op.drop_table("campaign_events")
    op.drop_table("sync_state")
    op.drop_table("runs")
    op.drop_table("outbox")
    op.drop_table("locks")
    op.drop_table("campaigns")
