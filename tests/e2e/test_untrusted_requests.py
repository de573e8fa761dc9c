"""Forged, replayed and malformed requests: refused or shrugged off, never a crash."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlencode

import pytest

from tests.e2e.conftest import Bot, Practitioner
from tests.fakeslack import FakeSlack
from tests.slack_requests import (
    DEFAULT_DELIVERY,
    Delivery,
    SlackRequest,
    block_action,
    message_im,
    slash_command,
    view_submission,
)


async def _still_serves(practitioner: Practitioner, slack: FakeSlack) -> None:
    reply, name = await practitioner.command("help")
    assert reply.status == 200
    posts = await slack.wait_for_post(name)
    assert "walks you through" in posts[0].body["text"]


@pytest.mark.parametrize("knob", ["forged", "stale"])
async def test_forged_or_stale_requests_get_401_and_change_nothing(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot, knob: str
) -> None:
    await practitioner.start()
    calls = len(slack.calls)
    delivery = Delivery(forged=True) if knob == "forged" else Delivery(stale=True)
    real_click = practitioner.click_request("answer_yes")
    payload = real_click.body
    bad: list[SlackRequest] = [
        slash_command("", channel_id=practitioner.dm, delivery=delivery),
        message_im("yes", channel_id=practitioner.dm, event_id="Ev0FORGED1", delivery=delivery),
        delivery.sign(payload, "application/x-www-form-urlencoded"),
    ]
    for request in bad:
        reply = await bot.sender.post(request)
        assert reply.status == 401, reply.text

    await _still_serves(practitioner, slack)
    made = [call.method for call in slack.calls[calls:]]
    assert made == []  # the help answer goes to the response_url, not the Web API
    # The click was never applied: it still works now, signed properly.
    posted = len(practitioner.dm_posts())
    assert (
        await bot.sender.post(DEFAULT_DELIVERY.sign(payload, real_click.headers["Content-Type"]))
    ).status == 200
    await practitioner.wait_for_step(posted + 1)
    assert "Question 2 of up to" in str(practitioner.message()["blocks"])


def _form(body: bytes) -> SlackRequest:
    return DEFAULT_DELIVERY.sign(body, "application/x-www-form-urlencoded")


def _interactive(payload: object) -> SlackRequest:
    return _form(urlencode({"payload": json.dumps(payload)}).encode())


async def test_malformed_payloads_never_crash_the_bot(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    await practitioner.start()
    value = practitioner.buttons()["answer_yes"]
    caplog.set_level(logging.WARNING)
    requests = {
        "payload is not JSON": _form(b"payload=%7Bnot-json"),
        "payload is a list": _interactive([1, 2, 3]),
        "no actions": _interactive({"type": "block_actions", "user": {"id": "U0PRACT01"}}),
        "no user": _interactive(
            {
                "type": "block_actions",
                "team": {"id": "T0INFSHR1"},
                "actions": [{"action_id": "answer_yes", "value": value, "action_ts": "1.0"}],
            }
        ),
        "view with no user": _interactive(
            {"type": "view_submission", "view": {"callback_id": "record_decision"}}
        ),
        "command with no user": _form(b"command=%2Finfoshare&team_id=T0INFSHR1&text="),
        "no value": _interactive(
            {
                "type": "block_actions",
                "user": {"id": "U0PRACT01"},
                "team": {"id": "T0INFSHR1"},
                "actions": [{"action_id": "answer_yes", "action_ts": "1.0"}],
                "response_url": slack.response_url("no-value"),
            }
        ),
        "unknown action id": block_action("answer_perhaps", value, channel_id=practitioner.dm),
        "garbage step value": block_action(
            "answer_yes", "1:0:<script>", channel_id=practitioner.dm
        ),
        "record with garbage metadata": view_submission("record_decision", "][", {}),
        "preview with garbage metadata": view_submission("preview_decision", '{"ref": 5}', {}),
        "preview metadata not JSON": view_submission("preview_decision", "{", {}),
        "event without an event": DEFAULT_DELIVERY.sign(
            json.dumps({"type": "event_callback", "team_id": "T0INFSHR1"}).encode(),
            "application/json",
        ),
        "JSON that is not an object": DEFAULT_DELIVERY.sign(b"[]", "application/json"),
        "empty body": _form(b""),
    }
    for what, request in requests.items():
        reply = await bot.sender.post(request)
        assert reply.status < 500, (what, reply.status, reply.text)
        if "no user" in what:
            assert reply.status == 400, (what, reply.status)
        if what.startswith(("record", "preview")):
            assert reply.json()["response_action"] == "update", what

    refused = await slack.wait_for_post("no-value")
    assert "already been answered" in refused[0].body["text"]
    await _still_serves(practitioner, slack)
    # Nothing moved: the first question is still the one asked, and it still works.
    assert "Question 1 of up to" in str(practitioner.message()["blocks"])
    await practitioner.answer("answer_yes")
    assert "Question 2 of up to" in str(practitioner.message()["blocks"])
