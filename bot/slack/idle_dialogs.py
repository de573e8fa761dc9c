"""The background job that reminds practitioners of idle dialogs and expires them, in their
DM (the rules and the once-only claims are in bot.core.idle)."""

from __future__ import annotations

import asyncio
import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import idle
from bot.core.services import Services
from bot.slack import blocks
from bot.text.rendering import render
from bot.text.uk_time import uk_time

log = logging.getLogger(__name__)

IDLE_CHECK_EVERY = 300.0  # seconds between rounds
OUTAGE_RETRY = 60.0
# Slack errors that no retry will cure: the reminder stays claimed (and unsent).
PERMANENT = {"user_not_found", "account_inactive", "user_disabled", "cannot_dm_bot"}


def expired_notice(services: Services) -> tuple[str, blocks.Blocks]:
    days = services.settings.retention.expire_days
    return blocks.expired_message(render("expired.j2", days=days))


class IdleDialogs:
    def __init__(
        self, services: Services, client: AsyncWebClient, every: float = IDLE_CHECK_EVERY
    ) -> None:
        self._services = services
        self._client = client
        self._every = every

    async def run(self) -> None:
        while True:
            try:
                await self.round()
                wait = self._every
            except Exception as error:  # the database or Slack is down: keep the job alive
                wait = min(self._every, OUTAGE_RETRY)
                log.warning(
                    "idle-dialog round failed (%s); again in %ss", type(error).__name__, int(wait)
                )
            await asyncio.sleep(wait)

    async def round(self) -> tuple[int, int]:
        """Expire, then remind; how many reminders were sent and dialogs expired."""
        now = self._services.clock()
        expired = await idle.expire_idle(self._services, now)
        for dialog in expired:
            await self._show_expired(dialog)
        sent = 0
        for reminder in await idle.claim_reminders(self._services, now):
            sent += await self._remind(reminder)
        return sent, len(expired)

    async def _remind(self, reminder: idle.Reminder) -> int:
        text, reminder_blocks = self._reminder(reminder)
        try:
            await self._client.chat_postMessage(
                channel=reminder.user, text=text, blocks=reminder_blocks
            )
        except Exception as error:  # Slack refused or was unreachable
            code = (
                str(error.response.get("error", ""))
                if isinstance(error, SlackApiError)
                else type(error).__name__
            )
            log.warning("could not send an idle reminder: %s", code or "no error code")
            if code not in PERMANENT:
                await idle.release_reminder(self._services, reminder)
            return 0
        return 1

    def _reminder(self, reminder: idle.Reminder) -> tuple[str, blocks.Blocks]:
        retention = self._services.settings.retention
        when = {
            "since": uk_time(reminder.idle_since),
            "closes": uk_time(reminder.idle_since + retention.expire_after),
        }
        if reminder.outcome is None:
            note = render("idle_reminder.j2", **when)
            return blocks.reminder_message(reminder.dialog_id, reminder.state, note)
        note = render("not_recorded_reminder.j2", outcome=reminder.outcome, **when)
        return blocks.not_recorded_reminder(
            reminder.dialog_id, reminder.state, reminder.outcome, note
        )

    async def _show_expired(self, dialog: idle.Expired) -> None:
        if dialog.shown is None:
            return
        text, notice = expired_notice(self._services)
        try:
            await self._client.chat_update(
                channel=dialog.shown[0], ts=dialog.shown[1], text=text, blocks=notice
            )
        except SlackApiError as error:
            # Harmless: a click on the old buttons is answered with the same notice.
            log.warning("could not mark an expired dialog: %s", error.response.get("error"))
