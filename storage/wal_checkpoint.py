"""Checkpoints of SQLite's write-ahead log, in a worker thread.

Statements run on the event loop's thread (storage.sqlite_driver), so SQLite's automatic
checkpoint, which the commit that takes the log past 1,000 pages runs, would copy the log into
the database file there and hold up every request meanwhile (about 20 ms each time on the test
machine, more on a slow disk). The engine's connections turn it off (storage.database), and this
runs a passive checkpoint on a connection of its own, in a worker thread, after every
``every`` commits: it never waits for a lock, copies what no reader still needs, and the next
one copies the rest. SQLite still checkpoints when the last connection closes.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

CHECKPOINT_EVERY_COMMITS = 100


class WalCheckpoints:
    """Counts this process's commits and checkpoints the log in the background."""

    def __init__(self, file: Path, every: int = CHECKPOINT_EVERY_COMMITS) -> None:
        self.every = every
        self.last: tuple[int, int, int] | None = None  # SQLite's (busy, log frames, copied)
        self._file = file
        self._commits = 0
        self._running: asyncio.Task[None] | None = None
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # the connection is used by one worker at a time

    @property
    def running(self) -> bool:
        return self._running is not None

    def committed(self) -> None:
        """Called after each commit; starts a checkpoint every `every` commits unless one
        is still running (the next commit after it ends starts the one it skipped)."""
        self._commits += 1
        if self._commits >= self.every and self._running is None:
            self._commits = 0
            self._running = asyncio.get_running_loop().create_task(self._checkpoint())

    async def idle(self) -> None:
        """Wait for the running checkpoint, if any, to end."""
        if self._running is not None:
            await asyncio.shield(self._running)

    async def close(self) -> None:
        await self.idle()
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    async def _checkpoint(self) -> None:
        try:
            self.last = await asyncio.to_thread(self._passive_checkpoint)
        except (sqlite3.Error, OSError) as error:
            # The next one tries again; SQLite's message may quote a path, not the type.
            log.warning("WAL checkpoint failed: %s", type(error).__name__)
        finally:
            self._running = None

    def _passive_checkpoint(self) -> tuple[int, int, int]:
        with self._lock:
            if self._connection is None:
                # mode=rw: a file deleted under us is not made again, empty. A passive
                # checkpoint never calls the busy handler, so there is no timeout to set.
                self._connection = sqlite3.connect(
                    self._file.as_uri() + "?mode=rw",
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                )
            busy, frames, copied = self._connection.execute(
                "PRAGMA wal_checkpoint(PASSIVE)"
            ).fetchone()
            return int(busy), int(frames), int(copied)
