"""Posting advice requests to the advice channel, announcing the untaken ones again (and
telling the practitioner), and sending each answer to the practitioner's DM.

Every replica runs this; each post and DM is claimed in the database first (bot.core.advice),
so one replica makes it: an announcement is claimed by moving its next due time one interval
on, so it is made once per interval however many replicas look. A post Slack refuses gives
its claim back for the next round; a replica that dies between claim and post loses that
announcement (the next interval announces again), never doubles it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from slack_sdk.web.async_client import AsyncWebClient

from bot.core import advice
from bot.core.services import Services
from bot.slack import advice_blocks, blocks
from bot.slack.audit_failures import classify
from storage.tables import AdviceRequest

log = logging.getLogger(__name__)

CHECK_EVERY = 30.0  # seconds between looks when nothing wakes the poster
REPLY_LEASE = timedelta(minutes=2)  # a DM claimed and not sent is due again after this
REPLY_RETRY = timedelta(minutes=1)


class AdvicePoster:
    def __init__(
        self, services: Services, client: AsyncWebClient, every: float = CHECK_EVERY
    ) -> None:
        self._services = services
        self._client = client
        self._every = every

    async def run(self) -> None:
        due = self._services.advice_due
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(due.wait(), self._every)
            due.clear()
            try:
                await self.round()
            except Exception as error:  # the database or Slack is down: keep the job alive
                log.warning("advice round failed (%s)", type(error).__name__)

    async def round(self, now: datetime | None = None) -> tuple[int, int]:
        """Post what is due at `now` (default: the clock); how many announcements and
        answers this replica sent."""
        now = now or self._services.clock()
        announced = 0
        for announcement in await advice.claim_announcements(self._services, now):
            announced += await self._announce(announcement)
        replies = 0
        for request in await advice.claim_replies(self._services, now, REPLY_LEASE):
            replies += await self._reply(request, now)
        return announced, replies

    async def _announce(self, announcement: advice.Announcement) -> int:
        request = announcement.request
        assert request.id is not None
        channel = self._services.settings.advice_channel
        text, post = advice_blocks.request_post(request, again=not announcement.first)
        try:
            response = await self._client.chat_postMessage(channel=channel, text=text, blocks=post)
        except Exception as error:  # classified: Slack's answer, the network or anything else
            log.warning("could not post an advice request (%s); trying again next round",
                        classify(error).code)  # fmt: skip
            await advice.release_announcement(self._services, announcement)
            return 0
        await advice.posted(self._services, request.id, channel, str(response.get("ts")))
        if not announcement.first:
            await self._tell_practitioner(request)
        return 1

    async def _tell_practitioner(self, request: AdviceRequest) -> None:
        text, note = blocks.notice(advice_blocks.advice_words("reannounced"))
        try:
            await self._client.chat_postMessage(channel=request.user_id, text=text, blocks=note)
        except Exception as error:  # the channel got it; the practitioner hears next time
            log.warning("could not tell a practitioner their request was re-announced (%s)",
                        classify(error).code)  # fmt: skip

    async def _reply(self, request: AdviceRequest, now: datetime) -> int:
        assert request.id is not None
        text, reply = advice_blocks.reply_message(request)
        try:
            response = await self._client.chat_postMessage(
                channel=request.user_id, text=text, blocks=reply
            )
        except Exception as error:
            log.warning("could not send a lead's answer (%s); trying again",
                        classify(error).code)  # fmt: skip
            await advice.reply_later(self._services, request, now + REPLY_RETRY)
            return 0
        await advice.replied(self._services, request.id, str(response.get("ts")))
        return 1
