"""Recording a terminal decision: anonymise, preview, confirm, store in the bot's database."""

from __future__ import annotations

import asyncio
import getpass
import secrets

from bot.core import recording
from bot.core.conversation import Refusal
from bot.core.services import Services
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
        from bot.privacy.anonymiser import get_anonymiser  # loads Presidio: only when recording

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
    while True:
        drafted = await recording.draft_decision(
            services, TERMINAL_TEAM, user, dialog.id, record
        )
        if isinstance(drafted, (Refusal, recording.Invalid)):
            return None  # the prompts offer only what the record allows
        if isinstance(drafted, recording.NotAnonymised):
            terminal.say(render("record_not_checked.j2"))
            edited = collect_fields(flow, state, terminal)
            if edited is None:
                return None
            record = edited
            continue
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
        answer = terminal.ask("record / edit / quit ")
        if answer is None or answer.lower() in ("q", "quit", "exit"):
            return None
        if answer.lower() in ("edit", "e"):
            edited = collect_fields(flow, state, terminal)
            if edited is None:
                return None
            record = edited
            continue
        if answer.lower() not in ("record", "r", "yes", "y", "confirm"):
            terminal.say(render("preview_hint_terminal.j2"))
            continue
        result = await recording.confirm_decision(
            services, TERMINAL_TEAM, user, dialog.id, recording.draft_digest(drafted.draft)
        )
        if isinstance(result, Refusal):
            return None
        decision = result.decision
        return TerminalRecord(decision.reference, decision.created_at, drafted.draft, user)
