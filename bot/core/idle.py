"""Idle dialogs: one reminder after INFOSHARE_NUDGE_HOURS without activity, then, after
INFOSHARE_EXPIRE_DAYS, closed as abandoned (lifecycle.expire). A dialog left at an outcome,
not recorded, is reminded of that once in its life (storage: `outcome_reminded_at`).
Several replicas may run this at once: a reminder is claimed in the database before it is
sent, so exactly one replica sends it (at most once if that replica dies between the claim
and the send), and an expiry is a compare-and-set save, so exactly one replica makes it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.core import lifecycle
from bot.core.services import Services
from dialogs.engine import State
from dialogs.model import Outcome
from storage import StaleDialog

log = logging.getLogger(__name__)

BATCH = 100


@dataclass(frozen=True)
class Reminder:
    dialog_id: int
    user: str
    state: State
    idle_since: datetime
    nudged_at: datetime
    # The outcome reached and not recorded, if that is where it stopped: the reminder says
    # so and offers the record form.
    outcome: Outcome | None


@dataclass(frozen=True)
class Expired:
    dialog_id: int
    user: str
    # The DM message that showed the dialog's step, if known: its buttons are replaced.
    shown: tuple[str, str] | None


async def claim_reminders(services: Services, now: datetime) -> list[Reminder]:
    """The reminders this replica should send now (each claimed for it alone)."""
    retention = services.settings.retention
    async with services.db.transaction() as tx:
        idle = await tx.dialogs.idle_unnudged(now - retention.nudge_after, BATCH)
    claimed = []
    for dialog in idle:
        if dialog.updated_at < now - retention.expire_after:
            continue  # about to expire: a reminder now would only confuse
        async with services.db.transaction() as tx:
            if not await tx.dialogs.mark_nudged(dialog, now):
                continue  # another replica claimed it, or the practitioner came back
        assert dialog.id is not None
        state = State.from_dict(dialog.state)
        outcome = None
        if dialog.outcome_reminded_at is not None:  # claimed as the not-recorded reminder
            node = services.flows.get(dialog.flow_id, dialog.flow_version).nodes[state.node]
            outcome = node if isinstance(node, Outcome) else None
        claimed.append(
            Reminder(dialog.id, dialog.user_id, state, dialog.updated_at, now, outcome)
        )
    return claimed


async def release_reminder(services: Services, reminder: Reminder) -> None:
    """The reminder could not be sent: give the claim back so a later round tries again."""
    async with services.db.transaction() as tx:
        await tx.dialogs.unmark_nudged(reminder.dialog_id, reminder.nudged_at)


async def expire_idle(services: Services, now: datetime) -> list[Expired]:
    """Close every dialog idle longer than INFOSHARE_EXPIRE_DAYS as abandoned."""
    idle_since = now - services.settings.retention.expire_after
    async with services.db.transaction() as tx:
        idle = await tx.dialogs.idle_open(idle_since, BATCH)
    expired = []
    for dialog in idle:
        shown = (
            (dialog.channel_id, dialog.message_ts)
            if dialog.channel_id and dialog.message_ts
            else None
        )
        try:
            async with services.db.transaction() as tx:
                lifecycle.expire(dialog, now)
                await tx.dialogs.save(dialog, now)
        except StaleDialog:
            continue  # the practitioner acted just now, or another replica expired it
        assert dialog.id is not None
        expired.append(Expired(dialog.id, dialog.user_id, shown))
    if expired:
        days = services.settings.retention.expire_days
        log.info("closed %d dialogs idle for over %d days", len(expired), days)
    return expired
