"""`advice_request`: questions to a safeguarding lead, asked from the dialog.

Self-contained (one new table, nothing else touched), so it can be re-chained after another
migration without change.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None


def _moment(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "advice_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("request_key", sa.String(255), nullable=False, unique=True),
        sa.Column("dialog_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("node", sa.String(64), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("question_node", sa.String(64), nullable=True),
        sa.Column("question", sa.String(3000), nullable=False),
        sa.Column("description", sa.String(3000), nullable=False),
        sa.Column("urgency", sa.String(16), nullable=False),
        _moment("created_at", nullable=False),
        _moment("sent_at"),
        _moment("announce_due_at"),
        sa.Column("announcements", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.String(64), nullable=True),
        sa.Column("post_ts", sa.String(32), nullable=True),
        sa.Column("taken_by", sa.String(64), nullable=True),
        _moment("taken_at"),
        sa.Column("answered_by", sa.String(64), nullable=True),
        _moment("answered_at"),
        sa.Column("advice", sa.String(3000), nullable=True),
        sa.Column("suggestion", sa.String(16), nullable=True),
        _moment("reply_due_at"),
        sa.Column("reply_ts", sa.String(32), nullable=True),
        sa.Column("choice", sa.String(16), nullable=True),
        _moment("chosen_at"),
        _moment("withdrawn_at"),
    )
    op.create_index("ix_advice_request_dialog", "advice_request", ["dialog_id"])
    op.create_index("ix_advice_request_user", "advice_request", ["team_id", "user_id"])
    op.create_index("ix_advice_request_announce", "advice_request", ["announce_due_at"])
    op.create_index("ix_advice_request_reply", "advice_request", ["reply_due_at"])


def downgrade() -> None:
    op.drop_table("advice_request")
