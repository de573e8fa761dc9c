"""The audit channel: checked at start-up; the post each recorded decision gets there."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.services import Services
from bot.slack.advice_blocks import record_lines
from bot.slack.blocks import audit_blocks
from bot.slack.review_blocks import review_blocks, status_words
from bot.text.rendering import mention
from bot.text.summary import decision_summary, render_summary
from dialogs.engine import PathStep, StepError, replay
from dialogs.model import OutcomeKind
from dialogs.record import DecisionFields
from storage import Decision
from storage.tables import Review, ReviewStatus

log = logging.getLogger(__name__)

AUDIT_EVENT_TYPE = "infoshare_decision_recorded"


class AuditChannelError(Exception):
    """The audit channel cannot safely receive decisions; the message says how to fix it."""


AUDIT_CHANNEL_SETTING = ("INFOSHARE_AUDIT_CHANNEL", "audit channel", "Decisions")
ADVICE_CHANNEL_SETTING = ("INFOSHARE_ADVICE_CHANNEL", "advice channel", "Advice requests")


async def check_audit_channel(
    client: AsyncWebClient,
    channel: str,
    setting: tuple[str, str, str] = AUDIT_CHANNEL_SETTING,
) -> None:
    """Refuse to start unless the channel exists, is private, and has the bot in it.
    `setting`: the variable naming it, what it is, and what is posted there."""
    name, what, _ = setting
    try:
        response = await client.conversations_info(channel=channel)
    except SlackApiError as error:
        code = error.response.get("error", "unknown_error")
        if code == "channel_not_found":
            raise AuditChannelError(
                f"{name}={channel}: Slack has no such channel that the bot can "
                "see. Check the ID (channel details, at the bottom) and invite the bot into it "
                "with /invite @infoshare."
            ) from None
        if code == "missing_scope" and "channels:read" in str(error.response.get("needed", "")):
            # The manifest grants groups:read only, so Slack refuses to describe a public
            # channel: that refusal is itself the answer.
            raise _public_channel(channel, setting) from None
        if code == "missing_scope":
            raise AuditChannelError(
                f"The bot token lacks the groups:read scope needed to check the {what}: "
                "reinstall the app from app.yaml."
            ) from None
        raise AuditChannelError(f"Could not check {name}={channel}: {code}.") from None
    info = response.get("channel") or {}
    if info.get("is_archived"):
        raise AuditChannelError(
            f"The {what} {channel} is archived, so nothing can be posted to it. In "
            "Slack, unarchive it (channel details, Settings, Unarchive), or create a new private "
            f"channel, invite the bot and set {name} to its ID; then start the "
            "bot again."
        )
    if not info.get("is_private"):
        raise _public_channel(channel, setting)
    if not info.get("is_member"):
        raise AuditChannelError(
            f"The bot is not a member of the {what} {channel}. In Slack, open the channel "
            "and type /invite @infoshare, then start the bot again."
        )


def _public_channel(channel: str, setting: tuple[str, str, str]) -> AuditChannelError:
    name, _, posted = setting
    return AuditChannelError(
        f"{name}={channel} is a public channel. {posted} may only be posted "
        "to a private channel: create a private channel, invite the bot, and use its ID."
    )


@dataclass(frozen=True)
class AuditMessage:
    """A decision's audit post: what `chat.postMessage` is given."""

    text: str
    blocks: list[dict[str, Any]]
    metadata: dict[str, Any]


def audit_message(
    services: Services,
    decision: Decision,
    reviews: Sequence[Review] = (),
    status: ReviewStatus = ReviewStatus.AWAITING_REVIEW,
) -> AuditMessage:
    """The one place an audit post is built: as first posted (no reviews yet) and as updated
    after each review. Raises if it cannot be built (it is then set aside, not retried)."""
    return AuditMessage(
        text=f"Decision {decision.reference}: {status_words(status)}",
        blocks=audit_blocks(
            audit_summary(services, decision),
            lambda room: review_blocks(decision.reference, reviews, status, room),
        ),
        metadata={
            "event_type": AUDIT_EVENT_TYPE,
            "event_payload": {"reference": decision.reference},
        },
    )


def posted_reference(message: dict[str, Any]) -> str | None:
    """The decision reference an audit post carries in its metadata, if it is one of ours."""
    metadata = message.get("metadata")
    if not isinstance(metadata, dict) or metadata.get("event_type") != AUDIT_EVENT_TYPE:
        return None
    payload = metadata.get("event_payload")
    reference = payload.get("reference") if isinstance(payload, dict) else None
    return reference if isinstance(reference, str) else None


def audit_summary(services: Services, decision: Decision) -> str:
    """The decision summary as the audit channel shows it, from the stored (anonymised)
    record, with any advice asked of a lead from the dialog."""
    advice = record_lines(decision.fields)
    summary = _decision_summary(services, decision)
    return f"{summary}\n\n{advice}" if advice else summary


def _decision_summary(services: Services, decision: Decision) -> str:
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
