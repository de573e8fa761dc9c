"""INFOSHARE_NUDGE_HOURS, INFOSHARE_EXPIRE_DAYS, INFOSHARE_RETENTION_YEARS: defaults, and a
clear start-up error for each malformed value."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.records.retention import years_before
from bot.settings import Mode, Retention, Settings, SettingsError


def test_defaults() -> None:
    retention = Settings.from_environment(Mode.AUDIT, {}).retention
    assert retention == Retention(nudge_hours=24, expire_days=14, retention_years=25)
    assert (retention.nudge_after, retention.expire_after) == (
        timedelta(hours=24),
        timedelta(days=14),
    )


def test_chosen_values() -> None:
    env = {
        "INFOSHARE_NUDGE_HOURS": "48",
        "INFOSHARE_EXPIRE_DAYS": " 30 ",
        "INFOSHARE_RETENTION_YEARS": "6",
    }
    assert Settings.from_environment(Mode.AUDIT, env).retention == Retention(48, 30, 6)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("INFOSHARE_NUDGE_HOURS", "0"),
        ("INFOSHARE_NUDGE_HOURS", "1.5"),
        ("INFOSHARE_EXPIRE_DAYS", "two weeks"),
        ("INFOSHARE_EXPIRE_DAYS", "-3"),
        ("INFOSHARE_RETENTION_YEARS", "1000"),
    ],
)
def test_a_malformed_value_is_named_with_how_to_fix_it(name: str, value: str) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_environment(Mode.HTTP, {name: value})
    [problem] = [p for p in refused.value.problems if p.startswith(name)]
    assert "whole number" in problem and "default" in problem


def test_the_reminder_must_come_before_expiry() -> None:
    env = {"INFOSHARE_NUDGE_HOURS": "48", "INFOSHARE_EXPIRE_DAYS": "2"}
    with pytest.raises(SettingsError) as refused:
        Settings.from_environment(Mode.AUDIT, env)
    assert any("before the dialog expires" in p for p in refused.value.problems)


def test_years_before_handles_a_leap_day() -> None:
    leap = datetime(2028, 2, 29, 12, tzinfo=UTC)
    assert years_before(leap, 25) == datetime(2003, 2, 28, 12, tzinfo=UTC)
    assert years_before(leap, 4) == datetime(2024, 2, 29, 12, tzinfo=UTC)
