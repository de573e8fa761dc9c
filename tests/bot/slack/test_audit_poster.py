"""The audit poster outlives an unreachable Slack (the post is retried later, not lost) and a
decision whose post cannot be built (it is set aside; the others go on)."""

from __future__ import annotations

import logging
import socket
from datetime import timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import recording
from bot.core.services import Services
from bot.privacy.anonymiser import get_anonymiser
from bot.settings import Mode, Settings
from bot.slack.audit_poster import AuditPoster
from bot.text.rendering import render
from dialogs.engine import replay
from dialogs.loading import FlowLibrary
from dialogs.record import DecisionFields
from storage import Database
from tests.fakeslack import FakeSlack
from tests.storage.samples import NOW, PATH, dialog_at_outcome, recorded_decision

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
        assert await tx.outbox.pending_count() == 1

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
        assert await tx.outbox.pending_count() == 0


async def test_a_post_that_cannot_be_built_is_set_aside_and_the_next_one_posts(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    settings = Settings.from_environment(Mode.CHAT, {"INFOSHARE_AUDIT_CHANNEL": AUDIT})
    services = Services(settings, database, FlowLibrary.shipped(), get_anonymiser(b"k" * 32))
    dialog = await dialog_at_outcome(database, "U0USER0001")
    async with database.transaction() as tx:  # a record this version of the bot cannot read
        broken = await tx.decisions.record(
            dialog, "share", PATH, {"lawful_basis": "repealed_basis"}, AUDIT, NOW
        )
    fine = await recorded_decision(database, "U0USER0002")

    async with FakeSlack() as slack:
        slack.add_channel(AUDIT, "audit", is_private=True, is_member=True)
        poster = AuditPoster(services, AsyncWebClient(token="xoxb-fake", base_url=slack.api_url))
        await poster.deliver_due()
        await poster.deliver_due()  # and again: the set-aside row is not retried
        texts = [call.params.get("text", "") for call in slack.calls_to("chat.postMessage")]
    assert texts == [
        render("audit_set_aside.j2", reference=broken.reference, code="build_failed"),
        f"Decision {fine.reference}: awaiting review",
    ]
    async with database.transaction() as tx:
        assert await tx.outbox.set_aside_count() == 1
        assert await tx.outbox.pending_count() == 0
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
        f"audit post for {broken.reference} set aside (build_failed); it will not be retried"
    ]
    assert "outbox" not in caplog.text  # not taken for a database outage
