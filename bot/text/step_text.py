"""The words for the step a dialog is at, shared by Slack messages and the terminal."""

from __future__ import annotations

from dataclasses import dataclass

from bot.text.rendering import render
from dialogs.engine import State
from dialogs.model import Advice, Flow, Outcome, Question
from dialogs.validation import questions_ahead

# questions_ahead walks the flow's whole graph; every click asks it again of the same loaded
# flow. Keyed by identity (a Flow is frozen but holds a dict, so it has no hash), holding the
# flow so its id is not reused; bounded, since tests load many flows.
_AHEAD: dict[int, tuple[Flow, dict[str, int]]] = {}
_AHEAD_FLOWS = 64


def _questions_ahead(flow: Flow, node_id: str) -> int:
    entry = _AHEAD.get(id(flow))
    if entry is None or entry[0] is not flow:
        if len(_AHEAD) >= _AHEAD_FLOWS:
            _AHEAD.clear()
        entry = _AHEAD[id(flow)] = (flow, {})
    known = entry[1]
    if node_id not in known:
        known[node_id] = questions_ahead(flow, node_id)
    return known[node_id]


def question_number(flow: Flow, state: State) -> int:
    return 1 + sum(isinstance(flow.nodes[node], Question) for node, _ in state.answers)


def most_questions(flow: Flow, state: State) -> int:
    """The "N" of "Question n of up to N": the answers given so far and the longest way on
    from here, both read off the flow's graph."""
    return question_number(flow, state) - 1 + _questions_ahead(flow, state.node)


@dataclass(frozen=True)
class StepParts:
    """A step's words in the order they are shown: what it is first (the welcome, then the
    question; or an outcome's decision and next step), then the lists and the emergency line
    that a message shows more compactly, after its buttons."""

    lead: tuple[str, ...]
    details: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join((*self.lead, *self.details))


def step_parts(flow: Flow, state: State) -> StepParts:
    node = flow.nodes[state.node]
    if isinstance(node, Question):
        question = render(
            "question.j2",
            question=node,
            number=question_number(flow, state),
            most=most_questions(flow, state),
        )
        if not state.answers:  # the first step opens with the flow, its scope and emergencies
            return StepParts((welcome_text(flow), question))
        return StepParts((question,))
    if isinstance(node, Advice):
        return StepParts((render("advice.j2", advice=node),))
    return _outcome_parts(flow, node)


def _outcome_parts(flow: Flow, outcome: Outcome) -> StepParts:
    return StepParts(
        (render("outcome_lead.j2", outcome=outcome),),
        (
            render("outcome_lists.j2", outcome=outcome, flow=flow),
            render("emergency.j2", emergency=flow.emergency),
        ),
    )


def welcome_text(flow: Flow) -> str:
    return render("welcome.j2", flow=flow, questions=_questions_ahead(flow, flow.start))


def step_text(flow: Flow, state: State) -> str:
    return step_parts(flow, state).text


def help_text(flow: Flow, state: State) -> str:
    node = flow.nodes[state.node]
    if isinstance(node, Question):
        return render("question_help.j2", question=node, flow=flow)
    return render("key_points.j2", flow=flow) or step_text(flow, state)


def emergency_text(flow: Flow) -> str:
    return render("emergency.j2", emergency=flow.emergency)
