"""Exceptions storage raises for the bot to handle. Messages carry ids, never user text."""

from __future__ import annotations


class StaleDialog(Exception):
    """The dialog changed since it was read (a concurrent double click or Slack retry won
    the race), or it has ended. The caller's transaction should be abandoned."""

    def __init__(self, dialog_id: int | None) -> None:
        super().__init__(f"dialog {dialog_id} was changed or ended by another action")
        self.dialog_id = dialog_id


class DialogClosed(StaleDialog):
    """The dialog is already recorded or abandoned: nothing more can happen in it."""


class DialogAlreadyOpen(Exception):
    """The user already has an active, paused or outcome dialog. Resume it, or save it as
    abandoned first (in the same transaction) and then create the new one."""

    def __init__(self) -> None:
        super().__init__("this user already has an open dialog")
