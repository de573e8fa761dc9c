"""A repository: one kind of record, read and written through the transaction's connection."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.engine import Transaction
from sqlalchemy.exc import InvalidRequestError, PendingRollbackError, ResourceClosedError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.columns import utc, utc_now
from storage.prepared import Outcome, Prepared, as_sqlalchemy_error, run_on_sqlite
from storage.sqlite_driver import InlineConnection

Row = TypeVar("Row", bound=SQLModel)


class Link:
    """One transaction's connection, and an ORM session on it made only when a repository asks
    for one. A click's statements (storage.dialogs, storage.deliveries) are Core on the
    connection: a session, its transaction and its greenlet hops cost more than they do.

    Made on a connection in a transaction; its statements run in that transaction only (or in
    the savepoint of `savepoint()` while it lasts), never in one begun on their own."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection
        begun = connection.sync_connection
        transaction = begun.get_transaction() if begun is not None else None
        if transaction is None:
            raise InvalidRequestError("a Link needs a connection in a transaction")
        self._transaction: Transaction = transaction  # or the savepoint of savepoint()
        self._session: AsyncSession | None = None
        self._sqlite: InlineConnection | None = None

    async def run(self, prepared: Prepared, parameters: Mapping[str, Any]) -> Outcome:
        """A prepared statement in this transaction: straight on SQLite's connection, through
        SQLAlchemy elsewhere."""
        self._refuse_if_ended()
        dialect = self.connection.dialect
        if dialect.name != "sqlite":
            result = await self.connection.execute(prepared.statement, parameters)
            if not result.returns_rows:
                return Outcome((), [], result.rowcount)
            return Outcome(tuple(result.keys()), [tuple(row) for row in result], result.rowcount)
        if self._sqlite is None:
            raw = await self.connection.get_raw_connection()
            assert isinstance(raw.driver_connection, InlineConnection)
            self._sqlite = raw.driver_connection
        compiled = prepared.compiled_for(dialect)
        try:
            work = run_on_sqlite(compiled, parameters)
        except Exception as error:  # a value its column's type refuses, a parameter missing
            raise as_sqlalchemy_error(compiled, error) from error
        try:
            return await self._sqlite.run(work)
        except sqlite3.Error as error:
            raise as_sqlalchemy_error(compiled, error) from error

    def _refuse_if_ended(self) -> None:
        """SQLite's connection, outside a transaction, commits each statement on its own: a
        statement after the transaction ended (rolled back by a failed flush, or committed)
        is refused, with the error SQLAlchemy's execution would raise."""
        if self.connection.closed:
            raise ResourceClosedError("This Connection is closed")
        if not self._transaction.is_active:
            if self._session is not None and not self._session.is_active:
                raise PendingRollbackError(
                    "This transaction was rolled back due to an earlier error (a failed "
                    "flush); complete the transaction before emitting further commands."
                )
            raise InvalidRequestError("This transaction is inactive")

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            # Joins the connection's transaction (or savepoint) and never commits it (Database
            # does); a failed flush rolls that back, and the session stays unusable.
            self._session = AsyncSession(
                bind=self.connection,
                expire_on_commit=False,
                autoflush=False,
                join_transaction_mode="rollback_only",
            )
        return self._session

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        """A savepoint with an ORM session of its own, for a rider (Database.along_with_next):
        its error, a failed flush included, rolls back the savepoint and its session's pending
        objects and leaves the transaction and its session as they were."""
        savepoint = await self.connection.begin_nested()
        assert savepoint.sync_transaction is not None  # begun
        outer, outer_session = self._transaction, self._session
        self._transaction, self._session = savepoint.sync_transaction, None
        try:
            try:
                yield
                await self.settle()
            except BaseException:
                await self.close()  # the rider's session, and what it has not flushed
                if savepoint.is_active:  # a failed flush has rolled it back already
                    await savepoint.rollback()
                raise
            await savepoint.commit()
        finally:
            self._transaction, self._session = outer, outer_session

    async def settle(self) -> None:
        """Before the commit (or a savepoint's release): the session's pending writes flushed
        (each repository flushes its own, so as a rule there are none) and the session closed.
        Refuses if the transaction was rolled back meanwhile (by a failed flush the caller
        caught): nothing would be committed, and riders would be told their writes were."""
        if self._session is not None:
            await self._session.flush()
        self._refuse_if_ended()
        await self.close()

    async def close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()  # leaves the connection's transaction alone


class Repository:
    def __init__(self, link: Link, dialect: str) -> None:
        self._link = link
        self._dialect = dialect

    @property
    def _session(self) -> AsyncSession:
        return self._link.session

    @property
    def _connection(self) -> AsyncConnection:
        return self._link.connection

    def _detach(self, row: Row) -> Row:
        # Rows handed out are plain snapshots: editing one never reaches the database
        # behind storage's back (no autoflush, no flush at commit); writes are explicit.
        self._session.expunge(row)
        return row

    @staticmethod
    def _moment(now: datetime | None) -> datetime:
        return utc_now() if now is None else utc(now)
