"""Reviews, the hash chain, the digest claim and the idle-dialog reminder.

- `review`: one append-only row per supervisor action on a decision (deleted only with its
  decision, by a logged purge).
- The hash chain over decisions and reviews (storage.chain): `chain_seq`, `prev_hash`,
  `row_hash` on both, `chain_head` (the lock and the newest link) and `chain_gap` (runs a
  purge removed). Decisions recorded before this migration are chained here, oldest first
  (created_at, then id), so `infoshare audit verify` passes on an upgraded database.
- `digest_post`: one row per UK day, the claim to post that day's supervisor digest.
- `dialog_session.nudged_at`: when the idle reminder went out; `expired_at`: when an idle
  dialog was closed as abandoned.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from storage.chain import DECISION_FIELDS, GENESIS, chain_hash, content_of
from storage.columns import UTCDateTime

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None

_PG_FUNCTIONS = [
    """
    CREATE FUNCTION review_delete_only_by_purge() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM decision_purge p JOIN decision d ON d.id = OLD.decision_id
                 WHERE p.transaction_id = txid_current() AND d.created_at < p.cutoff) THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'review rows are deleted only with their decision, by a logged purge'
        USING ERRCODE = 'restrict_violation';
    END $$
    """,
]

_PG_TRIGGERS = [
    "CREATE TRIGGER review_append_only BEFORE UPDATE ON review "
    "FOR EACH ROW EXECUTE FUNCTION infoshare_refuse_change()",
    "CREATE TRIGGER review_delete_only_by_purge BEFORE DELETE ON review "
    "FOR EACH ROW EXECUTE FUNCTION review_delete_only_by_purge()",
    "CREATE TRIGGER review_no_truncate BEFORE TRUNCATE ON review "
    "FOR EACH STATEMENT EXECUTE FUNCTION infoshare_refuse_change()",
    "CREATE TRIGGER chain_gap_append_only BEFORE UPDATE OR DELETE ON chain_gap "
    "FOR EACH ROW EXECUTE FUNCTION infoshare_refuse_change()",
    "CREATE TRIGGER chain_gap_no_truncate BEFORE TRUNCATE ON chain_gap "
    "FOR EACH STATEMENT EXECUTE FUNCTION infoshare_refuse_change()",
]

_SQLITE_DECISION_APPEND_ONLY = (
    "CREATE TRIGGER decision_append_only BEFORE UPDATE ON decision "
    "BEGIN SELECT RAISE(ABORT, 'decision rows are append-only'); END"
)


def _sqlite_no_replace(with_chain: bool) -> str:
    chain = " OR chain_seq = NEW.chain_seq" if with_chain else ""
    return (
        "CREATE TRIGGER decision_no_replace BEFORE INSERT ON decision "
        "WHEN EXISTS (SELECT 1 FROM decision WHERE id = NEW.id "
        f"OR reference = NEW.reference OR dialog_id = NEW.dialog_id{chain}) "
        "BEGIN SELECT RAISE(ABORT, 'decision rows cannot be replaced'); END"
    )


# As migration 0002 does for decisions: the newest purge row is the one being written, and
# deletes only while it still has deletions left.
_SQLITE_TRIGGERS = [
    "CREATE TRIGGER review_append_only BEFORE UPDATE ON review "
    "BEGIN SELECT RAISE(ABORT, 'review rows are append-only'); END",
    "CREATE TRIGGER review_delete_only_by_purge BEFORE DELETE ON review BEGIN "
    "SELECT RAISE(ABORT, 'review rows are deleted only with their decision, by a logged purge') "
    "WHERE NOT EXISTS (SELECT 1 FROM decision_purge "
    "WHERE id = (SELECT max(id) FROM decision_purge) AND remaining > 0 "
    "AND (SELECT created_at FROM decision WHERE id = OLD.decision_id) < cutoff); END",
    "CREATE TRIGGER review_no_replace BEFORE INSERT ON review "
    "WHEN EXISTS (SELECT 1 FROM review WHERE id = NEW.id "
    "OR idempotency_key = NEW.idempotency_key OR chain_seq = NEW.chain_seq) "
    "BEGIN SELECT RAISE(ABORT, 'review rows cannot be replaced'); END",
    "CREATE TRIGGER chain_gap_no_update BEFORE UPDATE ON chain_gap "
    "BEGIN SELECT RAISE(ABORT, 'chain_gap rows are append-only'); END",
    "CREATE TRIGGER chain_gap_no_delete BEFORE DELETE ON chain_gap "
    "BEGIN SELECT RAISE(ABORT, 'chain_gap rows are append-only'); END",
    "CREATE TRIGGER chain_gap_no_replace BEFORE INSERT ON chain_gap "
    "WHEN EXISTS (SELECT 1 FROM chain_gap WHERE first_seq = NEW.first_seq) "
    "BEGIN SELECT RAISE(ABORT, 'chain_gap rows cannot be replaced'); END",
]


def _moment() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _is_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _chain_existing_decisions() -> None:
    """Give every decision recorded so far its place in the chain, oldest first. The
    append-only trigger is lifted for these writes only, inside this migration's
    transaction."""
    json_type = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
    decision = sa.table(
        "decision",
        sa.column("id", sa.Integer()),
        sa.column("reference", sa.String()),
        sa.column("dialog_id", sa.Integer()),
        sa.column("team_id", sa.String()),
        sa.column("user_id", sa.String()),
        sa.column("flow_id", sa.String()),
        sa.column("flow_version", sa.Integer()),
        sa.column("outcome", sa.String()),
        sa.column("path", json_type),
        sa.column("fields", json_type),
        sa.column("created_at", UTCDateTime()),
        sa.column("chain_seq", sa.Integer()),
        sa.column("prev_hash", sa.String()),
        sa.column("row_hash", sa.String()),
    )
    bind = op.get_bind()
    if _is_postgresql():
        op.execute("ALTER TABLE decision DISABLE TRIGGER decision_append_only")
    else:
        op.execute("DROP TRIGGER decision_append_only")
    rows = bind.execute(
        sa.select(decision).order_by(decision.c.created_at, decision.c.id)
    ).mappings()
    previous, seq = GENESIS, 0
    for row in list(rows):
        seq += 1
        row_hash = chain_hash(previous, "decision", seq, content_of(row, DECISION_FIELDS))
        bind.execute(
            decision.update()
            .where(decision.c.id == row["id"])
            .values(chain_seq=seq, prev_hash=previous, row_hash=row_hash)
        )
        previous = row_hash
    if _is_postgresql():
        op.execute("ALTER TABLE decision ENABLE TRIGGER decision_append_only")
    else:
        op.execute(_SQLITE_DECISION_APPEND_ONLY)
    head = sa.table(
        "chain_head",
        sa.column("id", sa.Integer()),
        sa.column("seq", sa.Integer()),
        sa.column("hash", sa.String()),
    )
    bind.execute(head.insert().values(id=1, seq=seq, hash=previous))


def _add_chain_columns(table: str) -> None:
    # NOT NULL needs a default on SQLite's ADD COLUMN; PostgreSQL drops it afterwards.
    op.add_column(table, sa.Column("chain_seq", sa.Integer(), nullable=False, server_default="0"))
    op.add_column(table, sa.Column("prev_hash", sa.String(64), nullable=False, server_default=""))
    op.add_column(table, sa.Column("row_hash", sa.String(64), nullable=False, server_default=""))


def _drop_chain_defaults(table: str) -> None:
    if _is_postgresql():
        for column in ("chain_seq", "prev_hash", "row_hash"):
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT")


def upgrade() -> None:
    op.add_column("dialog_session", sa.Column("nudged_at", _moment(), nullable=True))
    op.add_column("dialog_session", sa.Column("expired_at", _moment(), nullable=True))
    op.create_table(
        "chain_head",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    _add_chain_columns("decision")
    _chain_existing_decisions()
    _drop_chain_defaults("decision")
    op.create_index("uq_decision_chain_seq", "decision", ["chain_seq"], unique=True)

    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "decision_id",
            sa.Integer(),
            sa.ForeignKey("decision.id", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("supervisor_id", sa.String(64), nullable=False),
        sa.Column("text", sa.String(3000), nullable=True),
        sa.Column("idempotency_key", sa.String(255), nullable=False, unique=True),
        sa.Column("created_at", _moment(), nullable=False),
        sa.Column("chain_seq", sa.Integer(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("row_hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_review_decision_id", "review", ["decision_id"])
    op.create_index("ix_review_created_at", "review", ["created_at"])
    op.create_index("uq_review_chain_seq", "review", ["chain_seq"], unique=True)

    op.create_table(
        "chain_gap",
        sa.Column("first_seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
        sa.Column("purge_id", sa.Integer(), sa.ForeignKey("decision_purge.id"), nullable=False),
    )
    op.create_table(
        "digest_post",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("claimed_by", sa.String(64), nullable=False),
        sa.Column("claimed_until", _moment(), nullable=False),
        sa.Column("posted_ts", sa.String(32), nullable=True),
        sa.Column("posted_at", _moment(), nullable=True),
    )
    if _is_postgresql():
        for statement in _PG_FUNCTIONS + _PG_TRIGGERS:
            op.execute(statement)
    else:
        op.execute("DROP TRIGGER decision_no_replace")
        op.execute(_sqlite_no_replace(with_chain=True))
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    op.drop_table("digest_post")
    if _is_postgresql():
        op.execute("DROP TABLE chain_gap")  # its triggers go with it
        op.execute("DROP TABLE review")
        op.execute("DROP FUNCTION review_delete_only_by_purge()")
    else:
        op.drop_table("chain_gap")
        op.drop_table("review")
        op.execute("DROP TRIGGER decision_no_replace")
        op.execute(_sqlite_no_replace(with_chain=False))
    op.drop_index("uq_decision_chain_seq", "decision")
    if _is_postgresql():
        for column in ("chain_seq", "prev_hash", "row_hash"):
            op.drop_column("decision", column)
    else:
        # SQLite drops a column in place (3.35+); the decision triggers do not name these.
        for column in ("chain_seq", "prev_hash", "row_hash"):
            op.execute(f"ALTER TABLE decision DROP COLUMN {column}")
    op.drop_table("chain_head")
    for column in ("nudged_at", "expired_at"):
        if _is_postgresql():
            op.drop_column("dialog_session", column)
        else:
            op.execute(f"ALTER TABLE dialog_session DROP COLUMN {column}")
