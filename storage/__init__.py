"""Storage for infoshare-bot: the only package that opens database sessions or writes."""

from storage.database import DEFAULT_DATABASE_URL, Database, normalise_database_url
from storage.errors import (
    DialogAlreadyOpen,
    DialogClosed,
    SchemaNotMigrated,
    StaleDialog,
    UnknownDecision,
)
from storage.record_chain import ChainPosition
from storage.reviews import DecisionWithStatus, SupervisorOverview
from storage.tables import (
    OPEN_DIALOG_STATUSES,
    AuditOutbox,
    Decision,
    DecisionPurge,
    DialogSession,
    DialogStatus,
    OutboxStatus,
    Review,
    ReviewKind,
    ReviewStatus,
    SlackDelivery,
)
from storage.transaction import Tx

__all__ = [
    "DEFAULT_DATABASE_URL",
    "OPEN_DIALOG_STATUSES",
    "AuditOutbox",
    "ChainPosition",
    "Database",
    "Decision",
    "DecisionPurge",
    "DecisionWithStatus",
    "DialogAlreadyOpen",
    "DialogClosed",
    "DialogSession",
    "DialogStatus",
    "OutboxStatus",
    "Review",
    "ReviewKind",
    "ReviewStatus",
    "SchemaNotMigrated",
    "SlackDelivery",
    "StaleDialog",
    "SupervisorOverview",
    "Tx",
    "UnknownDecision",
    "normalise_database_url",
]
