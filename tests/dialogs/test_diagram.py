"""The Mermaid drawing of a flow: every node, every branch, each labelled."""

from __future__ import annotations

import re

import yaml

from dialogs.diagram import mermaid
from dialogs.model import Advice, Answer, Flow, Question

SOLID = re.compile(r'^    (n_\w+) -- "([^"]+)" --> (n_\w+)$')
DOTTED = re.compile(r'^    (n_\w+) -\. "([^"]+)" \.-> (n_\w+)$')


def mermaid_id(node_id: str) -> str:
    return "n_" + re.sub(r"\W", "_", node_id)


def matches(pattern: re.Pattern[str], lines: list[str]) -> set[tuple[str, ...]]:
    return {found.groups() for line in lines if (found := pattern.match(line))}


def front_matter(drawing: str) -> dict[str, str]:
    _, head, _ = drawing.split("---\n", 2)
    loaded = yaml.safe_load(head)
    assert isinstance(loaded, dict)
    return loaded


def test_every_branch_is_drawn_and_labelled(shipped: Flow) -> None:
    lines = mermaid(shipped).splitlines()
    assert "flowchart TD" in lines
    solid = matches(SOLID, lines)
    expected = set()
    for node_id, node in shipped.nodes.items():
        if isinstance(node, Question):
            for answer in Answer:
                target = node.answers[answer]
                expected.add((mermaid_id(node_id), answer.label, mermaid_id(target)))
        elif isinstance(node, Advice):
            expected.add((mermaid_id(node_id), "Record advice sought", mermaid_id(node.record)))
    assert solid == expected
    arrows = [line for line in lines if "-->" in line or ".->" in line]
    assert all(SOLID.match(line) or DOTTED.match(line) for line in arrows), arrows


def test_every_advice_links_back_to_its_question(shipped: Flow) -> None:
    dotted = matches(DOTTED, mermaid(shipped).splitlines())
    expected = {
        (mermaid_id(node.answers[Answer.NOT_SURE]), "Back to the question", mermaid_id(node_id))
        for node_id, node in shipped.nodes.items()
        if isinstance(node, Question)
    }
    assert dotted == expected


def test_every_node_is_declared_once(shipped: Flow) -> None:
    lines = mermaid(shipped).splitlines()
    for node_id in shipped.nodes:
        declared = [line for line in lines if re.match(rf"^    {mermaid_id(node_id)}[{{\[(]", line)]
        assert len(declared) == 1, node_id


def test_title_front_matter_is_yaml(shipped: Flow) -> None:
    assert (
        front_matter(mermaid(shipped))["title"]
        == f"{shipped.title} ({shipped.id} v{shipped.version})"
    )


def test_title_with_yaml_syntax_stays_valid_front_matter(fixture_flow: Flow) -> None:
    title = "Children's services: local protocol #2 [draft]"
    flow = fixture_flow.model_copy(update={"title": title})
    assert front_matter(mermaid(flow))["title"] == f"{title} (fixture-valid v1)"


def test_quotes_in_text_do_not_break_labels(fixture_flow: Flow) -> None:
    gate = fixture_flow.question("gate").model_copy(update={"text": 'Is there a "purpose"?'})
    flow = fixture_flow.model_copy(update={"nodes": {**fixture_flow.nodes, "gate": gate}})
    drawing = mermaid(flow)
    assert "Is there a #quot;purpose#quot;?" in drawing
    assert '"purpose"' not in drawing
