"""The audit poster outlives an unreachable Slack: the post is retried later, not lost."""

from __future__ import annotations

import socket
from datetime import timedelta

from slack_sdk.web.async_client import AsyncWebClient

from bot import recording
from bot.audit_poster import AuditPoster
from bot.conversation import Services
from bot.privacy.anonymiser import get_anonymiser
from bot.settings import Mode, Settings
from dialogs.engine import replay
from dialogs.loading import FlowLibrary
from dialogs.record import DecisionFields
from storage import Database
from tests.fakeslack import FakeSlack

AUDIT = "G0AUDIT001"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_an_unreachable_slack_is_retried_with_backoff_then_posted(
    database: Database,
) -> None:
    settings = Settings.from_environment(Mode.CHAT, {"INFOSHARE_AUDIT_CHANNEL": AUDIT})
    flows = FlowLibrary.shipped()
    services = Services(settings, database, flows, get_anonymiser(b"k" * 32))
    flow = flows.latest("hm-gov-2018")
    state = replay(flow, (("purpose", "no"),))
    dialog = await recording.adopt_outcome(services, "T0TEAM0001", "U0USER0001", flow, state)
    drafted = await recording.draft_decision(
        services, "T0TEAM0001", "U0USER0001", dialog.id, DecisionFields(reasons="no purpose")
    )
    assert isinstance(drafted, recording.Drafted)
    recorded = await recording.confirm_decision(
        services, "T0TEAM0001", "U0USER0001", dialog.id, recording.draft_digest(drafted.draft)
    )
    assert isinstance(recorded, recording.Recorded)

    unreachable = AsyncWebClient(
        token="xoxb-fake", base_url=f"http://127.0.0.1:{_closed_port()}/api/"
    )
    wait = await AuditPoster(services, unreachable).deliver_due()
    assert 0 < wait <= 1.0  # the first backoff, not the idle interval
    async with database.transaction() as tx:
        assert await tx.pending_outbox_count() == 1

    async with FakeSlack() as slack:
        slack.add_channel(AUDIT, "audit", is_private=True, is_member=True)
        reachable = AsyncWebClient(token="xoxb-fake", base_url=slack.api_url)
        later = Services(
            settings,
            database,
            flows,
            services.anonymiser,
            clock=lambda: services.clock() + timedelta(seconds=5),
        )
        await AuditPoster(later, reachable).deliver_due()
        posts = [call for call in slack.calls_to("chat.postMessage") if call.ok]
    assert len(posts) == 1
    assert recorded.decision.reference in str(posts[0].params["blocks"])
    async with database.transaction() as tx:
        assert await tx.pending_outbox_count() == 0
