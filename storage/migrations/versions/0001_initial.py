"""Initial schema: dialog sessions, Slack deliveries, decisions, audit outbox.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None

OPEN_DIALOG_WHERE = "status IN ('active', 'paused', 'outcome')"


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _moment() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "dialog_session",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("channel_id", sa.String(64), nullable=True),
        sa.Column("message_ts", sa.String(32), nullable=True),
        sa.Column("flow_id", sa.String(64), nullable=False),
        sa.Column("flow_version", sa.Integer(), nullable=False),
        sa.Column("state", _json(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("known_identifiers", _json(), nullable=False),
        sa.Column("draft", _json(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", _moment(), nullable=False),
        sa.Column("updated_at", _moment(), nullable=False),
    )
    op.create_index("ix_dialog_session_user", "dialog_session", ["team_id", "user_id"])
    op.create_index("ix_dialog_session_updated_at", "dialog_session", ["updated_at"])
    op.create_index(
        "uq_dialog_session_open_per_user",
        "dialog_session",
        ["team_id", "user_id"],
        unique=True,
        sqlite_where=sa.text(OPEN_DIALOG_WHERE),
        postgresql_where=sa.text(OPEN_DIALOG_WHERE),
    )

    op.create_table(
        "slack_delivery",
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("received_at", _moment(), nullable=False),
    )
    op.create_index("ix_slack_delivery_received_at", "slack_delivery", ["received_at"])

    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(32), nullable=False, unique=True),
        sa.Column("dialog_id", sa.Integer(), nullable=False, unique=True),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("flow_id", sa.String(64), nullable=False),
        sa.Column("flow_version", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(64), nullable=False),
        sa.Column("path", _json(), nullable=False),
        sa.Column("fields", _json(), nullable=False),
        sa.Column("created_at", _moment(), nullable=False),
    )
    op.create_index("ix_decision_created_at", "decision", ["created_at"])
    _refuse_decision_updates()

    op.create_table(
        "decision_reference_counter",
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
    )

    op.create_table(
        "audit_outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "decision_id",
            sa.Integer(),
            sa.ForeignKey("decision.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", _moment(), nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("claimed_until", _moment(), nullable=True),
        sa.Column("posted_ts", sa.String(32), nullable=True),
        sa.Column("last_error", sa.String(40), nullable=True),
        sa.Column("created_at", _moment(), nullable=False),
        sa.Column("posted_at", _moment(), nullable=True),
    )
    op.create_index("ix_audit_outbox_due", "audit_outbox", ["status", "next_attempt_at"])


def _refuse_decision_updates() -> None:
    """Decisions are append-only: UPDATE is refused by the database itself (DELETE is
    left for retention and purge)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION decision_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'decision rows are append-only' "
            "USING ERRCODE = 'restrict_violation'; END $$"
        )
        op.execute(
            "CREATE TRIGGER decision_append_only BEFORE UPDATE ON decision "
            "FOR EACH ROW EXECUTE FUNCTION decision_refuse_update()"
        )
    else:
        op.execute(
            "CREATE TRIGGER decision_append_only BEFORE UPDATE ON decision "
            "BEGIN SELECT RAISE(ABORT, 'decision rows are append-only'); END"
        )


def downgrade() -> None:
    op.drop_table("audit_outbox")
    op.drop_table("decision_reference_counter")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS decision_append_only ON decision")
        op.execute("DROP FUNCTION IF EXISTS decision_refuse_update()")
    op.drop_table("decision")
    op.drop_table("slack_delivery")
    op.drop_table("dialog_session")
