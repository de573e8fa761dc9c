""""Question n of up to N": N is read off the flow's graph, never written by hand."""

from __future__ import annotations

import pytest

from bot.text.step_text import most_questions, question_number, step_text
from dialogs.engine import replay, start
from dialogs.loading import FlowLibrary
from dialogs.model import Question
from dialogs.validation import questions_ahead
from tests.dialogs.walks import every_path

FLOWS = FlowLibrary.shipped()


@pytest.mark.parametrize("flow_id", FLOWS.ids())
def test_up_to_n_is_the_longest_path_and_never_exceeded(flow_id: str) -> None:
    flow = FLOWS.latest(flow_id)
    paths = list(every_path(flow))
    asked = [sum(isinstance(flow.nodes[n], Question) for n, _ in p.answers) for p in paths]
    assert questions_ahead(flow, flow.start) == max(asked)
    for outcome in paths:
        for length in range(len(outcome.answers)):
            state = replay(flow, outcome.answers[:length])
            if isinstance(flow.nodes[state.node], Question):
                shown = step_text(flow, state)
                n, most = question_number(flow, state), most_questions(flow, state)
                assert f"Question {n} of up to {most}." in shown
                assert n <= most <= max(asked)
    first = step_text(flow, start(flow))
    assert f"Up to {max(asked)} short questions" in first


def test_the_2018_flow_asks_at_most_five() -> None:
    flow = FLOWS.latest("hm-gov-2018")
    assert questions_ahead(flow, flow.start) == 5


def test_plain_words_are_asked_and_the_source_wording_is_one_tap_away() -> None:
    from bot.text.step_text import help_text
    from tests.dialogs.walks import walk

    flow = FLOWS.latest("hm-gov-2018")
    state = walk(flow, "yes", "yes", "yes", "no")
    question = flow.question(state.node)
    assert question.plain and len(question.plain.split()) < len(question.text.split())
    assert question.plain in step_text(flow, state)
    assert question.text not in step_text(flow, state)
    assert "*The guidance's own wording:* " + question.text in help_text(flow, state)
