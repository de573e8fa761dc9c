"""Block Kit for reviews: the review part of an audit post (status, notes, buttons) and the
comment and follow-up modals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core.reviews import NOTE_LIMIT
from bot.slack.ids import Action, Callback, ReviewRef
from bot.text.rendering import render
from bot.text.sections import split_sections
from bot.text.summary import quoted
from storage.tables import Review, ReviewKind, ReviewStatus

NOTES_SHOWN = 5  # the newest comments and follow-ups on the post; all are kept and exported
NOTE_BLOCK = "note"

_STATUS_WORDS = {
    ReviewStatus.AWAITING_REVIEW: "awaiting review",
    ReviewStatus.REVIEWED: "reviewed",
    ReviewStatus.FOLLOW_UP_OPEN: "follow-up open",
}


def status_words(status: ReviewStatus) -> str:
    return _STATUS_WORDS[status]


@dataclass(frozen=True)
class _Note:
    kind: str
    by: str
    at: datetime
    text: str


def review_blocks(
    reference: str, reviews: Sequence[Review], status: ReviewStatus, room: int
) -> list[Block]:
    """The post's review status and newest notes as sections, then the buttons, in at most
    `room` blocks (the summary takes the rest of the message)."""
    pieces = split_sections(_trail(reviews, status, NOTES_SHOWN))
    if len(pieces) > room - 1:  # only very long notes get here: show the newest one alone
        pieces = split_sections(_trail(reviews, status, 1))
    sections = [SectionBlock(text=MarkdownTextObject(text=p)) for p in pieces[: max(room - 1, 0)]]
    value = ReviewRef(reference, len(reviews)).encode()
    buttons = []
    if status is not ReviewStatus.REVIEWED:
        buttons.append(_button(Action.REVIEWED, "Mark reviewed", value, "primary"))
    buttons.append(_button(Action.COMMENT, "Add comment", value))
    if status is not ReviewStatus.FOLLOW_UP_OPEN:
        buttons.append(_button(Action.FOLLOW_UP, "Needs follow-up", value))
    return [*sections, ActionsBlock(block_id="review", elements=buttons)]


def _trail(reviews: Sequence[Review], status: ReviewStatus, notes_room: int) -> str:
    """The status line and the newest `notes_room` comments and follow-ups."""
    reviewed = _latest(reviews, ReviewKind.REVIEWED)
    follow_up = _latest(reviews, ReviewKind.FOLLOW_UP)
    notes = [
        _Note(str(r.kind), r.supervisor_id, r.created_at, quoted(r.text or ""))
        for r in reviews
        if r.kind in (ReviewKind.COMMENT, ReviewKind.FOLLOW_UP)
    ]
    shown = notes[-notes_room:] if notes else []
    return render(
        "review_trail.j2",
        status={
            ReviewStatus.REVIEWED: "reviewed",
            ReviewStatus.FOLLOW_UP_OPEN: "follow_up",
        }.get(status, "awaiting"),
        reviewed_by=reviewed.supervisor_id if reviewed else "",
        reviewed_at=reviewed.created_at if reviewed else None,
        follow_up_by=follow_up.supervisor_id if follow_up else "",
        follow_up_at=follow_up.created_at if follow_up else None,
        notes=shown,
        hidden=len(notes) - len(shown),
    )


def _latest(reviews: Sequence[Review], kind: ReviewKind) -> Review | None:
    return next((r for r in reversed(reviews) if r.kind == kind), None)


def _button(action: Action, label: str, value: str, style: str | None = None) -> ButtonElement:
    reference = value.partition(":")[0]  # the decision the post is about (ReviewRef)
    return ButtonElement(
        text=label,
        action_id=action.value,
        value=value,
        style=style,
        accessibility_label=f"{label}: decision {reference}"[:75],
    )


def note_modal(kind: ReviewKind, reference: str, metadata: str) -> View:
    """The modal that asks for a comment or for what needs following up."""
    follow_up = kind is ReviewKind.FOLLOW_UP
    label = "What needs following up?" if follow_up else "Comment"
    return View(
        type="modal",
        callback_id=(Callback.FOLLOW_UP if follow_up else Callback.COMMENT).value,
        title=PlainTextObject(text="Needs follow-up" if follow_up else "Add comment"),
        submit=PlainTextObject(text="Send to practitioner" if follow_up else "Add comment"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=metadata,
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=f"Decision *{reference}*")),
            InputBlock(
                block_id=NOTE_BLOCK,
                label=label,
                element=PlainTextInputElement(
                    action_id=NOTE_BLOCK, multiline=True, max_length=NOTE_LIMIT
                ),
                hint=render("review_hint.j2"),
            ),
        ],
    )


def saved_view(kind: ReviewKind, reference: str, text: str, removed: dict[str, int]) -> View:
    words = render(
        "review_saved.j2", kind=str(kind), reference=reference, text=quoted(text), removed=removed
    )
    return View(
        type="modal",
        title=PlainTextObject(text="Kept"),
        close=PlainTextObject(text="Close"),
        blocks=[SectionBlock(text=MarkdownTextObject(text=p)) for p in split_sections(words)],
    )
