"""What an operator watches, served at `GET /metrics` in Prometheus' text format.

Latencies are timed from the moment a request reaches the bot: the ack is its HTTP answer; a
step is until the next dialog message has been posted (a context variable carries the start
into the listener, which Bolt runs in a task of its own after the ack).
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

from storage import Database

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0)

REQUESTS = Counter("infoshare_requests", "Slack requests received, by kind", ["kind"])
ACK_SECONDS = Histogram(
    "infoshare_ack_seconds", "From a request's arrival to its HTTP answer", buckets=LATENCY_BUCKETS
)
STEP_SECONDS = Histogram(
    "infoshare_step_seconds",
    "From a request's arrival to the next dialog message posted",
    buckets=LATENCY_BUCKETS,
)
OUTBOX_BACKLOG = Gauge("infoshare_outbox_backlog", "Audit posts recorded but not yet posted")
OUTBOX_OLDEST = Gauge(
    "infoshare_outbox_oldest_unposted_seconds", "Age of the oldest audit post not yet posted"
)
POSTER_ERRORS = Counter(
    "infoshare_audit_post_errors", "Failed audit posts, by Slack error code", ["error"]
)
DATABASE_ERRORS = Counter("infoshare_database_errors", "Database errors, by where they happened",
                          ["where"])

_received_at: ContextVar[float | None] = ContextVar("infoshare_received_at", default=None)


def request_kind(body: dict[str, Any]) -> str:
    if "command" in body:
        return "command"
    kind = body.get("type")
    return kind if kind in ("block_actions", "view_submission", "event_callback") else "other"


def request_arrived(kind: str) -> float:
    """Count a request and start its clocks; returns the start for the ack's timing."""
    REQUESTS.labels(kind=kind).inc()
    now = time.monotonic()
    _received_at.set(now)
    return now


def acked(started: float) -> None:
    ACK_SECONDS.observe(time.monotonic() - started)


def step_posted() -> None:
    started = _received_at.get()
    if started is not None:
        STEP_SECONDS.observe(time.monotonic() - started)


async def exposition(db: Database) -> tuple[bytes, str]:
    """The metrics as Prometheus reads them, the outbox gauges read from the database now."""
    try:
        async with db.transaction() as tx:
            backlog, oldest = await tx.outbox.backlog()
    except Exception:  # the scrape still answers; the counter says what went wrong
        DATABASE_ERRORS.labels(where="metrics").inc()
    else:
        OUTBOX_BACKLOG.set(backlog)
        age = (datetime.now(UTC) - _aware(oldest)).total_seconds() if oldest else 0.0
        OUTBOX_OLDEST.set(max(age, 0.0))
    return generate_latest(), CONTENT_TYPE_LATEST


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
