"""Marking a word the anonymiser missed, on a real database: removed from every field of the
draft in any case, remembered for the dialog as digests, never stored as text; a repeat or a
double submit changes nothing more; bad input changes nothing."""

from __future__ import annotations

import asyncio

from bot.core import marking, recording
from bot.core.conversation import Refusal, Services
from bot.core.marking import NotMarked
from bot.privacy.marking import MARK_LIMIT, MarkProblem, digests
from dialogs.record import DecisionFields
from storage import Database
from tests.bot.core.test_flow_versions import TEAM, USER
from tests.bot.core.test_lifecycle import RECORD, _at_outcome
from tests.e2e.privacy_driver import database_cells

MISSED = "Blue Kite"
TYPED = DecisionFields.from_dict(
    RECORD.to_dict()
    | {
        "reasons": "Concern raised at the blue kite; the Blue  Kite coach agreed.",
        "information": "attendance at blue kite",
    }
)


async def _drafted(database: Database) -> tuple[Services, int, recording.Drafted]:
    services, dialog = await _at_outcome(database)
    drafted = await recording.draft_decision(services, TEAM, USER, dialog.id, TYPED)
    assert isinstance(drafted, recording.Drafted)
    assert "kite" in drafted.draft.reasons.lower(), "the anonymiser no longer misses it"
    return services, dialog.id, drafted


async def _stored(services: Services) -> tuple[int, list[str], dict[str, str] | None]:
    async with services.db.transaction() as tx:
        dialog = await tx.dialogs.open_for(TEAM, USER)
    assert dialog is not None
    return dialog.revision, list(dialog.known_identifiers), dialog.draft


async def test_a_marked_phrase_goes_from_every_field_and_is_remembered_as_digests(
    database: Database, database_url: str
) -> None:
    services, dialog_id, _ = await _drafted(database)
    marked = await marking.mark_missed(services, TEAM, USER, dialog_id, MISSED)
    assert isinstance(marked, recording.Drafted)
    texts = marked.draft.text_fields()
    assert not [text for text in texts.values() if "kite" in text.lower()], texts
    assert texts["reasons"] == "Concern raised at the [REMOVED]; the [REMOVED] coach agreed."
    assert marked.removed == {"REMOVED": 3}
    _, known, _ = await _stored(services)
    assert digests(services.anonymiser, MISSED) <= set(known)
    cells = await database_cells(database_url)
    assert [c.column for c in cells if "kite" in c.value.lower()] == []

    recorded = await recording.confirm_decision(
        services, TEAM, USER, dialog_id, recording.draft_digest(marked.draft)
    )
    assert not isinstance(recorded, Refusal)
    assert "kite" not in str(recorded.decision.fields).lower()


async def test_a_record_edited_after_marking_is_anonymised_with_the_marked_words(
    database: Database,
) -> None:
    services, dialog_id, _ = await _drafted(database)
    await marking.mark_missed(services, TEAM, USER, dialog_id, MISSED)
    again = await recording.draft_decision(services, TEAM, USER, dialog_id, TYPED)
    assert isinstance(again, recording.Drafted)
    assert "kite" not in str(again.draft.text_fields()).lower()


async def test_marking_the_same_phrase_again_changes_nothing(database: Database) -> None:
    services, dialog_id, _ = await _drafted(database)
    first = await marking.mark_missed(services, TEAM, USER, dialog_id, MISSED)
    stored = await _stored(services)
    second = await marking.mark_missed(services, TEAM, USER, dialog_id, MISSED.lower())
    assert isinstance(first, recording.Drafted) and isinstance(second, recording.Drafted)
    assert second.draft == first.draft and second.removed == first.removed
    assert await _stored(services) == stored


async def test_a_double_submit_marks_once(database: Database) -> None:
    services, dialog_id, _ = await _drafted(database)
    both = await asyncio.gather(
        marking.mark_missed(services, TEAM, USER, dialog_id, MISSED),
        marking.mark_missed(services, TEAM, USER, dialog_id, MISSED),
    )
    assert all(isinstance(result, recording.Drafted) for result in both), both
    drafts = {recording.draft_digest(r.draft) for r in both if isinstance(r, recording.Drafted)}
    assert len(drafts) == 1
    _, _, draft = await _stored(services)
    assert draft is not None and recording.draft_digest(DecisionFields.from_dict(draft)) in drafts


async def test_empty_oversized_or_absent_words_change_nothing(database: Database) -> None:
    services, dialog_id, _ = await _drafted(database)
    stored = await _stored(services)
    for phrase, problem in (
        ("", MarkProblem.EMPTY),
        ("  ?! ", MarkProblem.EMPTY),
        ("trampoline " * MARK_LIMIT, MarkProblem.TOO_LONG),
        ("Bouncy Castle", MarkProblem.NOT_FOUND),
    ):
        result = await marking.mark_missed(services, TEAM, USER, dialog_id, phrase)
        assert result == NotMarked(problem), phrase
    assert await _stored(services) == stored


async def test_a_mark_without_a_draft_or_after_recording_is_refused(database: Database) -> None:
    services, dialog = await _at_outcome(database)
    before = await marking.mark_missed(services, TEAM, USER, dialog.id, MISSED)
    assert before is Refusal.ALREADY_ANSWERED
    drafted = await recording.draft_decision(services, TEAM, USER, dialog.id, TYPED)
    assert isinstance(drafted, recording.Drafted)
    await recording.confirm_decision(
        services, TEAM, USER, dialog.id, recording.draft_digest(drafted.draft)
    )
    after = await marking.mark_missed(services, TEAM, USER, dialog.id, MISSED)
    assert isinstance(after, Refusal)


async def test_of_two_overlapping_claimed_marks_the_later_is_kept_and_the_earlier_refused(
    database: Database,
) -> None:
    """The Slack preview's path: claimed before the answer, marked after it."""
    services, dialog_id, _ = await _drafted(database)
    earlier = await marking.claim_for_mark(services, TEAM, USER, dialog_id)
    later = await marking.claim_for_mark(services, TEAM, USER, dialog_id)
    assert isinstance(earlier, marking.Claimed) and isinstance(later, marking.Claimed)
    assert await marking.mark_claimed(services, earlier, MISSED) is Refusal.DRAFT_CHANGED
    kept = await marking.mark_claimed(services, later, MISSED)
    assert isinstance(kept, recording.Drafted) and kept.removed == {"REMOVED": 3}
    _, known, draft = await _stored(services)
    assert draft == kept.draft.to_dict()
    assert digests(services.anonymiser, MISSED) <= set(known)


async def test_a_claimed_mark_overtaken_by_the_record_form_keeps_the_form(
    database: Database,
) -> None:
    services, dialog_id, _ = await _drafted(database)
    claimed = await marking.claim_for_mark(services, TEAM, USER, dialog_id)
    assert isinstance(claimed, marking.Claimed)
    edited = DecisionFields.from_dict(TYPED.to_dict() | {"reasons": "Edited: no kite here."})
    form = await recording.draft_decision(services, TEAM, USER, dialog_id, edited)
    assert isinstance(form, recording.Drafted)
    assert await marking.mark_claimed(services, claimed, MISSED) is Refusal.DRAFT_CHANGED
    _, _, draft = await _stored(services)
    assert draft == form.draft.to_dict()


async def test_a_claimed_mark_of_a_word_not_there_changes_only_the_revision(
    database: Database,
) -> None:
    services, dialog_id, _ = await _drafted(database)
    revision, known, draft = await _stored(services)
    claimed = await marking.claim_for_mark(services, TEAM, USER, dialog_id)
    assert isinstance(claimed, marking.Claimed)
    result = await marking.mark_claimed(services, claimed, "Bouncy Castle")
    assert result == NotMarked(MarkProblem.NOT_FOUND)
    assert claimed.unchanged(services).draft.to_dict() == draft
    assert await _stored(services) == (revision + 1, known, draft)


async def test_no_claim_without_a_draft(database: Database) -> None:
    services, dialog = await _at_outcome(database)
    assert await marking.claim_for_mark(services, TEAM, USER, dialog.id) is (
        Refusal.ALREADY_ANSWERED
    )
