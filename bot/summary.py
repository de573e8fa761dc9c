"""The anonymised decision summary: one template for the audit channel and the terminal."""

from __future__ import annotations

from datetime import datetime

from bot.rendering import render
from dialogs.engine import State, path
from dialogs.model import Flow, Outcome
from dialogs.record import FIELD_LABELS, DecisionFields


def decision_summary(
    flow: Flow,
    state: State,
    record: DecisionFields,
    *,
    reference: str,
    practitioner: str,
    recorded_at: datetime | None,
) -> str:
    """Slack mrkdwn; every value that came from a person is escaped by the template."""
    outcome = flow.nodes[state.node]
    if not isinstance(outcome, Outcome):
        raise ValueError("a decision summary needs a dialog that has reached an outcome")
    values = record.to_dict()
    labelled = [
        (FIELD_LABELS[name], _display(record, name)) for name in FIELD_LABELS if values.get(name)
    ]
    return render(
        "decision_summary.j2",
        reference=reference,
        outcome_label=outcome.outcome.label,
        outcome_title=outcome.title,
        flow_title=flow.title,
        flow_id=flow.id,
        flow_version=flow.version,
        practitioner=practitioner,
        recorded_at=recorded_at.strftime("%d %b %Y %H:%M %Z").strip() if recorded_at else None,
        path=path(flow, state),
        fields=labelled,
    )


def _display(record: DecisionFields, name: str) -> str:
    value = getattr(record, name)
    label = getattr(value, "label", None)
    return str(label) if label is not None else str(value)
