"""`infoshare chat` stores the decision it shows: in the database the Slack app uses, with the
reference it printed, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

from storage import Database
from tests.test_cli import SHARE_RECORD, chat


def _environment(database_url: str) -> dict[str, str]:
    kept = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("INFOSHARE_", "SLACK_", "DATABASE_"))
    }
    return kept | {
        "DATABASE_URL": database_url,
        "INFOSHARE_SECRET_KEY": "test-secret-key-for-the-cli-tests",
        "INFOSHARE_FLOW": "hm-gov-2018",
    }


async def test_chat_stores_the_decision_with_the_reference_it_printed(
    database_url: str, tmp_path: Path
) -> None:
    typed = ["y", "y", "n", *SHARE_RECORD, "record"]
    # The chat runs its own event loop (asyncio.run), as the console script does.
    result = await asyncio.to_thread(chat, _environment(database_url), lines=typed, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    printed = re.findall(r"IS-\d{4}-\d{4}", result.stdout)
    assert printed, result.stdout[-2000:]
    db = await Database.connect(database_url)
    try:
        async with db.transaction() as tx:
            decision = await tx.decisions.by_reference(printed[-1])
            still_open = await tx.dialogs.open_for("terminal", decision.user_id if decision else "")
    finally:
        await db.close()
    assert decision is not None
    assert decision.outcome == "share"
    assert decision.flow_id == "hm-gov-2018"
    assert decision.fields["reasons"] == SHARE_RECORD[0]
    assert decision.fields["shared_with"] == SHARE_RECORD[2]
    assert [answer for _, answer in decision.path] == ["yes", "yes", "no"]
    assert decision.user_id.startswith("terminal:")
    assert still_open is None


async def test_chat_removes_a_word_the_practitioner_marks_before_recording(
    database_url: str, tmp_path: Path
) -> None:
    reasons = "Seen at the blue kite by the Blue Kite coach"
    record = [reasons, *SHARE_RECORD[1:]]
    typed = ["y", "y", "n", *record, "mark", "  ", "mark", "Blue Kite", "record"]
    result = await asyncio.to_thread(chat, _environment(database_url), lines=typed, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Please type the word or phrase to remove" in result.stdout
    assert "Removed before saving: 2 words you marked." in result.stdout
    printed = re.findall(r"IS-\d{4}-\d{4}", result.stdout)
    db = await Database.connect(database_url)
    try:
        async with db.transaction() as tx:
            decision = await tx.decisions.by_reference(printed[-1])
    finally:
        await db.close()
    assert decision is not None
    assert decision.fields["reasons"] == "Seen at the [REMOVED] by the [REMOVED] coach"
