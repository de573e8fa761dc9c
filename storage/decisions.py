"""The decision log: append-only and pseudonymised (the practitioner's Slack user ID and
anonymised text), each decision with a per-year reference IS-YYYY-NNNN."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select

from storage.chain import DECISION_FIELDS, content_of
from storage.dialogs import compare_and_set
from storage.errors import DialogClosed
from storage.outbox import AuditOutboxQueue
from storage.record_chain import RecordChain
from storage.repository import Link, Repository
from storage.tables import (
    OPEN_DIALOG_STATUSES,
    Decision,
    DecisionReferenceCounter,
    DialogSession,
    DialogStatus,
)


def format_reference(year: int, number: int) -> str:
    return f"IS-{year}-{number:04d}"


def path_pairs(path: Sequence[Sequence[Any]]) -> list[list[str]]:
    pairs = [[str(step) for step in pair] for pair in path]
    if any(len(pair) != 2 for pair in pairs):
        raise ValueError("a decision path is a list of [node_id, answer] pairs")
    return pairs


class DecisionLog(Repository):
    def __init__(
        self, link: Link, dialect: str, outbox: AuditOutboxQueue, chain: RecordChain
    ) -> None:
        super().__init__(link, dialect)
        self._outbox = outbox  # every decision is queued for the audit channel as it is written
        self._chain = chain  # and takes its place in the hash chain

    # Deliberately no method changes a decision once written; the database refuses UPDATE,
    # REPLACE, TRUNCATE and unlogged DELETE as well (migrations 0001, 0002). The one way to
    # delete is a logged purge (storage.purge).

    async def record(
        self,
        dialog: DialogSession,
        outcome: str,
        path: Sequence[Sequence[Any]],
        fields: dict[str, Any],
        audit_channel: str,
        now: datetime | None = None,
    ) -> Decision:
        """Mark the dialog recorded (compare-and-set, so a double submit raises
        StaleDialog), allocate the reference, write the decision (chained: storage.chain) and
        its audit outbox row.
        ``fields`` must already be anonymised. The dialog's draft and name digests are
        cleared (compare_and_set forgets them for every ended dialog)."""
        if dialog.id is None or DialogStatus(dialog.status) not in OPEN_DIALOG_STATUSES:
            raise DialogClosed(dialog.id)
        if not audit_channel:
            raise ValueError("recording a decision needs the audit channel id")
        moment = self._moment(now)
        pairs = path_pairs(path)

        before = dialog.status
        dialog.status = DialogStatus.RECORDED
        try:
            await compare_and_set(self._link, dialog, moment)
        except Exception:
            dialog.status = before
            raise

        content: dict[str, Any] = dict(
            reference=await self._allocate_reference(moment.year),
            dialog_id=dialog.id,
            team_id=dialog.team_id,
            user_id=dialog.user_id,
            flow_id=dialog.flow_id,
            flow_version=dialog.flow_version,
            outcome=outcome,
            path=pairs,
            fields=fields,
            created_at=moment,
        )
        link = await self._chain.append("decision", content_of(content, DECISION_FIELDS))
        decision = Decision(
            **content, chain_seq=link.seq, prev_hash=link.prev_hash, row_hash=link.row_hash
        )
        self._session.add(decision)
        await self._session.flush()
        assert decision.id is not None
        await self._outbox.add(decision.id, audit_channel, moment)
        return self._detach(decision)

    async def _allocate_reference(self, year: int) -> str:
        """Next number for ``year``. The upsert locks the year's counter row until commit,
        so concurrent writers on PostgreSQL queue here and get consecutive numbers; a
        rolled-back transaction gives its number back."""
        dialect_insert = postgresql.insert if self._dialect == "postgresql" else sqlite.insert
        statement = (
            dialect_insert(DecisionReferenceCounter)
            .values(year=year, last_number=1)
            .on_conflict_do_update(
                index_elements=["year"],
                set_={"last_number": col(DecisionReferenceCounter.last_number) + 1},
            )
            .returning(col(DecisionReferenceCounter.last_number))
        )
        number = (await self._session.exec(statement)).scalar_one()
        return format_reference(year, number)

    async def for_user(
        self, team_id: str, user_id: str, limit: int = 10
    ) -> list[Decision]:
        """The user's most recent decisions, newest first."""
        found = await self._session.exec(
            select(Decision)
            .where(col(Decision.team_id) == team_id, col(Decision.user_id) == user_id)
            .order_by(col(Decision.created_at).desc(), col(Decision.id).desc())
            .limit(limit)
        )
        return [self._detach(decision) for decision in found.all()]

    async def by_reference(self, reference: str) -> Decision | None:
        found = await self._session.exec(
            select(Decision).where(col(Decision.reference) == reference.strip().upper())
        )
        decision = found.first()
        return None if decision is None else self._detach(decision)
