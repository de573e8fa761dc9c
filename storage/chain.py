"""The hash chain over decisions and reviews: one chain, ordered by ``chain_seq``, across
both tables. Each row's ``row_hash`` is SHA-256 over the previous row's hash and a canonical
form of the row; the head (``chain_head``, one row) holds the newest sequence number and
hash and is the lock every append takes, so two replicas appending at once queue instead of
forking the chain. A purge leaves a ``chain_gap`` row for each run of sequence numbers it
removed, with the hash of the run's last row, so the chain still verifies afterwards."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

#: The hash the first row chains from.
GENESIS = "0" * 64


def canonical_moment(moment: datetime) -> str:
    """UTC, microseconds always shown: one spelling however the database handed it back."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_form(kind: str, seq: int, content: Mapping[str, Any]) -> bytes:
    """Sorted-key compact JSON, UTF-8: the same bytes on SQLite and PostgreSQL (JSONB
    reorders object keys; sorting undoes that)."""
    body = {
        key: canonical_moment(value) if isinstance(value, datetime) else value
        for key, value in content.items()
    }
    document = {"kind": kind, "seq": seq, "row": body}
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(previous: str, kind: str, seq: int, content: Mapping[str, Any]) -> str:
    digest = hashlib.sha256()
    digest.update(previous.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical_form(kind, seq, content))
    return digest.hexdigest()


# The columns each kind of row contributes (everything but its surrogate id and the chain
# columns themselves). The migration that chains existing decisions uses the same lists.
DECISION_FIELDS = (
    "reference",
    "dialog_id",
    "team_id",
    "user_id",
    "flow_id",
    "flow_version",
    "outcome",
    "path",
    "fields",
    "created_at",
)
REVIEW_FIELDS = (
    "decision_id",
    "kind",
    "supervisor_id",
    "text",
    "idempotency_key",
    "created_at",
)


def content_of(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    values = {}
    for name in names:
        value = row[name] if isinstance(row, Mapping) else getattr(row, name)
        values[name] = str(value) if name == "kind" and value is not None else value
    return values
