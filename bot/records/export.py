"""`infoshare audit export`: CSV of the anonymised fields and the review status only.

Nothing identifying is in it by construction: the columns are a fixed list (no Slack user or
team IDs, no supervisor IDs), and the free text is what was stored, already anonymised. Cells
that a spreadsheet would run as a formula are prefixed with an apostrophe."""

from __future__ import annotations

import csv
import sys
from datetime import date, datetime, time, timedelta
from typing import IO, Any

from bot.core.advice_record import kept_advice
from bot.text.uk_time import UK
from dialogs.record import FIELD_LABELS
from storage import Database
from storage.chain import canonical_moment
from storage.export import DecisionExport, ExportedDecision

FIELD_COLUMNS = tuple(FIELD_LABELS)
COLUMNS = (
    "reference",
    "recorded_at_utc",
    "flow_id",
    "flow_version",
    "outcome",
    "path",
    *FIELD_COLUMNS,
    "review_status",
    "lead_advice",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def uk_day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UK)


def export_window(since: date, until: date) -> tuple[datetime, datetime]:
    """UK calendar days, both inclusive: from the start of ``since`` to the end of ``until``."""
    if until < since:
        raise ValueError("--until must not be before --since")
    return uk_day_start(since), uk_day_start(until + timedelta(days=1))


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_row(decision: ExportedDecision) -> list[str]:
    path = ";".join(f"{node}={answer}" for node, answer in decision.path)
    values: list[Any] = [
        decision.reference,
        canonical_moment(decision.created_at),
        decision.flow_id,
        decision.flow_version,
        decision.outcome,
        path,
        *(decision.fields.get(name, "") for name in FIELD_COLUMNS),
        decision.review_status.value,
        lead_advice_cell(decision.fields),
    ]
    return [safe_cell(value) for value in values]


def lead_advice_cell(fields: dict[str, Any]) -> str:
    """The advice asked of leads from the dialog, anonymised as stored; without the lead's
    Slack ID, like every other column."""
    parts = []
    for entry in kept_advice(fields):
        answered = (
            f"answered {entry.get('answered_at')}, suggested {entry.get('suggestion')}"
            f", {entry.get('choice') or 'not acted on'}"
            if entry.get("answered_at")
            else ("withdrawn" if entry.get("withdrawn_at") else "not answered")
        )
        parts.append(
            f"asked {entry.get('asked_at')} ({entry.get('urgency')}), {answered}; "
            f"Q: {entry.get('question') or ''}; A: {entry.get('advice') or ''}"
        )
    return " | ".join(parts)


class Progress:
    """A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal."""

    WIDTH = 30

    def __init__(self, total: int, stream: IO[str] | None = None) -> None:
        self._stream = sys.stderr if stream is None else stream
        self._total = total
        self._shown = -1
        self._on = self._stream.isatty()

    def update(self, done: int) -> None:
        if not self._on or not self._total:
            return
        percent = done * 100 // self._total
        if percent == self._shown:
            return
        self._shown = percent
        filled = self.WIDTH * done // self._total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self._stream.write(f"\rExporting [{bar}] {done}/{self._total} ({percent}%)")
        self._stream.flush()

    def finish(self) -> None:
        if self._on and self._total:
            self._stream.write("\n")
            self._stream.flush()


async def write_export(
    db: Database, since: datetime, until: datetime, out: IO[str], progress_stream: IO[str] | None
) -> int:
    """Write the CSV to ``out``; how many decisions it holds."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    written = 0
    async with DecisionExport(db, since, until).opened() as (total, decisions):
        progress = Progress(total, progress_stream)
        async for decision in decisions:
            writer.writerow(csv_row(decision))
            written += 1
            progress.update(written)
        progress.finish()
    return written
