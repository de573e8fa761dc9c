"""Words written beside an identifier that belong to it: a name's initials and particles, an
address's flat and "no.". Left out, "F. [NAME]", "Mrs de [NAME]" or "top flat, [ADDRESS]" still
point to a person or a home, so the findings are widened over them."""

from dataclasses import Field, replace
from typing import Any, ClassVar, Protocol, TypeVar

import regex

from bot.privacy.gazetteer import settlement
from bot.privacy.lexicon import PERSON_BEFORE, PERSON_NOUNS, TITLES


class Found(Protocol):
    """A finding (bot.privacy.anonymiser.Finding, a dataclass), as the modules that add to or
    widen findings see it."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @property
    def entity(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


F = TypeVar("F", bound=Found)

# How far before a finding its initials, particles or flat are looked for: a window, so a long
# text with many findings costs no more than a short one per finding.
_REACH = 40

_PARTICLE = (
    # (Not "do", "ten": "lets Kayden do Tyler's homework".)
    r"(?:de|da|dos|das|del|della|di|du|la|le|van|von|der|den|ter|bin|ibn|bint|al|el|abu"
    r"|ap|ab|ferch|mac|nic|ní|ó|ui|uí)"
)
PARTICLES = regex.compile(rf"(?:\s{_PARTICLE})+\s", regex.IGNORECASE)
# After a title, the particles of the surname that follows: "Mrs de Souza", "Mr van der Berg".
_PARTICLES_AFTER_A_TITLE = regex.compile(
    rf"(?<=\b(?:mr|mrs|ms|miss|mx|dr|prof|pc|dc|ds|sgt|nurse)\.?\s)(?:{_PARTICLE}\s)+\Z",
    regex.IGNORECASE,
)
# Initials before a name found: "F. Grant", "P McDonagh", "J. R. Hartley" (not the article
# "A" nor the pronoun "I" without a dot: "A Grant was paid").
_INITIAL_BEFORE = regex.compile(r"(?<![\w.'’\-])(?:[A-Z]\.|(?![AI]\s)[A-Z])\s\Z")
_WORD_BEFORE = regex.compile(r"(?r)([^\W\d_]+)\.?\s*\Z")
# Words after which an initial can stand: a title, a word for a person, one that introduces a
# person ("to", "by", "mum"), another initial. Not an article or a noun: "got an A. Sarah",
# "vitamin D. Sarah", "Plan B. Sarah".
_BEFORE_AN_INITIAL = (
    TITLES
    | PERSON_BEFORE
    | PERSON_NOUNS
    | frozenset({"to", "by", "from", "with", "and", "or", "of", "for", "cc", "dear", "re", "is"})
    | frozenset({"was", "called", "named", "nee", "née", "signed", "attn", "fao", "per"})
    # Words no sentence ends on, before a person: "confirm if D. Okafor attends".
    | frozenset({"if", "whether", "that", "about", "told", "asked", "saw", "met", "rang"})
)


def _initial_can_stand(text: str, floor: int, at: int) -> bool:
    """Whether a capital before a name, at `at`, can be an initial by what comes before it:
    nothing, punctuation, a single letter, or a word that introduces a person."""
    before = text[max(floor, at - _REACH) : at].rstrip()
    if not before or not before[-1].isalnum():
        return True
    word = _WORD_BEFORE.search(before)
    return word is not None and (len(word[1]) == 1 or word[1].lower() in _BEFORE_AN_INITIAL)


def with_initials(findings: list[F], text: str) -> list[F]:
    """A name's initials, and after a title its particles, are part of it: left out, "F. [NAME]"
    or "Mrs de [NAME]" still points to the person."""
    widened: list[F] = []
    for f in findings:
        start = f.start
        if f.entity == "NAME":
            floor = widened[-1].end if widened else 0
            if match := _PARTICLES_AFTER_A_TITLE.search(text, max(floor, start - _REACH), start):
                start = match.start()
            while (
                match := _INITIAL_BEFORE.search(text, max(floor, start - _REACH), start)
            ) and _initial_can_stand(text, floor, match.start()):
                start = match.start()
        widened.append(f if start == f.start else replace(f, start=start))
    return widened


# What a note writes before an address that is part of it: which flat ("top flat, 7 Corporation
# St", "basement flat, 3 Albion Terr", "rm 4, 12 Hill Rd"), whose home ("c/o her nan's, 5 Mill
# St"), "above" a shop found with it, "no." and a house number the
# address was found without ("no.15 [Bank Top]").
_DWELLING_BEFORE = regex.compile(
    # Whose home it is or where in the building: "c/o her nan's, ", "above ", "the top flat".
    r"(?:\b(?:c/o|care\s+of)(?:\s+[\w'’]+){0,4},?\s+|\babove\s+|\bthe\s+"
    # "her boyfriend's nan's, 3 Fifers Lane": whose house it is.
    r"|\b(?:her|his|their|my|our)(?:\s+[\w\-]+['’]s){1,2},?\s+"
    # "her bungalow, 6 Thornbury Close": the kind of home, then its address.
    r"|\b(?:her|his|their|my|our|the)\s+(?:new\s+)?(?:bungalow|house|flat|home|caravan|trailer"
    r"|maisonette|cottage|place),\s+"
    # "first floor rear, 7 Penhale Terrace"; "3/2, 118 Calder Street" (floor/door).
    r"|\b(?:top|ground|first|second|third|1st|2nd|3rd|basement)[\s\-]floor(?:\s+(?:rear|front"
    r"|back|left|right))?,\s+|\b\d/\d,\s+)?"
    r"(?:\b(?:top|ground|first|second|third|1st|2nd|3rd|basement|upstairs|downstairs|back|front"
    r"|attic|rear|end|middle)(?:[\s\-]floor)?\s+)?"
    r"(?:\b(?:flat|room|rm|bedsit|maisonette|apartment|apt)(?:\s+\w{1,4})?,?\s+"
    # A house number after the flat, or after "no." (which alone goes only before a figure).
    r"(?:(?:no|number)\.?\s*)?(?:\d{1,4}[a-z]?,?\s+)?"
    r"|\b(?:no|number)\.?\s*\d{1,4}[a-z]?,?\s+)?\Z",
    regex.IGNORECASE,
)


_NUMBER_WORD_BEFORE = regex.compile(r"\b(?:no|number)\.?\s*\Z", regex.IGNORECASE)
# "her [bungalow, 6 Thornbury Close]": whose the home found is.
_OWNER_BEFORE = regex.compile(r"\b(?:her|his|their|my|our)\s+\Z", regex.IGNORECASE)
_KIND_OF_HOME = regex.compile(
    r"(?:new\s+)?(?:bungalow|house|flat|home|caravan|trailer|maisonette|cottage|place)\b",
    regex.IGNORECASE,
)
# The house number between a flat found and its street found: "Flat 8, 2 Green Lanes".
_HOUSE_NUMBER_AFTER_A_FLAT = regex.compile(r",?\s+(\d{1,4}[a-z]?,?\s+)")


def with_dwelling(findings: list[F], text: str) -> list[F]:
    """An address with the flat and the "no." written before it: left out, "top flat, [ADDRESS]"
    is still a pointer to one home."""
    widened: list[F] = []
    for f in findings:
        start = f.start
        if f.entity == "ADDRESS":
            floor = widened[-1].end if widened else 0
            match = _DWELLING_BEFORE.search(text, max(floor, start - _REACH), start)
            if match is not None and match.start() < start:
                start = match.start()
            elif _KIND_OF_HOME.match(text, start) and (
                owner := _OWNER_BEFORE.search(text, max(floor, start - 8), start)
            ):
                start = owner.start()
            elif text[start : start + 1].isdigit() and (
                number := _NUMBER_WORD_BEFORE.search(text, max(floor, start - 10), start)
            ):
                start = number.start()
            elif (
                widened
                and widened[-1].entity == "ADDRESS"
                and (number := _HOUSE_NUMBER_AFTER_A_FLAT.fullmatch(text, floor, start))
            ):
                start = number.start(1)
        widened.append(f if start == f.start else replace(f, start=start))
    return widened


# Where one home is written in pieces found apart: "the YMCA on Gower St, room 31", "Holiday Inn
# Express, room 418", "22 Marine Parade, Hove". The words between are only a comma or a
# preposition of place.
_PLACE_KINDS = frozenset({"ADDRESS", "PLACE", "ORG"})
_JOINING = regex.compile(
    r",[ \t]*|[ \t]*,?[ \t]+(?:on|at|in|off|near)[ \t]+(?:the[ \t]+)?", regex.IGNORECASE
)


def with_joined_places(findings: list[F], text: str) -> list[F]:
    """An address and the place, building or room written beside it, as one address: the
    pieces are one home, and the preview counts it once."""
    joined: list[F] = []
    for f in findings:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.entity in _PLACE_KINDS
            and f.entity in _PLACE_KINDS
            and "ADDRESS" in (last.entity, f.entity)
            and _JOINING.fullmatch(text, last.end, f.start) is not None
        ):
            joined[-1] = replace(last, entity="ADDRESS", end=f.end)
        else:
            joined.append(f)
    return [
        _with_towns(f, text, joined[k + 1] if k + 1 < len(joined) else None)
        for k, f in enumerate(joined)
    ]


# A town written after an address: in a form's layout ("54 Fossdyke Road, Newcastle", "210
# Shields Road / Byker / Newcastle / NE6 1DP", a contact card's ";Hull;;"), dictated without
# commas ("82 Exmouth road Stoke in Plymouth"), or the locality before the postcode ("43
# Ravensdale walk Bentilee S T 2 zero Q R"). The town where the family lives identifies them
# with the address, however large it is: it joins the address.
_TOWN_AFTER = regex.compile(
    r"(?:[ \t]*(?:,|(?P<form>/|;{1,2}))[ \t]*|[ \t]+in[ \t]+|[ \t]+)"
    r"(?P<town>\p{Lu}[\p{L}'’\-]+(?:[ \t]+\p{Lu}[\p{L}'’\-]+){0,2})"
    # (Two spaces or a tab part a pasted form's fields: "..., Newcastle  FOB: ...".)
    r"(?=[ \t]*(?:$|[,;/.)\n]|[ \t]+\p{Lu}{1,2}\d|[ \t]+(?:in|and)\b)|[ \t]{2,}|\t)"
)


def _with_towns(f: F, text: str, following: F | None) -> F:
    if f.entity != "ADDRESS":
        return f
    limit = following.start if following is not None else len(text)
    end = f.end
    # After a comma or a space only a known settlement, or any name right before the postcode;
    # a form's slashes and semicolons part an address's lines, so any capitalised line is one.
    while (m := _TOWN_AFTER.match(text, end, limit)) and (
        m["form"]
        or settlement(m["town"]) is not None
        or (
            following is not None
            and following.entity == "POSTCODE"
            and not text[m.end("town") : following.start].strip(" \t,")
        )
    ):
        end = m.end("town")
    return f if end == f.end else replace(f, end=end)
