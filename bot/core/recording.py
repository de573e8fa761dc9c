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
from bot.core.advice_record import record_fields
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


# Slack wants a modal submission acknowledged within 3 s: work done before the answer (marking
# a missed word) gets most of that.
ANONYMISE_SECONDS = 2.0
# A record form is answered at once and its preview shown when ready: anonymising it may take
# longer under load, up to this limit (then the practitioner is asked to shorten it).
DRAFT_SECONDS = 10.0


@dataclass(frozen=True)
class NotAnonymised:
    """Anonymising took longer than DRAFT_SECONDS: nothing was stored."""

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
    form was opened at, if given), anonymise it and keep it (anonymised only) for confirmation."""
    checked = await check_record(services, team, user, dialog_id, raw, at=at, answered=answered)
    if not isinstance(checked, Checked):
        return checked
    return await anonymise_draft(services, checked)


@dataclass(frozen=True)
class Checked:
    """A record that can be kept as filled in, and its dialog as claimed for it: next,
    anonymise it."""

    dialog: DialogSession
    raw: DecisionFields


async def check_record(
    services: Services,
    team: str,
    user: str,
    dialog_id: int,
    raw: DecisionFields,
    *,
    at: str | None = None,
    answered: int | None = None,
) -> Checked | Refusal | Invalid:
    """The first half of `draft_decision`, quick enough to answer a form submission with, in
    one transaction: the record checked against the dialog's outcome, and the dialog claimed
    for it (its revision bumped), so that of two submissions overlapping, the later one's
    draft is kept and the earlier one's refused, whichever is anonymised first."""
    claimed: DialogSession | None = None
    try:
        async with services.db.transaction() as tx:
            dialog = await own_dialog(services, tx, team, user, dialog_id)
            if isinstance(dialog, Refusal):
                return dialog
            claimed = dialog
            view = dialog_view(services, dialog)
            moved_on = at is not None and (at, answered) != (
                view.state.node,
                len(view.state.answers),
            )
            if dialog.status != DialogStatus.OUTCOME or moved_on:
                return Refusal.ALREADY_ANSWERED
            outcome = view.flow.nodes[view.state.node]
            assert isinstance(outcome, Outcome)
            invalid = Invalid(
                problems(outcome.outcome, raw),
                tuple(inconsistent_fields(view.flow, view.state, raw)),
            )
            if invalid.problems or invalid.off_path:
                return invalid
            await tx.dialogs.save(dialog, services.clock())
    except StaleDialog:
        assert claimed is not None
        return await why_not_kept(services, claimed)
    return Checked(claimed, raw)


async def anonymise_draft(
    services: Services, checked: Checked
) -> Drafted | Refusal | NotAnonymised:
    """The second half of `draft_decision`: the text anonymised in a worker thread with a time
    limit, outside any transaction, and the draft written with the dialog's compare-and-set:
    a change made since the claim (a later submission, a move) refuses the draft."""
    dialog = checked.dialog
    work = asyncio.to_thread(
        _anonymise, services.anonymiser, checked.raw, frozenset(dialog.known_identifiers)
    )
    try:
        draft, removed, known = await asyncio.wait_for(work, DRAFT_SECONDS)
    except TimeoutError:
        log.warning("anonymising a record took over %s s; nothing was stored", DRAFT_SECONDS)
        return NotAnonymised(tuple(checked.raw.text_fields()))
    dialog.known_identifiers = sorted(known)
    dialog.draft = draft.to_dict() or None
    try:
        async with services.db.transaction() as tx:
            await tx.dialogs.save(dialog, services.clock())
    except StaleDialog:
        return await why_not_kept(services, dialog)
    return Drafted(dialog_view(services, dialog), draft, removed)


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
    async with services.db.transaction() as tx:
        dialog = await own_dialog(services, tx, team, user, dialog_id)
        if isinstance(dialog, Refusal):
            return dialog
        view = dialog_view(services, dialog)
        if dialog.status != DialogStatus.OUTCOME or (at, answered) != (
            view.state.node,
            len(view.state.answers),
        ):
            return Refusal.ALREADY_ANSWERED
    off_path = inconsistent_fields(view.flow, view.state, raw)
    kept = {name: value for name, value in raw.to_dict().items() if name not in off_path}
    return await anonymise_draft(services, Checked(dialog, DecisionFields.from_dict(kept)))


async def why_not_kept(services: Services, claimed: DialogSession) -> Refusal:
    """Why a dialog claimed for a draft (or a mark) could not keep it: a later submission of
    the form or a later mark at the same step, or the dialog moved on or ended."""
    async with services.db.transaction() as tx:
        now = await tx.dialogs.get(claimed.id) if claimed.id is not None else None
    if now is None or now.status != DialogStatus.OUTCOME or now.state != claimed.state:
        return Refusal.ALREADY_ANSWERED
    return Refusal.DRAFT_CHANGED


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
            # A lead's advice asked from this dialog is kept in the record (and its chain);
            # a question still unanswered is no longer needed once the decision is made.
            await tx.advice.withdraw_open(view.id, services.clock())
            asked = record_fields(await tx.advice.for_dialog(view.id))
            decision = await tx.decisions.record(
                dialog,
                outcome.outcome.value,
                [list(pair) for pair in view.state.answers],
                {**view.draft.to_dict(), **asked},
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
