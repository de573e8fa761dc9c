"""Supervisors' buttons on an audit post (Mark reviewed, Add comment, Needs follow-up) and the
comment and follow-up modals. Anyone not in INFOSHARE_SUPERVISORS is refused, ephemerally."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import reviews
from bot.core.reviews import Reviewed, ReviewRefusal
from bot.core.services import Services
from bot.slack import blocks, pending
from bot.slack.audit import audit_message
from bot.slack.clicks import clicked_message, clicked_value
from bot.slack.ids import Action, Callback, NoteRef, ReviewRef
from bot.slack.review_blocks import NOTE_BLOCK, note_modal, saved_view
from bot.slack.supervisors import Supervisors, Verdict
from bot.text.rendering import render
from storage.tables import ReviewKind

log = logging.getLogger(__name__)

UPDATE_ROUNDS = 5  # draws of one post by one review while others keep landing


def register(app: AsyncApp) -> None:
    app.action(Action.REVIEWED.value)(mark_reviewed)
    app.action(Action.COMMENT.value)(open_note)
    app.action(Action.FOLLOW_UP.value)(open_note)
    app.view(Callback.COMMENT.value)(submit_note)
    app.view(Callback.FOLLOW_UP.value)(submit_note)


def _clicked(body: dict[str, Any], services: Services) -> tuple[ReviewRef, str, str] | None:
    """The decision a button is about and the audit post it is on; None for a button that is
    not on a post in the audit channel."""
    ref, where = ReviewRef.decode(clicked_value(body)), clicked_message(body)
    if ref is None or where is None or where[0] != services.settings.audit_channel:
        return None
    return ref, *where


async def _supervisors_click(
    body: dict[str, Any],
    respond: AsyncRespond,
    services: Services,
    supervisors: Supervisors,
    user: str,
) -> tuple[ReviewRef, str, str] | None:
    """The decision and post of a supervisor's click on an audit post; None (and the clicker
    told why) for anyone else's click or a button that is not on an audit post."""
    verdict = await supervisors.check(user)
    if verdict is not Verdict.SUPERVISOR:
        await _tell(respond, verdict.value)
        return None
    clicked = _clicked(body, services)
    if clicked is None:
        await _tell(respond, ReviewRefusal.NO_DECISION.value)
    return clicked


async def _tell(respond: AsyncRespond, reason: str, reference: str = "") -> None:
    words = render("review_refused.j2", reason=reason, reference=reference)
    await respond(words, response_type="ephemeral", replace_original=False)


async def mark_reviewed(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    supervisors: Supervisors,
    team: str,
    user: str,
) -> None:
    await ack()
    clicked = await _supervisors_click(body, respond, services, supervisors, user)
    if clicked is None:
        return
    ref, channel, ts = clicked
    # The key names the post as the supervisor saw it: a double click or a repeated delivery
    # of this click adds nothing.
    result = await reviews.review(
        services, team, user, ref.reference, ReviewKind.REVIEWED, f"reviewed:{ref.encode()}"
    )
    if isinstance(result, ReviewRefusal):
        await _tell(respond, result.value, ref.reference)
        return
    await _update_post(client, services, channel, ts, result)


async def open_note(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    supervisors: Supervisors,
    user: str,
) -> None:
    await ack()
    clicked = await _supervisors_click(body, respond, services, supervisors, user)
    if clicked is None:
        return
    ref, channel, ts = clicked
    action = Action(body["actions"][0]["action_id"])
    kind = ReviewKind.FOLLOW_UP if action is Action.FOLLOW_UP else ReviewKind.COMMENT
    modal = note_modal(kind, ref.reference, NoteRef(ref, channel, ts).encode())
    await client.views_open(trigger_id=body["trigger_id"], view=blocks.view_dict(modal))


async def submit_note(
    ack: AsyncAck,
    view: dict[str, Any],
    client: AsyncWebClient,
    services: Services,
    supervisors: Supervisors,
    team: str,
    user: str,
) -> None:
    # Checking the supervisor (a Slack call) and anonymising the note can outlast Slack's 3 s
    # under load: answered at once if they do, with a view saying the note is being saved,
    # replaced when it is (or with why not; bot/slack/pending.py).
    note = NoteRef.decode(view.get("private_metadata"))
    result = await pending.answer_now_or_later(
        ack,
        client,
        _noted(view, note, services, supervisors, team, user),
        now=lambda result: result.answer() if isinstance(result, pending.NotDone) else (
            {"response_action": "update", "view": _saved(result)}
        ),
        later=lambda result: result.view() if isinstance(result, pending.NotDone) else (
            _saved(result)
        ),
        pending=lambda external_id: blocks.view_dict(
            blocks.working_view(external_id, _title(view), "note")
        ),
    )  # fmt: skip
    if isinstance(result, Reviewed) and note is not None:
        await _update_post(client, services, note.channel, note.ts, result)


def _kind(view: dict[str, Any]) -> ReviewKind:
    return ReviewKind.FOLLOW_UP if view.get("callback_id") == Callback.FOLLOW_UP else (
        ReviewKind.COMMENT
    )


def _title(view: dict[str, Any]) -> str:
    return "Needs follow-up" if _kind(view) is ReviewKind.FOLLOW_UP else "Add comment"


async def _noted(
    view: dict[str, Any],
    note: NoteRef | None,
    services: Services,
    supervisors: Supervisors,
    team: str,
    user: str,
) -> Reviewed | pending.NotDone:
    """The supervisor's note kept (anonymised), or why not."""
    verdict = await supervisors.check(user)
    if verdict is not Verdict.SUPERVISOR or note is None:
        reason = verdict.value if verdict is not Verdict.SUPERVISOR else "no_decision"
        return pending.NotDone(render("review_refused.j2", reason=reason, reference=""))
    kind = _kind(view)
    # One modal, one note: a second submission of the same modal adds nothing.
    key = f"{kind.value}:{view.get('id') or note.encode()}"
    result = await reviews.review(
        services, team, user, note.review.reference, kind, key, _typed(view)
    )
    if result in (ReviewRefusal.EMPTY, ReviewRefusal.NOT_ANONYMISED):
        return pending.NotDone(render("review_refused.j2", reason=str(result)), NOTE_BLOCK)
    if isinstance(result, ReviewRefusal):
        words = render("review_refused.j2", reason=result.value, reference=note.review.reference)
        return pending.NotDone(words)
    return result


def _saved(result: Reviewed) -> dict[str, Any]:
    saved = saved_view(
        result.review.kind, result.decision.reference, result.review.text or "", result.removed
    )
    return blocks.view_dict(saved)


def _typed(view: dict[str, Any]) -> str:
    values = ((view.get("state") or {}).get("values") or {}).get(NOTE_BLOCK) or {}
    value = (values.get(NOTE_BLOCK) or {}).get("value")
    return value if isinstance(value, str) else ""


async def _update_post(
    client: AsyncWebClient, services: Services, channel: str, ts: str, result: Reviewed
) -> None:
    """The audit post in place, as the audit poster would build it now. Drawn from the
    database at send time, and drawn again if a review landed meanwhile: updates for two
    reviews at once may reach Slack in either order, and the last one must show both."""
    shown: tuple[int | None, ...] | None = None
    for _ in range(UPDATE_ROUNDS):
        state = await reviews.current(services, result.decision.reference)
        if state is None:
            return
        drawn = tuple(review.id for review in state.reviews)
        if drawn == shown:
            return
        message = audit_message(services, state.decision, state.reviews, state.status)
        try:
            await client.chat_update(
                channel=channel, ts=ts, text=message.text, blocks=message.blocks
            )
        except SlackApiError as error:  # the review is stored either way; the next one redraws
            log.warning("could not update an audit post: %s", error.response.get("error"))
            return
        shown = drawn
