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


class SchemaNotMigrated(ValueError):
    """The schema is older than this version needs, and the database role may not upgrade it
    (a runtime role without DDL rights)."""

    def __init__(self, found: str | None, needed: str | None) -> None:
        super().__init__(
            f"the database schema is at revision {found or 'none (empty)'} but this version "
            f"needs {needed}, and the role in DATABASE_URL may not change the schema. Upgrade "
            "it as the migration role: DATABASE_URL=<the migration role's URL> "
            "python -m storage.migrate, then run the runtime role's grants again "
            "(README, 'PostgreSQL: a migration role and a runtime role')."
        )
        self.found = found
        self.needed = needed


class UnknownDecision(LookupError):
    """No decision has that id (it never existed, or a purge removed it)."""

    def __init__(self, decision_id: int) -> None:
        super().__init__(f"no decision {decision_id}")
        self.decision_id = decision_id
