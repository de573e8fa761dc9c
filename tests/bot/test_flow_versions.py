"""A dialog whose flow version is no longer loaded cannot go on, and a new start moves it on."""

from __future__ import annotations

from bot import conversation
from bot.conversation import Refusal, Services
from bot.privacy.anonymiser import get_anonymiser
from bot.settings import Mode, Settings
from dialogs.engine import Move
from dialogs.loading import FlowLibrary
from storage import Database, DialogStatus

TEAM, USER = "T0TEAM0001", "U0USER0001"


def services_with(database: Database, flows: FlowLibrary) -> Services:
    settings = Settings.from_environment(Mode.CHAT, {})
    return Services(settings, database, flows, get_anonymiser(b"k" * 32))


async def test_a_retired_flow_version_is_refused_and_a_new_start_uses_the_current_one(
    database: Database,
) -> None:
    shipped = FlowLibrary.shipped()
    old = services_with(database, shipped)
    dialog, _ = await conversation.begin(old, TEAM, USER)
    assert (dialog.flow.id, dialog.flow.version) == ("hm-gov-2018", 1)

    # The flow file is updated to version 2 and version 1 is no longer loaded.
    current = shipped.latest("hm-gov-2018")
    newer = FlowLibrary([current.model_copy(update={"version": 2}), shipped.latest("dfes-2006")])
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
    assert (restarted.flow.version, restarted.status) == (2, DialogStatus.ACTIVE)
    async with database.transaction() as tx:
        retired = await tx.get_dialog(dialog.id)
    assert retired is not None and retired.status == DialogStatus.ABANDONED
