"""The test harness itself: FakeSlack answers slack_sdk's real client as Slack would, and the
requests built in slack_requests verify (or, when forged or stale, fail) as Slack's would."""

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs

import pytest
from aiohttp import web
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from tests.fakeslack import BOT_ID, BOT_USER_ID, TEAM_ID, FakeSlack, manifest_bot_scopes
from tests.slack_requests import (
    SIGNING_SECRET,
    Delivery,
    SlackRequest,
    SlackSender,
    block_action,
    message_im,
    selected_option,
    slash_command,
    text_value,
    url_verification,
    view_submission,
)

USER = "U0PRACT01"
AUDIT = "C0AUDIT01"


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as fake:
        fake.add_channel(AUDIT, "infoshare-audit", is_private=True, is_member=True)
        yield fake


@pytest.fixture
def client(slack: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token="xoxb-fake", base_url=slack.api_url)


# -- Web API -----------------------------------------------------------------------------------
async def test_auth_test_names_the_bot(client: AsyncWebClient) -> None:
    reply = await client.auth_test()
    assert (reply["team_id"], reply["user_id"], reply["bot_id"]) == (TEAM_ID, BOT_USER_ID, BOT_ID)


async def test_post_message_ts_strictly_increases(client: AsyncWebClient) -> None:
    stamps = [(await client.chat_postMessage(channel=AUDIT, text=f"n{i}"))["ts"] for i in range(5)]
    assert stamps[0] == "1700000000.000100"
    assert [float(s) for s in stamps] == sorted({float(s) for s in stamps})


async def test_post_to_user_id_lands_in_the_bots_dm(
    slack: FakeSlack, client: AsyncWebClient
) -> None:
    first = await client.chat_postMessage(channel=USER, text="Question 1")
    second = await client.chat_postMessage(channel=USER, text="Question 2")
    assert first["channel"].startswith("D")
    assert first["channel"] == second["channel"] == slack.dm_channel(USER)
    assert first["message"]["text"] == "Question 1"
    other = await client.chat_postMessage(channel="U0OTHER01", text="hi")
    assert other["channel"] != first["channel"]


async def test_blocks_are_decoded_and_update_replaces_them(
    slack: FakeSlack, client: AsyncWebClient
) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "Is there a purpose?"}}]
    posted = await client.chat_postMessage(channel=USER, text="q", blocks=blocks)
    assert slack.calls_to("chat.postMessage")[0].params["blocks"] == blocks
    answered = [{"type": "section", "text": {"type": "mrkdwn", "text": "Answered: yes"}}]
    await client.chat_update(channel=posted["channel"], ts=posted["ts"], text="a", blocks=answered)
    assert slack.message(posted["channel"], posted["ts"])["blocks"] == answered
    with pytest.raises(SlackApiError) as missing:
        await client.chat_update(channel=posted["channel"], ts="1.000001", text="x")
    assert missing.value.response["error"] == "message_not_found"


async def test_form_encoded_json_fields_are_decoded(
    slack: FakeSlack, client: AsyncWebClient
) -> None:
    blocks = [{"type": "divider"}]
    await client.api_call("chat.postMessage", data={"channel": AUDIT, "blocks": json.dumps(blocks)})
    assert slack.calls[-1].params == {"channel": AUDIT, "blocks": blocks}


async def test_missing_or_wrong_token_is_refused(slack: FakeSlack) -> None:
    for token, error in ((None, "not_authed"), ("xoxp-user", "invalid_auth")):
        with pytest.raises(SlackApiError) as refused:
            await AsyncWebClient(token=token, base_url=slack.api_url).auth_test()
        assert refused.value.response["error"] == error


async def test_unknown_method(client: AsyncWebClient) -> None:
    with pytest.raises(SlackApiError) as unknown:
        await client.api_call("chat.fly")
    assert unknown.value.response["error"] == "unknown_method"


async def test_conversations_info(slack: FakeSlack, client: AsyncWebClient) -> None:
    slack.add_channel("C0PUBLIC1", "general", is_private=False, is_member=True)
    audit = (await client.conversations_info(channel=AUDIT))["channel"]
    assert (audit["is_private"], audit["is_member"]) == (True, True)
    assert audit["name"] == "infoshare-audit"
    assert (await client.conversations_info(channel="C0PUBLIC1"))["channel"]["is_private"] is False
    with pytest.raises(SlackApiError) as unknown:
        await client.conversations_info(channel="C0NOPE001")
    assert unknown.value.response["error"] == "channel_not_found"


async def test_channel_membership_is_enforced(slack: FakeSlack, client: AsyncWebClient) -> None:
    slack.add_channel("C0OUTSIDE", "outside", is_private=True, is_member=False)
    with pytest.raises(SlackApiError) as refused:
        await client.chat_postMessage(channel="C0OUTSIDE", text="x")
    assert refused.value.response["error"] == "not_in_channel"


async def test_views_open_update_push(slack: FakeSlack, client: AsyncWebClient) -> None:
    modal = {"type": "modal", "callback_id": "record", "title": {"type": "plain_text", "text": "R"},
             "blocks": [], "private_metadata": "s1"}
    opened = (await client.views_open(trigger_id="1.2.abc", view=modal))["view"]
    assert opened["callback_id"] == "record" and opened["id"].startswith("V")
    assert slack.calls_to("views.open")[0].params["view"]["private_metadata"] == "s1"
    updated = await client.views_update(view_id=opened["id"], view={**modal, "blocks": [
        {"type": "divider"}]}, hash=opened["hash"])
    assert slack.view(opened["id"])["blocks"] == [{"type": "divider"}]
    with pytest.raises(SlackApiError) as stale:
        await client.views_update(view_id=opened["id"], view=modal, hash=opened["hash"])
    assert stale.value.response["error"] == "hash_conflict"
    assert updated["view"]["hash"] != opened["hash"]
    pushed = (await client.views_push(trigger_id="1.2.def", view=modal))["view"]
    assert pushed["id"] != opened["id"]


async def test_ephemeral_open_and_users(slack: FakeSlack, client: AsyncWebClient) -> None:
    slack.add_channel("C0GENERAL", "general", is_private=False, is_member=True)
    eph = await client.chat_postEphemeral(channel="C0GENERAL", user=USER, text="see DM")
    assert eph["message_ts"]
    assert (await client.conversations_open(users=USER))["channel"]["id"] == slack.dm_channel(USER)
    assert (await client.users_info(user=USER))["user"]["id"] == USER


async def test_manifest_scopes_are_enforced_when_asked() -> None:
    async with FakeSlack(scopes=manifest_bot_scopes()) as slack:
        slack.add_channel(AUDIT, "audit", is_private=True, is_member=True)
        client = AsyncWebClient(token="xoxb-t", base_url=slack.api_url)
        assert (await client.conversations_info(channel=AUDIT))["ok"]
        with pytest.raises(SlackApiError) as refused:
            await client.users_info(user=USER)
        assert refused.value.response["error"] == "missing_scope"
        assert refused.value.response["needed"] == "users:read"


async def test_history_returns_metadata_only_when_asked_newest_first_in_pages() -> None:
    async with FakeSlack(scopes=manifest_bot_scopes(), real_time_ts=True) as slack:
        slack.add_channel(AUDIT, "audit", is_private=True, is_member=True)
        client = AsyncWebClient(token="xoxb-t", base_url=slack.api_url)
        before = time.time()
        tagged = {"event_type": "decision", "event_payload": {"reference": "IS-1"}}
        for n in range(3):
            await client.chat_postMessage(channel=AUDIT, text=f"n{n}", metadata=tagged)
        assert float(slack.messages_in(AUDIT)[0]["ts"]) >= before - 1  # follows the clock
        plain = await client.conversations_history(channel=AUDIT)
        assert [m["text"] for m in plain["messages"]] == ["n2", "n1", "n0"]
        assert all("metadata" not in m for m in plain["messages"])
        page = await client.conversations_history(
            channel=AUDIT, include_all_metadata=True, limit=2
        )
        assert [m["metadata"] for m in page["messages"]] == [tagged, tagged]
        assert page["has_more"]
        rest = await client.conversations_history(
            channel=AUDIT, limit=2, cursor=page["response_metadata"]["next_cursor"]
        )
        assert [m["text"] for m in rest["messages"]] == ["n0"] and not rest["has_more"]
        later = await client.conversations_history(channel=AUDIT, oldest=f"{time.time() + 60}")
        assert later["messages"] == []


async def test_history_of_a_private_channel_needs_groups_history() -> None:
    async with FakeSlack(scopes=frozenset({"chat:write", "groups:read"})) as slack:
        slack.add_channel(AUDIT, "audit", is_private=True, is_member=True)
        client = AsyncWebClient(token="xoxb-t", base_url=slack.api_url)
        with pytest.raises(SlackApiError) as refused:
            await client.conversations_history(channel=AUDIT)
        assert refused.value.response["needed"] == "groups:history"


async def test_an_archived_channel_refuses_posts_and_says_so(
    slack: FakeSlack, client: AsyncWebClient
) -> None:
    slack.archive(AUDIT)
    assert (await client.conversations_info(channel=AUDIT))["channel"]["is_archived"] is True
    with pytest.raises(SlackApiError) as refused:
        await client.chat_postMessage(channel=AUDIT, text="x")
    assert refused.value.response["error"] == "is_archived"
    slack.archive(AUDIT, archived=False)
    assert (await client.chat_postMessage(channel=AUDIT, text="x"))["ok"]


async def test_a_delayed_answer_is_carried_out_first_and_answered_when_released(
    slack: FakeSlack,
) -> None:
    impatient = AsyncWebClient(
        token="xoxb-t", base_url=slack.api_url, timeout=1, retry_handlers=[]
    )
    release = slack.delay_next("chat.postMessage", where=lambda p: p.get("text") == "slow")
    with pytest.raises(TimeoutError):
        await impatient.chat_postMessage(channel=AUDIT, text="slow")
    assert [m["text"] for m in slack.messages_in(AUDIT)] == ["slow"]  # it was posted
    assert (await impatient.chat_postMessage(channel=AUDIT, text="quick"))["ok"]
    release.set()


# -- failure scripting -------------------------------------------------------------------------
async def test_429_carries_retry_after_and_is_not_retried(
    slack: FakeSlack, client: AsyncWebClient
) -> None:
    slack.fail_next("chat.postMessage", status=429, retry_after=7)
    with pytest.raises(SlackApiError) as limited:
        await client.chat_postMessage(channel=AUDIT, text="audit")
    assert limited.value.response.status_code == 429
    assert limited.value.response.headers["Retry-After"] == "7"
    assert limited.value.response["error"] == "ratelimited"
    assert len(slack.calls_to("chat.postMessage")) == 1
    assert (await client.chat_postMessage(channel=AUDIT, text="audit"))["ok"]


async def test_failures_are_queued_in_order(slack: FakeSlack, client: AsyncWebClient) -> None:
    slack.fail_next("chat.postMessage", status=500)
    slack.fail_next("chat.postMessage", status=429, retry_after=1)
    slack.error_next("chat.postMessage", "channel_not_found")
    statuses = []
    for _ in range(4):
        try:
            await client.chat_postMessage(channel=AUDIT, text="audit")
            statuses.append("ok")
        except SlackApiError as e:
            statuses.append(f"{e.response.status_code}:{e.response['error']}")
    assert statuses == ["500:internal_error", "429:ratelimited", "200:channel_not_found", "ok"]
    assert [c.ok for c in slack.calls_to("chat.postMessage")] == [False, False, False, True]


# -- synchronisation and recording -------------------------------------------------------------
async def test_wait_for_returns_when_calls_arrive(slack: FakeSlack, client: AsyncWebClient) -> None:
    waiter = asyncio.create_task(slack.wait_for("chat.postMessage", count=2))
    await client.chat_postMessage(channel=AUDIT, text="one")
    assert not waiter.done()
    await client.chat_postMessage(channel=AUDIT, text="two")
    calls = await waiter
    assert [c.params["text"] for c in calls] == ["one", "two"]


async def test_wait_for_filters_and_times_out_clearly(
    slack: FakeSlack, client: AsyncWebClient
) -> None:
    await client.chat_postMessage(channel=USER, text="dm")
    with pytest.raises(AssertionError, match=r"1 call\(s\) to chat.postMessage, saw 0"):
        await slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == AUDIT,
                             timeout=0.05)


async def test_response_url_posts_are_recorded(slack: FakeSlack) -> None:
    url = slack.response_url("cmd-1")
    await AsyncWebhookClient(url).send(text="Continuing in your DM", response_type="ephemeral")
    (post,) = await slack.wait_for_post("cmd-1")
    assert post.body == {"text": "Continuing in your DM", "response_type": "ephemeral"}


async def test_all_text_finds_strings_anywhere(slack: FakeSlack, client: AsyncWebClient) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "Reason: Jane Doe, SW1A 1AA"}}]
    await client.chat_postMessage(channel=AUDIT, text="summary", blocks=blocks)
    await client.views_open(trigger_id="t", view={"type": "modal", "blocks": [],
                                                  "private_metadata": "meta-0042"})
    await AsyncWebhookClient(slack.response_url("r")).send(text="posted 07700 900123")
    text = slack.all_text()
    for needle in ("Jane Doe", "SW1A 1AA", "meta-0042", "07700 900123"):
        assert needle in text
    assert "Someone Else" not in text


# -- signed requests ---------------------------------------------------------------------------
def _all_builders() -> list[SlackRequest]:
    return [
        slash_command("help"),
        block_action("answer_yes", "yes"),
        view_submission("record_decision", "s1", {"reasons": {"text": text_value("why")}}),
        message_im("yes", event_id="Ev01"),
        url_verification("challenge-1"),
    ]


def test_every_builder_verifies_with_slack_sdk() -> None:
    verifier = SignatureVerifier(SIGNING_SECRET)
    for body, headers in _all_builders():
        assert verifier.is_valid_request(body, headers)


def test_forged_and_stale_requests_do_not_verify() -> None:
    verifier = SignatureVerifier(SIGNING_SECRET)
    for delivery in (Delivery(forged=True), Delivery(stale=True),
                     Delivery(timestamp=int(time.time()) - 301), Delivery(secret="other")):
        body, headers = slash_command("help", delivery=delivery)
        assert not verifier.is_valid_request(body, headers)


def test_tampered_body_does_not_verify() -> None:
    body, headers = slash_command("help")
    assert not SignatureVerifier(SIGNING_SECRET).is_valid_request(body + b"&x=1", headers)


def test_retry_headers() -> None:
    _, headers = message_im("yes", delivery=Delivery(retry_num=2, retry_reason="http_error"))
    assert (headers["X-Slack-Retry-Num"], headers["X-Slack-Retry-Reason"]) == ("2", "http_error")
    assert "X-Slack-Retry-Num" not in message_im("yes")[1]


def _payload(request: SlackRequest) -> dict[str, Any]:
    form = parse_qs(request.body.decode())
    loaded = json.loads(form["payload"][0])
    assert isinstance(loaded, dict)
    return loaded


def test_slash_command_is_form_encoded() -> None:
    body, headers = slash_command("resume", channel_id="C0GENERAL", response_url="http://r/1")
    form = {k: v[0] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert (form["command"], form["text"], form["channel_id"]) == ("/infoshare", "resume",
                                                                   "C0GENERAL")
    assert form["response_url"] == "http://r/1" and form["trigger_id"]


def test_block_action_shape() -> None:
    message = {"type": "message", "ts": "1700000000.000300", "blocks": [{"type": "divider"}]}
    payload = _payload(block_action("answer_no", "no", message_ts="1700000000.000300",
                                    block_id="q1", message=message))
    assert payload["type"] == "block_actions"
    assert payload["container"]["message_ts"] == "1700000000.000300"
    assert payload["message"]["blocks"] == [{"type": "divider"}]
    (action,) = payload["actions"]
    assert (action["action_id"], action["value"], action["block_id"]) == ("answer_no", "no", "q1")
    assert action["action_ts"] and payload["trigger_id"] and payload["response_url"]


def test_view_submission_shape() -> None:
    values = {"basis": {"pick": selected_option("public_task", "Public task")}}
    payload = _payload(view_submission("record_decision", '{"s": 1}', values))
    view = payload["view"]
    assert (payload["type"], view["callback_id"], view["private_metadata"]) == (
        "view_submission", "record_decision", '{"s": 1}')
    assert view["state"]["values"]["basis"]["pick"]["selected_option"]["value"] == "public_task"


def test_message_im_shape() -> None:
    body, headers = message_im("not sure", event_id="Ev42", bot_id=None)
    payload = json.loads(body)
    assert headers["Content-Type"] == "application/json"
    assert (payload["type"], payload["event_id"]) == ("event_callback", "Ev42")
    assert payload["event"]["channel_type"] == "im" and "bot_id" not in payload["event"]
    assert payload["authorizations"][0]["user_id"] == BOT_USER_ID
    echoed = json.loads(message_im("Q1", user_id=BOT_USER_ID, bot_id=BOT_ID,
                                   subtype="bot_message").body)["event"]
    assert (echoed["bot_id"], echoed["subtype"]) == (BOT_ID, "bot_message")


# -- the harness against a bare Bolt app (not ours): shapes route as Slack's do ------------------
@pytest.fixture
async def bolt_app(slack: FakeSlack) -> AsyncIterator[tuple[str, list[str]]]:
    """A minimal real Bolt AsyncApp on loopback, wired to FakeSlack; yields (url, seen)."""
    seen: list[str] = []
    app = AsyncApp(
        signing_secret=SIGNING_SECRET,
        client=AsyncWebClient(token="xoxb-bare", base_url=slack.api_url),
    )

    @app.command("/infoshare")
    async def command(ack: AsyncAck, body: dict[str, Any]) -> None:
        seen.append(f"command:{body['text']}")
        await ack()
        await app.client.chat_postMessage(channel=body["user_id"], text="Question 1")

    @app.action("answer_yes")
    async def answer(ack: AsyncAck, body: dict[str, Any]) -> None:
        seen.append(f"action:{body['actions'][0]['value']}:{body['container']['message_ts']}")
        await ack()

    @app.view("record_decision")
    async def record(ack: AsyncAck, view: dict[str, Any]) -> None:
        seen.append(f"view:{view['state']['values']['reasons']['text']['value']}")
        await ack(response_action="errors", errors={"reasons": "Too short"})

    @app.event("message")
    async def dm(body: dict[str, Any]) -> None:
        seen.append(f"message:{body['event']['text']}")
        await app.client.chat_postMessage(channel=body["event"]["channel"], text="Noted")

    runner = web.AppRunner(app.web_app())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    yield f"http://{host}:{port}", seen
    await runner.cleanup()


async def test_bare_bolt_app_routes_every_request_shape(
    slack: FakeSlack, bolt_app: tuple[str, list[str]]
) -> None:
    url, seen = bolt_app
    async with SlackSender(url, SIGNING_SECRET) as sender:
        assert (await sender.post(slash_command("help", response_url=slack.response_url("c"))))\
            .status == 200
        (posted,) = await slack.wait_for("chat.postMessage")
        dm, ts = posted.response["channel"], posted.response["ts"]
        assert dm == slack.dm_channel(USER)
        click = block_action("answer_yes", "yes", channel_id=dm, message_ts=ts,
                             message=slack.message(dm, ts))
        assert (await sender.post(click)).status == 200
        submitted = await sender.post(
            view_submission("record_decision", "", {"reasons": {"text": text_value("short")}}))
        assert submitted.json() == {"response_action": "errors", "errors": {"reasons": "Too short"}}
        own = message_im("Question 1", user_id=BOT_USER_ID, channel_id=dm, event_id="Ev1",
                         bot_id=BOT_ID)
        assert (await sender.post(own)).status == 200
        assert (await sender.post(message_im("yes", channel_id=dm, event_id="Ev2"))).status == 200
        await slack.wait_for("chat.postMessage", count=2)
        challenge = await sender.post(url_verification("xyz"))
        assert challenge.json() == {"challenge": "xyz"}
    # Bolt drops the echo of its own post (same bot_id as auth.test) before any listener.
    assert seen == ["command:help", f"action:yes:{ts}", "view:short", "message:yes"]
    assert len(slack.calls_to("auth.test")) >= 1


async def test_bare_bolt_app_refuses_forged_and_stale_requests(
    slack: FakeSlack, bolt_app: tuple[str, list[str]]
) -> None:
    url, seen = bolt_app
    async with SlackSender(url, SIGNING_SECRET) as sender:
        for delivery in (sender.delivery(forged=True), sender.delivery(stale=True)):
            assert (await sender.post(slash_command("help", delivery=delivery))).status == 401
    assert seen == [] and slack.calls == []
