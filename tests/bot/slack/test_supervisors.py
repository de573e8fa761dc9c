"""Who may review: user IDs as configured, or a user group's members read from Slack, kept for
a few minutes, and nobody when Slack cannot say (the check fails closed)."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.supervisors import Supervisors, Verdict
from tests.fakeslack import FakeSlack, manifest_bot_scopes


async def test_user_ids_are_taken_as_configured_with_no_slack_call() -> None:
    async with FakeSlack(scopes=manifest_bot_scopes()) as slack:
        client = AsyncWebClient(token="xoxb-fake", base_url=slack.api_url)
        supervisors = Supervisors(("U0SUPER01", "U0SUPER02"), client)
        assert await supervisors.check("U0SUPER02") is Verdict.SUPERVISOR
        assert await supervisors.check("U0PRACT01") is Verdict.NOT_SUPERVISOR
        assert slack.calls == []


async def test_nobody_is_a_supervisor_when_none_are_configured() -> None:
    async with FakeSlack() as slack:
        supervisors = Supervisors((), AsyncWebClient(token="xoxb-fake", base_url=slack.api_url))
        assert not supervisors.configured
        assert await supervisors.check("U0SUPER01") is Verdict.NOT_SUPERVISOR


async def test_a_user_group_is_read_once_then_again_after_the_cache_lapses() -> None:
    now = [0.0]
    async with FakeSlack(scopes=manifest_bot_scopes()) as slack:
        slack.add_usergroup("S0LEADS01", ["U0SUPER01"])
        client = AsyncWebClient(token="xoxb-fake", base_url=slack.api_url)
        supervisors = Supervisors(("S0LEADS01",), client, clock=lambda: now[0], cache_seconds=300)
        assert await supervisors.check("U0SUPER01") is Verdict.SUPERVISOR
        assert await supervisors.check("U0PRACT01") is Verdict.NOT_SUPERVISOR
        assert len(slack.calls_to("usergroups.users.list")) == 1

        slack.add_usergroup("S0LEADS01", ["U0PRACT01"])  # the group changed in Slack
        now[0] = 299.0
        assert await supervisors.check("U0SUPER01") is Verdict.SUPERVISOR  # still cached
        now[0] = 301.0
        assert await supervisors.check("U0SUPER01") is Verdict.NOT_SUPERVISOR
        assert await supervisors.check("U0PRACT01") is Verdict.SUPERVISOR
        assert len(slack.calls_to("usergroups.users.list")) == 2


async def test_an_unreadable_user_group_refuses_everyone_until_it_can_be_read() -> None:
    async with FakeSlack(scopes=manifest_bot_scopes()) as slack:
        slack.add_usergroup("S0LEADS01", ["U0SUPER01"])
        client = AsyncWebClient(token="xoxb-fake", base_url=slack.api_url, retry_handlers=[])
        supervisors = Supervisors(("S0LEADS01",), client, cache_seconds=0)
        slack.error_next("usergroups.users.list", "no_such_subteam")
        assert await supervisors.check("U0SUPER01") is Verdict.UNKNOWN
        assert await supervisors.check("U0SUPER01") is Verdict.SUPERVISOR
