"""Record drafts and the not-recorded reminder.

- A record form cancelled is kept in `dialog_session.draft` (anonymised, as a previewed draft
  is; no new column) until the dialog ends.
- `dialog_session.outcome_reminded_at`: when the practitioner was reminded that the outcome
  they reached is not recorded. Unlike `nudged_at`, no save clears it: that reminder goes
  out once in a dialog's life.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "dialog_session",
        sa.Column("outcome_reminded_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_column("dialog_session", "outcome_reminded_at")
    else:
        # SQLite drops a column in place (3.35+).
        op.execute("ALTER TABLE dialog_session DROP COLUMN outcome_reminded_at")
