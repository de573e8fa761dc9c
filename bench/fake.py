"""The fake Slack Web API the benchmark drives both servers against.

`tests.fakeslack.FakeSlack` (an aiohttp server on loopback, listen backlog 1024) plus what a
burst needs: each practitioner's posts, modal openings and response_url replies are handed to
that practitioner's queue as they arrive, so a simulated practitioner waits on an event instead
of scanning every call; and two faults Slack really has: one `chat.postMessage` a second per
channel (429 with `Retry-After`) and a stretch of 500s on the audit channel.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tests.fakeslack import Call, FakeSlack, ResponsePost

Json = dict[str, Any]
RATE_WINDOW = 1.0  # seconds: Slack allows about one post a second per channel


@dataclass(frozen=True)
class Seen:
    """Something the bot did for one practitioner, and when the fake saw it."""

    # "post" (a DM message), "view" (views.open), "preview" (views.update of a pushed view),
    # "reply" (to response_url), "killed"
    kind: str
    at: float
    call: Call | None = None
    reply: ResponsePost | None = None


class BenchSlack(FakeSlack):
    def __init__(self, audit_channel: str, *, rate_limit: bool = False) -> None:
        super().__init__()
        self.audit_channel = audit_channel
        self.rate_limit = rate_limit
        self.audit_outage = 0.0  # seconds of 500s on the audit channel, from its first post
        self.fail_audit_until: float | None = None
        self.kill_after_posts: int | None = None  # DM posts after which `kill_now` is set
        self.kill_now = asyncio.Event()
        self.audit_failures = 0
        self.rate_limited = 0
        self._last_post: dict[str, float] = {}
        self._inbox: defaultdict[str, asyncio.Queue[Seen]] = defaultdict(asyncio.Queue)
        self.trigger_owner: dict[str, str] = {}  # trigger_id -> the practitioner who clicked
        self.view_owner: dict[str, str] = {}  # a pushed view's external_id -> its practitioner
        self.audit_posted = asyncio.Event()  # set on each successful audit post
        self.dm_posts = 0

    def inbox(self, user: str) -> asyncio.Queue[Seen]:
        return self._inbox[user]

    def killed(self) -> None:
        """Tell every practitioner waiting on the bot that it has gone."""
        for queue in self._inbox.values():
            queue.put_nowait(Seen("killed", time.monotonic()))

    def audit_posts(self, since: int = 0) -> list[Call]:
        """Successful audit posts among the calls from index `since` on (one run's)."""
        return [c for c in self.calls[since:] if c.ok and c.method == "chat.postMessage"
                and c.params.get("channel") == self.audit_channel]

    def _answer(
        self, method: str, params: Json, headers: Mapping[str, str]
    ) -> tuple[int, Json, dict[str, str]]:
        if method == "chat.postMessage":
            channel = str(params.get("channel", ""))
            now = time.monotonic()
            if channel == self.audit_channel and self.fail_audit_until is None:
                self.fail_audit_until = now + self.audit_outage
            if channel == self.audit_channel and now < (self.fail_audit_until or 0.0):
                self.audit_failures += 1
                return 500, {"ok": False, "error": "internal_error"}, {}
            if self.rate_limit:
                last = self._last_post.get(channel)
                if last is not None and now - last < RATE_WINDOW:
                    self.rate_limited += 1
                    return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"}
                self._last_post[channel] = now
        return super()._answer(method, params, headers)

    async def _record(self, item: Call | ResponsePost) -> None:
        now = time.monotonic()
        if isinstance(item, ResponsePost):
            self.response_posts.append(item)
            self._inbox[item.name].put_nowait(Seen("reply", now, reply=item))
            return
        self.calls.append(item)
        if not item.ok:
            return
        if item.method == "chat.postMessage":
            channel = item.params.get("channel")
            if channel == self.audit_channel:
                self.audit_posted.set()
            elif isinstance(channel, str):
                self.dm_posts += 1
                if self.kill_after_posts is not None and self.dm_posts >= self.kill_after_posts:
                    self.kill_now.set()
                self._inbox[channel].put_nowait(Seen("post", now, call=item))
        elif item.method == "views.open":
            user = self.trigger_owner.get(str(item.params.get("trigger_id")))
            if user is not None:
                self._inbox[user].put_nowait(Seen("view", now, call=item))
        elif item.method == "views.update":
            user = self.view_owner.get(str(item.params.get("external_id")))
            if user is not None:
                self._inbox[user].put_nowait(Seen("preview", now, call=item))

    def show_view_for(self, user: str, view: Json) -> None:
        """A view pushed by the answer to `user`'s submission; its updates go to their inbox."""
        self.show_view(view)
        self.view_owner[str(view.get("external_id"))] = user
