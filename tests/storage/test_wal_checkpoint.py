"""SQLite's write-ahead log is copied into the database file in a worker thread, never by a
commit on the event loop (storage.wal_checkpoint)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from storage import Database
from storage.database import WAL_SIZE_LIMIT_BYTES
from storage.wal_checkpoint import CHECKPOINT_EVERY_COMMITS


async def claim_many(db: Database, prefix: str, count: int) -> None:
    for n in range(count):
        async with db.transaction() as tx:
            assert await tx.deliveries.claim(f"{prefix}-{n}-" + "k" * 200)


async def test_the_engines_connections_never_checkpoint_at_a_commit(tmp_path: Path) -> None:
    db = await Database.connect(f"sqlite:///{tmp_path / 'auto.db'}")
    try:
        async with db.engine.connect() as connection:
            setting = (await connection.execute(text("PRAGMA wal_autocheckpoint"))).scalar()
        assert setting == 0
    finally:
        await db.close()


async def test_the_log_is_copied_into_the_file_in_the_background(tmp_path: Path) -> None:
    file = tmp_path / "copied.db"
    db = await Database.connect(f"sqlite:///{file}")
    try:
        assert db.checkpoints is not None
        await claim_many(db, "before", CHECKPOINT_EVERY_COMMITS - 1)
        assert not db.checkpoints.running
        size_before = file.stat().st_size
        await claim_many(db, "last", 1)
        assert db.checkpoints.running  # started by the commit, not run by it
        await db.checkpoints.idle()
        assert db.checkpoints.last is not None
        busy, frames, copied = db.checkpoints.last
        assert (busy, copied) == (0, frames) and frames > 0
        assert file.stat().st_size > size_before
        # Every claim is in the file itself: a copy of it without the log has them all.
        alone = tmp_path / "alone.db"
        alone.write_bytes(file.read_bytes())
        other = sqlite3.connect(alone)
        try:
            (count,) = other.execute("SELECT count(*) FROM slack_delivery").fetchone()
        finally:
            other.close()
        assert count == CHECKPOINT_EVERY_COMMITS
    finally:
        await db.close()


async def test_the_log_stays_small_under_back_to_back_commits(tmp_path: Path) -> None:
    # A checkpoint that ran while this process went on committing would never let the log
    # start again from its beginning: it would grow by every commit (about 18 KB each here).
    file = tmp_path / "steady.db"
    db = await Database.connect(f"sqlite:///{file}")
    try:
        await claim_many(db, "steady", 15 * CHECKPOINT_EVERY_COMMITS)
        log_size = Path(f"{file}-wal").stat().st_size
        assert log_size < 5 * 1024 * 1024, log_size
    finally:
        await db.close()


async def test_closing_copies_this_process_commits_while_another_keeps_the_file_open(
    tmp_path: Path,
) -> None:
    file = tmp_path / "shared.db"
    server = await Database.connect(f"sqlite:///{file}")  # keeps the file open, idle
    try:
        command = await Database.connect(f"sqlite:///{file}")  # as a CLI command would
        await claim_many(command, "command", 5)
        await command.close()
        alone = tmp_path / "alone.db"
        alone.write_bytes(file.read_bytes())
        other = sqlite3.connect(alone)
        try:
            (count,) = other.execute("SELECT count(*) FROM slack_delivery").fetchone()
        finally:
            other.close()
        assert count == 5
    finally:
        await server.close()


async def test_a_checkpoint_that_fails_is_logged_by_type_and_commits_go_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    file = tmp_path / "gone.db"
    db = await Database.connect(f"sqlite:///{file}")
    try:
        assert db.checkpoints is not None
        db.checkpoints.every = 1
        file.rename(tmp_path / "moved.db")  # its open connections still write to it
        with caplog.at_level(logging.WARNING, logger="storage.wal_checkpoint"):
            await claim_many(db, "after-move", 1)
            await db.checkpoints.idle()
        assert [r.getMessage() for r in caplog.records] == [
            "checkpoint of the write-ahead log failed: OperationalError"
        ]
        assert not file.exists()  # not made again, empty
        await claim_many(db, "still-writing", 2)
    finally:
        await db.close()


async def test_a_log_grown_by_one_large_transaction_is_cut_back(tmp_path: Path) -> None:
    file = tmp_path / "large.db"
    db = await Database.connect(f"sqlite:///{file}")
    try:
        async with db.engine.begin() as connection:
            await connection.execute(text("CREATE TABLE bulk (b BLOB)"))
            await connection.execute(text("INSERT INTO bulk VALUES (zeroblob(24 * 1024 * 1024))"))
        log = Path(f"{file}-wal")
        assert log.stat().st_size > 24 * 1024 * 1024
        await claim_many(db, "after", CHECKPOINT_EVERY_COMMITS + 1)  # a checkpoint, a restart
        assert db.checkpoints is not None
        await db.checkpoints.idle()
        await claim_many(db, "restarted", 1)
        assert log.stat().st_size <= WAL_SIZE_LIMIT_BYTES
    finally:
        await db.close()
