"""A dialog whose flow version is no longer loaded cannot go on, and a new start moves it on."""

from __future__ import annotations

from bot.core import conversation, recording
from bot.core.conversation import Refusal
from bot.core.services import Services
from bot.privacy.anonymiser import get_anonymiser
from bot.settings import Mode, Settings
from bot.text.summary import decision_summary
from dialogs.engine import Move
from dialogs.loading import FlowLibrary
from dialogs.record import DecisionFields
from storage import Database, DialogStatus

TEAM, USER = "T0TEAM0001", "U0USER0001"


def services_with(database: Database, flows: FlowLibrary, flow_id: str = "hm-gov-2018") -> Services:
    settings = Settings.from_environment(Mode.CHAT, {"INFOSHARE_FLOW": flow_id})
    return Services(settings, database, flows, get_anonymiser(b"k" * 32))


async def test_a_retired_flow_version_is_refused_and_a_new_start_uses_the_current_one(
    database: Database,
) -> None:
    shipped = FlowLibrary.shipped()
    old = services_with(database, shipped)
    dialog, _ = await conversation.begin(old, TEAM, USER)
    current = shipped.latest("hm-gov-2018")
    assert (dialog.flow.id, dialog.flow.version) == ("hm-gov-2018", current.version)

    # The flow is updated to a new version and the one the dialog is on is no longer loaded.
    newer = FlowLibrary(
        [current.model_copy(update={"version": current.version + 1}), shipped.latest("dfes-2006")]
    )
    new = services_with(database, newer)

    refused = await conversation.make_move(
        new, TEAM, USER, Move.YES, dialog_id=dialog.id, at="purpose", answered=0
    )
    assert refused is Refusal.FLOW_CHANGED
    typed = await conversation.make_move(new, TEAM, USER, Move.YES)
    assert typed is Refusal.FLOW_CHANGED

    restarted, resumed = await conversation.begin(new, TEAM, USER)
    assert not resumed
    assert restarted.id != dialog.id
    assert (restarted.flow.version, restarted.status) == (
        current.version + 1,
        DialogStatus.ACTIVE,
    )
    async with database.transaction() as tx:
        retired = await tx.dialogs.get(dialog.id)
    assert retired is not None and retired.status == DialogStatus.ABANDONED


async def test_a_dialog_started_on_an_older_version_finishes_on_it_after_an_update(
    database: Database,
) -> None:
    shipped = FlowLibrary.shipped()
    v1 = shipped.get("hm-gov-2018", 1)
    before_update = services_with(database, FlowLibrary([v1]))
    dialog, _ = await conversation.begin(before_update, TEAM, USER)
    assert dialog.flow.version == 1

    # The bot is updated: version 2 ships beside version 1, and new dialogs start on it.
    after_update = services_with(database, shipped)
    for move in (Move.YES, Move.YES, Move.YES, Move.NO, Move.NO):  # to "do not share"
        stepped = await conversation.make_move(after_update, TEAM, USER, move)
        assert isinstance(stepped, conversation.Stepped), stepped
        assert stepped.after.flow is v1
    assert isinstance(stepped, conversation.Stepped)
    assert stepped.after.state.node == "do-not-share"

    drafted = await recording.draft_decision(
        after_update, TEAM, USER, dialog.id, DecisionFields(reasons="no lawful reason")
    )
    assert isinstance(drafted, recording.Drafted)
    confirmed = await recording.confirm_decision(
        after_update, TEAM, USER, dialog.id, recording.draft_digest(drafted.draft)
    )
    assert isinstance(confirmed, recording.Recorded)
    assert (confirmed.decision.flow_id, confirmed.decision.flow_version) == ("hm-gov-2018", 1)
    summary = decision_summary(
        confirmed.dialog.flow,
        confirmed.dialog.state,
        drafted.draft,
        reference=confirmed.decision.reference,
        practitioner=USER,
        recorded_at=confirmed.decision.created_at,
    )
    assert "(hm-gov-2018 v1)" in summary

    newer, resumed = await conversation.begin(after_update, TEAM, USER)
    assert not resumed
    assert (newer.flow.id, newer.flow.version) == ("hm-gov-2018", 2)
