"""Checkpoints of SQLite's write-ahead log, in a worker thread.

Statements run on the event loop's thread (storage.sqlite_driver), so SQLite's automatic
checkpoint, which the commit that takes the log past 1,000 pages runs, would copy the log into
the database file there and hold up every request meanwhile (about 20 ms each time on the test
machine, more on a slow disk). The engine's connections turn it off (storage.database); this
copies the log on a connection of its own, in a worker thread, after every ``every`` commits and
when the database is closed.

It holds the database's turn (storage.database: this process's transactions run one at a time)
while it copies. A checkpoint only copies the frames that were there when it began, and the log
starts again from its beginning only when one has copied all of them; with this process's
commits landing meanwhile, under steady load that would never happen and the log would grow for
as long as the load lasted. Holding the turn makes transactions wait for the copy (of about
``every`` commits' pages: a few milliseconds), but the event loop goes on serving everything
else. The checkpoint is passive: it never waits for another process's lock, and copies what no
reader still needs; the next one copies the rest.

Another process committing during the copy (a replica being replaced, a CLI command) or reading
an old snapshot (an export) keeps the log from starting again too, and then the log file grows
past ``LOG_SIZE_LIMIT_BYTES``. The next checkpoint then truncates it: it waits up to
``TRUNCATE_WAIT_MS`` for the other process's readers and writer (whose statements wait in their
own worker threads meanwhile), copies everything and empties the file, in the worker, so the
event loop never cuts a large file back (SQLite's journal_size_limit would, at a commit).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path

log = logging.getLogger(__name__)

CHECKPOINT_EVERY_COMMITS = 100
LOG_SIZE_LIMIT_BYTES = 8 * 1024 * 1024
TRUNCATE_WAIT_MS = 100
CLOSING_TIMEOUT_SECONDS = 5.0


class WalCheckpoints:
    """Counts this process's commits and checkpoints the log in the background."""

    def __init__(
        self,
        file: Path,
        turn: Callable[[], AbstractAsyncContextManager[None]],
        every: int = CHECKPOINT_EVERY_COMMITS,
    ) -> None:
        self.every = every
        self.last: tuple[int, int, int] | None = None  # SQLite's (busy, log frames, copied)
        self._file = file
        self._turn = turn
        self._commits = 0
        self._running: asyncio.Task[None] | None = None
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # the connection is used by one worker at a time
        self._closed = False
        self._shut = False  # closed for good: no worker may open the connection again

    @property
    def running(self) -> bool:
        return self._running is not None

    def committed(self) -> None:
        """Called after each commit; starts a checkpoint every `every` commits unless one
        is still running (the next commit after it ends starts the one it skipped)."""
        self._commits += 1
        if self._commits >= self.every and self._running is None and not self._closed:
            self._running = asyncio.get_running_loop().create_task(self._checkpoint())

    async def idle(self) -> None:
        """Wait for the running checkpoint, if any, to end."""
        if self._running is not None:
            await asyncio.shield(self._running)

    async def close(self) -> None:
        """The last checkpoint, of whatever this process committed since the one before:
        while another process keeps the file open, closing ours does not copy the log. It
        waits at most CLOSING_TIMEOUT_SECONDS for a turn (a transaction may be stuck)."""
        self._closed = True
        try:
            async with asyncio.timeout(CLOSING_TIMEOUT_SECONDS):
                await self.idle()
                if self._commits:
                    await self._checkpoint()
        except TimeoutError:
            log.warning("checkpoint of the write-ahead log at closing: no turn in time")
            if self._running is not None:
                self._running.cancel()
        finally:
            self._shut = True  # a worker still queued must not open it again
            # In a worker: one may still be copying, and the lock waits for it.
            await asyncio.to_thread(self._close_connection)

    async def _checkpoint(self) -> None:
        try:
            async with self._turn():
                self._commits = 0
                self.last = await asyncio.to_thread(self._copy_log)
        except (sqlite3.Error, OSError, TimeoutError) as error:
            # The next one tries again. The type only: SQLite's message may quote a path.
            log.warning("checkpoint of the write-ahead log failed: %s", type(error).__name__)
        finally:
            if asyncio.current_task() is self._running:
                self._running = None

    def _copy_log(self) -> tuple[int, int, int]:
        with self._lock:
            if self._shut:
                raise sqlite3.ProgrammingError("the checkpoints are closed")
            if self._connection is None:
                # mode=rw: a file deleted under us is not made again, empty. The busy timeout
                # is for a truncating checkpoint only: a passive one never waits.
                self._connection = sqlite3.connect(
                    self._file.as_uri() + "?mode=rw",
                    uri=True,
                    timeout=TRUNCATE_WAIT_MS / 1000,
                    isolation_level=None,
                    check_same_thread=False,
                )
            mode = "TRUNCATE" if self._log_size() > LOG_SIZE_LIMIT_BYTES else "PASSIVE"
            busy, frames, copied = self._connection.execute(
                f"PRAGMA wal_checkpoint({mode})"
            ).fetchone()
            return int(busy), int(frames), int(copied)

    def _log_size(self) -> int:
        try:
            return Path(f"{self._file}-wal").stat().st_size
        except FileNotFoundError:
            return 0

    def _close_connection(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
