"""Issue 8: the practitioner marks a word the anonymiser missed in the Slack preview. It goes
from every field of the draft, the preview is shown again, and the word reaches neither Slack
(nothing the bot sends), the database nor the logs, on SQLite and PostgreSQL.

A mark is answered at once, as the record form is: a "checking" view in place of the preview,
replaced by `views.update` (by its own external_id) when the anonymiser is done. The tests hold
the anonymiser to show the answer does not wait for it."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from bot.slack import pending
from bot.slack.ids import MARK_BLOCK_PREFIX
from tests.e2e.conftest import SHARE_FIELDS, SHARE_WITHOUT_CONSENT, Practitioner
from tests.e2e.held import HeldAnonymiser
from tests.e2e.privacy_driver import block_texts, database_cells, log_texts, logger_names
from tests.fakeslack import TEAM_ID, FakeSlack

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


async def _stored_draft(practitioner: Practitioner) -> str:
    async with practitioner.bot.running.services.db.transaction() as tx:
        dialog = await tx.dialogs.open_for(TEAM_ID, practitioner.user)
    assert dialog is not None
    return json.dumps(dialog.draft)


async def test_a_marked_word_goes_everywhere_and_is_never_kept_posted_or_logged(
    practitioner: Practitioner,
    slack: FakeSlack,
    database_url: str,
    caplog: pytest.LogCaptureFixture,
    held: HeldAnonymiser,
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

    held.marks = True
    marking = practitioner.submission(preview, {_mark_block(preview): MISSED})
    replies = [await practitioner.send(marking) for _ in range(2)]  # a double submit
    # Both answered while the anonymiser is held, each with a "checking" view of its own in
    # place of the preview: nothing to confirm from it, Edit goes back to the form.
    first, second = (practitioner.checking(reply, "update") for reply in replies)
    assert first != second
    for reply in replies:
        checking = reply.json()["view"]
        assert "Checking what will be kept" in _texts(checking)
        assert "submit" not in checking and checking["close"]["text"] == "Edit"
    for _ in replies:
        await held.wait_started()
    assert slack.calls_to("views.update")[-1].params.get("external_id") not in (first, second)
    assert _mentions_it(await _stored_draft(practitioner))  # nothing removed yet

    held.release.set()
    # The later submission's preview is shown, the word counted once; the earlier one's view
    # says to check the latest preview.
    shown = await practitioner.shown_in(second)
    stale = await practitioner.shown_in(first)
    assert "check the latest preview" in _texts(stale)
    assert "callback_id" not in stale and "submit" not in stale
    assert shown["callback_id"] == "preview_decision"
    assert not _mentions_it(_texts(shown))
    assert "She told the coach at the [REMOVED]; the [REMOVED] coach rang us." in _texts(shown)
    assert "Removed before saving: 3 words you marked." in _texts(shown)
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


async def test_marking_the_same_word_again_changes_nothing_more(
    practitioner: Practitioner,
) -> None:
    """A repeat after the first mark was shown (not overlapping it): the same preview again."""
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    preview = await practitioner.preview(TYPED)
    marking = practitioner.submission(preview, {_mark_block(preview): MISSED})
    first = await practitioner.shown_in(
        practitioner.checking(await practitioner.send(marking), "update")
    )
    stored = await _stored_draft(practitioner)
    again = practitioner.submission(preview, {_mark_block(preview): MISSED.lower()})
    second = await practitioner.shown_in(
        practitioner.checking(await practitioner.send(again), "update")
    )
    assert "Removed before saving: 3 words you marked." in _texts(first)
    assert _texts(second) == _texts(first)
    assert second["private_metadata"] == first["private_metadata"]
    assert await _stored_draft(practitioner) == stored
    confirmed = await practitioner.send(practitioner.confirmation(second))
    assert confirmed.json() == {"response_action": "clear"}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("   ", "Please type the word or phrase to remove"),
        ("trampoline " * 20, "one word or a short phrase at a time"),
    ],
)
async def test_a_mark_that_cannot_be_applied_says_why_at_once_and_changes_nothing(
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


async def test_a_word_not_in_the_record_shows_the_same_preview_and_why(
    practitioner: Practitioner, slack: FakeSlack
) -> None:
    """Only the anonymiser can tell a word is not there (a marked word also goes in other
    forms), so that is said in the preview shown again, after the answer."""
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    preview = await practitioner.preview(TYPED)
    stored = await _stored_draft(practitioner)
    typed = "Bouncy Castle"
    reply = await practitioner.send(practitioner.submission(preview, {_mark_block(preview): typed}))
    again = await practitioner.shown_in(practitioner.checking(reply, "update"))
    assert again["callback_id"] == "preview_decision"
    assert "is not in the text that will be kept" in _texts(again)
    assert again["private_metadata"] == preview["private_metadata"]
    assert _mark_block(again) != _mark_block(preview)
    sent = json.dumps(slack.calls_to("views.update")[-1].params) + reply.text
    assert "bouncy" not in sent.casefold() and "castle" not in sent.casefold()
    assert await _stored_draft(practitioner) == stored
    # The preview still confirms what it showed: nothing changed.
    confirmed = await practitioner.send(practitioner.confirmation(preview))
    assert confirmed.json() == {"response_action": "clear"}


@pytest.mark.parametrize("check_seconds", [2.5, 0.0])
async def test_a_mark_after_the_decision_was_recorded_changes_nothing(
    practitioner: Practitioner, monkeypatch: pytest.MonkeyPatch, check_seconds: float
) -> None:
    """Refused in the answer when that is quick, or else in the view that answered it."""
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    preview = await practitioner.preview(TYPED)
    confirmed = await practitioner.send(practitioner.confirmation(preview))
    assert confirmed.json() == {"response_action": "clear"}
    monkeypatch.setattr(pending, "CHECK_SECONDS", check_seconds)
    reply = await practitioner.send(
        practitioner.submission(preview, {_mark_block(preview): MISSED})
    )
    if check_seconds:
        told = reply.json()["view"]
        assert reply.json()["response_action"] == "update" and "external_id" not in told
    else:
        told = await practitioner.shown_in(practitioner.checking(reply, "update"))
    assert told["title"]["text"] == "Nothing changed"
    assert "has ended" in _texts(told)
