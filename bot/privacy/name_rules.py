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
    ACRONYM_HEADS,
    ACRONYMS,
    ASIDE_WORDS,
    CAPITAL_ACRONYMS,
    DEICTIC,
    EPONYM_HEADS,
    EPONYMOUS_CONDITIONS,
    FUNCTION_WORDS,
    KNOWN_PLACES,
    LETTER_LABELS,
    NOT_NAMES,
    PERSON_BEFORE,
    PERSON_NOUNS,
    POSSESSED,
    SHOUTED_TEXT_SPEAK,
    SPOKE_TO,
    TITLES,
    WELSH_SENTENCE_WORDS,
    WELSH_WORDS,
    ambiguous,
    common_words,
    community_names,
    contraction,
    describing,
    dropped_g,
    english_words,
    listed,
    name_list,
    ordinary,
)
from bot.privacy.local_services import (
    capitals_not_a_person,
    in_service_name,
    local_acronym,
    names_local_area,
    unlisted_local_area,
)
from bot.privacy.person_slots import (
    coordinated_lower_case,
    first_of_pair,
    lower_case_after_cue,
    lower_case_after_person_word,
    lower_case_after_relation,
    lower_case_before_age,
    lower_case_family,
    lower_case_in_brackets,
    lower_case_owner,
    lower_case_owner_of_person,
    lower_case_spoken_to,
    lower_case_subject,
    lower_case_unknown_after_person_word,
    lower_case_word_name_before_age,
    plural_of_name,
    second_of_pair,
    subject,
)
from bot.privacy.products import names_a_product
from bot.privacy.scales import about_a_scale, label_before_number, person_follows, rating_word
from bot.privacy.tokens import fold, is_all_caps, is_capitalised, parts

# Names of the rules outside the lists below.
SURNAME = "surname after a name"
SAME_TEXT = "same word found elsewhere in this text"
REMEMBERED = "remembered from earlier in this dialog"
SLIP = "a name found earlier, misspelt"
SPELLED_OUT = "a found name spelled out letter by letter"
NO_RULE = "no rule"
FIRST_NAME = "first name before a name"
LISTED_WITH = "listed with a name"
NICKNAME = "nickname in brackets after a name"
STREET_NICKNAME = "'big'/'lil' before a nickname"
FIRST_OF_PAIR = "first name of 'X and Y Surname'"
BRAND = "brand or product"
# Rules sure enough of their "not a name" that a one-word name of the learned tagger yields to
# them whatever the model's own deferrals (scripts/train_tagger.py picks those): the tagger
# has seen too few agencies, eponyms and scores to know them.
TITLE_WORD = "a word of the language ending a title"
TAGGER_YIELDS_TO = frozenset(
    ["in the name of an agency", "condition named after people", "code with a number"]
) | frozenset(
    [
        "local acronym",
        "in a local service's name",
        "in a local area's name",
        "a local area in no names list",
        "lower-case local area",
        "lower-case law named after someone",
        BRAND,
        "a rating on a scale",
        "label before a number",
        "lower-case label before a number",
        "text-speak in capitals",
        "text-speak before a lower-case word",
        "Fraser beside Gillick",
        "a lettered part, band or code",
        "a word of a Welsh sentence",
        TITLE_WORD,
    ]
)
_COORDINATION = regex.compile(r",\s*|,?\s+(?:and|&|or)\s+")


@dataclass(frozen=True)
class Rule:
    name: str
    applies: Callable[[Context, int], bool]
    is_name: bool


def _text(c: Context, i: int) -> str:
    return c.tokens[i].text


_NOT_NAMES_OR_ROLES = NOT_NAMES | PERSON_NOUNS


def _lower(c: Context, i: int) -> str:
    return c.tokens[i].text.lower()


def _after_a_figure(c: Context, i: int) -> bool:
    """ "15yo", "3kg", "10am": letters glued to the figure before them are its unit."""
    start = c.tokens[i].start
    return start > 0 and c.text[start - 1].isdigit()


def _text_speak_before_lower_case(c: Context, i: int) -> bool:
    """ "Im a TA", "Ive told her", "ive told her": a contraction typed without its apostrophe
    (a name only before a capital: "Im Ji-hoon")."""
    nxt = c.next(i)
    return (
        contraction(_lower(c, i))
        and nxt is not None
        and nxt.text[:1].islower()
        and c.gap(c.tokens[i], nxt) == " "
    )


def _shouted(c: Context, i: int) -> bool:
    """ "PLS HELP", "TBH": text-speak typed in capitals."""
    return _lower(c, i) in SHOUTED_TEXT_SPEAK and not c.tokens[i].possessive


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
        and text.lower() not in TITLES
        and not _article_before(c, i)
        and not _acronym_by_its_words(c, i)
    )


# Capitals before a year are an Act or guidance ("s47 CA 1989", "WT 2023").
_YEAR_AFTER = regex.compile(r"\s+(?:19|20)\d\d\b")
_DOSE_AFTER = regex.compile(r"\s+\d+(?:\.\d+)?\s?(?:mg|ml|mcg|micrograms?|g|units?)\b")
# Words a person's initials do not follow: a lineage ("maternal GM"), a preposition of a code or
# a treatment ("under PACE").
_NOT_A_PERSON_BEFORE = frozenset(["maternal", "paternal", "mat", "pat", "under"])


def _acronym_by_its_words(c: Context, i: int) -> bool:
    """Capitals the words around them make an acronym: a year after them, a noun they modify
    ("MH team"), a lineage word before them, or their words spelled out in the same text
    ("Family Group Conference ... FGC", "DSP (designated safeguarding person)")."""
    word = c.tokens[i]
    if _YEAR_AFTER.match(c.text, word.end) is not None:
        return True
    after, before = c.next(i), c.prev(i)
    if after is not None and c.gap(word, after) == " " and after.text in ACRONYM_HEADS:
        return True
    if before is not None and (before.text.lower() in _NOT_A_PERSON_BEFORE or before.possessive):
        return True  # "maternal GM", "under PACE", "mum's MH"
    if _DOSE_AFTER.match(c.text, word.end) is not None:
        return True  # "methylphenidate XL 18mg"
    return c.spelled_out(i)


_REFERENCE_TAIL = regex.compile(r"/[A-Za-z0-9/\-]*\d")


def _reference_letters(c: Context, i: int) -> bool:
    """ "PPN/WY/889231": an acronym known in capitals only, glued to a reference number, is
    part of it, as it was when such capitals were taken for initials (those of acronyms.txt,
    "CP/2024/0117", never were: the reference pattern covers them)."""
    return (
        _lower(c, i) in CAPITAL_ACRONYMS
        and _text(c, i).isupper()
        and _REFERENCE_TAIL.match(c.text, c.tokens[i].end) is not None
    )


def _field_acronym(c: Context, i: int) -> bool:
    """ "DSL", "PPN", "PoP", and in capitals only an acronym that is also a name ("DC from
    CAIT"); so is its plural ("two TAs", "the HVs")."""
    text = _text(c, i)
    if len(text) > 2 and text.endswith("s") and text[:-1].isupper():
        text = text[:-1]
    lower = text.lower()
    if text.isupper():
        return lower in ACRONYMS or lower in CAPITAL_ACRONYMS
    # "PoP", "CiN": capitals at both ends of a short word, as the field writes some acronyms.
    return len(text) <= 4 and text[0].isupper() and text[-1].isupper() and lower in ACRONYMS


# Prefixes that make an English word of an English word: "Pre-birth", "Non-mobile", "Ex-partner".
_PREFIXES = frozenset(
    ["anti", "co", "ex", "mid", "multi", "non", "over", "post", "pre", "re", "self", "semi", "sub"]
)


def _prefixed_word(c: Context, i: int) -> bool:
    """ "Pre-birth conference", "Non-mobile": a prefix, a hyphen and a word of the language."""
    head, _, rest = fold(_text(c, i)).partition("-")
    return head in _PREFIXES and (rest in english_words() or rest in common_words())


_GILLICK_BEFORE = regex.compile(r"(?i:gillick)\s*(?:/|and|&|or|-)\s*$")
_GILLICK_AFTER = regex.compile(r"\s*(?:/|and|&|or|-)\s*(?i:gillick)")


def _fraser_beside_gillick(c: Context, i: int) -> bool:
    """ "Gillick/Fraser", "Fraser/Gillick", "Gillick and Fraser": the Fraser guidelines, not
    a person."""
    word = c.tokens[i]
    return word.text.lower() == "fraser" and bool(
        _GILLICK_BEFORE.search(c.text, max(0, word.start - 16), word.start)
        or _GILLICK_AFTER.match(c.text, word.end)
    )


def _known_place(c: Context, i: int) -> bool:
    """A council, a big city or country abroad, a car ("Gwynedd", "Manila", "a Corsa"), unless
    a title makes it a surname ("Mr Hong"); "Sir" before a Welsh county is the Welsh for
    county ("Sir Fynwy")."""
    if _lower(c, i) not in KNOWN_PLACES:
        return False
    before = c.prev(i)
    return before is None or before.text.lower() == "sir" or fold(before.text) not in TITLES


def _article_before(c: Context, i: int) -> bool:
    """ "the RVI", "a UTI", "an EWO": a person's initials take no article."""
    before = c.prev(i)
    return before is not None and before.text.lower() in ("the", "a", "an")


def _lower_case_name(c: Context, i: int) -> bool:
    """A name typed in lower case ("mum (kayleigh)"): every part is a listed name and none is
    an English or field word; short ones ("dev", "ali") are too often something else."""
    word = _text(c, i)
    word_parts = parts(word)
    return (
        len(word) >= 4
        and bool(word_parts)
        and all(
            p.isalpha()
            and p in name_list()
            and p not in community_names()
            and not ordinary(p)
            and not dropped_g(p)
            for p in word_parts
        )
        and not any(p in ASIDE_WORDS or p in POSSESSED for p in word_parts)
    )


def _starts_short_reply(c: Context, i: int) -> bool:
    """ "Done, logged.", "Ok, I'll ring the MASH.", "Self-harm, shared with GP.": a word of the
    language starting a sentence, then a comma and a clause, not an age ("Skye, 4 months"),
    a date of birth ("Ruby, DOB") or a list of names ("Lola, Mia and Ellis")."""
    word, nxt = c.tokens[i], c.next(i)
    if not c.initial[i] or word.possessive or nxt is None or c.gap(word, nxt) != ", ":
        return False
    lower = fold(word.text)
    if not (ordinary(lower) or lower in english_words() or ambiguous(word.text)):
        return False
    if _AGE_AFTER_COMMA.match(c.text, nxt.start) is not None:
        return False
    return nxt.text.islower() or fold(nxt.text) in FUNCTION_WORDS


_AGE_AFTER_COMMA = regex.compile(r"(?:aged?\s*\d|dob\b|d\.o\.b|born\b)", regex.IGNORECASE)


def _before_number(c: Context, i: int) -> bool:
    """ "Article 8", "Tier 2": a word before a number is rarely a person."""
    end = c.tokens[i].end
    return c.text[end : end + 1] == " " and c.text[end + 1 : end + 2].isdigit()


def _rating(c: Context, i: int) -> bool:
    """ "RAG rated Amber", "Red within 4 hours, Amber 24 hours", "Ofsted judged it Good": a
    scale's word in a text about a scale, not in a person slot ("Amber (14)", "spoke to Amber",
    "Amber's mum"; "Amber said" is decided before). "for" and "and" take a rating as well as a
    person ("72 hours for Amber", "between Amber and Red")."""
    word, prev = c.tokens[i], c.prev(i)
    return (
        rating_word(fold(word.text))
        and not word.possessive
        and about_a_scale(c.text, word.start, word.end)
        and not person_follows(c.text, word.end)
        and not c.next_is_name(i)
        and not (
            prev is not None
            and prev.text.lower() not in _TAKE_A_RATING
            and _takes_a_person(c, i - 1)
        )
    )


_TAKE_A_RATING = frozenset(["for", "and", "between", "including", "both"])


def _unlisted(c: Context, i: int) -> bool:
    return not listed(_text(c, i))


def _title_of_common_words(c: Context, i: int) -> bool:
    """ "National Minimum Standards", "the Boys' Brigade": a word of the language no names
    list holds, after another capitalised one, ends the title of a thing; not "Tadesse Haile"
    (no word of the language), nor a word after a title."""
    before = c.prev(i)
    if before is None or not is_capitalised(before.text) or c.after_title(i):
        return False
    if c.gap(before, c.tokens[i]) not in (" ", "' "):
        return False
    bare = before.text.lower().removesuffix("'s").removesuffix("'")
    if bare in PERSON_NOUNS or bare in PERSON_BEFORE:
        return False  # "Baby Jericho", "Nurse Merryweather"
    return _lower(c, i) in english_words() and bare in english_words() and not listed(bare)


def _word_before_aside_or_s(c: Context, i: int) -> bool:
    if _lower(c, i) not in PERSON_NOUNS:  # "Tiger's been excluded" is someone's
        return False
    word, nxt = c.tokens[i], c.next(i)
    lower_next = nxt is not None and nxt.text.islower()
    return (word.possessive and lower_next) or c.aside_shows_person(i)


def _possessed(c: Context, i: int) -> bool:
    return (
        c.tokens[i].possessive
        and c.next_word(i) in POSSESSED
        and _lower(c, i) not in PERSON_NOUNS  # "Mindee's dad"
    )


def _possessive_before_lower_case(c: Context, i: int) -> bool:
    """ "Jasleen's bedroom", but not "Today's meeting"."""
    word, nxt = c.tokens[i], c.next(i)
    return (
        word.possessive
        and nxt is not None
        and nxt.text.islower()
        and c.gap(word, nxt).strip(" '’s") == ""
        and not (c.initial[i] and fold(word.text) in DEICTIC)
        and fold(word.text) not in _CONTRACTED
    )


# Words whose "'s" is "is" or "has": "What's the difference", "There's been".
_CONTRACTED = frozenset(
    ["here", "how", "it", "that", "there", "what", "when", "where", "who", "why"]
)


def _alone_after_person_word(c: Context, i: int) -> bool:
    """ "flagged 4 attendances for Chidinma in 6 weeks", "stepdad Oisin": a lone proper noun
    after a word that takes a person; not an English word ("met with Housing") nor the next of
    a list of agencies ("CAMHS and Bridgeway")."""
    word, prev, nxt = c.tokens[i], c.prev(i), c.next(i)
    return (
        not c.initial[i]
        and prev is not None
        and _takes_a_person(c, i - 1)
        and c.gap(prev, word) == " "
        and (nxt is None or c.gap(word, nxt) != " " or _ends_full_name(c, i + 1))
        and fold(word.text) not in english_words()
        and not (prev.text.lower() == "and" and _agency_before(c, i - 1))
    )


# "a call from Mikaeel", "text from Tsion": a message comes from a person.
_MESSAGES = frozenset(["call", "calls", "text", "texts", "message", "messages", "msg", "email"])


def _takes_a_person(c: Context, k: int) -> bool:
    """Word `k` is one after which a lone proper noun is a person: "with", "told", "stepdad",
    "spoke to", "a call from"."""
    word, before = c.tokens[k], c.prev(k)
    lower = word.text.lower()
    if lower in PERSON_BEFORE:
        return True
    if before is None or c.gap(before, word) != " ":
        return False
    if lower == "to":
        return before.text.lower() in SPOKE_TO
    return lower == "from" and before.text.lower() in _MESSAGES


def _ends_full_name(c: Context, j: int) -> bool:
    """Word `j`, after a lone proper noun, is an unlisted surname that ends the run
    ("with Tesfaldet Gebrehiwet re ...")."""
    word, nxt = c.tokens[j], c.next(j)
    if not is_capitalised(word.text):
        return True
    return (
        not is_all_caps(word.text)
        and not word.possessive
        and not listed(word.text)
        and fold(word.text) not in english_words()
        and not ordinary(fold(word.text))
        and (nxt is None or not is_capitalised(nxt.text) or c.gap(word, nxt) != " ")
    )


def _agency_before(c: Context, i: int) -> bool:
    """The word before word `i` is an agency or a field acronym ("CAMHS and ...")."""
    before = c.prev(i)
    if before is None:
        return False
    lower = before.text.lower()
    person_word = lower in POSSESSED or lower in ASIDE_WORDS  # "mum and Qadira"
    return is_all_caps(before.text) or lower in ACRONYMS or (lower in NOT_NAMES and not person_word)


_FAMILY = frozenset(["family", "families", "household", "kids", "twins", "brothers", "sisters"])


def _before_family(c: Context, i: int) -> bool:
    """ "Ohanian and Petrosyan families", "Sediqi family": a proper noun no English word."""
    nxt = c.next(i)
    return (
        nxt is not None
        and nxt.text in _FAMILY
        and c.gap(c.tokens[i], nxt) == " "
        and not c.tokens[i].possessive
        and fold(_text(c, i)) not in english_words()
        and not describing(_text(c, i))  # "a Welsh-speaking family"
    )


def _of_the_language(lower: str) -> bool:
    """A word of the language, or of words of it joined by hyphens ("ex-partner")."""
    return lower in english_words() or any(
        p in english_words() or ordinary(p) for p in lower.split("-") if p
    )


def _a_name_given_alone(c: Context, i: int) -> bool:
    """The whole message is two capitalised words, the first no word of any list or of the
    language: a name typed into a box or as a reply ("Jago Trembath", "Tegen Hocking")."""
    if len(c.tokens) != 2:
        return False
    if c.text.strip().rstrip(".!") != c.text[c.tokens[0].start : c.tokens[1].end]:
        return False
    first, second = (fold(t.text) for t in c.tokens)
    return (
        all(is_capitalised(t.text) and not t.text.isupper() for t in c.tokens)
        and c.gap(c.tokens[0], c.tokens[1]) == " "
        and not listed(first)
        and not _of_the_language(first)
        and not ordinary(first)
        and not ordinary(second)
        and not {first, second} & WELSH_SENTENCE_WORDS
        and not {first, second} & WELSH_WORDS
    )


def _unlisted_and(test: Callable[[Context, int], bool]) -> Callable[[Context, int], bool]:
    return lambda c, i: _unlisted(c, i) and test(c, i)


# Street nicknames: "big K", "lil T", "Big Dan".
_NICKNAME_HEADS = ("big", "lil")


_RANGE_GAPS = frozenset(["-", "–", "—", " - ", " – ", " to "])


def _lettered(c: Context, i: int) -> bool:
    """One letter that names a part, a band or a code, not a person: after a word such as
    "section", "band" or "plan" ("section F", "sections A–H"), in a glossed list ("A (urgent),
    B (high), C (medium)"), or a statute's paragraph ("Art 9(2)(g)")."""
    word = c.tokens[i]
    if len(word.text) != 1 or not word.text.isalpha():
        return False
    text, start, end = c.text, word.start, word.end
    bracketed = text[start - 1 : start] == "(" and text[end : end + 1] == ")"
    if bracketed and start >= 2 and (text[start - 2] == ")" or text[start - 2].isdigit()):
        return True
    if not word.text.isupper():
        return False
    j = i - 1
    before = c.prev(i)
    if (
        before is not None
        and len(before.text) == 1
        and before.text.isupper()
        and c.gap(before, word) in _RANGE_GAPS
    ):
        j, before = j - 1, c.prev(j)  # "sections A–H": the label is the range's
    if (
        before is not None
        and fold(before.text) in LETTER_LABELS
        and c.gap(before, c.tokens[j + 1]) == " "
    ):
        return True
    return c.glossed_letter(i)


def _nickname_letter(c: Context, i: int) -> bool:
    """ "big K": one capital letter (not "I" or "A") after "big" or "lil"."""
    text, before = _text(c, i), c.prev(i)
    return (
        len(text) == 1
        and text.isupper()
        and text not in "IA"
        and before is not None
        and before.text.lower() in _NICKNAME_HEADS
        and c.gap(before, c.tokens[i]) == " "
    )


def _surname_first(c: Context, i: int) -> bool:
    """ "BOSWELL, Levi", "OKONKWO Chidi": police (PNC) order, a surname in capitals before a
    listed first name; either word."""
    word = c.tokens[i]
    if not is_capitalised(word.text):
        return False
    if is_all_caps(word.text):
        nxt = c.next(i)
        return (
            nxt is not None
            and len(word.text) >= 3
            and not c.shouting
            and _lower(c, i) not in ACRONYMS
            and not ordinary(fold(word.text))
            and c.gap(word, nxt) in (" ", ", ")
            and is_capitalised(nxt.text)
            and not is_all_caps(nxt.text)
            and listed(nxt.text)
            and not ordinary(fold(nxt.text))
        )
    before = c.prev(i)
    return before is not None and is_all_caps(before.text) and _surname_first(c, i - 1)


WORD_RULES = (
    Rule(
        "a word of a Welsh sentence",
        lambda c, i: c.welsh_word(i) and not c.after_title(i),
        False,
    ),
    Rule("letter of a street nickname", _nickname_letter, True),
    Rule("surname in capitals, then first name", _surname_first, True),
    Rule("letters of a reference number", _reference_letters, True),
    Rule("field acronym", _field_acronym, False),
    Rule("local acronym", local_acronym, False),
    Rule("in a local service's name", in_service_name, False),
    Rule("code with a number", lambda c, i: any(p.isdigit() for p in parts(_text(c, i))), False),
    Rule("a lettered part, band or code", _lettered, False),
    Rule("a describing compound", lambda c, i: describing(_text(c, i)), False),
    Rule("unit after a number", _after_a_figure, False),
    Rule(BRAND, names_a_product, False),
    Rule("a word with a prefix", _prefixed_word, False),
    Rule("capitals after a title", lambda c, i: _short_capitals(c, i) and c.after_title(i), True),
    Rule("capitals of three or more, not a person", capitals_not_a_person, False),
    Rule("text-speak in capitals", lambda c, i: _short_capitals(c, i) and _shouted(c, i), False),
    Rule("text-speak before a lower-case word", _text_speak_before_lower_case, False),
    Rule("initials", lambda c, i: _short_capitals(c, i) and _initials(c, i), True),
    Rule("short capitals, not initials", _short_capitals, False),
    Rule("dotted initials", lambda c, i: "." in _text(c, i), True),
    Rule(
        "lower-case local area",
        lambda c, i: _text(c, i).islower() and names_local_area(c, i),
        False,
    ),
    Rule(
        "lower-case law named after someone",
        lambda c, i: _text(c, i).islower() and c.names_a_thing(i),
        False,
    ),
    Rule(
        "lower-case label before a number",
        lambda c, i: (
            _text(c, i).islower() and label_before_number(_text(c, i), c.text, c.tokens[i].end)
        ),
        False,
    ),
    Rule("lower-case name", lambda c, i: _text(c, i).islower() and _lower_case_name(c, i), True),
    Rule(
        "lower-case name in a person slot",
        lambda c, i: _text(c, i).islower() and lower_case_subject(c, i),
        True,
    ),
    Rule(
        "lower-case name after a word that takes a person",
        lambda c, i: _text(c, i).islower() and lower_case_after_person_word(c, i),
        True,
    ),
    Rule(
        "lower-case name after 'spoke to'",
        lambda c, i: _text(c, i).islower() and lower_case_spoken_to(c, i),
        True,
    ),
    Rule(
        "lower-case name after a word for a person",
        lambda c, i: _text(c, i).islower() and lower_case_after_relation(c, i),
        True,
    ),
    Rule(
        "unknown lower-case word after a word that takes a person",
        lambda c, i: _text(c, i).islower() and lower_case_unknown_after_person_word(c, i),
        True,
    ),
    Rule(
        "lower-case name before an age",
        lambda c, i: _text(c, i).islower() and lower_case_before_age(c, i),
        True,
    ),
    Rule(
        "lower-case name in brackets after a word for a person",
        lambda c, i: _text(c, i).islower() and lower_case_in_brackets(c, i),
        True,
    ),
    Rule(
        "lower-case owner without an apostrophe",
        lambda c, i: _text(c, i).islower() and lower_case_owner(c, i),
        True,
    ),
    Rule(
        "lower-case family",
        lambda c, i: _text(c, i).islower() and lower_case_family(c, i),
        True,
    ),
    Rule(
        "lower-case word-name before an age",
        lambda c, i: _text(c, i).islower() and lower_case_word_name_before_age(c, i),
        True,
    ),
    Rule(
        "lower-case owner of a person",
        lambda c, i: _text(c, i).islower() and lower_case_owner_of_person(c, i),
        True,
    ),
    Rule(
        "lower-case name after a cue",
        lambda c, i: _text(c, i).islower() and lower_case_after_cue(c, i),
        True,
    ),
    Rule("lower-case word", lambda c, i: _text(c, i).islower(), False),
    Rule("title", lambda c, i: _lower(c, i) in TITLES, False),
    Rule("not capitalised", lambda c, i: not is_capitalised(_text(c, i)), False),
    Rule("a known place or car, not after a title", _known_place, False),
    Rule("a local area in no names list", unlisted_local_area, False),
    Rule("named thing (a law, test, report)", lambda c, i: c.names_a_thing(i), False),
    Rule("Fraser beside Gillick", _fraser_beside_gillick, False),
    Rule(
        "condition named after people",
        lambda c, i: fold(_text(c, i)) in EPONYMOUS_CONDITIONS and not c.after_title(i),
        False,
    ),
    Rule("in the name of an agency", lambda c, i: c.names_an_agency(i), False),
    Rule(
        "what a thing is named",
        lambda c, i: _lower(c, i) in EPONYM_HEADS and c.after_proper(i),
        False,
    ),
    Rule("after a title", lambda c, i: c.after_title(i), True),
    Rule(
        "after a cue",
        # (Not a role: "the Named Midwife", "named nurse".)
        lambda c, i: c.after_cue(i) and _lower(c, i) not in _NOT_NAMES_OR_ROLES,
        True,
    ),
    Rule("domain word after a cue", lambda c, i: c.after_cue(i), False),
    Rule("in a person slot", subject, True),
    Rule("a rating on a scale", _rating, False),
    Rule("plural or possessive of a listed name", plural_of_name, True),
    Rule("in a local area's name", names_local_area, False),
    # Capitalised words in no names list.
    Rule("unlisted ordinary word", _unlisted_and(lambda c, i: ordinary(fold(_text(c, i)))), False),
    Rule("possessive before a relation word", _unlisted_and(_possessed), True),
    Rule("unlisted capitals", _unlisted_and(lambda c, i: _text(c, i).isupper()), False),
    # "Kid's been writing", "Teen (16) came in", "Neighbour's reported": a word for a person,
    # its "'s" a "has" or an "is", its aside about the person it stands for.
    Rule(
        "a word for a person before an aside or 's",
        _unlisted_and(_word_before_aside_or_s),
        False,
    ),
    Rule("possessive before a lower-case word", _unlisted_and(_possessive_before_lower_case), True),
    Rule("aside about a person", _unlisted_and(lambda c, i: c.aside_shows_person(i)), True),
    Rule("unlisted, before a number", _unlisted_and(_before_number), False),
    Rule("unlisted, before 'family'", _unlisted_and(_before_family), True),
    Rule("alone after a word that takes a person", _unlisted_and(_alone_after_person_word), True),
    Rule(TITLE_WORD, _unlisted_and(_title_of_common_words), False),
    Rule("a name given alone", _a_name_given_alone, True),
    Rule("unlisted word without person context", _unlisted, False),
    # Capitalised words in a names list.
    Rule(
        "label before a number",
        lambda c, i: label_before_number(fold(_text(c, i)), c.text, c.tokens[i].end),
        False,
    ),
    Rule("word of the language starting a short reply", _starts_short_reply, False),
    Rule("listed name", lambda c, i: not ambiguous(_text(c, i)), True),
    Rule("listed domain word", lambda c, i: _lower(c, i) in NOT_NAMES, False),
    Rule(
        "listed, possessive",
        lambda c, i: c.tokens[i].possessive and _lower(c, i) not in PERSON_NOUNS,
        True,
    ),
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
    Rule(
        "listed, before an age or aside",
        lambda c, i: c.age_or_aside_follows(i) and _lower(c, i) not in PERSON_NOUNS,
        True,
    ),
    Rule("common word starting a sentence", lambda c, i: True, False),
)


# A word tries only the rules that can apply to it: a word in lower case none that needs a
# capital, any other word none that starts by asking for lower case.
_NEED_A_CAPITAL = frozenset(
    {
        "letter of a street nickname",
        "surname in capitals, then first name",
        "letters of a reference number",
        "field acronym",
        "capitals after a title",
        "capitals of three or more, not a person",
        "initials",
        "short capitals, not initials",
    }
)
_ONLY_LOWER_CASE = frozenset(
    {
        "lower-case local area",
        "lower-case law named after someone",
        "lower-case label before a number",
        "lower-case name",
        "lower-case name in a person slot",
        "lower-case name after a word that takes a person",
        "lower-case name after 'spoke to'",
        "lower-case name after a word for a person",
        "unknown lower-case word after a word that takes a person",
        "lower-case name before an age",
        "lower-case name in brackets after a word for a person",
        "lower-case owner without an apostrophe",
        "lower-case family",
        "lower-case word-name before an age",
        "lower-case owner of a person",
        "lower-case name after a cue",
        "lower-case word",
    }
)
_RULES_FOR_LOWER_CASE = tuple(rule for rule in WORD_RULES if rule.name not in _NEED_A_CAPITAL)
_RULES_FOR_OTHER_WORDS = tuple(rule for rule in WORD_RULES if rule.name not in _ONLY_LOWER_CASE)


def deciding_rule(c: Context, i: int) -> Rule:
    """The first of ``WORD_RULES`` that applies to word `i` (the last one always does)."""
    rules = _RULES_FOR_LOWER_CASE if c.tokens[i].text.islower() else _RULES_FOR_OTHER_WORDS
    for rule in rules:
        if rule.applies(c, i):
            return rule
    raise AssertionError("the last rule always applies")


_PLURAL_VERBS = frozenset(["were", "are", "both", "have", "had", "live", "attend", "go"])


def _pair_doing(c: Context, found: Container[int], j: int) -> bool:
    """ "Amber and Crystal were left", "Crystal and Amber both attend": a listed name that is
    also a word, joined by "and" to a found name, the two the subject of a plural verb."""
    tokens = c.tokens
    if tokens[j].possessive:
        return False
    if j + 2 < len(tokens) and tokens[j + 1].text.lower() in ("and", "&") and j + 2 in found:
        last = j + 2
        while last + 1 < len(tokens) and last + 1 in found:
            last += 1  # a surname after the name
    elif j >= 2 and tokens[j - 1].text.lower() in ("and", "&") and j - 2 in found:
        last = j
    else:
        return False
    return last + 1 < len(tokens) and tokens[last + 1].text.lower() in _PLURAL_VERBS


def joins_found(c: Context, found: Container[int], j: int) -> str | None:
    """The rule by which word `j` is a name through its found neighbours, if one applies."""
    word, prv, nxt = c.tokens[j], j - 1, j + 1
    if first_of_pair(c, found, j):
        return FIRST_OF_PAIR
    if second_of_pair(c, found, j):
        return FIRST_NAME
    if coordinated_lower_case(c, found, j):
        return LISTED_WITH
    if (
        word.text.lower() in _NICKNAME_HEADS
        and nxt in found
        and c.gap(word, c.tokens[nxt]) == " "
        and not word.possessive
    ):
        return STREET_NICKNAME
    if is_capitalised(word.text) and listed(word.text) and _pair_doing(c, found, j):
        return LISTED_WITH
    if not is_capitalised(word.text) or ordinary(fold(word.text)):
        return None
    if word.text.isupper() and len(word.text) <= 3:
        return None
    # At a sentence's start, a word that may be a name: listed, or no word of the language
    # ("Mererid Parry, ..."), not a capitalised word of it ("Speak Parry").
    safe_start = (
        not c.initial[j]
        or (listed(word.text) and not ambiguous(word.text))
        or (not listed(word.text) and not _of_the_language(fold(word.text)))
    )
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
