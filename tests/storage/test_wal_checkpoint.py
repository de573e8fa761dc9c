"""SQLite's write-ahead log is copied into the database file in a worker thread, never by a
commit on the event loop (storage.wal_checkpoint)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import text

from storage import Database, wal_checkpoint
from storage.wal_checkpoint import CHECKPOINT_EVERY_COMMITS, LOG_SIZE_LIMIT_BYTES

ROOT = Path(__file__).resolve().parents[2]


async def claim_many(db: Database, prefix: str, count: int) -> None:
    for n in range(count):
        async with db.transaction() as tx:
            assert await tx.deliveries.claim(f"{prefix}-{n}-" + "k" * 200)


def claims_in_the_file_alone(file: Path, tmp_path: Path) -> int:
    """The claims in the database file itself: a copy of it without the log."""
    alone = tmp_path / "alone.db"
    alone.write_bytes(file.read_bytes())
    other = sqlite3.connect(alone)
    try:
        (count,) = other.execute("SELECT count(*) FROM slack_delivery").fetchone()
    finally:
        other.close()
    return int(count)


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
        assert claims_in_the_file_alone(file, tmp_path) == CHECKPOINT_EVERY_COMMITS
    finally:
        await db.close()


async def test_the_log_stays_small_under_back_to_back_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A checkpoint that ran while this process went on committing would never let the log
    # start again from its beginning: it would grow by every commit (about 18 KB each here).
    # No truncating here, which would hide that.
    monkeypatch.setattr(wal_checkpoint, "LOG_SIZE_LIMIT_BYTES", 1 << 40)
    file = tmp_path / "steady.db"
    db = await Database.connect(f"sqlite:///{file}")
    log = Path(f"{file}-wal")
    largest = 0
    try:
        for n in range(15 * CHECKPOINT_EVERY_COMMITS):
            await claim_many(db, f"steady-{n}", 1)
            largest = max(largest, log.stat().st_size)
        assert largest < 16 * 1024 * 1024, largest
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
        assert claims_in_the_file_alone(file, tmp_path) == 5
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


async def test_a_log_grown_past_its_limit_is_emptied_by_the_checkpoint(tmp_path: Path) -> None:
    file = tmp_path / "large.db"
    db = await Database.connect(f"sqlite:///{file}")
    try:
        async with db.engine.begin() as connection:
            await connection.execute(text("CREATE TABLE bulk (b BLOB)"))
            await connection.execute(text("INSERT INTO bulk VALUES (zeroblob(24 * 1024 * 1024))"))
        log = Path(f"{file}-wal")
        assert log.stat().st_size > LOG_SIZE_LIMIT_BYTES
        await claim_many(db, "after", CHECKPOINT_EVERY_COMMITS)
        assert db.checkpoints is not None
        await db.checkpoints.idle()
        # Emptied by the checkpoint in its worker, not by a later commit on the event loop.
        assert log.stat().st_size == 0
        assert db.checkpoints.last is not None and db.checkpoints.last[0] == 0
    finally:
        await db.close()


# Another process committing back to back, as a CLI command or a second replica would.
_OTHER_PROCESS = """
import asyncio, sys
from storage import Database

async def main(url, commits):
    db = await Database.connect(url)
    print("ready", flush=True)
    try:
        for n in range(commits):
            async with db.transaction() as tx:
                await tx.deliveries.claim(f"other-{n}-" + "k" * 200)
    finally:
        await db.close()

asyncio.run(main(sys.argv[1], int(sys.argv[2])))
"""


async def test_the_log_stays_bounded_while_another_process_commits_too(tmp_path: Path) -> None:
    # The other's commits land while this one copies, so the log never starts again by
    # itself; past its limit the checkpoint truncates it.
    file = tmp_path / "two.db"
    url = f"sqlite:///{file}"
    server = await Database.connect(url)
    other = await asyncio.create_subprocess_exec(
        sys.executable, "-c", _OTHER_PROCESS, url, str(60 * CHECKPOINT_EVERY_COMMITS),
        cwd=ROOT, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    log = Path(f"{file}-wal")
    largest = 0
    try:
        assert other.stdout is not None
        assert await other.stdout.readline() == b"ready\n"
        for n in range(30 * CHECKPOINT_EVERY_COMMITS):
            async with server.transaction() as tx:
                assert await tx.deliveries.claim(f"server-{n}-" + "k" * 200)
            largest = max(largest, log.stat().st_size)
        assert await other.wait() == 0
        assert largest < 3 * LOG_SIZE_LIMIT_BYTES, largest
    finally:
        if other.returncode is None:
            other.kill()
            await other.wait()
        await server.close()


async def test_closing_waits_for_a_turn_only_so_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(wal_checkpoint, "CLOSING_TIMEOUT_SECONDS", 0.2)
    db = await Database.connect(f"sqlite:///{tmp_path / 'stuck.db'}")
    await claim_many(db, "before", 1)  # something for the closing checkpoint to copy
    holding, release = asyncio.Event(), asyncio.Event()

    async def stuck() -> None:
        async with db.transaction():
            holding.set()
            await release.wait()

    transaction = asyncio.create_task(stuck())
    await holding.wait()
    with caplog.at_level(logging.WARNING, logger="storage.wal_checkpoint"):
        await asyncio.wait_for(db.close(), 10)  # not the turn's own two minutes
    assert [r.getMessage() for r in caplog.records] == [
        "checkpoint of the write-ahead log at closing did not end in time"
    ]
    release.set()
    await transaction


async def test_a_full_default_executor_does_not_hold_up_the_checkpoint(tmp_path: Path) -> None:
    # The anonymiser's jobs use the default executor; the checkpoint, holding the turn, must
    # not queue behind them.
    db = await Database.connect(f"sqlite:///{tmp_path / 'busy-pool.db'}")
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=2)
    loop.set_default_executor(pool)
    release = threading.Event()
    blocked = [loop.run_in_executor(None, release.wait) for _ in range(4)]
    try:
        assert db.checkpoints is not None
        await claim_many(db, "pool", CHECKPOINT_EVERY_COMMITS)
        await asyncio.wait_for(db.checkpoints.idle(), 10)
        assert db.checkpoints.last is not None and db.checkpoints.last[0] == 0
    finally:
        release.set()
        await asyncio.gather(*blocked)
        await db.close()
        pool.shutdown()


async def test_after_a_failed_checkpoint_the_next_waits_for_its_commits(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    file = tmp_path / "failing.db"
    db = await Database.connect(f"sqlite:///{file}")
    try:
        assert db.checkpoints is not None
        file.rename(tmp_path / "elsewhere.db")
        with caplog.at_level(logging.WARNING, logger="storage.wal_checkpoint"):
            for n in range(3 * CHECKPOINT_EVERY_COMMITS):
                await claim_many(db, f"failing-{n}", 1)
                await db.checkpoints.idle()
        assert len(caplog.records) == 3  # one every CHECKPOINT_EVERY_COMMITS, not every commit
    finally:
        await db.close()
