"""Decisions cannot be quietly rewritten: DELETE, REPLACE and TRUNCATE are refused by the
database, the outbox cannot be cascaded away, and only a logged purge deletes."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from storage import Database, Decision
from storage.migrate import current_revision
from tests.storage.samples import NOW, migrate_to, recorded_decision

OLD = datetime(2019, 2, 1, 12, 0, tzinfo=UTC)
CUTOFF = datetime(2020, 1, 1, tzinfo=UTC)


async def run_sql(database: Database, sql: str, **params: Any) -> Any:
    """One raw statement in its own transaction, as an operator with a SQL shell would."""
    async with database.engine.begin() as connection:
        return await connection.execute(text(sql), params)


async def rows(database: Database, table: str) -> int:
    async with database.engine.connect() as connection:
        return int((await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


async def intact(database: Database, decision: Decision) -> bool:
    async with database.transaction() as tx:
        return await tx.decisions.by_reference(decision.reference) == decision


@pytest.fixture
async def sqlite_database(tmp_path: Path) -> AsyncIterator[Database]:
    db = await Database.connect(f"sqlite:///{tmp_path / 'infoshare.db'}")
    try:
        yield db
    finally:
        await db.close()


@pytest.fixture
async def postgresql_database(database_url: str) -> AsyncIterator[Database]:
    """Use with ``on_postgresql_only``: SQLite has no TRUNCATE and no ON CONFLICT upsert
    here (its REPLACE has its own test)."""
    db = await Database.connect(database_url)
    try:
        yield db
    finally:
        await db.close()


async def test_deleting_a_decision_is_refused_and_keeps_its_outbox_row(
    database: Database,
) -> None:
    decision = await recorded_decision(database, "U1")
    for sql in ("DELETE FROM decision WHERE id = :id", "DELETE FROM decision"):
        with pytest.raises(DBAPIError, match="logged purge"):
            await run_sql(database, sql, id=decision.id)
    assert await intact(database, decision)
    assert await rows(database, "audit_outbox") == 1


async def test_the_outbox_foreign_key_restricts_deletes(database: Database) -> None:
    async with database.engine.connect() as connection:
        keys = await connection.run_sync(lambda c: inspect(c).get_foreign_keys("audit_outbox"))
    assert [(key["referred_table"], key["options"].get("ondelete")) for key in keys] == [
        ("decision", "RESTRICT")
    ]


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT OR REPLACE INTO decision SELECT * FROM decision WHERE id = :id",
        "REPLACE INTO decision SELECT * FROM decision WHERE id = :id",
        # A new id but the same reference, or the same dialog: REPLACE would delete the old row.
        "INSERT OR REPLACE INTO decision (id, reference, dialog_id, team_id, user_id, flow_id,"
        " flow_version, outcome, path, fields, created_at) SELECT id + 100, reference,"
        " dialog_id + 100, team_id, user_id, flow_id, flow_version, 'do_not_share', path,"
        " fields, created_at FROM decision WHERE id = :id",
        "REPLACE INTO decision (id, reference, dialog_id, team_id, user_id, flow_id,"
        " flow_version, outcome, path, fields, created_at) SELECT id + 100, 'IS-2026-0100',"
        " dialog_id, team_id, user_id, flow_id, flow_version, 'do_not_share', path,"
        " fields, created_at FROM decision WHERE id = :id",
        "INSERT OR IGNORE INTO decision SELECT * FROM decision WHERE id = :id",
    ],
)
async def test_sqlite_refuses_to_replace_a_decision(sqlite_database: Database, sql: str) -> None:
    decision = await recorded_decision(sqlite_database, "U1")
    with pytest.raises(DBAPIError, match="cannot be replaced"):
        await run_sql(sqlite_database, sql, id=decision.id)
    assert await intact(sqlite_database, decision)
    assert await rows(sqlite_database, "decision") == 1


on_postgresql_only = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@on_postgresql_only
@pytest.mark.parametrize(
    "sql",
    [
        "TRUNCATE decision",
        "TRUNCATE decision CASCADE",
        "TRUNCATE audit_outbox, decision",
        "TRUNCATE decision_purge",
        "INSERT INTO decision SELECT * FROM decision WHERE id = :id"
        " ON CONFLICT (id) DO UPDATE SET outcome = 'do_not_share'",
    ],
)
async def test_postgresql_refuses_truncate_and_upsert(
    postgresql_database: Database, sql: str
) -> None:
    decision = await recorded_decision(postgresql_database, "U1")
    # A bare TRUNCATE decision is stopped by the outbox's foreign key before any trigger.
    with pytest.raises(DBAPIError, match=r"append-only|referenced in a foreign key"):
        await run_sql(postgresql_database, sql, id=decision.id)
    assert await intact(postgresql_database, decision)
    assert await rows(postgresql_database, "audit_outbox") == 1


async def test_a_purge_deletes_only_old_decisions_and_logs_it(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    old = [await recorded_decision(database, f"U{n}", OLD + timedelta(days=n)) for n in range(3)]
    kept = await recorded_decision(database, "U9", NOW)
    with caplog.at_level(logging.INFO, logger="storage.purge"):
        async with database.transaction() as tx:
            entry = await tx.purges.purge(CUTOFF, "retention: 6 years", NOW)
    assert (entry.decision_count, entry.outbox_count, entry.cutoff, entry.purged_at) == (
        3,
        3,
        CUTOFF,
        NOW,
    )
    assert entry.reason == "retention: 6 years" and entry.process
    if database.dialect == "postgresql":
        assert entry.database_role == "postgres" and entry.transaction_id is not None
    else:
        assert (entry.database_role, entry.transaction_id, entry.remaining) == (None, None, 0)
    async with database.transaction() as tx:
        assert [await tx.decisions.by_reference(d.reference) for d in old] == [None] * 3
        assert await tx.decisions.by_reference(kept.reference) == kept
        assert await tx.purges.all() == [entry]
    assert await rows(database, "audit_outbox") == 1
    [line] = [r for r in caplog.records if r.name == "storage.purge"]
    assert line.levelno == logging.INFO
    assert "deleted 3 decisions" in line.getMessage()
    assert "3 audit outbox rows" in line.getMessage()


async def test_a_purge_covers_nothing_after_its_transaction(database: Database) -> None:
    await recorded_decision(database, "U1", OLD)
    async with database.transaction() as tx:
        await tx.purges.purge(CUTOFF, "retention", NOW)
    # A decision older than that cutoff, written afterwards: the old purge does not cover it.
    late = await recorded_decision(database, "U2", OLD)
    with pytest.raises(DBAPIError, match="logged purge"):
        await run_sql(database, "DELETE FROM decision WHERE id = :id", id=late.id)
    assert await intact(database, late)


async def test_a_purge_log_row_must_count_what_it_covers(database: Database) -> None:
    await recorded_decision(database, "U1", OLD)
    for count in (0, 5):
        with pytest.raises(DBAPIError, match="exactly the decisions it covers"):
            await run_sql(
                database,
                "INSERT INTO decision_purge (purged_at, cutoff, decision_count, outbox_count,"
                " reason, process, remaining) VALUES (:now, :cutoff, :count, 0, 'x', 'y',"
                " :remaining)",
                now=NOW.replace(tzinfo=None),
                cutoff=CUTOFF.replace(tzinfo=None),
                count=count,
                remaining=count if database.dialect == "sqlite" else None,
            )
    assert await rows(database, "decision") == 1


async def test_the_purge_log_is_append_only(database: Database) -> None:
    await recorded_decision(database, "U1", OLD)
    async with database.transaction() as tx:
        await tx.purges.purge(CUTOFF, "retention", NOW)
    for sql in (
        "UPDATE decision_purge SET decision_count = 0",
        "UPDATE decision_purge SET reason = 'nothing happened'",
        "DELETE FROM decision_purge",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            await run_sql(database, sql)
    async with database.transaction() as tx:
        [entry] = await tx.purges.all()
    assert (entry.decision_count, entry.reason) == (1, "retention")


async def test_a_failed_purge_leaves_everything(database: Database) -> None:
    decision = await recorded_decision(database, "U1", OLD)
    with pytest.raises(RuntimeError):
        async with database.transaction() as tx:
            await tx.purges.purge(CUTOFF, "retention", NOW)
            raise RuntimeError("the operator interrupted it")
    assert await intact(database, decision)
    assert (await rows(database, "audit_outbox"), await rows(database, "decision_purge")) == (1, 0)


@pytest.mark.parametrize(
    ("before", "reason", "message"),
    [
        (NOW + timedelta(days=1), "retention", "future"),
        (CUTOFF, "", "one short line"),
        (CUTOFF, "retention\nforged line", "one short line"),
        (CUTOFF, "x" * 101, "one short line"),
    ],
)
async def test_a_bad_purge_request_changes_nothing(
    database: Database, before: datetime, reason: str, message: str
) -> None:
    decision = await recorded_decision(database, "U1", OLD)
    with pytest.raises(ValueError, match=message):
        async with database.transaction() as tx:
            await tx.purges.purge(before, reason, NOW)
    assert await intact(database, decision)
    assert await rows(database, "decision_purge") == 0


async def test_migration_0002_downgrades_and_upgrades_keeping_the_data(
    database: Database,
) -> None:
    decision = await recorded_decision(database, "U1")
    async with database.engine.begin() as connection:
        await connection.run_sync(migrate_to, "0001", down=True)
        assert await connection.run_sync(current_revision) == "0001"
    # The tables now lack the columns later migrations add: read the row as 0001 had it.
    reference = await run_sql(
        database, "SELECT reference FROM decision WHERE id = :id", id=decision.id
    )
    assert reference.scalar_one() == decision.reference
    assert await rows(database, "audit_outbox") == 1
    async with database.engine.begin() as connection:
        await connection.run_sync(migrate_to, "head")
    assert await intact(database, decision)
    assert await rows(database, "audit_outbox") == 1
    with pytest.raises(DBAPIError, match="logged purge"):
        await run_sql(database, "DELETE FROM decision WHERE id = :id", id=decision.id)
