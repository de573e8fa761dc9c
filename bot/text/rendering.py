"""The jinja2 environment for every word the bot shows: user text is escaped by default."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from bot.privacy.escape import escape_slack
from bot.text.uk_time import uk_time

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


class Mrkdwn(str):
    """Text that is already safe Slack mrkdwn and must not be escaped again."""

    __slots__ = ()


def mention(user_id: str) -> Mrkdwn:
    """A Slack user mention, only for a well-formed user id; anything else is shown inert."""
    if _USER_ID.match(user_id):
        return Mrkdwn(f"<@{user_id}>")
    return Mrkdwn(escape_slack(user_id))


def _finalize(value: Any) -> str:
    if isinstance(value, Mrkdwn):
        return value
    if value is None:
        return ""
    return escape_slack(str(value))


@cache
def environment() -> Environment:
    # autoescape is for HTML; Slack wants only &, < and > escaped, so `finalize` escapes every
    # expression instead, and only a `Mrkdwn` value passes through as it is.
    env = Environment(
        loader=PackageLoader("bot.text", "templates"),
        autoescape=False,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # The templates ship with the code: without this, every render stats the file to see
        # whether it changed (a measurable share of a click's work under a burst).
        auto_reload=False,
    )
    env.globals["mention"] = mention
    env.filters["uk_time"] = uk_time
    return env


def compile_all_templates() -> None:
    """Compile every template now, at start, rather than at its first use: else the first
    practitioners after a start (or under a burst just after it) wait while templates compile."""
    env = environment()
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context).strip()


_EMPHASIS = re.compile(r"(?<!\w)([*_])(\S(?:.*?\S)?)\1(?!\w)")


def plain_words(mrkdwn: str) -> str:
    """Mrkdwn without its emphasis marks, still escaped: a message's top-level `text`, which
    notifications and screen readers read as it is."""
    return _EMPHASIS.sub(r"\2", mrkdwn)


def for_terminal(text: str) -> str:
    """Plain text for a terminal: emphasis marks dropped, Slack's escaping undone."""
    plain = _EMPHASIS.sub(r"\2", text)
    return plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
