"""Tx: everything one user action may read or write, inside one database transaction."""

from __future__ import annotations

from storage.decisions import DecisionLog
from storage.deliveries import DeliveryLog
from storage.dialogs import DialogStore
from storage.outbox import AuditOutboxQueue
from storage.purge import DecisionPurges


class Tx(DeliveryLog, DialogStore, DecisionLog, DecisionPurges, AuditOutboxQueue):
    """Get one from ``Database.transaction()``. Rows it returns are detached snapshots:
    change a dialog, then call ``save_dialog``; nothing else writes."""
