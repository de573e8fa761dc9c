"""Identifiers found by their likeness to one already found in the same text.

A note that dates one day in figures lists its neighbours the same way ("visits 8/1, 15/1 and
22/1"), and one system's references share a format ("his pupil number is 014472, his sister's
014473"). The evidence that made the rules sure of one (a word of when, a reference's label) is
often written once, before or after the list, so the others are caught by their likeness to it.
"""

from collections.abc import Iterable, Iterator
from typing import Protocol

import regex

# A day and month in figures, no year: "8/1", "19.06". A list joins them with a comma, a
# semicolon, "and", "&", "or" or "n" ("12.06, 19.06", "3/4 and 5/4").
_DAY_MONTH = r"(?:0?[1-9]|[12][0-9]|3[01])(?:/(?:0?[1-9]|1[0-2])|\.(?:0[1-9]|1[0-2]))"
_WHOLE_DAY_MONTH = regex.compile(rf"{_DAY_MONTH}")
_JOIN = r"(?:[ \t]*[,;&][ \t]*|[ \t]*,?[ \t]+(?:and|or|n|&)[ \t]+)"
_NEXT = regex.compile(rf"\G{_JOIN}({_DAY_MONTH})(?![/.]?\d)", regex.IGNORECASE)
_PREVIOUS = regex.compile(rf"(?r)(?<![\d/.])({_DAY_MONTH}){_JOIN}\Z", regex.IGNORECASE)

# A reference worth matching by shape has at least five figures: shorter ones ("Room 104",
# "£250") are too common to be the same system's by their shape alone.
_MIN_FIGURES = 5
_TOKEN = regex.compile(r"(?<![\w/\-.])[A-Za-z0-9][A-Za-z0-9/\-]*[A-Za-z0-9](?![\w/\-]|\.\d)")


class Found(Protocol):
    @property
    def entity(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def like_found(text: str, findings: Iterable[Found]) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of each identifier not yet found that is listed with, or shaped like,
    one that was. Overlaps with `findings` are left to the caller to resolve."""
    found = list(findings)
    for finding in found:
        if finding.entity == "DATE" and _WHOLE_DAY_MONTH.fullmatch(
            text[finding.start : finding.end]
        ):
            yield from _listed_days(text, finding.start, finding.end)
    shapes = {
        _shape(text[f.start : f.end])
        for f in found
        if f.entity == "CASE_NUMBER" and _figures(text[f.start : f.end]) >= _MIN_FIGURES
    }
    if shapes:
        covered = [(f.start, f.end) for f in found]
        for token in _TOKEN.finditer(text):
            if _shape(token.group()) in shapes and not any(
                s < token.end() and token.start() < e for s, e in covered
            ):
                yield ("CASE_NUMBER", token.start(), token.end())


def _listed_days(text: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """The days and months listed on either side of the one at [start, end)."""
    position = end
    while match := _NEXT.match(text, position):
        yield ("DATE", match.start(1), match.end(1))
        position = match.end()
    position = start
    while match := _PREVIOUS.search(text, 0, position):
        yield ("DATE", match.start(1), match.end(1))
        position = match.start(1)


def _shape(reference: str) -> str:
    """"014472" -> "999999"; "MC-2024-1182" -> "AA-9999-9999"."""
    return "".join("9" if c.isdigit() else "A" if c.isalpha() else c for c in reference.upper())


def _figures(reference: str) -> int:
    return sum(c.isdigit() for c in reference)
