"""What a practitioner can do in a dialog, each action one storage transaction.

Slack-free: listeners turn payloads into these calls and render what comes back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from bot.core import lifecycle
from bot.core.services import Services
from dialogs.engine import Move, State, StepError, start, step
from dialogs.model import Flow
from dialogs.record import DecisionFields
from storage import (
    DialogAlreadyOpen,
    DialogSession,
    DialogStatus,
    StaleDialog,
    Tx,
)


class Refusal(StrEnum):
    """Why an action changed nothing."""

    ALREADY_ANSWERED = "already_answered"
    ENDED = "ended"
    DUPLICATE = "duplicate"
    NO_DIALOG = "no_dialog"
    FLOW_CHANGED = "flow_changed"
    NOT_ALLOWED = "not_allowed"
    DRAFT_CHANGED = "draft_changed"
    # Closed after INFOSHARE_EXPIRE_DAYS without activity (or since removed, a day later).
    EXPIRED = "expired"


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
    revision: int = 0  # the stored dialog's, as of this view
    started_at: datetime | None = None

    @property
    def shown(self) -> tuple[str, str] | None:
        """The DM message (channel, ts) that shows the dialog's current step, if known."""
        if self.channel_id and self.message_ts:
            return self.channel_id, self.message_ts
        return None


@dataclass(frozen=True)
class Stepped:
    before: DialogView
    after: DialogView
    move: Move


def dialog_view(services: Services, dialog: DialogSession) -> DialogView:
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
        dialog.revision,
        dialog.created_at,
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
        dialog = await tx.dialogs.open_for(team, user)
        if dialog is not None and _flow_available(services, dialog):
            if lifecycle.resume(dialog, _flow_of(services, dialog)):
                await tx.dialogs.save(dialog, now)
            return dialog_view(services, dialog), True
        if dialog is not None:  # its flow version is gone: it cannot go on
            lifecycle.abandon(dialog)
            await tx.dialogs.save(dialog, now)
        flow = services.flows.latest(services.settings.flow_id)
        created = await tx.dialogs.create(
            team, user, flow.id, flow.version, start(flow).to_dict(), now
        )
        return dialog_view(services, created), False


def needs_choice(dialog: DialogView, resumed: bool) -> bool:
    """An unfinished dialog met again by a start: the practitioner chooses to carry it on or to
    start anew, since the next answers may be meant for another child. A dialog with no
    answer yet is simply shown again."""
    return resumed and bool(dialog.state.answers)


async def start_afresh(
    services: Services, team: str, user: str, dialog_id: int, delivery: str
) -> tuple[DialogView, DialogView] | Refusal:
    """Close the unfinished dialog `dialog_id` (nothing is recorded) and start a new one, in
    one transaction; (the closed one, the new one). Refused unless it is still the open one."""
    try:
        async with services.db.transaction() as tx:
            if not await tx.deliveries.claim(delivery, services.clock()):
                return Refusal.DUPLICATE
            dialog = await own_dialog(services, tx, team, user, dialog_id)
            if isinstance(dialog, Refusal):
                return dialog
            closed = dialog_view(services, dialog)
            lifecycle.abandon(dialog)
            now = services.clock()
            await tx.dialogs.save(dialog, now)
            flow = services.flows.latest(services.settings.flow_id)
            created = await tx.dialogs.create(
                team, user, flow.id, flow.version, start(flow).to_dict(), now
            )
            return closed, dialog_view(services, created)
    except (DialogAlreadyOpen, StaleDialog):
        return Refusal.ALREADY_ANSWERED


async def resume(services: Services, team: str, user: str) -> DialogView | None:
    async with services.db.transaction() as tx:
        dialog = await tx.dialogs.open_for(team, user)
        if dialog is None or not _flow_available(services, dialog):
            return None
        if lifecycle.resume(dialog, _flow_of(services, dialog)):
            await tx.dialogs.save(dialog, services.clock())
        return dialog_view(services, dialog)


def _flow_of(services: Services, dialog: DialogSession) -> Flow:
    return services.flows.get(dialog.flow_id, dialog.flow_version)


def _flow_available(services: Services, dialog: DialogSession) -> bool:
    try:
        services.flows.get(dialog.flow_id, dialog.flow_version)
    except KeyError:
        return False
    return True


async def current(services: Services, team: str, user: str) -> DialogView | None:
    async with services.db.transaction() as tx:
        dialog = await tx.dialogs.open_for(team, user)
        return (
            None
            if dialog is None or not _flow_available(services, dialog)
            else dialog_view(services, dialog)
        )


async def why_closed(services: Services, team: str, user: str, dialog_id: int) -> Refusal:
    """Why a button of dialog ``dialog_id`` can no longer act: it expired, or it ended."""
    async with services.db.transaction() as tx:
        dialog = await tx.dialogs.get(dialog_id)
    if dialog is None or (
        dialog.team_id == team and dialog.user_id == user and lifecycle.has_expired(dialog)
    ):
        return Refusal.EXPIRED
    return Refusal.ENDED


async def flow_in_use(services: Services, team: str, user: str) -> Flow:
    """The flow of the user's open dialog, or the one a new dialog would start on."""
    dialog = await current(services, team, user)
    return dialog.flow if dialog else services.flows.latest(services.settings.flow_id)


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
    # A conflicting write need not be a move at this step (where the step was posted is written
    # without one, but other writes such as the record form's claim bump the revision). So
    # re-read and check again; a click on a step that really has moved on is then refused by
    # the step check, not by the conflict.
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
        if delivery is not None and not await tx.deliveries.claim(delivery, services.clock()):
            return Refusal.DUPLICATE
        dialog = await own_dialog(services, tx, team, user, dialog_id)
        if isinstance(dialog, Refusal):
            return dialog
        before = dialog_view(services, dialog)
        if at is not None and (at != before.state.node or answered != len(before.state.answers)):
            return Refusal.ALREADY_ANSWERED
        if not lifecycle.is_open(before.status):
            return Refusal.ENDED
        try:
            after_state = step(before.flow, before.state, before.state.node, move)
        except StepError:
            return Refusal.NOT_ALLOWED
        lifecycle.move_to(dialog, before.flow, after_state)
        await tx.dialogs.save(dialog, services.clock())
        after = replace(
            before,
            state=after_state,
            status=DialogStatus(dialog.status),
            draft=None,
            revision=dialog.revision,
        )
        return Stepped(before, after, move)


async def own_dialog(
    services: Services, tx: Tx, team: str, user: str, dialog_id: int | None
) -> DialogSession | Refusal:
    """The user's dialog (a given one, or their open one) if it can still take actions."""
    if dialog_id is None:
        dialog = await tx.dialogs.open_for(team, user)
        if dialog is None:
            return Refusal.NO_DIALOG
    else:
        dialog = await tx.dialogs.get(dialog_id)
        if dialog is None:
            # Only abandoned dialogs are ever removed (bot.records.retention).
            return Refusal.EXPIRED
        if dialog.team_id != team or dialog.user_id != user:
            return Refusal.NO_DIALOG
        if lifecycle.has_expired(dialog):
            return Refusal.EXPIRED
        if not lifecycle.is_open(dialog.status):
            return Refusal.ENDED
    if not _flow_available(services, dialog):
        return Refusal.FLOW_CHANGED  # `/infoshare` then starts afresh on the current flow
    return dialog


async def first_delivery(services: Services, key: str) -> bool:
    """False if this Slack delivery was handled before (Slack retries unacknowledged events)."""
    async with services.db.transaction() as tx:
        return await tx.deliveries.claim(key, services.clock())


async def pause(services: Services, team: str, user: str, dialog_id: int) -> DialogView | Refusal:
    try:
        async with services.db.transaction() as tx:
            dialog = await own_dialog(services, tx, team, user, dialog_id)
            if isinstance(dialog, Refusal):
                return dialog
            lifecycle.pause(dialog)
            await tx.dialogs.save(dialog, services.clock())
            return dialog_view(services, dialog)
    except StaleDialog:
        return Refusal.ALREADY_ANSWERED


async def shown_at(services: Services, shown: DialogView, channel_id: str, message_ts: str) -> None:
    """Remember which message shows the dialog's current step, so a typed answer can update it.

    Only while the dialog is still at the step that message shows: a move that overtook the
    post has its own message to remember. A draft saved meanwhile is no move: read again."""
    now = services.clock()

    async def mark(tx: Tx) -> bool:  # as a rule, the dialog is as it was shown
        return await tx.dialogs.mark_shown_at(shown.id, shown.revision, channel_id, message_ts, now)

    # Not a transaction of its own after every post: under a burst it rides along with the
    # next click's (storage.Database.along_with_next). Done either way when this returns.
    if await services.db.along_with_next(mark):
        return
    for _ in range(MOVE_ATTEMPTS):
        async with services.db.transaction() as tx:
            dialog = await tx.dialogs.get(shown.id)
            if dialog is None or State.from_dict(dialog.state) != shown.state:
                return
            if await tx.dialogs.mark_shown(dialog, channel_id, message_ts, services.clock()):
                return
