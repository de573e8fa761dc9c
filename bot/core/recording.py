"""Recording a decision: the practitioner's record anonymised into a draft, previewed, then
confirmed into the decision log and the audit outbox, each step one storage transaction."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.core import lifecycle
from bot.core.conversation import (
    DialogView,
    Refusal,
    Services,
    dialog_view,
    own_dialog,
)
from dialogs.engine import State
from dialogs.model import Flow, Outcome
from dialogs.record import DecisionFields, problems
from dialogs.record_choices import inconsistent_fields
from storage import Decision, DialogSession, DialogStatus, StaleDialog

if TYPE_CHECKING:
    from bot.privacy.anonymiser import Anonymiser

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Drafted:
    dialog: DialogView
    draft: DecisionFields
    removed: dict[str, int]


@dataclass(frozen=True)
class Recorded:
    dialog: DialogView
    decision: Decision


# Slack wants a modal submission acknowledged within 3 s; anonymising gets most of that.
ANONYMISE_SECONDS = 2.0


@dataclass(frozen=True)
class NotAnonymised:
    """Anonymising took longer than ANONYMISE_SECONDS: nothing was stored."""

    fields: tuple[str, ...]  # the free-text fields that were filled in


@dataclass(frozen=True)
class Invalid:
    """The record cannot be kept as filled in: nothing was stored."""

    problems: dict[str, str]  # field -> what is wrong, in the record's own words
    off_path: tuple[str, ...]  # fields whose choice the path's answers rule out


async def draft_decision(
    services: Services,
    team: str,
    user: str,
    dialog_id: int,
    raw: DecisionFields,
    *,
    at: str | None = None,
    answered: int | None = None,
) -> Drafted | Refusal | Invalid | NotAnonymised:
    """Check the practitioner's record against the outcome (`at`/`answered`: the step the
    form was opened at, if given), anonymise it and keep it (anonymised only) for confirmation.

    The dialog (and its name memory) is read in one transaction, the text anonymised in a worker
    thread with a time limit, outside any transaction, and the draft written with the dialog's
    compare-and-set: a change made meanwhile refuses the draft."""
    found = await _at_outcome(services, team, user, dialog_id, at, answered)
    if isinstance(found, Refusal):
        return found
    dialog, view = found
    outcome = view.flow.nodes[view.state.node]
    assert isinstance(outcome, Outcome)
    invalid = Invalid(
        problems(outcome.outcome, raw), tuple(inconsistent_fields(view.flow, view.state, raw))
    )
    if invalid.problems or invalid.off_path:
        return invalid
    return await _keep_draft(services, dialog, raw)


async def keep_typed(
    services: Services,
    team: str,
    user: str,
    dialog_id: int,
    raw: DecisionFields,
    *,
    at: str,
    answered: int,
) -> Drafted | Refusal | NotAnonymised:
    """The record form was cancelled: keep what was typed, anonymised as any draft is and
    unchecked (it may be half done), so the form opens with it again until the dialog ends.
    Choices the path rules out are dropped rather than kept."""
    found = await _at_outcome(services, team, user, dialog_id, at, answered)
    if isinstance(found, Refusal):
        return found
    dialog, view = found
    off_path = inconsistent_fields(view.flow, view.state, raw)
    kept = {name: value for name, value in raw.to_dict().items() if name not in off_path}
    return await _keep_draft(services, dialog, DecisionFields.from_dict(kept))


async def _at_outcome(
    services: Services,
    team: str,
    user: str,
    dialog_id: int,
    at: str | None,
    answered: int | None,
) -> tuple[DialogSession, DialogView] | Refusal:
    """The practitioner's dialog, if it is still at the outcome the form was opened at."""
    async with services.db.transaction() as tx:
        dialog = await own_dialog(services, tx, team, user, dialog_id)
        if isinstance(dialog, Refusal):
            return dialog
        view = dialog_view(services, dialog)
        moved_on = at is not None and (at, answered) != (view.state.node, len(view.state.answers))
        if dialog.status != DialogStatus.OUTCOME or moved_on:
            return Refusal.ALREADY_ANSWERED
    return dialog, view


async def _keep_draft(
    services: Services, dialog: DialogSession, raw: DecisionFields
) -> Drafted | Refusal | NotAnonymised:
    """Anonymise `raw` (in a worker thread, with a time limit, outside any transaction) and
    store it as the dialog's draft by compare-and-set."""
    work = asyncio.to_thread(
        _anonymise, services.anonymiser, raw, frozenset(dialog.known_identifiers)
    )
    try:
        draft, removed, known = await asyncio.wait_for(work, ANONYMISE_SECONDS)
    except TimeoutError:
        log.warning("anonymising a record took over %s s; nothing was stored", ANONYMISE_SECONDS)
        return NotAnonymised(tuple(raw.text_fields()))
    dialog.known_identifiers = sorted(known)
    dialog.draft = draft.to_dict() or None
    try:
        async with services.db.transaction() as tx:
            await tx.dialogs.save(dialog, services.clock())
    except StaleDialog:
        return Refusal.ALREADY_ANSWERED
    return Drafted(dialog_view(services, dialog), draft, removed)


def _anonymise(
    anonymiser: Anonymiser, raw: DecisionFields, known: frozenset[str]
) -> tuple[DecisionFields, dict[str, int], frozenset[str]]:
    """The record with every free-text field anonymised, what was removed, the names known."""
    clean: dict[str, str] = {}
    removed: dict[str, int] = {}
    for name, text in raw.text_fields().items():
        result = anonymiser.anonymise(text, known)
        known = result.known
        clean[name] = result.text
        for entity, count in result.removed_summary().items():
            removed[entity] = removed.get(entity, 0) + count
    draft = DecisionFields.from_dict({**raw.to_dict(), **clean})  # every text field is in clean
    return draft, removed, known


def draft_digest(draft: DecisionFields) -> str:
    """Ties a preview to the exact draft it showed: an older preview cannot confirm a newer one."""
    return hashlib.sha256(json.dumps(draft.to_dict(), sort_keys=True).encode()).hexdigest()[:16]


async def confirm_decision(
    services: Services, team: str, user: str, dialog_id: int, previewed: str
) -> Recorded | Refusal:
    """Record the draft the practitioner saw (`previewed` is its digest): the decision and its
    audit outbox row in one transaction."""
    try:
        async with services.db.transaction() as tx:
            dialog = await own_dialog(services, tx, team, user, dialog_id)
            if isinstance(dialog, Refusal):
                return dialog
            view = dialog_view(services, dialog)
            outcome = view.flow.nodes[view.state.node]
            if view.status != DialogStatus.OUTCOME or view.draft is None:
                return Refusal.ALREADY_ANSWERED
            if draft_digest(view.draft) != previewed:
                return Refusal.DRAFT_CHANGED
            assert isinstance(outcome, Outcome)
            decision = await tx.decisions.record(
                dialog,
                outcome.outcome.value,
                [list(pair) for pair in view.state.answers],
                view.draft.to_dict(),
                services.settings.audit_channel or UNCONFIGURED_CHANNEL,
                services.clock(),
            )
    except StaleDialog:
        return Refusal.ENDED
    services.audit_due.set()
    return Recorded(replace(view, status=DialogStatus.RECORDED), decision)


# Decisions recorded where no audit channel is configured (`infoshare chat` on its own) are
# posted by the first Slack app that runs with one.
UNCONFIGURED_CHANNEL = "unconfigured"


async def history(services: Services, team: str, user: str) -> list[Decision]:
    async with services.db.transaction() as tx:
        return await tx.decisions.for_user(team, user, limit=10)


async def adopt_outcome(
    services: Services, team: str, user: str, flow: Flow, state: State
) -> DialogView:
    """Store a dialog walked elsewhere (the terminal) at its outcome, ready to record.

    Any open dialog of the same user is abandoned: one terminal user, one decision at a time."""
    now = services.clock()
    async with services.db.transaction() as tx:
        dialog = await tx.dialogs.open_for(team, user)
        if dialog is not None:
            lifecycle.abandon(dialog)
            await tx.dialogs.save(dialog, now)
        created = await tx.dialogs.create(team, user, flow.id, flow.version, state.to_dict(), now)
        lifecycle.settle(created, flow)
        await tx.dialogs.save(created, now)
        return dialog_view(services, created)
