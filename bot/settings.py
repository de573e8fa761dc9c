"""Settings from the environment, checked at start-up with messages that say how to fix them."""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from dialogs.loading import DEFAULT_FLOW_ID

SLACK_API_DEFAULT = "https://slack.com/api/"


class Mode(StrEnum):
    HTTP = "serve"
    SOCKET = "socket"
    CHAT = "chat"
    AUDIT = "audit"


_WHERE = {
    "SLACK_BOT_TOKEN": "the Bot User OAuth Token (xoxb-...) on your Slack app's "
    "'OAuth & Permissions' page (README: 'Setting up the Slack app')",
    "SLACK_SIGNING_SECRET": "the Signing Secret on your Slack app's 'Basic Information' page",
    "SLACK_APP_TOKEN": "an App-Level Token (xapp-...) with connections:write, made on your "
    "Slack app's 'Basic Information' page once Socket Mode is enabled",
    "INFOSHARE_AUDIT_CHANNEL": "the ID (C... or G...) of the private audit channel, shown at the "
    "bottom of the channel's details in Slack; invite the bot into it with /invite @infoshare",
    "INFOSHARE_SECRET_KEY": "a random value of at least 32 characters that you keep secret and "
    "never change, e.g. the "
    'output of: python -c "import secrets; print(secrets.token_hex(32))"',
    "INFOSHARE_SUPERVISORS": "a comma-separated list of Slack user IDs (U...) or one user-group "
    "ID (S...) allowed to review decisions",
    "INFOSHARE_ADVISERS": "a comma-separated list of Slack user IDs (U...) or one user-group "
    "ID (S...): the safeguarding leads who answer advice requests (default: "
    "INFOSHARE_SUPERVISORS)",
    "INFOSHARE_ADVICE_CHANNEL": "the ID (C... or G...) of the private channel the advisers are "
    "in, with the bot invited (/invite @infoshare); leave it unset for no advice requests",
    "SLACK_API_URL": "the base URL of Slack's Web API, ending in /api/, over https "
    "(plain http only to a loopback address such as 127.0.0.1, for a local stand-in); "
    "leave it unset for Slack's own",
    "PORT": "a TCP port number, for example 3000",
    "INFOSHARE_DIGEST_TIME": "a UK time of day as HH:MM (24-hour, for example 08:30) for the "
    "daily supervisor digest in the audit channel; leave it unset for no digest",
    "INFOSHARE_FLOW": "the id of a flow under dialogs/flows/ (see `infoshare flows check`)",
}

_PATTERNS = {
    "SLACK_BOT_TOKEN": re.compile(r"^xoxb-[A-Za-z0-9-]+$"),
    "SLACK_APP_TOKEN": re.compile(r"^xapp-[A-Za-z0-9-]+$"),
    "SLACK_SIGNING_SECRET": re.compile(r"^[A-Za-z0-9]{16,}$"),
    "INFOSHARE_AUDIT_CHANNEL": re.compile(r"^[CG][A-Z0-9]{6,}$"),
    "INFOSHARE_SECRET_KEY": re.compile(r"^.{32,}$"),
    "INFOSHARE_SUPERVISORS": re.compile(
        r"^(S[A-Z0-9]{6,}|[UW][A-Z0-9]{6,}(\s*,\s*[UW][A-Z0-9]{6,})*)$"
    ),
    "INFOSHARE_ADVISERS": re.compile(
        r"^(S[A-Z0-9]{6,}|[UW][A-Z0-9]{6,}(\s*,\s*[UW][A-Z0-9]{6,})*)$"
    ),
    "INFOSHARE_ADVICE_CHANNEL": re.compile(r"^[CG][A-Z0-9]{6,}$"),
    "SLACK_API_URL": re.compile(r"^https?://[^\s/]+(/[^\s]*)?$"),
    "PORT": re.compile(r"^[0-9]{1,5}$"),
    "INFOSHARE_DIGEST_TIME": re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$"),
}

_REQUIRED = {
    Mode.HTTP: (
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "INFOSHARE_AUDIT_CHANNEL",
        "INFOSHARE_SECRET_KEY",
    ),
    Mode.SOCKET: (
        "SLACK_BOT_TOKEN",
        "SLACK_APP_TOKEN",
        "INFOSHARE_AUDIT_CHANNEL",
        "INFOSHARE_SECRET_KEY",
    ),
    Mode.CHAT: (),
    Mode.AUDIT: (),
}


@dataclass(frozen=True)
class Retention:
    """How long things are kept. A dialog idle for `nudge_hours` gets one reminder; idle for
    `expire_days` it is closed as abandoned. Decisions are kept `retention_years` (see the
    README, "Records: verify, export, retention", for why 25)."""

    nudge_hours: int = 24
    expire_days: int = 14
    retention_years: int = 25

    @property
    def nudge_after(self) -> timedelta:
        return timedelta(hours=self.nudge_hours)

    @property
    def expire_after(self) -> timedelta:
        return timedelta(days=self.expire_days)


@dataclass(frozen=True)
class AdviceTimes:
    """How long an advice request may wait untaken before it is announced again (and the
    practitioner told): `now_minutes` for one needed now, `later_minutes` otherwise."""

    now_minutes: int = 15
    later_minutes: int = 60

    def interval(self, urgency: str) -> timedelta:
        return timedelta(minutes=self.now_minutes if urgency == "now" else self.later_minutes)


_ADVICE_TIMES = {
    "INFOSHARE_ADVICE_REANNOUNCE_NOW_MINUTES": "now_minutes",
    "INFOSHARE_ADVICE_REANNOUNCE_MINUTES": "later_minutes",
}


def _advice_times(env: Mapping[str, str], problems: list[str]) -> AdviceTimes:
    chosen: dict[str, int] = {}
    for name, attribute in _ADVICE_TIMES.items():
        given = env.get(name, "").strip()
        if not given:
            continue
        if not given.isdigit() or not 1 <= int(given) <= 24 * 60:
            problems.append(
                f"{name} is not valid. It should be a whole number of minutes from 1 to 1440, "
                f"or unset for the default ({getattr(AdviceTimes, attribute)})."
            )
            continue
        chosen[attribute] = int(given)
    return AdviceTimes(**chosen)


# name: (attribute, smallest, largest, what it is)
_RETENTION_SETTINGS = {
    "INFOSHARE_NUDGE_HOURS": ("nudge_hours", 1, 24 * 365, "hours"),
    "INFOSHARE_EXPIRE_DAYS": ("expire_days", 1, 365, "days"),
    "INFOSHARE_RETENTION_YEARS": ("retention_years", 1, 100, "years"),
}


def _retention(env: Mapping[str, str], problems: list[str]) -> Retention:
    chosen: dict[str, int] = {}
    for name, (attribute, low, high, unit) in _RETENTION_SETTINGS.items():
        given = env.get(name, "").strip()
        if not given:
            continue
        if not given.isdigit() or not low <= int(given) <= high:
            problems.append(
                f"{name} is not valid. It should be a whole number of {unit} from {low} to "
                f"{high}, or unset for the default ({getattr(Retention, attribute)})."
            )
            continue
        chosen[attribute] = int(given)
    retention = Retention(**chosen)
    if retention.nudge_after >= retention.expire_after:
        problems.append(
            "INFOSHARE_NUDGE_HOURS is not valid. The reminder must come before the dialog "
            f"expires: fewer hours than INFOSHARE_EXPIRE_DAYS ({retention.expire_days}) x 24."
        )
    return retention


@dataclass(frozen=True)
class RateLimit:
    """Requests one user may send: `burst` at once, then `per_second` on average. A person
    working through the flowchart sends about one every few seconds."""

    burst: int = 12
    per_second: float = 1.0


class SettingsError(Exception):
    """Every problem with the environment, each naming the setting and how to fix it."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Settings:
    # Secrets (and a DATABASE_URL, which may hold a password) never appear in repr().
    bot_token: str = field(default="", repr=False)
    signing_secret: str = field(default="", repr=False)
    app_token: str = field(default="", repr=False)
    api_url: str = SLACK_API_DEFAULT
    audit_channel: str = ""
    supervisors: tuple[str, ...] = ()
    database_url: str | None = field(default=None, repr=False)
    flow_id: str = DEFAULT_FLOW_ID
    secret_key: bytes = field(default=b"", repr=False)
    port: int = 3000
    rate_limit: RateLimit = RateLimit()
    # UK local time of the daily supervisor digest; None: no digest.
    digest_time: time | None = None
    retention: Retention = Retention()
    # Advice requests to a lead: who answers (default: the supervisors) and their channel.
    advisers: tuple[str, ...] = ()
    advice_channel: str = ""
    advice_times: AdviceTimes = AdviceTimes()

    @property
    def asks_leads(self) -> bool:
        """Whether the advice step offers "Ask a lead now" (both settings are needed)."""
        return bool(self.advice_channel and self.advisers)

    @classmethod
    def from_environment(
        cls, mode: Mode, environ: Mapping[str, str] | None = None, port: int | None = None
    ) -> Settings:
        env = dict(os.environ if environ is None else environ)
        problems = []
        for name in _REQUIRED[mode]:
            if not env.get(name, "").strip():
                problems.append(f"{name} is not set. Set it to {_WHERE[name]}.")
        for name, pattern in _PATTERNS.items():
            value = env.get(name, "").strip()
            if value and not pattern.match(value):
                problems.append(f"{name} is not valid. It should be {_WHERE[name]}.")
        api_url = env.get("SLACK_API_URL", "").strip()
        # Tokens travel in every Web API call: never over plain http to another machine.
        if _PATTERNS["SLACK_API_URL"].match(api_url) and not _safe_api_url(api_url):
            problems.append(f"SLACK_API_URL is not valid. It should be {_WHERE['SLACK_API_URL']}.")
        retention = _retention(env, problems)
        advice_times = _advice_times(env, problems)
        if problems:
            raise SettingsError(problems)
        api_url = api_url or SLACK_API_DEFAULT
        supervisors = env.get("INFOSHARE_SUPERVISORS", "")
        advisers = env.get("INFOSHARE_ADVISERS", "").strip() or supervisors
        return cls(
            bot_token=env.get("SLACK_BOT_TOKEN", "").strip(),
            signing_secret=env.get("SLACK_SIGNING_SECRET", "").strip(),
            app_token=env.get("SLACK_APP_TOKEN", "").strip(),
            api_url=api_url if api_url.endswith("/") else api_url + "/",
            audit_channel=env.get("INFOSHARE_AUDIT_CHANNEL", "").strip(),
            supervisors=tuple(item.strip() for item in supervisors.split(",") if item.strip()),
            database_url=env.get("DATABASE_URL", "").strip() or None,
            flow_id=env.get("INFOSHARE_FLOW", "").strip() or DEFAULT_FLOW_ID,
            secret_key=env.get("INFOSHARE_SECRET_KEY", "").strip().encode(),
            port=port if port is not None else int(env.get("PORT", "").strip() or 3000),
            digest_time=_time_of_day(env.get("INFOSHARE_DIGEST_TIME", "")),
            retention=retention,
            advisers=tuple(item.strip() for item in advisers.split(",") if item.strip()),
            advice_channel=env.get("INFOSHARE_ADVICE_CHANNEL", "").strip(),
            advice_times=advice_times,
        )


def _time_of_day(value: str) -> time | None:
    """'08:30' as a time (already checked against its pattern); '' as None."""
    if not value.strip():
        return None
    hours, minutes = value.strip().split(":")
    return time(int(hours), int(minutes))


_LOOPBACK_HOSTS = ("localhost", "::1")


def _safe_api_url(url: str) -> bool:
    """https anywhere; plain http only to this machine (a local stand-in for Slack in tests)."""
    parsed = urlsplit(url)
    if parsed.scheme == "https":
        return True
    host = (parsed.hostname or "").lower()
    if parsed.scheme != "http" or not host:
        return False
    if host in _LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
