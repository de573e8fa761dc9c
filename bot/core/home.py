"""What a user's App Home shows: a way to start or resume, their recent decisions with their
review status, and for a supervisor the review workload. One read-only transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.conversation import DialogView, current
from bot.core.services import Services
from bot.text.uk_time import UK
from storage.reviews import DecisionWithStatus, SupervisorOverview

RECENT = 10  # decisions listed


@dataclass(frozen=True)
class Home:
    open_dialog: DialogView | None
    recent: list[DecisionWithStatus]
    overview: SupervisorOverview | None  # for supervisors only
    now: datetime


async def home(services: Services, team: str, user: str, *, supervisor: bool) -> Home:
    now = services.clock()
    dialog = await current(services, team, user)
    async with services.db.transaction() as tx:
        recent = await tx.reviews.recent_for_practitioner(team, user, limit=RECENT)
        overview = await tx.reviews.supervisor_overview(month_start(now)) if supervisor else None
    return Home(dialog, recent, overview, now)


def month_start(now: datetime) -> datetime:
    """Midnight on the first of this month, UK time."""
    local = now.astimezone(UK)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
