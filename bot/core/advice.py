"""Asking a safeguarding lead from the dialog's advice step: the practitioner's question,
anonymised, previewed and sent; a lead takes it and answers; the practitioner applies the
answer or answers themselves. Each use case is one storage transaction; every change is a
compare-and-set, so double clicks, retried deliveries and replicas change a request once.

Slack-free: who is an adviser is the adapter's check (it knows the user group)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.core import lifecycle
from bot.core.conversation import DialogView, Refusal, Stepped, dialog_view, own_dialog
from bot.core.services import Services
from dialogs.engine import Move, State, StepError, step
from dialogs.model import Advice, Flow, Question
from storage import DialogSession, StaleDialog
from storage.chain import canonical_moment
from storage.tables import AdviceRequest

log = logging.getLogger(__name__)

ANONYMISE_SECONDS = 2.0  # a modal must be answered within 3 s
QUESTION_LIMIT = 500
DESCRIPTION_LIMIT = 1000
ADVICE_LIMIT = 1000
BATCH = 50


class Urgency(StrEnum):
    NOW = "now"
    HOUR = "hour"
    TODAY = "today"


class Suggestion(StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"  # still unsure: talk to me


class Stage(StrEnum):
    """Where a request stands: derived from its moments, never stored."""

    DRAFT = "draft"
    WAITING = "waiting"
    TAKEN = "taken"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"


def stage_of(request: AdviceRequest) -> Stage:
    if request.sent_at is None:
        return Stage.DRAFT
    if request.withdrawn_at is not None:
        return Stage.WITHDRAWN
    if request.answered_at is not None:
        return Stage.ANSWERED
    return Stage.TAKEN if request.taken_by else Stage.WAITING


class AdviceRefusal(StrEnum):
    NOT_AT_ADVICE = "not_at_advice"  # the dialog is not at an advice step (any more)
    NO_REQUEST = "no_request"
    ALREADY_SENT = "already_sent"
    TAKEN_BY_OTHER = "taken_by_other"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"
    EMPTY = "empty"
    NOT_ANONYMISED = "not_anonymised"
    MOVED_ON = "moved_on"  # the practitioner's dialog has moved on from where it was asked


@dataclass(frozen=True)
class Drafted:
    request: AdviceRequest
    removed: dict[str, int]


@dataclass(frozen=True)
class Sent:
    request: AdviceRequest
    dialog: DialogView
    created: bool  # False: it was sent before (a double submit)


@dataclass(frozen=True)
class Changed:
    """A request after an adviser's or the practitioner's action; `created` is False when
    this action had been done already (a double click or a retried delivery)."""

    request: AdviceRequest
    created: bool
    removed: dict[str, int] | None = None


@dataclass(frozen=True)
class Chosen:
    request: AdviceRequest
    stepped: Stepped | None  # None: the dialog stays where it is ("still unsure")


def question_of(flow: Flow, state: State) -> tuple[str | None, str]:
    """The question an advice step is about (the last one answered) and its words."""
    for node, _ in reversed(state.answers):
        asked = flow.nodes.get(node)
        if isinstance(asked, Question):
            return node, asked.text
    return None, ""


async def at_advice(
    services: Services, team: str, user: str, dialog_id: int, node: str, answered: int
) -> DialogView | AdviceRefusal | Refusal:
    """The practitioner's dialog if it stands at that advice step now."""
    async with services.db.transaction() as tx:
        dialog = await own_dialog(services, tx, team, user, dialog_id)
        if isinstance(dialog, Refusal):
            return dialog
        view = dialog_view(services, dialog)
    if (view.state.node, len(view.state.answers)) != (node, answered) or not isinstance(
        view.flow.nodes[node], Advice
    ):
        return AdviceRefusal.NOT_AT_ADVICE
    return view


async def draft_request(
    services: Services,
    team: str,
    user: str,
    key: str,
    where: tuple[int, str, int],
    question: str,
    description: str,
    urgency: Urgency,
) -> Drafted | AdviceRefusal | Refusal:
    """Anonymise the question and description (outside any transaction, with a time limit)
    and keep them, anonymised only, as a draft for the practitioner to check."""
    dialog_id, node, answered = where
    view = await at_advice(services, team, user, dialog_id, node, answered)
    if not isinstance(view, DialogView):
        return view
    if not description.strip():
        return AdviceRefusal.EMPTY
    async with services.db.transaction() as tx:
        session = await tx.dialogs.get(dialog_id)
    known = frozenset(session.known_identifiers) if session else frozenset()
    work = asyncio.to_thread(
        _anonymise_all,
        services,
        [question.strip()[:QUESTION_LIMIT], description.strip()[:DESCRIPTION_LIMIT]],
        known,
    )
    try:
        (clean_question, clean_description), removed = await asyncio.wait_for(
            work, ANONYMISE_SECONDS
        )
    except TimeoutError:
        log.warning("anonymising an advice request took over %s s; nothing was kept",
                    ANONYMISE_SECONDS)  # fmt: skip
        return AdviceRefusal.NOT_ANONYMISED
    question_node, _ = question_of(view.flow, view.state)
    values = {
        "dialog_id": dialog_id, "team_id": team, "user_id": user, "node": node,
        "answered": answered, "question_node": question_node, "question": clean_question,
        "description": clean_description, "urgency": urgency.value,
    }  # fmt: skip
    async with services.db.transaction() as tx:
        request = await tx.advice.draft(key, values, services.clock())
    if request is None:
        return AdviceRefusal.ALREADY_SENT
    return Drafted(request, removed)


def _anonymise_all(
    services: Services, texts: list[str], known: frozenset[str]
) -> tuple[list[str], dict[str, int]]:
    clean: list[str] = []
    removed: dict[str, int] = {}
    for text in texts:
        result = services.anonymiser.anonymise(text, known)
        known = result.known
        clean.append(result.text)
        for kind, count in result.removed_summary().items():
            removed[kind] = removed.get(kind, 0) + count
    return clean, removed


async def send_request(
    services: Services, team: str, user: str, request_id: int
) -> Sent | AdviceRefusal | Refusal:
    """The practitioner confirmed the preview: the request is due to be announced now."""
    async with services.db.transaction() as tx:
        request = await tx.advice.get(request_id)
        if request is None or (request.team_id, request.user_id) != (team, user):
            return AdviceRefusal.NO_REQUEST
        dialog = await own_dialog(services, tx, team, user, request.dialog_id)
        if isinstance(dialog, Refusal):
            return dialog
        view = dialog_view(services, dialog)
        if (view.state.node, len(view.state.answers)) != (request.node, request.answered):
            return AdviceRefusal.MOVED_ON
        created = await tx.advice.send(request_id, services.clock())
        request = await tx.advice.get(request_id)
    assert request is not None
    if created:
        services.advice_due.set()
    return Sent(request, view, created)


async def take(
    services: Services, team: str, adviser: str, request_id: int
) -> Changed | AdviceRefusal:
    async with services.db.transaction() as tx:
        request = await tx.advice.get(request_id)
        refusal = _adviser_may_act(request, team, adviser)
        if refusal is not None:
            return refusal
        assert request is not None
        if request.taken_by == adviser:
            return Changed(request, created=False)
        created = await tx.advice.take(request_id, adviser, services.clock())
        request = await tx.advice.get(request_id)
    assert request is not None
    return Changed(request, created)


def _adviser_may_act(
    request: AdviceRequest | None, team: str, adviser: str
) -> AdviceRefusal | None:
    if request is None or request.team_id != team or request.sent_at is None:
        return AdviceRefusal.NO_REQUEST
    stage = stage_of(request)
    if stage is Stage.WITHDRAWN:
        return AdviceRefusal.WITHDRAWN
    if stage is Stage.ANSWERED:
        return AdviceRefusal.ANSWERED
    if request.taken_by not in (None, adviser):
        return AdviceRefusal.TAKEN_BY_OTHER
    return None


async def may_answer(
    services: Services, team: str, adviser: str, request_id: int
) -> AdviceRequest | AdviceRefusal:
    async with services.db.transaction() as tx:
        request = await tx.advice.get(request_id)
    refusal = _adviser_may_act(request, team, adviser)
    if refusal is not None:
        return refusal
    assert request is not None
    return request


async def answer(
    services: Services,
    team: str,
    adviser: str,
    request_id: int,
    text: str,
    suggestion: Suggestion,
) -> Changed | AdviceRefusal:
    """The adviser's answer, anonymised; its DM to the practitioner is queued with it."""
    if not text.strip():
        return AdviceRefusal.EMPTY
    refusal = await may_answer(services, team, adviser, request_id)
    if isinstance(refusal, AdviceRefusal):
        if refusal is AdviceRefusal.ANSWERED:
            async with services.db.transaction() as tx:
                request = await tx.advice.get(request_id)
            if request is not None and request.answered_by == adviser:
                return Changed(request, created=False)  # the same modal submitted twice
        return refusal
    work = asyncio.to_thread(services.anonymiser.anonymise, text.strip()[:ADVICE_LIMIT])
    try:
        anonymised = await asyncio.wait_for(work, ANONYMISE_SECONDS)
    except TimeoutError:
        log.warning("anonymising advice took over %s s; nothing was kept", ANONYMISE_SECONDS)
        return AdviceRefusal.NOT_ANONYMISED
    async with services.db.transaction() as tx:
        created = await tx.advice.answer(
            request_id, adviser, anonymised.text, suggestion.value, services.clock()
        )
        request = await tx.advice.get(request_id)
    assert request is not None
    if not created:
        return Changed(request, False) if request.answered_by == adviser else (
            AdviceRefusal.ANSWERED
        )
    services.advice_due.set()
    return Changed(request, True, anonymised.removed_summary())


async def choose(
    services: Services, team: str, user: str, request_id: int, *, apply: bool
) -> Chosen | AdviceRefusal | Refusal:
    """Apply the lead's suggested answer and carry on, or keep the advice and answer the
    question oneself: the dialog moves and the choice is kept in one write."""
    try:
        async with services.db.transaction() as tx:
            request = await tx.advice.get(request_id)
            if request is None or (request.team_id, request.user_id) != (team, user):
                return AdviceRefusal.NO_REQUEST
            if request.answered_at is None or request.chosen_at is not None:
                return Refusal.ALREADY_ANSWERED
            dialog = await own_dialog(services, tx, team, user, request.dialog_id)
            if isinstance(dialog, Refusal):
                return dialog
            before = dialog_view(services, dialog)
            moves = _moves(before.state, request, apply)
            if moves is None:
                return AdviceRefusal.MOVED_ON
            if not await tx.advice.choose(
                request_id, "applied" if apply else "kept", services.clock()
            ):
                return Refusal.ALREADY_ANSWERED
            stepped = _step_all(before, dialog, moves)
            if stepped is not None:
                await tx.dialogs.save(dialog, services.clock())
            request = await tx.advice.get(request_id)
    except (StaleDialog, StepError):
        return Refusal.ALREADY_ANSWERED
    assert request is not None
    return Chosen(request, stepped)


def _moves(state: State, request: AdviceRequest, apply: bool) -> list[Move] | None:
    """The moves from where the dialog stands to where the choice leads; None if it has moved
    on from both the advice step and the question before it."""
    at_advice = (state.node, len(state.answers)) == (request.node, request.answered)
    at_question = (state.node, len(state.answers)) == (
        request.question_node,
        request.answered - 1,
    )
    if not (at_advice or at_question):
        return None
    moves = [Move.BACK] if at_advice and request.question_node else []
    if not apply:
        return moves
    if request.suggestion not in (Suggestion.YES, Suggestion.NO) or not request.question_node:
        return [] if at_advice else None  # stay at the advice step, where it was asked
    return [*moves, Move(str(request.suggestion))]


def _step_all(before: DialogView, dialog: DialogSession, moves: list[Move]) -> Stepped | None:
    if not moves:
        return None
    state = before.state
    for move in moves:
        state = step(before.flow, state, state.node, move)
    lifecycle.move_to(dialog, before.flow, state)
    after = replace(before, state=state, status=lifecycle.status_at(before.flow, state), draft=None)
    return Stepped(before, after, moves[-1])


async def withdraw(
    services: Services, team: str, user: str, request_id: int
) -> Changed | AdviceRefusal:
    async with services.db.transaction() as tx:
        request = await tx.advice.get(request_id)
        if request is None or (request.team_id, request.user_id) != (team, user):
            return AdviceRefusal.NO_REQUEST
        if request.withdrawn_at is not None:
            return Changed(request, created=False)
        if request.answered_at is not None:
            return AdviceRefusal.ANSWERED
        created = await tx.advice.withdraw(request_id, services.clock())
        request = await tx.advice.get(request_id)
    assert request is not None
    return Changed(request, created)


async def current(services: Services, request_id: int) -> AdviceRequest | None:
    async with services.db.transaction() as tx:
        return await tx.advice.get(request_id)


async def open_requests(
    services: Services, team: str, user: str | None, limit: int = 10
) -> list[AdviceRequest]:
    """Requests waiting for an answer: one practitioner's, or (None) everyone's."""
    async with services.db.transaction() as tx:
        return await tx.advice.open_for(team, user, limit)


# --- announcing and replying: claimed once across replicas ------------------------------


@dataclass(frozen=True)
class Announcement:
    request: AdviceRequest
    first: bool  # the first post; later ones re-announce and tell the practitioner
    claimed: datetime  # the new due moment this claim set (to give it back)
    was_due: datetime


async def claim_announcements(services: Services, now: datetime) -> list[Announcement]:
    """The announcements this replica should post now, each claimed for it alone by moving
    the request's next announcement one interval on."""
    async with services.db.transaction() as tx:
        due = await tx.advice.due_announcements(now, BATCH)
    claimed = []
    for request in due:
        assert request.announce_due_at is not None
        next_due = now + services.settings.advice_times.interval(request.urgency)
        async with services.db.transaction() as tx:
            if not await tx.advice.claim_announcement(request, next_due):
                continue  # another replica took it, or it was taken, answered or withdrawn
        claimed.append(
            Announcement(request, request.announcements == 0, next_due, request.announce_due_at)
        )
    return claimed


async def release_announcement(services: Services, announcement: Announcement) -> None:
    """Slack did not take the post: due again now, for the next round."""
    assert announcement.request.id is not None
    async with services.db.transaction() as tx:
        await tx.advice.release_announcement(
            announcement.request.id, announcement.claimed, announcement.was_due
        )


async def posted(services: Services, request_id: int, channel: str, ts: str) -> None:
    async with services.db.transaction() as tx:
        await tx.advice.mark_posted(request_id, channel, ts)


async def claim_replies(
    services: Services, now: datetime, lease: timedelta
) -> list[AdviceRequest]:
    """Answers whose DM to the practitioner is due, each claimed for this replica for `lease`
    (if it stops mid-send, the DM is due again when the lease ends)."""
    async with services.db.transaction() as tx:
        due = await tx.advice.due_replies(now, BATCH)
    claimed = []
    for request in due:
        async with services.db.transaction() as tx:
            if await tx.advice.claim_reply(request, now + lease):
                request.reply_due_at = now + lease  # a detached snapshot: the claim it holds
                claimed.append(request)
    return claimed


async def replied(services: Services, request_id: int, ts: str) -> None:
    async with services.db.transaction() as tx:
        await tx.advice.mark_replied(request_id, ts)


async def reply_later(services: Services, request: AdviceRequest, at: datetime) -> None:
    assert request.id is not None and request.reply_due_at is not None
    async with services.db.transaction() as tx:
        await tx.advice.retry_reply(request.id, request.reply_due_at, at)


# --- kept with the record -----------------------------------------------------------------


def record_entry(request: AdviceRequest) -> dict[str, Any]:
    """One request as the decision keeps it (JSON in the hash-chained `fields`)."""

    def moment(value: datetime | None) -> str | None:
        return canonical_moment(value) if value is not None else None

    return {
        "question": request.question,
        "description": request.description,
        "urgency": request.urgency,
        "asked_at": moment(request.sent_at),
        "lead": request.answered_by or request.taken_by,
        "taken_at": moment(request.taken_at),
        "answered_at": moment(request.answered_at),
        "advice": request.advice,
        "suggestion": request.suggestion,
        "choice": request.choice,
        "withdrawn_at": moment(request.withdrawn_at),
    }


LEAD_ADVICE_FIELD = "lead_advice"


def record_fields(requests: list[AdviceRequest]) -> dict[str, Any]:
    """What a decision adds to its fields for the requests of its dialog (nothing if none)."""
    return {LEAD_ADVICE_FIELD: [record_entry(r) for r in requests]} if requests else {}


async def kept_for(services: Services, dialog_id: int) -> dict[str, Any]:
    """What recording this dialog now would add for its advice requests (for the preview)."""
    async with services.db.transaction() as tx:
        return record_fields(await tx.advice.for_dialog(dialog_id))


def kept_advice(fields: dict[str, Any]) -> list[dict[str, Any]]:
    """The advice requests a recorded decision keeps."""
    entries = fields.get(LEAD_ADVICE_FIELD)
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
