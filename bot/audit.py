"""The audit channel: checked at start-up, and fed from the outbox exactly once per decision."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from datetime import timedelta

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import audit_blocks
from bot.conversation import Services
from bot.recording import UNCONFIGURED_CHANNEL
from bot.rendering import mention
from bot.summary import decision_summary, render_summary
from dialogs.engine import PathStep, StepError, replay
from dialogs.model import OutcomeKind
from dialogs.record import DecisionFields
from storage import AuditOutbox, Decision

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=120)
MAX_BACKOFF = timedelta(minutes=10)
IDLE_CHECK = 30.0  # seconds between looks at the outbox when nothing wakes the poster
OUTAGE_RETRY = 5.0  # seconds before looking again after the database failed


class AuditChannelError(Exception):
    """The audit channel cannot safely receive decisions; the message says how to fix it."""


async def check_audit_channel(client: AsyncWebClient, channel: str) -> None:
    """Refuse to start unless the channel exists, is private, and has the bot in it."""
    try:
        response = await client.conversations_info(channel=channel)
    except SlackApiError as error:
        code = error.response.get("error", "unknown_error")
        if code == "channel_not_found":
            raise AuditChannelError(
                f"INFOSHARE_AUDIT_CHANNEL={channel}: Slack has no such channel that the bot can "
                "see. Check the ID (channel details, at the bottom) and invite the bot into it "
                "with /invite @infoshare."
            ) from None
        if code == "missing_scope" and "channels:read" in str(error.response.get("needed", "")):
            # The manifest grants groups:read only, so Slack refuses to describe a public
            # channel: that refusal is itself the answer.
            raise _public_channel(channel) from None
        if code == "missing_scope":
            raise AuditChannelError(
                "The bot token lacks the groups:read scope needed to check the audit channel: "
                "reinstall the app from app.yaml."
            ) from None
        raise AuditChannelError(
            f"Could not check INFOSHARE_AUDIT_CHANNEL={channel}: {code}."
        ) from None
    info = response.get("channel") or {}
    if not info.get("is_private"):
        raise _public_channel(channel)
    if not info.get("is_member"):
        raise AuditChannelError(
            f"The bot is not a member of the audit channel {channel}. In Slack, open the channel "
            "and type /invite @infoshare, then start the bot again."
        )


def _public_channel(channel: str) -> AuditChannelError:
    return AuditChannelError(
        f"INFOSHARE_AUDIT_CHANNEL={channel} is a public channel. Decisions may only be posted "
        "to a private channel: create a private channel, invite the bot, and use its ID."
    )


class AuditPoster:
    """Posts each recorded decision's summary once, retrying with backoff until delivered."""

    def __init__(self, services: Services, client: AsyncWebClient) -> None:
        self._services = services
        self._client = client
        self._worker = f"{socket.gethostname()[:40]}-{os.getpid()}"

    async def run(self) -> None:
        due = self._services.audit_due
        while True:
            due.clear()
            try:
                next_in = await self.deliver_due()
            except Exception as error:  # the database is unreachable: keep the poster alive
                log.warning(
                    "audit poster could not reach the outbox (%s); trying again in %ss",
                    type(error).__name__,
                    int(OUTAGE_RETRY),
                )
                next_in = OUTAGE_RETRY
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(due.wait(), timeout=next_in)

    async def deliver_due(self) -> float:
        """Post everything due now; seconds until the next retry is due (or an idle check)."""
        now = self._services.clock()
        async with self._services.db.transaction() as tx:
            claimed = await tx.claim_outbox(self._worker, now, LEASE)
        retry_in = IDLE_CHECK
        for outbox, decision in claimed:
            wait = await self._deliver(outbox, decision)
            if wait is not None:
                retry_in = min(retry_in, wait.total_seconds())
        return max(retry_in, 0.0)

    async def _deliver(self, outbox: AuditOutbox, decision: Decision) -> timedelta | None:
        assert outbox.id is not None
        channel = outbox.channel_id
        if channel == UNCONFIGURED_CHANNEL:
            channel = self._services.settings.audit_channel
        summary = audit_summary(self._services, decision)
        try:
            response = await self._client.chat_postMessage(
                channel=channel, text=f"Decision {decision.reference}", blocks=audit_blocks(summary)
            )
        except SlackApiError as error:
            code = "ratelimited" if error.response.status_code == 429 else _error_code(error)
            return await self._retry(outbox, decision, code, _retry_wait(error, outbox.attempts))
        except (aiohttp.ClientError, TimeoutError):  # Slack unreachable: same backoff
            backoff = min(timedelta(seconds=2**outbox.attempts), MAX_BACKOFF)
            return await self._retry(outbox, decision, "network", backoff)
        async with self._services.db.transaction() as tx:
            await tx.mark_posted(outbox.id, str(response.get("ts")), self._services.clock())
        log.info("audit summary posted for %s", decision.reference)
        return None

    async def _retry(
        self, outbox: AuditOutbox, decision: Decision, code: str, wait: timedelta
    ) -> timedelta:
        assert outbox.id is not None
        log.warning(
            "audit post for %s failed (%s); retrying in %ss",
            decision.reference,
            code,
            int(wait.total_seconds()),
        )
        async with self._services.db.transaction() as tx:
            await tx.mark_retry(outbox.id, code, self._services.clock() + wait)
        return wait


def _retry_wait(error: SlackApiError, attempts: int) -> timedelta:
    if error.response.status_code == 429:
        header = error.response.headers.get("Retry-After") or error.response.headers.get(
            "retry-after"
        )
        value = header[0] if isinstance(header, list) else header
        if value is not None and str(value).isdigit():
            return timedelta(seconds=int(value))
    return min(timedelta(seconds=2**attempts), MAX_BACKOFF)


def _error_code(error: SlackApiError) -> str:
    code = error.response.get("error") if isinstance(error.response.data, dict) else None
    return str(code) if code else f"http_{error.response.status_code}"


def audit_summary(services: Services, decision: Decision) -> str:
    """The decision summary as the audit channel shows it, from the stored (anonymised) record."""
    record = DecisionFields.from_dict(decision.fields)
    answers = tuple((str(node), str(move)) for node, move in decision.path)
    practitioner = mention(decision.user_id)
    try:
        flow = services.flows.get(decision.flow_id, decision.flow_version)
        return decision_summary(
            flow,
            replay(flow, answers),
            record,
            reference=decision.reference,
            practitioner=practitioner,
            recorded_at=decision.created_at,
        )
    except (KeyError, StepError):
        # That flow version is no longer loaded: show the path by node ids rather than lose it.
        log.warning("decision %s: its flow version is not loaded", decision.reference)
        return render_summary(
            flow_line=f"{decision.flow_id} v{decision.flow_version}",
            outcome=OutcomeKind(decision.outcome),
            outcome_title=OutcomeKind(decision.outcome).label,
            steps=[PathStep(node, node, move) for node, move in answers],
            record=record,
            reference=decision.reference,
            practitioner=practitioner,
            recorded_at=decision.created_at,
        )
