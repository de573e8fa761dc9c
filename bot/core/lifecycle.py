"""The one place that changes a dialog's status.

Where the dialog is decides most of it: at an outcome it is `outcome`, anywhere else `active`
(`settle`). The rest are the practitioner's own transitions: pause, resume (back to where the
dialog is), abandon; and expiry, when a dialog has been idle too long. Recording ends a dialog
in the same write as the decision (`tx.decisions.record`), so a decision never exists beside a
dialog still open."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dialogs.engine import State, is_finished
from dialogs.model import Flow
from storage import OPEN_DIALOG_STATUSES, DialogSession, DialogStatus


def status_at(flow: Flow, state: State) -> DialogStatus:
    """The status that follows from where the dialog is."""
    return DialogStatus.OUTCOME if is_finished(flow, state) else DialogStatus.ACTIVE


def move_to(dialog: DialogSession, flow: Flow, state: State) -> None:
    """The dialog now stands at `state`; any draft belonged to where it was."""
    dialog.state = state.to_dict()
    dialog.status = status_at(flow, state)
    dialog.draft = None


def settle(dialog: DialogSession, flow: Flow) -> None:
    """Status from position: for a dialog created or adopted at a given state."""
    dialog.status = status_at(flow, State.from_dict(dialog.state))


def pause(dialog: DialogSession) -> None:
    dialog.status = DialogStatus.PAUSED


def resume(dialog: DialogSession, flow: Flow) -> bool:
    """Carry on a paused dialog where it stands; False if it was not paused (nothing to save)."""
    if dialog.status != DialogStatus.PAUSED:
        return False
    settle(dialog, flow)
    return True


def abandon(dialog: DialogSession) -> None:
    dialog.status = DialogStatus.ABANDONED


def expire(dialog: DialogSession, now: datetime) -> None:
    """Close a dialog left idle too long: abandoned, and marked as expired so its buttons
    can say so and offer a fresh start."""
    dialog.status = DialogStatus.ABANDONED
    dialog.expired_at = now


def has_expired(dialog: DialogSession) -> bool:
    return DialogStatus(dialog.status) == DialogStatus.ABANDONED and dialog.expired_at is not None


def is_open(status: Any) -> bool:
    return DialogStatus(status) in OPEN_DIALOG_STATUSES
