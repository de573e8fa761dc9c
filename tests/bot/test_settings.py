"""Settings this issue added: the digest time is off by default, and a malformed one stops
start-up with a message naming it."""

from __future__ import annotations

from datetime import time

import pytest

from bot.settings import Mode, Settings, SettingsError

BASE = {
    "SLACK_BOT_TOKEN": "xoxb-fake",
    "SLACK_SIGNING_SECRET": "8f742231b10e8888abcd99yyyzzz85a5",
    "INFOSHARE_AUDIT_CHANNEL": "G0AUDIT001",
    "INFOSHARE_SECRET_KEY": "k" * 40,
}


def test_the_digest_is_off_unless_a_time_is_set() -> None:
    assert Settings.from_environment(Mode.HTTP, BASE).digest_time is None
    settings = Settings.from_environment(Mode.HTTP, {**BASE, "INFOSHARE_DIGEST_TIME": "08:30"})
    assert settings.digest_time == time(8, 30)


@pytest.mark.parametrize("value", ["8:30", "24:00", "08:60", "morning", "08:30:00"])
def test_a_malformed_digest_time_is_named_with_how_to_fix_it(value: str) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_environment(Mode.HTTP, {**BASE, "INFOSHARE_DIGEST_TIME": value})
    (problem,) = refused.value.problems
    assert problem.startswith("INFOSHARE_DIGEST_TIME is not valid.")
    assert "HH:MM" in problem


def test_supervisors_are_user_ids_or_one_user_group() -> None:
    ids = Settings.from_environment(
        Mode.HTTP, {**BASE, "INFOSHARE_SUPERVISORS": "U0SUPER01, U0SUPER02"}
    )
    assert ids.supervisors == ("U0SUPER01", "U0SUPER02")
    with pytest.raises(SettingsError):
        Settings.from_environment(Mode.HTTP, {**BASE, "INFOSHARE_SUPERVISORS": "S0GROUP01,U0X1"})


def test_advisers_default_to_the_supervisors_and_leads_need_a_channel() -> None:
    supervisors = {**BASE, "INFOSHARE_SUPERVISORS": "U0SUPER01"}
    without_channel = Settings.from_environment(Mode.HTTP, supervisors)
    assert without_channel.advisers == ("U0SUPER01",)
    assert not without_channel.asks_leads  # the advice step stays as it was
    leads = Settings.from_environment(
        Mode.HTTP,
        {**supervisors, "INFOSHARE_ADVICE_CHANNEL": "G0LEADS01", "INFOSHARE_ADVISERS": "S0LEADS01"},
    )
    assert leads.asks_leads and leads.advisers == ("S0LEADS01",)
    assert leads.advice_times.interval("now").total_seconds() == 15 * 60
    assert leads.advice_times.interval("today").total_seconds() == 60 * 60


def test_advice_settings_are_checked() -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_environment(
            Mode.HTTP,
            {
                **BASE,
                "INFOSHARE_ADVICE_CHANNEL": "#leads",
                "INFOSHARE_ADVISERS": "lead@example.org",
                "INFOSHARE_ADVICE_REANNOUNCE_NOW_MINUTES": "0",
            },
        )
    problems = refused.value.problems
    assert [p.split(" ")[0] for p in problems] == [
        "INFOSHARE_ADVISERS", "INFOSHARE_ADVICE_CHANNEL", "INFOSHARE_ADVICE_REANNOUNCE_NOW_MINUTES"
    ]
