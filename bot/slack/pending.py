"""Answering a modal submission at once and showing its outcome later.

Slack drops a `view_submission` not answered within 3 s, and under load the database and the
anonymiser can take longer. So a submission waits at most CHECK_SECONDS for its work; if the
work is not done by then it is answered with a view saying it is being done, whose
`external_id` is this submission's own, and `views.update` by that id replaces it with the
outcome when there is one. Not the view's `hash`: an answer's view has a hash the app is never
told; the per-submission external_id is what keeps a late update off any other view."""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from slack_bolt.async_app import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack import blocks

log = logging.getLogger(__name__)

# How long a submission may wait for its work before it is answered: no answer should take
# over a second. Half a second was most of the slowest answers in a burst (bench/load.py).
CHECK_SECONDS = 0.25

PENDING_PREFIX = "record-preview-"

# Seconds before each further try of an update Slack answers `not_found`. The outcome is often
# ready within milliseconds, before Slack has shown the view our answer pushed: a whole second's
# wait then was most of the record step.
NOT_FOUND_PAUSES = (0.1, 1.0)

T = TypeVar("T")
View = dict[str, Any]


def new_id() -> str:
    """An external_id for one submission's pending view."""
    return f"{PENDING_PREFIX}{secrets.token_hex(8)}"


async def show_in(client: AsyncWebClient, external_id: str, shown: View) -> None:
    """Replace the pending view `external_id` with `shown`. Slack makes that view from our
    answer to the submission, which can reach it just after this call: try again shortly, and
    once more a second later."""
    for pause in (*NOT_FOUND_PAUSES, None):
        try:
            await client.views_update(external_id=external_id, view=shown)
            return
        except SlackApiError as error:
            code = error.response.get("error")
            if code != "not_found" or pause is None:
                # Closed meanwhile, say, or replaced by a later answer: what was done is kept.
                log.warning("could not show a view in place of a pending one: %s", code)
                return
        await asyncio.sleep(pause)


async def answer_now_or_later(
    ack: AsyncAck,
    client: AsyncWebClient,
    work: Awaitable[T],
    *,
    now: Callable[[T], dict[str, Any]],
    later: Callable[[T], View],
    pending: Callable[[str], View],
    action: Literal["update", "push"] = "update",
) -> T:
    """Answer with `now(outcome)` (the ack's arguments) if `work` is done within
    CHECK_SECONDS; else at once with `pending(external_id)` (pushed over the form, or in its
    place), replaced by `later(outcome)` when the work is done. Returns the outcome."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=CHECK_SECONDS)
    if done:
        outcome = task.result()
        await ack(**now(outcome))
        return outcome
    external_id = new_id()
    await ack(response_action=action, view=pending(external_id))
    outcome = await task
    await show_in(client, external_id, later(outcome))
    return outcome


@dataclass(frozen=True)
class NotDone:
    """Why a submission changed nothing: shown on the form's input `block` if the answer can
    still do that (errors), else in a view titled "Nothing changed"."""

    words: str
    block: str | None = None

    def answer(self) -> dict[str, Any]:
        if self.block is not None:
            return {"response_action": "errors", "errors": {self.block: self.words}}
        return {"response_action": "update", "view": self.view()}

    def view(self, close: str = "Close") -> View:
        return blocks.view_dict(blocks.message_view("Nothing changed", self.words, close))
