"""A local stand-in for Slack's Web API, for end-to-end tests of the real Bolt app.

`FakeSlack` is an aiohttp server on 127.0.0.1 (ephemeral port) that answers the Web API
methods the bot uses, records every call, and can be scripted to fail. Point the app at it
with `SLACK_API_URL=slack.api_url` (slack_sdk's `base_url`).

    async with FakeSlack() as slack:
        slack.add_channel("C0AUDIT01", "infoshare-audit", is_private=True, is_member=True)
        ...  # start the app with SLACK_API_URL=slack.api_url, send it signed requests
        await slack.wait_for("chat.postMessage", count=2)

Channels: `C`/`G` ids must be configured with `add_channel`; a DM (`D` id) exists once
`dm_channel(user)` or `conversations.open` or a `chat.postMessage` to a user ID created it.
Scopes: pass `scopes=manifest_bot_scopes()` to answer `missing_scope` as Slack would for any
method the manifest does not grant.

Messages keep their `metadata`; `conversations.history` returns it only with
`include_all_metadata`. `archive(channel)` makes posts there fail with `is_archived`;
`delay_next` answers a call only after it has been carried out and a delay has passed (or an
event is set), as a Slack that accepted a post but answered after the client gave up.
With `real_time_ts=True` message timestamps follow the clock (for `oldest`/`latest` windows).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import yaml
from aiohttp import web

TEAM_ID = "T0INFSHR1"
TEAM_DOMAIN = "infoshare-test"
BOT_USER_ID = "U0INFSBOT"
BOT_ID = "B0INFSBOT"
APP_ID = "A0INFSAPP"

# How long a test waits for the bot before failing. A bound, not a pause: a wait returns as soon
# as its condition holds, so a generous bound costs a passing test nothing, while a tight one
# fails tests on a machine busy with other suites.
WAIT_LIMIT = 30.0

MANIFEST_PATH = Path(__file__).resolve().parent.parent / "app.yaml"
_JSON_FIELDS = frozenset({"blocks", "attachments", "view", "metadata"})
_FIRST_TS_MICROS = 1_700_000_000_000_100

Json = dict[str, Any]


@dataclass(frozen=True)
class Call:
    """One recorded Web API call and the answer the fake gave."""

    method: str
    params: Json
    headers: dict[str, str]
    status: int
    response: Json

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response.get("ok"))


@dataclass(frozen=True)
class ResponsePost:
    """One POST to a `response_url` handed out by `FakeSlack.response_url`."""

    name: str
    body: Any
    headers: dict[str, str]


@dataclass(frozen=True)
class _Scripted:
    status: int
    error: str
    retry_after: int | None = None


@dataclass(frozen=True)
class _Delay:
    release: asyncio.Event
    seconds: float | None
    where: Callable[[Json], bool] | None
    # Set by `hold_next`: the call is carried out only when released (it arrives late).
    arrived: asyncio.Event | None = None


@dataclass
class Channel:
    id: str
    name: str
    is_private: bool
    is_member: bool
    is_im: bool = False
    user: str | None = None
    is_archived: bool = False

    def info(self) -> Json:
        return {
            "id": self.id, "name": self.name, "is_channel": not self.is_private and not self.is_im,
            "is_group": self.is_private, "is_im": self.is_im, "is_private": self.is_private,
            "is_member": self.is_member, "is_archived": self.is_archived, "created": 1_700_000_000,
            "context_team_id": TEAM_ID, **({"user": self.user} if self.user else {}),
        }


def manifest_bot_scopes(path: Path = MANIFEST_PATH) -> frozenset[str]:
    """The bot scopes granted by the app manifest (`app.yaml`)."""
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frozenset(manifest["oauth_config"]["scopes"]["bot"])


class SlackError(Exception):
    """Raised inside a method handler to answer `{"ok": false, "error": ...}`."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra


@dataclass
class _State:
    channels: dict[str, Channel] = field(default_factory=dict)
    dms: dict[str, str] = field(default_factory=dict)
    messages: dict[tuple[str, str], Json] = field(default_factory=dict)
    views: dict[str, Json] = field(default_factory=dict)
    usergroups: dict[str, list[str]] = field(default_factory=dict)
    home_views: dict[str, Json] = field(default_factory=dict)  # user -> published Home tab
    ts_counter: int = 0
    last_ts_micros: int = 0
    id_counter: int = 0


class FakeSlack:
    """A recording, scriptable fake of Slack's Web API and of response_url endpoints."""

    def __init__(
        self, *, token: str | None = None, scopes: frozenset[str] | None = None,
        real_time_ts: bool = False,
    ) -> None:
        self.token = token
        self.scopes = scopes
        self.real_time_ts = real_time_ts
        self._delays: defaultdict[str, deque[_Delay]] = defaultdict(deque)
        self._held: list[asyncio.Event] = []
        self.calls: list[Call] = []
        self.response_posts: list[ResponsePost] = []
        self._state = _State()
        self._scripted: defaultdict[str, deque[_Scripted]] = defaultdict(deque)
        self._changed: asyncio.Condition | None = None
        self._runner: web.AppRunner | None = None
        self._base_url = ""

    # -- lifecycle ---------------------------------------------------------------------------
    async def start(self) -> None:
        self._changed = asyncio.Condition()
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._handle_api)
        app.router.add_post("/response/{name}", self._handle_response_url)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        # As deep as the bot's own (bot.slack.server.LISTEN_BACKLOG): a burst of practitioners makes
        # a burst of Web API calls, each on a new connection.
        await web.TCPSite(self._runner, "127.0.0.1", 0, backlog=1024).start()
        host, port = self._runner.addresses[0][:2]
        self._base_url = f"http://{host}:{port}"

    async def stop(self) -> None:
        for release in self._held:  # let delayed answers finish so the server can close
            release.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def api_url(self) -> str:
        if not self._base_url:
            raise RuntimeError("FakeSlack is not started")
        return f"{self._base_url}/api/"

    def response_url(self, name: str) -> str:
        """A URL on the fake that records posts, like the response_url in a Slack payload."""
        if not self._base_url:
            raise RuntimeError("FakeSlack is not started")
        return f"{self._base_url}/response/{name}"

    # -- configuration -----------------------------------------------------------------------
    def add_channel(self, id: str, name: str, is_private: bool, is_member: bool) -> None:
        self._state.channels[id] = Channel(id, name, is_private, is_member)

    def add_usergroup(self, id: str, users: list[str]) -> None:
        """A user group (`S...`) and its members, for `usergroups.users.list`."""
        self._state.usergroups[id] = list(users)

    def home_view(self, user_id: str) -> Json:
        """The Home tab last published for `user_id` (`views.publish`)."""
        return self._state.home_views[user_id]

    def dm_channel(self, user_id: str) -> str:
        """The ID of the bot's DM with `user_id`, created on first use as Slack does."""
        if user_id not in self._state.dms:
            dm_id = f"D0DM{len(self._state.dms) + 1:05d}"
            self._state.dms[user_id] = dm_id
            self._state.channels[dm_id] = Channel(
                dm_id, user_id, is_private=True, is_member=True, is_im=True, user=user_id
            )
        return self._state.dms[user_id]

    def fail_next(
        self, method: str, status: int = 500, retry_after: int | None = None, times: int = 1
    ) -> None:
        """Answer the next `times` calls to `method` with an HTTP error (429 is rate limiting)."""
        error = "ratelimited" if status == 429 else "internal_error"
        if status == 429 and retry_after is None:
            retry_after = 1
        for _ in range(times):
            self._scripted[method].append(_Scripted(status, error, retry_after))

    def archive(self, channel_id: str, archived: bool = True) -> None:
        self._state.channels[channel_id].is_archived = archived

    def delay_next(
        self, method: str, seconds: float | None = None, times: int = 1,
        where: Callable[[Json], bool] | None = None,
    ) -> asyncio.Event:
        """Carry out the next `times` calls to `method` (whose params match `where`) at once but
        answer each only after `seconds`, or when the returned event is set (`seconds=None`).
        The event is set by `stop()` at the latest."""
        release = asyncio.Event()
        self._held.append(release)
        for _ in range(times):
            self._delays[method].append(_Delay(release, seconds, where))
        return release

    def hold_next(
        self, method: str, where: Callable[[Json], bool] | None = None
    ) -> tuple[asyncio.Event, asyncio.Event]:
        """Hold the next call to `method` (whose params match `where`) before carrying it out,
        as if it were slow on the way to Slack: (set when it has arrived, set to carry it out).
        The release is set by `stop()` at the latest."""
        release, arrived = asyncio.Event(), asyncio.Event()
        self._held.append(release)
        self._delays[method].append(_Delay(release, None, where, arrived))
        return arrived, release

    def error_next(self, method: str, error: str, times: int = 1) -> None:
        """Answer the next `times` calls to `method` with HTTP 200 and `ok: false`."""
        for _ in range(times):
            self._scripted[method].append(_Scripted(200, error))

    def show_view(self, view: Json) -> Json:
        """What Slack does with a view_submission answered `response_action: push` (or
        `update`): it shows the view, which can then be updated by its id or external_id."""
        external_id = view.get("external_id")
        if external_id and any(
            v.get("external_id") == external_id for v in self._state.views.values()
        ):
            raise AssertionError(f"duplicate_external_id: {external_id}")
        return self._new_view(view)

    # -- inspection --------------------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def posts_to(self, name: str) -> list[ResponsePost]:
        return [post for post in self.response_posts if post.name == name]

    def message(self, channel: str, ts: str) -> Json:
        """A message as it stands now (after any chat.update)."""
        return self._state.messages[(channel, ts)]

    def messages_in(self, channel: str) -> list[Json]:
        return [m for (ch, _), m in sorted(self._state.messages.items()) if ch == channel]

    def view(self, view_id: str) -> Json:
        return self._state.views[view_id]

    def all_text(self) -> str:
        """Every string in every recorded call and response_url post, one per line."""
        bodies: list[Any] = [c.params for c in self.calls] + [p.body for p in self.response_posts]
        return "\n".join(_strings(bodies))

    async def wait_for(
        self, method: str, count: int = 1, timeout: float = WAIT_LIMIT,
        where: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Wait until `count` calls to `method` (matching `where`) are recorded; return them."""
        def matching() -> list[Call]:
            return [c for c in self.calls_to(method) if where is None or where(c)]

        await self._wait(lambda: len(matching()) >= count, timeout,
                         lambda: f"{count} call(s) to {method}, saw {len(matching())}")
        return matching()

    async def wait_for_post(
        self, name: str, count: int = 1, timeout: float = WAIT_LIMIT
    ) -> list[ResponsePost]:
        """Wait until `count` posts to `response_url(name)` are recorded; return them."""
        await self._wait(lambda: len(self.posts_to(name)) >= count, timeout,
                         lambda: f"{count} post(s) to response_url {name!r}, "
                                 f"saw {len(self.posts_to(name))}")
        return self.posts_to(name)

    async def _wait(self, done: Callable[[], bool], timeout: float,
                    describe: Callable[[], str]) -> None:
        assert self._changed is not None, "FakeSlack is not started"
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(done), timeout)
            except TimeoutError:
                seen = sorted({c.method for c in self.calls})
                raise AssertionError(
                    f"FakeSlack: timed out after {timeout}s waiting for {describe()}; "
                    f"methods called so far: {seen}"
                ) from None

    async def _record(self, item: Call | ResponsePost) -> None:
        assert self._changed is not None
        async with self._changed:
            if isinstance(item, Call):
                self.calls.append(item)
            else:
                self.response_posts.append(item)
            self._changed.notify_all()

    # -- HTTP --------------------------------------------------------------------------------
    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _read_params(request)
        headers = dict(request.headers)
        delay = self._take_delay(method, params)
        if delay is not None and delay.arrived is not None:
            delay.arrived.set()
            await delay.release.wait()
            delay = None
        status, body, extra_headers = self._answer(method, params, headers)
        await self._record(Call(method, params, headers, status, body))
        if delay is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(delay.release.wait(), delay.seconds)
        return web.json_response(body, status=status, headers=extra_headers)

    def _take_delay(self, method: str, params: Json) -> _Delay | None:
        queue = self._delays.get(method)
        for delay in list(queue or ()):
            if delay.where is None or delay.where(params):
                assert queue is not None
                queue.remove(delay)
                return delay
        return None

    def _answer(self, method: str, params: Json, headers: Mapping[str, str]
                ) -> tuple[int, Json, dict[str, str]]:
        auth_error = self._auth_error(headers.get("Authorization", ""))
        if auth_error:
            return 200, {"ok": False, "error": auth_error}, {}
        if self._scripted[method]:
            scripted = self._scripted[method].popleft()
            retry = {"Retry-After": str(scripted.retry_after)} if scripted.retry_after else {}
            return scripted.status, {"ok": False, "error": scripted.error}, retry
        handler = _METHODS.get(method)
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method"}, {}
        try:
            return 200, {"ok": True, **handler(self, params)}, {}
        except SlackError as e:
            return 200, {"ok": False, "error": e.error, **e.extra}, {}

    def _auth_error(self, authorization: str) -> str | None:
        scheme, _, token = authorization.partition(" ")
        if scheme != "Bearer" or not token:
            return "not_authed"
        if not token.startswith("xoxb-") or (self.token is not None and token != self.token):
            return "invalid_auth"
        return None

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        raw = await request.text()
        try:
            body: Any = json.loads(raw)
        except json.JSONDecodeError:
            body = raw
        await self._record(ResponsePost(request.match_info["name"], body, dict(request.headers)))
        return web.json_response({"ok": True})

    # -- helpers for the method handlers ------------------------------------------------------
    def _require_scope(self, scope: str) -> None:
        if self.scopes is not None and scope not in self.scopes:
            raise SlackError("missing_scope", needed=scope, provided=",".join(sorted(self.scopes)))

    def _next_ts(self) -> str:
        micros = _FIRST_TS_MICROS + 100 * self._state.ts_counter
        if self.real_time_ts:
            micros = max(time.time_ns() // 1000, self._state.last_ts_micros + 100)
        self._state.last_ts_micros = micros
        self._state.ts_counter += 1
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _next_id(self, prefix: str) -> str:
        self._state.id_counter += 1
        return f"{prefix}0{self._state.id_counter:08d}"

    def _channel(self, channel_ref: Any) -> Channel:
        ref = str(channel_ref or "")
        if ref.startswith("#"):
            found = [c for c in self._state.channels.values() if c.name == ref[1:]]
            if found:
                return found[0]
        if ref in self._state.channels:
            return self._state.channels[ref]
        raise SlackError("channel_not_found")

    def _postable_channel(self, channel_ref: Any) -> Channel:
        ref = str(channel_ref or "")
        if ref.startswith(("U", "W")):
            return self._state.channels[self.dm_channel(ref)]
        channel = self._channel(ref)
        if channel.is_archived:
            raise SlackError("is_archived")
        if not channel.is_member:
            raise SlackError("not_in_channel")
        return channel

    def _new_view(self, view: Any, previous: Json | None = None) -> Json:
        if not isinstance(view, dict) or not view.get("type"):
            raise SlackError("invalid_arguments")
        view_id = previous["id"] if previous else self._next_id("V")
        stored = {
            **view, "id": view_id, "team_id": TEAM_ID, "app_id": APP_ID, "bot_id": BOT_ID,
            "state": {"values": {}}, "hash": f"{self._next_ts()}.fakehash",
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
            "root_view_id": previous["root_view_id"] if previous else view_id,
            "previous_view_id": None,
        }
        self._state.views[view_id] = stored
        return stored


# -- Web API methods ---------------------------------------------------------------------------
def _auth_test(slack: FakeSlack, params: Json) -> Json:
    return {
        "url": f"https://{TEAM_DOMAIN}.slack.com/", "team": "Infoshare Test", "user": "infoshare",
        "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID,
        "is_enterprise_install": False,
    }


def _chat_post_message(slack: FakeSlack, params: Json) -> Json:
    slack._require_scope("chat:write")
    channel = slack._postable_channel(params.get("channel"))
    if not params.get("text") and not params.get("blocks") and not params.get("attachments"):
        raise SlackError("no_text")
    ts = slack._next_ts()
    message = {
        "type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "app_id": APP_ID,
        "team": TEAM_ID, "ts": ts, "text": params.get("text", ""),
        **({"blocks": params["blocks"]} if "blocks" in params else {}),
        **({"metadata": params["metadata"]} if isinstance(params.get("metadata"), dict) else {}),
    }
    slack._state.messages[(channel.id, ts)] = message
    return {"channel": channel.id, "ts": ts, "message": message}


def _chat_update(slack: FakeSlack, params: Json) -> Json:
    slack._require_scope("chat:write")
    channel = slack._channel(params.get("channel"))
    key = (channel.id, str(params.get("ts", "")))
    if key not in slack._state.messages:
        raise SlackError("message_not_found")
    message = slack._state.messages[key]
    message.update({k: params[k] for k in ("text", "blocks", "attachments") if k in params})
    message["edited"] = {"user": BOT_USER_ID, "ts": slack._next_ts()}
    return {"channel": channel.id, "ts": key[1], "text": message.get("text", ""),
            "message": message}


def _chat_post_ephemeral(slack: FakeSlack, params: Json) -> Json:
    slack._require_scope("chat:write")
    slack._postable_channel(params.get("channel"))
    if not params.get("user"):
        raise SlackError("user_not_in_channel")
    return {"message_ts": slack._next_ts()}


def _views_open(slack: FakeSlack, params: Json) -> Json:
    if not params.get("trigger_id"):
        raise SlackError("invalid_trigger_id")
    return {"view": slack._new_view(params.get("view"))}


def _views_push(slack: FakeSlack, params: Json) -> Json:
    return _views_open(slack, params)


def _views_update(slack: FakeSlack, params: Json) -> Json:
    views = slack._state.views
    view_id = params.get("view_id") or next(
        (v["id"] for v in views.values() if v.get("external_id") == params.get("external_id")),
        None,
    )
    if view_id not in views:
        raise SlackError("not_found")
    if params.get("hash") and params["hash"] != views[view_id]["hash"]:
        raise SlackError("hash_conflict")
    return {"view": slack._new_view(params.get("view"), previous=views[view_id])}


def _views_publish(slack: FakeSlack, params: Json) -> Json:
    user = str(params.get("user_id", ""))
    if not user.startswith(("U", "W")):
        raise SlackError("invalid_arguments")
    view = params.get("view")
    if not isinstance(view, dict) or view.get("type") != "home":
        raise SlackError("invalid_arguments")
    previous = slack._state.home_views.get(user)
    stored = slack._new_view(view, previous)
    slack._state.home_views[user] = stored
    return {"view": stored}


def _usergroups_users_list(slack: FakeSlack, params: Json) -> Json:
    slack._require_scope("usergroups:read")
    group = str(params.get("usergroup", ""))
    if group not in slack._state.usergroups:
        raise SlackError("no_such_subteam")
    return {"users": list(slack._state.usergroups[group])}


def _conversations_info(slack: FakeSlack, params: Json) -> Json:
    channel = slack._channel(params.get("channel"))
    scope = "im:read" if channel.is_im else "groups:read" if channel.is_private else "channels:read"
    slack._require_scope(scope)
    return {"channel": channel.info()}


def _conversations_history(slack: FakeSlack, params: Json) -> Json:
    """Newest first, `oldest`/`latest` exclusive, `limit` (default 100) with a cursor."""
    channel = slack._channel(params.get("channel"))
    scope = "im:history" if channel.is_im else (
        "groups:history" if channel.is_private else "channels:history"
    )
    slack._require_scope(scope)
    if not channel.is_member and channel.is_private:
        raise SlackError("channel_not_found")
    oldest = float(params.get("oldest") or 0)
    latest = float(params.get("latest") or "inf")
    with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
    found = [
        {k: v for k, v in message.items() if k != "metadata" or with_metadata}
        for message in reversed(slack.messages_in(channel.id))
        if oldest < float(message["ts"]) < latest
    ]
    start = int(params.get("cursor") or 0)
    limit = int(params.get("limit") or 100)
    page, more = found[start : start + limit], start + limit < len(found)
    return {"messages": page, "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""}}


def _conversations_open(slack: FakeSlack, params: Json) -> Json:
    slack._require_scope("im:write")
    users = [u for u in str(params.get("users", "")).split(",") if u]
    if len(users) != 1:
        raise SlackError("users_list_not_supplied" if not users else "not_implemented_in_fake")
    return {"channel": {"id": slack.dm_channel(users[0])}}


def _users_info(slack: FakeSlack, params: Json) -> Json:
    slack._require_scope("users:read")
    user = str(params.get("user", ""))
    if not user.startswith(("U", "W")):
        raise SlackError("user_not_found")
    return {"user": {"id": user, "team_id": TEAM_ID, "name": user.lower(), "deleted": False,
                     "is_bot": user == BOT_USER_ID, "tz": "Europe/London",
                     "profile": {"display_name": user.lower(), "real_name": ""}}}


_METHODS: dict[str, Callable[[FakeSlack, Json], Json]] = {
    "auth.test": _auth_test,
    "chat.postMessage": _chat_post_message,
    "chat.update": _chat_update,
    "chat.postEphemeral": _chat_post_ephemeral,
    "views.open": _views_open,
    "views.push": _views_push,
    "views.update": _views_update,
    "views.publish": _views_publish,
    "usergroups.users.list": _usergroups_users_list,
    "conversations.history": _conversations_history,
    "conversations.info": _conversations_info,
    "conversations.open": _conversations_open,
    "users.info": _users_info,
}


async def _read_params(request: web.Request) -> Json:
    params: Json = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json()
        if isinstance(body, dict):
            params.update(body)
    elif request.can_read_body:
        form = await request.post()
        params.update({k: v for k, v in form.items() if isinstance(v, str)})
    for key in _JSON_FIELDS & params.keys():
        if isinstance(params[key], str):
            with contextlib.suppress(json.JSONDecodeError):
                params[key] = json.loads(params[key])
    return params


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
