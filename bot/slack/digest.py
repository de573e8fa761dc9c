"""The daily supervisor digest in the audit channel: awaiting review, the oldest, follow-ups
open, and the hash chain's latest hash as an anchor kept outside the database.

Every replica looks once a minute; from the configured UK time on, the first to claim the day
(storage.digests: one row per UK calendar day) posts, and the rest find the day taken. A replica
that stops between its claim and its post lets the claim lapse, and another posts instead.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from datetime import time

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
        try:
            response = await self._client.chat_postMessage(
                channel=services.settings.audit_channel, text=words, blocks=digest_blocks
            )
        except Exception as error:
            async with services.db.transaction() as tx:
                await tx.digests.release(day, self._worker)
            log.warning("could not post the supervisor digest (%s)", classify(error).code)
            return False
        async with services.db.transaction() as tx:
            await tx.digests.mark_posted(day, self._worker, str(response.get("ts")), now)
        log.info("supervisor digest posted for %s", day.isoformat())
        return True
