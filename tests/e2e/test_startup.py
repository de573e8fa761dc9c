"""The bot refuses to start with an unsafe audit channel or missing settings, saying which."""

from __future__ import annotations

import pytest

from bot.settings import Mode, Settings, SettingsError
from bot.slack.audit import AuditChannelError
from bot.slack.server import serving
from tests.e2e.conftest import settings_for
from tests.fakeslack import FakeSlack


@pytest.mark.parametrize(
    ("channel", "private", "member", "says"),
    [
        ("C0PUBLIC01", False, True, "is a public channel"),
        ("G0NOTIN001", True, False, "not a member"),
        ("G0MISSING1", None, None, "no such channel"),
    ],
)
async def test_an_unsafe_audit_channel_stops_the_bot(
    slack: FakeSlack,
    database_url: str,
    channel: str,
    private: bool | None,
    member: bool | None,
    says: str,
) -> None:
    if private is not None and member is not None:
        slack.add_channel(channel, "audit", is_private=private, is_member=member)
    settings = settings_for(slack, database_url, INFOSHARE_AUDIT_CHANNEL=channel)
    with pytest.raises(AuditChannelError) as raised:
        async with serving(settings, "127.0.0.1", 0):
            pytest.fail("the bot started")
    assert says in str(raised.value)
    assert channel in str(raised.value)
    # It never got as far as posting anything.
    assert slack.calls_to("chat.postMessage") == []


def test_missing_settings_are_each_named() -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_environment(Mode.HTTP, {"SLACK_BOT_TOKEN": "xoxb-1-ok"})
    message = str(raised.value)
    for name in ("SLACK_SIGNING_SECRET", "INFOSHARE_AUDIT_CHANNEL", "INFOSHARE_SECRET_KEY"):
        assert f"{name} is not set" in message
    assert "SLACK_BOT_TOKEN" not in message
    assert len(raised.value.problems) == 3


def test_a_malformed_setting_is_named() -> None:
    env = {
        "SLACK_BOT_TOKEN": "not-a-token",
        "SLACK_SIGNING_SECRET": "8f742231b10e8888abcd99yyyzzz85a5",
        "INFOSHARE_AUDIT_CHANNEL": "#audit",
        "INFOSHARE_SECRET_KEY": "k" * 40,
    }
    with pytest.raises(SettingsError) as raised:
        Settings.from_environment(Mode.HTTP, env)
    assert [problem.split()[0] for problem in raised.value.problems] == [
        "SLACK_BOT_TOKEN",
        "INFOSHARE_AUDIT_CHANNEL",
    ]


@pytest.mark.parametrize(
    "url",
    ["http://slack.example.org/api/", "http://10.0.0.5:8080/api/", "ftp://127.0.0.1/api/"],
)
def test_a_slack_api_url_over_plain_http_to_another_machine_is_refused(url: str) -> None:
    env = {**_VALID_ENV, "SLACK_API_URL": url}
    with pytest.raises(SettingsError) as raised:
        Settings.from_environment(Mode.HTTP, env)
    assert [problem.split()[0] for problem in raised.value.problems] == ["SLACK_API_URL"]
    assert "https" in str(raised.value)


@pytest.mark.parametrize(
    "url",
    [
        "https://slack.example.org/api/",
        "http://127.0.0.1:9000/api/",
        "http://127.5.6.7/api/",
        "http://localhost:9000/api/",
        "http://[::1]:9000/api/",
    ],
)
def test_a_slack_api_url_over_https_or_to_loopback_is_accepted(url: str) -> None:
    settings = Settings.from_environment(Mode.HTTP, {**_VALID_ENV, "SLACK_API_URL": url})
    assert settings.api_url.rstrip("/") == url.rstrip("/")


def test_secrets_never_appear_in_the_settings_repr() -> None:
    env = {
        **_VALID_ENV,
        "SLACK_APP_TOKEN": "xapp-asec77",
        "DATABASE_URL": "postgresql://bot:dbpassword99@db.internal:5432/infoshare",
    }
    shown = repr(Settings.from_environment(Mode.HTTP, env)) + str(
        Settings.from_environment(Mode.HTTP, env)
    )
    for secret in (
        _VALID_ENV["SLACK_BOT_TOKEN"],
        _VALID_ENV["SLACK_SIGNING_SECRET"],
        _VALID_ENV["INFOSHARE_SECRET_KEY"],
        "asec77",
        "dbpassword99",
    ):
        assert secret not in shown
    assert "G0AUDIT001" in shown  # the rest is still there to help an operator


_VALID_ENV = {
    "SLACK_BOT_TOKEN": "xoxb-bsec77",
    "SLACK_SIGNING_SECRET": "8f742231b10e8888abcd99aaa85a5",
    "INFOSHARE_AUDIT_CHANNEL": "G0AUDIT001",
    "INFOSHARE_SECRET_KEY": "s" * 40,
}
