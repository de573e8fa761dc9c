"""Times as practitioners and supervisors read them: UK local time, labelled GMT or BST."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def uk_time(moment: datetime) -> str:
    """'23 Nov 2026 18:38 GMT' or '1 Jul 2026 14:05 BST'; a naive time is taken as UTC."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    local = aware.astimezone(UK)
    return f"{local.day} {local:%b %Y %H:%M} {local.tzname()}"
