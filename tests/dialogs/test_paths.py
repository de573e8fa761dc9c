"""Every path of every shipped flow, and the branches the guidance draws."""

from __future__ import annotations

import pytest

from dialogs.engine import Move, is_consistent, is_finished, path
from dialogs.loading import FlowLibrary
from dialogs.model import Advice, Answer, Flow, Outcome, OutcomeKind, Question
from tests.dialogs.walks import every_path, walk

Y, N, NS, ADVICE = Move.YES, Move.NO, Move.NOT_SURE, Move.ADVICE_SOUGHT


def test_every_path_ends_at_an_outcome(shipped: Flow) -> None:
    ends = list(every_path(shipped))
    for state in ends:
        assert is_finished(shipped, state)
        assert is_consistent(shipped, state)
        assert len(path(shipped, state)) == len(state.answers)
    # Five questions: each has a not-sure path (advice -> advice sought) and one or two
    # outcomes of its own, and the last question has two.
    questions = [n for n in shipped.nodes.values() if isinstance(n, Question)]
    assert len(questions) == 5
    assert len(ends) == 11
    assert len({state.answers for state in ends}) == len(ends)


def test_every_node_is_on_some_path(shipped: Flow) -> None:
    visited = {node for state in every_path(shipped) for node, _ in state.answers}
    visited |= {state.node for state in every_path(shipped)}
    assert visited == set(shipped.nodes)


def test_reachable_outcome_kinds(shipped: Flow) -> None:
    kinds = set()
    for state in every_path(shipped):
        outcome = shipped.nodes[state.node]
        assert isinstance(outcome, Outcome)
        kinds.add(outcome.outcome)
    assert kinds == set(OutcomeKind)


# (answers from the start, outcome kind, the question the last answer was given at)
# as in flows-reference.md; the two flows share the shape, not the node ids.
BRANCHES = [
    ((N,), OutcomeKind.DO_NOT_SHARE, "purpose"),
    ((Y, N), OutcomeKind.SHARE, "identifiable"),
    ((Y, Y, N), OutcomeKind.SHARE, "confidential"),
    ((Y, Y, Y, Y), OutcomeKind.SHARE, "consent"),
    ((Y, Y, Y, N, Y), OutcomeKind.SHARE_WITHOUT_CONSENT, "last"),
    ((Y, Y, Y, N, N), OutcomeKind.DO_NOT_SHARE, "last"),
]
LAST_QUESTION = {"hm-gov-2018": "another-reason", "dfes-2006": "public-interest"}


@pytest.mark.parametrize(("answers", "kind", "asked_at"), BRANCHES)
def test_branch_table(
    shipped: Flow, answers: tuple[Move, ...], kind: OutcomeKind, asked_at: str
) -> None:
    state = walk(shipped, *answers)
    outcome = shipped.nodes[state.node]
    assert isinstance(outcome, Outcome)
    assert outcome.outcome is kind
    expected_node = LAST_QUESTION[shipped.id] if asked_at == "last" else asked_at
    assert state.answers[-1] == (expected_node, answers[-1].value)


def test_questions_are_asked_in_the_reference_order(shipped: Flow) -> None:
    state = walk(shipped, Y, Y, Y, N)
    asked = [node for node, _ in state.answers] + [state.node]
    assert asked == [
        "purpose",
        "identifiable",
        "confidential",
        "consent",
        LAST_QUESTION[shipped.id],
    ]
    assert shipped.start == "purpose"


@pytest.mark.parametrize("answers", [b[0] for b in BRANCHES])
def test_share_outcomes_show_the_checklist(shipped: Flow, answers: tuple[Move, ...]) -> None:
    outcome = shipped.nodes[walk(shipped, *answers).node]
    assert isinstance(outcome, Outcome)
    assert outcome.checklist is outcome.outcome.shares
    assert outcome.record


def test_not_sure_then_advice_sought_on_every_question(shipped: Flow) -> None:
    for node_id, node in shipped.nodes.items():
        if not isinstance(node, Question):
            continue
        advice = shipped.nodes[node.answers[Answer.NOT_SURE]]
        assert isinstance(advice, Advice), node_id
        sought = shipped.nodes[advice.record]
        assert isinstance(sought, Outcome)
        assert sought.outcome is OutcomeKind.ADVICE_SOUGHT


# The question wording the reference marks verbatim [V].
HM_GOV_2018_TEXT = {
    "purpose": "Is there a clear and legitimate purpose for sharing information?",
    "identifiable": "Does the information enable an individual to be identified?",
    "confidential": "Is the information confidential?",
    "consent": "Do you have consent?",
    "another-reason": (
        "Is there another reason to share information, such as to fulfil a public function, "
        "in the public interest, or to protect the vital interests of the information subject?"
    ),
}
DFES_2006_TEXT = {
    "purpose": "Is there a legitimate purpose for you or your agency to share the information?",
    "identifiable": "Does the information enable a person to be identified?",
    "confidential": "Is the information confidential?",
    "consent": "If the information is confidential, do you have consent to share?",
    "public-interest": (
        "If consent is refused, or there are good reasons not to seek consent to share "
        "confidential information, is there a sufficient public interest to share the "
        "information?"
    ),
}


@pytest.mark.parametrize(
    ("flow_id", "texts"), [("hm-gov-2018", HM_GOV_2018_TEXT), ("dfes-2006", DFES_2006_TEXT)]
)
def test_question_wording_follows_the_reference(
    library: FlowLibrary, flow_id: str, texts: dict[str, str]
) -> None:
    flow = library.latest(flow_id)
    questions = {k: n.text for k, n in flow.nodes.items() if isinstance(n, Question)}
    assert questions == texts


def test_flows_name_their_source_and_emergency(shipped: Flow) -> None:
    assert shipped.source.strip()
    assert "999" in shipped.emergency.text
    assert len(shipped.share_checklist) == 5
    assert all(n.help.strip() for n in shipped.nodes.values() if isinstance(n, Question))


def test_hm_gov_2024_is_the_default() -> None:
    from dialogs.loading import DEFAULT_FLOW_ID

    assert DEFAULT_FLOW_ID == "hm-gov-2024"
