"""Posting recorded decisions from the outbox to the audit channel, exactly once each.

One row at a time, under a lease renewed before every Slack call (a call takes at most the
client's timeout), so no other replica can take a row over while it is being posted. After an
answer that leaves it unknown whether Slack posted (a timeout, a dropped connection, a 5xx),
the channel's history is searched for the post's metadata before posting again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk.web.async_client import AsyncWebClient

from bot.core.services import Services
from bot.slack import metrics
from bot.slack.audit import audit_message, posted_reference
from bot.slack.audit_failures import Failure, FailureKind, classify, is_ambiguous
from bot.slack.follow_up_poster import FollowUpSender
from bot.text.rendering import render
from storage import AuditOutbox, Decision
from storage.outbox import ClaimedPost

log = logging.getLogger(__name__)

HISTORY_PAGES = 20  # 200 messages a page: far more than a channel gets between two attempts


class _TakenOver(Exception):
    """This worker's claim on a row lapsed and another worker holds it now."""


@dataclass(frozen=True)
class PosterTimings:
    """Every interval the poster uses, in seconds; tests shorten them."""

    client_timeout: float = 30.0  # slack_sdk's default: the longest one Slack call may take
    lease: float = 90.0  # renewed before each Slack call, so longer than one call
    channel_recheck: float = 60.0  # an unavailable audit channel is tried again this often
    idle_check: float = 30.0  # a look at the outbox when nothing wakes the poster
    outage_retry: float = 5.0  # after the database failed
    first_backoff: float = 1.0
    max_backoff: float = 600.0
    history_margin: float = 600.0  # searched before the row was created, for clock skew


def poster_client(token: str, api_url: str, timings: PosterTimings) -> AsyncWebClient:
    """The poster's own client: no automatic retries, since a blind retry of a post that
    may have gone through is exactly the duplicate this module exists to prevent."""
    return AsyncWebClient(
        token=token,
        base_url=api_url,
        timeout=timings.client_timeout,  # type: ignore[arg-type]  # aiohttp takes any seconds
        retry_handlers=[],
    )


class AuditPoster:
    """Posts each recorded decision's summary once, retrying with backoff until delivered."""

    def __init__(
        self, services: Services, client: AsyncWebClient, timings: PosterTimings | None = None
    ) -> None:
        self._services = services
        self._client = client
        self._timings = timings or PosterTimings()
        self._worker = f"{socket.gethostname()[:32]}-{os.getpid()}-{secrets.token_hex(4)}"
        self._recheck_at = 0.0
        self._stopping = False
        self._follow_ups = FollowUpSender(
            services, client, self._worker, self._lease(), self._backoff
        )
        #: Why the audit channel cannot take posts now (a Slack error code), or None.
        self.channel_problem: str | None = None

    def stop_soon(self) -> None:
        """Finish the row in hand (its Slack call is bounded by the client's timeout), then
        end `run`, so no row is left leased and unsure of its post."""
        self._stopping = True
        self._services.audit_due.set()

    async def run(self) -> None:
        due = self._services.audit_due
        while not self._stopping:
            due.clear()
            try:
                next_in = await self.deliver_due()
            except Exception as error:  # the database is unreachable: keep the poster alive
                metrics.DATABASE_ERRORS.labels(where="audit_poster").inc()
                log.warning(
                    "audit poster could not reach the outbox (%s); trying again in %ss",
                    type(error).__name__,
                    self._timings.outage_retry,
                )
                next_in = self._timings.outage_retry
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(due.wait(), timeout=next_in)

    async def deliver_due(self) -> float:
        """Post everything due now, one row at a time; seconds until the poster should look
        again. While the channel is unavailable, only one row is tried per re-check."""
        next_in = self._timings.idle_check
        follow_up_retry = await self._follow_ups.deliver_due()
        if follow_up_retry is not None:
            next_in = min(next_in, follow_up_retry)
        loop = asyncio.get_running_loop()
        while not self._stopping:
            if self.channel_problem is not None and loop.time() < self._recheck_at:
                return self._recheck_at - loop.time()
            async with self._services.db.transaction() as tx:
                claim = await tx.outbox.claim_next(
                    self._worker, self._services.clock(), self._lease()
                )
                due_at = await tx.outbox.next_due() if claim is None else None
            if claim is None:
                if due_at is not None:  # held or retried by this or another replica
                    soonest = (due_at - self._services.clock()).total_seconds()
                    next_in = min(next_in, max(soonest, 0.01))
                return next_in
            try:
                retry_in = await self._deliver(claim)
            except asyncio.CancelledError:  # stopping: hand the row back at once
                await self._interrupted(claim.outbox)
                raise
            if retry_in is not None:
                next_in = min(next_in, retry_in)
        return 0.0

    async def _deliver(self, claim: ClaimedPost) -> float | None:
        outbox, decision = claim.outbox, claim.decision
        try:
            message = audit_message(self._services, decision)
        except Exception as error:  # any build failure sets this row aside
            log.debug("audit post for %s: %s while building it", decision.reference,
                      type(error).__name__)
            await self._set_aside(outbox, decision, "build_failed")
            return None
        channel = self._services.settings.audit_channel
        if claim.abandoned or is_ambiguous(outbox.last_error):
            # Kept on the row if this search fails, so that the next attempt searches again.
            unsure = outbox.last_error if is_ambiguous(outbox.last_error) else "interrupted"
            try:
                found = await self._find_post(channel, outbox, decision)
            except _TakenOver:
                return None
            except Exception as error:  # classified: Slack's answer, the network or anything else
                return await self._failed(outbox, decision, classify(error), unsure)
            if found is not None:
                await self._posted(outbox, decision, found)
                return None
        if not await self._renew(outbox, decision):
            return None
        try:
            response = await self._client.chat_postMessage(
                channel=channel, text=message.text, blocks=message.blocks,
                metadata=message.metadata,
            )
        except Exception as error:  # classified: Slack's answer, the network or anything else
            return await self._failed(outbox, decision, classify(error))
        await self._posted(outbox, decision, str(response.get("ts")))
        return None

    async def _find_post(
        self, channel: str, outbox: AuditOutbox, decision: Decision
    ) -> str | None:
        """The ts of this decision's post if an earlier attempt did reach the channel."""
        oldest = outbox.created_at.timestamp() - self._timings.history_margin
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            if not await self._renew(outbox, decision):
                raise _TakenOver
            page = await self._client.conversations_history(
                channel=channel, oldest=f"{oldest:.6f}", include_all_metadata=True,
                limit=200, cursor=cursor,
            )
            for found in page.get("messages") or []:
                if posted_reference(found) == decision.reference:
                    log.info("audit post for %s was already in the channel", decision.reference)
                    return str(found.get("ts"))
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if cursor is None:
                break
        return None

    async def _renew(self, outbox: AuditOutbox, decision: Decision) -> bool:
        assert outbox.id is not None
        until = self._services.clock() + self._lease()
        async with self._services.db.transaction() as tx:
            renewed = await tx.outbox.renew_claim(outbox.id, self._worker, until)
        if not renewed:
            log.warning("audit post for %s: another worker has taken it", decision.reference)
        return renewed

    async def _posted(self, outbox: AuditOutbox, decision: Decision, ts: str) -> None:
        assert outbox.id is not None
        async with self._services.db.transaction() as tx:
            await tx.outbox.mark_posted(outbox.id, ts, self._services.clock())
        log.info("audit summary posted for %s", decision.reference)
        if self.channel_problem is not None:
            log.warning("the audit channel takes posts again; posting the decisions held")
            self.channel_problem = None

    async def _failed(
        self, outbox: AuditOutbox, decision: Decision, failure: Failure, unsure: str | None = None
    ) -> float:
        """`unsure`: the search for an earlier post failed; the row keeps this code, which says
        an earlier attempt may have posted, so the next attempt searches again."""
        assert outbox.id is not None
        metrics.POSTER_ERRORS.labels(error=failure.code).inc()
        if failure.kind is FailureKind.CHANNEL:
            return await self._hold(outbox, failure.code, unsure)
        if unsure is not None and failure.kind is not FailureKind.AMBIGUOUS:
            failure = Failure(FailureKind.RETRY, unsure, failure.retry_after)
        elif failure.kind is FailureKind.REFUSED:
            await self._set_aside(outbox, decision, failure.code)
            return self._timings.idle_check
        wait = failure.retry_after or self._backoff(outbox.attempts)
        log.warning("audit post for %s failed (%s); retrying in %ss",
                    decision.reference, failure.code, round(wait, 1))
        async with self._services.db.transaction() as tx:
            await tx.outbox.mark_retry(outbox.id, failure.code, self._in(wait))
        return wait

    async def _hold(self, outbox: AuditOutbox, code: str, keep_code: str | None) -> float:
        assert outbox.id is not None
        recheck = self._timings.channel_recheck
        async with self._services.db.transaction() as tx:
            await tx.outbox.hold(outbox.id, keep_code or code, self._in(recheck))
        self._recheck_at = asyncio.get_running_loop().time() + recheck
        if self.channel_problem != code:
            log.error(
                "the audit channel %s cannot take posts (%s): recorded decisions are kept and "
                "will be posted when it can; trying again every %ss",
                self._services.settings.audit_channel, code, recheck,
            )
        self.channel_problem = code
        return recheck

    async def _set_aside(self, outbox: AuditOutbox, decision: Decision, code: str) -> None:
        """Never retried: say so once in the log, on /healthz and to the supervisors."""
        assert outbox.id is not None
        async with self._services.db.transaction() as tx:
            await tx.outbox.set_aside(outbox.id, code)
        log.error("audit post for %s set aside (%s); it will not be retried",
                  decision.reference, code)
        note = render("audit_set_aside.j2", reference=decision.reference, code=code)
        try:
            await self._client.chat_postMessage(
                channel=self._services.settings.audit_channel, text=note
            )
        except Exception as error:  # the note is a courtesy; the log line above is the alert
            log.warning("could not tell the audit channel (%s)", classify(error).code)

    async def _interrupted(self, outbox: AuditOutbox) -> None:
        """Release a row mid-delivery, marked so that its next attempt looks for the post
        first (this one may have reached Slack), rather than leave it leased for minutes."""
        assert outbox.id is not None
        with contextlib.suppress(Exception):  # best effort: a lapsed lease is the fallback
            async with self._services.db.transaction() as tx:
                await tx.outbox.hold(outbox.id, "interrupted", self._services.clock())

    def _backoff(self, attempts: int) -> float:
        return min(self._timings.first_backoff * 2**attempts, self._timings.max_backoff)

    def _lease(self) -> timedelta:
        return timedelta(seconds=self._timings.lease)

    def _in(self, seconds: float) -> datetime:
        return self._services.clock() + timedelta(seconds=seconds)
