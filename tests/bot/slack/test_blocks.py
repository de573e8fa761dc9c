"""Every message and modal the bot can build fits Slack's limits (slack_sdk's models check them)."""

from __future__ import annotations

import secrets

import pytest

from bot.core.recording import draft_digest
from bot.slack import blocks
from bot.slack.ids import Action, MenuChoice, PreviewRef, StepRef
from bot.slack.modal_values import submitted_fields
from bot.text.summary import decision_summary
from dialogs.engine import Move, State, replay, start
from dialogs.loading import FlowLibrary
from dialogs.model import Flow, Outcome, Question
from dialogs.record import TEXT_LIMIT, DecisionFields, LawfulBasis
from tests.dialogs.walks import every_path

FLOWS = FlowLibrary.shipped()


def _states(flow: Flow) -> set[State]:
    """Every state on every path: each outcome state and all its prefixes."""
    return {
        replay(flow, outcome.answers[:length])
        for outcome in every_path(flow)
        for length in range(len(outcome.answers) + 1)
    }


def _section_texts(message_blocks: list[dict[str, object]]) -> list[str]:
    return [
        str(block["text"]["text"])  # type: ignore[index]
        for block in message_blocks
        if block["type"] == "section"
    ]


@pytest.mark.parametrize("flow_id", FLOWS.ids())
def test_every_step_message_fits_and_carries_its_step(flow_id: str) -> None:
    flow = FLOWS.latest(flow_id)
    for state in _states(flow):
        _, message = blocks.step_message(flow, 7, state)
        assert len(message) <= blocks.MAX_MESSAGE_BLOCKS
        assert all(len(text) <= 3000 for text in _section_texts(message))
        elements = [
            element
            for block in message
            if block["type"] == "actions"
            for element in block["elements"]
        ]
        buttons = [element for element in elements if element["type"] == "button"]
        menu = [
            MenuChoice.decode(option["value"])
            for element in elements
            if element["type"] == "overflow"
            for option in element["options"]
        ]
        steps = {StepRef.decode(button["value"]) for button in buttons}
        steps |= {StepRef.decode(choice.step) for choice in menu if choice is not None}
        assert steps == {StepRef(7, len(state.answers), state.node)}
        actions = {button["action_id"] for button in buttons}
        assert "emergency" in actions  # one click away at every step
        if state.answers:  # back and start again, behind the menu
            assert {Action.BACK, Action.RESTART_ASK} <= {c.action for c in menu if c is not None}
        # The step's own answers come first, on a row of their own, none styled as the one to
        # choose; the second row stays short enough for a phone.
        rows = [block for block in message if block["type"] == "actions"]
        assert len(rows[-1]["elements"]) <= 3
        first = rows[0]["elements"]
        if isinstance(flow.nodes[state.node], Question):
            assert [b["action_id"] for b in first] == ["answer_yes", "answer_no", "answer_not_sure"]
            assert all("style" not in b for b in first)
            assert {"answer_yes", "answer_no", "answer_not_sure", "help"} <= actions


@pytest.mark.parametrize("flow_id", FLOWS.ids())
def test_messages_built_unchecked_are_the_checked_ones(
    flow_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Production skips slack_sdk's checks (blocks.CHECK_BLOCKS); here every dialog message
    of every state is built both ways: the checks pass and the JSON is the same."""
    flow = FLOWS.latest(flow_id)

    def every_message() -> list[object]:
        built: list[object] = []
        for state in sorted(_states(flow), key=lambda s: (s.node, s.answers)):
            built.append(blocks.step_message(flow, 7, state))
            built.append(blocks.closed_message(flow, state, "Recorded as IS-2026-0042"))
            if isinstance(flow.nodes[state.node], Question):
                built.append(blocks.answered_message(flow, state, Move.NOT_SURE))
        built.append(blocks.notice("Recorded: <@U0PRACT01>"))
        return built

    unchecked = every_message()
    monkeypatch.setattr(blocks, "CHECK_BLOCKS", True)
    assert every_message() == unchecked


@pytest.mark.parametrize("flow_id", FLOWS.ids())
def test_answered_message_keeps_the_words_and_drops_the_buttons(flow_id: str) -> None:
    flow = FLOWS.latest(flow_id)
    state = start(flow)
    _, answered = blocks.answered_message(flow, state, Move.YES)
    assert all(block["type"] != "actions" for block in answered)
    assert flow.question(flow.start).text in str(answered)
    assert "Yes" in str(answered)


@pytest.mark.parametrize("flow_id", FLOWS.ids())
def test_record_modal_and_preview_fit_for_every_outcome(flow_id: str) -> None:
    flow = FLOWS.latest(flow_id)
    longest = DecisionFields(
        reasons="x" * TEXT_LIMIT,
        information="i" * 200,
        shared_with="s" * 200,
        purpose="p" * 200,
        requested_by="r" * 200,
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        advice_from="a" * 200,
        advice_given="g" * TEXT_LIMIT,
        next_steps="n" * TEXT_LIMIT,
    )
    for state in _states(flow):
        if not isinstance(flow.nodes[state.node], Outcome):
            continue
        modal = blocks.view_dict(blocks.record_modal(flow, state, 7, longest))
        assert len(modal["title"]["text"]) <= 24
        assert len(modal["private_metadata"]) <= 3000
        summary = decision_summary(
            flow, state, longest, reference="IS-2026-0001", practitioner="U1", recorded_at=None
        )
        preview = blocks.view_dict(blocks.preview_view(summary, {"NAME": 2}, draft_digest(longest)))
        assert all(len(text) <= 3000 for text in _section_texts(preview["blocks"]))
        assert len(blocks.audit_blocks(summary)) <= blocks.MAX_MESSAGE_BLOCKS


@pytest.mark.parametrize("flow_id", FLOWS.ids())
def test_modals_built_unchecked_are_the_checked_ones(
    flow_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As for messages: every modal, built with and without slack_sdk's checks, is the same."""
    flow = FLOWS.latest(flow_id)
    filled = DecisionFields(reasons="Risk of harm", lawful_basis=LawfulBasis.PUBLIC_TASK)
    monkeypatch.setattr(secrets, "token_hex", lambda n: "0" * (2 * n))  # the mark input's id

    def every_modal() -> list[object]:
        built: list[object] = []
        for state in sorted(_states(flow), key=lambda s: (s.node, s.answers)):
            if isinstance(flow.nodes[state.node], Outcome):
                built.append(blocks.view_dict(blocks.record_modal(flow, state, 7, filled)))
                summary = decision_summary(
                    flow, state, filled, reference="pending", practitioner="U1", recorded_at=None
                )
                preview = blocks.preview_view(summary, {"NAME": 1}, draft_digest(filled))
                built.append(blocks.view_dict(preview))
                note = blocks.preview_view(summary, {}, draft_digest(filled), note="Not found")
                built.append(blocks.view_dict(note))
        built.append(blocks.view_dict(blocks.checking_view("record-preview-0")))
        built.append(blocks.view_dict(blocks.recording_view("record-preview-1")))
        built.append(blocks.view_dict(blocks.not_checked_view("Too long")))
        for kind in ("ask", "send", "answer", "note"):
            working = blocks.working_view(f"record-preview-{kind}", "Answer", kind, "Edit")
            built.append(blocks.view_dict(working))
        built.append(blocks.view_dict(blocks.message_view("Nothing changed", "Already done")))
        return built

    unchecked = every_modal()
    monkeypatch.setattr(blocks, "CHECK_BLOCKS", True)
    assert every_modal() == unchecked


def test_modal_values_come_back_as_the_record() -> None:
    values = {
        "reasons": {"reasons": {"type": "plain_text_input", "value": "  risk of harm  "}},
        "lawful_basis": {
            "lawful_basis": {"type": "static_select", "selected_option": {"value": "public_task"}}
        },
        "information": {"information": {"type": "plain_text_input", "value": None}},
    }
    assert submitted_fields(values) == DecisionFields(
        reasons="risk of harm", lawful_basis=LawfulBasis.PUBLIC_TASK
    )
    unknown_option = {
        "consent": {"consent": {"type": "static_select", "selected_option": {"value": "bogus"}}}
    }
    assert submitted_fields(unknown_option) is None
    assert submitted_fields("not a dict") is None


@pytest.mark.parametrize(
    "hostile",
    [
        "&" * (TEXT_LIMIT * 5),  # escaped fivefold, and the anonymiser's placeholders grow text
        "<>" * (TEXT_LIMIT * 2),
        "a\n" * TEXT_LIMIT,
        "\n".join(["*Practitioner:* Head of Safeguarding"] * 100),
    ],
)
def test_the_worst_summary_is_split_to_fit_the_preview_and_one_audit_message(
    hostile: str,
) -> None:
    flow = FLOWS.latest("hm-gov-2018")
    record = DecisionFields(
        reasons=hostile,
        information="&" * 1000,
        shared_with="&" * 1000,
        purpose="&" * 1000,
        requested_by="&" * 1000,
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        advice_from="&" * 1000,
        advice_given=hostile,
        next_steps=hostile,
    )
    for state in _states(flow):
        if not isinstance(flow.nodes[state.node], Outcome):
            continue
        summary = decision_summary(
            flow, state, record, reference="IS-2026-0001", practitioner="U1", recorded_at=None
        )
        audit = blocks.audit_blocks(summary)  # raises past 50 blocks or 3000 characters
        preview = blocks.view_dict(blocks.preview_view(summary, {}, "{}"))
        assert _section_texts(preview["blocks"])[1:] == _section_texts(audit)
        lines = "\n".join(_section_texts(audit)).splitlines()
        assert [line for line in lines if line.startswith("*Practitioner:*")] == [
            "*Practitioner:* U1"
        ]
        body = "".join(_section_texts(audit))
        assert body.count("&amp;") >= hostile.count("&") + 2000  # nothing lost at the cuts


def test_the_preview_metadata_reads_back_what_was_written_and_refuses_anything_else() -> None:
    previewed = PreviewRef(StepRef(7, 3, "share"), "0123456789abcdef")
    assert PreviewRef.decode(previewed.encode()) == previewed
    for raw in (None, "", "not json", "[]", '{"ref": "7:3:share"}', '{"ref": "x", "draft": "d"}'):
        assert PreviewRef.decode(raw) is None
