"""A local stand-in for Slack's Socket Mode, on top of `FakeSlack`'s Web API.

The app's Socket Mode client calls `apps.connections.open` with the app-level token
(`Authorization: Bearer xapp-...`) at its Web API base URL, and opens the `ws://` URL it is
given. `FakeSocketMode` answers that call and serves the websocket on 127.0.0.1: on connect it
sends Slack's `hello`, then whatever envelopes the test pushes, and records each ack.

    async with FakeSocketMode(app_token=APP_TOKEN) as slack:
        ...  # start the app with SLACK_API_URL=slack.api_url, SLACK_APP_TOKEN=APP_TOKEN
        await slack.wait_connected()
        envelope_id = await slack.send_request(slash_command(channel_id=dm))
        ack = await slack.wait_for_ack(envelope_id)

`send_request` takes the same `SlackRequest`s the HTTP tests send (tests/slack_requests.py) and
delivers their payloads as Socket Mode envelopes: a slash command's form fields as a dict,
interactivity's `payload` JSON, an event's JSON body; the Events API retry headers become
`retry_attempt` / `retry_reason`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from aiohttp import WSMsgType, web

from tests.fakeslack import APP_ID, FakeSlack
from tests.slack_requests import SlackRequest

Json = dict[str, Any]

HELLO: Json = {
    "type": "hello",
    "num_connections": 1,
    "debug_info": {"host": "applink-fake", "build_number": 1, "approximate_connection_time": 18060},
    "connection_info": {"app_id": APP_ID},
}


@dataclass(frozen=True)
class Ack:
    """One acknowledgement the app sent back over the websocket."""

    envelope_id: str
    payload: Json | None


class FakeSocketMode(FakeSlack):
    """FakeSlack that also answers `apps.connections.open` and serves the Socket Mode link."""

    def __init__(self, *, app_token: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.app_token = app_token
        self.acks: list[Ack] = []
        self.connections = 0  # websockets opened so far
        self.sent: list[Json] = []  # envelopes pushed, in order
        self._sockets: list[web.WebSocketResponse] = []
        self._socket_changed: asyncio.Condition | None = None
        self._link_runner: web.AppRunner | None = None
        self._link_url = ""
        self._tickets = itertools.count(1)
        self._envelopes = itertools.count(1)

    # -- lifecycle ---------------------------------------------------------------------------
    async def start(self) -> None:
        self._socket_changed = asyncio.Condition()
        link = web.Application()
        link.router.add_get("/link", self._handle_link)
        self._link_runner = web.AppRunner(link, access_log=None)
        await self._link_runner.setup()
        await web.TCPSite(self._link_runner, "127.0.0.1", 0).start()
        host, port = self._link_runner.addresses[0][:2]
        self._link_url = f"ws://{host}:{port}/link"
        await super().start()

    async def stop(self) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._link_runner is not None:
            await self._link_runner.cleanup()
            self._link_runner = None
        await super().stop()

    # -- inspection --------------------------------------------------------------------------
    @property
    def open_connections(self) -> int:
        return sum(1 for socket in self._sockets if not socket.closed)

    async def wait_connected(self, count: int = 1, timeout: float = 5.0) -> None:
        """Wait until `count` websockets have been opened (and greeted) in all."""
        await self._wait_socket(
            lambda: self.connections >= count,
            timeout,
            lambda: f"{count} connection(s), saw {self.connections}",
        )

    async def wait_disconnected(self, timeout: float = 5.0) -> None:
        """Wait until no websocket is open (the app closed its connection)."""
        await self._wait_socket(
            lambda: self.open_connections == 0,
            timeout,
            lambda: f"no open connection, {self.open_connections} open",
        )

    async def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> Ack:
        """Wait for the app's ack of `envelope_id` and return it."""

        def found() -> list[Ack]:
            return [ack for ack in self.acks if ack.envelope_id == envelope_id]

        await self._wait_socket(
            lambda: bool(found()),
            timeout,
            lambda: f"an ack of {envelope_id}, acks: {[a.envelope_id for a in self.acks]}",
        )
        return found()[0]

    def acks_of(self, envelope_id: str) -> list[Ack]:
        return [ack for ack in self.acks if ack.envelope_id == envelope_id]

    # -- pushing envelopes -------------------------------------------------------------------
    async def send_envelope(
        self,
        kind: str,
        payload: Json,
        *,
        accepts_response_payload: bool = False,
        retry_attempt: int | None = None,
        retry_reason: str = "",
        envelope_id: str | None = None,
    ) -> str:
        """Push one envelope over the newest open connection; returns its envelope_id."""
        envelope_id = envelope_id or f"fake-envelope-{next(self._envelopes):06d}"
        envelope: Json = {
            "envelope_id": envelope_id,
            "payload": payload,
            "type": kind,
            "accepts_response_payload": accepts_response_payload,
        }
        if kind == "events_api":
            envelope["retry_attempt"] = retry_attempt or 0
            envelope["retry_reason"] = retry_reason
        live = [socket for socket in self._sockets if not socket.closed]
        if not live:
            raise AssertionError("FakeSocketMode: no open connection to send an envelope on")
        await live[-1].send_json(envelope)
        self.sent.append(envelope)
        return envelope_id

    async def send_request(self, request: SlackRequest, **knobs: Any) -> str:
        """Deliver an HTTP-mode `SlackRequest` as the envelope Socket Mode would carry."""
        kind, payload = envelope_of(request)
        retry = request.headers.get("X-Slack-Retry-Num")
        if retry is not None:
            knobs.setdefault("retry_attempt", int(retry))
            knobs.setdefault("retry_reason", request.headers.get("X-Slack-Retry-Reason", ""))
        knobs.setdefault("accepts_response_payload", kind != "events_api")
        return await self.send_envelope(kind, payload, **knobs)

    # -- Web API: apps.connections.open ------------------------------------------------------
    def _answer(
        self, method: str, params: Json, headers: Mapping[str, str]
    ) -> tuple[int, Json, dict[str, str]]:
        if method != "apps.connections.open":
            return super()._answer(method, params, headers)
        scheme, _, token = headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer" or not token:
            return 200, {"ok": False, "error": "not_authed"}, {}
        if not token.startswith("xapp-") or (
            self.app_token is not None and token != self.app_token
        ):
            return 200, {"ok": False, "error": "invalid_auth"}, {}
        return 200, {"ok": True, "url": f"{self._link_url}?ticket={next(self._tickets)}"}, {}

    # -- the websocket -----------------------------------------------------------------------
    async def _handle_link(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json(HELLO)
        await self._socket_event(lambda: self._sockets.append(socket))
        try:
            async for message in socket:
                if message.type == WSMsgType.TEXT:
                    await self._record_ack(message.data)
        finally:
            await self._socket_event(lambda: None)  # wake waiters for a disconnect
        return socket

    async def _record_ack(self, raw: str) -> None:
        body = json.loads(raw)
        if not isinstance(body, dict) or "envelope_id" not in body:
            raise AssertionError("FakeSocketMode: the app sent something that is not an ack")
        ack = Ack(str(body["envelope_id"]), body.get("payload"))
        await self._socket_event(lambda: self.acks.append(ack))

    async def _socket_event(self, change: Callable[[], None]) -> None:
        assert self._socket_changed is not None
        async with self._socket_changed:
            change()
            self.connections = len(self._sockets)
            self._socket_changed.notify_all()

    async def _wait_socket(
        self, done: Callable[[], bool], timeout: float, describe: Callable[[], str]
    ) -> None:
        assert self._socket_changed is not None, "FakeSocketMode is not started"
        async with self._socket_changed:
            try:
                await asyncio.wait_for(self._socket_changed.wait_for(done), timeout)
            except TimeoutError:
                raise AssertionError(
                    f"FakeSocketMode: timed out after {timeout}s waiting for {describe()}"
                ) from None


def envelope_of(request: SlackRequest) -> tuple[str, Json]:
    """The Socket Mode envelope type and payload for an HTTP-mode request body."""
    body = request.body.decode()
    if request.headers.get("Content-Type", "").startswith("application/json"):
        payload: Json = json.loads(body)
        return "events_api", payload
    fields = {key: values[0] for key, values in parse_qs(body, keep_blank_values=True).items()}
    if "payload" in fields:
        interactive: Json = json.loads(fields["payload"])
        return "interactive", interactive
    return "slash_commands", fields
