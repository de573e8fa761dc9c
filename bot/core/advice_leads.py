"""The leads' side of an advice request: take it, answer it (anonymised; the answer's DM to
the practitioner is queued with it). Who is a lead is the adapter's check."""

from __future__ import annotations

import asyncio
import logging

from bot.core.advice import (
    ADVICE_LIMIT,
    ANONYMISE_SECONDS,
    AdviceRefusal,
    Changed,
    Stage,
    Suggestion,
    stage_of,
)
from bot.core.services import Services
from storage.tables import AdviceRequest

log = logging.getLogger(__name__)


async def take(
    services: Services, team: str, adviser: str, request_id: int
) -> Changed | AdviceRefusal:
    async with services.db.transaction() as tx:
        request = await tx.advice.get(request_id)
        refusal = _adviser_may_act(request, team, adviser)
        if refusal is not None:
            return refusal
        assert request is not None
        if request.taken_by == adviser:
            return Changed(request, created=False)
        created = await tx.advice.take(request_id, adviser, services.clock())
        request = await tx.advice.get(request_id)
    assert request is not None
    return Changed(request, created)


def _adviser_may_act(
    request: AdviceRequest | None, team: str, adviser: str
) -> AdviceRefusal | None:
    if request is None or request.team_id != team or request.sent_at is None:
        return AdviceRefusal.NO_REQUEST
    stage = stage_of(request)
    if stage is Stage.WITHDRAWN:
        return AdviceRefusal.WITHDRAWN
    if stage is Stage.ANSWERED:
        return AdviceRefusal.ANSWERED
    if request.taken_by not in (None, adviser):
        return AdviceRefusal.TAKEN_BY_OTHER
    return None


async def may_answer(
    services: Services, team: str, adviser: str, request_id: int
) -> AdviceRequest | AdviceRefusal:
    async with services.db.transaction() as tx:
        request = await tx.advice.get(request_id)
    refusal = _adviser_may_act(request, team, adviser)
    if refusal is not None:
        return refusal
    assert request is not None
    return request


async def answer(
    services: Services,
    team: str,
    adviser: str,
    request_id: int,
    text: str,
    suggestion: Suggestion,
) -> Changed | AdviceRefusal:
    """The adviser's answer, anonymised; its DM to the practitioner is queued with it."""
    if not text.strip():
        return AdviceRefusal.EMPTY
    refusal = await may_answer(services, team, adviser, request_id)
    if isinstance(refusal, AdviceRefusal):
        if refusal is AdviceRefusal.ANSWERED:
            async with services.db.transaction() as tx:
                request = await tx.advice.get(request_id)
            if request is not None and request.answered_by == adviser:
                return Changed(request, created=False)  # the same modal submitted twice
        return refusal
    work = asyncio.to_thread(services.anonymiser.anonymise, text.strip()[:ADVICE_LIMIT])
    try:
        anonymised = await asyncio.wait_for(work, ANONYMISE_SECONDS)
    except TimeoutError:
        log.warning("anonymising advice took over %s s; nothing was kept", ANONYMISE_SECONDS)
        return AdviceRefusal.NOT_ANONYMISED
    async with services.db.transaction() as tx:
        created = await tx.advice.answer(
            request_id, adviser, anonymised.text, suggestion.value, services.clock()
        )
        request = await tx.advice.get(request_id)
    assert request is not None
    if not created:
        return Changed(request, False) if request.answered_by == adviser else (
            AdviceRefusal.ANSWERED
        )
    services.advice_due.set()
    return Changed(request, True, anonymised.removed_summary())
