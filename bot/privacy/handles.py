"""Vehicle registrations and social media handles.

A current-style plate ("AB12 CDE", "ab12cde") stands alone when written in capitals or without
the space; in lower case with a space, and in the older styles ("P123 ABC", "ABC 123D"), it
needs a vehicle word before it. A handle is an @name near a platform's name ("insta",
"snap", "tiktok", "gamertag"), or the name given after one ("snap is kaizzy22"); Slack's own
mentions (<@U…>) stay Slack mentions.
"""

from collections.abc import Iterator

import regex

from bot.privacy.lexicon import ordinary
from bot.privacy.quasi_types import QuasiFinding

_VEHICLE_CUE = (
    r"(?:reg|registration|reg\.?\s+(?:no|number)|plate|plates|number\s+plate|car|van|vehicle"
    r"|motorbike|bike|moped|taxi|cab|lorry|truck|4x4|astra|corsa|golf|fiesta|focus|polo|bmw"
    r"|audi|merc|mercedes|transit|range\s+rover|drives|driving|driven|pnc|anpr|vrm)"
)
_VEHICLE_CUE_RE = regex.compile(rf"\b{_VEHICLE_CUE}\b[^.!?\n]*$", regex.IGNORECASE)
# Capitals or no space: a plate wherever it is. Otherwise: only after a vehicle word.
_PLATES = regex.compile(
    r"\b(?:(?P<sure>(?-i:[A-Z]{2}\s?\d{2}\s?[A-Z]{3})|[a-z]{2}\d{2}[a-z]{3})"
    r"|[a-z]{2}\d{2}\s[a-z]{3}|[a-z]\d{1,3}\s?[a-z]{3}|[a-z]{3}\s?\d{1,3}[a-z])\b",
    regex.IGNORECASE,
)
_PLATFORM = (
    r"(?:insta(?:gram)?|ig|snap(?:chat)?|sc|tik\s?tok|tt|twitter|telegram|discord|facebook|fb"
    r"|xbox|psn|playstation|gamertag|twitch|youtube|threads|kik|whatsapp|roblox|fortnite"
    r"|handle|username|user\s?name)"
)
_AT = regex.compile(
    rf"(?<=\b{_PLATFORM}\b[^.!?\n]{{0,40}})(?<![\w@<.])@[\w.]{{2,30}}(?<!\.)"
    rf"|(?<![\w@<.])@[\w.]{{2,30}}(?<!\.)(?=[^.!?\n]{{0,30}}\b{_PLATFORM}\b)",
    regex.IGNORECASE,
)
# The words between a platform and the handle it gives: "snapchat name", "his snap is",
# "insta:", "On TikTok as". Matched forwards (a look-behind over a run of spaces was quadratic).
_LEAD_IN = (
    rf"\b{_PLATFORM}(?:\s{{1,3}}(?:name|handle|username|account|acc|id|tag|is|was|as|called)){{0,3}}"
    r"\s{0,3}[:\-=]?\s{1,3}"
)
_GIVEN = regex.compile(
    rf"{_LEAD_IN}(?P<handle>(?![\w.#]*@)(?=[\w.#]*(?:\d|_|\.\w|#)|(?-i:[a-z]+[A-Z]))"
    r"[\w][\w.#]{2,30}(?<![.]))",
    regex.IGNORECASE,
)
# "her insta is maddiexoxo": a plain word after "<platform> is", unless it says how the
# account is ("private", "blocked") or is a word of the language.
_NAMED = regex.compile(
    rf"\b{_PLATFORM}(?:\s{{1,3}}(?:name|handle|username|account))?\s{{1,3}}(?:is|was|=)\s{{1,3}}"
    r"(?P<handle>(?-i:[a-z][a-z0-9]{4,29}))\b",
    regex.IGNORECASE,
)
_ACCOUNT_STATES = frozenset(
    {"private", "public", "blocked", "deleted", "hacked", "closed", "locked", "active"}
    | {"inactive", "banned", "down", "gone", "fake", "new", "open", "full", "empty", "there"}
    | {"still", "always", "never", "sometimes"}
)


def find(text: str) -> Iterator[QuasiFinding]:
    for m in _PLATES.finditer(text):
        if m["sure"] or _VEHICLE_CUE_RE.search(text, max(0, m.start() - 50), m.start()):
            yield QuasiFinding("VEHICLE_REG", m.start(), m.end(), "vehicle registration")
    for m in _AT.finditer(text):
        yield QuasiFinding("SOCIAL_HANDLE", m.start(), m.end(), "handle near a platform")
    for m in _NAMED.finditer(text):
        if m["handle"] not in _ACCOUNT_STATES and not ordinary(m["handle"]):
            yield QuasiFinding(
                "SOCIAL_HANDLE", m.start("handle"), m.end("handle"), "handle after a platform"
            )
    for m in _GIVEN.finditer(text):
        yield QuasiFinding(
            "SOCIAL_HANDLE", m.start("handle"), m.end("handle"), "handle after a platform"
        )
