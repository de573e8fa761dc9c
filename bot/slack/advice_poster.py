"""Posting advice requests to the advice channel, announcing the untaken ones again (and
telling the practitioner), and sending each answer to the practitioner's DM.

Every replica runs this; each post and DM is claimed in the database first (bot.core.advice),
so one replica makes it: an announcement is claimed by moving its next due time one interval
on, so it is made once per interval however many replicas look. A post Slack refuses gives
its claim back for the next round; after an answer that leaves it unknown whether Slack posted
(a timeout, a dropped connection, a 5xx), the channel (or the DM) is searched for the post's
message metadata first. A replica that dies between claim and post loses that announcement
(the next interval announces again), never doubles it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from slack_sdk.web.async_client import AsyncWebClient

from bot.core import advice_posts
from bot.core.services import Services
from bot.slack import advice_blocks, blocks
from bot.slack.audit_failures import FailureKind, classify
from storage.tables import AdviceRequest

log = logging.getLogger(__name__)

CHECK_EVERY = 30.0  # seconds between looks when nothing wakes the poster
REPLY_LEASE = timedelta(minutes=2)  # a DM claimed and not sent is due again after this
REPLY_RETRY = timedelta(minutes=1)
ADVICE_EVENT_TYPE = "infoshare_advice_request"
HISTORY_MARGIN = 600.0  # seconds searched before the request was sent, for clock skew
HISTORY_LIMIT = 200


def advice_metadata(request_id: int, what: str, number: int) -> dict[str, object]:
    """What a post carries so it can be found again: which request, which announcement (or
    the answer's DM)."""
    return {
        "event_type": ADVICE_EVENT_TYPE,
        "event_payload": {"request": request_id, "what": what, "number": number},
    }


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
        for announcement in await advice_posts.claim_announcements(self._services, now):
            announced += await self._announce(announcement)
        replies = 0
        for request in await advice_posts.claim_replies(self._services, now, REPLY_LEASE):
            replies += await self._reply(request, now)
        return announced, replies

    async def _announce(self, announcement: advice_posts.Announcement) -> int:
        request = announcement.request
        assert request.id is not None
        channel = self._services.settings.advice_channel
        text, post = advice_blocks.request_post(request, again=not announcement.first)
        metadata = advice_metadata(request.id, "announcement", request.announcements + 1)
        try:
            response = await self._client.chat_postMessage(
                channel=channel, text=text, blocks=post, metadata=metadata
            )
            ts = str(response.get("ts"))
        except Exception as error:  # classified: Slack's answer, the network or anything else
            found = await self._found_after(error, channel, metadata, request)
            if found is None:
                await advice_posts.release_announcement(self._services, announcement)
                return 0
            ts = found
        await advice_posts.posted(self._services, request.id, channel, ts)
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
        metadata = advice_metadata(request.id, "answer", 1)
        try:
            response = await self._client.chat_postMessage(
                channel=request.user_id, text=text, blocks=reply, metadata=metadata
            )
            ts = str(response.get("ts"))
        except Exception as error:
            found = await self._found_after(error, None, metadata, request)
            if found is None:
                await advice_posts.reply_later(self._services, request, now + REPLY_RETRY)
                return 0
            ts = found
        await advice_posts.replied(self._services, request.id, ts)
        return 1

    async def _found_after(
        self,
        error: Exception,
        channel: str | None,
        metadata: dict[str, object],
        request: AdviceRequest,
    ) -> str | None:
        """After a failed post: its ts if Slack may have posted it after all and it is there
        (`channel` None: the practitioner's DM); None to try again later."""
        failure = classify(error)
        log.warning("an advice post failed (%s)", failure.code)
        if failure.kind is not FailureKind.AMBIGUOUS or request.sent_at is None:
            return None
        try:
            if channel is None:
                opened = await self._client.conversations_open(users=request.user_id)
                channel = str((opened.get("channel") or {}).get("id"))
            page = await self._client.conversations_history(
                channel=channel,
                oldest=f"{request.sent_at.timestamp() - HISTORY_MARGIN:.6f}",
                include_all_metadata=True,
                limit=HISTORY_LIMIT,
            )
        except Exception as looking:
            log.warning("could not look for an advice post (%s)", classify(looking).code)
            return None
        for message in page.get("messages") or []:
            if message.get("metadata") == metadata:
                return str(message.get("ts"))
        return None
