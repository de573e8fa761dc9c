"""What every use case, listener and background job shares: settings, the database, the
flows, the anonymiser and the clock. Built once at start-up; Slack listeners receive it as an
argument (set by middleware, injected by Bolt)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from bot.settings import Settings
from dialogs.loading import FlowLibrary
from storage import Database
from storage.columns import utc_now

if TYPE_CHECKING:
    from bot.privacy.anonymiser import Anonymiser


@dataclass(frozen=True)
class Services:
    settings: Settings
    db: Database
    flows: FlowLibrary
    anonymiser: Anonymiser
    clock: Callable[[], datetime] = utc_now
    # Set when a decision is recorded, so the audit poster posts it at once.
    audit_due: asyncio.Event = field(default_factory=asyncio.Event)
    # Set when an advice request is sent or answered, so its post or DM goes at once.
    advice_due: asyncio.Event = field(default_factory=asyncio.Event)
