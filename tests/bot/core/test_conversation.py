"""The dialog use cases, called directly on a real database: each refuses what no longer
applies and changes nothing when it does."""

from __future__ import annotations

from bot.core import conversation, recording
from bot.core.conversation import Refusal, Stepped
from dialogs.engine import Move
from dialogs.loading import FlowLibrary
from dialogs.record import DecisionFields
from storage import Database
from tests.bot.core.test_flow_versions import TEAM, USER, services_with
from tests.bot.core.test_lifecycle import RECORD, TO_SHARE


async def test_a_click_on_a_step_already_answered_is_refused_and_changes_nothing(
    database: Database,
) -> None:
    services = services_with(database, FlowLibrary.shipped())
    dialog, _ = await conversation.begin(services, TEAM, USER)
    first = dialog.state.node
    moved = await conversation.make_move(
        services, TEAM, USER, Move.YES, dialog_id=dialog.id, at=first, answered=0
    )
    assert isinstance(moved, Stepped)
    again = await conversation.make_move(
        services, TEAM, USER, Move.NO, dialog_id=dialog.id, at=first, answered=0
    )
    assert again is Refusal.ALREADY_ANSWERED
    now = await conversation.current(services, TEAM, USER)
    assert now is not None and now.state == moved.after.state


async def test_a_delivery_is_applied_once(database: Database) -> None:
    services = services_with(database, FlowLibrary.shipped())
    await conversation.begin(services, TEAM, USER)
    once = await conversation.make_move(services, TEAM, USER, Move.YES, delivery="event:Ev1")
    twice = await conversation.make_move(services, TEAM, USER, Move.YES, delivery="event:Ev1")
    assert isinstance(once, Stepped)
    assert twice is Refusal.DUPLICATE
    now = await conversation.current(services, TEAM, USER)
    assert now is not None and len(now.state.answers) == 1


async def test_where_a_step_was_shown_is_kept_only_while_the_dialog_is_there(
    database: Database,
) -> None:
    services = services_with(database, FlowLibrary.shipped())
    dialog, _ = await conversation.begin(services, TEAM, USER)
    await conversation.shown_at(services, dialog, "D0DM", "1.000001")
    moved = await conversation.make_move(services, TEAM, USER, Move.YES)
    assert isinstance(moved, Stepped)
    assert moved.before.shown == ("D0DM", "1.000001")
    await conversation.shown_at(services, dialog, "D0DM", "1.000002")  # a late, older post
    now = await conversation.current(services, TEAM, USER)
    assert now is not None and now.shown == ("D0DM", "1.000001")
    assert now.state == moved.after.state


async def test_an_older_preview_cannot_confirm_a_newer_draft(database: Database) -> None:
    services = services_with(database, FlowLibrary.shipped())
    dialog, _ = await conversation.begin(services, TEAM, USER)
    for move in TO_SHARE:
        await conversation.make_move(services, TEAM, USER, move)
    first = await recording.draft_decision(services, TEAM, USER, dialog.id, RECORD)
    assert isinstance(first, recording.Drafted)
    edited = DecisionFields.from_dict({**RECORD.to_dict(), "information": "attendance only"})
    second = await recording.draft_decision(services, TEAM, USER, dialog.id, edited)
    assert isinstance(second, recording.Drafted)
    stale = await recording.confirm_decision(
        services, TEAM, USER, dialog.id, recording.draft_digest(first.draft)
    )
    assert stale is Refusal.DRAFT_CHANGED
    async with services.db.transaction() as tx:
        assert await tx.decisions.for_user(TEAM, USER) == []


async def test_a_record_the_path_rules_out_is_refused_and_nothing_is_drafted(
    database: Database,
) -> None:
    services = services_with(database, FlowLibrary.shipped())
    dialog, _ = await conversation.begin(services, TEAM, USER)
    for move in TO_SHARE:  # the information identifies someone
        await conversation.make_move(services, TEAM, USER, move)
    off_path = DecisionFields.from_dict({**RECORD.to_dict(), "lawful_basis": "not_personal"})
    missing = DecisionFields.from_dict({**RECORD.to_dict(), "reasons": ""})
    refused = await recording.draft_decision(services, TEAM, USER, dialog.id, off_path)
    assert isinstance(refused, recording.Invalid)
    assert refused.off_path == ("lawful_basis",)
    incomplete = await recording.draft_decision(services, TEAM, USER, dialog.id, missing)
    assert isinstance(incomplete, recording.Invalid)
    assert set(incomplete.problems) == {"reasons"}
    now = await conversation.current(services, TEAM, USER)
    assert now is not None and now.draft is None
