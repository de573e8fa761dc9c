"""What a practitioner reads: scope and emergencies first, derived help marked as ours."""

from __future__ import annotations

from bot.text.step_text import help_text, step_text
from dialogs.engine import Move, start
from dialogs.loading import FlowLibrary
from tests.dialogs.walks import walk

FLOWS = FlowLibrary.shipped()


def test_the_first_step_opens_with_scope_and_the_emergency_notice() -> None:
    for flow_id in FLOWS.ids():
        flow = FLOWS.latest(flow_id)
        first = step_text(flow, start(flow))
        assert "applies to England" in first, flow_id
        assert "Wales Safeguarding Procedures" in first and "WASPI" in first, flow_id
        assert "section 16LA" in first and "not yet in force" in first, flow_id
        assert flow.emergency.text.splitlines()[0] in first, flow_id
        assert first.endswith(flow.question(flow.start).text), flow_id
        later = step_text(flow, walk(flow, Move.YES))
        assert "WASPI" not in later  # said once, at the start


def test_a_superseded_flow_says_so_on_its_first_step() -> None:
    for flow_id in ("hm-gov-2018", "dfes-2006"):
        flow = FLOWS.latest(flow_id)
        assert "*Superseded advice.*" in step_text(flow, start(flow))
    current = FLOWS.latest("hm-gov-2024")
    assert "Superseded" not in step_text(current, start(current))


def test_help_for_a_derived_question_says_what_it_is_based_on() -> None:
    flow = FLOWS.latest("hm-gov-2024")
    shown = help_text(flow, start(flow))
    assert "Based on golden rules 1 and 3 of HM Government" in shown
    assert "in our words, except where quoted" in shown
