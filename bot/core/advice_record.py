"""What a recorded decision keeps of the advice asked from its dialog: JSON in its
hash-chained `fields`, so `infoshare audit verify` covers it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from storage.chain import canonical_moment
from storage.tables import AdviceRequest


def record_entry(request: AdviceRequest) -> dict[str, Any]:
    """One request as the decision keeps it (JSON in the hash-chained `fields`)."""

    def moment(value: datetime | None) -> str | None:
        return canonical_moment(value) if value is not None else None

    return {
        "question": request.question,
        "description": request.description,
        "urgency": request.urgency,
        "asked_at": moment(request.sent_at),
        "lead": request.answered_by or request.taken_by,
        "taken_at": moment(request.taken_at),
        "answered_at": moment(request.answered_at),
        "advice": request.advice,
        "suggestion": request.suggestion,
        "choice": request.choice,
        "withdrawn_at": moment(request.withdrawn_at),
    }


LEAD_ADVICE_FIELD = "lead_advice"


def record_fields(requests: list[AdviceRequest]) -> dict[str, Any]:
    """What a decision adds to its fields for the requests of its dialog (nothing if none)."""
    return {LEAD_ADVICE_FIELD: [record_entry(r) for r in requests]} if requests else {}


def kept_advice(fields: dict[str, Any]) -> list[dict[str, Any]]:
    """The advice requests a recorded decision keeps."""
    entries = fields.get(LEAD_ADVICE_FIELD)
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
