"""Realistic, correctly signed requests from Slack to the app, and a tiny client to send them.

Each builder returns a `SlackRequest` (a `(body, headers)` pair) shaped like what Slack
sends: slash commands and interactivity are form-encoded (interactivity as `payload=<json>`),
events are JSON. Requests are signed with Slack's v0 scheme: HMAC-SHA256 over
`v0:{timestamp}:{raw body}` with the signing secret, in `X-Slack-Signature`, with the time in
`X-Slack-Request-Timestamp`. `Delivery` holds the knobs for forged, stale and retried requests:

    body, headers = slash_command("help", delivery=Delivery(forged=True))
    async with SlackSender(app_url, SIGNING_SECRET) as sender:
        retried = message_im("yes", event_id="Ev01", delivery=Delivery(retry_num=1))
        reply = await sender.post(retried)
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Any, NamedTuple
from urllib.parse import urlencode

import aiohttp

from tests.fakeslack import APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
PRACTITIONER_ID = "U0PRACT01"
VERIFICATION_TOKEN = "legacy-verification-token"
STALE_AFTER_SECONDS = 5 * 60

Json = dict[str, Any]


class SlackRequest(NamedTuple):
    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True)
class Delivery:
    """How a request is signed and delivered.

    `timestamp` defaults to now; `stale=True` makes it older than Slack's 5-minute window;
    `forged=True` signs with a wrong secret; `retry_num`/`retry_reason` add the headers Slack
    sends when it redelivers an event the app did not acknowledge in time.
    """

    secret: str = SIGNING_SECRET
    timestamp: int | None = None
    stale: bool = False
    forged: bool = False
    retry_num: int | None = None
    retry_reason: str = "http_timeout"
    extra_headers: Mapping[str, str] = field(default_factory=dict)

    def sign(self, body: bytes, content_type: str) -> SlackRequest:
        timestamp = self.timestamp if self.timestamp is not None else int(time.time())
        if self.stale:
            timestamp -= STALE_AFTER_SECONDS + 60
        secret = "forged-" + self.secret if self.forged else self.secret
        headers = {
            "Content-Type": content_type,
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            "X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": signature(secret, timestamp, body),
        }
        if self.retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(self.retry_num)
            headers["X-Slack-Retry-Reason"] = self.retry_reason
        headers.update(self.extra_headers)
        return SlackRequest(body, headers)


DEFAULT_DELIVERY = Delivery()


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """Slack's v0 request signature."""
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def _form(fields: Mapping[str, str], delivery: Delivery) -> SlackRequest:
    return delivery.sign(urlencode(fields).encode(), "application/x-www-form-urlencoded")


def _interactive(payload: Json, delivery: Delivery) -> SlackRequest:
    return _form({"payload": json.dumps(payload)}, delivery)


def _event(payload: Json, delivery: Delivery) -> SlackRequest:
    return delivery.sign(json.dumps(payload).encode(), "application/json")


def _user(user_id: str, team_id: str) -> Json:
    return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(),
            "team_id": team_id}


def _trigger_id() -> str:
    nonce = hashlib.md5(str(time.time_ns()).encode()).hexdigest()
    return f"{int(time.time())}.{TEAM_ID[1:]}.{nonce}"


def _action_ts() -> str:
    return f"{time.time():.6f}"


# -- builders -----------------------------------------------------------------------------------
def slash_command(
    text: str = "", user_id: str = PRACTITIONER_ID, channel_id: str = "D0DM00001",
    team_id: str = TEAM_ID, response_url: str = "https://hooks.slack.com/commands/T/1/x",
    trigger_id: str | None = None, *, command: str = "/infoshare", channel_name: str | None = None,
    delivery: Delivery = DEFAULT_DELIVERY,
) -> SlackRequest:
    """`/infoshare <text>` typed in `channel_id` (a D... channel is a DM with the bot)."""
    name = channel_name or ("directmessage" if channel_id.startswith("D") else "general")
    return _form({
        "token": VERIFICATION_TOKEN, "team_id": team_id, "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id, "channel_name": name, "user_id": user_id,
        "user_name": user_id.lower(), "command": command, "text": text, "api_app_id": APP_ID,
        "is_enterprise_install": "false", "response_url": response_url,
        "trigger_id": trigger_id or _trigger_id(),
    }, delivery)


def block_action(
    action_id: str, value: str = "", user_id: str = PRACTITIONER_ID,
    channel_id: str = "D0DM00001", message_ts: str = "1700000000.000100",
    team_id: str = TEAM_ID, trigger_id: str | None = None,
    response_url: str = "https://hooks.slack.com/actions/T/1/x", block_id: str = "actions",
    *, message: Mapping[str, Any] | None = None, button_text: str = "Button",
    delivery: Delivery = DEFAULT_DELIVERY, home_view_id: str | None = None,
    selected: bool = False,
) -> SlackRequest:
    """A button click on a bot message in the DM (`selected`: an overflow menu's option of
    that value chosen instead). Pass `message` (for example
    `slack.message(channel, ts)` from FakeSlack) to carry the real blocks that were clicked;
    `home_view_id` makes it a click on the App Home tab instead (no message, no channel)."""
    clicked = dict(message) if message is not None else {
        "type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "app_id": APP_ID,
        "team": team_id, "ts": message_ts, "text": "", "blocks": [],
    }
    payload: Json = {
        "type": "block_actions", "user": _user(user_id, team_id), "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel_id,
                      "is_ephemeral": False},
        "trigger_id": trigger_id or _trigger_id(),
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None, "is_enterprise_install": False,
        "channel": {"id": channel_id, "name": "directmessage"},
        "message": clicked, "state": {"values": {}}, "response_url": response_url,
        "actions": [{
            "action_id": action_id, "block_id": block_id,
            "text": {"type": "plain_text", "text": button_text, "emoji": True},
            "value": value, "type": "button", "action_ts": _action_ts(),
        }],
    }
    if selected:
        payload["actions"][0] = {
            "action_id": action_id, "block_id": block_id, "type": "overflow",
            "selected_option": {"text": {"type": "plain_text", "text": button_text},
                                "value": value},
            "action_ts": payload["actions"][0]["action_ts"],
        }
    if home_view_id is not None:
        payload["container"] = {"type": "view", "view_id": home_view_id}
        payload["view"] = {"id": home_view_id, "type": "home"}
        for key in ("channel", "message"):
            payload.pop(key)
    return _interactive(payload, delivery)


def view_submission(
    callback_id: str, private_metadata: str = "",
    state_values: Mapping[str, Mapping[str, Json]] | None = None,
    user_id: str = PRACTITIONER_ID, team_id: str = TEAM_ID, *, view_id: str = "V0SUBMIT1",
    blocks: list[Json] | None = None, delivery: Delivery = DEFAULT_DELIVERY,
) -> SlackRequest:
    """A modal submitted. `state_values` is `{block_id: {action_id: element_state}}`, see
    `text_value` and `selected_option`."""
    view = {
        "id": view_id, "team_id": team_id, "type": "modal", "blocks": blocks or [],
        "private_metadata": private_metadata, "callback_id": callback_id,
        "state": {"values": dict(state_values or {})}, "hash": "1700000000.fakehash",
        "title": {"type": "plain_text", "text": "Record decision", "emoji": True},
        "clear_on_close": False, "notify_on_close": False, "close": None,
        "submit": {"type": "plain_text", "text": "Record", "emoji": True},
        "previous_view_id": None, "root_view_id": view_id, "app_id": APP_ID,
        "external_id": "", "app_installed_team_id": team_id, "bot_id": BOT_ID,
    }
    payload = {
        "type": "view_submission", "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, team_id), "api_app_id": APP_ID, "token": VERIFICATION_TOKEN,
        "trigger_id": _trigger_id(), "view": view, "response_urls": [],
        "is_enterprise_install": False, "enterprise": None,
    }
    return _interactive(payload, delivery)


def view_closed(
    callback_id: str, private_metadata: str = "",
    state_values: Mapping[str, Mapping[str, Json]] | None = None,
    user_id: str = PRACTITIONER_ID, team_id: str = TEAM_ID, *, is_cleared: bool = False,
    view_id: str = "V0SUBMIT1", delivery: Delivery = DEFAULT_DELIVERY,
) -> SlackRequest:
    """A modal opened with `notify_on_close` closed by its Cancel button (or, `is_cleared`,
    cleared by the app): Slack sends the view as it stood, its inputs' values included."""
    view = {
        "id": view_id, "team_id": team_id, "type": "modal", "blocks": [],
        "private_metadata": private_metadata, "callback_id": callback_id,
        "state": {"values": dict(state_values or {})}, "hash": "1700000000.fakehash",
        "title": {"type": "plain_text", "text": "Record decision", "emoji": True},
        "clear_on_close": False, "notify_on_close": True,
        "close": {"type": "plain_text", "text": "Cancel", "emoji": True},
        "previous_view_id": None, "root_view_id": view_id, "app_id": APP_ID,
        "external_id": "", "app_installed_team_id": team_id, "bot_id": BOT_ID,
    }
    payload = {
        "type": "view_closed", "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, team_id), "api_app_id": APP_ID, "token": VERIFICATION_TOKEN,
        "view": view, "is_cleared": is_cleared, "is_enterprise_install": False,
        "enterprise": None,
    }
    return _interactive(payload, delivery)


def text_value(value: str | None) -> Json:
    """The state of a plain_text_input element in a view submission."""
    return {"type": "plain_text_input", "value": value}


def selected_option(value: str, text: str = "", kind: str = "static_select") -> Json:
    """The state of a static_select (or `kind="radio_buttons"`) element."""
    option = {"text": {"type": "plain_text", "text": text or value, "emoji": True},
              "value": value}
    return {"type": kind, "selected_option": option}


def message_im(
    text: str, user_id: str = PRACTITIONER_ID, channel_id: str = "D0DM00001",
    event_id: str = "Ev0000000001", team_id: str = TEAM_ID, bot_id: str | None = None,
    subtype: str | None = None, *, ts: str | None = None, delivery: Delivery = DEFAULT_DELIVERY,
) -> SlackRequest:
    """A `message.im` event: `text` typed in the DM. With `bot_id`, the message came from a
    bot (Slack echoes the app's own posts as events too)."""
    now = time.time()
    message_ts = ts or f"{now:.6f}"
    event: Json = {
        "type": "message", "channel": channel_id, "user": user_id, "text": text,
        "ts": message_ts, "event_ts": message_ts, "channel_type": "im", "team": team_id,
        "blocks": [{"type": "rich_text", "block_id": "rt0", "elements": [
            {"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}]}],
    }
    if bot_id is None:
        event["client_msg_id"] = hashlib.md5(event_id.encode()).hexdigest()
    else:
        event.update({"bot_id": bot_id, "app_id": APP_ID})
    if subtype is not None:
        event["subtype"] = subtype
    payload = {
        "token": VERIFICATION_TOKEN, "team_id": team_id, "api_app_id": APP_ID, "event": event,
        "type": "event_callback", "event_id": event_id, "event_time": int(now),
        "authorizations": [{"enterprise_id": None, "team_id": team_id,
                            "user_id": BOT_USER_ID, "is_bot": True,
                            "is_enterprise_install": False}],
        "is_ext_shared_channel": False, "event_context": f"4-{event_id}",
    }
    return _event(payload, delivery)


def app_home_opened(
    user_id: str = PRACTITIONER_ID, event_id: str = "EvHome000001", team_id: str = TEAM_ID,
    tab: str = "home", *, delivery: Delivery = DEFAULT_DELIVERY, channel_id: str = "D0DM00001",
) -> SlackRequest:
    """An `app_home_opened` event: the user opened the app's Home (or Messages) tab."""
    now = time.time()
    event: Json = {
        "type": "app_home_opened", "user": user_id, "channel": channel_id, "tab": tab,
        "event_ts": f"{now:.6f}",
    }
    payload = {
        "token": VERIFICATION_TOKEN, "team_id": team_id, "api_app_id": APP_ID, "event": event,
        "type": "event_callback", "event_id": event_id, "event_time": int(now),
        "authorizations": [{"enterprise_id": None, "team_id": team_id,
                            "user_id": BOT_USER_ID, "is_bot": True,
                            "is_enterprise_install": False}],
        "is_ext_shared_channel": False, "event_context": f"4-{event_id}",
    }
    return _event(payload, delivery)


def url_verification(challenge: str, *, delivery: Delivery = DEFAULT_DELIVERY) -> SlackRequest:
    payload = {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
    return _event(payload, delivery)


# -- sending ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SlackReply:
    status: int
    headers: dict[str, str]
    text: str

    def json(self) -> Any:
        return json.loads(self.text)


class SlackSender:
    """Posts SlackRequests to the app's endpoint, as Slack would."""

    def __init__(self, base_url: str, signing_secret: str = SIGNING_SECRET,
                 path: str = "/slack/events") -> None:
        self.url = base_url.rstrip("/") + path
        self.signing_secret = signing_secret
        self._session: aiohttp.ClientSession | None = None

    def delivery(self, **knobs: Any) -> Delivery:
        """A Delivery signed with this sender's secret, with any other knobs given."""
        return replace(Delivery(secret=self.signing_secret), **knobs)

    async def post(self, request: SlackRequest) -> SlackReply:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        body, headers = request
        async with self._session.post(self.url, data=body, headers=headers) as response:
            return SlackReply(response.status, dict(response.headers), await response.text())

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> SlackSender:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
