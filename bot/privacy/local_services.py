"""Local authorities, their services and the field's acronyms are not people.

Practitioners name the council, county, police force or health body a service belongs to
("Kent's Levels of Need", "the Barnet 0-19 Early Help Hub", "Kent and Medway ICB"), the service
itself ("Derbyshire Starting Point", "Integrated Front Door") and its acronym ("CASS", "KCC
front door", "Cardiff and Vale UHB"). Many of these words are in the names lists. They stay
names where only a person fits: after a title or a cue, before an age, before "said" at the
start of a clause, alone after a word that takes a person ("told Kent"), or owning a relative
("Kent's mum"); the rules before these in ``WORD_RULES`` see to titles and person slots.
"""

import regex

from bot.privacy.context import Context
from bot.privacy.lexicon import (
    FUNCTION_WORDS,
    PERSON_BEFORE,
    POSSESSED,
    SPOKE_TO,
    listed,
    word_list,
)
from bot.privacy.tokens import fold, is_capitalised, words

LOCAL_AREAS = word_list("local_areas")
LOCAL_SERVICE_NAMES = word_list("local_service_names")
LOCAL_ACRONYMS = word_list("local_acronyms")

# An age after the word: "Devon (aged 7)", "Kent, 7,", "Kent is 7".
_AGE_AFTER = regex.compile(
    r"(?:\s*[,(]\s*(?:aged?\s*)?\d|\s*\(\s*dob\b|\s+(?:is|was|aged)\s+(?:aged\s+)?\d)",
    regex.IGNORECASE,
)
_AMPERSAND = regex.compile(r"\s*&\s*")
_NOT_IN_A_PHRASE = regex.compile(r"[^\w'\-]+")
_JOINS = frozenset(["and", "&"])

Index = dict[str, list[tuple[int, int, str]]]


def _normal(text: str) -> str:
    """A phrase as the lists write it: folded, "&" as "and", no commas or dots."""
    text = _AMPERSAND.sub(" and ", fold(text.replace("’", "'")))
    return _NOT_IN_A_PHRASE.sub(" ", text).strip()


def _index(phrases: frozenset[str]) -> Index:
    """Each word of the phrases, with where it stands in which phrase and the phrase's length;
    not the function words ("and", "of", "the"), which are never names: looking up every "and"
    of a text in the phrases with one would cost more than all the rest."""
    index: Index = {}
    for phrase in sorted(phrases):
        phrase_words = [fold(w.text) for w in words(phrase)]
        for position, word in enumerate(phrase_words):
            if word not in FUNCTION_WORDS:
                index.setdefault(word, []).append((position, len(phrase_words), _normal(phrase)))
    return index


_AREAS = _index(LOCAL_AREAS)
_SERVICE_NAMES = _index(LOCAL_SERVICE_NAMES)


def _in_phrase(c: Context, i: int, index: Index) -> int:
    """How many words the longest of the index's phrases has that word `i` is in, written out
    in full around it (0 for none)."""
    tokens = c.tokens
    longest = 0
    for position, length, phrase in index.get(fold(tokens[i].text), ()):
        start, end = i - position, i - position + length - 1
        if start < 0 or end >= len(tokens):
            continue
        if any(tokens[k].possessive for k in range(start, end)):
            continue
        if length > longest and _normal(c.text[tokens[start].start : tokens[end].end]) == phrase:
            longest = length
    return longest


def local_acronym(c: Context, i: int) -> bool:
    """ "KCC front door", "NWP said", "rang CASS", "ChAD said": a local body's acronym, in
    capitals or ending in one."""
    text = c.tokens[i].text
    return (
        (text.isupper() or text[-1:].isupper())
        and fold(text) in LOCAL_ACRONYMS
        and not c.after_title(i)
    )


def in_service_name(c: Context, i: int) -> bool:
    """ "Front Door", "Just One Norfolk", "NHS FT": a word of a local service's name."""
    return _in_phrase(c, i, _SERVICE_NAMES) > 0


def names_local_area(c: Context, i: int) -> bool:
    """ "Devon MASH", "Kent's Levels of Need", "North East and North Cumbria ICB", "merton
    MASH": a word of a local area's name, not where a person fits (a name of several words,
    "Avon and Somerset", is the area's wherever it stands)."""
    length = _in_phrase(c, i, _AREAS)
    if length == 0:
        return False
    return length > 1 or not _person_fits(c, i, listed(c.tokens[i].text))


def unlisted_local_area(c: Context, i: int) -> bool:
    """ "Pembs said ring back", "Merseyside": a local area's name in no names list is nobody's,
    even where a person could stand, unless after a title."""
    return _in_phrase(c, i, _AREAS) > 0 and not listed(c.tokens[i].text) and not c.after_title(i)


def capitals_not_a_person(c: Context, i: int) -> bool:
    """ "PVP team", "WYP safeguarding unit", "SNT officer": three capitals or more, no dots,
    before a word a body or service takes, in a text that is not all capitals, are an acronym
    unless a person fits there ("KIRSTY'S team"). Alone, three capitals stay initials ("JRT
    said") and a longer word in capitals a surname ("HALL who"): in the training text they are
    as often a school's or hospital's short name ("at CHS", "UHW ED"), which identifies."""
    text, nxt = c.tokens[i].text, c.next(i)
    return (
        len(text) >= 3
        and text.isupper()
        and text.isalpha()
        and nxt is not None
        and c.gap(c.tokens[i], nxt) == " "
        and nxt.text.lower() in _BODY_WORDS
        and not c.shouting
        and not c.after_title(i)
        and not _person_fits(c, i, True)
    )


# Words after an acronym that make it a body or a service: "PVP team", "KCC front door".
_BODY_WORDS = frozenset(
    [
        "app",
        "board",
        "front",
        "hub",
        "icb",
        "legal",
        "officer",
        "officers",
        "panel",
        "procedures",
        "safeguarding",
        "service",
        "services",
        "team",
        "unit",
    ]
)


def _person_fits(c: Context, i: int, after_person_word: bool) -> bool:
    """Word `i` stands where a person does: after a cue, before an age, owning a relative, or
    (if `after_person_word`) alone after a word that takes a person."""
    word, nxt = c.tokens[i], c.next(i)
    if c.after_cue(i) or _AGE_AFTER.match(c.text, word.end + (2 if word.possessive else 0)):
        return True
    if word.possessive and nxt is not None and nxt.text.islower() and nxt.text in POSSESSED:
        return True
    return after_person_word and _alone_after_person_word(c, i)


def _alone_after_person_word(c: Context, i: int) -> bool:
    """ "told Kent", "spoke to Kingston", but not "with Devon MASH" nor "Torbay and Devon"."""
    word, prev, nxt = c.tokens[i], c.prev(i), c.next(i)
    if prev is None or c.gap(prev, word) != " ":
        return False
    goes_on = nxt is not None and c.gap(word, nxt) == " "
    if goes_on and nxt is not None and (is_capitalised(nxt.text) or word.possessive):
        return False
    lower = prev.text.lower()
    if lower in _JOINS:
        return i >= 2 and not (_in_phrase(c, i - 2, _AREAS) or c.tokens[i - 2].text.isupper())
    if lower == "to":
        before = c.prev(i - 1)
        return before is not None and before.text.lower() in SPOKE_TO
    return lower in PERSON_BEFORE


def in_council_name(text: str, start: int, end: int) -> bool:
    """text[start:end], a town, is one of the towns a council of several words is named after,
    written out in full ("Redcar and Cleveland", "Windsor and Maidenhead", "Blackburn with
    Darwen"): the council, which identifies nobody."""
    c = Context(text)
    return any(
        start <= word.start < end and _in_phrase(c, i, _AREAS) > 1
        for i, word in enumerate(c.tokens)
    )
