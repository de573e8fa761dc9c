"""The anonymised decision summary: one template for the audit channel and the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.privacy.escape import escape_slack
from bot.text.rendering import Mrkdwn, render
from bot.text.uk_time import uk_time
from dialogs.engine import PathStep, State, path
from dialogs.model import Flow, Outcome, OutcomeKind
from dialogs.record import FIELD_LABELS, FREE_TEXT, DecisionFields


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
    return render_summary(
        flow_line=f"{flow.title} ({flow.id} v{flow.version})",
        outcome=outcome.outcome,
        outcome_title=outcome.title,
        steps=path(flow, state),
        record=record,
        reference=reference,
        practitioner=practitioner,
        recorded_at=recorded_at,
    )


def render_summary(
    *,
    flow_line: str,
    outcome: OutcomeKind,
    outcome_title: str,
    steps: Sequence[PathStep],
    record: DecisionFields,
    reference: str,
    practitioner: str,
    recorded_at: datetime | None,
) -> str:
    labelled = [
        (FIELD_LABELS[name], _display(record, name), name in FREE_TEXT)
        for name in record.to_dict()
    ]
    return render(
        "decision_summary.j2",
        reference=reference,
        outcome_label=outcome.label,
        outcome_title=outcome_title,
        flow_line=flow_line,
        practitioner=practitioner,
        recorded_at=uk_time(recorded_at) if recorded_at else None,
        path=steps,
        fields=labelled,
    )


def quoted(text: str) -> Mrkdwn:
    """Free text as a Slack block quote, escaped: every line starts with `>`, so nothing a
    practitioner types can start a line that looks like one of the summary's own fields."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line or (lines and lines[-1]):  # runs of blank lines become one
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return Mrkdwn("\n".join(f"> {escape_slack(line)}".rstrip() for line in lines))


def _display(record: DecisionFields, name: str) -> str:
    value = getattr(record, name)
    if name in FREE_TEXT:
        return quoted(value)
    label = getattr(value, "label", None)
    return str(label) if label is not None else str(value)
