"""The Slack app manifest grants exactly what the app uses, and nothing more."""

from typing import Any

import pytest
import yaml

from tests.fakeslack import MANIFEST_PATH, manifest_bot_scopes

EVENTS_URL = "https://YOUR-HOST/slack/events"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    loaded = yaml.safe_load(MANIFEST_PATH.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_bot_scopes_are_exactly_the_ones_used() -> None:
    assert manifest_bot_scopes() == {
        "commands", "chat:write", "im:history", "groups:read", "groups:history",
        "im:write",  # a follow-up DM's history is searched after a timeout: conversations.open
        "usergroups:read",  # INFOSHARE_SUPERVISORS as a user group: usergroups.users.list
    }


def test_no_user_scopes_are_requested(manifest: dict[str, Any]) -> None:
    assert set(manifest["oauth_config"]["scopes"]) == {"bot"}


def test_only_direct_messages_and_the_home_tab_are_subscribed(manifest: dict[str, Any]) -> None:
    events = manifest["settings"]["event_subscriptions"]
    assert events == {"request_url": EVENTS_URL, "bot_events": ["message.im", "app_home_opened"]}


def test_one_slash_command(manifest: dict[str, Any]) -> None:
    (command,) = manifest["features"]["slash_commands"]
    assert command["command"] == "/infoshare"
    assert command["url"] == EVENTS_URL
    assert command["usage_hint"] == "[help | resume | history]"
    assert command["should_escape"] is True
    assert 0 < len(command["description"]) <= 100


def test_interactivity_home_tab_and_writable_messages_tab(manifest: dict[str, Any]) -> None:
    assert manifest["settings"]["interactivity"] == {"is_enabled": True, "request_url": EVENTS_URL}
    assert manifest["features"]["app_home"] == {
        "home_tab_enabled": True,
        "messages_tab_enabled": True,
        "messages_tab_read_only_enabled": False,
    }
    assert manifest["features"]["bot_user"]["always_online"] is True


def test_settings_and_metadata(manifest: dict[str, Any]) -> None:
    assert manifest["_metadata"]["major_version"] == 1
    settings = manifest["settings"]
    assert settings["org_deploy_enabled"] is False
    assert settings["socket_mode_enabled"] is False
    assert settings["token_rotation_enabled"] is False
    info = manifest["display_information"]
    assert info["name"] == "infoshare"
    assert 0 < len(info["description"]) <= 140
    assert 175 <= len(info["long_description"]) <= 4000
