"""Quasi-identifiers: what does not name a person but, with the rest, points to one family -
a school, a GP surgery, an estate or village, a workplace, a car, a social media account.

The telling words of a school, a surgery, a place or a workplace ("Oakfield" of "Oakfield
Primary") are remembered like names: later in the same text, and in later turns of the dialog
through ``known``, "at Oakfield" goes too."""

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

import regex

from bot.privacy import handles, local_spots, named_places, settlements, venues
from bot.privacy.gazetteer import large_area, settlement
from bot.privacy.lexicon import listed, ordinary
from bot.privacy.named_places import generic
from bot.privacy.quasi_types import QuasiFinding
from bot.privacy.scales import only_ratings

__all__ = ["QuasiFinding", "find_quasi_identifiers", "memorable_words"]

_REMEMBERED_KINDS = frozenset({"SCHOOL", "HEALTH_SETTING", "PLACE", "ORG"})
_WORD = regex.compile(r"\p{L}[\p{L}\-]*")
# "Sunrise Car Wash, Kirkstall", "Oakfield Primary, Bramley": the district after a named setting.
_LOCALITY = regex.compile(r",\s{1,2}(\p{Lu}\p{Ll}+(?:[\- ]\p{Lu}\p{Ll}+)?)(?=\s*(?:[.,;:)]|$))")
_NAMED_SETTINGS = frozenset({"SCHOOL", "HEALTH_SETTING", "ORG"})


def find_quasi_identifiers(text: str) -> list[QuasiFinding]:
    found = [*named_places.find(text), *settlements.find(text), *handles.find(text)]
    found += local_spots.find(text)
    found += venues.find(text)
    found += _localities(text, found)
    # "in the High band", "72 hours for Amber": a rating names no place or workplace.
    found = [f for f in found if not only_ratings(text[f.start : f.end])]
    return found + list(_repeated(text, found))


def _localities(text: str, found: list[QuasiFinding]) -> list[QuasiFinding]:
    spots = []
    for f in found:
        m = _LOCALITY.match(text, f.end) if f.entity in _NAMED_SETTINGS else None
        if m and not _identifies_nobody(m[1]):
            spots.append(QuasiFinding("PLACE", m.start(1), m.end(1), "district of a setting"))
    return spots


def _identifies_nobody(name: str) -> bool:
    place = settlement(name)
    lower = name.lower()
    return (
        large_area(name)
        or (place is not None and not place.small)
        or ordinary(lower)
        or listed(lower)
        or lower in generic()
    )


def memorable_words(text: str, findings: Iterable[QuasiFinding]) -> set[str]:
    """The words of the findings that name one place ("Oakfield", not "Primary" or "Elm")."""
    words: set[str] = set()
    for f in findings:
        if f.entity not in _REMEMBERED_KINDS:
            continue
        for m in _WORD.finditer(text, f.start, f.end):
            lower = m.group().lower()
            if len(lower) > 2 and lower not in generic() and not ordinary(lower):
                words.add(m.group())
    return words


def _repeated(text: str, found: list[QuasiFinding]) -> Iterable[QuasiFinding]:
    """Each telling word again elsewhere in the text ("Oakfield Primary ... at Oakfield")."""
    kinds = {w.lower(): f.entity for f in found for w in memorable_words(text, [f])}
    if not kinds:
        return
    # Whether a position lies inside a finding, by bisection: a scan of every finding per word
    # was quadratic on text with many findings.
    spans = sorted((f.start, f.end) for f in found)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))
    for m in _WORD.finditer(text):
        kind = kinds.get(m.group().lower())
        before = bisect_right(starts, m.start())
        if kind and not (before and reach[before - 1] > m.start()):
            yield QuasiFinding(kind, m.start(), m.end(), "same words as a place found")
