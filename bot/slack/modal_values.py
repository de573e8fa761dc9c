"""What a submitted record modal holds, read back from Slack's `view.state.values`."""

from __future__ import annotations

from bot.slack.ids import MARK_BLOCK_PREFIX, MARK_INPUT
from dialogs.record import FIELD_LABELS, DecisionFields


def submitted_fields(state_values: object) -> DecisionFields | None:
    """The modal's values as `DecisionFields`; None if the payload is not the shape we sent."""
    if not isinstance(state_values, dict):
        return None
    values = {}
    for name in FIELD_LABELS:
        value = _submitted_value(state_values.get(name), name)
        if value:
            values[name] = value
    try:
        return DecisionFields.from_dict(values)
    except ValueError:  # a select value we never offered
        return None


def _submitted_value(block: object, action_id: str) -> str:
    """One input's value: `{block_id: {action_id: {"value": ...}}}`, or a select's option."""
    entry = block.get(action_id) if isinstance(block, dict) else None
    if not isinstance(entry, dict):
        return ""
    option = entry.get("selected_option")
    value = option.get("value") if isinstance(option, dict) else entry.get("value")
    return value.strip() if isinstance(value, str) else ""


def marked_phrase(state_values: object) -> tuple[str, str] | None:
    """The preview's "missed a word" input as (block id, value as typed); None if left empty."""
    if not isinstance(state_values, dict):
        return None
    for block_id, block in state_values.items():
        if isinstance(block_id, str) and block_id.startswith(MARK_BLOCK_PREFIX):
            entry = block.get(MARK_INPUT) if isinstance(block, dict) else None
            value = entry.get("value") if isinstance(entry, dict) else None
            if isinstance(value, str) and value:
                return block_id, value
    return None
