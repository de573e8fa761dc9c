"""The record form is answered at once, whatever the anonymiser's pace: a "checking" view is
pushed over the form, and the preview replaces that view (by its own external_id) when ready.
The preview, the confirmation and the idempotency are as before."""

from __future__ import annotations

import asyncio
import re

import pytest
from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.slack import pending
from storage import Decision
from tests.e2e.audit_helpers import to_audit
from tests.e2e.conftest import SHARE_FIELDS, SHARE_WITHOUT_CONSENT, Bot, Json, Practitioner
from tests.e2e.held import SLOW, HeldAnonymiser
from tests.fakeslack import TEAM_ID, FakeSlack

SLOW_FIELDS = {**SHARE_FIELDS, "reasons": f"{SLOW} to check: concern about neglect."}


async def _draft(bot: Bot, user: str) -> Json | None:
    async with bot.running.services.db.transaction() as tx:
        dialog = await tx.dialogs.open_for(TEAM_ID, user)
    assert dialog is not None
    return dialog.draft


async def _decisions(bot: Bot) -> int:
    async with AsyncSession(bot.running.services.db.engine) as session:
        return (await session.exec(select(func.count()).select_from(Decision))).one()


async def test_the_form_is_answered_before_a_slow_anonymiser_finishes(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot, held: HeldAnonymiser
) -> None:
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    modal = await practitioner.open_record_modal()

    reply = await practitioner.send(practitioner.submission(modal, SLOW_FIELDS))
    # Answered while the anonymiser is still held: a view saying the record is being checked,
    # pushed over the form (Edit goes back to it), with nothing to confirm yet.
    pending = practitioner.checking(reply)
    checking = reply.json()["view"]
    assert "Checking what will be kept" in str(checking["blocks"])
    assert checking["close"]["text"] == "Edit" and "submit" not in checking
    await held.wait_started()
    assert await _draft(bot, practitioner.user) is None
    assert slack.calls_to("views.update") == []

    held.release.set()
    preview = await practitioner.shown_in(pending)
    assert preview["callback_id"] == "preview_decision"
    assert "to check: concern about neglect" in str(preview["blocks"])
    assert await _draft(bot, practitioner.user) is not None

    posted = len(practitioner.dm_posts())
    confirmed = await practitioner.send(practitioner.confirmation(preview))
    assert confirmed.json() == {"response_action": "clear"}
    await practitioner.wait_for_dm_posts(posted + 1)
    await slack.wait_for("chat.postMessage", where=to_audit)
    assert await _decisions(bot) == 1


async def test_a_double_submission_shows_one_preview_and_records_once(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot, held: HeldAnonymiser
) -> None:
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    modal = await practitioner.open_record_modal()
    submission = practitioner.submission(modal, SLOW_FIELDS)

    first = practitioner.checking(await practitioner.send(submission))
    await held.wait_started()
    second = practitioner.checking(await practitioner.send(submission))
    assert first != second  # each submission's view is its own
    await held.wait_started()
    held.release.set()

    # The later submission's draft is kept and previewed; the earlier one is told to use it.
    shown_first, shown_second = (
        await practitioner.shown_in(first),
        await practitioner.shown_in(second),
    )
    assert "callback_id" not in shown_first and "submit" not in shown_first
    assert "check the latest preview" in str(shown_first["blocks"])
    assert shown_second["callback_id"] == "preview_decision"
    updated = [str(c.params.get("external_id")) for c in slack.calls_to("views.update") if c.ok]
    assert sorted(updated) == sorted([first, second])  # one update each, none elsewhere

    confirm = practitioner.confirmation(shown_second)
    replies = await asyncio.gather(practitioner.send(confirm), practitioner.send(confirm))
    assert sorted(r.json()["response_action"] for r in replies) == ["clear", "update"]
    await slack.wait_for("chat.postMessage", where=to_audit)
    assert await _decisions(bot) == 1
    assert len([c for c in slack.calls_to("chat.postMessage") if to_audit(c)]) == 1


async def test_a_slow_preview_for_a_form_submitted_again_after_edit_is_not_kept(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot, held: HeldAnonymiser
) -> None:
    """Submitted, then Edit and submitted again with other words while the first is still being
    checked: the second is the one kept, even though the first finishes last."""
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    modal = await practitioner.open_record_modal()

    slow = practitioner.checking(
        await practitioner.send(practitioner.submission(modal, SLOW_FIELDS))
    )
    await held.wait_started()
    edited = {**SHARE_FIELDS, "reasons": "Edited: concern about neglect."}
    quick = practitioner.checking(await practitioner.send(practitioner.submission(modal, edited)))
    preview = await practitioner.shown_in(quick)
    assert "Edited: concern about neglect" in str(preview["blocks"])

    held.release.set()
    late = await practitioner.shown_in(slow)
    assert "callback_id" not in late  # not a preview: nothing to confirm from it
    assert "Edited" in str(await _draft(bot, practitioner.user))

    posted = len(practitioner.dm_posts())
    confirmed = await practitioner.send(practitioner.confirmation(preview))
    assert confirmed.json() == {"response_action": "clear"}
    await practitioner.wait_for_dm_posts(posted + 1)
    assert await _decisions(bot) == 1


async def test_a_record_checked_after_the_answer_shows_its_problems_in_place_of_the_preview(
    practitioner: Practitioner, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under load the check itself can outlast its share of Slack's 3 s: the form is answered
    without waiting for it, and what is wrong is shown in the view that was pushed."""
    monkeypatch.setattr(pending, "CHECK_SECONDS", 0.0)  # never wait for the check
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    modal = await practitioner.open_record_modal()
    too_long = {**SHARE_FIELDS, "information": "x" * 201}

    told = await practitioner.shown_in(
        practitioner.checking(await practitioner.send(practitioner.submission(modal, too_long)))
    )
    assert "callback_id" not in told and "submit" not in told
    assert "Information (what, or what kind)" in str(told["blocks"])
    assert "please keep it under 200" in str(told["blocks"])
    assert told["close"]["text"] == "Edit"
    assert await _draft(bot, practitioner.user) is None

    preview = await practitioner.previewed(
        await practitioner.send(practitioner.submission(modal, SHARE_FIELDS))
    )
    assert preview["callback_id"] == "preview_decision"


async def test_a_confirmation_recorded_after_the_answer_says_so_in_the_modal_once(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Recording can outlast its share of Slack's 3 s too: the preview is answered at once with
    a view saying the decision is being recorded, replaced by its reference when it is. A
    second confirmation of the same preview is told nothing changed."""
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    preview = await practitioner.preview()
    monkeypatch.setattr(pending, "CHECK_SECONDS", 0.0)  # never wait for the recording
    posted = len(practitioner.dm_posts())
    confirm = practitioner.confirmation(preview)
    answers, pushed = [], []
    for _ in range(2):
        answers.append((await practitioner.send(confirm)).json())
        # Slack shows an answer's view as it receives it, before the next request: a fast
        # recording's views.update must not find it missing (it tries once more after 1 s).
        pushed.append(slack.show_view(answers[-1].get("view") or {}))
    assert [a["response_action"] for a in answers] == ["update", "update"]
    assert "Recording your decision" in str(answers[0]["view"]["blocks"])
    # Closing it, or the view that replaces it, closes the form under it too: it is done.
    assert answers[0]["view"]["clear_on_close"] is True
    shown = [await practitioner.shown_in(view["external_id"]) for view in pushed]
    titles = sorted(view["title"]["text"] for view in shown)
    assert titles == ["Decision recorded", "Nothing changed"]
    recorded = next(v for v in shown if v["title"]["text"] == "Decision recorded")
    assert recorded["clear_on_close"] is True

    posts = await practitioner.wait_for_dm_posts(posted + 1)
    reference = re.search(r"IS-\d{4}-\d{4,}", str(posts[-1].params))
    assert reference is not None and reference.group(0) in str(recorded["blocks"])
    await slack.wait_for("chat.postMessage", where=to_audit)
    assert await _decisions(bot) == 1
