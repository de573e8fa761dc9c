"""The async engine (SQLite via aiosqlite, PostgreSQL via asyncpg), migrations at
connect, and one transaction per user action."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from storage.repository import Link
from storage.sqlite_driver import InlineConnection, inline_dbapi
from storage.transaction import Tx
from storage.wal_checkpoint import WalCheckpoints

log = logging.getLogger(__name__)

DEFAULT_DATABASE_URL = "sqlite:///./infoshare.db"
SQLITE_BUSY_TIMEOUT_SECONDS = 15
PG_CONNECT_TIMEOUT_SECONDS = 10
PING_TIMEOUT_SECONDS = 5
# The connection pool: POOL_SIZE kept open, up to POOL_OVERFLOW more under load (SQLAlchemy's
# defaults), and how long a checkout may wait for one before it fails.
POOL_SIZE = 5
POOL_OVERFLOW = 10
POOL_TIMEOUT_SECONDS = 30.0
# How long a transaction may wait for its turn (see Database.transaction) before it fails.
TURN_TIMEOUT_SECONDS = 120.0
_SCHEMA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
_EXAMPLES = "postgresql://user@host:5432/dbname or sqlite:///./infoshare.db"


def normalise_database_url(url: str) -> str:
    """Give ``url`` the async driver: postgresql:// and postgres:// -> postgresql+asyncpg://,
    sqlite:/// -> sqlite+aiosqlite:///. Error messages never repeat the URL (it may hold a
    password)."""
    scheme, separator, rest = url.strip().partition("://")
    scheme = scheme.lower()
    if not separator or not rest:
        raise ValueError(f"DATABASE_URL is not a database URL; expected {_EXAMPLES}")
    if scheme in ("postgresql", "postgres", "postgresql+asyncpg"):
        return "postgresql+asyncpg://" + rest
    if scheme in ("sqlite", "sqlite+aiosqlite"):
        if not rest.startswith("/") or rest == "/" or ":memory:" in rest or "mode=memory" in rest:
            raise ValueError(
                "DATABASE_URL: SQLite needs a file (in-memory databases are not shared "
                "between connections), e.g. sqlite:///./infoshare.db"
            )
        return "sqlite+aiosqlite://" + rest
    raise ValueError(f"DATABASE_URL has the unsupported scheme {scheme!r}; expected {_EXAMPLES}")


def _split_schema(url: URL, schema: str | None) -> tuple[URL, str | None]:
    """The PostgreSQL schema comes from ``schema=`` or a ``?schema=`` URL parameter
    (so a DATABASE_URL alone can point a whole app at an isolated schema)."""
    in_url = url.query.get("schema")
    url = url.difference_update_query(["schema"])
    chosen = schema or (in_url if isinstance(in_url, str) else None)
    if chosen is None:
        return url, None
    if url.get_backend_name() != "postgresql":
        raise ValueError("DATABASE_URL: a schema can only be chosen on PostgreSQL")
    if not _SCHEMA_NAME.fullmatch(chosen):
        raise ValueError("DATABASE_URL: the schema must be a plain identifier")
    return url, chosen


# libpq's sslmode values, which asyncpg takes as its `ssl` argument.
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def _split_sslmode(url: URL) -> tuple[URL, str | None]:
    """``?sslmode=`` (libpq's name, common in hosted DATABASE_URLs) becomes asyncpg's ``ssl``;
    the driver would otherwise fail with a TypeError at the first connection."""
    given = url.query.get("sslmode")
    if given is None:
        return url, None
    url = url.difference_update_query(["sslmode"])
    if url.get_backend_name() != "postgresql":
        raise ValueError("DATABASE_URL: sslmode only applies to PostgreSQL")
    if not isinstance(given, str) or given not in SSL_MODES:
        raise ValueError(f"DATABASE_URL: sslmode must be one of {', '.join(SSL_MODES)}")
    return url, given


def _refuse_unknown_parameters(url: URL) -> None:
    if url.get_backend_name() == "postgresql" and url.query:
        names = ", ".join(sorted(url.query))
        raise ValueError(
            f"DATABASE_URL has parameters the bot does not use ({names}); "
            "it understands ?sslmode= and ?schema= only"
        )


def _create_engine(url: URL, schema: str | None, sslmode: str | None = None) -> AsyncEngine:
    if url.get_backend_name() == "postgresql":
        connect_args: dict[str, Any] = {"timeout": PG_CONNECT_TIMEOUT_SECONDS}
        if sslmode is not None:
            connect_args["ssl"] = sslmode
        if schema is not None:
            connect_args["server_settings"] = {"search_path": schema}
        return create_async_engine(
            url, pool_pre_ping=True, connect_args=connect_args, **_pool_arguments()
        )
    engine = create_async_engine(
        url,
        # Statements on the event loop's thread, not in aiosqlite's (storage.sqlite_driver);
        # the timeout is how long one may wait in a worker thread for another process's lock.
        module=inline_dbapi(),
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
        **_pool_arguments(),
    )
    event.listen(engine.sync_engine, "connect", _configure_sqlite_connection)
    event.listen(engine.sync_engine, "begin", _begin_sqlite_transaction)
    return engine


def _pool_arguments() -> dict[str, Any]:
    return {
        "pool_size": POOL_SIZE,
        "max_overflow": POOL_OVERFLOW,
        "pool_timeout": POOL_TIMEOUT_SECONDS,
    }


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, emit BEGIN (see _begin_sqlite_transaction).
    dbapi_connection.isolation_level = None
    # No busy_timeout here: the driver waits for a lock in a worker thread, not on the event
    # loop (storage.sqlite_driver), for the `timeout` given at connect.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    # Statements run on the event loop: checkpoints run in a worker (storage.wal_checkpoint).
    cursor.execute("PRAGMA wal_autocheckpoint = 0")
    cursor.close()


async def _enable_sqlite_wal(engine: AsyncEngine) -> None:
    """WAL lets readers work while one connection writes. It is stored in the file, so
    only a new file needs the switch; that needs an exclusive lock and SQLite answers
    "locked" at once (no busy wait) while another process is creating the same file, so
    retry for up to the busy timeout."""
    async with engine.connect() as connection:
        # The driver's own connection (storage.sqlite_driver): outside any transaction.
        driver = (await connection.get_raw_connection()).driver_connection
        assert isinstance(driver, InlineConnection)
        attempts = SQLITE_BUSY_TIMEOUT_SECONDS * 20
        for attempt in range(attempts):
            try:
                mode = await driver.run(_switch_to_wal)
                if mode is not None and str(mode[0]).lower() == "wal":
                    return
            except sqlite3.OperationalError:
                if attempt == attempts - 1:
                    raise
            await asyncio.sleep(0.05)
    raise RuntimeError("could not switch the SQLite database to WAL mode")


def _switch_to_wal(raw: sqlite3.Connection) -> Any:
    return raw.execute("PRAGMA journal_mode = WAL").fetchone()


READ_ONLY = "infoshare_read_only"


def _begin_sqlite_transaction(connection: Connection) -> None:
    # Take the write lock up front: a deferred transaction that reads and then writes
    # fails at once with SQLITE_BUSY if another connection wrote meanwhile, whereas
    # BEGIN IMMEDIATE waits (busy_timeout) and then sees the other's commit. A read-only
    # snapshot (Database.snapshot) never writes, so it leaves writers free.
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    def __init__(self, engine: AsyncEngine, sqlite_file: Path | None) -> None:
        self._engine = engine
        self._sqlite_file = sqlite_file
        self._closed = False
        # At most as many transactions at once as the pool has connections; the others wait
        # for a turn in arrival order. The pool's own queue lets a newcomer take a returned
        # connection ahead of a woken waiter, so in a burst some waiters lost every race
        # until the pool timeout failed them, and their clicks were lost. SQLite runs one
        # writer at a time (every transaction here begins IMMEDIATE) and its waiters poll, not
        # queue: under a burst some lost every poll for the whole busy_timeout and failed
        # ("database is locked"). So one at a time from this process, handed on in order;
        # busy_timeout is left to wait for another process.
        concurrent = 1 if sqlite_file is not None else POOL_SIZE + POOL_OVERFLOW
        self._turns = asyncio.Semaphore(concurrent)
        self._riders: list[_Rider] = []  # see along_with_next
        # SQLite's write-ahead log, copied into the file off the event loop.
        self.checkpoints = (
            WalCheckpoints(sqlite_file, lambda: _turn(self._turns))
            if sqlite_file is not None
            else None
        )

    @classmethod
    async def connect(cls, url: str | None, *, schema: str | None = None) -> Database:
        """Open the database at ``url`` (None: the default SQLite file) and migrate it to
        the newest schema. ``schema`` (PostgreSQL only) puts every table in that schema."""
        # Imported here: storage.migrate's env.py imports this module.
        from storage.migrate import upgrade_to_head

        parsed, chosen_schema = _split_schema(
            make_url(normalise_database_url(url or DEFAULT_DATABASE_URL)), schema
        )
        parsed, sslmode = _split_sslmode(parsed)
        _refuse_unknown_parameters(parsed)
        sqlite_file = None
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            sqlite_file = Path(parsed.database).resolve()
            sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        engine = _create_engine(parsed, chosen_schema, sslmode)
        try:
            if sqlite_file is not None:
                await _enable_sqlite_wal(engine)
            await upgrade_to_head(engine)
        except BaseException:
            await engine.dispose()
            raise
        log.info("database ready (%s)", parsed.get_backend_name())
        return cls(engine, sqlite_file)

    @property
    def engine(self) -> AsyncEngine:
        """For storage's own tooling and tests; everything else goes through transaction()."""
        return self._engine

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    async def ping(self) -> bool:
        """True iff the database answers a trivial query (for GET /healthz)."""
        if self._closed:
            return False
        if self._sqlite_file is not None and not self._sqlite_file.exists():
            return False  # deleted under us: writes would vanish with the last handle
        try:
            async with asyncio.timeout(PING_TIMEOUT_SECONDS), self._engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as error:  # any failure means "not healthy"; never raise here
            log.warning("database ping failed: %s", type(error).__name__)
            return False
        return True

    async def close(self) -> None:
        self._closed = True
        try:
            if self.checkpoints is not None:
                await self.checkpoints.close()
        finally:
            await self._engine.dispose()

    def transaction(self) -> AbstractAsyncContextManager[Tx]:
        """One connection and one transaction: commit when the block ends, roll back if it
        raises."""
        if self._closed:
            raise RuntimeError("the database is closed")
        return self._transaction()

    def snapshot(self) -> AbstractAsyncContextManager[AsyncConnection]:
        """A read-only connection that sees one consistent state of the database for as long
        as it is open, without holding up writers: for long reads such as verifying the
        hash chain and exporting (storage.verify, storage.export)."""
        if self._closed:
            raise RuntimeError("the database is closed")
        return _snapshot(self._engine)

    async def along_with_next(self, work: Callable[[Tx], Awaitable[bool]]) -> bool:
        """Run `work` at the start of the next transaction this process begins, and return
        what it returned once that transaction has committed; in a transaction of its own if
        none begins before its turn comes. For small writes that need not be a transaction
        each (where a step is shown, after every post): under a burst they ride along with
        the clicks queued ahead of them. A rider's error is its own: its savepoint is rolled back
        and the transaction it rides in goes on.
        SQLite only (one transaction at a time per process); on PostgreSQL, a transaction."""
        if self._closed:
            raise RuntimeError("the database is closed")
        if self._sqlite_file is None:
            # PostgreSQL runs transactions side by side, each locking the rows it writes: a
            # rider's row in another dialog's transaction could deadlock with that dialog's own.
            async with self.transaction() as tx:
                return await work(tx)
        rider = _Rider(work, asyncio.get_running_loop().create_future())
        self._riders.append(rider)
        async with _turn(self._turns):
            if not rider.done.done():  # nobody took it along: a transaction of its own
                async with self._begun(own=rider):
                    pass
        return rider.done.result()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[Tx]:
        async with _turn(self._turns), self._begun() as tx:
            yield tx

    @asynccontextmanager
    async def _begun(self, own: _Rider | None = None) -> AsyncIterator[Tx]:
        riders, self._riders = self._riders, []
        committed = False
        try:
            async with self._engine.connect() as connection:
                async with connection.begin():
                    link = Link(connection)
                    try:
                        tx = Tx(link, self.dialect)
                        if own is not None and riders == [own]:
                            # Its own transaction and nobody else's: no savepoint needed, its
                            # error is the transaction's.
                            results = [await own.work(tx)]
                        else:
                            results = [await _ride(rider, link, tx) for rider in riders]
                        yield tx
                        await link.settle()
                    finally:
                        await link.close()
                # Settled as soon as the commit is done: closing the connection can still be
                # cancelled, and a rider whose write was committed must not ride again.
                committed = True
                if self.checkpoints is not None:
                    self.checkpoints.committed()
                for rider, result in zip(riders, results, strict=True):
                    if not rider.done.done():
                        rider.done.set_result(result)
        except BaseException:
            if not committed:
                # Their writes went with the rollback: they go first in the next transaction
                # (but `own`, whose transaction this was, fails with it).
                self._riders[:0] = [r for r in riders if r is not own and not r.done.done()]
            raise


async def _ride(rider: _Rider, link: Link, tx: Tx) -> bool:
    """A rider's work in a savepoint (and ORM session) of its own: its error is its owner's,
    not the host's."""
    try:
        async with link.savepoint():
            return await rider.work(tx)
    except Exception as error:
        rider.done.set_exception(error)
        return False


@dataclass
class _Rider:
    work: Callable[[Tx], Awaitable[bool]]
    done: asyncio.Future[bool]


@asynccontextmanager
async def _snapshot(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execution_options(isolation_level="REPEATABLE READ")
            async with connection.begin():
                await connection.execute(text("SET TRANSACTION READ ONLY"))
                yield connection
            return
        await connection.execution_options(**{READ_ONLY: True})
        async with connection.begin():
            yield connection


@asynccontextmanager
async def _turn(turns: asyncio.Semaphore) -> AsyncIterator[None]:
    """A place among the transactions running at once (asyncio.Semaphore serves waiters in
    arrival order)."""
    async with asyncio.timeout(TURN_TIMEOUT_SECONDS):
        await turns.acquire()
    try:
        yield
    finally:
        turns.release()
