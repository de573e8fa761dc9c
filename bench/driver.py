"""Simulated practitioners: each runs a whole dialog through correctly signed requests and
waits on what the fake Slack sees (a DM post, a modal opening), never by polling.

A practitioner reads the buttons off the message the bot really posted, so every click carries
the value the bot made. When the server is killed, a practitioner waits for it to come back,
types `/infoshare resume` and carries on from whatever the bot shows.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.fake import BenchSlack, Seen
from tests.slack_requests import (
    SlackRequest,
    block_action,
    selected_option,
    slash_command,
    text_value,
    view_submission,
)

Json = dict[str, Any]
PATH = ("answer_yes", "answer_yes", "answer_yes", "answer_no", "answer_yes")  # share, no consent
FIELDS = {
    "reasons": "Concern about neglect; the school nurse needs the attendance pattern.",
    "information": "Attendance record",
    "shared_with": "Children's Social Care",
    "purpose": "So Children's Social Care can assess the risk of neglect.",
    "lawful_basis": "public_task",
    "consent": "not_sought_risk",
    "informed": "no_risk",
    "special_category": "none_included",
}
BASELINE_CLICKS = 7  # the same number of requests as a dialog: command, 7 clicks, 1 submission


class Interrupted(Exception):
    """The server went away (killed, refused the connection) or never answered."""


@dataclass
class Figures:
    acks: list[float] = field(default_factory=list)
    steps: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    completed: set[str] = field(default_factory=set)
    resumed: int = 0


@dataclass
class Driver:
    slack: BenchSlack
    urls: list[str]
    session: aiohttp.ClientSession
    figures: Figures
    wait_limit: float = 60.0
    up: asyncio.Event | None = None  # set while the server is up (kill runs only)
    confirming: set[str] = field(default_factory=set)  # sent a confirmation, maybe recorded
    _turn: itertools.count[int] = field(default_factory=itertools.count)
    _triggers: itertools.count[int] = field(default_factory=itertools.count)

    # -- transport ----------------------------------------------------------------------
    async def send(self, request: SlackRequest) -> tuple[int, str]:
        url = self.urls[next(self._turn) % len(self.urls)]  # replicas take turns
        started = time.monotonic()
        try:
            async with self.session.post(url + "/slack/events", data=request.body,
                                         headers=request.headers) as reply:
                text = await reply.text()
        except (aiohttp.ClientError, TimeoutError) as error:
            raise Interrupted(type(error).__name__) from None
        self.figures.acks.append(time.monotonic() - started)
        if reply.status != 200:
            raise Interrupted(f"HTTP {reply.status}")
        return reply.status, text

    async def expect(self, user: str, kind: str, sent: float) -> Seen:
        """The next thing of `kind` the bot does for `user`; its delay counts as a step."""
        inbox = self.slack.inbox(user)
        while True:
            try:
                seen = await asyncio.wait_for(inbox.get(), self.wait_limit)
            except TimeoutError:
                raise Interrupted(f"no {kind} in {self.wait_limit}s") from None
            if seen.kind == "killed":
                raise Interrupted("killed")
            if seen.kind == "reply" and kind != "reply":
                raise Interrupted(f"the bot replied: {_words(seen)}")
            if seen.kind == kind:
                self.figures.steps.append(seen.at - sent)
                return seen

    # -- infoshare ----------------------------------------------------------------------
    async def dialog(self, user: str) -> None:
        message: Seen | None
        try:
            message = await self._command(user, "")
        except Interrupted as why:
            message = await self._recover(user, why)
        while message is not None:
            try:
                await self._walk(user, message)
                self.figures.completed.add(user)
                return
            except Interrupted as why:
                message = await self._recover(user, why)

    async def _recover(self, user: str, why: Interrupted) -> Seen | None:
        """After a kill: wait for the server, resume, and go on from what it shows."""
        if self.up is None:
            raise why
        while True:
            await self.up.wait()
            _drain(self.slack.inbox(user))
            self.figures.resumed += 1
            try:
                seen = await self._command(user, "resume", expect="any")
                if seen.kind == "post":
                    return seen
                if user in self.confirming:
                    return None  # "nothing to resume" after a confirmation: it was recorded
                return await self._command(user, "")  # killed before the dialog was made
            except Interrupted:
                continue

    async def _command(self, user: str, text: str, expect: str = "post") -> Seen:
        request = slash_command(text, user_id=user, channel_id=self.slack.dm_channel(user),
                                response_url=self.slack.response_url(user))
        sent = time.monotonic()
        await self.send(request)
        if expect == "any":
            seen = await asyncio.wait_for(self.slack.inbox(user).get(), self.wait_limit)
            if seen.kind == "killed":
                raise Interrupted("killed")
            return seen
        return await self.expect(user, expect, sent)

    async def _walk(self, user: str, message: Seen) -> None:
        buttons = _buttons(message)
        if not buttons and user in self.confirming:
            return  # resumed onto the confirmation: the decision was recorded before the kill
        while "record_decision" not in buttons:
            value = buttons.get("answer_yes")
            if value is None:
                raise Interrupted(f"no answer buttons: {sorted(buttons)}")
            answered = int(value.split(":")[1])  # StepRef: dialog:answered:node
            message = await self._click(user, message, PATH[answered], buttons[PATH[answered]])
            buttons = _buttons(message)
        view = await self._click(user, message, "record_decision", buttons["record_decision"],
                                 expect="view")
        assert view.call is not None
        sent = time.monotonic()
        _, body = await self.send(_submission(user, view.call.params["view"]))
        pushed = json.loads(body)
        if pushed.get("response_action") != "push":
            raise Interrupted(f"the form was not accepted: {pushed.get('response_action')}")
        # Answered with a "checking" view; the preview replaces it when ready (a step).
        self.slack.show_view_for(user, pushed["view"])
        shown = await self.expect(user, "preview", sent)
        assert shown.call is not None
        preview = shown.call.params["view"]
        if preview.get("callback_id") != "preview_decision":
            raise Interrupted(f"no preview: {str(preview.get('blocks'))[:80]}")
        sent = time.monotonic()
        self.confirming.add(user)
        _, body = await self.send(view_submission(
            preview["callback_id"], preview["private_metadata"], {}, user_id=user,
            view_id="V0PREVIEW", blocks=preview.get("blocks")))
        answer = json.loads(body)
        if answer.get("response_action") == "update" and answer["view"].get("external_id"):
            self.slack.show_view_for(user, answer["view"])  # "recording...", updated later
        elif answer != {"response_action": "clear"}:
            raise Interrupted(f"the confirmation was refused: {body[:80]}")
        await self.expect(user, "post", sent)

    async def _click(self, user: str, on: Seen, action: str, value: str,
                     expect: str = "post") -> Seen:
        assert on.call is not None
        trigger = f"trigger-{next(self._triggers)}"
        self.slack.trigger_owner[trigger] = user
        request = block_action(
            action, value, user_id=user, channel_id=on.call.response["channel"],
            message_ts=on.call.response["ts"], message=on.call.response["message"],
            trigger_id=trigger, response_url=self.slack.response_url(user))
        sent = time.monotonic()
        await self.send(request)
        return await self.expect(user, expect, sent)

    # -- bare Bolt ----------------------------------------------------------------------
    async def baseline_dialog(self, user: str) -> None:
        message = await self._command(user, "")
        for _ in range(BASELINE_CLICKS):
            message = await self._click(user, message, "answer_yes", "1:0:q")
        sent = time.monotonic()
        await self.send(view_submission("record_decision", "", {}, user_id=user))
        await self.expect(user, "post", sent)
        self.figures.completed.add(user)


def _buttons(seen: Seen) -> dict[str, str]:
    assert seen.call is not None
    found: dict[str, str] = {}
    for block in seen.call.params.get("blocks") or []:
        if block.get("type") == "actions":
            for element in block.get("elements", []):
                found[element["action_id"]] = element.get("value", "")
    return found


def _submission(user: str, view: Json, values: Mapping[str, str] = FIELDS) -> SlackRequest:
    state: dict[str, dict[str, Json]] = {}
    for block in view.get("blocks", []):
        if block.get("type") == "input":
            element, value = block["element"], values.get(block["block_id"])
            entry = (selected_option(value) if element["type"] == "static_select" and value
                     else text_value(value))
            state[block["block_id"]] = {element["action_id"]: entry}
    return view_submission(view["callback_id"], view.get("private_metadata", ""), state,
                           user_id=user, blocks=view.get("blocks"))


def _drain(queue: asyncio.Queue[Seen]) -> None:
    while not queue.empty():
        queue.get_nowait()


def _words(seen: Seen) -> str:
    body = seen.reply.body if seen.reply is not None else {}
    return str(body.get("text", ""))[:80] if isinstance(body, dict) else "?"
