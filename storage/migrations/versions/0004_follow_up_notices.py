"""`follow_up_notice`: the practitioner's follow-up DM, queued in the review's transaction.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "follow_up_notice",
        sa.Column(
            "review_id",
            sa.Integer(),
            sa.ForeignKey("review.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(40), nullable=True),
        sa.Column("sent_ts", sa.String(32), nullable=True),
    )
    op.create_index(
        "ix_follow_up_notice_next_attempt_at", "follow_up_notice", ["next_attempt_at"]
    )


def downgrade() -> None:
    op.drop_table("follow_up_notice")
