"""The rules that decide whether a word is a name, each with a name that says why.

``WORD_RULES`` are tried in order on every word; the first that applies decides, for or
against. ``NEIGHBOUR_RULES`` then add words next to a found name. Each rule looks only at a
word and its near neighbours (see ``Context``), which keeps the finder linear.
"""

from collections.abc import Callable, Container
from dataclasses import dataclass

import regex

from bot.privacy.context import Context
from bot.privacy.lexicon import (
    ACRONYMS,
    ASIDE_WORDS,
    DEICTIC,
    EPONYM_HEADS,
    FUNCTION_WORDS,
    NOT_NAMES,
    PERSON_BEFORE,
    POSSESSED,
    SPOKE_TO,
    TITLES,
    ambiguous,
    community_names,
    english_words,
    listed,
    may_be_subject,
    name_list,
    ordinary,
)
from bot.privacy.tokens import fold, is_all_caps, is_capitalised, parts

# Names of the rules outside the lists below.
SURNAME = "surname after a name"
SAME_TEXT = "same word found elsewhere in this text"
REMEMBERED = "remembered from earlier in this dialog"
NO_RULE = "no rule"
FIRST_NAME = "first name before a name"
LISTED_WITH = "listed with a name"
NICKNAME = "nickname in brackets after a name"
FIRST_OF_PAIR = "first name of 'X and Y Surname'"
_COORDINATION = regex.compile(r",\s*|,?\s+(?:and|&|or)\s+")


@dataclass(frozen=True)
class Rule:
    name: str
    applies: Callable[[Context, int], bool]
    is_name: bool


def _text(c: Context, i: int) -> str:
    return c.tokens[i].text


def _lower(c: Context, i: int) -> str:
    return c.tokens[i].text.lower()


def _short_capitals(c: Context, i: int) -> bool:
    text = _text(c, i)
    return text.isupper() and len(text) <= 3 and "." not in text


def _initials(c: Context, i: int) -> bool:
    """ "JS": two or three capitals, not a field acronym, in a text that is not all shouting."""
    text = _text(c, i)
    return (
        2 <= len(text) <= 3
        and text.isalpha()
        and not c.shouting
        and text.lower() not in ACRONYMS
        and text.lower() not in NOT_NAMES
    )


def _lower_case_name(c: Context, i: int) -> bool:
    """A name typed in lower case ("mum (kayleigh)"): every part is a listed name and none is
    an English or field word; short ones ("dev", "ali") are too often something else."""
    word = _text(c, i)
    word_parts = parts(word)
    return (
        len(word) >= 4
        and bool(word_parts)
        and all(
            p.isalpha() and p in name_list() and p not in community_names() and not ordinary(p)
            for p in word_parts
        )
        and not any(p in ASIDE_WORDS or p in POSSESSED for p in word_parts)
    )


def _lower_case_subject(c: Context, i: int) -> bool:
    """ "may has asked", "precious said", "said mason is with his dad": a listed word starting
    a clause in a person slot."""
    word = _text(c, i)
    return (
        c.starts_clause(i)
        and all(p in name_list() for p in parts(word))
        and may_be_subject(word)
        and c.person_slot(i)
    )


def _subject(c: Context, i: int) -> bool:
    """ "Will was upset", "Fartun disclosed", "Zarlasht is 16": a capitalised word in a person
    slot where a clause starts, whatever the lists say of it ("Safe in Education says" is
    not); an English word only where nothing but a person fits ("Justice was excluded")."""
    text = _text(c, i)
    if is_all_caps(text) or not c.starts_clause(i):
        return False
    if may_be_subject(text):
        return c.person_slot(i)
    lower = fold(text)
    return (
        lower in english_words()
        and lower not in NOT_NAMES
        and lower not in FUNCTION_WORDS
        and lower not in DEICTIC
        and c.person_only_slot(i)
    )


def _plural_of_name(c: Context, i: int) -> bool:
    """ "the Fenwicks", "Dariuszs mum": a listed name with an "s", as a family or an owner."""
    word = c.tokens[i]
    stem = word.text[:-1]
    if word.possessive or not word.text.endswith("s") or len(stem) < 3:
        return False
    if not listed(stem) or ambiguous(stem) or ordinary(fold(stem)):
        return False
    prev = c.prev(i)
    return (prev is not None and prev.text.lower() == "the") or c.next_word(i) in POSSESSED


def _before_number(c: Context, i: int) -> bool:
    """ "Article 8", "Tier 2": a word before a number is rarely a person."""
    end = c.tokens[i].end
    return c.text[end : end + 1] == " " and c.text[end + 1 : end + 2].isdigit()


def _unlisted(c: Context, i: int) -> bool:
    return not listed(_text(c, i))


def _possessed(c: Context, i: int) -> bool:
    return c.tokens[i].possessive and c.next_word(i) in POSSESSED


def _possessive_before_lower_case(c: Context, i: int) -> bool:
    """ "Jasleen's bedroom", but not "Today's meeting"."""
    word, nxt = c.tokens[i], c.next(i)
    return (
        word.possessive
        and nxt is not None
        and nxt.text.islower()
        and c.gap(word, nxt).strip(" '’s") == ""
        and not (c.initial[i] and fold(word.text) in DEICTIC)
    )


def _alone_after_person_word(c: Context, i: int) -> bool:
    """ "flagged 4 attendances for Chidinma in 6 weeks", "stepdad Oisin": a lone proper noun
    after a word that takes a person; not an English word ("met with Housing") nor the next of
    a list of agencies ("CAMHS and Bridgeway")."""
    word, prev, nxt = c.tokens[i], c.prev(i), c.next(i)
    return (
        not c.initial[i]
        and prev is not None
        and prev.text.lower() in PERSON_BEFORE
        and c.gap(prev, word) == " "
        and (nxt is None or not is_capitalised(nxt.text) or c.gap(word, nxt) != " ")
        and fold(word.text) not in english_words()
        and not (prev.text.lower() == "and" and _agency_before(c, i - 1))
    )


def _agency_before(c: Context, i: int) -> bool:
    """The word before word `i` is an agency or a field acronym ("CAMHS and ...")."""
    before = c.prev(i)
    if before is None:
        return False
    lower = before.text.lower()
    person_word = lower in POSSESSED or lower in ASIDE_WORDS  # "mum and Qadira"
    return is_all_caps(before.text) or lower in ACRONYMS or (lower in NOT_NAMES and not person_word)


def _unlisted_and(test: Callable[[Context, int], bool]) -> Callable[[Context, int], bool]:
    return lambda c, i: _unlisted(c, i) and test(c, i)


WORD_RULES = (
    Rule("field acronym", lambda c, i: _text(c, i).isupper() and _lower(c, i) in ACRONYMS, False),
    Rule("capitals after a title", lambda c, i: _short_capitals(c, i) and c.after_title(i), True),
    Rule("initials", lambda c, i: _short_capitals(c, i) and _initials(c, i), True),
    Rule("short capitals, not initials", _short_capitals, False),
    Rule("dotted initials", lambda c, i: "." in _text(c, i), True),
    Rule("lower-case name", lambda c, i: _text(c, i).islower() and _lower_case_name(c, i), True),
    Rule(
        "lower-case name in a person slot",
        lambda c, i: _text(c, i).islower() and _lower_case_subject(c, i),
        True,
    ),
    Rule(
        "lower-case name after a word that takes a person",
        lambda c, i: _text(c, i).islower() and _lower_case_after_person_word(c, i),
        True,
    ),
    Rule(
        "lower-case name after 'spoke to'",
        lambda c, i: _text(c, i).islower() and _lower_case_spoken_to(c, i),
        True,
    ),
    Rule("lower-case word", lambda c, i: _text(c, i).islower(), False),
    Rule("title", lambda c, i: _lower(c, i) in TITLES, False),
    Rule("not capitalised", lambda c, i: not is_capitalised(_text(c, i)), False),
    Rule("named thing (a law, test, report)", lambda c, i: c.names_a_thing(i), False),
    Rule(
        "what a thing is named",
        lambda c, i: _lower(c, i) in EPONYM_HEADS and c.after_proper(i),
        False,
    ),
    Rule("after a title", lambda c, i: c.after_title(i), True),
    Rule("after a cue", lambda c, i: c.after_cue(i) and _lower(c, i) not in NOT_NAMES, True),
    Rule("domain word after a cue", lambda c, i: c.after_cue(i), False),
    Rule("in a person slot", _subject, True),
    Rule("plural or possessive of a listed name", _plural_of_name, True),
    # Capitalised words in no names list.
    Rule("unlisted ordinary word", _unlisted_and(lambda c, i: ordinary(fold(_text(c, i)))), False),
    Rule("possessive before a relation word", _unlisted_and(_possessed), True),
    Rule("unlisted capitals", _unlisted_and(lambda c, i: _text(c, i).isupper()), False),
    Rule("possessive before a lower-case word", _unlisted_and(_possessive_before_lower_case), True),
    Rule("aside about a person", _unlisted_and(lambda c, i: c.aside_shows_person(i)), True),
    Rule("unlisted, before a number", _unlisted_and(_before_number), False),
    Rule("alone after a word that takes a person", _unlisted_and(_alone_after_person_word), True),
    Rule("unlisted word without person context", _unlisted, False),
    # Capitalised words in a names list.
    Rule("listed name", lambda c, i: not ambiguous(_text(c, i)), True),
    Rule("listed domain word", lambda c, i: _lower(c, i) in NOT_NAMES, False),
    Rule("listed, possessive", lambda c, i: c.tokens[i].possessive, True),
    Rule(
        "listed, in capitals",
        lambda c, i: is_all_caps(_text(c, i)) and not c.shouting and _lower(c, i) not in ACRONYMS,
        True,
    ),
    Rule(
        "listed, mid-sentence in a proper phrase",
        lambda c, i: not c.initial[i] and c.in_proper_phrase(i),
        False,
    ),
    Rule("listed, mid-sentence", lambda c, i: not c.initial[i], True),
    Rule("listed, before a name", lambda c, i: c.next_is_name(i), True),
    Rule("listed, before an age or aside", lambda c, i: c.age_or_aside_follows(i), True),
    Rule("common word starting a sentence", lambda c, i: True, False),
)


def deciding_rule(c: Context, i: int) -> Rule:
    """The first of ``WORD_RULES`` that applies to word `i` (the last one always does)."""
    return next(rule for rule in WORD_RULES if rule.applies(c, i))


def _first_of_pair(c: Context, found: Container[int], j: int) -> bool:
    """ "Grace and Faith Obi", "Tsega and Meron Gebremedhin": the first name of two people
    who share the surname after the second."""
    tokens, word = c.tokens, c.tokens[j]
    if j + 3 >= len(tokens) or not is_capitalised(word.text) or is_all_caps(word.text):
        return False
    joiner, first, surname = tokens[j + 1], tokens[j + 2], tokens[j + 3]
    return (
        joiner.text == "and"
        and c.gap(word, joiner) == " "
        and c.gap(joiner, first) == " "
        and c.gap(first, surname) == " "
        and j + 2 in found
        and j + 3 in found
        and not word.possessive
        and (may_be_subject(word.text) or not ordinary(fold(word.text)))
    )


def _second_of_pair(c: Context, found: Container[int], j: int) -> bool:
    """ "Brooklyn and Paisley Hughes": between "Name and" and a found surname."""
    tokens, word = c.tokens, c.tokens[j]
    if j < 2 or j + 1 >= len(tokens) or not is_capitalised(word.text) or is_all_caps(word.text):
        return False
    before, joiner, surname = tokens[j - 2], tokens[j - 1], tokens[j + 1]
    return (
        joiner.text == "and"
        and j - 2 in found
        and j + 1 in found
        and c.gap(before, joiner) == " "
        and c.gap(joiner, word) == " "
        and c.gap(word, surname) == " "
        and not word.possessive
        and fold(word.text) not in NOT_NAMES
    )


def _lower_case_spoken_to(c: Context, i: int) -> bool:
    """ "spoke to grace today": a listed word, even one that is also a word, after "spoke to";
    not a role or an agency ("spoke to mum", "spoke to housing")."""
    word, prev = _text(c, i), c.prev(i)
    if prev is None or prev.text.lower() != "to" or c.gap(prev, c.tokens[i]) != " ":
        return False
    verb = c.prev(i - 1)
    return (
        verb is not None
        and verb.text.lower() in SPOKE_TO
        and c.gap(verb, prev) == " "
        and all(p in name_list() for p in parts(word))
        and fold(word) not in english_words()
        and may_be_subject(word)
    )


def _lower_case_after_person_word(c: Context, i: int) -> bool:
    """ "with tadesse haile": a listed name in lower case where the sentence takes a person.
    The names-dataset names are noisier (slang, typos), so only the longer ones count."""
    word, prev = _text(c, i), c.prev(i)
    word_parts = parts(word)
    return (
        prev is not None
        and prev.text.lower() in PERSON_BEFORE
        and c.gap(prev, c.tokens[i]) == " "
        and len(word) >= 3
        and bool(word_parts)
        and (
            all(
                p in name_list() and not ordinary(p) and (p not in community_names() or len(p) >= 5)
                for p in word_parts
            )
            # "lily-mai": two names joined are a name, even when each is also a word.
            or (len(word_parts) > 1 and all(p in name_list() for p in word_parts))
        )
    )


def joins_found(c: Context, found: Container[int], j: int) -> str | None:
    """The rule by which word `j` is a name through its found neighbours, if one applies."""
    word, prv, nxt = c.tokens[j], j - 1, j + 1
    if _first_of_pair(c, found, j):
        return FIRST_OF_PAIR
    if _second_of_pair(c, found, j):
        return FIRST_NAME
    if not is_capitalised(word.text) or ordinary(fold(word.text)):
        return None
    if word.text.isupper() and len(word.text) <= 3:
        return None
    safe_start = not c.initial[j] or (listed(word.text) and not ambiguous(word.text))
    if (
        nxt < len(c.tokens)
        and nxt in found
        and not word.possessive
        and c.gap(word, c.tokens[nxt]) == " "
        and safe_start
    ):
        return FIRST_NAME
    for k in (prv, nxt):
        if 0 <= k < len(c.tokens) and k in found and (k == prv or safe_start):
            other = c.tokens[k]
            between = c.text[min(word.end, other.end) : max(word.start, other.start)]
            if _COORDINATION.fullmatch(between) is not None:
                return LISTED_WITH
    if (
        prv >= 0
        and prv in found
        and c.text[c.tokens[prv].end : word.start] == " ("
        and c.text[word.end : word.end + 1] == ")"
    ):
        return NICKNAME
    return None
