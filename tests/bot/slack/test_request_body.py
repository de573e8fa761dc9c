"""The payload of a click or a form submission is decoded as Bolt decodes it, only in C."""

from __future__ import annotations

import random
from urllib.parse import unquote_plus

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.slack import request_body
from tests.slack_requests import (
    SlackRequest,
    block_action,
    message_im,
    slash_command,
    view_submission,
)

ODD_TEXT = "Hello *world* & = + % ; %2B %zz ü 👍 /?# \\ \" \n tab\t"


def test_the_c_decoder_is_there() -> None:
    assert request_body.unquote_plus is not None


@pytest.mark.parametrize(
    "unquoter",
    [
        lambda **_: (_ for _ in ()).throw(TypeError("an older yarl: no replace_invalid")),
        lambda **_: lambda text: text.replace("+", " "),  # one that decodes otherwise
    ],
)
def test_a_yarl_without_the_same_decoder_leaves_decoding_to_bolt(
    monkeypatch: pytest.MonkeyPatch, unquoter: object
) -> None:
    import yarl._quoting

    monkeypatch.setattr(yarl._quoting, "_Unquoter", unquoter)
    assert request_body._c_unquote_plus() is None


def test_decoding_is_urllibs_on_awkward_text() -> None:
    """Invalid escapes, cut-off UTF-8, '+' and '%2B', delimiters: as `unquote_plus` gives."""
    decode = request_body.unquote_plus
    assert decode is not None
    pieces = ["a", "Z", "0", "%", "+", " ", "=", ";", "é", "👍", "%2", "%G1", "%41", "%e9",
              "%C3%A9", "%F0%9F", "%FF", "%2B", "%25", "%0a", "\n", "%zz", "%26"]
    chance = random.Random(12)
    for _ in range(20_000):
        text = "".join(chance.choice(pieces) for _ in range(chance.randint(0, 12)))
        assert decode(text) == unquote_plus(text), text


def _requests() -> list[SlackRequest]:
    message = {"blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": ODD_TEXT}}]}
    return [
        block_action("answer_yes", "12:0:purpose", message=message),
        view_submission("record_decision", "12:5:share", {"reasons": {"reasons": {
            "type": "plain_text_input", "value": ODD_TEXT}}}),
        slash_command(ODD_TEXT),
        message_im(ODD_TEXT),
    ]


@pytest.mark.parametrize("index", range(4))
async def test_a_request_is_what_bolt_makes_of_it(index: int) -> None:
    slack = _requests()[index]
    headers = {**slack.headers, "Content-Length": str(len(slack.body))}
    ours = await request_body.to_bolt_request(_request(slack, headers))
    bolts = AsyncBoltRequest(body=slack.body.decode(), headers=headers)  # type: ignore[arg-type]
    assert ours.body == bolts.body
    assert ours.raw_body == bolts.raw_body
    assert dict(ours.context) == dict(bolts.context)
    assert ours.headers == bolts.headers and ours.content_type == bolts.content_type


def test_only_a_lone_payload_is_decoded_here() -> None:
    assert request_body.interactive_payload('payload={"a":1}&x=1') is None
    assert request_body.interactive_payload("command=%2Finfoshare") is None
    assert request_body.interactive_payload('{"payload": 1}') is None
    assert request_body.interactive_payload("payload=%7B%22a%22%3A+%22b+c%22%7D") == {"a": "b c"}


def _request(slack: SlackRequest, headers: dict[str, str]) -> web.Request:
    request = make_mocked_request("POST", "/slack/events", headers=headers)
    body = slack.body

    async def text() -> str:
        return body.decode()

    request.text = text  # type: ignore[method-assign]
    return request
