"""Who may review decisions: `INFOSHARE_SUPERVISORS`, user IDs or one user group.

A user group's members come from `usergroups.users.list` and are kept for a few minutes, so a
burst of clicks costs one call, and someone removed from the group loses the right soon after.
If Slack cannot say who is in the group (and nothing fresh is kept), nobody is a supervisor:
the check fails closed and the listener says to try again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from enum import StrEnum

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.audit_failures import classify

log = logging.getLogger(__name__)

GROUP_CACHE_SECONDS = 300.0


class Verdict(StrEnum):
    SUPERVISOR = "supervisor"
    NOT_SUPERVISOR = "not_supervisor"
    UNKNOWN = "unknown"  # the user group could not be read: refused, try again later


class Supervisors:
    def __init__(
        self,
        configured: tuple[str, ...],
        client: AsyncWebClient,
        clock: Callable[[], float] = time.monotonic,
        cache_seconds: float = GROUP_CACHE_SECONDS,
    ) -> None:
        self._group = configured[0] if len(configured) == 1 and configured[0][0] == "S" else None
        self._users = frozenset() if self._group else frozenset(configured)
        self._client = client
        self._clock = clock
        self._cache_seconds = cache_seconds
        self._members: frozenset[str] | None = None
        self._read_at = 0.0
        self._lock = asyncio.Lock()

    @property
    def configured(self) -> bool:
        return self._group is not None or bool(self._users)

    async def check(self, user: str) -> Verdict:
        if self._group is None:
            return Verdict.SUPERVISOR if user in self._users else Verdict.NOT_SUPERVISOR
        members = await self._group_members()
        if members is None:
            return Verdict.UNKNOWN
        return Verdict.SUPERVISOR if user in members else Verdict.NOT_SUPERVISOR

    async def is_supervisor(self, user: str) -> bool:
        return await self.check(user) is Verdict.SUPERVISOR

    async def _group_members(self) -> frozenset[str] | None:
        async with self._lock:  # one call for a burst of clicks
            if self._members is not None and self._clock() - self._read_at < self._cache_seconds:
                return self._members
            try:
                response = await self._client.usergroups_users_list(usergroup=self._group or "")
            except Exception as error:  # classified: Slack's answer, the network or anything else
                log.warning(
                    "could not read the supervisors' user group (%s): reviews are refused "
                    "until it can be read",
                    classify(error).code,
                )
                self._members = None
                return None
            users = response.get("users") or []
            self._members = frozenset(user for user in users if isinstance(user, str))
            self._read_at = self._clock()
            return self._members
