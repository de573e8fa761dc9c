"""What a failed Slack call means for an audit post: retry, hold, set aside, or look first."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import aiohttp
from slack_sdk.errors import SlackApiError

# The channel (or the bot's access to it) is gone: hold every post until it is back.
CHANNEL_GONE = frozenset({
    "is_archived", "not_in_channel", "channel_not_found", "invalid_auth", "account_inactive",
    "token_revoked", "token_expired", "not_authed", "missing_scope", "restricted_action",
    "team_access_not_granted", "ekm_access_denied",
})
# This post will never be accepted as it is.
REFUSED_FOR_GOOD = frozenset({
    "invalid_blocks", "invalid_blocks_format", "msg_too_long", "msg_blocks_too_long", "no_text",
    "too_many_attachments", "invalid_attachments", "invalid_arguments",
    "invalid_metadata_format", "invalid_metadata_schema", "metadata_too_large",
})
# Codes recorded after an attempt that Slack may have carried out without telling us.
_AMBIGUOUS = ("timeout", "network", "client_error", "interrupted")


class FailureKind(StrEnum):
    RETRY = "retry"  # Slack answered and did not post: back off and try again
    AMBIGUOUS = "ambiguous"  # it may have posted: look before posting again
    CHANNEL = "channel"
    REFUSED = "refused"


@dataclass(frozen=True)
class Failure:
    kind: FailureKind
    code: str  # a short code, stored on the outbox row; never message text
    retry_after: float | None = None


def classify(error: Exception) -> Failure:
    if isinstance(error, TimeoutError):
        return Failure(FailureKind.AMBIGUOUS, "timeout")
    if isinstance(error, aiohttp.ClientError):
        return Failure(FailureKind.AMBIGUOUS, "network")
    if not isinstance(error, SlackApiError):  # slack_sdk or aiohttp failed in a way not foreseen
        return Failure(FailureKind.AMBIGUOUS, "client_error")
    status = error.response.status_code
    if status == 429:
        return Failure(FailureKind.RETRY, "ratelimited", _retry_after(error))
    if status >= 500:
        return Failure(FailureKind.AMBIGUOUS, f"http_{status}")
    data = error.response.data
    code = str(data.get("error") or "") if isinstance(data, dict) else ""
    if not code:
        return Failure(FailureKind.RETRY, f"http_{status}")
    if code in CHANNEL_GONE:
        return Failure(FailureKind.CHANNEL, code)
    if code in REFUSED_FOR_GOOD:
        return Failure(FailureKind.REFUSED, code)
    return Failure(FailureKind.RETRY, code[:40] if _is_code(code) else "slack_error")


def is_ambiguous(last_error: str | None) -> bool:
    """Whether the row's last attempt may have posted after all."""
    return last_error is not None and (
        last_error in _AMBIGUOUS or last_error.startswith("http_5")
    )


def _is_code(text: str) -> bool:
    return all(ch.isalnum() or ch in "_.:-" for ch in text) and text.islower()


def _retry_after(error: SlackApiError) -> float | None:
    header = error.response.headers.get("Retry-After") or error.response.headers.get(
        "retry-after"
    )
    value = header[0] if isinstance(header, list) else header
    return float(value) if value is not None and str(value).isdigit() else None
