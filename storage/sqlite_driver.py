"""SQLite for the async engine, run on the event loop's own thread unless it must wait.

SQLAlchemy's aiosqlite adapter sends every statement to aiosqlite's thread in four round trips
(open a cursor, execute, fetch, close), each a wake-up of that thread, a wake-up of the event
loop and a contest for the GIL. Profiled under a burst (docs/benchmarks.md), those hand-offs
were a third of the server's busy time, and transactions run one at a time per process
(storage.database), so every click also waited for about twenty of them while holding the turn.

Here a statement runs at once, on the calling thread, with SQLite's busy timeout at zero: in WAL
mode, with this process's writers one at a time, a statement only has to wait when another
process holds the write lock (`infoshare chat`, a CLI command, a replica being replaced). Then
SQLite answers "busy" without having done anything, and the statement is run again in a worker
thread with the full busy timeout, so the event loop never blocks on a lock.

Used by passing ``module=inline_dbapi()`` to ``create_async_engine`` with a
``sqlite+aiosqlite://`` URL: SQL, types and pooling stay SQLAlchemy's aiosqlite dialect's.
"""

from __future__ import annotations

import asyncio
import collections
import sqlite3
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util.concurrency import await_

T = TypeVar("T")
_Outcome = tuple[Any, list[Any], int, int | None]  # description, rows, rowcount, lastrowid
DEFAULT_BUSY_TIMEOUT_SECONDS = 5.0


def _is_busy(error: sqlite3.OperationalError) -> bool:
    # The code is an extended one (SQLITE_BUSY_SNAPSHOT is 517, SQLITE_BUSY_RECOVERY 261): its
    # low byte is the primary code, as SQLite's own busy handler tests it.
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class InlineConnection:
    """What SQLAlchemy's aiosqlite adapter uses of an aiosqlite connection, without a thread.

    The sqlite3 connection is used by one thread at a time (the lock): the event loop's, or
    the worker waiting out another process's lock; a statement finding the worker still at
    it (its awaiting task was cancelled) waits in a worker thread too, and closing is left
    to the worker when it is busy."""

    def __init__(self, raw: sqlite3.Connection, busy_timeout: float) -> None:
        self._connection: sqlite3.Connection | None = raw
        self._busy_timeout_ms = int(busy_timeout * 1000)
        self._lock = threading.Lock()
        self._close_pending = False

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._connection is None:
            raise ValueError("no active connection")
        return self._connection

    async def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        if self._lock.acquire(blocking=False):
            try:
                return work(self._conn)
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    raise
            finally:
                self._lock.release()
        # Another process holds the lock: wait for it off the event loop. A statement that
        # got "busy" changed nothing, so running it again is safe.
        return await asyncio.to_thread(self._patiently, work)

    def _patiently(self, work: Callable[[sqlite3.Connection], T]) -> T:
        try:
            with self._lock:
                raw = self._conn
                raw.execute(f"PRAGMA busy_timeout = {self._busy_timeout_ms}")
                try:
                    return work(raw)
                finally:
                    raw.execute("PRAGMA busy_timeout = 0")
        finally:
            if self._close_pending:
                self._close_if_free()

    def _close_if_free(self) -> None:
        if self._lock.acquire(blocking=False):
            try:
                if self._connection is not None:
                    self._connection.close()
                    self._connection = None
            finally:
                self._lock.release()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    async def commit(self) -> None:
        await self.run(lambda raw: raw.commit())

    async def rollback(self) -> None:
        await self.run(lambda raw: raw.rollback())

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        self._close_pending = True  # a busy worker closes it when done
        self._close_if_free()


Work = Callable[[sqlite3.Connection], _Outcome]


def _statement(operation: str, parameters: Any, many: bool) -> Work:
    def run(raw: sqlite3.Connection) -> _Outcome:
        cursor = raw.cursor()
        try:
            if many:
                cursor.executemany(operation, parameters)
            elif parameters is None:
                cursor.execute(operation)
            else:
                cursor.execute(operation, parameters)
            description = cursor.description
            rows = cursor.fetchall() if description else []
            return description, rows, cursor.rowcount, cursor.lastrowid
        finally:
            cursor.close()

    return run


class InlineCursor(AsyncAdapt_aiosqlite_cursor):
    """Runs the whole statement (execute, rows, counts, close) in one call; keeps the results."""

    __slots__ = ("_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: AsyncAdapt_aiosqlite_connection) -> None:
        # Not the parent's __init__: it opens an aiosqlite cursor.
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = {}  # type: ignore[assignment]
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int:
        return self._lastrowid  # type: ignore[return-value]

    def close(self) -> None:
        self._rows.clear()

    async def _async_soft_close(self) -> None:
        return  # nothing stays open between statements

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        try:
            return await_(self._run(_statement(operation, parameters, many=False)))
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    def executemany(self, operation: Any, seq_of_parameters: Sequence[Any]) -> Any:
        try:
            return await_(self._run(_statement(operation, seq_of_parameters, many=True)))
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    async def _run(self, work: Callable[[sqlite3.Connection], _Outcome]) -> None:
        connection: InlineConnection = self._connection  # type: ignore[assignment]
        async with self._adapt_connection._execute_mutex:
            outcome = await connection.run(work)
        self._description, rows, self._rowcount, self._lastrowid = outcome
        self._rows = collections.deque(rows)


class InlineAdaptedConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()
    _cursor_cls = InlineCursor  # type: ignore[assignment]

    @property
    def isolation_level(self) -> str | None:
        return self._connection._conn.isolation_level

    @isolation_level.setter
    def isolation_level(self, value: str | None) -> None:
        self._connection._conn.isolation_level = value


class InlineDbapi(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> InlineAdaptedConnection:
        busy_timeout = float(kw.pop("timeout", DEFAULT_BUSY_TIMEOUT_SECONDS))
        kw["check_same_thread"] = False  # a busy statement is retried in a worker thread
        raw = sqlite3.connect(*arg, timeout=0, **kw)  # type: ignore[call-overload]
        inline: Any = InlineConnection(raw, busy_timeout)  # aiosqlite's shape, for the adapter
        return InlineAdaptedConnection(self, inline)


def inline_dbapi() -> InlineDbapi:
    return InlineDbapi(aiosqlite, sqlite3)
