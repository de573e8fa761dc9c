"""The signature check on raw bytes, and its rate-limited log line."""

from __future__ import annotations

import logging

import pytest

from bot.slack.request_signature import RefusalLog, SlackSignature
from tests.slack_requests import SIGNING_SECRET, signature

NOW = 1_800_000_000
BODY = b"payload=%7B%7D"


def _headers(timestamp: object, sig: str | None = None) -> dict[str, str]:
    ts = str(timestamp)
    valid = signature(SIGNING_SECRET, int(ts), BODY) if ts.isdigit() else "v0=00"
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig or valid}


def test_a_signed_request_within_five_minutes_is_valid() -> None:
    check = SlackSignature(SIGNING_SECRET, clock=lambda: NOW)
    assert check.is_valid(BODY, _headers(NOW))
    assert check.is_valid(BODY, _headers(NOW - 300))
    assert check.is_valid(BODY, _headers(NOW + 300))


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Slack-Request-Timestamp": str(NOW)},
        _headers(NOW - 301),
        _headers(NOW + 301),
        _headers(NOW, sig="v0=" + "0" * 64),
        _headers("1e9"),
        _headers("-1"),
        _headers("١٨٠٠٠٠٠٠٠٠"),  # Arabic-Indic digits: isdigit(), but not a timestamp
        _headers("9" * 400),
        _headers(NOW, sig="v0=é"),
    ],
    ids=[
        "none",
        "no signature",
        "stale",
        "future",
        "wrong",
        "float",
        "negative",
        "non-ascii digits",
        "huge",
        "non-ascii signature",
    ],
)
def test_anything_else_is_refused_without_raising(headers: dict[str, str]) -> None:
    check = SlackSignature(SIGNING_SECRET, clock=lambda: NOW)
    assert not check.is_valid(BODY, headers)
    assert not check.is_valid(BODY + b"x", _headers(NOW))


def test_refusals_are_logged_once_a_minute_with_the_count(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [0.0]
    refusals = RefusalLog(interval=60, clock=lambda: now[0])
    with caplog.at_level(logging.WARNING, logger="bot.slack.request_signature"):
        for second in range(0, 130):
            now[0] = float(second)
            refusals.refused()
    assert [r.getMessage().split(" request")[0] for r in caplog.records] == [
        "refused 1",
        "refused 60",
        "refused 60",
    ]
