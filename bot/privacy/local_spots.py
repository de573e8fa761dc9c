"""Places named by where they are rather than what they are called: "the kebab shop on Harehills
Road" (a workplace), "the mosque on Brudenell Road" (a community the family attends), "the rec
on Bramley Lane", "the lay-by on the A64" (where young people gather), "the Premier Inn on
Wellington Street", "a B&B on Harrogate Road", "Room 12, the Grange Hotel, Station Road" (where
someone stays: an address). Also hospital wards by number ("Ward 40") and handles shaped like
handles with no platform word near ("messaging jaydenb_07")."""

from collections.abc import Iterator

import regex

from bot.privacy.lexicon import ordinary
from bot.privacy.quasi_types import QuasiFinding

_STREET_TYPES = (
    r"Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Way|Crescent|Terrace|Grove|Gardens"
    r"|Place|Parade|Row|Hill|Mount|Square|View|Walk|Green|Court|Rise|Heights|Vale|Approach"
    r"|Broadway|Boulevard|Fold|Wynd|Mews|Croft|Gate|Bank|Brow|Side|Top"
)
_STREET = (
    rf"(?:(?:\p{{Lu}}[\w'’\-]*\s+){{1,3}}(?-i:{_STREET_TYPES})\b\.?"
    r"|(?:the\s+)?(?-i:[AB]\d{1,4})\b)"
)
_ORG_KINDS = (
    r"kebab\s+shop|chip\s+shop|chippy|(?:hand\s+)?car\s+wash|takeaway|take\s+away|barbers?|barber['’]s"
    r"|nail\s+(?:bar|salon)|nails|warehouse|factory|mosque|masjid|gurdwara|mandir|temple|church"
    r"|kingdom\s+hall"
    r"|chapel|synagogue|corner\s+shop|shop|off\s+licen[cs]e|offie|newsagents?|garage|caf[eé]"
    r"|restaurant|pub|club|gym|salon|bakery|butchers?|supermarket|laundrette|launderette"
    r"|mechanics|tyre\s+place|car\s+lot|community\s+cent(?:re|er)"
)
_PLACE_KINDS = (
    r"rec|park|lay-?by|car\s+park|flats|shops|precinct|underpass|bus\s+station|garages|bench(?:es)?"
)
_STAY_KINDS = (
    r"premier\s+inn|travelodge|ibis|hotel|hostel|refuge|children['’]?s\s+home|b\s?&\s?b"
    r"|bed\s+and\s+breakfast|guest\s?house|bedsit|flat|house|bungalow|maisonette|caravan"
)
_SPOT = regex.compile(
    rf"\b(?i:the|a|an|his|her|their|our|my|\w+['’]s)\s+(?:[\w'’&]+\s+){{0,3}}?(?i:(?P<org>{_ORG_KINDS})|(?P<place>{_PLACE_KINDS})"
    rf"|(?P<stay>{_STAY_KINDS}))\s+(?:(?:on|off|in|at\s+the\s+(?:top|bottom|end)\s+of)\s+)"
    rf"(?P<street>{_STREET})"
)
_ROOM = regex.compile(
    rf"\b(?i:room|rm)\s+\d{{1,4}}[a-z]?,?\s+(?:the\s+)?(?:\p{{Lu}}[\w'’\-]*\s+){{1,4}}"
    rf"(?i:hotel|hostel|inn|lodge|house|guest\s?house|b\s?&\s?b),?\s+{_STREET}"
)
_WARD = regex.compile(r"\b(?i:ward)\s+\d{1,3}[A-Za-z]?\b|\b(?-i:Ward)\s+\p{Lu}\d?\b")
# A health unit named by its hospital: "the Children's Assessment Unit at St James's", "the
# SCBU at Calderdale", "maternity at Airedale".
_UNIT_AT = regex.compile(
    r"(?i:\bthe\s+)?(?:(?:(?<![\w'’\-])\p{Lu}[\w'’\-]*\s+){1,4}(?:Unit|Ward|Department|Wing)"
    r"|\b(?-i:SCBU|NICU|PICU|HDU|ICU|CAU|EPU|A&E)|\b(?i:maternity|neonatal\s+unit"
    r"|children['’]s\s+ward|(?:labour|delivery|antenatal|postnatal)\s+ward))\s+(?:at|in)\s+"
    r"(?:(?i:the)\s+)?(?:St\.?\s+|Saint\s+)?\p{Lu}[\w'’\-]*(?:\s+(?:Hospital|Infirmary))?"
)
# Lower case with digits, underscores or dots inside ("jaydenb_07", "lil.kay23", "xx_sienna_xx").
_HANDLE = regex.compile(
    r"(?<![\w@.<\-/])(?=[a-z0-9._]*[a-z]{3})"
    r"(?:[a-z][a-z0-9]*(?:[._][a-z0-9]+)+_?|[a-z]{4,}\d{2,4}|x+_[a-z0-9_]+)(?![\w@\-/]|\.\w)"
)
_NOT_HANDLES = regex.compile(r"(?:year|yr|y|ks|covid|mp|ps|a|b|m|n|j)\d+|e\.g|i\.e|etc|a\.m|p\.m")


_TOP_LEVEL_DOMAINS = frozenset(
    ["com", "net", "org", "uk", "gov", "wales", "cymru", "scot", "nhs", "sch", "ac", "info"]
)
# Compiled once: regex's own cache costs a lookup per call.
_LETTERS_THEN_DIGITS = regex.compile(r"([a-z]+)([._]?)(\d+)")


def find(text: str) -> Iterator[QuasiFinding]:
    for m in _SPOT.finditer(text):
        if m["org"]:
            yield QuasiFinding("ORG", m.start(), m.end(), "workplace on a street")
        elif m["place"]:
            yield QuasiFinding("PLACE", m.start(), m.end(), "gathering place on a street")
        else:
            yield QuasiFinding("ADDRESS", m.start(), m.end(), "place of stay on a street")
    for m in _ROOM.finditer(text):
        yield QuasiFinding("ADDRESS", m.start(), m.end(), "room at a place of stay")
    for m in _WARD.finditer(text):
        yield QuasiFinding("HEALTH_SETTING", m.start(), m.end(), "hospital ward")
    for m in _UNIT_AT.finditer(text):
        yield QuasiFinding("HEALTH_SETTING", m.start(), m.end(), "unit at a hospital")
    for m in _HANDLE.finditer(text):
        handle = m.group()
        # "nhs.net", "hwb.gov.wales": a web domain, not an account.
        domain = "." in handle and handle.rsplit(".", 1)[1] in _TOP_LEVEL_DOMAINS
        if not _NOT_HANDLES.fullmatch(handle) and not _word_and_number(handle) and not domain:
            yield QuasiFinding("SOCIAL_HANDLE", m.start(), m.end(), "shaped like a handle")


def _word_and_number(token: str) -> bool:
    """ "section47", "room12", "page_3": a word of the language and a number; "fig.2", "no.12":
    an abbreviation and a number."""
    parts = _LETTERS_THEN_DIGITS.fullmatch(token)
    return bool(parts and (ordinary(parts[1]) or parts[2] == "."))
