"""Sending the follow-up DMs queued with supervisors' reviews (storage.follow_ups), once each.

The audit poster calls `deliver_due` on each round, so a DM that Slack refused or that timed
out is tried again with backoff. After an answer that leaves it unknown whether Slack posted,
the DM's history is searched for the message's metadata before sending again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.core.services import Services
from bot.slack.audit_failures import classify, is_ambiguous
from bot.text.rendering import render
from storage.follow_ups import ClaimedNotice

log = logging.getLogger(__name__)

FOLLOW_UP_EVENT_TYPE = "infoshare_follow_up"
HISTORY_LIMIT = 200  # a DM gets few messages between two attempts


def follow_up_metadata(review_id: int) -> dict[str, Any]:
    return {"event_type": FOLLOW_UP_EVENT_TYPE, "event_payload": {"review": review_id}}


class FollowUpSender:
    def __init__(
        self,
        services: Services,
        client: AsyncWebClient,
        worker: str,
        lease: timedelta,
        backoff: Callable[[int], float],
    ) -> None:
        self._services = services
        self._client = client
        self._worker = worker
        self._lease = lease
        self._backoff = backoff

    async def deliver_due(self) -> float | None:
        """Send every follow-up DM due now; seconds until a retry is due, if one failed."""
        retry_in: float | None = None
        while True:
            async with self._services.db.transaction() as tx:
                claim = await tx.follow_ups.claim_next(
                    self._worker, self._services.clock(), self._lease
                )
            if claim is None:
                return retry_in
            wait = await self._deliver(claim)
            if wait is not None:
                retry_in = wait if retry_in is None else min(retry_in, wait)

    async def _deliver(self, claim: ClaimedNotice) -> float | None:
        notice, review, decision = claim.notice, claim.review, claim.decision
        try:
            if claim.abandoned or is_ambiguous(notice.last_error):
                found = await self._find(notice.user_id, notice.review_id, review.created_at)
                if found is not None:
                    await self._sent(claim, found)
                    return None
            words = render(
                "follow_up_dm.j2", reference=decision.reference, text=review.text or "",
                by=review.supervisor_id, at=review.created_at,
            )
            response = await self._client.chat_postMessage(
                channel=notice.user_id, text=words,
                metadata=follow_up_metadata(notice.review_id),
            )
        except Exception as error:  # classified: Slack's answer, the network or anything else
            failure = classify(error)
            # A failed search keeps the earlier doubt, so the next attempt searches again.
            code = notice.last_error if is_ambiguous(notice.last_error) else failure.code
            wait = failure.retry_after or self._backoff(notice.attempts)
            log.warning("follow-up message for %s failed (%s); retrying in %ss",
                        decision.reference, failure.code, round(wait, 1))
            async with self._services.db.transaction() as tx:
                await tx.follow_ups.mark_retry(
                    notice.review_id, self._worker, code or "slack_error", self._in(wait)
                )
            return wait
        await self._sent(claim, str(response.get("ts")))
        return None

    async def _find(self, user_id: str, review_id: int, since: datetime) -> str | None:
        opened = await self._client.conversations_open(users=user_id)
        channel = str((opened.get("channel") or {}).get("id"))
        page = await self._client.conversations_history(
            channel=channel, oldest=f"{since.timestamp() - 600:.6f}",
            include_all_metadata=True, limit=HISTORY_LIMIT,
        )
        for message in page.get("messages") or []:
            if message.get("metadata") == follow_up_metadata(review_id):
                return str(message.get("ts"))
        return None

    async def _sent(self, claim: ClaimedNotice, ts: str) -> None:
        async with self._services.db.transaction() as tx:
            await tx.follow_ups.mark_sent(claim.notice.review_id, self._worker, ts)
        log.info("follow-up message sent for %s", claim.decision.reference)

    def _in(self, seconds: float) -> datetime:
        return self._services.clock() + timedelta(seconds=seconds)
