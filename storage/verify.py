"""Verifying the hash chain (storage.chain): recompute every link, oldest first, and name
the first one that does not hold. Reads in batches from one snapshot, so memory stays flat
however long the chain is."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

import storage.tables  # noqa: F401  (registers the tables)
from storage.chain import DECISION_FIELDS, GENESIS, REVIEW_FIELDS, chain_hash, content_of
from storage.database import Database
from storage.record_chain import HEAD_ID

BATCH = 1000
TABLES = SQLModel.metadata.tables


@dataclass(frozen=True)
class Verdict:
    """``problem`` is None when every link holds; otherwise it names the first broken one."""

    checked: int
    head_seq: int
    head_hash: str
    problem: str | None

    @property
    def intact(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class _Entry:
    seq: int
    kind: str
    label: str
    prev_hash: str
    row_hash: str
    content: dict[str, Any]


def _label(kind: str, row: Any) -> str:
    if kind == "decision":
        return f"decision {row['reference']} (id {row['id']}, chain seq {row['chain_seq']})"
    return f"review {row['id']} of decision id {row['decision_id']} (chain seq {row['chain_seq']})"


async def _entries(
    connection: AsyncConnection, table: Table, kind: str, fields: tuple[str, ...]
) -> AsyncIterator[_Entry]:
    """The table's rows in chain order, fetched a batch at a time (keyset pagination)."""
    after: int | None = None
    while True:
        query = select(table).order_by(table.c.chain_seq).limit(BATCH)
        if after is not None:
            query = query.where(table.c.chain_seq > after)
        rows = (await connection.execute(query)).mappings().all()
        for row in rows:
            yield _Entry(
                row["chain_seq"],
                kind,
                _label(kind, row),
                row["prev_hash"],
                row["row_hash"],
                content_of(row, fields),
            )
        if len(rows) < BATCH:
            return
        after = rows[-1]["chain_seq"]


async def _merged(connection: AsyncConnection) -> AsyncIterator[_Entry]:
    """Decisions and reviews interleaved by chain_seq."""
    decisions = _entries(connection, TABLES["decision"], "decision", DECISION_FIELDS)
    reviews = _entries(connection, TABLES["review"], "review", REVIEW_FIELDS)
    left = await anext(decisions, None)
    right = await anext(reviews, None)
    while left is not None or right is not None:
        if right is None or (left is not None and left.seq <= right.seq):
            assert left is not None
            yield left
            left = await anext(decisions, None)
        else:
            yield right
            right = await anext(reviews, None)


class _Gaps:
    """The runs of sequence numbers purges removed, consumed in order while walking."""

    def __init__(self, gaps: list[tuple[int, int, str]]) -> None:
        self._gaps = {first: (last, last_hash) for first, last, last_hash in gaps}

    def bridge(self, start: int, stop: int) -> str | None:
        """The hash a row at ``stop`` may chain from if purges removed exactly start..stop-1
        (several adjacent purges may cover it together); None if they did not."""
        seq, bridged = start, None
        while seq < stop:
            found = self._gaps.get(seq)
            if found is None:
                return None
            last, bridged = found
            seq = last + 1
        return bridged if seq == stop else None


async def verify_chain(db: Database) -> Verdict:
    async with db.snapshot() as connection:
        head = (
            (
                await connection.execute(
                    select(TABLES["chain_head"]).where(TABLES["chain_head"].c.id == HEAD_ID)
                )
            )
            .mappings()
            .one()
        )
        gap_table: Any = TABLES["chain_gap"]
        gaps = _Gaps(
            [
                tuple(row)
                for row in (
                    await connection.execute(
                        select(gap_table.c.first_seq, gap_table.c.last_seq, gap_table.c.last_hash)
                    )
                ).all()
            ]
        )
        return await _walk(_merged(connection), gaps, head["seq"], head["hash"])


async def _walk(
    entries: AsyncIterator[_Entry], gaps: _Gaps, head_seq: int, head_hash: str
) -> Verdict:
    checked, expected_seq, previous_hash = 0, 1, GENESIS

    def broken(problem: str) -> Verdict:
        return Verdict(checked, head_seq, head_hash, problem)

    async for entry in entries:
        if entry.seq < expected_seq:
            return broken(f"{entry.label} repeats or precedes an earlier place in the chain")
        if entry.seq > expected_seq:
            bridged = gaps.bridge(expected_seq, entry.seq)
            if bridged is None:
                missing = _span(expected_seq, entry.seq - 1)
                return broken(
                    f"chain {missing} missing without a logged purge (deleted?); "
                    f"the next record present is {entry.label}"
                )
            previous_hash = bridged
        if entry.prev_hash != previous_hash:
            return broken(
                f"{entry.label} does not chain from the record before it "
                "(that record or this link was rewritten)"
            )
        if chain_hash(previous_hash, entry.kind, entry.seq, entry.content) != entry.row_hash:
            return broken(f"{entry.label}: its contents do not match its hash (edited)")
        checked += 1
        expected_seq, previous_hash = entry.seq + 1, entry.row_hash
    if head_seq >= expected_seq:
        bridged = gaps.bridge(expected_seq, head_seq + 1)
        if bridged is None:
            return broken(
                f"chain {_span(expected_seq, head_seq)} missing without a logged purge "
                "(deleted?): the newest records"
            )
        previous_hash = bridged
    elif head_seq != expected_seq - 1:
        return broken("the chain head is behind the newest record (the head was rewritten)")
    if previous_hash != head_hash:
        return broken("the chain head does not match the newest record (rewritten?)")
    return Verdict(checked, head_seq, head_hash, None)


def _span(first: int, last: int) -> str:
    return f"seq {first} is" if first == last else f"seq {first} to {last} are"


async def check_anchor(db: Database, seq: int, expected_hash: str) -> str | None:
    """Compare the chain with a head recorded elsewhere earlier (the daily digest, a printout
    of `audit verify`): None if the link at ``seq`` still has ``expected_hash``, otherwise
    what is wrong. Run it after verify_chain passed: a chain rewritten from some row onwards
    verifies, but no longer passes through the anchored link."""
    async with db.snapshot() as connection:
        found = None
        for name in ("decision", "review"):
            table = TABLES[name]
            row = await connection.execute(select(table.c.row_hash).where(table.c.chain_seq == seq))
            found = row.scalar_one_or_none() if found is None else found
        if found is None:
            gap_table = TABLES["chain_gap"]
            gap = await connection.execute(
                select(gap_table.c.last_hash).where(gap_table.c.last_seq == seq)
            )
            found = gap.scalar_one_or_none()
            if found is None:
                head = await connection.execute(
                    select(TABLES["chain_head"].c.seq).where(TABLES["chain_head"].c.id == HEAD_ID)
                )
                if seq > head.scalar_one():
                    return (
                        f"the chain ends before the anchored seq {seq}: records were removed "
                        "and the chain rewritten"
                    )
                return f"seq {seq} was removed by a logged purge; the anchor cannot be checked"
    if found != expected_hash.lower():
        return (
            f"the record at chain seq {seq} no longer has the anchored hash: the chain was "
            "rewritten from there onwards"
        )
    return None
