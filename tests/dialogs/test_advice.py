"""Not sure at any question: advice, then back to the same question or advice sought."""

from __future__ import annotations

import pytest

from dialogs.engine import InvalidMove, Move, State, is_consistent, step
from dialogs.model import Advice, Flow, Outcome, OutcomeKind, Question
from tests.dialogs.walks import every_path, moves_at, walk


def question_states(flow: Flow) -> list[State]:
    """A state at every question, reached by a real path (each question once)."""
    found: dict[str, State] = {}
    for end in every_path(flow):
        for index, (node, _) in enumerate(end.answers):
            if node not in found and isinstance(flow.nodes[node], Question):
                found[node] = State(flow.id, flow.version, node, end.answers[:index])
    assert set(found) == {k for k, n in flow.nodes.items() if isinstance(n, Question)}
    return list(found.values())


def test_not_sure_leads_to_advice_and_back(shipped: Flow) -> None:
    for at_question in question_states(shipped):
        assert is_consistent(shipped, at_question)
        at_advice = step(shipped, at_question, at_question.node, Move.NOT_SURE)
        advice = shipped.nodes[at_advice.node]
        assert isinstance(advice, Advice), at_question.node
        assert advice.ask and advice.reminder.strip()
        assert at_advice.answers == (*at_question.answers, (at_question.node, "not_sure"))

        returned = step(shipped, at_advice, at_advice.node, Move.BACK)
        assert returned == at_question

        sought = step(shipped, at_advice, at_advice.node, Move.ADVICE_SOUGHT)
        outcome = shipped.nodes[sought.node]
        assert isinstance(outcome, Outcome)
        assert outcome.outcome is OutcomeKind.ADVICE_SOUGHT
        assert is_consistent(shipped, sought)


def test_advice_offers_only_back_restart_and_advice_sought(shipped: Flow) -> None:
    at_advice = walk(shipped, Move.YES, Move.NOT_SURE)
    assert moves_at(shipped, at_advice.node) == (Move.ADVICE_SOUGHT,)
    for move in (Move.YES, Move.NO, Move.NOT_SURE, "pause", "skip"):
        with pytest.raises(InvalidMove):
            step(shipped, at_advice, at_advice.node, move)


def test_advice_reminds_to_protect_identity(shipped: Flow) -> None:
    for node in shipped.nodes.values():
        if isinstance(node, Advice):
            reminder = node.reminder.lower()
            assert "without naming" in reminder or "without disclosing the identity" in reminder
            assert any("safeguarding" in role.lower() for role in node.ask)
            assert any("data protection" in role.lower() for role in node.ask)
            assert any("manager" in role.lower() for role in node.ask)


def test_answering_again_after_back_from_advice(shipped: Flow) -> None:
    state = walk(shipped, Move.YES, Move.NOT_SURE, Move.BACK, Move.NO)
    assert state.answers == (("purpose", "yes"), ("identifiable", "no"))
    outcome = shipped.nodes[state.node]
    assert isinstance(outcome, Outcome)
    assert outcome.outcome is OutcomeKind.SHARE
