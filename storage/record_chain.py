"""Appending to the hash chain (storage.chain) and reading its head."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import update
from sqlmodel import col, select

from storage.chain import chain_hash
from storage.repository import Repository
from storage.tables import ChainHead

HEAD_ID = 1


class Link(NamedTuple):
    seq: int
    prev_hash: str
    row_hash: str


@dataclass(frozen=True)
class ChainPosition:
    """The newest link: its sequence number and hash (0 and the genesis hash when empty)."""

    seq: int
    hash: str


class RecordChain(Repository):
    async def head(self) -> ChainPosition:
        """The chain's newest link, to anchor elsewhere (the daily digest)."""
        row = (await self._session.exec(select(ChainHead).where(ChainHead.id == HEAD_ID))).one()
        return ChainPosition(row.seq, row.hash)

    async def lock(self) -> ChainPosition:
        """Take the chain's lock until the transaction ends (PostgreSQL: a row lock on the
        head; SQLite: BEGIN IMMEDIATE already serialises writers)."""
        row = (
            await self._session.exec(
                select(col(ChainHead.seq), col(ChainHead.hash))
                .where(col(ChainHead.id) == HEAD_ID)
                .with_for_update()
            )
        ).one()
        return ChainPosition(row[0], row[1])

    async def append(self, kind: str, content: dict[str, Any]) -> Link:
        """The next link for a row of ``kind`` with ``content``; the caller inserts the row
        in this same transaction. Takes the lock if not already held."""
        position = await self.lock()
        seq = position.seq + 1
        row_hash = chain_hash(position.hash, kind, seq, content)
        await self._session.exec(
            update(ChainHead)
            .where(col(ChainHead.id) == HEAD_ID)
            .values(seq=seq, hash=row_hash)
            .execution_options(synchronize_session=False)
        )
        return Link(seq, position.hash, row_hash)
