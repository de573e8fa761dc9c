"""The daily digest on a real database: nothing before the configured UK time, one post a day
however many replicas look, a failed post tried again, a post whose answer timed out found
rather than repeated, and the next day posted afresh."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

from slack_sdk.web.async_client import AsyncWebClient

from bot.core.services import Services
from bot.privacy.anonymiser import get_anonymiser
from bot.settings import Mode, Settings
from bot.slack.digest import DigestPoster
from dialogs.loading import FlowLibrary
from storage import Database
from tests.fakeslack import FakeSlack
from tests.storage.samples import recorded_decision

AUDIT = "G0AUDIT001"
# 08:29 on 1 July 2026 in London (BST) is 07:29 UTC.
BEFORE = datetime(2026, 7, 1, 7, 29, tzinfo=UTC)


def _services(database: Database, clock: list[datetime]) -> Services:
    settings = replace(Settings.from_environment(Mode.CHAT, {}), audit_channel=AUDIT)
    return Services(
        settings, database, FlowLibrary.shipped(), get_anonymiser(b"k" * 32),
        clock=lambda: clock[0],
    )


def _digests(slack: FakeSlack) -> list[str]:
    return [
        str(call.params["text"]) for call in slack.calls_to("chat.postMessage")
        if call.ok and call.params.get("channel") == AUDIT
    ]


async def test_one_digest_a_day_from_the_configured_uk_time(database: Database) -> None:
    decision = await recorded_decision(database, "U0USER0001", BEFORE - timedelta(days=3))
    clock = [BEFORE]
    services = _services(database, clock)
    async with FakeSlack(real_time_ts=True) as slack:
        slack.add_channel(AUDIT, "audit", is_private=True, is_member=True)
        client = AsyncWebClient(token="xoxb-fake", base_url=slack.api_url, retry_handlers=[])
        replicas = [DigestPoster(services, client, time(8, 30)) for _ in range(2)]

        assert [await r.post_if_due() for r in replicas] == [False, False]  # 08:29 BST
        clock[0] = BEFORE + timedelta(minutes=1)
        slack.fail_next("chat.postMessage", status=500)
        # The first replica's post fails and it gives the day back; the second then posts it.
        assert [await r.post_if_due() for r in replicas] == [False, True]
        assert [await r.post_if_due() for r in replicas] == [False, False]  # posted today
        (digest,) = _digests(slack)
        assert digest.startswith("*Supervisor digest for 1 July 2026*")
        assert (
            f"*Awaiting review:* 1 (the oldest is {decision.reference}, recorded 3 days ago)"
            in digest
        )
        assert f"latest hash `{decision.row_hash}`" in digest

        clock[0] = BEFORE + timedelta(days=1, minutes=1)
        assert [await r.post_if_due() for r in reversed(replicas)] == [True, False]
        assert len(_digests(slack)) == 2
        async with database.transaction() as tx:
            assert (await tx.digests.get(clock[0].date())) is not None


async def test_a_digest_slack_took_but_did_not_answer_in_time_is_found_not_posted_again(
    database: Database,
) -> None:
    await recorded_decision(database, "U0USER0001", BEFORE - timedelta(days=1))
    clock = [BEFORE + timedelta(minutes=1)]
    services = _services(database, clock)
    async with FakeSlack(real_time_ts=True) as slack:
        slack.add_channel(AUDIT, "audit", is_private=True, is_member=True)
        client = AsyncWebClient(
            token="xoxb-fake", base_url=slack.api_url, retry_handlers=[], timeout=1
        )
        replicas = [DigestPoster(services, client, time(8, 30)) for _ in range(2)]
        late = slack.delay_next("chat.postMessage")  # posted at once, answered only when set

        # The first replica's post times out and it gives the day back; the second finds
        # the post in the channel's history and records it instead of posting again.
        assert [await r.post_if_due() for r in replicas] == [False, True]
        late.set()
        (message,) = slack.messages_in(AUDIT)
        assert message["metadata"]["event_payload"] == {"day": "2026-07-01"}
        assert len(slack.calls_to("chat.postMessage")) == 1
        async with database.transaction() as tx:
            row = await tx.digests.get(clock[0].date())
        assert row is not None and row.posted_ts == message["ts"]
