"""The use cases own a dialog's status: where the dialog is decides it, and pause, resume and
record are the only transitions. Run directly against the use cases on a real database."""

from __future__ import annotations

from bot.core import conversation, recording
from bot.core.conversation import DialogView, Refusal
from dialogs.engine import Move
from dialogs.loading import FlowLibrary
from dialogs.record import DecisionFields
from storage import Database, DialogStatus
from tests.bot.core.test_flow_versions import TEAM, USER, services_with

# hm-gov-2018: purpose yes, identifiable yes, confidential no -> share
TO_SHARE = (Move.YES, Move.YES, Move.NO)
RECORD = DecisionFields.from_dict(
    {
        "reasons": "agreed with the safeguarding lead",
        "purpose": "so the school nurse can support the child",
        "information": "attendance",
        "shared_with": "school nurse",
        "lawful_basis": "public_task",
        "special_category": "none_included",
        "consent": "given",
        "informed": "no_risk",
    }
)


async def _at_outcome(database: Database) -> tuple[conversation.Services, DialogView]:
    services = services_with(database, FlowLibrary.shipped())
    dialog, _ = await conversation.begin(services, TEAM, USER)
    for move in TO_SHARE:
        stepped = await conversation.make_move(services, TEAM, USER, move)
        assert isinstance(stepped, conversation.Stepped)
        dialog = stepped.after
    return services, dialog


async def test_moving_derives_the_status_from_where_the_dialog_is(database: Database) -> None:
    services, dialog = await _at_outcome(database)
    assert dialog.status is DialogStatus.OUTCOME
    back = await conversation.make_move(services, TEAM, USER, Move.BACK)
    assert isinstance(back, conversation.Stepped)
    assert back.after.status is DialogStatus.ACTIVE


async def test_resume_after_pausing_at_an_outcome_is_at_the_outcome_and_can_record(
    database: Database,
) -> None:
    services, dialog = await _at_outcome(database)
    paused = await conversation.pause(services, TEAM, USER, dialog.id)
    assert isinstance(paused, DialogView) and paused.status is DialogStatus.PAUSED
    drafted_while_paused = await recording.draft_decision(services, TEAM, USER, dialog.id, RECORD)
    assert drafted_while_paused is Refusal.ALREADY_ANSWERED

    resumed = await conversation.resume(services, TEAM, USER)
    assert resumed is not None and resumed.status is DialogStatus.OUTCOME
    drafted = await recording.draft_decision(services, TEAM, USER, dialog.id, RECORD)
    assert isinstance(drafted, recording.Drafted)
    recorded = await recording.confirm_decision(
        services, TEAM, USER, dialog.id, recording.draft_digest(drafted.draft)
    )
    assert isinstance(recorded, recording.Recorded)
    assert recorded.dialog.status is DialogStatus.RECORDED
    assert recorded.decision.outcome == "share"


async def test_begin_carries_on_a_paused_dialog_where_it_stands(database: Database) -> None:
    services, dialog = await _at_outcome(database)
    await conversation.pause(services, TEAM, USER, dialog.id)
    begun, resumed = await conversation.begin(services, TEAM, USER)
    assert resumed and begun.id == dialog.id
    assert begun.status is DialogStatus.OUTCOME
