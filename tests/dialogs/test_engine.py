"""The engine's refusals and its small, serialisable state."""

from __future__ import annotations

import json

import pytest

from dialogs.engine import (
    FlowMismatch,
    InvalidMove,
    Move,
    State,
    StepError,
    WrongNode,
    is_consistent,
    is_finished,
    path,
    replay,
    start,
    step,
)
from dialogs.loading import FlowLibrary
from dialogs.model import Flow
from tests.dialogs.walks import walk


def test_start_is_at_the_flows_start(shipped: Flow) -> None:
    state = start(shipped)
    assert state == State(shipped.id, shipped.version, shipped.start, ())
    assert not is_finished(shipped, state)


def test_answer_records_the_node_and_move(shipped: Flow) -> None:
    state = walk(shipped, "yes", Move.NO)
    assert state.answers == (("purpose", "yes"), ("identifiable", "no"))


@pytest.mark.parametrize("at", ["identifiable", "no-purpose", "not-a-node", ""])
def test_wrong_node_is_rejected_with_no_change(shipped: Flow, at: str) -> None:
    before = start(shipped)
    with pytest.raises(WrongNode) as raised:
        step(shipped, before, at, Move.YES)
    assert raised.value.current == "purpose"
    assert raised.value.given == at
    assert before == start(shipped)


def test_a_stale_answer_from_an_earlier_step_is_rejected(shipped: Flow) -> None:
    # A practitioner clicks an old button: "purpose" is no longer the current step.
    later = walk(shipped, Move.YES)
    with pytest.raises(WrongNode):
        step(shipped, later, "purpose", Move.NO)
    # Even back and restart must be made at the current step.
    with pytest.raises(WrongNode):
        step(shipped, later, "purpose", Move.BACK)
    with pytest.raises(WrongNode):
        step(shipped, later, "purpose", Move.RESTART)


def test_wrong_node_is_checked_before_the_move(shipped: Flow) -> None:
    with pytest.raises(WrongNode):
        step(shipped, start(shipped), "identifiable", "nonsense")


@pytest.mark.parametrize("move", ["maybe", "", "YES", "advice sought", "not sure"])
def test_unknown_moves_are_invalid(shipped: Flow, move: str) -> None:
    with pytest.raises(InvalidMove):
        step(shipped, start(shipped), "purpose", move)


def test_back_at_the_start_is_invalid(shipped: Flow) -> None:
    with pytest.raises(InvalidMove):
        step(shipped, start(shipped), shipped.start, Move.BACK)


def test_advice_sought_at_a_question_is_invalid(shipped: Flow) -> None:
    with pytest.raises(InvalidMove):
        step(shipped, start(shipped), shipped.start, Move.ADVICE_SOUGHT)


def test_outcome_accepts_only_back_and_restart(shipped: Flow) -> None:
    done = walk(shipped, Move.NO)
    assert is_finished(shipped, done)
    for move in (Move.YES, Move.NO, Move.NOT_SURE, Move.ADVICE_SOUGHT):
        with pytest.raises(InvalidMove):
            step(shipped, done, done.node, move)
    assert step(shipped, done, done.node, Move.BACK) == start(shipped)
    assert step(shipped, done, done.node, Move.RESTART) == start(shipped)


def test_back_undoes_only_the_last_answer(shipped: Flow) -> None:
    three = walk(shipped, Move.YES, Move.YES, Move.YES)
    two = step(shipped, three, three.node, Move.BACK)
    assert two == walk(shipped, Move.YES, Move.YES)
    assert step(shipped, two, two.node, Move.BACK) == walk(shipped, Move.YES)


def test_restart_from_anywhere(shipped: Flow) -> None:
    for answers in [(), (Move.YES,), (Move.YES, Move.NOT_SURE), (Move.YES, Move.YES, Move.NO)]:
        state = walk(shipped, *answers)
        assert step(shipped, state, state.node, Move.RESTART) == start(shipped)


def test_another_flows_state_is_a_mismatch(library: FlowLibrary) -> None:
    hm = library.latest("hm-gov-2018")
    dfes = library.latest("dfes-2006")
    state = walk(dfes, Move.YES)
    # Both flows have an "identifiable" node: the mismatch must be caught all the same.
    with pytest.raises(FlowMismatch):
        step(hm, state, state.node, Move.YES)
    assert not is_consistent(hm, state)


def test_another_version_is_a_mismatch(shipped: Flow) -> None:
    newer = shipped.model_copy(update={"version": shipped.version + 1})
    state = start(shipped)
    with pytest.raises(FlowMismatch):
        step(newer, state, state.node, Move.YES)


def test_step_errors_share_a_base() -> None:
    for error in (WrongNode, InvalidMove, FlowMismatch):
        assert issubclass(error, StepError)


def test_state_round_trips_through_json(shipped: Flow) -> None:
    state = walk(shipped, Move.YES, Move.YES, Move.NOT_SURE, Move.ADVICE_SOUGHT)
    data = json.loads(json.dumps(state.to_dict()))
    assert data == {
        "flow": shipped.id,
        "version": shipped.version,
        "node": "advice-sought",
        "answers": [
            ["purpose", "yes"],
            ["identifiable", "yes"],
            ["confidential", "not_sure"],
            ["advice-confidential", "advice_sought"],
        ],
    }
    assert State.from_dict(data) == state


def test_replay_rebuilds_and_checks(shipped: Flow) -> None:
    state = walk(shipped, Move.YES, Move.YES, Move.NO)
    assert replay(shipped, state.answers) == state
    assert is_consistent(shipped, state)
    with pytest.raises(WrongNode):
        replay(shipped, (("purpose", "yes"), ("confidential", "yes")))


@pytest.mark.parametrize(
    "tampered",
    [
        {"node": "do-not-share"},  # skipped to an outcome
        {"answers": [["purpose", "no"]]},  # answers do not lead to the node
        {"answers": [["purpose", "maybe"]], "node": "identifiable"},
        {"node": "no-such-node", "answers": []},
        {"answers": [["no-such-node", "yes"]]},
    ],
)
def test_tampered_states_are_not_consistent(shipped: Flow, tampered: dict[str, object]) -> None:
    data = {**walk(shipped, Move.YES).to_dict(), **tampered}
    assert not is_consistent(shipped, State.from_dict(data))


def test_path_in_words(shipped: Flow) -> None:
    state = walk(shipped, Move.YES, Move.NOT_SURE, Move.ADVICE_SOUGHT)
    steps = [(s.node, s.answer) for s in path(shipped, state)]
    assert steps == [
        ("purpose", "Yes"),
        ("identifiable", "Not sure"),
        ("advice-identifiable", "Advice sought"),
    ]
    assert path(shipped, state)[0].question == shipped.question("purpose").short


def test_a_state_at_an_unknown_node_is_refused_with_a_step_error(shipped: Flow) -> None:
    ghost = State(shipped.id, shipped.version, "no-such-node", ())
    with pytest.raises(StepError):
        step(shipped, ghost, "no-such-node", Move.YES)
