"""Storage for infoshare-bot: the only package that opens database sessions or writes."""

from storage.database import DEFAULT_DATABASE_URL, Database, normalise_database_url
from storage.errors import DialogAlreadyOpen, DialogClosed, SchemaNotMigrated, StaleDialog
from storage.tables import (
    OPEN_DIALOG_STATUSES,
    AuditOutbox,
    Decision,
    DecisionPurge,
    DialogSession,
    DialogStatus,
    OutboxStatus,
    SlackDelivery,
)
from storage.transaction import Tx

__all__ = [
    "DEFAULT_DATABASE_URL",
    "OPEN_DIALOG_STATUSES",
    "AuditOutbox",
    "Database",
    "Decision",
    "DecisionPurge",
    "DialogAlreadyOpen",
    "DialogClosed",
    "DialogSession",
    "DialogStatus",
    "OutboxStatus",
    "SchemaNotMigrated",
    "SlackDelivery",
    "StaleDialog",
    "Tx",
    "normalise_database_url",
]
