"""Anonymising a record has a time limit: past it, the practitioner is told on the modal itself
and nothing is stored; within it, the preview comes as before."""

from __future__ import annotations

import logging

import pytest

from bot.core import recording
from tests.e2e.conftest import SHARE_FIELDS, SHARE_WITHOUT_CONSENT, Bot, Practitioner
from tests.fakeslack import TEAM_ID

MARKER = "Zebedee"
# Hostile, but within the 1,500-character limit.
HOSTILE_REASONS = (f"{MARKER} Okafor a.a.a.a. 07700 900123 " * 60)[:1499]


async def _dialog_draft(bot: Bot, practitioner: Practitioner) -> tuple[object, list[str]]:
    async with bot.running.services.db.transaction() as tx:
        dialog = await tx.dialogs.open_for(TEAM_ID, practitioner.user)
    assert dialog is not None
    return dialog.draft, list(dialog.known_identifiers)


async def test_anonymising_past_the_time_limit_is_refused_on_the_modal_and_keeps_nothing(
    practitioner: Practitioner,
    bot: Bot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    modal = await practitioner.open_record_modal()
    values = {**SHARE_FIELDS, "reasons": HOSTILE_REASONS}

    monkeypatch.setattr(recording, "ANONYMISE_SECONDS", 0.0)  # any work at all is too slow
    reply = await practitioner.send(practitioner.submission(modal, values))
    assert reply.status == 200
    body = reply.json()
    assert body["response_action"] == "errors", body
    assert set(body["errors"]) == {"reasons", "information", "shared_with", "purpose"}
    assert "took too long" in body["errors"]["reasons"]
    assert await _dialog_draft(bot, practitioner) == (None, [])
    assert MARKER not in caplog.text and "07700" not in caplog.text

    # Within the limit the same text is anonymised and previewed.
    monkeypatch.setattr(recording, "ANONYMISE_SECONDS", 30.0)
    reply = await practitioner.send(practitioner.submission(modal, values))
    body = reply.json()
    assert body["response_action"] == "push", body
    draft, known = await _dialog_draft(bot, practitioner)
    assert isinstance(draft, dict) and MARKER not in str(draft) and "07700" not in str(draft)
    assert known  # the names found are remembered for the dialog
