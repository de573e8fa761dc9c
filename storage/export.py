"""Reading decisions for export: one consistent snapshot, fetched in batches (keyset
pagination), each decision with its derived review status. Only what an export may show
leaves here: no Slack user or team IDs, no dialog ids."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

import storage.tables  # noqa: F401  (registers the tables)
from storage.columns import utc
from storage.database import Database
from storage.reviews import status_from_kind, status_kind_by_decision
from storage.tables import ReviewStatus

BATCH = 500
_DECISION = SQLModel.metadata.tables["decision"]


@dataclass(frozen=True)
class ExportedDecision:
    reference: str
    created_at: datetime
    flow_id: str
    flow_version: int
    outcome: str
    path: list[Any]
    fields: dict[str, Any]
    review_status: ReviewStatus


class DecisionExport:
    """Decisions recorded in [since, until), oldest first."""

    def __init__(self, db: Database, since: datetime, until: datetime) -> None:
        if utc(until) <= utc(since):
            raise ValueError("the end of an export must come after its start")
        self._db = db
        self._since, self._until = utc(since), utc(until)

    @asynccontextmanager
    async def opened(self) -> AsyncIterator[tuple[int, AsyncIterator[ExportedDecision]]]:
        """(how many decisions, the decisions), both from one snapshot, open for the block."""
        async with self._db.snapshot() as connection:
            yield await self._count(connection), self._batches(connection)

    def _in_range(self) -> Any:
        created = _DECISION.c.created_at
        return and_(created >= self._since, created < self._until)

    async def _count(self, connection: AsyncConnection) -> int:
        query = select(func.count()).select_from(_DECISION).where(self._in_range())
        return int((await connection.execute(query)).scalar_one())

    async def _batches(self, connection: AsyncConnection) -> AsyncIterator[ExportedDecision]:
        kinds = status_kind_by_decision()
        decision = _DECISION.c
        after: tuple[datetime, int] | None = None
        while True:
            query = (
                select(
                    decision.id,
                    decision.reference,
                    decision.created_at,
                    decision.flow_id,
                    decision.flow_version,
                    decision.outcome,
                    decision.path,
                    decision.fields,
                    kinds.c.kind,
                )
                .outerjoin(kinds, kinds.c.decision_id == decision.id)
                .where(self._in_range())
                .order_by(decision.created_at, decision.id)
                .limit(BATCH)
            )
            if after is not None:
                moment, last_id = after
                query = query.where(
                    or_(
                        decision.created_at > moment,
                        and_(decision.created_at == moment, decision.id > last_id),
                    )
                )
            rows = (await connection.execute(query)).mappings().all()
            for row in rows:
                yield ExportedDecision(
                    reference=row["reference"],
                    created_at=row["created_at"],
                    flow_id=row["flow_id"],
                    flow_version=row["flow_version"],
                    outcome=row["outcome"],
                    path=row["path"],
                    fields=row["fields"],
                    review_status=status_from_kind(row["kind"]),
                )
            if len(rows) < BATCH:
                return
            after = (rows[-1]["created_at"], rows[-1]["id"])
