"""Identifiers found by their likeness to one already found in the same text.

A note that dates one day in figures lists its neighbours the same way ("visits 8/1, 15/1 and
22/1"), and one system's references share a format ("his UPN is 0482211, his sister's
0482212"). The evidence that made the rules sure of one (a word of when, a reference's label) is
often written once, before or after the list, so the others are caught by their likeness to it.
"""

import bisect
import itertools
from collections.abc import Iterable, Iterator

import regex

from bot.privacy.date_patterns import FRACTION_OF, OUTCOME, UNIT_AFTER
from bot.privacy.widening import Found

# A day and month in figures, no year: "8/1", "19.06". A list joins them with a comma, "and",
# "&", "or" or "n" ("12.06, 19.06", "3/4 and 5/4").
_DAY_MONTH = r"(?:0?[1-9]|[12][0-9]|3[01])(?:/(?:0?[1-9]|1[0-2])|\.(?:0[1-9]|1[0-2]))"
_JOIN = r"(?:[ \t]*[,&][ \t]*|[ \t]*,?[ \t]+(?:and|or|n|&)[ \t]+)"
# (Not a share of something counted or an outcome: "3/4 and 2/3 of the plan", "2/3 met".)
_NOT_A_SHARE = rf"(?![ \t]*(?:{UNIT_AFTER}|{FRACTION_OF}\b|{OUTCOME}\b|%))"
_NEXT = regex.compile(rf"\G{_JOIN}({_DAY_MONTH})(?![/.]?\d|\w){_NOT_A_SHARE}", regex.IGNORECASE)
_PREVIOUS = regex.compile(rf"(?r)(?<![\d/.\w])({_DAY_MONTH}){_JOIN}\Z", regex.IGNORECASE)
# A date found that ends, or starts, with a day and month in figures: "3/4", "3/4/24", "03.04".
_ENDS_IN_A_DAY = regex.compile(rf"(?<![\d/.]){_DAY_MONTH}(?:[/.]\d{{2,4}})?\Z")
_STARTS_WITH_A_DAY = regex.compile(rf"{_DAY_MONTH}(?![\d/.]?\d)")

# An item of a chronology: a day and month at the start of the text or after ",", ";", ":",
# " / " or " - ", then the words of what happened ("3.3 friend disclosure, 4.3 referral to MASH,
# 6.3 strat"; "3/1 wt 5.1kg / 17/1 wt 5.1kg").
_ITEM_DAY = regex.compile(
    r"(?:^|(?<=[,;:\n][ \t]{0,3})|(?<=[ \t][/\-–][ \t]{1,3}))"
    r"((?:0?[1-9]|[12][0-9]|3[01])([/.])(?:0?[1-9]|1[0-2]))"
    rf"(?![/.]?\d|\w)(?=[ \t]+(?:[\-–:][ \t]+)?[A-Za-z]){_NOT_A_SHARE}",
    regex.MULTILINE,
)
# Three items at least, written one way and in the order of the calendar, two of them in one
# month, make a chronology (and not a list numbered "1.1, 1.2, 1.3" nor scores out of ten).
_CHRONOLOGY_ITEMS = 3

# A reference worth matching by shape has at least five figures, and a letter or a separator in
# it or a leading zero ("MC-2024-1182", "0482211"): a bare run of figures of the same length
# may be money or a count ("£15000", "100000 homes").
_MIN_FIGURES = 5
_TOKEN = regex.compile(r"(?<![\w/\-.£$€])[A-Za-z0-9][A-Za-z0-9/\-]*[A-Za-z0-9](?![\w/\-]|\.\d)")


def like_found(text: str, findings: Iterable[Found]) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of each identifier not yet found that is listed with, or shaped like,
    one that was. None overlaps a finding; each is given once."""
    found = list(findings)
    covered = _Covered(found)
    yield from _listed_days(text, [f for f in found if f.entity == "DATE"], covered)
    yield from _chronology(text, covered)
    yield from _house_numbers_again(text, [f for f in found if f.entity == "ADDRESS"], covered)
    shapes = {
        _shape(reference)
        for f in found
        if f.entity == "CASE_NUMBER" and _worth_a_shape(reference := text[f.start : f.end])
    }
    if shapes:
        for token in _TOKEN.finditer(text):
            if _shape(token.group()) in shapes and not covered.overlaps(*token.span()):
                yield ("CASE_NUMBER", token.start(), token.end())


# A house number in an address found, and the range it may be part of: "12-14 Walmer Street".
_HOUSE_NUMBERS = regex.compile(
    r"(?<![\w/.:£$])(\d{1,4})[a-zA-Z]?(?:[ \t]*[\-–][ \t]*(\d{1,4})[a-zA-Z]?)?\b"
)
# The same number alone elsewhere, with or without a letter ("12a", "27A"), that is no count, no
# measure and no time ("her 7 children", "7 weeks", "7pm", "7:30").
_HOUSE_NUMBER = regex.compile(
    # (Not an age, a year group or a level: "Year 12", "is 12 today", "aged 12", "Level 3".)
    r"(?<!\b(?:year|yr|y|aged?|is|was|turned|turns|turning|class|level|stage|tier|band|grade|page"
    r"|para|section|step|group|under|over|of|top|bottom|score|scored|£)[ \t]?)"
    r"(?<![\w/.:£$€\-])(\d{1,4})[a-hA-H]?(?![\w/:%\-]|[.,]\d)"
    rf"(?![ \t]*(?:{UNIT_AFTER}|%|am\b|pm\b|o['’]?clock|(?:children|kids|people|times|weeks?|wks?"
    r"|days?|months?|years?|yrs?|yo|nights?|sessions?|visits?|calls?|siblings?|brothers?|sisters?"
    r"|sons?|daughters?|children|babies|boys?|girls?|adults?|others?|more|of)\b|out\s+of))",
    regex.IGNORECASE,
)


_AT_BEFORE = regex.compile(
    r"\b(?:at|by|until|till|from|after|before|around)[ \t]+\Z", regex.IGNORECASE
)


def _house_numbers_again(
    text: str, addresses: list[Found], covered: "_Covered"
) -> Iterator[tuple[str, int, int]]:
    """A house number of an address found, written again alone ("she's at 12a Walmer St... post
    goes to 12a", "64-66 Carlton Hill, they're in 66", "27 Pinfold Street ... 27A on the door")."""
    numbers = {
        n
        for a in addresses
        for m in _HOUSE_NUMBERS.finditer(text, a.start, a.end)
        for n in m.groups()
        if n is not None
    }
    if not numbers:
        return
    for m in _HOUSE_NUMBER.finditer(text):
        if m.group(1) not in numbers or covered.overlaps(*m.span()):
            continue
        # "at 3" is as likely a time; "at 23a" is a house.
        if m.group().isdigit() and _AT_BEFORE.search(text, 0, m.start()):
            continue
        yield ("ADDRESS", m.start(), m.end())


def _listed_days(
    text: str, dates: list[Found], covered: "_Covered"
) -> Iterator[tuple[str, int, int]]:
    """The days and months listed on either side of a date found. A walk stops at anything
    already found, whose own walk goes on from there, so a long list costs one pass."""
    for date in dates:
        if _ENDS_IN_A_DAY.search(text, date.start, date.end):
            position = date.end
            while (m := _NEXT.match(text, position)) and not covered.overlaps(*m.span(1)):
                yield ("DATE", m.start(1), m.end(1))
                position = m.end()
        if _STARTS_WITH_A_DAY.match(text, date.start, date.end):
            position = date.start
            while (m := _PREVIOUS.search(text, 0, position)) and not covered.overlaps(*m.span(1)):
                yield ("DATE", m.start(1), m.end(1))
                position = m.start(1)


def _chronology(text: str, covered: "_Covered") -> Iterator[tuple[str, int, int]]:
    """Days heading the items of a chronology: three or more written the same way ("3.3",
    "4.3"), in the calendar's order with two in one month, each followed by what happened."""
    for separator in "/.":
        items = [m for m in _ITEM_DAY.finditer(text) if m.group(2) == separator]
        if len(items) < _CHRONOLOGY_ITEMS:
            continue
        days = [tuple(map(int, reversed(m.group(1).split(separator)))) for m in items]
        in_order = all(earlier <= later for earlier, later in itertools.pairwise(days))
        if in_order and len({month for month, _ in days}) < len(days) and _dated(items, days):
            for m in items:
                if not covered.overlaps(*m.span(1)):
                    yield ("DATE", m.start(1), m.end(1))


def _dated(items: list[regex.Match[str]], days: list[tuple[int, ...]]) -> bool:
    """Items that read as days, not as scores ("2/10 worried, 5/10 ok", "2/5 attendance"): a
    score is never above what it is out of, so some day above its month, or a dash or colon
    after every day."""
    return any(day > month for month, day in days) or all(
        _DASH_AFTER.match(m.string, m.end(1)) for m in items
    )


_DASH_AFTER = regex.compile(r"[ \t]*[\-–:]")


class _Covered:
    """The spans already found, for a quick "does this overlap one?" (they never overlap each
    other, so sorted by start they are sorted by end too)."""

    def __init__(self, found: list[Found]) -> None:
        spans = sorted((f.start, f.end) for f in found)
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end


def _worth_a_shape(reference: str) -> bool:
    figures = sum(c.isdigit() for c in reference)
    return figures >= _MIN_FIGURES and (not reference.isdigit() or reference.startswith("0"))


def _shape(reference: str) -> str:
    """ "014472" -> "999999"; "MC-2024-1182" -> "AA-9999-9999"."""
    return "".join("9" if c.isdigit() else "A" if c.isalpha() else c for c in reference.upper())
