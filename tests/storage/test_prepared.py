"""Prepared statements (storage.prepared) run straight on SQLite's connection: what they store
and read back must be exactly what SQLAlchemy's own execution of the same statement stores and
reads back."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import bindparam, insert
from sqlalchemy.exc import (
    IntegrityError,
    InvalidRequestError,
    PendingRollbackError,
    ResourceClosedError,
    StatementError,
)

from storage import Database, DialogStatus
from storage.deliveries import _CLAIM
from storage.dialogs import _GET, _MARK_SHOWN, _OPEN_FOR, _SAVE
from storage.prepared import Outcome, Prepared
from storage.repository import Link
from storage.tables import SlackDelivery
from tests.storage.samples import NOW, TEAM, new_dialog

LATER = NOW + timedelta(minutes=3, microseconds=120)


async def _both(database: Database, prepared: Prepared, parameters: dict[str, Any]) -> Outcome:
    """The statement run straight (and rolled back), then through SQLAlchemy (and kept): the
    two outcomes must be equal, values and their types."""
    async with database.engine.connect() as connection, connection.begin():
        straight = await Link(connection).run(prepared, parameters)
        await connection.rollback()
    async with database.engine.connect() as connection, connection.begin():
        result = await connection.execute(prepared.statement, parameters)
        rows = [tuple(row) for row in result] if result.returns_rows else []
        keys = tuple(result.keys()) if result.returns_rows else ()
        through = Outcome(keys, rows, result.rowcount)
    assert straight == through
    for a, b in zip(straight.rows, through.rows, strict=True):
        assert [type(v) for v in a] == [type(v) for v in b]
    return straight


def _stored(file: Path, dialog_id: int) -> tuple[Any, ...]:
    with sqlite3.connect(file) as raw:
        row = raw.execute("SELECT * FROM dialog_session WHERE id = ?", (dialog_id,)).fetchone()
    assert row is not None
    return tuple(row)


async def test_reads_and_writes_match_sqlalchemys(tmp_path: Path) -> None:
    file = tmp_path / "prepared.db"
    database = await Database.connect(f"sqlite:///{file}")
    try:
        dialog = await new_dialog(database, "U1")
        assert dialog.id is not None
        found = await _both(database, _GET, {"dialog_id": dialog.id})
        row = found.first()
        assert row is not None and row["created_at"] == NOW
        assert (await _both(database, _GET, {"dialog_id": 999})).rows == []
        await _both(database, _OPEN_FOR, {"team_id": TEAM, "user_id": "U1"})

        revision = dialog.revision
        for draft in ({"reasons": "x"}, None):  # None: JSON's null, as SQLAlchemy stores it
            before = _stored(file, dialog.id)
            save = {
                "dialog_id": dialog.id,
                "read_revision": revision,
                "new_state": {"node": "q2", "answers": [["q1", "yes"]], "note": "é ✓"},
                "new_status": DialogStatus.OUTCOME,
                "new_known": ["ab" * 16],
                "new_draft": draft,
                "now": LATER,
                "new_expired_at": None,
            }
            saved = await _both(database, _SAVE, save)  # straight, rolled back; then SQLAlchemy's
            assert saved.scalar() == revision + 1
            by_sqlalchemy = _stored(file, dialog.id)
            assert by_sqlalchemy != before
            async with database.engine.connect() as connection, connection.begin():
                again = {**save, "read_revision": revision + 1}
                assert (await Link(connection).run(_SAVE, again)).scalar() == revision + 2
            straight = _stored(file, dialog.id)
            bumped = 11  # the revision, which the second save bumped; every other byte is equal
            assert straight[:bumped] == by_sqlalchemy[:bumped]
            assert straight[bumped + 1 :] == by_sqlalchemy[bumped + 1 :]
            revision += 2

        mark = {
            "dialog_id": dialog.id,
            "read_revision": revision,
            "new_channel_id": "D1",
            "new_message_ts": "1.2",
            "now": LATER,
        }
        assert (await _both(database, _MARK_SHOWN, mark)).rowcount == 1
        stale = {**mark, "read_revision": 1}
        assert (await _both(database, _MARK_SHOWN, stale)).rowcount == 0
    finally:
        await database.close()


async def test_a_claim_and_an_error_are_as_sqlalchemy_gives_them(tmp_path: Path) -> None:
    database = await Database.connect(f"sqlite:///{tmp_path / 'claims.db'}")
    try:
        claim = _CLAIM["sqlite"]
        async with database.engine.connect() as connection, connection.begin():
            link = Link(connection)
            assert (await link.run(claim, {"claimed_key": "k1", "now": NOW})).rows == [("k1",)]
            assert (await link.run(claim, {"claimed_key": "k1", "now": NOW})).rows == []
            plain = Prepared(
                insert(SlackDelivery).values(key=bindparam("claimed_key"), received_at=NOW)
            )
            with pytest.raises(IntegrityError):
                await link.run(plain, {"claimed_key": "k1"})
            unstorable = {"claimed_key": "k2", "now": "not a moment"}  # its bind processor's
            with pytest.raises(StatementError) as by_sqlalchemy:
                await connection.execute(claim.statement, unstorable)
            with pytest.raises(StatementError) as straight:
                await link.run(claim, unstorable)
            assert type(straight.value.orig) is type(by_sqlalchemy.value.orig)
            assert (await link.run(claim, {"claimed_key": "k2", "now": NOW})).rows == [("k2",)]
    finally:
        await database.close()


async def _claimed(database: Database, key: str) -> bool:
    async with database.transaction() as tx:
        return not await tx.deliveries.claim(key)


async def test_nothing_runs_after_a_failed_flush_rolled_the_transaction_back(
    database: Database,
) -> None:
    with pytest.raises(PendingRollbackError):
        async with database.transaction() as tx:
            assert await tx.deliveries.claim("before")
            with pytest.raises(IntegrityError):
                await tx.follow_ups.add(999_999, "U9", NOW)  # no such review: rolls back
            with pytest.raises(PendingRollbackError):
                await tx.deliveries.claim("after")  # SQLite's connection would autocommit it
        # and the block's end, with nothing left to commit, is refused too
    assert not await _claimed(database, "before")
    assert not await _claimed(database, "after")


async def test_nothing_runs_after_the_transaction_ended(database: Database) -> None:
    async with database.transaction() as tx:
        assert await tx.deliveries.claim("inside")
    with pytest.raises(ResourceClosedError):
        await tx.deliveries.claim("late")
    assert await _claimed(database, "inside")
    assert not await _claimed(database, "late")


async def test_nothing_runs_once_sqlites_connection_left_the_transaction(tmp_path: Path) -> None:
    database = await Database.connect(f"sqlite:///{tmp_path / 'left.db'}")
    try:
        async with database.engine.connect() as connection, connection.begin():
            link = Link(connection)
            await connection.exec_driver_sql("COMMIT")  # behind SQLAlchemy's back
            with pytest.raises(InvalidRequestError):
                await link.run(_CLAIM["sqlite"], {"claimed_key": "k1", "now": NOW})
        assert not await _claimed(database, "k1")
    finally:
        await database.close()
