"""What a block action's body says was clicked: the one action, its value, and the message."""

from __future__ import annotations

from typing import Any


def clicked_action(body: dict[str, Any]) -> dict[str, Any]:
    """The action of a click (Slack sends one per block_actions request), or {} if none."""
    action = (body.get("actions") or [{}])[0]
    return action if isinstance(action, dict) else {}


def clicked_value(body: dict[str, Any]) -> Any:
    return clicked_action(body).get("value")


def clicked_message(body: dict[str, Any]) -> tuple[str, str] | None:
    """The (channel, ts) of the message the button is on, if Slack says."""
    container = body.get("container") or {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    return (channel, ts) if isinstance(channel, str) and isinstance(ts, str) else None
