"""Requests the bot refuses before any listener runs: no user named, another workspace, or a
user sending faster than anyone working through a flowchart can."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncBoltContext
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError

from bot.settings import RateLimit
from bot.text.rendering import render

log = logging.getLogger(__name__)

Next = Callable[[], Awaitable[None]]
_INTERACTIONS = ("block_actions", "view_submission", "view_closed")


def acting_user(body: dict[str, Any]) -> Any:
    """Who acted, for a command, an interaction or a message event; None for anything else."""
    if "command" in body:
        return body.get("user_id")
    if body.get("type") in _INTERACTIONS:
        return body["user"].get("id") if isinstance(body.get("user"), dict) else None
    event = body.get("event")
    if not isinstance(event, dict) or body.get("type") != "event_callback":
        return None
    typed_by_a_person = not event.get("bot_id") and not event.get("subtype")
    return event.get("user") if event.get("type") == "message" and typed_by_a_person else None


async def refuse_without_user(body: dict[str, Any], next: Next) -> BoltResponse | None:
    """Commands and interactions must say who acted; listeners can then rely on it."""
    if "command" not in body and body.get("type") not in _INTERACTIONS:
        await next()
        return None
    user = acting_user(body)
    if isinstance(user, str) and user:
        await next()
        return None
    log.warning("refused a Slack request that names no user")
    return BoltResponse(status=400, body="malformed request: no user")


async def refuse_other_workspaces(
    body: dict[str, Any], context: AsyncBoltContext, next: Next
) -> BoltResponse | None:
    """A request signed with our secret but from a workspace other than the bot token's (a
    second install of the same app, or a replay from elsewhere) changes nothing here."""
    installed = context.authorize_result
    ours = installed.team_id if installed is not None else None
    theirs = context.team_id
    if installed is None or context.is_enterprise_install or not ours or not theirs:
        await next()
        return None
    if theirs == ours:
        await next()
        return None
    log.warning("refused a request from another Slack workspace")
    if "command" in body:
        return _ephemeral_reply(render("other_workspace.j2"))
    return BoltResponse(status=403, body="request from another workspace")


def _ephemeral_reply(text: str) -> BoltResponse:
    return BoltResponse(
        status=200,
        body=json.dumps({"response_type": "ephemeral", "text": text}),
        headers={"content-type": "application/json"},
    )


@dataclass
class _Bucket:
    tokens: float
    at: float
    told: bool = False


class UserRateLimit:
    """A token bucket per user: `burst` requests at once, then `per_second` on average. The
    first refused request of a run gets one "slow down" note; the rest of the run gets nothing.

    Per process: with several replicas each keeps its own buckets, so the limit is per replica.
    """

    MAX_TRACKED = 10_000

    def __init__(self, limit: RateLimit, clock: Callable[[], float] = time.monotonic) -> None:
        self._burst = limit.burst
        self._rate = limit.per_second
        self._clock = clock
        self._buckets: dict[tuple[str, str], _Bucket] = {}

    def take(self, team: str, user: str) -> bool | None:
        """True: go ahead. False: refused, tell them once. None: refused, already told."""
        now = self._clock()
        bucket = self._buckets.get((team, user))
        if bucket is None:
            self._forget_idle(now)
            bucket = self._buckets[(team, user)] = _Bucket(float(self._burst), now)
        bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.at) * self._rate)
        bucket.at = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.told = False
            return True
        if bucket.told:
            return None
        bucket.told = True
        return False

    def _forget_idle(self, now: float) -> None:
        if len(self._buckets) < self.MAX_TRACKED:
            return
        full_after = self._burst / self._rate
        for key in [k for k, b in self._buckets.items() if now - b.at >= full_after]:
            del self._buckets[key]

    async def __call__(
        self,
        req: AsyncBoltRequest,
        body: dict[str, Any],
        context: AsyncBoltContext,
        next: Next,
    ) -> BoltResponse | None:
        user = acting_user(body)
        if not isinstance(user, str) or not user or req.headers.get("x-slack-retry-num"):
            await next()  # Slack's own retries are deduplicated, not throttled
            return None
        verdict = self.take(context.team_id or "", user)
        if verdict:
            await next()
            return None
        log.warning("a user is sending requests too fast; refused one")
        if verdict is None:
            return BoltResponse(status=200, body="")
        return await _tell_to_slow_down(body, context, user)


async def _tell_to_slow_down(
    body: dict[str, Any], context: AsyncBoltContext, user: str
) -> BoltResponse:
    words = render("slow_down.j2")
    if "command" in body:
        return _ephemeral_reply(words)
    if body.get("type") == "view_submission":
        field = _first_input(body.get("view"))
        if field is not None:
            return BoltResponse(
                status=200,
                body=json.dumps({"response_action": "errors", "errors": {field: words}}),
                headers={"content-type": "application/json"},
            )
        return BoltResponse(status=200, body="")
    channel = _channel_of(body)
    if channel is not None and context.client is not None:
        try:
            await context.client.chat_postEphemeral(channel=channel, user=user, text=words)
        except SlackApiError as error:
            log.warning("could not post the slow-down note: %s", error.response.get("error"))
    return BoltResponse(status=200, body="")


def _first_input(view: Any) -> str | None:
    blocks = view.get("blocks") if isinstance(view, dict) else None
    for block in blocks if isinstance(blocks, list) else []:
        if isinstance(block, dict) and block.get("type") == "input" and block.get("block_id"):
            return str(block["block_id"])
    return None


def _channel_of(body: dict[str, Any]) -> str | None:
    for holder in (body.get("event"), body.get("channel"), body.get("container")):
        if isinstance(holder, dict):
            channel = holder.get("channel") or holder.get("id") or holder.get("channel_id")
            if isinstance(channel, str) and channel:
                return channel
    return None
