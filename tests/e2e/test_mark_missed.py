"""Issue 8: the practitioner marks a word the anonymiser missed in the Slack preview. It goes
from every field of the draft, the preview is shown again, and the word reaches neither Slack
(nothing the bot sends), the database nor the logs, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from bot.slack.ids import MARK_BLOCK_PREFIX
from tests.e2e.conftest import SHARE_FIELDS, SHARE_WITHOUT_CONSENT, Practitioner
from tests.e2e.privacy_driver import block_texts, database_cells, log_texts, logger_names
from tests.fakeslack import FakeSlack

Json = dict[str, Any]
MISSED = "Blue Kite"
TYPED = SHARE_FIELDS | {
    "reasons": "She told the coach at the blue kite; the Blue Kite coach rang us.",
    "information": "What the Blue Kite coach saw",
}


def _mark_block(view: Json) -> str:
    (block_id,) = [
        block["block_id"]
        for block in view["blocks"]
        if block["type"] == "input" and block["block_id"].startswith(MARK_BLOCK_PREFIX)
    ]
    return block_id


def _texts(view: Json) -> str:
    return "\n".join(block_texts(view["blocks"]))


def _mentions_it(text: str) -> bool:
    return "kite" in text.casefold()


async def test_a_marked_word_goes_everywhere_and_is_never_kept_posted_or_logged(
    practitioner: Practitioner,
    slack: FakeSlack,
    database_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in logger_names():
        caplog.set_level(logging.DEBUG, logger=name)
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    preview = await practitioner.preview(TYPED)
    assert _mentions_it(_texts(preview)), "the anonymiser no longer misses the word"
    assert "If something identifying was missed" in _texts(preview)
    shown_so_far = len(slack.calls)  # the preview (with the word) reached Slack in views.update

    marking = practitioner.submission(preview, {_mark_block(preview): MISSED})
    replies = [await practitioner.send(marking) for _ in range(2)]  # a double submit
    bodies = [reply.json() for reply in replies]
    assert [body["response_action"] for body in bodies] == ["update", "update"]
    shown = bodies[0]["view"]
    assert not _mentions_it(_texts(shown))
    assert "She told the coach at the [REMOVED]; the [REMOVED] coach rang us." in _texts(shown)
    assert "Removed before saving: 3 words you marked." in _texts(shown)
    assert _texts(bodies[1]["view"]) == _texts(shown)  # the second changed nothing more
    assert shown["private_metadata"] == bodies[1]["view"]["private_metadata"]
    assert shown["private_metadata"] != preview["private_metadata"]
    # A fresh input, so Slack does not keep the word in it.
    assert _mark_block(shown) != _mark_block(preview)
    assert "initial_value" not in str([b for b in shown["blocks"] if b["type"] == "input"])

    confirmed = await practitioner.send(practitioner.confirmation(shown))
    assert confirmed.json() == {"response_action": "clear"}
    await slack.wait_for("chat.postMessage", where=lambda c: "[REMOVED]" in str(c.params))

    since = "".join(json.dumps(call.params) for call in slack.calls[shown_so_far:])
    since += "".join(json.dumps(post.body) for post in slack.response_posts)
    sent = since + "".join(reply.text for reply in replies) + confirmed.text
    assert not _mentions_it(sent)
    cells = await database_cells(database_url)
    assert any("[REMOVED]" in cell.value for cell in cells)
    assert [(c.table, c.column) for c in cells if _mentions_it(c.value)] == []
    assert [text[:80] for text in log_texts(caplog.records) if _mentions_it(text)] == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("   ", "Please type the word or phrase to remove"),
        ("trampoline " * 20, "one word or a short phrase at a time"),
        ("Bouncy Castle", "is not in the text that will be kept"),
    ],
)
async def test_a_mark_that_cannot_be_applied_says_why_and_changes_nothing(
    practitioner: Practitioner, typed: str, message: str
) -> None:
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    preview = await practitioner.preview(TYPED)
    block_id = _mark_block(preview)
    reply = await practitioner.send(practitioner.submission(preview, {block_id: typed}))
    body = reply.json()
    assert body["response_action"] == "errors"
    assert list(body["errors"]) == [block_id]
    assert message in body["errors"][block_id]
    for word in typed.split():  # the word is never shown back
        assert word.casefold() not in body["errors"][block_id].casefold()
    # The preview still confirms what it showed: nothing changed.
    confirmed = await practitioner.send(practitioner.confirmation(preview))
    assert confirmed.json() == {"response_action": "clear"}
