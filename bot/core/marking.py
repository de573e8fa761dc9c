"""Marking a word the anonymiser missed: removed everywhere in the draft, remembered for the
dialog, and the draft shown again. The word itself is never stored, logged or shown back."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from bot.core.conversation import Refusal, Services, dialog_view, own_dialog
from bot.core.recording import ANONYMISE_SECONDS, Drafted
from bot.privacy import marking
from bot.privacy.marking import MarkProblem
from dialogs.record import DecisionFields
from storage import DialogStatus, StaleDialog

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NotMarked:
    """Nothing was changed, for this reason."""

    problem: MarkProblem


async def mark_missed(
    services: Services, team: str, user: str, dialog_id: int, phrase: str
) -> Drafted | Refusal | NotMarked:
    """Remove `phrase` from the dialog's draft and remember its words. Marking the same phrase
    again (a double submit) finds the draft already without it and changes nothing."""
    trouble = marking.problem(phrase)
    if trouble is not None:
        return NotMarked(trouble)
    for _ in range(2):  # a concurrent mark saved first: look again at what it left
        try:
            return await _mark_once(services, team, user, dialog_id, phrase)
        except StaleDialog:
            continue
    return Refusal.ALREADY_ANSWERED


async def _mark_once(
    services: Services, team: str, user: str, dialog_id: int, phrase: str
) -> Drafted | Refusal | NotMarked:
    async with services.db.transaction() as tx:
        dialog = await own_dialog(services, tx, team, user, dialog_id)
        if isinstance(dialog, Refusal):
            return dialog
        view = dialog_view(services, dialog)
        if dialog.status != DialogStatus.OUTCOME or view.draft is None:
            return Refusal.ALREADY_ANSWERED
    before = view.draft
    known = frozenset(dialog.known_identifiers)
    marked = marking.digests(services.anonymiser, phrase)
    work = asyncio.to_thread(_remove, services, before, phrase, known | marked)
    try:
        draft, known_after = await asyncio.wait_for(work, ANONYMISE_SECONDS)
    except TimeoutError:
        log.warning("removing a marked word took over %s s; nothing was changed", ANONYMISE_SECONDS)
        return NotMarked(MarkProblem.TOO_SLOW)
    if draft == before:
        if not marked or not marked <= known:
            return NotMarked(MarkProblem.NOT_FOUND)
        return Drafted(view, before, removed_from(before))  # already marked: a repeat
    dialog.known_identifiers = sorted(known_after)
    dialog.draft = draft.to_dict()
    async with services.db.transaction() as tx:
        await tx.dialogs.save(dialog, services.clock())
    return Drafted(dialog_view(services, dialog), draft, removed_from(draft))


def _remove(
    services: Services, draft: DecisionFields, phrase: str, known: frozenset[str]
) -> tuple[DecisionFields, frozenset[str]]:
    cleaned: dict[str, str] = {}
    for name, text in draft.text_fields().items():
        cleaned[name], known = marking.remove_marked(services.anonymiser, text, phrase, known)
    return DecisionFields.from_dict(draft.to_dict() | cleaned), known


def removed_from(draft: DecisionFields) -> dict[str, int]:
    """What the draft's placeholders say was removed (the first count is not kept)."""
    return marking.placeholder_counts(list(draft.text_fields().values()))
