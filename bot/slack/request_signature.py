"""Slack's request signature, checked on the raw bytes before anything parses or logs the body.

A refused request is answered with the same short 401 whatever was wrong with it, and is logged
as one line without its body, signature or headers, at most once a minute however many come.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable, Mapping

log = logging.getLogger(__name__)

WINDOW_SECONDS = 5 * 60  # Slack's own replay window
REFUSED_BODY = '{"ok":false,"error":"invalid request"}'
_TIMESTAMP_DIGITS = 12  # a Unix time in seconds; longer is not a timestamp


class SlackSignature:
    """Checks `X-Slack-Signature` (v0 HMAC-SHA256 of `v0:{timestamp}:{body}`) and the window."""

    def __init__(self, signing_secret: str, clock: Callable[[], float] = time.time) -> None:
        self._key = signing_secret.encode()
        self._clock = clock

    def is_valid(self, body: bytes, headers: Mapping[str, str]) -> bool:
        timestamp = headers.get("X-Slack-Request-Timestamp", "")
        signature = headers.get("X-Slack-Signature", "")
        fresh = (
            0 < len(timestamp) <= _TIMESTAMP_DIGITS
            and timestamp.isascii()
            and timestamp.isdigit()
            and abs(self._clock() - int(timestamp)) <= WINDOW_SECONDS
        )
        # The HMAC is computed whatever the timestamp, so every refusal costs the same.
        base = b"v0:" + timestamp.encode("ascii", "replace") + b":" + body
        expected = "v0=" + hmac.new(self._key, base, hashlib.sha256).hexdigest()
        matches = hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))
        return fresh and matches


class RefusalLog:
    """One WARNING line per `interval` seconds at most, counting the refusals in between."""

    def __init__(self, interval: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self._interval = interval
        self._clock = clock
        self._last: float | None = None
        self._unlogged = 0

    def refused(self) -> None:
        self._unlogged += 1
        now = self._clock()
        if self._last is not None and now - self._last < self._interval:
            return
        log.warning(
            "refused %d request(s) to /slack/events without a valid Slack signature "
            "(wrong signing secret, stale timestamp or not from Slack)",
            self._unlogged,
        )
        self._last = now
        self._unlogged = 0
