"""A repository: one kind of record, read and written through the transaction's connection."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.columns import utc, utc_now

Row = TypeVar("Row", bound=SQLModel)


class Link:
    """One transaction's connection, and an ORM session on it made only when a repository asks
    for one. A click's statements (storage.dialogs, storage.deliveries) are Core on the
    connection: a session, its transaction and its greenlet hops cost more than they do."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            # Joins the connection's transaction and never commits it (Database does);
            # no savepoints of its own, so a rider's savepoint stays the rider's.
            self._session = AsyncSession(
                bind=self.connection,
                expire_on_commit=False,
                autoflush=False,
                join_transaction_mode="rollback_only",
            )
        return self._session

    async def settle(self) -> None:
        """Before the commit: the session's pending writes flushed (each repository flushes
        its own, so as a rule there are none) and the session closed."""
        if self._session is not None:
            await self._session.flush()
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
