"""The review part of an audit post: the status in words, the newest notes quoted and escaped,
buttons that fit the status, and the whole post within Slack's limits however long the notes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.slack import blocks
from bot.slack.review_blocks import review_blocks
from storage.tables import Review, ReviewKind, ReviewStatus

AT = datetime(2026, 7, 1, 13, 5, tzinfo=UTC)
SECTION_LIMIT = 3000


def _review(kind: ReviewKind, text: str | None = None, n: int = 0) -> Review:
    return Review(
        id=n, decision_id=1, kind=kind, supervisor_id="U0SUPER01", text=text,
        idempotency_key=f"k{n}", created_at=AT, chain_seq=n, prev_hash="0" * 64,
        row_hash="0" * 64,
    )


def _texts(found: list[dict[str, Any]]) -> str:
    return "\n".join(
        str(b["text"]["text"]) for b in found if b["type"] == "section"
    )


def _buttons(found: list[dict[str, Any]]) -> list[str]:
    (actions,) = [b for b in found if b["type"] == "actions"]
    return [e["action_id"] for e in actions["elements"]]


def _dicts(reviews: list[Review], status: ReviewStatus, room: int = 40) -> list[dict[str, Any]]:
    return [b.to_dict() for b in review_blocks("IS-2026-0042", reviews, status, room)]


def test_awaiting_review_offers_all_three_buttons_with_the_reference_and_reviews_seen() -> None:
    found = _dicts([], ReviewStatus.AWAITING_REVIEW)
    assert _texts(found) == "*Review:* Awaiting review"
    assert _buttons(found) == [
        "review_mark_reviewed", "review_add_comment", "review_needs_follow_up"
    ]
    (actions,) = [b for b in found if b["type"] == "actions"]
    values = {e["value"] for e in actions["elements"]}
    assert values == {"IS-2026-0042:0"}


def test_reviewed_says_by_whom_and_when_in_uk_time_and_drops_its_button() -> None:
    found = _dicts(
        [_review(ReviewKind.COMMENT, "see <!channel> & <https://x|y>", 1),
         _review(ReviewKind.REVIEWED, None, 2)],
        ReviewStatus.REVIEWED,
    )
    text = _texts(found)
    assert text.startswith("*Review:* Reviewed by <@U0SUPER01> on 1 Jul 2026 14:05 BST")
    assert "> see &lt;!channel&gt; &amp; &lt;https://x|y&gt;" in text
    assert _buttons(found) == ["review_add_comment", "review_needs_follow_up"]


@pytest.mark.parametrize("note", ["&" * 1000, "a\n" * 500, "<>" * 500])
def test_many_long_notes_still_fit_one_message(note: str) -> None:
    notes = [_review(ReviewKind.FOLLOW_UP, note, n) for n in range(40)]
    summary = "*Information-sharing decision IS-2026-0042*\n" + "x" * 2900
    status = ReviewStatus.FOLLOW_UP_OPEN
    posted = blocks.audit_blocks(
        summary, lambda room: review_blocks("IS-2026-0042", notes, status, room)
    )
    assert len(posted) <= blocks.MAX_MESSAGE_BLOCKS
    sections = [b for b in posted if b["type"] == "section"]
    assert all(len(b["text"]["text"]) <= SECTION_LIMIT for b in sections)
    assert "earlier notes are not shown here" in _texts(posted)
    assert posted[-1]["type"] == "actions"
