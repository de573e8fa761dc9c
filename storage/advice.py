"""Advice requests to a safeguarding lead (`advice_request`). Every change is a
compare-and-set on the row, so a double click, a retried delivery or two replicas acting at
once change it once: the caller learns whether it was this call that did."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, update
from sqlmodel import col, select

from storage.columns import utc
from storage.repository import Repository
from storage.tables import OPEN_DIALOG_STATUSES, AdviceRequest, DialogSession

R = AdviceRequest


def _sent_and_open() -> list[ColumnElement[bool]]:
    return [
        col(R.sent_at).is_not(None),
        col(R.withdrawn_at).is_(None),
        col(R.answered_at).is_(None),
    ]


class AdviceRequests(Repository):
    async def draft(self, key: str, values: dict[str, Any], now: datetime) -> AdviceRequest | None:
        """The draft of one ask modal (`key`): created, or edited if it is still a draft;
        None if that modal's request was already sent."""
        found = (await self._session.exec(select(R).where(col(R.request_key) == key))).first()
        if found is not None:
            if found.sent_at is not None:
                return None
            for name, value in values.items():
                setattr(found, name, value)
            await self._session.flush()
            return self._detach(found)
        row = R(request_key=key, created_at=utc(now), announcements=0, **values)
        self._session.add(row)
        await self._session.flush()
        return self._detach(row)

    async def get(self, request_id: int) -> AdviceRequest | None:
        found = await self._session.get(R, request_id)
        return None if found is None else self._detach(found)

    async def _change(self, request_id: int, where: list[Any], **values: Any) -> bool:
        changed = await self._session.exec(
            update(R)
            .where(col(R.id) == request_id, *where)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return bool(changed.rowcount)

    async def send(self, request_id: int, now: datetime) -> bool:
        """The practitioner confirmed the preview: announce it now."""
        moment = utc(now)
        return await self._change(
            request_id, [col(R.sent_at).is_(None)], sent_at=moment, announce_due_at=moment
        )

    async def due_announcements(self, now: datetime, limit: int) -> list[AdviceRequest]:
        rows = await self._session.exec(
            select(R)
            .where(
                col(R.announce_due_at) <= utc(now), col(R.taken_by).is_(None), *_sent_and_open()
            )
            .order_by(col(R.announce_due_at), col(R.id))
            .limit(limit)
        )
        return [self._detach(row) for row in rows.all()]

    async def claim_announcement(self, request: AdviceRequest, next_due: datetime) -> bool:
        """True for exactly one caller: the announcement due at `request.announce_due_at`
        moves on to `next_due` (still untaken and open)."""
        assert request.id is not None and request.announce_due_at is not None
        return await self._change(
            request.id,
            [
                col(R.announce_due_at) == utc(request.announce_due_at),
                col(R.taken_by).is_(None),
                *_sent_and_open(),
            ],
            announce_due_at=utc(next_due),
            announcements=R.announcements + 1,
        )

    async def release_announcement(self, request_id: int, claimed: datetime, due: datetime) -> None:
        """The announcement could not be posted: due again at `due` (the claim is given back)."""
        await self._change(
            request_id,
            [col(R.announce_due_at) == utc(claimed)],
            announce_due_at=utc(due),
            announcements=R.announcements - 1,
        )

    async def mark_posted(self, request_id: int, channel: str, ts: str) -> None:
        await self._change(request_id, [], channel_id=channel, post_ts=ts)

    async def take(self, request_id: int, adviser: str, now: datetime) -> bool:
        return await self._change(
            request_id,
            [col(R.taken_by).is_(None), *_sent_and_open()],
            taken_by=adviser,
            taken_at=utc(now),
        )

    async def answer(
        self, request_id: int, adviser: str, advice: str, suggestion: str, now: datetime
    ) -> bool:
        """The adviser's answer (taking the request if nobody had), its DM to the
        practitioner queued in the same write."""
        moment = utc(now)
        base = [*_sent_and_open()]
        untaken = await self._change(
            request_id,
            [*base, col(R.taken_by).is_(None)],
            taken_by=adviser, taken_at=moment, answered_by=adviser, answered_at=moment,
            advice=advice, suggestion=suggestion, reply_due_at=moment,
        )  # fmt: skip
        if untaken:
            return True
        return await self._change(
            request_id,
            [*base, col(R.taken_by) == adviser],
            answered_by=adviser, answered_at=moment, advice=advice, suggestion=suggestion,
            reply_due_at=moment,
        )  # fmt: skip

    async def due_replies(self, now: datetime, limit: int) -> list[AdviceRequest]:
        rows = await self._session.exec(
            select(R)
            .where(col(R.reply_due_at) <= utc(now), col(R.reply_ts).is_(None))
            .order_by(col(R.reply_due_at), col(R.id))
            .limit(limit)
        )
        return [self._detach(row) for row in rows.all()]

    async def claim_reply(self, request: AdviceRequest, until: datetime) -> bool:
        """True for exactly one caller: the reply due at `request.reply_due_at` is this
        caller's to send until `until` (then it is due again)."""
        assert request.id is not None and request.reply_due_at is not None
        return await self._change(
            request.id,
            [col(R.reply_due_at) == utc(request.reply_due_at), col(R.reply_ts).is_(None)],
            reply_due_at=utc(until),
        )

    async def mark_replied(self, request_id: int, ts: str) -> None:
        await self._change(request_id, [col(R.reply_ts).is_(None)], reply_ts=ts)

    async def retry_reply(self, request_id: int, claimed: datetime, at: datetime) -> None:
        await self._change(
            request_id, [col(R.reply_due_at) == utc(claimed)], reply_due_at=utc(at)
        )

    async def choose(self, request_id: int, choice: str, now: datetime) -> bool:
        return await self._change(
            request_id,
            [col(R.answered_at).is_not(None), col(R.chosen_at).is_(None)],
            choice=choice,
            chosen_at=utc(now),
        )

    async def withdraw(self, request_id: int, now: datetime) -> bool:
        return await self._change(request_id, _sent_and_open(), withdrawn_at=utc(now))

    async def withdraw_open(self, dialog_id: int, now: datetime) -> int:
        """Every request of a dialog still waiting for an answer is no longer needed."""
        changed = await self._session.exec(
            update(R)
            .where(col(R.dialog_id) == dialog_id, *_sent_and_open())
            .values(withdrawn_at=utc(now))
            .execution_options(synchronize_session=False)
        )
        return int(changed.rowcount or 0)

    async def for_dialog(self, dialog_id: int) -> list[AdviceRequest]:
        """The requests sent from one dialog, oldest first."""
        rows = await self._session.exec(
            select(R)
            .where(col(R.dialog_id) == dialog_id, col(R.sent_at).is_not(None))
            .order_by(col(R.id))
        )
        return [self._detach(row) for row in rows.all()]

    async def open_for(self, team: str, user: str | None, limit: int) -> list[AdviceRequest]:
        """Requests still waiting for an answer: one practitioner's, or everyone's (None)."""
        query = select(R).where(col(R.team_id) == team, *_sent_and_open())
        if user is not None:
            query = query.where(col(R.user_id) == user)
        rows = await self._session.exec(query.order_by(col(R.id)).limit(limit))
        return [self._detach(row) for row in rows.all()]

    async def forget_ended(self, before: datetime) -> int:
        """Requests asked before `before` from dialogs no longer open (recorded: the decision
        keeps its copy; abandoned or removed: nothing is kept); how many went."""
        still_open = select(DialogSession.id).where(
            col(DialogSession.status).in_(OPEN_DIALOG_STATUSES)
        )
        gone = await self._session.exec(
            delete(R).where(
                col(R.created_at) < utc(before),
                col(R.dialog_id).not_in(still_open),
            )
        )
        return int(gone.rowcount or 0)
