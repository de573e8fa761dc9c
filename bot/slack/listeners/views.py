"""The record modal: fields, then a preview of exactly what is kept, then confirm."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import marking, recording
from bot.core.conversation import Refusal
from bot.core.marking import NotMarked
from bot.core.recording import draft_digest
from bot.core.services import Services
from bot.privacy import marking as privacy_marking
from bot.privacy.marking import MARK_LIMIT, MarkProblem
from bot.slack import blocks, pending
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
    ack: AsyncAck,
    view: dict[str, Any],
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    ref = StepRef.decode(view.get("private_metadata"))
    fields = submitted_fields((view.get("state") or {}).get("values"))
    if ref is None or fields is None:
        log.warning("a record submission did not match an open dialog")
        await ack(response_action="update", view=_closed_view(Refusal.ENDED))
        return
    # Slack drops a submission not answered within 3 s, and under load the database and the
    # anonymiser can take longer: the record is checked (problems shown on the form) only if
    # that is quick, and otherwise, as always for anonymising, a view saying the record is
    # being checked is pushed over the form at once and replaced when the work is done. Its
    # external_id is this submission's own, so no later update lands on another view.
    check = asyncio.ensure_future(
        recording.check_record(
            services, team, user, ref.dialog_id, fields, at=ref.node, answered=ref.answered
        )
    )
    waiting = pending.new_id()
    done, _ = await asyncio.wait({check}, timeout=pending.CHECK_SECONDS)
    result = check.result() if done else None
    if result is not None and not isinstance(result, recording.Checked):
        await ack(**_not_drafted(result))
        return
    await ack(response_action="push", view=blocks.view_dict(blocks.checking_view(waiting)))
    await pending.show_in(client, waiting, await _drafted_view(services, await check, ref, user))


async def _drafted_view(
    services: Services,
    checked: recording.Checked | Refusal | recording.Invalid,
    ref: StepRef,
    user: str,
) -> dict[str, Any]:
    """What replaces the "checking" view: the preview, or why there is none."""
    if isinstance(checked, Refusal):
        return _refused_view(checked)
    if isinstance(checked, recording.Invalid):
        return blocks.view_dict(blocks.not_checked_view(_problems_text(checked)))
    drafted = await recording.anonymise_draft(services, checked)
    if isinstance(drafted, Refusal):
        return _refused_view(drafted)
    if isinstance(drafted, recording.NotAnonymised):
        return blocks.view_dict(blocks.not_checked_view(render("record_not_checked.j2")))
    return _preview(drafted, ref, user)


def _not_drafted(result: Refusal | recording.Invalid) -> dict[str, Any]:
    """The answer for a record that is refused (a closed view) or cannot be kept (errors)."""
    if isinstance(result, Refusal):
        return {"response_action": "update", "view": _refused_view(result)}
    return {"response_action": "errors", "errors": _errors(result)}


def _refused_view(refusal: Refusal) -> dict[str, Any]:
    # A form for a dialog that is not the practitioner's open one: it has ended for them.
    return _closed_view(Refusal.ENDED if refusal is Refusal.NO_DIALOG else refusal)


def _errors(invalid: recording.Invalid) -> dict[str, str]:
    errors = dict(invalid.problems)
    for name in invalid.off_path:
        errors[name] = render("choice_not_on_path.j2", label=FIELD_LABELS[name])
    return errors


def _problems_text(invalid: recording.Invalid) -> str:
    problems = [(FIELD_LABELS[name], problem) for name, problem in _errors(invalid).items()]
    return render("record_problems.j2", problems=problems)


def _preview(
    drafted: recording.Drafted, ref: StepRef, user: str, note: str | None = None
) -> dict[str, Any]:
    summary = decision_summary(
        drafted.dialog.flow,
        drafted.dialog.state,
        drafted.draft,
        reference=render("reference_pending.j2"),
        practitioner=mention(user),
        recorded_at=None,
    )
    metadata = PreviewRef(ref, draft_digest(drafted.draft))
    view = blocks.preview_view(summary, drafted.removed, metadata.encode(), note)
    return blocks.view_dict(view)


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
        await _mark_missed(ack, client, services, team, user, previewed.step, marked)
        return
    confirm = asyncio.ensure_future(
        recording.confirm_decision(services, team, user, previewed.step.dialog_id, previewed.draft)
    )
    # As for the form: answered within its share of Slack's 3 s, or else at once with a view
    # saying the decision is being recorded, replaced when it is (or why it was not).
    done, _ = await asyncio.wait({confirm}, timeout=pending.CHECK_SECONDS)
    waiting = None if done else pending.new_id()
    if waiting is not None:
        await ack(response_action="update", view=blocks.view_dict(blocks.recording_view(waiting)))
    result = await confirm
    if isinstance(result, Refusal):
        if waiting is None:
            await ack(response_action="update", view=_closed_view(result))
        else:
            await pending.show_in(client, waiting, _closed_view(result))
        return
    advice = result.decision.outcome == OutcomeKind.ADVICE_SOUGHT
    words = render("recorded.j2", reference=result.decision.reference, advice=advice)
    if waiting is None:
        await ack(response_action="clear")
    dialog = result.dialog
    note = render("recorded_note.j2", reference=result.decision.reference)
    await close_step(client, dialog.shown, dialog, note)
    _, confirmation = blocks.notice(words)
    # All its words in `text`: screen readers read that, not the blocks.
    await client.chat_postMessage(channel=user, text=words, blocks=confirmation)
    if waiting is not None:
        title = "Advice sought recorded" if advice else "Decision recorded"
        recorded = blocks.message_view(title, words, done=True)
        await pending.show_in(client, waiting, blocks.view_dict(recorded))


async def _mark_missed(
    ack: AsyncAck,
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
    step: StepRef,
    marked: tuple[str, str],
) -> None:
    """A word typed into the preview is not a confirmation: remove it and show the preview
    again. The word is never logged or shown back, not even in an error.

    As for the record form: answered at once (the dialog claimed for the mark, if that is
    quick) with the "checking" view in place of the preview, which `views.update` by its own
    external_id replaces with the new preview once the anonymiser is done. Of two marks
    overlapping (a double submit), the later one's preview is shown and the earlier one's
    view says to check the latest preview."""
    block_id, phrase = marked
    trouble = privacy_marking.problem(phrase)
    if trouble is not None:
        await ack(response_action="errors", errors={block_id: _mark_refused(trouble)})
        return
    claim = asyncio.ensure_future(marking.claim_for_mark(services, team, user, step.dialog_id))
    done, _ = await asyncio.wait({claim}, timeout=pending.CHECK_SECONDS)
    claimed = claim.result() if done else None
    if isinstance(claimed, Refusal):
        await ack(response_action="update", view=_refused_view(claimed))
        return
    waiting = pending.new_id()
    await ack(response_action="update", view=blocks.view_dict(blocks.checking_view(waiting)))
    await pending.show_in(
        client, waiting, await _marked_view(services, await claim, phrase, step, user)
    )


async def _marked_view(
    services: Services,
    claimed: marking.Claimed | Refusal,
    phrase: str,
    step: StepRef,
    user: str,
) -> dict[str, Any]:
    """What replaces the "checking" view after a mark: the preview with the word removed,
    the same preview and why nothing changed, or why there is no preview."""
    if isinstance(claimed, Refusal):
        return _refused_view(claimed)
    result = await marking.mark_claimed(services, claimed, phrase)
    if isinstance(result, Refusal):
        return _refused_view(result)
    if isinstance(result, NotMarked):
        return _preview(claimed.unchanged(services), step, user, _mark_refused(result.problem))
    return _preview(result, step, user)


def _mark_refused(problem: MarkProblem) -> str:
    return render("mark_refused.j2", problem=problem.value, limit=MARK_LIMIT)


def _closed_view(refusal: Refusal) -> dict[str, Any]:
    return blocks.view_dict(
        blocks.message_view("Nothing changed", render("refusal.j2", refusal=refusal.value))
    )
