"""How long ago something happened, in words a supervisor reads at a glance."""

from __future__ import annotations

from datetime import datetime, timedelta


def age(since: datetime, now: datetime) -> str:
    """'3 days', '5 hours', 'under an hour'."""
    elapsed = max(now - since, timedelta(0))
    days = elapsed.days
    if days >= 1:
        return f"{days} day{'s' if days != 1 else ''}"
    hours = elapsed.seconds // 3600
    if hours >= 1:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return "under an hour"
