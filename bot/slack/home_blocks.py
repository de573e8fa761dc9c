"""Block Kit for the App Home tab."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core.home import Home
from bot.slack.blocks import view_dict
from bot.slack.ids import Action
from bot.slack.review_blocks import status_words
from bot.text.age import age
from bot.text.rendering import render
from bot.text.sections import split_sections
from dialogs.model import OutcomeKind
from storage import DialogStatus


def home_view(home: Home) -> dict[str, Any]:
    dialog = home.open_dialog
    paused = "" if dialog is None else (
        "paused" if dialog.status is DialogStatus.PAUSED else "open"
    )
    # One button either way: starting carries on an open dialog (as `/infoshare` does), and
    # its old step message is closed, so only the newest copy of a step has live buttons.
    label = "Start a decision" if dialog is None else "Resume my decision"
    spoken = "Start a new information-sharing decision" if dialog is None else (
        "Resume the decision in progress, in your direct messages"
    )
    button = ButtonElement(
        text=label,
        action_id=Action.START.value,
        value="home",
        style="primary",
        accessibility_label=spoken,
    )
    blocks: list[Block] = [
        *_sections(render("home_start.j2", paused=paused)),
        ActionsBlock(block_id="home-start", elements=[button]),
        DividerBlock(),
        *_sections(render("home_decisions.j2", decisions=[
            {
                "reference": item.decision.reference,
                "outcome": _outcome(item.decision.outcome),
                "recorded_at": item.decision.created_at,
                "status": status_words(item.status),
            }
            for item in home.recent
        ])),
    ]
    overview = home.overview
    if overview is not None:
        oldest = overview.oldest_awaiting
        blocks += [DividerBlock(), *_sections(render(
            "home_supervisor.j2",
            awaiting=overview.awaiting_review,
            oldest=oldest.reference if oldest else None,
            oldest_age=age(oldest.created_at, home.now) if oldest else None,
            follow_ups=[d.reference for d in overview.follow_up_decisions],
            follow_up_count=overview.follow_ups_open,
            outcomes=[
                (_outcome(outcome), count)
                for outcome, count in sorted(overview.outcomes_this_month.items())
            ],
        ))]
    return view_dict(View(type="home", blocks=blocks))


def _outcome(value: str) -> str:
    try:
        return OutcomeKind(value).label
    except ValueError:
        return value


def _sections(text: str) -> list[Block]:
    return [SectionBlock(text=MarkdownTextObject(text=piece)) for piece in split_sections(text)]
