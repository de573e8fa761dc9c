"""Pausing at an outcome and resuming later still lets the practitioner record the decision."""

from __future__ import annotations

from tests.e2e.conftest import SHARE_WITHOUT_CONSENT, Bot, Practitioner
from tests.fakeslack import TEAM_ID, FakeSlack


async def test_a_decision_paused_at_its_outcome_is_recorded_after_resume(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot
) -> None:
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    assert "Share without consent" in str(practitioner.message()["blocks"])

    outcome = practitioner.latest_ts()
    posted = len(practitioner.dm_posts())
    await practitioner.say("pause")  # as the Pause button: the step loses its buttons
    await practitioner.wait_for_dm_posts(posted + 1)
    assert "Paused." in practitioner.message()["text"]
    assert set(practitioner.buttons()) == {"resume"}
    assert practitioner.buttons(outcome) == {}
    assert "Paused here" in practitioner.message(outcome)["text"]

    posted = len(practitioner.dm_posts())
    reply, _ = await practitioner.command("resume")
    assert reply.status == 200
    await practitioner.wait_for_step(posted + 1)
    assert "Share without consent" in str(practitioner.message()["blocks"])

    confirmed = await practitioner.record()
    assert confirmed == {"response_action": "clear"}
    async with bot.running.services.db.transaction() as tx:
        decisions = await tx.decisions.for_user(TEAM_ID, practitioner.user)
        still_open = await tx.dialogs.open_for(TEAM_ID, practitioner.user)
    assert [d.outcome for d in decisions] == ["share_without_consent"]
    assert decisions[0].reference.startswith("IS-")
    assert still_open is None
