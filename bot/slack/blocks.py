"""Block Kit for every message and modal, from slack_sdk's models, whose checks of Slack's
limits run in the tests (see CHECK_BLOCKS)."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Sequence
from typing import Any

from slack_sdk.models.basic_objects import EMPTY_ALLOWED_TYPE_AND_PROPERTY_LIST, JsonObject
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.privacy.marking import MARK_LIMIT
from bot.slack.ids import MARK_BLOCK_PREFIX, MARK_INPUT, Action, Callback, MenuChoice, StepRef
from bot.text.rendering import plain_words, render
from bot.text.sections import split_sections
from bot.text.step_text import question_number, step_parts, step_text
from dialogs.engine import Move, State
from dialogs.model import Advice, Answer, Flow, Outcome, OutcomeKind, Question
from dialogs.record import (
    FIELD_LABELS,
    LONG_TEXT,
    SHORT_LIMIT,
    TEXT_LIMIT,
    DecisionFields,
    required_fields,
    wanted_fields,
)
from dialogs.record_choices import ChoiceFields, prefilled_choices, record_choices

Blocks = list[dict[str, Any]]
MAX_MESSAGE_BLOCKS = 50
MAX_MODAL_BLOCKS = 100

_LABELS = {
    Action.YES: Answer.YES.label,
    Action.NO: Answer.NO.label,
    Action.NOT_SURE: Answer.NOT_SURE.label,
    Action.BACK: "Back",
    Action.RESTART: "Yes, start again",
    Action.RESTART_ASK: "Start again",
    Action.KEEP_ANSWERS: "No, keep my answers",
    Action.ADVICE_SOUGHT: "I have sought advice: record it",
    Action.HELP: "Why am I asked this?",
    Action.EMERGENCY: "A child in danger?",
    Action.PAUSE: "Pause",
    Action.RESUME: "Carry on",
    Action.START_NEW: "Start a new decision",
    Action.START_FRESH: "Start a new decision",
    Action.RECORD: "Record decision",
    Action.ASK_LEAD: "Ask a lead now",
}

# What a screen reader says for a button: it must make sense alone, out of its message.
_SPOKEN = {
    Action.BACK: "Back to the previous question",
    Action.RESTART: "Yes, start again: clear all my answers to this decision",
    Action.RESTART_ASK: "Start this decision again from question 1",
    Action.KEEP_ANSWERS: "No, keep my answers and carry on",
    Action.ADVICE_SOUGHT: "I have sought advice: record what was advised",
    Action.EMERGENCY: "What to do if a child is in danger",
    Action.PAUSE: "Pause this decision and come back to it later",
    Action.RESUME: "Carry on with the decision in progress",
    Action.START_NEW: "Start a new decision",
    Action.START_FRESH: "Start a new decision and close the one in progress",
    Action.RECORD: "Record this decision and your reasons",
    Action.ASK_LEAD: "Ask a safeguarding lead now, without naming anyone",
}
SPOKEN_LIMIT = 75  # Slack: a button's accessibility_label

def _button(
    action: Action, value: str, style: str | None = None, *, spoken: str | None = None
) -> ButtonElement:
    """A button; `style` only for the one way on (primary) or a destructive choice (danger),
    never for an answer. `spoken` is what a screen reader says, if not the one given above."""
    label = spoken or _SPOKEN.get(action) or _LABELS[action]
    return ButtonElement(
        text=_LABELS[action],
        action_id=action.value,
        value=value,
        style=style,
        accessibility_label=label[:SPOKEN_LIMIT],
    )


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text)])


def _dicts(blocks: Sequence[Block], limit: int = MAX_MESSAGE_BLOCKS) -> Blocks:
    if len(blocks) > limit:
        raise ValueError(f"{len(blocks)} blocks; Slack allows {limit}")
    return [_json(block) for block in blocks]


def _message(blocks: Sequence[Block]) -> tuple[str, Blocks]:
    """A message's top-level `text` and its blocks. Screen readers (and notifications) read the
    `text`, so it carries every word of the blocks, not just a first line (buttons are read on
    their own, by their accessibility labels)."""
    return plain_words(_spoken_text(blocks)), _dicts(blocks)


def _spoken_text(blocks: Sequence[Block]) -> str:
    words: list[str] = []
    for block in blocks:
        if isinstance(block, SectionBlock) and block.text is not None:
            words.append(block.text.text)
        elif isinstance(block, ContextBlock):
            words.extend(e.text for e in block.elements if isinstance(e, MarkdownTextObject))
    return "\n\n".join(words) or "infoshare"


# slack_sdk checks Slack's limits in to_dict(), at about 3 ms a message: more than the rest of a
# click's own work. tests/bot/slack/test_blocks.py builds every message shape of every flow both
# ways (checked, and not) and compares, so in production the same JSON is built unchecked.
CHECK_BLOCKS = False


def _json(model: JsonObject) -> dict[str, Any]:
    """`model.to_dict()` without its checks (models with a to_dict of their own keep it)."""
    if CHECK_BLOCKS:
        return model.to_dict()
    if type(model) is Option:
        return _option_json(model)
    if type(model).to_dict is not JsonObject.to_dict:
        return model.to_dict()
    kind = getattr(model, "type", None)
    data: dict[str, Any] = {}
    for key in sorted(model.attributes):
        value = getattr(model, key, None)
        if _present(kind, key, value):
            data[key] = _json_value(value)
    return data


def _option_json(option: Option) -> dict[str, Any]:
    """`Option.to_dict()` (a block's option) without its checks: the record form's menus have
    dozens, and their checks were most of building the form."""
    text = option._text or PlainTextObject.from_str(option.label)  # type: ignore[arg-type]
    data: dict[str, Any] = {"text": _json(text), "value": option.value}
    if option._block_description:
        data["description"] = _json(option._block_description)
    if option.url:
        data["url"] = option.url
    return data


def _json_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, JsonObject):
        return _json(value)
    return value


_EMPTY_ALLOWED = frozenset(
    (allowed["type"], allowed["property"]) for allowed in EMPTY_ALLOWED_TYPE_AND_PROPERTY_LIST
)


def _present(kind: Any, key: str, value: Any) -> bool:
    """slack_sdk's rule: no None, no empty list or string, except where Slack allows it."""
    if value is None:
        return False
    if (kind, key) in _EMPTY_ALLOWED:
        return True
    return len(value) > 0 if hasattr(value, "__len__") else True


def step_message(
    flow: Flow, dialog_id: int, state: State, *, ask_lead: bool = False
) -> tuple[str, Blocks]:
    """The message that asks the current step: its words, the step's own answers first, then
    its details and a short second row (help, emergencies, and the rest in a menu). `ask_lead`:
    an advice step offers to ask a safeguarding lead from here (bot/slack/listeners/advice.py)."""
    ref = StepRef.of(dialog_id, state).encode()
    parts = step_parts(flow, state)
    blocks: list[Block] = [_section(text) for text in parts.lead]
    blocks.append(
        ActionsBlock(
            block_id=f"step-{len(state.answers)}",
            elements=_answers(flow, state, ref, ask_lead=ask_lead),
        )
    )
    blocks.extend(_context(text) for text in parts.details)
    blocks.append(
        ActionsBlock(block_id=f"more-{len(state.answers)}", elements=_second_row(flow, state, ref))
    )
    return _message(blocks)


def _answers(flow: Flow, state: State, ref: str, *, ask_lead: bool) -> list[ButtonElement]:
    node = flow.nodes[state.node]
    if isinstance(node, Question):
        return [
            _button(action, ref, spoken=f"{_LABELS[action]}: {node.short}")
            for action in (Action.YES, Action.NO, Action.NOT_SURE)
        ]
    if isinstance(node, Advice):
        buttons = [_button(Action.ADVICE_SOUGHT, ref), _button(Action.PAUSE, ref)]
        return [_button(Action.ASK_LEAD, ref), *buttons] if ask_lead else buttons
    return [_button(Action.RECORD, ref, "primary")]


def _second_row(flow: Flow, state: State, ref: str) -> list[ButtonElement | OverflowMenuElement]:
    node = flow.nodes[state.node]
    row: list[ButtonElement | OverflowMenuElement] = []
    if isinstance(node, Question):
        number = question_number(flow, state)
        row.append(_button(Action.HELP, ref, spoken=f"Why am I asked question {number}?"))
    row.append(_button(Action.EMERGENCY, ref))
    more = [Action.BACK, Action.RESTART_ASK] if state.answers else []
    if not isinstance(node, Advice):  # an advice step has its own Pause button
        more.append(Action.PAUSE)
    if more:
        options = [Option(value=MenuChoice(a, ref).encode(), text=_SPOKEN[a]) for a in more]
        row.append(OverflowMenuElement(action_id=Action.MORE.value, options=options))
    return row


def answered_message(flow: Flow, before: State, move: Move) -> tuple[str, Blocks]:
    """The step's message once acted on: its words stay, its buttons go."""
    note = render("answered.j2", move=move.value, label=_move_label(move))
    return _message([_section(step_text(flow, before)), _context(note)])


def _move_label(move: Move) -> str:
    if move.value in {answer.value for answer in Answer}:
        return Answer(move.value).label
    return move.value


def closed_message(flow: Flow, state: State, note: str) -> tuple[str, Blocks]:
    return _message([_section(step_text(flow, state)), _context(note)])


def notice(text: str) -> tuple[str, Blocks]:
    return _message([_section(text)])


def paused_message(dialog_id: int, state: State, note: str) -> tuple[str, Blocks]:
    ref = StepRef.of(dialog_id, state).encode()
    return _message([_section(note), ActionsBlock(elements=[_button(Action.RESUME, ref)])])


def reminder_message(dialog_id: int, state: State, note: str) -> tuple[str, Blocks]:
    """The idle reminder: what it is about, and the way back in."""
    ref = StepRef.of(dialog_id, state).encode()
    return _message([_section(note), ActionsBlock(elements=[_button(Action.RESUME, ref)])])


def resume_prompt(dialog_id: int, state: State, note: str) -> tuple[str, Blocks]:
    """An unfinished dialog met again: what it is, and a choice, neither one pre-selected."""
    ref = StepRef.of(dialog_id, state).encode()
    buttons = [_button(Action.RESUME, ref), _button(Action.START_FRESH, ref)]
    return _message([_section(note), ActionsBlock(elements=buttons)])


def restart_prompt(dialog_id: int, state: State, note: str) -> tuple[str, Blocks]:
    """"Start again" asks first: it clears every answer."""
    ref = StepRef.of(dialog_id, state).encode()
    buttons = [_button(Action.RESTART, ref, "danger"), _button(Action.KEEP_ANSWERS, ref)]
    return _message([_section(note), ActionsBlock(elements=buttons)])


def not_recorded_reminder(
    dialog_id: int, state: State, outcome: Outcome, note: str
) -> tuple[str, Blocks]:
    """The one reminder of an outcome reached and not recorded: its words in full (screen
    readers read `text`), and the record form one press away."""
    ref = StepRef.of(dialog_id, state).encode()
    record = ButtonElement(
        text=record_title(outcome.outcome),
        action_id=Action.RECORD.value,
        value=ref,
        style="primary",
    )
    blocks: list[Block] = [_section(note), ActionsBlock(elements=[record])]
    return note, _dicts(blocks)


def expired_message(note: str) -> tuple[str, Blocks]:
    """What an expired dialog's buttons become: the reason, and a fresh start."""
    return _message([_section(note), ActionsBlock(elements=[_button(Action.START_NEW, "new")])])


# --- the record modal -------------------------------------------------------------------

def record_title(kind: OutcomeKind) -> str:
    """The record form's title, and the button that opens it: no decision at advice sought."""
    return "Record advice sought" if kind is OutcomeKind.ADVICE_SOUGHT else "Record decision"


def record_modal(
    flow: Flow, state: State, dialog_id: int, filled: DecisionFields | None = None
) -> View:
    """The record form for the outcome reached: only the fields that outcome asks for, only
    the choices the path allows, those the path settles already chosen, and what was typed
    before (`filled`, kept when the form was cancelled or previewed) filled in again.
    Cancelling it is reported (`notify_on_close`) so that text is kept."""
    outcome = flow.nodes[state.node]
    assert isinstance(outcome, Outcome)
    kind = outcome.outcome
    required = required_fields(kind)
    choices = record_choices(flow, state)  # only what the path's answers allow
    settled = prefilled_choices(flow, state)
    values = {name: choice.value for name, choice in settled.items()}
    values.update(filled.to_dict() if filled else {})
    intro = render("record_intro.j2", outcome=outcome, prefilled=bool(settled))
    blocks: list[Block] = [_section(intro)]
    for name in wanted_fields(kind):
        blocks.append(_input(name, kind, name in required, values.get(name), choices))
    return View(
        type="modal",
        callback_id=Callback.RECORD.value,
        title=PlainTextObject(text=record_title(kind)),
        submit=PlainTextObject(text="Preview"),
        close=PlainTextObject(text="Cancel"),
        notify_on_close=True,
        private_metadata=StepRef.of(dialog_id, state).encode(),
        blocks=blocks,
    )


def _input(
    name: str, kind: OutcomeKind, required: bool, initial: str | None, choices: ChoiceFields
) -> InputBlock:
    element: PlainTextInputElement | StaticSelectElement
    if name in choices:
        options = [Option(value=item.value, text=item.label) for item in choices[name]]
        chosen = next((option for option in options if option.value == initial), None)
        element = StaticSelectElement(
            action_id=name,
            options=options,
            initial_option=chosen,
            placeholder=render("field_placeholder.j2", field=name),
        )
    else:
        long = name in LONG_TEXT
        element = PlainTextInputElement(
            action_id=name,
            multiline=long,
            max_length=TEXT_LIMIT if long else SHORT_LIMIT,
            initial_value=initial,
        )
    return InputBlock(
        block_id=name,
        label=FIELD_LABELS[name],
        element=element,
        optional=not required,
        hint=render("field_hints.j2", field=name, outcome_kind=kind.value) or None,
    )


def summary_sections(summary: str) -> list[Block]:
    """The decision summary as sections, for the preview and the audit post alike: the
    practitioner confirms exactly what supervisors will read."""
    return [_section(text) for text in split_sections(summary)]


def preview_view(
    summary: str, removed: dict[str, int], private_metadata: str, note: str | None = None
) -> View:
    """`note`: why a word marked in the last preview changed nothing, shown by the box."""
    blocks: list[Block] = [
        _section(render("preview_intro.j2", removed=removed)),
        DividerBlock(),
        *summary_sections(summary),
        DividerBlock(),
        *([_section(note)] if note else []),
        _mark_input(),
    ]
    return View(
        type="modal",
        callback_id=Callback.PREVIEW.value,
        title=PlainTextObject(text="Check and confirm"),
        submit=PlainTextObject(text="Confirm and record"),
        close=PlainTextObject(text="Edit"),
        private_metadata=private_metadata,
        blocks=blocks,
    )


def checking_view(external_id: str) -> View:
    """What a submitted record form shows at once, until the preview replaces it (by
    `external_id`). Edit goes back to the form, as on the preview."""
    return View(
        type="modal",
        external_id=external_id,
        title=PlainTextObject(text="Check and confirm"),
        close=PlainTextObject(text="Edit"),
        blocks=[_section(render("preview_pending.j2"))],
    )


def recording_view(external_id: str) -> View:
    """What a confirmed preview shows at once if recording takes a while, until replaced.
    The decision is being recorded whatever the practitioner does: closing it closes the form
    under it too."""
    return View(
        type="modal",
        external_id=external_id,
        title=PlainTextObject(text="Check and confirm"),
        close=PlainTextObject(text="Close"),
        clear_on_close=True,
        blocks=[_section(render("recording_pending.j2"))],
    )


def working_view(external_id: str, title: str, kind: str, close: str = "Close") -> View:
    """What a form other than the record form shows at once when its work takes a while,
    until replaced (by `external_id`): `kind` says what is being done (working.j2)."""
    return View(
        type="modal",
        external_id=external_id,
        title=PlainTextObject(text=title),
        close=PlainTextObject(text=close),
        blocks=[_section(render("working.j2", kind=kind))],
    )


def not_checked_view(text: str) -> View:
    """In place of the preview when the record could not be checked: Edit goes back to it."""
    return View(
        type="modal",
        title=PlainTextObject(text="Check and confirm"),
        close=PlainTextObject(text="Edit"),
        blocks=[_section(text)],
    )


def _mark_input() -> InputBlock:
    """Where the practitioner names a word the anonymiser missed. A new block id each time, so
    Slack does not carry the word typed into the preview shown after it was removed."""
    return InputBlock(
        block_id=f"{MARK_BLOCK_PREFIX}{secrets.token_hex(4)}",
        label=render("mark_field.j2", part="label"),
        element=PlainTextInputElement(action_id=MARK_INPUT, max_length=MARK_LIMIT),
        optional=True,
        hint=render("mark_field.j2", part="hint"),
    )


def message_view(title: str, text: str, close: str = "Close", *, done: bool = False) -> View:
    """A modal of words. `done`: the work of every view under it is finished (a decision
    recorded, a question sent), so closing it closes them all rather than going back to the
    form, which a late `views.update` could not otherwise clear."""
    return View(
        type="modal",
        title=PlainTextObject(text=title),
        close=PlainTextObject(text=close),
        clear_on_close=done or None,
        blocks=[_section(text)],
    )


def audit_blocks(summary: str, review: Callable[[int], Sequence[Block]] | None = None) -> Blocks:
    """The summary, then `review(room)`: the review part in the blocks the summary leaves.
    Raises ValueError (or slack_sdk's SlackObjectFormationError) if Slack could not take it."""
    sections = summary_sections(summary)
    extra = review(MAX_MESSAGE_BLOCKS - len(sections)) if review is not None else ()
    return _dicts([*sections, *extra])


def view_dict(view: View) -> dict[str, Any]:
    data = _json(view)
    if len(data.get("blocks", [])) > MAX_MODAL_BLOCKS:
        raise ValueError("too many blocks for a modal")
    json.dumps(data)  # must be serialisable as it is sent
    return data
