"""A repository: one kind of record, read and written through the transaction's one session."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.columns import utc, utc_now

Row = TypeVar("Row", bound=SQLModel)


class Repository:
    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self._session = session
        self._dialect = dialect

    def _detach(self, row: Row) -> Row:
        # Rows handed out are plain snapshots: editing one never reaches the database
        # behind storage's back (no autoflush, no flush at commit); writes are explicit.
        self._session.expunge(row)
        return row

    @staticmethod
    def _moment(now: datetime | None) -> datetime:
        return utc_now() if now is None else utc(now)
