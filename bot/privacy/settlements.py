"""Villages, towns and localities, found by the gazetteer and by the words before them.

- After a place cue ("in", "to", "from", "near", "lives in", "moved to", "over in"), the longest
  run of capitalised words that is a settlement of under ``BIG_PLACE`` people ("lives in
  Tonypandy", "from Ashby-de-la-Zouch"). A name that is also an English word ("Street",
  "March") or a first name ("Ashley") needs a strong cue ("lives in", "moved to").
- After a strong cue, or "in"/"near", a capitalised run that is not a large area, a city, a
  country or a word of the field, and looks like a place: one the gazetteer does not know
  ("moved to Little Ouseburn", "in Thurnscoe"; not "moved to Early Help", "in Maths").
- In lower case, after a cue, a settlement whose name is no English word ("grans in
  abertillery").
- Without a cue, a settlement name that is neither a word nor a first name, unless an
  agency's name goes on from it ("Barnsley Council" stays).
"""

from collections.abc import Iterator

import regex

from bot.privacy.capitalised import RUN
from bot.privacy.gazetteer import (
    Settlement,
    key_of,
    large_area,
    longest_name_words,
    settlement,
    word_set,
)
from bot.privacy.lexicon import (
    ACRONYMS,
    FUNCTION_WORDS,
    NOT_NAMES,
    common_words,
    english_words,
    listed,
    ordinary,
)
from bot.privacy.local_services import in_council_name
from bot.privacy.quasi_types import QuasiFinding

_STRONG = (
    r"(?:lives?|living|lived|stays?|staying|stayed|based|settled|grew\s+up|born|raised"
    r"|resides?|residing)\s+(?:in|at|on|out\s+at|over\s+in|down\s+in|up\s+in|near)"
    r"|(?:moved|moving|move|relocated|relocating|went\s+back|going\s+back|gone\s+back"
    r"|moved\s+back|moving\s+back|move\s+back|back)\s+(?:to|down\s+to|up\s+to|over\s+to)"
    r"|originally\s+from|comes\s+from|come\s+from|village\s+of|town\s+of|over\s+in|out\s+at"
    r"|out\s+in|(?:nan|gran|nana|grandma|grandad|grandparents|dad|mum|aunt|auntie|aunty"
    r"|uncle|family)['’]?s?\s+(?:is\s+|are\s+|lives\s+)?in"
)
# A council's area that is also a town this big ("Wakefield", not the hamlet of "Wales").
_TOWN = 20_000
_WEAK = r"(?:in|at|to|from|near|nr\.?|around|outside|of|round|towards)"
# Compiled once: regex's own cache costs a lookup per call.
_NON_SPACE = regex.compile(r"\S+")
_JOINING_WORD = regex.compile(r"\s+(?:on|upon|under|in|le)\s")
_NUMBER_OR_LETTER_AFTER = regex.compile(r"\s+(?:\d|\p{Lu}\b)")
_CUED = regex.compile(rf"\b(?P<cue>(?i:(?P<strong>{_STRONG})|{_WEAK}))\s+(?:the\s+)?(?P<run>{RUN})")
_LOWER = regex.compile(
    rf"\b(?i:{_STRONG}|{_WEAK})\s{{1,3}}(?P<name>[a-z][a-z'\-]+(?:\s+[a-z][a-z'\-]+){{0,2}})"
)
# Only from the first letter of a capitalised word (from each digit of "1111…" it was quadratic).
_BARE = regex.compile(rf"(?<![\w\-'’])(?=\p{{Lu}})(?:{RUN})")
_CAPITALS = regex.compile(r"\p{Lu}{2,6}s?")
_ACRONYM_AFTER = regex.compile(r"\s+(\p{Lu}{2,6})\b")
# Names an agency goes on from: "Barnsley Council", "Rhondda Youth Service", "Harrogate and
# District NHS".
_AGENCY_AFTER = regex.compile(
    r"\s+(?:and\s+District\s+)?(?:Council|County|City|Borough|MBC|Metropolitan|Safeguarding|Children['’]s|Police"
    r"|NHS|Youth|Social|Family|Families|Early|Local|University|College|Hospital|CCG|ICB"
    r"|Health|Housing|Homes|Town|Partnership|Magistrates|Crown|Court|Football|FC|Rugby)\b"
)


def find(text: str) -> Iterator[QuasiFinding]:
    for m in _CUED.finditer(text, overlapped=True):
        found = _cued(text, m)
        if found:
            yield found
    for m in _LOWER.finditer(text, overlapped=True):
        found = _lower_case(m)
        if found:
            yield found
    for m in _BARE.finditer(text, overlapped=True):
        found = _uncued(text, m)
        if found:
            yield found


def _cued(text: str, m: regex.Match[str]) -> QuasiFinding | None:
    run_start = m.start("run")
    if not text[run_start].isupper():
        return None
    spans = [(w.start(), w.end()) for w in _NON_SPACE.finditer(m["run"])]
    match = _longest_settlement(m["run"], spans)
    strong = bool(m["strong"])
    if match:
        place, end = match
        if _JOINING_WORD.match(m["run"][end:]) and not _is_join(m["run"], spans):
            end = len(m["run"].rstrip(",.;:"))  # "Holme on Spalding Moor" beyond "Holme"
        # A town that is also its council's area ("Wakefield") is a place where someone lives
        # or comes from; after "to" or "at" it is as likely the council.
        town = place.population >= _TOWN and (strong or _inside_cue(m["cue"]) or _from(m["cue"]))
        area = large_area(place.name) and not town
        if not place.small or area or _agency_after(text, run_start + end):
            return None
        if (place.ordinary_word or _first_name(place.name)) and not strong:
            return None
        return QuasiFinding("PLACE", run_start, run_start + end, "settlement after a cue")
    if not strong and not _inside_cue(m["cue"]):
        return None
    first_end = spans[0][1]
    name = m["run"][:first_end] if _is_join(m["run"], spans) else m["run"]
    words = name.split()
    if large_area(name) or any(w.lower().strip(",.;:") in word_set("not_places") for w in words):
        return None
    big = settlement(name)
    if (big and not big.small) or not _place_like(words, m["run"][len(name) :], strict=not strong):
        return None
    return QuasiFinding(
        "PLACE", run_start, run_start + len(name.rstrip(",.;:")), "place after a cue"
    )


def _from(cue: str) -> bool:
    return cue.lower() == "from"


def _inside_cue(cue: str) -> bool:
    """ "in X", "near X": X is a place, where "to X", "from X", "at X" may be a person or a
    service."""
    return cue.lower().split()[-1] in ("in", "near", "nr", "nr.", "around", "outside")


def _place_like(words: list[str], after: str, strict: bool) -> bool:
    """A name the gazetteer lacks looks like a place: it ends in a word that is not one of the
    language's or the field's ("Little Ouseburn", not "Early Help"), has no word of the field
    in it, and no number or letter follows it ("Band A", "Stage 2"). After a weak cue ("in X")
    its first word must be neither a word of the language nor a first name either."""
    bare = [w.lower().strip(",.;:").removesuffix("'s") for w in words]
    if len(words) == 1 and _CAPITALS.fullmatch(words[0].strip(",.;:")):
        return False  # an acronym: "in DKA", "in ICU", "the HMOs"
    first = bare[0]
    return (
        not ordinary(bare[-1])
        and not any(w in NOT_NAMES or w in word_set("not_places") or len(w) < 2 for w in bare)
        and not (strict and (ordinary(first) or listed(first) or first in english_words()))
        and not _NUMBER_OR_LETTER_AFTER.match(after)
    )


def _longest_settlement(run: str, spans: list[tuple[int, int]]) -> tuple[Settlement, int] | None:
    for count in range(min(len(spans), longest_name_words() + 2), 0, -1):
        end = spans[count - 1][1]
        place = settlement(
            run[:end].rstrip(",.;:'’s")
            if run[:end].endswith(("'s", "’s"))
            else run[:end].rstrip(",.;:")
        )
        if place:
            return place, len(run[:end].rstrip(",.;:"))
    return None


def _is_join(run: str, spans: list[tuple[int, int]]) -> bool:
    """A run that joins two names ("Haddon on Monday"): keep only the first word."""
    joins = [i for i, (a, b) in enumerate(spans) if i and run[a:b] in ("on", "in", "the", "of")]
    if not joins or settlement(run) is not None:
        return False
    if run[slice(*spans[joins[0]])] != "on":
        return True
    # "Holme on Spalding Moor" is one village: a word after "on" that is no word of the
    # language (where "Haddon on Monday" joins two names).
    after = [run[a:b].lower().strip(",.;:") for a, b in spans[joins[0] + 1 :]]
    return all(ordinary(w) or w in word_set("not_places") or w == "the" for w in after)


def _lower_case(m: regex.Match[str]) -> QuasiFinding | None:
    words = m["name"].split()
    for count in range(len(words), 0, -1):
        name = " ".join(words[:count])
        place = settlement(name)
        if (
            place
            and place.small
            and not place.ordinary_word
            and len(name) >= 5
            and not _common(words[:count])
            and not large_area(name)
        ):
            start = m.start("name")
            return QuasiFinding("PLACE", start, start + len(name), "settlement in lower case")
    return None


def _uncued(text: str, m: regex.Match[str]) -> QuasiFinding | None:
    place = settlement(m.group())
    if (
        place is None
        or not place.small
        or place.ordinary_word
        or len(m.group()) < 5
        or large_area(m.group())
        or _first_name(m.group())
        or ordinary(key_of(m.group()))
        or _agency_after(text, m.end())
        or in_council_name(text, m.start(), m.end())
    ):
        return None
    return QuasiFinding("PLACE", m.start(), m.end(), "settlement")


def _agency_after(text: str, pos: int) -> bool:
    """An agency's name goes on from the place: "Barnsley Council", "Heathfield MASH"."""
    acronym = _ACRONYM_AFTER.match(text, pos)
    return bool(_AGENCY_AFTER.match(text, pos) or (acronym and acronym[1].lower() in ACRONYMS))


def _first_name(name: str) -> bool:
    return " " not in name and listed(name)


def _common(words: list[str]) -> bool:
    return any(w in FUNCTION_WORDS or w in common_words() or ordinary(w) for w in words)
