"""SQLite statements run on the event loop (storage.sqlite_driver), except when another process
holds the lock: then they wait in a worker thread and the event loop carries on."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from sqlalchemy import text

from storage import Database


async def test_a_write_waits_for_another_process_lock_off_the_event_loop(tmp_path: Path) -> None:
    file = tmp_path / "busy.db"
    db = await Database.connect(f"sqlite:///{file}")
    try:
        async with db.transaction() as tx:
            await tx.deliveries.claim("before")
        other = sqlite3.connect(file, isolation_level=None)  # as `infoshare chat` would
        other.execute("BEGIN IMMEDIATE")

        async def write() -> bool:
            async with db.transaction() as tx:
                return await tx.deliveries.claim("while-locked")

        waiting = asyncio.create_task(write())
        for _ in range(20):  # the event loop keeps turning while the write waits
            await asyncio.sleep(0)
        assert not waiting.done()
        other.execute("COMMIT")
        other.close()
        assert await asyncio.wait_for(waiting, 10)
        async with db.transaction() as tx:
            assert not await tx.deliveries.claim("while-locked")
    finally:
        await db.close()


async def test_statements_report_rows_counts_and_errors(tmp_path: Path) -> None:
    db = await Database.connect(f"sqlite:///{tmp_path / 'rows.db'}")
    try:
        async with db.engine.begin() as connection:
            await connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"))
            inserted = await connection.execute(text("INSERT INTO t (v) VALUES ('a'), ('b')"))
            assert inserted.rowcount == 2
            rows = (await connection.execute(text("SELECT v FROM t ORDER BY id"))).all()
            assert [r.v for r in rows] == ["a", "b"]
            changes = [{"v": "x", "id": 1}, {"v": "y", "id": 2}]
            many = await connection.execute(text("UPDATE t SET v = :v WHERE id = :id"), changes)
            assert many.rowcount == 2
        try:
            async with db.engine.begin() as connection:
                await connection.execute(text("SELECT * FROM missing"))
        except Exception as error:
            assert "no such table" in str(error)
        else:
            raise AssertionError("a bad statement should raise")
    finally:
        await db.close()


def test_extended_busy_codes_count_as_busy() -> None:
    from storage.sqlite_driver import _is_busy

    def error(code: int) -> sqlite3.OperationalError:
        failure = sqlite3.OperationalError("database is locked")
        failure.sqlite_errorcode = code
        return failure

    assert _is_busy(error(sqlite3.SQLITE_BUSY))
    assert _is_busy(error(517))  # SQLITE_BUSY_SNAPSHOT
    assert _is_busy(error(261))  # SQLITE_BUSY_RECOVERY
    assert not _is_busy(error(1555))  # a unique constraint (SQLITE_CONSTRAINT_PRIMARYKEY)
