"""A Slack request for Bolt, with interactivity's `payload=<JSON>` decoded in C.

Bolt decodes a form body with urllib's `parse_qsl`, whose percent-decoding runs in Python: a
click's payload (the whole message it was on, every character of its JSON escaped) took about a
quarter of a millisecond, more than the rest of Bolt's reading of it. yarl (aiohttp's own URL
library) has the same decoding in C; tests/bot/slack/test_request_body.py checks that it gives
what `urllib.parse.unquote_plus` gives. Any other body is left to Bolt as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib import parse

from aiohttp import web
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest

PAYLOAD = "payload="


def _c_unquote_plus() -> Callable[[str], str] | None:
    """yarl's C decoder if it is there and decodes as urllib does on awkward samples; else None
    (Bolt decodes as before). yarl's `_Unquoter` is private: another version may lack it, take
    other arguments or decode otherwise, and none of that may stop the server starting."""
    try:
        from yarl._quoting import _Unquoter  # private; pyproject asks for a yarl that has it

        unquoter: Callable[[str], str] = _Unquoter(plus=True, replace_invalid=True)
        if all(unquoter(sample) == parse.unquote_plus(sample) for sample in _SAMPLES):
            return unquoter
    except Exception:  # any failure means: leave decoding to Bolt
        pass
    return None


_SAMPLES = ("", "a+b%2B%FF%E2%82%41%zz%", "%F0%9F%98%80+%e2%80%99", "x%2", "plain")

unquote_plus = _c_unquote_plus()


def interactive_payload(body: str) -> dict[str, Any] | None:
    """The decoded payload of a body that is `payload=<form-encoded JSON>` and nothing else;
    None for any other body (or when the C decoder is missing)."""
    if unquote_plus is None or not body.startswith(PAYLOAD) or "&" in body:
        return None
    payload = json.loads(unquote_plus(body[len(PAYLOAD):]))
    return payload if isinstance(payload, dict) else None


async def to_bolt_request(request: web.Request) -> AsyncBoltRequest:
    """slack_bolt.adapter.aiohttp.to_bolt_request, with the payload decoded as above."""
    text = await request.text()
    payload = interactive_payload(text)
    if payload is None:
        return AsyncBoltRequest(body=text, query=request.query_string, headers=request.headers)  # type: ignore[arg-type]
    bolt = AsyncBoltRequest(body="", query=request.query_string, headers=request.headers)  # type: ignore[arg-type]
    # What Bolt's constructor would have made of the body, set as it sets them.
    bolt.raw_body = text
    bolt.body = payload
    bolt.context = build_async_context(AsyncBoltContext({}), payload)
    return bolt
