"""The real HTTP app, started on loopback against a fake Slack Web API, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qs

import pytest

from bot.settings import Mode, RateLimit, Settings
from bot.slack.audit_poster import PosterTimings
from bot.slack.server import Running, serving
from tests.e2e.held import HeldAnonymiser
from tests.fakeslack import TEAM_ID, WAIT_LIMIT, Call, FakeSlack, manifest_bot_scopes
from tests.slack_requests import (
    PRACTITIONER_ID,
    SIGNING_SECRET,
    SlackReply,
    SlackRequest,
    SlackSender,
    block_action,
    message_im,
    selected_option,
    slash_command,
    text_value,
    view_closed,
    view_submission,
)

Json = dict[str, Any]

AUDIT_CHANNEL = "G0AUDIT001"
BOT_TOKEN = "xoxb-fake"
SECRET_KEY = "k" * 40


class ScriptedSlack(FakeSlack):
    """FakeSlack that can also fail the next posts to one channel only, so a scripted failure
    meant for the audit channel cannot land on a post to the practitioner's DM instead."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._post_failures: defaultdict[str, deque[tuple[int, int | None, str | None]]] = (
            defaultdict(deque)
        )

    def fail_next_post_to(
        self, channel: str, status: int = 500, retry_after: int | None = None
    ) -> None:
        self._post_failures[channel].append((status, retry_after, None))

    def error_next_post_to(self, channel: str, error: str) -> None:
        """The next post to `channel` gets HTTP 200 with `{"ok": false, "error": error}`."""
        self._post_failures[channel].append((200, None, error))

    def _answer(
        self, method: str, params: Json, headers: Mapping[str, str]
    ) -> tuple[int, Json, dict[str, str]]:
        queue = self._post_failures.get(str(params.get("channel", "")))
        if method == "chat.postMessage" and queue:
            status, retry_after, error = queue.popleft()
            error = error or ("ratelimited" if status == 429 else "internal_error")
            extra = {"Retry-After": str(retry_after)} if retry_after is not None else {}
            return status, {"ok": False, "error": error}, extra
        return super()._answer(method, params, headers)


@pytest.fixture
async def slack() -> AsyncIterator[ScriptedSlack]:
    async with ScriptedSlack(scopes=manifest_bot_scopes(), real_time_ts=True) as fake:
        fake.add_channel(AUDIT_CHANNEL, "infoshare-audit", is_private=True, is_member=True)
        yield fake


# The tests drive the bot at machine speed, far faster than a person could; the default per-user
# limit is tested on its own (test_request_guards.py).
MACHINE_SPEED = RateLimit(burst=100_000, per_second=100_000.0)


def settings_for(
    slack: FakeSlack,
    database_url: str,
    *,
    rate_limit: RateLimit = MACHINE_SPEED,
    **overrides: str,
) -> Settings:
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "INFOSHARE_AUDIT_CHANNEL": AUDIT_CHANNEL,
        "INFOSHARE_SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": database_url,
        # These tests walk the 2018 flow's shape (SHARE_WITHOUT_CONSENT and others); a test
        # of another flow names it, and INFOSHARE_FLOW="" gives the default (hm-gov-2024).
        "INFOSHARE_FLOW": "hm-gov-2018",
        **overrides,
    }
    return replace(Settings.from_environment(Mode.HTTP, env, port=0), rate_limit=rate_limit)


@dataclass
class Bot:
    """A running bot and a sender of signed requests to it."""

    running: Running
    sender: SlackSender
    url: str
    extra: dict[str, Any] = field(default_factory=dict)


BotFactory = Callable[..., AbstractAsyncContextManager[Bot]]


@pytest.fixture(autouse=True)
def answer_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """A form (the record form, its confirmation, the ask, send, answer and note forms) is
    answered at once, without its outcome, when working it out takes longer than
    CHECK_SECONDS (0.5 s; bot/slack/pending.py): on a loaded test machine that could be any
    of them. Tests wait for the outcome (up to Bolt's 3 s) unless they test the other path
    (with the held anonymiser, or CHECK_SECONDS set to 0). A mark in the preview is always
    answered before its work."""
    from bot.slack import pending

    monkeypatch.setattr(pending, "CHECK_SECONDS", 2.5)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldAnonymiser]:
    """The anonymiser held on demand (tests/e2e/held.py)."""
    holder = HeldAnonymiser(monkeypatch)
    yield holder
    holder.release.set()  # never leave a worker thread waiting


@pytest.fixture
def start_bot(slack: FakeSlack, database_url: str) -> BotFactory:
    """Start (another) instance of the real app on the same database."""
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def started(
        timings: PosterTimings | None = None,
        *,
        rate_limit: RateLimit = MACHINE_SPEED,
        **overrides: str,
    ) -> AsyncIterator[Bot]:
        settings = settings_for(slack, database_url, rate_limit=rate_limit, **overrides)
        async with serving(settings, "127.0.0.1", 0, timings) as (running, port):
            url = f"http://127.0.0.1:{port}"
            async with SlackSender(url, SIGNING_SECRET) as sender:
                yield Bot(running, sender, url)

    return started


@pytest.fixture
async def bot(start_bot: BotFactory) -> AsyncIterator[Bot]:
    async with start_bot() as running:
        yield running


def payload_of(request: SlackRequest) -> Json:
    """The JSON payload inside a signed interactivity request."""
    payload: Json = json.loads(parse_qs(request.body.decode())["payload"][0])
    return payload


async def eventually(check: Callable[[], Any], timeout: float = WAIT_LIMIT) -> Any:
    """Poll an async `check` until it returns something truthy (for database state that no
    Slack call announces, such as the outbox row marked posted just after its post)."""
    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(0.02)


SHARE_WITHOUT_CONSENT = ("answer_yes", "answer_yes", "answer_yes", "answer_no", "answer_yes")
SHARE_FIELDS = {
    "purpose": "So Children's Social Care can assess the risk of neglect.",
    "reasons": "Concern about neglect; the school nurse needs the attendance pattern.",
    "information": "Attendance record",
    "shared_with": "Children's Social Care",
    "lawful_basis": "public_task",
    "consent": "not_sought_risk",
    "informed": "no_risk",
    "special_category": "none_included",
}


class Practitioner:
    """Drives the bot as a practitioner would: from the messages the bot really posted to
    their DM (as FakeSlack holds them), so every button value is the one the bot made."""

    def __init__(self, slack: FakeSlack, bot: Bot, user: str = PRACTITIONER_ID) -> None:
        self.slack = slack
        self.bot = bot  # reassign to talk to another instance
        self.user = user
        self._names = itertools.count(1)
        self._events = itertools.count(1)

    @property
    def dm(self) -> str:
        return self.slack.dm_channel(self.user)

    def response_name(self) -> str:
        return f"{self.user}-{next(self._names)}"

    # -- what the bot has shown ----------------------------------------------------------
    def _to_dm(self, call: Call) -> bool:
        return call.ok and call.response.get("channel") == self.dm

    def dm_posts(self) -> list[Call]:
        return [call for call in self.slack.calls_to("chat.postMessage") if self._to_dm(call)]

    def latest_ts(self) -> str:
        """The latest DM post with something to click (notes in between are skipped), or
        the latest post if none has."""
        posts = self.dm_posts()
        assert posts, "the bot has posted nothing to the DM"
        for call in reversed(posts):
            if any(block.get("type") == "actions" for block in call.params.get("blocks", [])):
                return str(call.response["ts"])
        return str(posts[-1].response["ts"])

    def notes(self) -> list[str]:
        """The top-level text of every DM post without buttons (notes), oldest first."""
        return [
            str(call.params.get("text", ""))
            for call in self.dm_posts()
            if not any(b.get("type") == "actions" for b in call.params.get("blocks", []))
        ]

    def message(self, ts: str | None = None) -> Json:
        return self.slack.message(self.dm, ts or self.latest_ts())

    def as_posted(self, ts: str) -> Json:
        """A DM message as first posted, before any update: what a client that has not
        refreshed yet (or a stale tab) still shows and lets the practitioner click."""
        for call in self.dm_posts():
            if call.response["ts"] == ts:
                # From the request: the fake's stored message (and its reply) is updated in place.
                return {
                    **{k: v for k, v in call.response["message"].items() if k != "edited"},
                    "text": call.params.get("text", ""),
                    "blocks": call.params.get("blocks", []),
                }
        raise AssertionError(f"no DM post with ts {ts}")

    def buttons(self, ts: str | None = None, *, as_posted: bool = False) -> dict[str, str]:
        """action_id -> value of every button on a DM message (as it stands now, or as it
        was first posted)."""
        ts = ts or self.latest_ts()
        message = self.as_posted(ts) if as_posted else self.message(ts)
        found: dict[str, str] = {}
        for block in message.get("blocks", []):
            for element in block.get("elements", []) if block.get("type") == "actions" else []:
                if element["type"] == "overflow":  # a menu's options, as the buttons they are
                    for option in element["options"]:
                        action, _, _ = option["value"].partition(" ")
                        found[action] = option["value"]
                else:
                    found[element["action_id"]] = element.get("value", "")
        return found

    async def wait_for_dm_posts(self, count: int) -> list[Call]:
        return await self.slack.wait_for("chat.postMessage", count, where=self._to_dm)

    async def wait_for_step(self, count: int) -> None:
        """Wait for the `count`th DM post and for the bot to have saved it as the dialog's
        current message (just after the post returns; a typed answer updates that message)."""
        await self.wait_for_dm_posts(count)
        ts = self.latest_ts()

        async def saved() -> bool:
            async with self.bot.running.services.db.transaction() as tx:
                dialog = await tx.dialogs.open_for(TEAM_ID, self.user)
            return dialog is not None and dialog.message_ts == ts

        await eventually(saved)

    # -- acting ---------------------------------------------------------------------------
    async def send(self, request: SlackRequest) -> SlackReply:
        return await self.bot.sender.post(request)

    async def command(self, text: str = "", channel: str | None = None) -> tuple[SlackReply, str]:
        """`/infoshare <text>`; returns the HTTP reply and the response_url name it carried."""
        name = self.response_name()
        request = slash_command(
            text,
            user_id=self.user,
            channel_id=channel or self.dm,
            response_url=self.slack.response_url(name),
        )
        return await self.send(request), name

    async def start(self) -> None:
        """`/infoshare` in the DM, and wait for the step it posts."""
        posted = len(self.dm_posts())
        reply, _ = await self.command()
        assert reply.status == 200
        await self.wait_for_step(posted + 1)

    def click_request(
        self,
        action_id: str,
        ts: str | None = None,
        response_name: str | None = None,
        *,
        as_posted: bool = False,
    ) -> SlackRequest:
        """A click on a button of a DM message; `as_posted` clicks the message as first
        posted (a stale copy whose buttons the bot has since removed)."""
        ts = ts or self.latest_ts()
        buttons = self.buttons(ts, as_posted=as_posted)
        value = buttons.get(action_id)
        assert value is not None, f"no {action_id} button on message {ts}: {buttons}"
        menu = value.startswith(f"{action_id} ")  # an option of the step's overflow menu
        return block_action(
            "step_more" if menu else action_id,
            value,
            selected=menu,
            user_id=self.user,
            channel_id=self.dm,
            message_ts=ts,
            message=self.as_posted(ts) if as_posted else self.message(ts),
            response_url=self.slack.response_url(response_name or self.response_name()),
        )

    async def click(self, action_id: str, ts: str | None = None) -> tuple[SlackReply, str]:
        name = self.response_name()
        reply = await self.send(self.click_request(action_id, ts, name))
        assert reply.status == 200
        return reply, name

    async def answer(self, action_id: str) -> None:
        """Click a button on the latest message and wait for the next step to be posted."""
        posted = len(self.dm_posts())
        await self.click(action_id)
        await self.wait_for_step(posted + 1)

    async def walk(self, action_ids: tuple[str, ...]) -> None:
        for action_id in action_ids:
            await self.answer(action_id)

    def event_id(self) -> str:
        return f"Ev{self.user}{next(self._events):06d}"

    async def say(
        self, text: str, event_id: str | None = None, **knobs: Any
    ) -> tuple[SlackReply, str]:
        event_id = event_id or self.event_id()
        request = message_im(
            text, user_id=self.user, channel_id=self.dm, event_id=event_id, **knobs
        )
        reply = await self.send(request)
        assert reply.status == 200
        return reply, event_id

    # -- recording ------------------------------------------------------------------------
    async def open_record_modal(self) -> Json:
        opened = len(self.slack.calls_to("views.open"))
        await self.click("record_decision")
        calls = await self.slack.wait_for("views.open", opened + 1)
        view: Json = calls[-1].params["view"]
        return view

    def submission(self, view: Json, values: Mapping[str, str]) -> SlackRequest:
        """The modal submitted with `values` filled in, shaped by the modal's own inputs."""
        return view_submission(
            view["callback_id"],
            view.get("private_metadata", ""),
            self.modal_state(view, values),
            user_id=self.user,
            blocks=view.get("blocks"),
        )

    def cancellation(
        self, view: Json, values: Mapping[str, str], *, is_cleared: bool = False
    ) -> SlackRequest:
        """The modal closed with Cancel (`values` typed in it), as Slack reports it."""
        return view_closed(
            view["callback_id"],
            view.get("private_metadata", ""),
            self.modal_state(view, values),
            user_id=self.user,
            is_cleared=is_cleared,
        )

    @staticmethod
    def modal_state(view: Json, values: Mapping[str, str]) -> dict[str, dict[str, Json]]:
        """`view.state.values` with `values` in the modal's own inputs (the rest as shown)."""
        state: dict[str, dict[str, Json]] = {}
        for block in view.get("blocks", []):
            if block.get("type") != "input":
                continue
            element = block["element"]
            # As Slack does: what the form was opened with stays unless the test types over it.
            shown = (element.get("initial_option") or {}).get("value", element.get("initial_value"))
            value = values.get(block["block_id"], shown)
            if element["type"] == "static_select":
                entry = (
                    selected_option(value)
                    if value is not None
                    else {"type": "static_select", "selected_option": None}
                )
            else:
                entry = text_value(value)
            state[block["block_id"]] = {element["action_id"]: entry}
        return state

    def confirmation(self, preview: Json) -> SlackRequest:
        return view_submission(
            preview["callback_id"],
            preview["private_metadata"],
            {},
            user_id=self.user,
            view_id="V0PREVIEW",
            blocks=preview.get("blocks"),
        )

    def checking(self, reply: SlackReply, action: str = "push") -> str:
        """A record form's submission is answered at once with a "checking" view pushed on top
        of the form (a mark in the preview: in its place, `action` "update"): Slack opens it
        (here, the fake); returns its external_id."""
        assert reply.status == 200, reply.text
        body = reply.json()
        assert body["response_action"] == action, body
        pushed = self.slack.show_view(body["view"])
        assert pushed["external_id"], pushed
        return str(pushed["external_id"])

    async def shown_in(self, external_id: str, timeout: float = 30.0) -> Json:
        """The view the bot put in place of the "checking" view `external_id` (the preview,
        or why there is none)."""
        calls = await self.slack.wait_for(
            "views.update",
            timeout=timeout,
            where=lambda call: call.ok and call.params.get("external_id") == external_id,
        )
        view: Json = calls[-1].params["view"]
        return view

    async def previewed(self, reply: SlackReply) -> Json:
        """The preview a record form's submission (`reply`, its answer) leads to."""
        return await self.shown_in(self.checking(reply))

    async def preview(self, values: Mapping[str, str] = SHARE_FIELDS) -> Json:
        """Open the record modal, submit it, and return the preview it leads to."""
        modal = await self.open_record_modal()
        reply = await self.send(self.submission(modal, values))
        return await self.previewed(reply)

    async def record(self, values: Mapping[str, str] = SHARE_FIELDS) -> Json:
        """From an outcome to a recorded decision; returns the confirmation ack body."""
        preview = await self.preview(values)
        posted = len(self.dm_posts())
        reply = await self.send(self.confirmation(preview))
        assert reply.status == 200, reply.text
        await self.wait_for_dm_posts(posted + 1)
        body: Json = reply.json()
        return body


@pytest.fixture
def practitioner(slack: FakeSlack, bot: Bot) -> Practitioner:
    return Practitioner(slack, bot)
