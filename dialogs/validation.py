"""Rules a flow must keep so that no practitioner ever reaches a dead end."""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.model import Advice, Answer, Flow, Outcome, OutcomeKind, Question

SECTION_TEXT_LIMIT = 3000  # Slack: a section block's text
BUTTON_LABEL_LIMIT = 75  # Slack: a button's label

# Not sharing never ends the duty to protect a child: a do-not-share outcome's reminder must say,
# in the flow's own words, to refer under safeguarding procedures, not to assume someone else
# will, to seek advice and to record the decision. Each point is found by one of its words.
SAFEGUARDING_POINTS = {
    "refer under safeguarding procedures": ("refer",),
    "do not assume someone else will share": ("someone else", "another practitioner"),
    "seek advice": ("advice",),
    "record the decision": ("record",),
}


@dataclass(frozen=True)
class Problem:
    node: str | None
    message: str

    def __str__(self) -> str:
        return f"node {self.node!r}: {self.message}" if self.node else self.message


def edges(flow: Flow, node_id: str) -> list[tuple[str, str]]:
    """(label, target) for every way on from a node."""
    node = flow.nodes[node_id]
    if isinstance(node, Question):
        return [(answer.label, target) for answer, target in node.answers.items()]
    if isinstance(node, Advice):
        return [("Record advice sought", node.record)]
    return []


def validate(flow: Flow) -> list[Problem]:
    problems: list[Problem] = []
    if flow.start not in flow.nodes:
        problems.append(Problem(None, f"start {flow.start!r} is not a node"))
    for node_id in flow.nodes:
        problems.extend(_check_node(flow, node_id))
    if problems:
        return problems  # reachability and cycles are meaningless over broken edges
    problems.extend(_check_reachable(flow))
    problems.extend(_check_acyclic(flow))
    return problems


def _check_node(flow: Flow, node_id: str) -> list[Problem]:
    node = flow.nodes[node_id]
    problems = [
        Problem(node_id, f"{label} leads to {target!r}, which is not a node")
        for label, target in edges(flow, node_id)
        if target not in flow.nodes
    ]
    if isinstance(node, Question):
        missing = [answer.value for answer in Answer if answer not in node.answers]
        if missing:
            problems.append(Problem(node_id, f"question has no answer for {', '.join(missing)}"))
        not_sure = node.answers.get(Answer.NOT_SURE)
        if not_sure in flow.nodes and not isinstance(flow.nodes[not_sure], Advice):
            problems.append(Problem(node_id, "'not sure' must lead to an advice point"))
        problems.extend(_check_length(node_id, "short", node.short, BUTTON_LABEL_LIMIT))
        problems.extend(_check_length(node_id, "text", node.text, SECTION_TEXT_LIMIT))
        problems.extend(_check_length(node_id, "help", node.help, SECTION_TEXT_LIMIT))
        problems.extend(_check_plain(node_id, node))
    elif isinstance(node, Advice):
        target = flow.nodes.get(node.record)
        if isinstance(target, Outcome) and target.outcome is not OutcomeKind.ADVICE_SOUGHT:
            problems.append(Problem(node_id, "record must lead to an 'advice_sought' outcome"))
        elif target is not None and not isinstance(target, Outcome):
            problems.append(Problem(node_id, "record must lead to an outcome"))
        text = "\n".join([node.text, *node.ask, node.reminder])
        problems.extend(_check_length(node_id, "text", text, SECTION_TEXT_LIMIT))
    else:
        problems.extend(_check_length(node_id, "title", node.title, BUTTON_LABEL_LIMIT))
        problems.extend(_check_length(node_id, "guidance", node.guidance, SECTION_TEXT_LIMIT))
        problems.extend(_check_safeguarding_reminder(node_id, node))
    return problems


def _check_plain(node_id: str, question: Question) -> list[Problem]:
    """A plain version stands beside the source's wording: shorter, and only where `text`
    is the source's (a derived question is already in our words)."""
    if not question.plain:
        return []
    if question.source == "derived":
        return [Problem(node_id, "a derived question is in our words already: no plain needed")]
    if len(question.plain.split()) >= len(question.text.split()):
        return [Problem(node_id, "plain must be shorter than the source's wording")]
    return []


def questions_ahead(flow: Flow, node_id: str) -> int:
    """The most questions a practitioner at `node_id` may still be asked (it included), over
    every path from there to an outcome: the flow's longest path, derived, never written down."""
    memo: dict[str, int] = {}

    def longest(at: str) -> int:
        if at not in memo:
            here = 1 if isinstance(flow.nodes[at], Question) else 0
            memo[at] = here + max((longest(target) for _, target in edges(flow, at)), default=0)
        return memo[at]

    return longest(node_id)


def _check_safeguarding_reminder(node_id: str, outcome: Outcome) -> list[Problem]:
    if outcome.outcome is not OutcomeKind.DO_NOT_SHARE:
        return []
    reminder = outcome.safeguarding_reminder.lower()
    if not reminder.strip():
        return [
            Problem(
                node_id,
                "a do-not-share outcome needs a safeguarding_reminder: a child who may be at "
                "risk of harm must still be referred",
            )
        ]
    missing = [
        point
        for point, words in SAFEGUARDING_POINTS.items()
        if not any(word in reminder for word in words)
    ]
    if missing:
        return [Problem(node_id, f"safeguarding_reminder does not say: {'; '.join(missing)}")]
    return _check_length(node_id, "safeguarding_reminder", reminder, SECTION_TEXT_LIMIT)


def _check_length(node_id: str, field: str, text: str, limit: int) -> list[Problem]:
    if not text.strip():
        return [Problem(node_id, f"{field} is empty")]
    if len(text) > limit:
        return [Problem(node_id, f"{field} is {len(text)} characters; Slack allows {limit}")]
    return []


def _check_reachable(flow: Flow) -> list[Problem]:
    seen: set[str] = set()
    pending = [flow.start]
    while pending:
        node_id = pending.pop()
        if node_id not in seen:
            seen.add(node_id)
            pending.extend(target for _, target in edges(flow, node_id))
    return [
        Problem(node_id, f"cannot be reached from start {flow.start!r}")
        for node_id in flow.nodes
        if node_id not in seen
    ]


def _check_acyclic(flow: Flow) -> list[Problem]:
    """Every path must end at an outcome: a cycle would let a dialog go round for ever."""
    done: set[str] = set()
    on_path: list[str] = []
    problems: list[Problem] = []

    def visit(node_id: str) -> None:
        if node_id in done:
            return
        if node_id in on_path:
            loop = [*on_path[on_path.index(node_id) :], node_id]
            problems.append(Problem(node_id, f"cycle: {' -> '.join(loop)}"))
            return
        on_path.append(node_id)
        for _, target in edges(flow, node_id):
            visit(target)
        on_path.pop()
        done.add(node_id)

    visit(flow.start)
    return problems
