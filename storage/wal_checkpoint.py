"""Checkpoints of SQLite's write-ahead log, in a thread of their own.

Statements run on the event loop's thread (storage.sqlite_driver), so SQLite's automatic
checkpoint, which the commit that takes the log past 1,000 pages runs, would copy the log into
the database file there and hold up every request meanwhile (about 20 ms each time on the test
machine, more on a slow disk). The engine's connections turn it off (storage.database); this
copies the log on a connection of its own, in a thread of its own (not the default executor,
which the anonymiser's slow jobs may fill), after every ``every`` commits and at closing.

A checkpoint copies only the frames there when it began, and the log starts again from its
beginning only once one has copied all of them; with this process's commits landing meanwhile,
under steady load that would never happen and the log would grow for as long as the load
lasted. So each checkpoint is two copies: the bulk while transactions go on, then what they
added, holding the database's turn (storage.database: this process's transactions run one at a
time), which makes transactions wait a moment but leaves the event loop free for everything
else. Both are passive: they never wait for another process's lock, and leave what a reader
still needs for the next one.

Another process committing during the copy (a replica being replaced, a CLI command) or reading
an old snapshot (an export) keeps the log from starting again too, and its file grows past
``LOG_SIZE_LIMIT_BYTES``. The second copy then truncates it instead: it waits up to
``TRUNCATE_WAIT_MS`` for the other process (whose statements wait in their own worker threads
meanwhile), copies everything and empties the file, off the event loop (SQLite's
journal_size_limit would cut the file back at a commit, on it). If the other process is still
reading, it waits at most once every ``TRUNCATE_RETRY_SECONDS``; the attempts between do not wait.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager
from pathlib import Path

log = logging.getLogger(__name__)

CHECKPOINT_EVERY_COMMITS = 100
LOG_SIZE_LIMIT_BYTES = 8 * 1024 * 1024
TRUNCATE_WAIT_MS = 100
TRUNCATE_RETRY_SECONDS = 30.0
CLOSING_TIMEOUT_SECONDS = 5.0

Outcome = tuple[int, int, int]  # SQLite's (busy, frames in the log, frames copied)


class WalCheckpoints:
    """Counts this process's commits and checkpoints the log in the background."""

    def __init__(
        self,
        file: Path,
        turn: Callable[[], AbstractAsyncContextManager[None]],
        every: int = CHECKPOINT_EVERY_COMMITS,
    ) -> None:
        self.every = every
        self.last: Outcome | None = None
        self._file = file
        self._turn = turn
        self._commits = 0
        # Whether the last checkpoint left nothing behind; not at first, as migrations and
        # other writes outside Database.transaction() are not counted.
        self._copied_all = False
        self._running: asyncio.Task[None] | None = None
        # One thread: copies, and closing the connection, run one at a time, in order.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wal-checkpoint")
        self._connection: sqlite3.Connection | None = None  # used in that thread only
        self._truncate_may_wait_at = 0.0  # time.monotonic()
        self._closed = False
        self._closing: asyncio.Future[None] | None = None

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
        """The last checkpoint, of what this process committed since the last complete one:
        while another process keeps the file open, closing ours does not copy the log. At
        most CLOSING_TIMEOUT_SECONDS (a transaction may hold the turn, a copy may be slow).
        A second call waits for the first."""
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._close())
        await asyncio.shield(self._closing)

    async def _close(self) -> None:
        self._closed = True
        try:
            async with asyncio.timeout(CLOSING_TIMEOUT_SECONDS):
                await self.idle()
                if self._commits or not self._copied_all:
                    await self._checkpoint()
        except TimeoutError:
            log.warning("checkpoint of the write-ahead log at closing did not end in time")
        finally:
            if self._running is not None:
                self._running.cancel()
            # After any copy still under way, in its thread; not waited for.
            self._thread.submit(self._close_connection)
            self._thread.shutdown(wait=False)

    async def _checkpoint(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._thread, self._copy, False)
            async with self._turn():
                self._commits = 0
                self.last = await loop.run_in_executor(self._thread, self._copy, True)
            busy, frames, copied = self.last
            self._copied_all = busy == 0 and copied == frames
        except (sqlite3.Error, OSError, TimeoutError) as error:
            self._commits = 0  # not at every commit from now on
            self._copied_all = False
            # The next one tries again. The type only: SQLite's message may quote a path.
            log.warning("checkpoint of the write-ahead log failed: %s", type(error).__name__)
        finally:
            if asyncio.current_task() is self._running:
                self._running = None

    def _copy(self, holding_the_turn: bool) -> Outcome:
        if self._connection is None:
            # mode=rw: a file deleted under us is not made again, empty.
            self._connection = sqlite3.connect(
                self._file.as_uri() + "?mode=rw",
                uri=True,
                timeout=0,
                isolation_level=None,
                check_same_thread=False,
            )
        if not holding_the_turn or self._log_size() <= LOG_SIZE_LIMIT_BYTES:
            return self._run("PRAGMA wal_checkpoint(PASSIVE)")
        now = time.monotonic()
        wait_ms = TRUNCATE_WAIT_MS if now >= self._truncate_may_wait_at else 0
        self._connection.execute(f"PRAGMA busy_timeout = {wait_ms}")
        outcome = self._run("PRAGMA wal_checkpoint(TRUNCATE)")
        if outcome[0] and wait_ms:  # another process still reads or writes: wait less often
            self._truncate_may_wait_at = now + TRUNCATE_RETRY_SECONDS
        return outcome

    def _run(self, pragma: str) -> Outcome:
        assert self._connection is not None
        busy, frames, copied = self._connection.execute(pragma).fetchone()
        return int(busy), int(frames), int(copied)

    def _log_size(self) -> int:
        try:
            return Path(f"{self._file}-wal").stat().st_size
        except FileNotFoundError:
            return 0

    def _close_connection(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
