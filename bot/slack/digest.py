"""The daily supervisor digest in the audit channel: awaiting review, the oldest, follow-ups
open, and the hash chain's latest hash as an anchor kept outside the database.

Every replica looks once a minute; from the configured UK time on, the first to claim the day
(storage.digests: one row per UK calendar day) posts, and the rest find the day taken. A replica
that stops between its claim and its post lets the claim lapse, and another posts instead.
A post carries the day in its metadata and the channel's history is searched for it before
posting, so a post Slack made without the answer arriving (a timeout) is found, not repeated.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from datetime import date, datetime, time
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.core.home import month_start
from bot.core.services import Services
from bot.slack.audit_failures import classify
from bot.slack.blocks import notice
from bot.text.age import age
from bot.text.rendering import render
from bot.text.uk_time import UK

log = logging.getLogger(__name__)

CHECK_EVERY = 60.0  # seconds between looks at the clock
DIGEST_EVENT_TYPE = "infoshare_digest"
HISTORY_PAGES = 20  # 200 messages a page: far more than the channel gets in a day
HISTORY_MARGIN = 600.0  # seconds searched before the day's digest time, for clock skew


def digest_metadata(day: date) -> dict[str, Any]:
    return {"event_type": DIGEST_EVENT_TYPE, "event_payload": {"day": day.isoformat()}}


class DigestPoster:
    def __init__(
        self, services: Services, client: AsyncWebClient, at: time, every: float = CHECK_EVERY
    ) -> None:
        self._services = services
        self._client = client
        self._at = at
        self._every = every
        self._worker = f"{socket.gethostname()[:32]}-{os.getpid()}-{secrets.token_hex(4)}"
        #: Rounds completed (posted, found the day taken, or not yet time): for tests and logs.
        self.rounds = 0

    async def run(self) -> None:
        while True:
            try:
                await self.post_if_due()
            except Exception as error:  # the database or Slack failed: try again next round
                log.warning("the supervisor digest failed this round (%s)", type(error).__name__)
            await asyncio.sleep(self._every)

    async def post_if_due(self) -> bool:
        """Post today's digest if it is time and no replica has; True if this one posted."""
        try:
            return await self._post_if_due()
        finally:
            self.rounds += 1

    async def _post_if_due(self) -> bool:
        services = self._services
        now = services.clock()
        local = now.astimezone(UK)
        if local.time() < self._at:
            return False
        day = local.date()
        async with services.db.transaction() as tx:
            if not await tx.digests.claim(day, self._worker, now):
                log.info("supervisor digest for %s: another replica has it", day.isoformat())
                return False
            overview = await tx.reviews.supervisor_overview(month_start(now))
            head = await tx.chain_head()
        oldest = overview.oldest_awaiting
        words = render(
            "digest.j2",
            day=f"{local.day} {local:%B %Y}",
            awaiting=overview.awaiting_review,
            oldest=oldest.reference if oldest else None,
            oldest_age=age(oldest.created_at, now) if oldest else None,
            follow_ups=overview.follow_ups_open,
            entries=head.seq,
            anchor=head.hash,
        )
        _, digest_blocks = notice(words)
        channel = services.settings.audit_channel
        try:
            # An earlier round may have posted it without hearing back (then gave the day back).
            ts = await self._find(channel, day, datetime.combine(day, self._at, tzinfo=UK))
            if ts is None:
                response = await self._client.chat_postMessage(
                    channel=channel, text=words, blocks=digest_blocks,
                    metadata=digest_metadata(day),
                )
                ts = str(response.get("ts"))
            else:
                log.info("supervisor digest for %s was already in the channel", day.isoformat())
        except Exception as error:  # the next round searches again before posting
            async with services.db.transaction() as tx:
                await tx.digests.release(day, self._worker)
            log.warning("could not post the supervisor digest (%s)", classify(error).code)
            return False
        async with services.db.transaction() as tx:
            await tx.digests.mark_posted(day, self._worker, ts, now)
        log.info("supervisor digest posted for %s", day.isoformat())
        return True

    async def _find(self, channel: str, day: date, due: datetime) -> str | None:
        """The ts of `day`'s digest if an earlier round did post it."""
        oldest = due.timestamp() - HISTORY_MARGIN
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            page = await self._client.conversations_history(
                channel=channel, oldest=f"{oldest:.6f}", include_all_metadata=True,
                limit=200, cursor=cursor,
            )
            for message in page.get("messages") or []:
                if message.get("metadata") == digest_metadata(day):
                    return str(message.get("ts"))
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if cursor is None:
                break
        return None
