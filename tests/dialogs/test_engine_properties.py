"""Property tests: no sequence of moves, however wrong, leaves the engine in an invalid state."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, target
from hypothesis import strategies as st

from dialogs.engine import Move, State, StepError, is_consistent, replay, start, step
from dialogs.loading import FlowLibrary
from dialogs.model import Flow

LIBRARY = FlowLibrary.shipped()
FLOWS = [LIBRARY.latest(flow_id) for flow_id in LIBRARY.ids()]
CURRENT = object()
Walk = tuple[Flow, list[tuple[object, object]]]  # stands for "whatever node the dialog is at now"

moves = st.one_of(
    st.sampled_from(list(Move)),
    st.sampled_from([m.value for m in Move]),
    st.sampled_from(["Yes", "not sure", "pause", "", "back "]),
    st.text(max_size=6),
)


def places(flow: Flow) -> st.SearchStrategy[object]:
    # Mostly the current node, so dialogs get deep; otherwise any node or garbage.
    return st.one_of(
        st.just(CURRENT),
        st.just(CURRENT),
        st.just(CURRENT),
        st.sampled_from(sorted(flow.nodes)),
        st.text(max_size=8),
    )


def at_of(at: object, state: State) -> str:
    return state.node if at is CURRENT else str(at)


@st.composite
def random_walks(draw: st.DrawFn) -> Walk:
    flow = draw(st.sampled_from(FLOWS))
    return flow, draw(st.lists(st.tuples(places(flow), moves), max_size=40))


def assert_valid(flow: Flow, state: State) -> None:
    assert state.node in flow.nodes
    assert is_consistent(flow, state)
    assert replay(flow, state.answers) == state
    assert (state.flow_id, state.flow_version) == (flow.id, flow.version)
    assert State.from_dict(json.loads(json.dumps(state.to_dict()))) == state
    assert State.from_dict(state.to_dict()) == state


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_walks())
def test_random_moves_never_break_the_engine(walk: Walk) -> None:
    flow, sequence = walk
    state = start(flow)
    accepted = 0
    for at, move in sequence:
        where = at_of(at, state)
        before = state
        try:
            after = step(flow, state, where, move)  # type: ignore[arg-type]
        except StepError:
            assert state == before  # refused: nothing changed
            assert_valid(flow, state)
            continue
        accepted += 1
        assert where == before.node  # only a move at the current node is ever accepted
        assert_valid(flow, after)
        kind = Move(move)  # type: ignore[arg-type]
        if kind is Move.RESTART:
            assert after == start(flow)
        elif kind is Move.BACK:
            assert after.answers == before.answers[:-1]
            assert after.node == before.answers[-1][0]
        else:
            assert after.answers == (*before.answers, (before.node, kind.value))
            # back after an answer restores exactly the state before it
            assert step(flow, after, after.node, Move.BACK) == before
        state = after
    target(float(accepted), label="accepted moves")


@settings(max_examples=200, deadline=None)
@given(random_walks())
def test_refused_moves_raise_step_errors_only(walk: Walk) -> None:
    """Whatever is thrown at a consistent state, step returns a state or raises a StepError."""
    flow, sequence = walk
    state = start(flow)
    for at, move in sequence:
        try:
            state = step(flow, state, at_of(at, state), move)  # type: ignore[arg-type]
        except StepError:
            pass
        except Exception as error:  # pragma: no cover - the failure report
            pytest.fail(f"step raised {type(error).__name__}: {error}")


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(FLOWS).flatmap(
        lambda flow: st.tuples(st.just(flow), st.lists(st.sampled_from(list(Move)), max_size=30))
    )
)
def test_valid_moves_at_the_current_node(walk: tuple[Flow, list[Move]]) -> None:
    """Only well-formed moves at the current node: the dialog reaches outcomes and comes back."""
    flow, sequence = walk
    state = start(flow)
    for move in sequence:
        try:
            state = step(flow, state, state.node, move)
        except StepError:
            continue
        assert_valid(flow, state)


@settings(max_examples=200, deadline=None)
@given(
    st.builds(
        State,
        flow_id=st.text(max_size=10),
        flow_version=st.integers(min_value=1, max_value=10**6),
        node=st.text(max_size=10),
        answers=st.lists(st.tuples(st.text(max_size=8), st.text(max_size=8)), max_size=5).map(
            tuple
        ),
    )
)
def test_any_state_round_trips_through_json(state: State) -> None:
    assert State.from_dict(json.loads(json.dumps(state.to_dict()))) == state
