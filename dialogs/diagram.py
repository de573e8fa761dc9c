"""A flow drawn as a Mermaid flowchart (GitHub renders these in Markdown)."""

from __future__ import annotations

import re

from dialogs.model import Advice, Flow, Question
from dialogs.validation import edges


def mermaid(flow: Flow) -> str:
    lines = [
        "---",
        "title: '" + _label(f"{flow.title} ({flow.id} v{flow.version})").replace("'", "''") + "'",
        "---",
        "flowchart TD",
    ]
    for node_id, node in flow.nodes.items():
        if isinstance(node, Question):
            lines.append(f'    {_id(node_id)}{{"{_label(node.text)}"}}')
        elif isinstance(node, Advice):
            lines.append(f'    {_id(node_id)}[/"Seek advice: {_label(node.text)}"/]')
        else:
            text = node.title
            if node.title.lower() != node.outcome.label.lower():
                text += f" ({node.outcome.label})"
            lines.append(f'    {_id(node_id)}(["{_label(text)}"])')
    for node_id, node in flow.nodes.items():
        for label, target in edges(flow, node_id):
            lines.append(f'    {_id(node_id)} -- "{_label(label)}" --> {_id(target)}')
        if isinstance(node, Advice):
            for question_id in _questions_leading_to(flow, node_id):
                lines.append(f'    {_id(node_id)} -. "Back to the question" .-> {_id(question_id)}')
    lines.append("    classDef outcome fill:#e8f4ea,stroke:#2e7d32")
    lines.append("    classDef advice fill:#fff4e0,stroke:#b26a00")
    for node_id, node in flow.nodes.items():
        if not isinstance(node, Question):
            kind = "advice" if isinstance(node, Advice) else "outcome"
            lines.append(f"    class {_id(node_id)} {kind}")
    return "\n".join(lines) + "\n"


def _questions_leading_to(flow: Flow, advice_id: str) -> list[str]:
    return [
        node_id
        for node_id, node in flow.nodes.items()
        if isinstance(node, Question) and advice_id in node.answers.values()
    ]


def _id(node_id: str) -> str:
    return "n_" + re.sub(r"\W", "_", node_id)


def _label(text: str) -> str:
    flat = " ".join(text.replace("*", "").split())
    return flat.replace('"', "#quot;")
