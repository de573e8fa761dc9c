"""What a practitioner can do in a dialog, each action one storage transaction.

Slack-free: listeners turn payloads into these calls and render what comes back.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.settings import Settings
from dialogs.engine import Move, State, StepError, start, step
from dialogs.loading import FlowLibrary
from dialogs.model import Flow, Outcome
from dialogs.record import DecisionFields
from storage import (
    Database,
    Decision,
    DialogAlreadyOpen,
    DialogSession,
    DialogStatus,
    StaleDialog,
    Tx,
)

if TYPE_CHECKING:
    from bot.privacy.anonymiser import Anonymiser


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Services:
    """What every listener needs; injected by middleware."""

    settings: Settings
    db: Database
    flows: FlowLibrary
    anonymiser: Anonymiser
    clock: Callable[[], datetime] = utc_now
    # Set when a decision is recorded, so the audit poster posts it at once.
    audit_due: asyncio.Event = field(default_factory=asyncio.Event)


class Refusal(StrEnum):
    """Why an action changed nothing."""

    ALREADY_ANSWERED = "already_answered"
    ENDED = "ended"
    DUPLICATE = "duplicate"
    NO_DIALOG = "no_dialog"
    FLOW_CHANGED = "flow_changed"
    NOT_ALLOWED = "not_allowed"
    DRAFT_CHANGED = "draft_changed"


@dataclass(frozen=True)
class DialogView:
    """A dialog as the adapter sees it after the transaction."""

    id: int
    flow: Flow
    state: State
    status: DialogStatus
    channel_id: str | None
    message_ts: str | None
    draft: DecisionFields | None = None


@dataclass(frozen=True)
class Stepped:
    before: DialogView
    after: DialogView
    move: Move


@dataclass(frozen=True)
class Drafted:
    dialog: DialogView
    draft: DecisionFields
    removed: dict[str, int]


@dataclass(frozen=True)
class Recorded:
    dialog: DialogView
    decision: Decision


def _view(services: Services, dialog: DialogSession) -> DialogView:
    assert dialog.id is not None
    flow = services.flows.get(dialog.flow_id, dialog.flow_version)
    draft = DecisionFields.from_dict(dialog.draft) if dialog.draft else None
    return DialogView(
        dialog.id,
        flow,
        State.from_dict(dialog.state),
        DialogStatus(dialog.status),
        dialog.channel_id,
        dialog.message_ts,
        draft,
    )


async def begin(services: Services, team: str, user: str) -> tuple[DialogView, bool]:
    """The user's open dialog (resumed), or a new one on the default flow."""
    try:
        return await _begin_once(services, team, user)
    except (DialogAlreadyOpen, StaleDialog):
        # A concurrent start (a double "hi", two replicas) won the race: resume what it made.
        return await _begin_once(services, team, user)


async def _begin_once(services: Services, team: str, user: str) -> tuple[DialogView, bool]:
    now = services.clock()
    async with services.db.transaction() as tx:
        dialog = await tx.open_dialog(team, user)
        if dialog is not None and _flow_available(services, dialog):
            if dialog.status == DialogStatus.PAUSED:
                dialog.status = DialogStatus.ACTIVE
                await tx.save_dialog(dialog, now)
            return _view(services, dialog), True
        if dialog is not None:  # its flow version is gone: it cannot go on
            dialog.status = DialogStatus.ABANDONED
            await tx.save_dialog(dialog, now)
        flow = services.flows.latest(services.settings.flow_id)
        created = await tx.create_dialog(
            team, user, flow.id, flow.version, start(flow).to_dict(), now
        )
        return _view(services, created), False


async def resume(services: Services, team: str, user: str) -> DialogView | None:
    async with services.db.transaction() as tx:
        dialog = await tx.open_dialog(team, user)
        if dialog is None or not _flow_available(services, dialog):
            return None
        if dialog.status == DialogStatus.PAUSED:
            dialog.status = DialogStatus.ACTIVE
            await tx.save_dialog(dialog, services.clock())
        return _view(services, dialog)


def _flow_available(services: Services, dialog: DialogSession) -> bool:
    try:
        services.flows.get(dialog.flow_id, dialog.flow_version)
    except KeyError:
        return False
    return True


async def current(services: Services, team: str, user: str) -> DialogView | None:
    async with services.db.transaction() as tx:
        dialog = await tx.open_dialog(team, user)
        return (
            None
            if dialog is None or not _flow_available(services, dialog)
            else _view(services, dialog)
        )


async def make_move(
    services: Services,
    team: str,
    user: str,
    move: Move,
    *,
    dialog_id: int | None = None,
    at: str | None = None,
    answered: int | None = None,
    delivery: str | None = None,
) -> Stepped | Refusal:
    """Apply a move made at a step. A button names its step; a typed reply means the current one."""
    # A conflicting write need not be a move: recording where the step was posted (shown_at)
    # also bumps the revision. So re-read and check again; a click on a step that really has
    # moved on is then refused by the step check, not by the conflict.
    for _ in range(MOVE_ATTEMPTS):
        try:
            return await _move_once(services, team, user, move, dialog_id, at, answered, delivery)
        except StaleDialog:
            continue
    return Refusal.ALREADY_ANSWERED


MOVE_ATTEMPTS = 3


async def _move_once(
    services: Services,
    team: str,
    user: str,
    move: Move,
    dialog_id: int | None,
    at: str | None,
    answered: int | None,
    delivery: str | None,
) -> Stepped | Refusal:
    async with services.db.transaction() as tx:
        if delivery is not None and not await tx.claim_delivery(delivery, services.clock()):
            return Refusal.DUPLICATE
        dialog = await _own_dialog(tx, team, user, dialog_id)
        if isinstance(dialog, Refusal):
            return dialog
        before = _view(services, dialog)
        if at is not None and (at != before.state.node or answered != len(before.state.answers)):
            return Refusal.ALREADY_ANSWERED
        if before.status not in (
            DialogStatus.ACTIVE,
            DialogStatus.PAUSED,
            DialogStatus.OUTCOME,
        ):
            return Refusal.ENDED
        try:
            after_state = step(before.flow, before.state, before.state.node, move)
        except StepError:
            return Refusal.NOT_ALLOWED
        reached_outcome = isinstance(before.flow.nodes[after_state.node], Outcome)
        dialog.state = after_state.to_dict()
        dialog.status = DialogStatus.OUTCOME if reached_outcome else DialogStatus.ACTIVE
        dialog.draft = None
        await tx.save_dialog(dialog, services.clock())
        after = replace(before, state=after_state, status=DialogStatus(dialog.status), draft=None)
        return Stepped(before, after, move)


async def _own_dialog(
    tx: Tx, team: str, user: str, dialog_id: int | None
) -> DialogSession | Refusal:
    if dialog_id is None:
        dialog = await tx.open_dialog(team, user)
        return dialog if dialog is not None else Refusal.NO_DIALOG
    dialog = await tx.get_dialog(dialog_id)
    if dialog is None or dialog.team_id != team or dialog.user_id != user:
        return Refusal.NO_DIALOG
    if dialog.status in (DialogStatus.RECORDED, DialogStatus.ABANDONED):
        return Refusal.ENDED
    return dialog


async def first_delivery(services: Services, key: str) -> bool:
    """False if this Slack delivery was handled before (Slack retries unacknowledged events)."""
    async with services.db.transaction() as tx:
        return await tx.claim_delivery(key, services.clock())


async def pause(services: Services, team: str, user: str, dialog_id: int) -> DialogView | Refusal:
    try:
        async with services.db.transaction() as tx:
            dialog = await _own_dialog(tx, team, user, dialog_id)
            if isinstance(dialog, Refusal):
                return dialog
            dialog.status = DialogStatus.PAUSED
            await tx.save_dialog(dialog, services.clock())
            return _view(services, dialog)
    except StaleDialog:
        return Refusal.ALREADY_ANSWERED


async def shown_at(
    services: Services, shown: DialogView, channel_id: str, message_ts: str
) -> None:
    """Remember which message shows the dialog's current step, so a typed answer can update it.

    Only while the dialog is still at the step that message shows: a move that overtook the
    post has its own message to remember."""
    try:
        async with services.db.transaction() as tx:
            dialog = await tx.get_dialog(shown.id)
            if dialog is None or State.from_dict(dialog.state) != shown.state:
                return
            dialog.channel_id, dialog.message_ts = channel_id, message_ts
            await tx.save_dialog(dialog, services.clock())
    except StaleDialog:
        pass  # a newer action already moved on and will record its own message


async def draft_decision(
    services: Services, team: str, user: str, dialog_id: int, raw: DecisionFields
) -> Drafted | Refusal:
    """Anonymise the practitioner's record and keep it (anonymised only) for confirmation."""
    try:
        async with services.db.transaction() as tx:
            dialog = await _own_dialog(tx, team, user, dialog_id)
            if isinstance(dialog, Refusal):
                return dialog
            if dialog.status != DialogStatus.OUTCOME:
                return Refusal.ALREADY_ANSWERED
            known = frozenset(dialog.known_identifiers)
            clean: dict[str, str] = {}
            removed: dict[str, int] = {}
            for name, text in raw.text_fields().items():
                result = services.anonymiser.anonymise(text, known)
                known = result.known
                clean[name] = result.text
                for entity, count in result.removed_summary().items():
                    removed[entity] = removed.get(entity, 0) + count
            draft = replace(
                raw,
                reasons=clean.get("reasons", ""),
                information=clean.get("information", ""),
                shared_with=clean.get("shared_with", ""),
                advice_from=clean.get("advice_from", ""),
            )
            dialog.known_identifiers = sorted(known)
            dialog.draft = draft.to_dict()
            await tx.save_dialog(dialog, services.clock())
            return Drafted(_view(services, dialog), draft, removed)
    except StaleDialog:
        return Refusal.ALREADY_ANSWERED


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
            dialog = await _own_dialog(tx, team, user, dialog_id)
            if isinstance(dialog, Refusal):
                return dialog
            view = _view(services, dialog)
            outcome = view.flow.nodes[view.state.node]
            if view.status != DialogStatus.OUTCOME or view.draft is None:
                return Refusal.ALREADY_ANSWERED
            if draft_digest(view.draft) != previewed:
                return Refusal.DRAFT_CHANGED
            assert isinstance(outcome, Outcome)
            decision = await tx.record_decision(
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
        return await tx.decisions_for_user(team, user, limit=10)


async def adopt_outcome(
    services: Services, team: str, user: str, flow: Flow, state: State
) -> DialogView:
    """Store a dialog walked elsewhere (the terminal) at its outcome, ready to record.

    Any open dialog of the same user is abandoned: one terminal user, one decision at a time."""
    now = services.clock()
    async with services.db.transaction() as tx:
        dialog = await tx.open_dialog(team, user)
        if dialog is not None:
            dialog.status = DialogStatus.ABANDONED
            await tx.save_dialog(dialog, now)
        created = await tx.create_dialog(team, user, flow.id, flow.version, state.to_dict(), now)
        created.status = DialogStatus.OUTCOME
        await tx.save_dialog(created, now)
        return _view(services, created)
