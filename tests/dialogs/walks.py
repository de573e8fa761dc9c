"""Walking a flow's graph through the engine, for tests that must cover every path."""

from __future__ import annotations

from collections.abc import Iterator

from dialogs.engine import Move, State, start, step
from dialogs.model import Advice, Flow, Outcome, Question

QUESTION_MOVES = (Move.YES, Move.NO, Move.NOT_SURE)


def moves_at(flow: Flow, node_id: str) -> tuple[Move, ...]:
    """The moves that go forward from a node (not back or restart)."""
    node = flow.nodes[node_id]
    if isinstance(node, Question):
        return QUESTION_MOVES
    if isinstance(node, Advice):
        return (Move.ADVICE_SOUGHT,)
    return ()


def every_path(flow: Flow) -> Iterator[State]:
    """Every state at an outcome, reached by stepping the engine along every forward path.

    A cycle would make this run for ever; the depth bound turns that into a failure instead.
    """
    pending = [start(flow)]
    while pending:
        state = pending.pop()
        assert len(state.answers) <= len(flow.nodes), f"path longer than the flow: {state}"
        if isinstance(flow.nodes[state.node], Outcome):
            yield state
            continue
        forward = moves_at(flow, state.node)
        assert forward, f"dead end at {state.node!r}"
        pending.extend(step(flow, state, state.node, move) for move in forward)


def walk(flow: Flow, *moves: Move | str) -> State:
    """Apply moves from the start, each at the current node."""
    state = start(flow)
    for move in moves:
        state = step(flow, state, state.node, move)
    return state
