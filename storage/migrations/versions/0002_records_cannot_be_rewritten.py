"""Records that cannot be quietly rewritten, and dialogs that forget names.

Decisions: DELETE only for rows covered by a purge logged in `decision_purge` (on
PostgreSQL in the same transaction), REPLACE refused on SQLite, TRUNCATE refused on
PostgreSQL. The purge log is append-only and must count exactly the decisions it covers.
The audit outbox's foreign key becomes ON DELETE RESTRICT. Recorded and abandoned dialogs
lose their name digests and draft.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

OUTBOX_FK = "audit_outbox_decision_id_fkey"  # PostgreSQL's name for 0001's unnamed key

_PG_FUNCTIONS = [
    # SET search_path FROM CURRENT: the function finds decision_purge in the schema it was
    # made in, whatever search_path the session that deletes has.
    """
    CREATE FUNCTION decision_delete_only_by_purge() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM decision_purge
                 WHERE transaction_id = txid_current() AND OLD.created_at < cutoff) THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'decision rows are deleted only by a logged purge'
        USING ERRCODE = 'restrict_violation';
    END $$
    """,
    """
    CREATE FUNCTION infoshare_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
    END $$
    """,
    """
    CREATE FUNCTION decision_purge_stamp() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
    BEGIN
      NEW.transaction_id := txid_current();
      NEW.database_role := current_user;
      IF NEW.decision_count IS DISTINCT FROM
         (SELECT count(*) FROM decision WHERE created_at < NEW.cutoff) THEN
        RAISE EXCEPTION 'a decision purge must log exactly the decisions it covers'
          USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END $$
    """,
]

_PG_TRIGGERS = [
    "CREATE TRIGGER decision_delete_only_by_purge BEFORE DELETE ON decision "
    "FOR EACH ROW EXECUTE FUNCTION decision_delete_only_by_purge()",
    "CREATE TRIGGER decision_no_truncate BEFORE TRUNCATE ON decision "
    "FOR EACH STATEMENT EXECUTE FUNCTION infoshare_refuse_change()",
    "CREATE TRIGGER decision_purge_stamp BEFORE INSERT ON decision_purge "
    "FOR EACH ROW EXECUTE FUNCTION decision_purge_stamp()",
    "CREATE TRIGGER decision_purge_append_only BEFORE UPDATE OR DELETE ON decision_purge "
    "FOR EACH ROW EXECUTE FUNCTION infoshare_refuse_change()",
    "CREATE TRIGGER decision_purge_no_truncate BEFORE TRUNCATE ON decision_purge "
    "FOR EACH STATEMENT EXECUTE FUNCTION infoshare_refuse_change()",
]

# SQLite cannot tie a row to a transaction. One writer at a time, so the newest purge row
# is the one being written; it must count exactly the rows older than its cutoff, and each
# delete uses up one of its `remaining` deletions, so none are left once its purge commits.
_SQLITE_TRIGGERS = [
    "CREATE TRIGGER decision_delete_only_by_purge BEFORE DELETE ON decision BEGIN "
    "SELECT RAISE(ABORT, 'decision rows are deleted only by a logged purge') "
    "WHERE NOT EXISTS (SELECT 1 FROM decision_purge "
    "WHERE id = (SELECT max(id) FROM decision_purge) "
    "AND remaining > 0 AND OLD.created_at < cutoff); "
    "UPDATE decision_purge SET remaining = remaining - 1 "
    "WHERE id = (SELECT max(id) FROM decision_purge); END",
    # INSERT OR REPLACE / REPLACE INTO delete the conflicting row without firing DELETE
    # triggers (recursive_triggers is off), so refuse the insert itself.
    "CREATE TRIGGER decision_no_replace BEFORE INSERT ON decision "
    "WHEN EXISTS (SELECT 1 FROM decision WHERE id = NEW.id "
    "OR reference = NEW.reference OR dialog_id = NEW.dialog_id) "
    "BEGIN SELECT RAISE(ABORT, 'decision rows cannot be replaced'); END",
    "CREATE TRIGGER decision_purge_counts BEFORE INSERT ON decision_purge "
    "WHEN EXISTS (SELECT 1 FROM decision_purge WHERE id = NEW.id) "
    "OR NEW.remaining IS NOT NEW.decision_count "
    "OR NEW.decision_count IS NOT (SELECT count(*) FROM decision WHERE created_at < NEW.cutoff) "
    "BEGIN SELECT RAISE(ABORT, 'a decision purge must log exactly the decisions it covers'); END",
    "CREATE TRIGGER decision_purge_no_update BEFORE UPDATE ON decision_purge "
    "WHEN NEW.remaining IS NOT OLD.remaining - 1 OR NEW.id IS NOT OLD.id "
    "OR NEW.purged_at IS NOT OLD.purged_at OR NEW.cutoff IS NOT OLD.cutoff "
    "OR NEW.decision_count IS NOT OLD.decision_count "
    "OR NEW.outbox_count IS NOT OLD.outbox_count OR NEW.reason IS NOT OLD.reason "
    "OR NEW.process IS NOT OLD.process OR NEW.database_role IS NOT OLD.database_role "
    "OR NEW.transaction_id IS NOT OLD.transaction_id "
    "BEGIN SELECT RAISE(ABORT, 'decision_purge rows are append-only'); END",
    "CREATE TRIGGER decision_purge_no_delete BEFORE DELETE ON decision_purge "
    "BEGIN SELECT RAISE(ABORT, 'decision_purge rows are append-only'); END",
]


def _moment() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _outbox_table(on_delete: str) -> sa.Table:
    """audit_outbox as 0001 made it, with the foreign key's ON DELETE as given (SQLite rebuilds
    the table from this definition, keeping its rows)."""
    return sa.Table(
        "audit_outbox",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "decision_id",
            sa.Integer(),
            sa.ForeignKey("decision.id", ondelete=on_delete),
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
        sa.Index("ix_audit_outbox_due", "status", "next_attempt_at"),
    )


def _set_outbox_on_delete(on_delete: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(OUTBOX_FK, "audit_outbox", type_="foreignkey")
        op.create_foreign_key(
            OUTBOX_FK, "audit_outbox", "decision", ["decision_id"], ["id"], ondelete=on_delete
        )
        return
    with op.batch_alter_table(
        "audit_outbox", recreate="always", copy_from=_outbox_table(on_delete)
    ):
        pass


def _forget_ended_dialogs() -> None:
    """Recorded and abandoned dialogs keep no name digests and no draft."""
    dialogs = sa.table(
        "dialog_session",
        sa.column("status", sa.String()),
        sa.column("known_identifiers", sa.JSON().with_variant(postgresql.JSONB(), "postgresql")),
        sa.column("draft", sa.JSON()),
    )
    op.execute(
        dialogs.update()
        .where(dialogs.c.status.in_(["recorded", "abandoned"]))
        .values(known_identifiers=[], draft=sa.null())
    )


def upgrade() -> None:
    op.create_table(
        "decision_purge",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("purged_at", _moment(), nullable=False),
        sa.Column("cutoff", _moment(), nullable=False),
        sa.Column("decision_count", sa.Integer(), nullable=False),
        sa.Column("outbox_count", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(100), nullable=False),
        sa.Column("process", sa.String(64), nullable=False),
        sa.Column("database_role", sa.String(64), nullable=True),
        sa.Column("transaction_id", sa.BigInteger(), nullable=True),
        sa.Column("remaining", sa.Integer(), nullable=True),
    )
    op.create_index("ix_decision_purge_transaction_id", "decision_purge", ["transaction_id"])
    is_postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in (_PG_FUNCTIONS + _PG_TRIGGERS) if is_postgresql else _SQLITE_TRIGGERS:
        op.execute(statement)
    _set_outbox_on_delete("RESTRICT")
    _forget_ended_dialogs()


def downgrade() -> None:
    _set_outbox_on_delete("CASCADE")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER decision_delete_only_by_purge ON decision")
        op.execute("DROP TRIGGER decision_no_truncate ON decision")
        op.execute("DROP FUNCTION decision_delete_only_by_purge()")
        op.execute("DROP TABLE decision_purge")  # its triggers go with it
        op.execute("DROP FUNCTION decision_purge_stamp()")
        op.execute("DROP FUNCTION infoshare_refuse_change()")
        return
    op.execute("DROP TRIGGER decision_delete_only_by_purge")
    op.execute("DROP TRIGGER decision_no_replace")  # decision_purge's go with its table
    op.drop_table("decision_purge")
