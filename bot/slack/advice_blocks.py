"""Block Kit for asking a lead: the ask modal and its preview, the waiting message in the DM,
the request's post in the advice channel, the answer modal, and the answer's DM."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.core.advice import (
    ADVICE_LIMIT,
    DESCRIPTION_LIMIT,
    QUESTION_LIMIT,
    Stage,
    Suggestion,
    Urgency,
    stage_of,
)
from bot.core.advice_record import kept_advice
from bot.slack.blocks import Blocks, _dicts, _message
from bot.slack.ids import Action, AdviceRef, Callback, StepRef
from bot.text.rendering import render
from bot.text.sections import split_sections
from bot.text.summary import quoted
from bot.text.uk_time import uk_time
from dialogs.engine import State
from storage.tables import AdviceRequest

QUESTION_BLOCK = "advice_question"
DESCRIPTION_BLOCK = "advice_description"
URGENCY_BLOCK = "advice_urgency"
ADVICE_BLOCK = "advice_text"
SUGGESTION_BLOCK = "advice_suggestion"


def advice_words(part: str, **context: Any) -> str:
    return render("lead_advice.j2", part=part, **context)


def _sections(text: str) -> list[Block]:
    return [SectionBlock(text=MarkdownTextObject(text=piece)) for piece in split_sections(text)]


# What a screen reader says for each button, out of its message.
_SPOKEN = {
    Action.WITHDRAW_ADVICE: "Withdraw my question to the safeguarding lead",
    Action.TAKE_ADVICE: "Take this advice request: you will answer it",
    Action.ANSWER_ADVICE: "Answer this advice request",
    Action.APPLY_ADVICE: "Apply the lead's suggested answer and carry on",
    Action.KEEP_ADVICE: "Keep the lead's advice and answer the question myself",
}


def _button(action: Action, label: str, value: str, style: str | None = None) -> ButtonElement:
    return ButtonElement(
        text=label,
        action_id=action.value,
        value=value,
        style=style,
        accessibility_label=_SPOKEN.get(action, label),
    )


def _select(block: str, label: str, values: list[str], initial: str | None) -> InputBlock:
    options = [Option(value=value, text=advice_words(block.split("_")[-1], value=value))
               for value in values]  # fmt: skip
    chosen = next((option for option in options if option.value == initial), None)
    return InputBlock(
        block_id=block,
        label=label,
        element=StaticSelectElement(
            action_id=block, options=options, initial_option=chosen, placeholder="Choose"
        ),
    )


def ask_modal(question: str, ref: StepRef) -> View:
    return View(
        type="modal",
        callback_id=Callback.ASK_LEAD.value,
        title=PlainTextObject(text="Ask a lead"),
        submit=PlainTextObject(text="Preview"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=ref.encode(),
        blocks=[
            *_sections(advice_words("ask_intro")),
            InputBlock(
                block_id=QUESTION_BLOCK,
                label=advice_words("question_label"),
                element=PlainTextInputElement(
                    action_id=QUESTION_BLOCK,
                    initial_value=question[:QUESTION_LIMIT] or None,
                    max_length=QUESTION_LIMIT,
                ),
            ),
            InputBlock(
                block_id=DESCRIPTION_BLOCK,
                label=advice_words("description_label"),
                element=PlainTextInputElement(
                    action_id=DESCRIPTION_BLOCK, multiline=True, max_length=DESCRIPTION_LIMIT
                ),
                hint=advice_words("description_hint"),
            ),
            _select(
                URGENCY_BLOCK, advice_words("urgency_label"), [u.value for u in Urgency], "hour"
            ),
        ],
    )


def preview_view(request: AdviceRequest, removed: dict[str, int]) -> View:
    assert request.id is not None
    words = advice_words(
        "preview",
        removed=removed,
        question=quoted(request.question),
        description=quoted(request.description),
        urgency=request.urgency,
    )
    return View(
        type="modal",
        callback_id=Callback.SEND_ADVICE.value,
        title=PlainTextObject(text="Check and send"),
        submit=PlainTextObject(text="Send to a lead"),
        close=PlainTextObject(text="Edit"),
        private_metadata=AdviceRef(request.id).encode(),
        blocks=_sections(words),
    )


def waiting_message(dialog_id: int, state: State, request: AdviceRequest) -> tuple[str, Blocks]:
    """The advice step while a lead is asked: its own buttons still work (advice sought
    elsewhere, Pause, Back); the question can be withdrawn."""
    assert request.id is not None and request.sent_at is not None
    step = StepRef.of(dialog_id, state).encode()
    note = advice_words("waiting", at=request.sent_at, urgency=request.urgency)
    buttons = [
        _button(Action.WITHDRAW_ADVICE, "Withdraw my question", AdviceRef(request.id).encode()),
        _button(Action.ADVICE_SOUGHT, "I have sought advice: record it", step),
        _button(Action.PAUSE, "Pause", step),
        _button(Action.BACK, "Back", step),
    ]
    return _message([*_sections(note), ActionsBlock(elements=buttons)])


def request_post(request: AdviceRequest, *, again: bool = False) -> tuple[str, Blocks]:
    """The request in the advice channel, as it stands: the buttons go once it is answered
    or withdrawn, and Take goes once it is taken."""
    assert request.id is not None
    stage = stage_of(request)
    head = advice_words(
        "post",
        request=request,
        again=again,
        question=quoted(request.question),
        description=quoted(request.description),
    )
    status = advice_words("status", stage=stage.value, request=request,
                    advice=quoted(request.advice or ""))  # fmt: skip
    value = AdviceRef(request.id).encode()
    buttons = []
    if stage is Stage.WAITING:
        buttons.append(_button(Action.TAKE_ADVICE, "Take this", value, "primary"))
    if stage in (Stage.WAITING, Stage.TAKEN):
        buttons.append(_button(Action.ANSWER_ADVICE, "Answer", value))
    blocks: list[Block] = [*_sections(head), *_sections(status)]
    if buttons:
        blocks.append(ActionsBlock(block_id="advice", elements=buttons))
    return _message(blocks)


def answer_modal(request: AdviceRequest, metadata: str) -> View:
    intro = advice_words(
        "answer_intro", question=quoted(request.question), description=quoted(request.description)
    )
    return View(
        type="modal",
        callback_id=Callback.ANSWER_ADVICE.value,
        title=PlainTextObject(text="Answer"),
        submit=PlainTextObject(text="Send answer"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=metadata,
        blocks=[
            *_sections(intro),
            InputBlock(
                block_id=ADVICE_BLOCK,
                label=advice_words("advice_label"),
                element=PlainTextInputElement(
                    action_id=ADVICE_BLOCK, multiline=True, max_length=ADVICE_LIMIT
                ),
            ),
            _select(
                SUGGESTION_BLOCK,
                advice_words("suggestion_label"),
                [s.value for s in Suggestion],
                None,
            ),
        ],
    )


def answer_saved_view(advice: str, removed: dict[str, int]) -> View:
    return View(
        type="modal",
        title=PlainTextObject(text="Sent"),
        close=PlainTextObject(text="Close"),
        blocks=_sections(advice_words("answer_saved", removed=removed, advice=quoted(advice))),
    )


def reply_message(request: AdviceRequest) -> tuple[str, Blocks]:
    """The answer in the practitioner's DM: apply it and carry on, or answer oneself."""
    assert request.id is not None
    words = advice_words("reply", request=request, advice=quoted(request.advice or ""))
    value = AdviceRef(request.id).encode()
    buttons = [
        _button(
            Action.APPLY_ADVICE,
            advice_words("apply_label", suggestion=request.suggestion),
            value,
            "primary",
        )
    ]
    if request.question_node is not None:
        buttons.append(_button(Action.KEEP_ADVICE, advice_words("keep_label"), value))
    return _message([*_sections(words), ActionsBlock(elements=buttons)])


def chosen_message(request: AdviceRequest) -> tuple[str, Blocks]:
    words = advice_words("reply", request=request, advice=quoted(request.advice or ""))
    note = advice_words("chosen", choice=request.choice)
    return _message([*_sections(words), *_sections(f"_{note}_")])


def record_lines(fields: dict[str, Any]) -> str:
    """The advice a decision keeps, for its audit post; empty if none was asked."""
    entries = []
    for entry in kept_advice(fields):
        entries.append(
            {
                **entry,
                "asked_at": _when(entry.get("asked_at")),
                "answered_at": _when(entry.get("answered_at")),
                "question_quoted": quoted(f"Q: {entry.get('question') or ''}"),
                "advice_quoted": quoted(f"A: {entry['advice']}") if entry.get("advice") else "",
            }
        )
    return advice_words("record", entries=entries) if entries else ""


def _when(value: object) -> str:
    if not isinstance(value, str):
        return ""
    try:
        return uk_time(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return value


OPEN_LISTED = 10


def open_requests_text(mine: list[AdviceRequest], leads: list[AdviceRequest]) -> str:
    """Requests still waiting for an answer, for `/infoshare history` and App Home: the
    practitioner's own, and (for an adviser) everyone's."""
    if not mine and not leads:
        return ""
    return advice_words("open_requests", mine=mine, leads=leads, limit=OPEN_LISTED)


def open_requests_blocks(mine: list[AdviceRequest], leads: list[AdviceRequest]) -> Blocks:
    text = open_requests_text(mine, leads)
    return _dicts(_sections(text)) if text else []
