"""`infoshare chat`: the same dialog in a terminal, no Slack needed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO

from bot.text.rendering import for_terminal, render
from bot.text.step_text import emergency_text, help_text, step_text
from bot.text.summary import decision_summary
from dialogs.engine import Move, State, StepError, is_finished, start, step
from dialogs.model import Advice, Flow, Outcome
from dialogs.record import (
    FIELD_LABELS,
    DecisionFields,
    problems,
    required_fields,
    wanted_fields,
)
from dialogs.record_choices import Choice, prefilled_choices, record_choices
from dialogs.replies import HINT, Command, parse_reply


class Terminal:
    """Line-by-line input and output; works the same with a person or a pipe."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self._stdin = stdin
        self._stdout = stdout
        self._echo = not stdin.isatty()

    def say(self, mrkdwn: str = "") -> None:
        self._stdout.write(for_terminal(mrkdwn) + "\n")
        self._stdout.flush()

    def ask(self, prompt: str) -> str | None:
        """One line from the practitioner, or None when input has ended."""
        self._stdout.write(f"{prompt}> ")
        self._stdout.flush()
        line = self._stdin.readline()
        if not line:
            self._stdout.write("\n")
            return None
        if self._echo:
            self._stdout.write(line if line.endswith("\n") else line + "\n")
        return line.strip()


@dataclass(frozen=True)
class TerminalRecord:
    """What the terminal shows at the end: the reference, or NOT RECORDED."""

    reference: str
    recorded_at: datetime | None
    record: DecisionFields
    practitioner: str = "you (terminal)"


# Anonymises, confirms with the practitioner and stores a decision; None if not recorded.
Recorder = Callable[[Flow, State, DecisionFields, Terminal], TerminalRecord | None]


def run_chat(flow: Flow, terminal: Terminal, recorder: Recorder | None = None) -> int:
    terminal.say(render("terminal_commands.j2"))
    state = walk(flow, terminal)
    if state is None:
        terminal.say("Paused. Nothing was recorded. Run `infoshare chat` again to start afresh.")
        return 1
    record = collect_fields(flow, state, terminal)
    recorded = None
    if record is not None and recorder is not None:
        recorded = recorder(flow, state, record, terminal)
    if recorded is None:
        # The outcome and its guidance still stand; say plainly that nothing was kept.
        terminal.say()
        terminal.say(render("terminal_not_recorded.j2", complete=record is not None))
        recorded = TerminalRecord("NOT RECORDED", None, record or DecisionFields())
    terminal.say()
    terminal.say(
        decision_summary(
            flow,
            state,
            recorded.record,
            reference=recorded.reference,
            practitioner=recorded.practitioner,
            recorded_at=recorded.recorded_at,
        )
    )
    return 0


def walk(flow: Flow, terminal: Terminal) -> State | None:
    """Ask the flow's questions until an outcome; None if the practitioner quits."""
    state = start(flow)
    shown: State | None = None
    while not is_finished(flow, state):
        if state != shown:
            terminal.say()
            terminal.say(step_text(flow, state))
            shown = state
        advice = isinstance(flow.nodes[state.node], Advice)
        reply = terminal.ask("back / advice sought / quit " if advice else "yes / no / not sure ")
        if reply is None:
            return None
        meaning = parse_reply(reply)
        if meaning is Command.QUIT or meaning is Command.PAUSE:
            return None
        if meaning is Command.HELP:
            terminal.say(help_text(flow, state))
        elif meaning is Command.EMERGENCY:
            terminal.say(emergency_text(flow))
        elif meaning is Move.RESTART and state.answers and not _confirm_restart(state, terminal):
            terminal.say(render("kept_answers.j2"))
        elif meaning is Command.START or meaning is None:
            terminal.say(HINT if not advice else render("advice_hint.j2"))
        else:
            try:
                state = step(flow, state, state.node, meaning)
            except StepError:
                terminal.say(HINT if not advice else render("advice_hint.j2"))
    terminal.say()
    terminal.say(step_text(flow, state))
    return state


def _confirm_restart(state: State, terminal: Terminal) -> bool:
    """Start again clears every answer: ask first, as the Slack dialog does."""
    terminal.say(render("restart_prompt.j2", answers=len(state.answers)))
    reply = terminal.ask("yes / no ")
    return reply is not None and parse_reply(reply) is Move.YES


def collect_fields(flow: Flow, state: State, terminal: Terminal) -> DecisionFields | None:
    outcome = flow.nodes[state.node]
    assert isinstance(outcome, Outcome)
    terminal.say()
    choices = record_choices(flow, state)  # only what the path's answers allow
    settled = prefilled_choices(flow, state)
    terminal.say(render("terminal_record_intro.j2", outcome=outcome, prefilled=bool(settled)))
    values: dict[str, str] = {}
    required = required_fields(outcome.outcome)
    for name in wanted_fields(outcome.outcome):
        value = _ask_field(
            terminal, flow, name, name in required, outcome, choices.get(name), settled.get(name)
        )
        if value is None:
            return None
        if value:
            values[name] = value
    return DecisionFields.from_dict(values)


def _ask_field(
    terminal: Terminal,
    flow: Flow,
    name: str,
    required: bool,
    outcome: Outcome,
    choices: tuple[Choice, ...] | None,
    settled: Choice | None = None,
) -> str | None:
    """One field; `settled` is the choice the path already settles, taken on Enter."""
    if settled is not None:
        label = f"{FIELD_LABELS[name]} (Enter for: {settled.label})"
    else:
        label = FIELD_LABELS[name] + ("" if required else " (optional, Enter to skip)")
    if choices is not None:
        for number, option in enumerate(choices, start=1):
            terminal.say(f"  {number}. {option.label}")
    while True:
        answer = terminal.ask(label)
        if answer is None:
            return None
        # Words the practitioner types to the dialog are never kept as the record's text.
        meaning = parse_reply(answer)
        if meaning is Command.HELP:
            terminal.say(render("record_field_help.j2", field=name, label=label, outcome=outcome))
            continue
        if meaning is Command.EMERGENCY:
            terminal.say(emergency_text(flow))
            continue
        if meaning is Command.QUIT:
            return None
        if settled is not None and not answer:
            return settled.value
        if choices is not None and answer:
            chosen = _choose(choices, answer)
            if chosen is None:
                terminal.say(render("choose_number.j2", count=len(choices)))
                continue
            answer = chosen
        trouble = problems(outcome.outcome, DecisionFields.from_dict({name: answer})).get(name)
        if trouble:
            terminal.say(trouble)
            continue
        return answer


def _choose(options: tuple[Choice, ...], answer: str) -> str | None:
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1].value
    matching = [option.value for option in options if option.value == answer.lower()]
    return matching[0] if matching else None
