"""The words for the step a dialog is at, shared by Slack messages and the terminal."""

from __future__ import annotations

from bot.text.rendering import render
from dialogs.engine import State
from dialogs.model import Advice, Flow, Question


def question_number(flow: Flow, state: State) -> int:
    return 1 + sum(isinstance(flow.nodes[node], Question) for node, _ in state.answers)


def step_text(flow: Flow, state: State) -> str:
    node = flow.nodes[state.node]
    if isinstance(node, Question):
        question = render("question.j2", question=node, number=question_number(flow, state))
        if not state.answers:  # the first step opens with the flow, its scope and emergencies
            return render("welcome.j2", flow=flow) + "\n\n" + question
        return question
    if isinstance(node, Advice):
        return render("advice.j2", advice=node)
    return render("outcome.j2", outcome=node, flow=flow)


def help_text(flow: Flow, state: State) -> str:
    node = flow.nodes[state.node]
    if isinstance(node, Question):
        return render("question_help.j2", question=node, flow=flow)
    return render("key_points.j2", flow=flow) or step_text(flow, state)


def emergency_text(flow: Flow) -> str:
    return render("emergency.j2", emergency=flow.emergency)
