"""The dialog engine: a pure function from (flow, state, move) to the next state.

No I/O, no clock, no Slack, no database: every path of every flow can be tested exhaustively.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dialogs.model import Advice, Answer, Flow, Outcome, Question


class Move(StrEnum):
    """Everything a practitioner can do at a step."""

    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"
    BACK = "back"
    RESTART = "restart"
    ADVICE_SOUGHT = "advice_sought"


@dataclass(frozen=True)
class State:
    """Where a dialog is: small and serialisable, so it can live in the database."""

    flow_id: str
    flow_version: int
    node: str
    answers: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "flow": self.flow_id,
            "version": self.flow_version,
            "node": self.node,
            "answers": [list(pair) for pair in self.answers],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> State:
        return cls(
            flow_id=str(data["flow"]),
            flow_version=int(data["version"]),
            node=str(data["node"]),
            answers=tuple((str(node), str(move)) for node, move in data["answers"]),
        )


class StepError(Exception):
    """A move the engine refuses; the state is unchanged."""


class WrongNode(StepError):
    """The move was made on a step that is no longer (or not yet) the current one."""

    def __init__(self, current: str, given: str) -> None:
        self.current = current
        self.given = given
        super().__init__(f"the current step is {current!r}, not {given!r}")


class InvalidMove(StepError):
    def __init__(self, node: str, move: str) -> None:
        self.node = node
        self.move = move
        super().__init__(f"{move!r} is not possible at {node!r}")


class FlowMismatch(StepError):
    def __init__(self, state: State, flow: Flow) -> None:
        super().__init__(
            f"state is for {state.flow_id} v{state.flow_version}, not {flow.id} v{flow.version}"
        )


def start(flow: Flow) -> State:
    return State(flow_id=flow.id, flow_version=flow.version, node=flow.start)


def step(flow: Flow, state: State, at: str, move: Move | str) -> State:
    """Apply `move`, made at step `at`; raise `StepError` and change nothing if refused."""
    if (state.flow_id, state.flow_version) != (flow.id, flow.version):
        raise FlowMismatch(state, flow)
    if at != state.node:
        raise WrongNode(state.node, at)
    if at not in flow.nodes:
        raise InvalidMove(at, str(move))
    try:
        move = Move(move)
    except ValueError:
        raise InvalidMove(at, str(move)) from None
    if move is Move.RESTART:
        return start(flow)
    if move is Move.BACK:
        if not state.answers:
            raise InvalidMove(at, move)
        previous, _ = state.answers[-1]
        return State(flow.id, flow.version, previous, state.answers[:-1])
    target = _target(flow.nodes[at], at, move)
    return State(flow.id, flow.version, target, (*state.answers, (at, move.value)))


_ANSWERS = (Move.YES, Move.NO, Move.NOT_SURE)


def _target(node: Question | Advice | Outcome, at: str, move: Move) -> str:
    if isinstance(node, Question) and move in _ANSWERS:
        return node.answers[Answer(move.value)]
    if isinstance(node, Advice) and move is Move.ADVICE_SOUGHT:
        return node.record
    raise InvalidMove(at, move)


def is_finished(flow: Flow, state: State) -> bool:
    return isinstance(flow.nodes[state.node], Outcome)


def replay(flow: Flow, answers: tuple[tuple[str, str], ...]) -> State:
    """Rebuild a state from its answers, checking each one; used to validate stored states."""
    state = start(flow)
    for node, move in answers:
        state = step(flow, state, node, move)
    return state


def is_consistent(flow: Flow, state: State) -> bool:
    try:
        return replay(flow, state.answers) == state
    except (StepError, KeyError):
        return False


@dataclass(frozen=True)
class PathStep:
    node: str
    question: str
    answer: str


def path(flow: Flow, state: State) -> list[PathStep]:
    """The answers given so far, in words, for summaries."""
    steps = []
    for node_id, move in state.answers:
        node = flow.nodes[node_id]
        if isinstance(node, Question):
            steps.append(PathStep(node_id, node.short, Answer(move).label))
        else:
            steps.append(PathStep(node_id, "", "Advice sought"))
    return steps
