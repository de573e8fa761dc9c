"""Asking a safeguarding lead from the dialog's advice step: the practitioner's question,
anonymised, previewed and sent; the practitioner withdrawing it, or applying the lead's answer
or answering themselves. (The leads' side: bot.core.advice_leads; posting: advice_posts; what
a decision keeps: advice_record.) Each use case is one storage transaction; every change is a
compare-and-set, so double clicks, retried deliveries and replicas change a request once.

Slack-free: who is an adviser is the adapter's check (it knows the user group)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from enum import StrEnum

from bot.core import lifecycle
from bot.core.conversation import DialogView, Refusal, Stepped, dialog_view, own_dialog
from bot.core.services import Services
from dialogs.engine import Move, State, StepError, step
from dialogs.model import Advice, Flow, Question
from storage import DialogSession, StaleDialog
from storage.tables import AdviceRequest

log = logging.getLogger(__name__)

# The ask and answer forms are answered without waiting for this (bot/slack/pending.py): the
# same limit as the record form's (recording.DRAFT_SECONDS), then nothing is kept.
ANONYMISE_SECONDS = 10.0
QUESTION_LIMIT = 500
DESCRIPTION_LIMIT = 1000
ADVICE_LIMIT = 1000



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
    found = await _at_advice(services, team, user, dialog_id, node, answered)
    return found if not isinstance(found, tuple) else found[0]


async def _at_advice(
    services: Services, team: str, user: str, dialog_id: int, node: str, answered: int
) -> tuple[DialogView, frozenset[str]] | AdviceRefusal | Refusal:
    """The dialog at that advice step, and the names it has met (keyed digests)."""
    async with services.db.transaction() as tx:
        dialog = await own_dialog(services, tx, team, user, dialog_id)
        if isinstance(dialog, Refusal):
            return dialog
        view = dialog_view(services, dialog)
    if (view.state.node, len(view.state.answers)) != (node, answered) or not isinstance(
        view.flow.nodes[node], Advice
    ):
        return AdviceRefusal.NOT_AT_ADVICE
    return view, frozenset(dialog.known_identifiers)


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
    if not description.strip():
        return AdviceRefusal.EMPTY
    found = await _at_advice(services, team, user, dialog_id, node, answered)
    if not isinstance(found, tuple):
        return found
    view, known = found
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


async def waiting_on(services: Services, dialog: DialogView) -> AdviceRequest | None:
    """The request a dialog standing at an advice step still waits on (sent, neither answered
    nor withdrawn), so that showing the step again shows the wait, not a fresh step."""
    if not isinstance(dialog.flow.nodes[dialog.state.node], Advice):
        return None
    async with services.db.transaction() as tx:
        requests = await tx.advice.for_dialog(dialog.id)
    waiting = [r for r in requests if stage_of(r) in (Stage.WAITING, Stage.TAKEN)]
    return waiting[-1] if waiting else None


async def current(services: Services, request_id: int) -> AdviceRequest | None:
    async with services.db.transaction() as tx:
        return await tx.advice.get(request_id)


async def open_requests(
    services: Services, team: str, user: str | None, limit: int = 10
) -> list[AdviceRequest]:
    """Requests waiting for an answer: one practitioner's, or (None) everyone's."""
    async with services.db.transaction() as tx:
        return await tx.advice.open_for(team, user, limit)
