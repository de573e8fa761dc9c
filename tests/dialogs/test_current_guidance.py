"""The 2024 advice by default, and safe endings in every version of every shipped flow."""

from __future__ import annotations

import pytest

from dialogs.engine import Move
from dialogs.loading import DEFAULT_FLOW_ID, FlowLibrary, load_flow, shipped_flow_paths
from dialogs.model import Advice, Answer, Flow, Outcome, OutcomeKind, Question, Topic
from tests.dialogs.walks import every_path, walk

EVERY_VERSION = [load_flow(path) for path in shipped_flow_paths()]


def _name(flow: Flow) -> str:
    return f"{flow.id}-v{flow.version}"


@pytest.fixture(params=EVERY_VERSION, ids=_name)
def any_flow(request: pytest.FixtureRequest) -> Flow:
    """Every version of every shipped flow: a dialog may be finishing on any of them."""
    flow: Flow = request.param
    return flow


@pytest.fixture(scope="module")
def current(library: FlowLibrary) -> Flow:
    return library.latest("hm-gov-2024")


def test_every_do_not_share_outcome_says_a_child_at_risk_must_still_be_referred(
    any_flow: Flow,
) -> None:
    reached = 0
    for state in every_path(any_flow):
        outcome = any_flow.nodes[state.node]
        assert isinstance(outcome, Outcome)
        if outcome.outcome is not OutcomeKind.DO_NOT_SHARE:
            continue
        reached += 1
        reminder = outcome.safeguarding_reminder.lower()
        assert "safeguarding procedures" in reminder, state.node
        assert "refer" in reminder, state.node
        assert "someone else" in reminder, state.node  # no one should assume another will
        assert "advice" in reminder, state.node
        assert "record" in reminder, state.node
        assert "harm" in reminder, state.node
    assert reached >= 2


def test_the_emergency_notice_speaks_of_harm_not_only_significant_harm(any_flow: Flow) -> None:
    text = any_flow.emergency.text
    assert "999" in text
    assert "likely to suffer harm" in text or "suffering harm" in text or "risk of harm" in text
    assert "significant harm" not in text


def test_the_default_flow_is_the_2024_advice(current: Flow) -> None:
    assert DEFAULT_FLOW_ID == "hm-gov-2024"
    assert "Applies to England" in current.summary
    assert not current.superseded


@pytest.mark.parametrize("flow_id", ["hm-gov-2018", "dfes-2006"])
def test_the_older_flows_say_they_are_superseded(library: FlowLibrary, flow_id: str) -> None:
    flow = library.latest(flow_id)
    assert "superseded" in flow.title
    assert "hm-gov-2024" in flow.superseded
    assert "England" in flow.summary


def test_dfes_2006_is_labelled_as_the_2006_guide_with_the_2008_questions(
    library: FlowLibrary,
) -> None:
    flow = library.latest("dfes-2006")
    assert "2006" in flow.title and "2008" in flow.title
    words = " ".join(
        [n.help for n in flow.nodes.values() if isinstance(n, Question)]
        + [n.guidance for n in flow.nodes.values() if isinstance(n, Outcome)]
    )
    assert "explain to the family" not in words
    assert "wishes" not in words  # consent may never have been sought on that path


def test_hm_gov_2018_corrections(library: FlowLibrary) -> None:
    flow = library.latest("hm-gov-2018")
    assert [point.split(":")[0] for point in flow.key_points] == [
        f"Golden rule {n}" for n in range(1, 8)
    ]
    another = flow.question("another-reason").help
    assert "significant harm" not in another.replace("need not be significant harm", "")
    assert "not necessarily need consent" in flow.question("consent").help
    not_confidential = flow.nodes["share-not-confidential"]
    assert isinstance(not_confidential, Outcome) and "lawful basis" in not_confidential.guidance
    with_consent, without = flow.nodes["share-with-consent"], flow.nodes["share-without-consent"]
    assert isinstance(with_consent, Outcome) and isinstance(without, Outcome)
    assert "not expect" not in with_consent.guidance  # 2018 rule 4: it is the no-consent caution
    assert "might not expect" in without.guidance


def test_every_2024_node_says_whether_it_is_quoted_or_derived(current: Flow) -> None:
    for node_id, node in current.nodes.items():
        assert node.source in ("quoted", "derived"), node_id
        assert node.cites, node_id


def test_2024_consent_is_not_the_gate(current: Flow) -> None:
    """No "no" to a consent, lawful-basis or telling-the-family question ends in "do not share":
    only the lack of a purpose, or a confidence judged to outweigh protection, does."""
    not_consent_gates = {Topic.CONSENT, Topic.LAWFUL_BASIS, Topic.INFORMED}
    for state in every_path(current):
        outcome = current.nodes[state.node]
        assert isinstance(outcome, Outcome)
        if outcome.outcome is not OutcomeKind.DO_NOT_SHARE:
            continue
        for node_id, move in state.answers:
            question = current.nodes[node_id]
            if isinstance(question, Question) and move == Answer.NO.value:
                assert question.asks_about not in not_consent_gates, (node_id, state.node)
                assert "consent" not in question.text.lower(), node_id
        assert state.answers[-1] in {("purpose", "no"), ("confidence-outweighed", "no")}


def test_2024_no_lawful_basis_leads_to_advice(current: Flow) -> None:
    for move in (Move.NO, Move.NOT_SURE):
        state = walk(current, Move.NO, Move.YES, Move.YES, move)
        assert isinstance(current.nodes[state.node], Advice), move


def test_2024_a_child_at_risk_is_referred_first(current: Flow) -> None:
    assert current.start == "risk"
    state = walk(current, Move.YES)
    outcome = current.nodes[state.node]
    assert isinstance(outcome, Outcome)
    assert outcome.outcome is OutcomeKind.SHARE
    assert "999" in outcome.guidance
    assert "do not need it" in outcome.guidance  # consent
    assert outcome.record


def test_2024_special_category_data_asks_for_the_safeguarding_condition(current: Flow) -> None:
    state = walk(current, Move.NO, Move.YES, Move.YES, Move.YES, Move.YES)
    question = current.nodes[state.node]
    assert isinstance(question, Question)
    assert question.asks_about is Topic.SAFEGUARDING_CONDITION
    assert "Schedule 1, paragraph 18" in question.help
    assert "Schedule 8, paragraph 4" in question.help


def test_every_2024_outcome_says_to_record(current: Flow) -> None:
    for state in every_path(current):
        outcome = current.nodes[state.node]
        assert isinstance(outcome, Outcome)
        assert outcome.record
        if outcome.outcome is not OutcomeKind.ADVICE_SOUGHT:
            assert "reconsider" in outcome.guidance, state.node
