"""Recording a terminal decision: anonymise, preview, confirm, store in the bot's database."""

from __future__ import annotations

import asyncio
import getpass
import secrets

from bot.core import marking, recording
from bot.core.conversation import Refusal
from bot.core.marking import NotMarked
from bot.core.services import Services
from bot.privacy.marking import MARK_LIMIT
from bot.settings import Settings
from bot.terminal.chat import Terminal, TerminalRecord, collect_fields
from bot.text.rendering import render
from bot.text.summary import decision_summary
from dialogs.engine import State
from dialogs.loading import FlowLibrary
from dialogs.model import Flow
from dialogs.record import DecisionFields
from storage import Database

TERMINAL_TEAM = "terminal"


def terminal_user() -> str:
    try:
        return f"terminal:{getpass.getuser()}"
    except (KeyError, OSError):
        return "terminal:unknown"


class DatabaseRecorder:
    """The chat's `Recorder`: the same storage and anonymiser as the Slack app."""

    def __init__(self, settings: Settings, flows: FlowLibrary) -> None:
        self._settings = settings
        self._flows = flows

    def __call__(
        self, flow: Flow, state: State, record: DecisionFields, terminal: Terminal
    ) -> TerminalRecord | None:
        return asyncio.run(self._record(flow, state, record, terminal))

    async def _record(
        self, flow: Flow, state: State, record: DecisionFields, terminal: Terminal
    ) -> TerminalRecord | None:
        from bot.privacy.anonymiser import get_anonymiser  # only when recording

        # Without a configured key the name memory only needs to last this one decision.
        key = self._settings.secret_key or secrets.token_bytes(32)
        db = await Database.connect(self._settings.database_url)
        try:
            services = Services(self._settings, db, self._flows, get_anonymiser(key))
            return await _preview_and_confirm(services, flow, state, record, terminal)
        finally:
            await db.close()


async def _preview_and_confirm(
    services: Services, flow: Flow, state: State, record: DecisionFields, terminal: Terminal
) -> TerminalRecord | None:
    user = terminal_user()
    dialog = await recording.adopt_outcome(services, TERMINAL_TEAM, user, flow, state)
    drafted: recording.Drafted | None = None
    while True:
        if drafted is None:
            checked = await _draft(services, flow, state, record, dialog.id, terminal)
            if checked is None:
                return None
            drafted, record = checked
            _show_preview(flow, state, drafted, user, terminal)
        typed = terminal.ask("record / edit / mark / quit ")
        answer = "quit" if typed is None else typed.lower()  # None: input has ended
        if answer in ("q", "quit", "exit"):
            return None
        if answer in ("edit", "e"):
            edited = collect_fields(flow, state, terminal)
            if edited is None:
                return None
            record, drafted = edited, None
        elif answer in ("mark", "m"):
            marked = await _mark(services, user, dialog.id, terminal)
            if marked is not None:
                drafted = marked
                _show_preview(flow, state, drafted, user, terminal)
        elif answer in ("record", "r", "yes", "y", "confirm"):
            digest = recording.draft_digest(drafted.draft)
            recorded = await recording.confirm_decision(
                services, TERMINAL_TEAM, user, dialog.id, digest
            )
            if isinstance(recorded, Refusal):
                return None
            decision = recorded.decision
            return TerminalRecord(decision.reference, decision.created_at, drafted.draft, user)
        else:
            terminal.say(render("preview_hint_terminal.j2"))


async def _draft(
    services: Services,
    flow: Flow,
    state: State,
    record: DecisionFields,
    dialog_id: int,
    terminal: Terminal,
) -> tuple[recording.Drafted, DecisionFields] | None:
    """The record anonymised into a draft (asking for a shorter one while it takes too long),
    with the record as finally typed; None if the practitioner stops."""
    while True:
        result = await recording.draft_decision(
            services, TERMINAL_TEAM, terminal_user(), dialog_id, record
        )
        if isinstance(result, recording.Drafted):
            return result, record
        if isinstance(result, (Refusal, recording.Invalid)):
            return None  # the prompts offer only what the record allows
        terminal.say(render("record_not_checked.j2"))
        edited = collect_fields(flow, state, terminal)
        if edited is None:
            return None
        record = edited


def _show_preview(
    flow: Flow, state: State, drafted: recording.Drafted, user: str, terminal: Terminal
) -> None:
    terminal.say()
    terminal.say(render("preview_intro_terminal.j2", removed=drafted.removed))
    terminal.say(
        decision_summary(
            flow,
            state,
            drafted.draft,
            reference=render("reference_pending.j2"),
            practitioner=user,
            recorded_at=None,
        )
    )


async def _mark(
    services: Services, user: str, dialog_id: int, terminal: Terminal
) -> recording.Drafted | None:
    """Ask for a word the anonymiser missed and remove it: the new draft, or None (and why)."""
    phrase = terminal.ask("Word or phrase to remove ")
    result = await marking.mark_missed(services, TERMINAL_TEAM, user, dialog_id, phrase or "")
    if isinstance(result, recording.Drafted):
        return result
    if isinstance(result, NotMarked):
        terminal.say(render("mark_refused.j2", problem=result.problem.value, limit=MARK_LIMIT))
    return None
