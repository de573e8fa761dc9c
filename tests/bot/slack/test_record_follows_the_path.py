"""The record modal, along every path of every flow, offers only choices the answers allow."""

from __future__ import annotations

from typing import Any

import pytest

from bot.slack import blocks
from dialogs.engine import State
from dialogs.loading import load_flow, shipped_flow_paths
from dialogs.model import Flow, Outcome, Question, Topic
from tests.dialogs.walks import every_path

EVERY_VERSION = [load_flow(path) for path in shipped_flow_paths()]
SPECIAL_CONDITIONS = {"dpa_sch1_para18", "dpa_sch8_para4"}


def _options(flow: Flow, state: State) -> dict[str, list[str]]:
    """Each select of the modal, as Slack receives it: block id -> option values."""
    view: dict[str, Any] = blocks.view_dict(blocks.record_modal(flow, state, 1))
    return {
        block["block_id"]: [option["value"] for option in block["element"]["options"]]
        for block in view["blocks"]
        if block["type"] == "input" and block["element"]["type"] == "static_select"
    }


def _said(flow: Flow, state: State) -> dict[Topic, str]:
    said = {}
    for node_id, move in state.answers:
        node = flow.nodes[node_id]
        if isinstance(node, Question) and node.asks_about is not None:
            said[node.asks_about] = move
    return said


@pytest.mark.parametrize("flow", EVERY_VERSION, ids=lambda flow: f"{flow.id}-v{flow.version}")
def test_the_record_modal_offers_only_what_the_answers_allow(flow: Flow) -> None:
    share_paths = 0
    for state in every_path(flow):
        outcome = flow.nodes[state.node]
        assert isinstance(outcome, Outcome)
        options = _options(flow, state)
        if not outcome.outcome.shares:
            assert options == {}, state.node  # nothing to choose where nothing is shared
            continue
        share_paths += 1
        said = _said(flow, state)
        where = (flow.id, state.answers)
        assert options["special_category"], where  # the Article 9 question is always asked
        if said.get(Topic.CONSENT) == "no":
            assert "given" not in options["consent"], where
            assert "consent" not in options["lawful_basis"], where
        if said.get(Topic.CONSENT) == "yes":
            assert options["consent"] == ["given"], where
        if said.get(Topic.IDENTIFIABLE) == "no":
            assert options["lawful_basis"] == ["not_personal"], where
            assert options["consent"] == ["not_needed"], where
        else:
            # "not personal" is the absence of a need for a basis, never one after "identifiable"
            assert "not_personal" not in options["lawful_basis"], where
        if said.get(Topic.IDENTIFIABLE) == "yes" and said.get(Topic.CONFIDENTIAL) != "no":
            assert "not_needed" not in options["consent"], where
        if said.get(Topic.SPECIAL_CATEGORY) == "yes":
            assert "none_included" not in options["special_category"], where
        if said.get(Topic.SPECIAL_CATEGORY) == "no":
            assert options["special_category"] == ["none_included"], where
        if said.get(Topic.SAFEGUARDING_CONDITION) == "yes":
            assert set(options["special_category"]) == SPECIAL_CONDITIONS, where
        if said.get(Topic.INFORMED) == "no":
            assert "yes" not in options["informed"], where
        if said.get(Topic.INFORMED) == "yes":
            assert "no_risk" not in options["informed"], where
    assert share_paths >= 3


@pytest.mark.parametrize("flow", EVERY_VERSION, ids=lambda flow: f"{flow.id}-v{flow.version}")
def test_the_questions_that_settle_the_record_are_marked(flow: Flow) -> None:
    """The rules above rely on these marks; a flow that lost them would pass them vacuously."""
    topics = {node.asks_about for node in flow.nodes.values() if isinstance(node, Question)} - {
        None
    }
    if flow.id == "hm-gov-2024":
        assert topics == {
            Topic.IDENTIFIABLE,
            Topic.LAWFUL_BASIS,
            Topic.SPECIAL_CATEGORY,
            Topic.SAFEGUARDING_CONDITION,
            Topic.CONFIDENTIAL,
            Topic.INFORMED,
        }
    else:
        assert topics == {Topic.IDENTIFIABLE, Topic.CONFIDENTIAL, Topic.CONSENT}


def test_a_single_allowed_choice_is_already_chosen() -> None:
    flow = next(flow for flow in EVERY_VERSION if flow.id == "hm-gov-2024")
    state = next(s for s in every_path(flow) if s.node == "share-not-personal")
    view = blocks.view_dict(blocks.record_modal(flow, state, 1))
    lawful = next(block for block in view["blocks"] if block.get("block_id") == "lawful_basis")
    assert lawful["element"]["initial_option"]["value"] == "not_personal"
