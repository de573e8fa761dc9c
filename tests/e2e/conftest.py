"""The real HTTP app, started on loopback against a fake Slack Web API, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.server import Running, serving
from bot.settings import Mode, Settings
from tests.fakeslack import FakeSlack, manifest_bot_scopes
from tests.slack_requests import SIGNING_SECRET, SlackSender

AUDIT_CHANNEL = "G0AUDIT001"
BOT_TOKEN = "xoxb-0000000000-test-token"
SECRET_KEY = "k" * 40


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack(scopes=manifest_bot_scopes()) as fake:
        fake.add_channel(AUDIT_CHANNEL, "infoshare-audit", is_private=True, is_member=True)
        yield fake


def settings_for(slack: FakeSlack, database_url: str, **overrides: str) -> Settings:
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "INFOSHARE_AUDIT_CHANNEL": AUDIT_CHANNEL,
        "INFOSHARE_SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": database_url,
        **overrides,
    }
    return Settings.from_environment(Mode.HTTP, env, port=0)


@dataclass
class Bot:
    """A running bot and a sender of signed requests to it."""

    running: Running
    sender: SlackSender
    url: str
    extra: dict[str, Any] = field(default_factory=dict)


BotFactory = Callable[..., AbstractAsyncContextManager[Bot]]


@pytest.fixture
def start_bot(slack: FakeSlack, database_url: str) -> BotFactory:
    """Start (another) instance of the real app on the same database."""
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def started(**overrides: str) -> AsyncIterator[Bot]:
        settings = settings_for(slack, database_url, **overrides)
        async with serving(settings, "127.0.0.1", 0) as (running, port):
            url = f"http://127.0.0.1:{port}"
            async with SlackSender(url, SIGNING_SECRET) as sender:
                yield Bot(running, sender, url)

    return started


@pytest.fixture
async def bot(start_bot: BotFactory) -> AsyncIterator[Bot]:
    async with start_bot() as running:
        yield running
