"""The record modal: fields, then a preview of exactly what is kept, then confirm."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import marking, recording
from bot.core.conversation import Refusal
from bot.core.marking import NotMarked
from bot.core.recording import draft_digest
from bot.core.services import Services
from bot.privacy.marking import MARK_LIMIT
from bot.slack import blocks
from bot.slack.dm import close_step
from bot.slack.ids import Callback, PreviewRef, StepRef
from bot.slack.modal_values import marked_phrase, submitted_fields
from bot.text.rendering import mention, render
from bot.text.summary import decision_summary
from dialogs.model import OutcomeKind
from dialogs.record import FIELD_LABELS

log = logging.getLogger(__name__)


def register(app: AsyncApp) -> None:
    app.view(Callback.RECORD.value)(submit_record)
    app.view(Callback.PREVIEW.value)(confirm_record)
    app.view_closed(Callback.RECORD.value)(keep_cancelled_record)


async def submit_record(
    ack: AsyncAck, view: dict[str, Any], services: Services, team: str, user: str
) -> None:
    ref = StepRef.decode(view.get("private_metadata"))
    fields = submitted_fields((view.get("state") or {}).get("values"))
    if ref is None or fields is None:
        log.warning("a record submission did not match an open dialog")
        await ack(response_action="update", view=_closed_view(Refusal.ENDED))
        return
    drafted = await recording.draft_decision(
        services, team, user, ref.dialog_id, fields, at=ref.node, answered=ref.answered
    )
    if isinstance(drafted, Refusal):
        # A form for a dialog that is not the practitioner's open one: it has ended for them.
        refusal = Refusal.ENDED if drafted is Refusal.NO_DIALOG else drafted
        await ack(response_action="update", view=_closed_view(refusal))
        return
    if isinstance(drafted, recording.Invalid):
        errors = dict(drafted.problems)
        for name in drafted.off_path:
            errors[name] = render("choice_not_on_path.j2", label=FIELD_LABELS[name])
        await ack(response_action="errors", errors=errors)
        return
    if isinstance(drafted, recording.NotAnonymised):
        message = render("record_not_checked.j2").strip()
        await ack(response_action="errors", errors=dict.fromkeys(drafted.fields, message))
        return
    await ack(response_action="push", view=_preview(drafted, ref, user))


def _preview(drafted: recording.Drafted, ref: StepRef, user: str) -> dict[str, Any]:
    summary = decision_summary(
        drafted.dialog.flow,
        drafted.dialog.state,
        drafted.draft,
        reference=render("reference_pending.j2"),
        practitioner=mention(user),
        recorded_at=None,
    )
    metadata = PreviewRef(ref, draft_digest(drafted.draft))
    return blocks.view_dict(blocks.preview_view(summary, drafted.removed, metadata.encode()))


async def keep_cancelled_record(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], services: Services, team: str,
    user: str,
) -> None:
    """Cancel on the record form: what was typed is kept (anonymised) for the next opening.
    A form cleared by the bot itself (after a confirmation) has nothing left to keep."""
    await ack()
    if body.get("is_cleared"):
        return
    ref = StepRef.decode(view.get("private_metadata"))
    fields = submitted_fields((view.get("state") or {}).get("values"))
    if ref is None or fields is None:
        log.warning("a cancelled record form did not match an open dialog")
        return
    # A dialog that has moved on or ended keeps nothing; a slow anonymiser is logged there.
    await recording.keep_typed(
        services, team, user, ref.dialog_id, fields, at=ref.node, answered=ref.answered
    )


async def confirm_record(
    ack: AsyncAck,
    view: dict[str, Any],
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    previewed = PreviewRef.decode(view.get("private_metadata"))
    if previewed is None:
        log.warning("a preview confirmation arrived without valid metadata")
        await ack(response_action="update", view=_closed_view(Refusal.ENDED))
        return
    marked = marked_phrase((view.get("state") or {}).get("values"))
    if marked is not None:
        await _mark_missed(ack, services, team, user, previewed.step, marked)
        return
    result = await recording.confirm_decision(
        services, team, user, previewed.step.dialog_id, previewed.draft
    )
    if isinstance(result, Refusal):
        await ack(response_action="update", view=_closed_view(result))
        return
    await ack(response_action="clear")
    dialog, decision = result.dialog, result.decision
    note = render("recorded_note.j2", reference=decision.reference)
    await close_step(client, dialog.shown, dialog, note)
    advice = decision.outcome == OutcomeKind.ADVICE_SOUGHT
    words = render("recorded.j2", reference=decision.reference, advice=advice)
    _, confirmation = blocks.notice(words)
    # All its words in `text`: screen readers read that, not the blocks.
    await client.chat_postMessage(channel=user, text=words, blocks=confirmation)


async def _mark_missed(
    ack: AsyncAck, services: Services, team: str, user: str, step: StepRef, marked: tuple[str, str]
) -> None:
    """A word typed into the preview is not a confirmation: remove it and show the preview
    again. The word is never logged or shown back, not even in an error."""
    block_id, phrase = marked
    result = await marking.mark_missed(services, team, user, step.dialog_id, phrase)
    if isinstance(result, Refusal):
        await ack(response_action="update", view=_closed_view(result))
    elif isinstance(result, NotMarked):
        problem = render("mark_refused.j2", problem=result.problem.value, limit=MARK_LIMIT)
        await ack(response_action="errors", errors={block_id: problem})
    else:
        await ack(response_action="update", view=_preview(result, step, user))


def _closed_view(refusal: Refusal) -> dict[str, Any]:
    return blocks.view_dict(
        blocks.message_view("Nothing changed", render("refusal.j2", refusal=refusal.value))
    )
