"""advice_request: every change a compare-and-set that one caller wins; forgotten once its
dialog has ended."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from storage import Database
from storage.tables import AdviceRequest

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


async def _sent_request(db: Database, dialog_id: int, key: str = "ask:V1") -> AdviceRequest:
    values = {
        "dialog_id": dialog_id, "team_id": "T1", "user_id": "U1", "node": "advice",
        "answered": 1, "question_node": "q1", "question": "Is there a purpose?",
        "description": "[NAME] is scared to go home.", "urgency": "now",
    }  # fmt: skip
    async with db.transaction() as tx:
        draft = await tx.advice.draft(key, values, NOW)
        assert draft is not None and draft.id is not None
        assert await tx.advice.send(draft.id, NOW)
        assert not await tx.advice.send(draft.id, NOW)  # sent once
        # The same modal submitted again after sending changes nothing.
        assert await tx.advice.draft(key, values, NOW) is None
        sent = await tx.advice.get(draft.id)
    assert sent is not None
    return sent


async def test_an_announcement_is_claimed_by_one_caller(database: Database) -> None:
    request = await _sent_request(database, dialog_id=1)

    async def claim() -> bool:
        async with database.transaction() as tx:
            return await tx.advice.claim_announcement(request, NOW + timedelta(minutes=15))

    assert sorted(await asyncio.gather(claim(), claim())) == [False, True]
    async with database.transaction() as tx:
        assert await tx.advice.due_announcements(NOW + timedelta(minutes=14), 10) == []
        assert len(await tx.advice.due_announcements(NOW + timedelta(minutes=15), 10)) == 1


async def test_take_answer_and_choose_happen_once(database: Database) -> None:
    request = await _sent_request(database, dialog_id=1)
    assert request.id is not None
    async with database.transaction() as tx:
        assert await tx.advice.take(request.id, "U0LEAD1", NOW)
        assert not await tx.advice.take(request.id, "U0LEAD2", NOW)
        # Another lead cannot answer what one has taken; the lead who took it can, once.
        assert not await tx.advice.answer(request.id, "U0LEAD2", "advice", "yes", NOW)
        assert await tx.advice.answer(request.id, "U0LEAD1", "advice", "yes", NOW)
        assert not await tx.advice.answer(request.id, "U0LEAD1", "again", "no", NOW)
        assert not await tx.advice.withdraw(request.id, NOW)  # answered: too late
        assert await tx.advice.choose(request.id, "applied", NOW)
        assert not await tx.advice.choose(request.id, "kept", NOW)
        kept = await tx.advice.get(request.id)
    assert kept is not None
    assert (kept.answered_by, kept.advice, kept.choice) == ("U0LEAD1", "advice", "applied")
    assert kept.reply_due_at is not None  # the DM is queued with the answer


async def test_requests_of_ended_dialogs_are_forgotten(database: Database) -> None:
    async with database.transaction() as tx:
        dialog = await tx.dialogs.create("T1", "U1", "hm-gov-2018", 1, {}, NOW)
    assert dialog.id is not None
    await _sent_request(database, dialog_id=dialog.id, key="ask:open")
    await _sent_request(database, dialog_id=dialog.id + 1000, key="ask:gone")
    async with database.transaction() as tx:
        assert await tx.advice.forget_ended(NOW) == 0  # none asked before the cutoff
        assert await tx.advice.forget_ended(NOW + timedelta(days=1)) == 1
        (left,) = await tx.advice.for_dialog(dialog.id)
    assert left.request_key == "ask:open"
