"""Escaping user text for Slack, so it can never mention, broadcast or link."""

import regex

# Plain-text broadcasts are only parsed with parse=full or link_names, but we never rely on
# how a message is sent: a zero-width space after the "@" keeps them inert everywhere.
_BROADCAST = regex.compile(r"@(?=(?:channel|here|everyone)\b)", regex.IGNORECASE)
_ZERO_WIDTH_SPACE = "\u200b"


def escape_slack(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` as Slack asks, so ``<!channel>``, ``<@U123>`` and
    ``<https://x|y>`` are shown as typed and do nothing."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub("@" + _ZERO_WIDTH_SPACE, escaped)
