"""Marking a word the anonymiser missed: removed everywhere in the draft, remembered for the
dialog, and the draft shown again. The word itself is never stored, logged or shown back.

Two ways in: `mark_missed` does it all at once (the terminal); a Slack preview answers first
and marks after, so there `claim_for_mark` (one quick transaction) comes before the answer
and `mark_claimed` (the anonymiser) after it, as the record form's check and draft do."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from bot.core.conversation import Refusal, Services, dialog_view, own_dialog
from bot.core.recording import ANONYMISE_SECONDS, DRAFT_SECONDS, Drafted, why_not_kept
from bot.privacy import marking
from bot.privacy.marking import MarkProblem
from dialogs.record import DecisionFields
from storage import DialogSession, DialogStatus, StaleDialog

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
    return await _apply(services, dialog, view.draft, phrase, ANONYMISE_SECONDS)


@dataclass(frozen=True)
class Claimed:
    """A dialog's draft and the dialog as claimed (its revision bumped) for one mark: of two
    marks (or a mark and a record form) overlapping, the later one's draft is kept."""

    dialog: DialogSession
    draft: DecisionFields

    def unchanged(self, services: Services) -> Drafted:
        """The draft as claimed: what to show again when the mark changed nothing."""
        return Drafted(dialog_view(services, self.dialog), self.draft, removed_from(self.draft))


async def claim_for_mark(
    services: Services, team: str, user: str, dialog_id: int
) -> Claimed | Refusal:
    """The dialog's current draft, claimed for a mark in one transaction: quick enough to
    answer a submission with. The mark applies to the current draft, whichever preview it
    was typed into, so a word marked is never put back."""
    claimed: DialogSession | None = None
    try:
        async with services.db.transaction() as tx:
            dialog = await own_dialog(services, tx, team, user, dialog_id)
            if isinstance(dialog, Refusal):
                return dialog
            claimed = dialog
            draft = dialog_view(services, dialog).draft
            if dialog.status != DialogStatus.OUTCOME or draft is None:
                return Refusal.ALREADY_ANSWERED
            await tx.dialogs.save(dialog, services.clock())
    except StaleDialog:
        assert claimed is not None
        return await why_not_kept(services, claimed)
    return Claimed(claimed, draft)


async def mark_claimed(
    services: Services, claimed: Claimed, phrase: str
) -> Drafted | Refusal | NotMarked:
    """Remove `phrase` from the claimed draft and keep the result, unless the dialog changed
    since the claim (a later mark or form: that one's draft is the one to check)."""
    trouble = marking.problem(phrase)
    if trouble is not None:
        return NotMarked(trouble)
    try:
        return await _apply(services, claimed.dialog, claimed.draft, phrase, DRAFT_SECONDS)
    except StaleDialog:
        return await why_not_kept(services, claimed.dialog)


async def _apply(
    services: Services, dialog: DialogSession, before: DecisionFields, phrase: str, limit: float
) -> Drafted | NotMarked:
    """The mark applied to `before`, `dialog`'s draft, and saved with the dialog's
    compare-and-set (StaleDialog if it changed since it was read)."""
    known = frozenset(dialog.known_identifiers)
    marked = marking.digests(services.anonymiser, phrase)
    work = asyncio.to_thread(_remove, services, before, phrase, known | marked)
    try:
        draft, known_after = await asyncio.wait_for(work, limit)
    except TimeoutError:
        log.warning("removing a marked word took over %s s; nothing was changed", limit)
        return NotMarked(MarkProblem.TOO_SLOW)
    if draft == before:
        if not marked or not marked <= known:
            return NotMarked(MarkProblem.NOT_FOUND)
        return Drafted(dialog_view(services, dialog), before, removed_from(before))  # a repeat
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
