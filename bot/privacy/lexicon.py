"""The word lists the name rules look words up in, and what they say about a word.

Every list is a data file: ``words/*.txt`` (one entry a line, ``#`` starts a comment line) and
``name_words.txt`` (common English words that are also names), ``faker_names.txt`` (Faker's person
names) and ``community_names.txt`` (names of communities the Faker lists barely cover, from
names-dataset), all generated: see the README.
"""

from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources

import regex

from bot.privacy.packed_words import PackedWords
from bot.privacy.tokens import fold, parts

WORD_LISTS = "words"
_ASCII_NAME = regex.compile(r"[a-z][a-z'\-]*")
# Attributes of a Faker person provider that hold names.
NAME_LISTS = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
    "last_names",
    "last_names_male",
    "last_names_female",
    "male_last_names",
    "female_last_names",
    "unisex_last_names",
)


def entries(resource: str) -> list[str]:
    """The entries of a word-list file under bot/privacy/, in file order."""
    text = resources.files("bot.privacy").joinpath(resource).read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def word_list(name: str) -> frozenset[str]:
    return frozenset(entries(f"{WORD_LISTS}/{name}.txt"))


TITLES = word_list("titles")
PEOPLES = word_list("peoples")
SERVICES = word_list("services")
WELSH_WORDS = word_list("welsh_words")
NOT_NAMES = word_list("not_names") | PEOPLES | SERVICES | WELSH_WORDS
ACRONYMS = word_list("acronyms")
CAPITAL_ACRONYMS = word_list("capital_acronyms")
LETTER_LABELS = word_list("letter_labels")
WELSH_SENTENCE_WORDS = word_list("welsh_sentence_words")
DOCUMENT_HEADS = word_list("document_heads")
POSSESSED = word_list("possessed")
NAME_CUES = word_list("name_cues")
SPEECH_VERBS = word_list("speech_verbs")
FUNCTION_WORDS = word_list("function_words")
ASIDE_WORDS = word_list("aside_words")
PERSON_BEFORE = word_list("person_before")
DEICTIC = word_list("deictic")
TEXT_SPEAK = word_list("text_speak")
# Text-speak that is never a name or initials: a contraction typed without its apostrophe ("im",
# "ive", "didnt", "theyre"), or an acronym shouted ("PLS", "TBH").
_CONTRACTIONS = frozenset(
    ["im", "ive", "shes", "thats", "whats", "theres", "heres", "wheres", "whos", "youre"]
)
SHOUTED_TEXT_SPEAK = frozenset(
    ["asap", "idk", "lmao", "lol", "omg", "pls", "plz", "tbh", "thx", "fyi", "btw", "imo"]
)


# A word that describes by a hyphened ending: "Welsh-speaking", "Sure Start-type",
# "Merton-compliant", "Leeds-based", "Sky-high".
_DESCRIBING_ENDING = regex.compile(
    r"-(?:speaking|type|based|born|led|run|style|heritage|origin|british|compliant|high|friendly"
    r"|like|wide|only|focused|informed|aware|related)$",
    regex.IGNORECASE,
)


def describing(word: str) -> bool:
    """ "Welsh-speaking", "Merton-compliant": a word with a describing ending names nobody."""
    return _DESCRIBING_ENDING.search(word) is not None


def contraction(lower: str) -> bool:
    """A contraction typed without its apostrophe ("im", "didnt", "theyre", "weve")."""
    return lower in TEXT_SPEAK and (
        lower in _CONTRACTIONS or lower.endswith(("nt", "re", "ve", "ll"))
    )
ORDINARY_WORDS = word_list("ordinary_words") | TEXT_SPEAK
EPONYM_HEADS = word_list("eponym_heads")
CONDITION_HEADS = word_list("condition_heads")
EPONYMOUS_CONDITIONS = word_list("eponymous_conditions")
AGENCY_HEADS = word_list("agency_heads")
TOOL_HEADS = word_list("tool_heads")
ACRONYM_HEADS = word_list("acronym_heads")
KINDS_OF_ROAD = word_list("kinds_of_road")
WELSH_HEALTH_BOARDS = word_list("welsh_health_boards")
PERSON_STATES = word_list("person_states")
PERSON_ONLY_STATES = word_list("person_only_states")
WORD_NAMES = word_list("word_names")
SPOKE_TO = word_list("spoke_to")
PERSON_PLACES = word_list("person_places")
PERSON_NOUNS = word_list("person_nouns")
KNOWN_PLACES = word_list("known_places")
NOT_SLOT_NAMES = word_list("not_slot_names")
BRANDS = word_list("brands")
PRODUCT_NOUNS = word_list("product_nouns")


@cache
def english_words() -> PackedWords:
    """English words in no names list (Debian's wbritish, see the README)."""
    return PackedWords(entries("english_words.txt"))


@cache
def community_names() -> PackedWords:
    """Names from names-dataset that the Faker / gender-guesser lists lack (see the README)."""
    return PackedWords(entries("community_names.txt"))


@cache
def common_words() -> frozenset[str]:
    return frozenset(entries("name_words.txt"))


@cache
def name_list() -> PackedWords:
    """Faker's names (``faker_names.txt``, generated from its person providers: see
    bot/privacy/faker_names.py), gender-guesser's first names and the community names."""
    # The community names are packed first, so that what they keep is not placed among the
    # words read here for the moment (which would keep that memory from being returned).
    community = community_names()
    names: set[str] = set(entries("faker_names.txt"))
    names.update(_first_name_dictionary())
    names.update(community)
    return PackedWords(n for n in names if len(n) > 1)


def _first_name_dictionary() -> Iterator[str]:
    """First names of gender-guesser's dictionary (Jörg Michael's, about 45,000 names)."""
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
    with data.open("r", encoding="utf-8") as lines:
        for line in lines:
            if line[:1] in "#=" or len(line) < 30:
                continue
            # Not through fold's cache: 45,000 names read once would fill it for nothing.
            name = fold.__wrapped__(line[3:29].strip())
            for variant in {name.replace("+", "-"), name.replace("+", "")}:
                if _ASCII_NAME.fullmatch(variant):
                    yield variant


# Somali and Arabic compounds of "Abd" ("servant of"): Abdikarim, Abdiwali, Abdulahi.
_ABD_COMPOUND = regex.compile(r"abd[iu]?[a-z]{3,}")
_DOUBLED = regex.compile(r"(.)\1")
_VOWELS = "aeiouy"
# The longest single word of a name looked at for respellings and slips.
LONGEST_NAME = 24


@lru_cache(maxsize=8192)
def listed(word: str) -> bool:
    return any(p in name_list() or _ABD_COMPOUND.fullmatch(p) for p in parts(word))


@lru_cache(maxsize=8192)
def respelt_name(lower: str) -> bool:
    """A modern spelling or typo of a listed name, one small edit away ("jordann", "kaydn",
    "kyron", "sharnie"), that is not itself an English word."""
    # Its variants number about eight times its length, each as long: no name is longer than
    # this, and a longer token would cost time in the square of its length.
    if not 4 <= len(lower) <= LONGEST_NAME or not lower.isalpha():
        return False
    if lower in english_words() or ordinary(lower):
        return False
    variants = {_DOUBLED.sub(r"\1", lower), lower.replace("y", "i"), lower.replace("y", "ie")}
    variants |= {lower[:k] + v + lower[k:] for k in range(1, len(lower)) for v in "aei"}
    variants |= {
        lower[:k] + v + lower[k + 1 :]
        for k, ch in enumerate(lower)
        if ch in _VOWELS
        for v in _VOWELS
    }
    variants |= (
        {lower[:-2] + "i", lower[:-2] + "y", lower[:-2] + "ee"} if lower.endswith("ie") else set()
    )
    names = name_list()
    return any(v != lower and v in names and v not in common_words() for v in variants)


@cache
def brands_naming_nobody() -> frozenset[str]:
    """The brands that are never a person's name by themselves: every one of two words or more
    and each single one not a first name of the lists ("nike" is, "calpol" is not); lower
    case, without a possessive ending ("mcdonald", "frosty jack")."""
    bare = (b.replace("'s", "") for b in BRANDS)
    return frozenset(b for b in bare if " " in b or not listed(b) or ambiguous(b))


def ambiguous(word: str) -> bool:
    """A listed word that is also a common English or field word ("Summer", "Hope")."""
    lower = fold(word)
    if lower in NOT_NAMES or lower in common_words():
        return True
    listed_parts = [p for p in parts(word) if p in name_list()]
    return all(p in common_words() or p in NOT_NAMES for p in listed_parts)


def dropped_g(lower: str) -> bool:
    """Slang that drops the g of -ing ("sayin", "goin"): a word, not a name."""
    return lower.endswith("in") and lower + "g" in english_words()


def ordinary(lower: str) -> bool:
    """A word of the language or of this field, never a name without stronger context."""
    return (
        lower in NOT_NAMES
        or (lower.endswith("s") and lower[:-1] in NOT_NAMES)  # "Fridays", "Mums"
        or lower in common_words()
        or lower in ACRONYMS
        or lower in TITLES
        or lower in FUNCTION_WORDS
        or lower in DEICTIC
        or lower in ORDINARY_WORDS
    )


def plain_word(lower: str) -> bool:
    """A word of the language, every part of it if hyphenated ("same", "self-employed")."""
    return all(part in english_words() or ordinary(part) for part in lower.split("-") if part)


def may_be_subject(word: str) -> bool:
    """A word that can name the person a person slot speaks of ("Tegs said", "Will was upset"),
    rather than a role, an agency, a pronoun or a people ("Mum said", "Somali was spoken")."""
    lower = fold(word)
    if lower in WORD_NAMES:
        return True
    role = lower in PERSON_NOUNS or lower.removesuffix("s") in PERSON_NOUNS
    if not listed(word):
        return not ordinary(lower) and lower not in english_words() and not role
    return not (
        lower in NOT_NAMES
        or lower in FUNCTION_WORDS
        or lower in DEICTIC
        or lower in TITLES
        or lower in ACRONYMS
        or lower in POSSESSED
        or lower in ASIDE_WORDS
        # "Patient is 15", "Lad disclosed", "Cousins said": a word for a person is a role.
        or lower in PERSON_NOUNS
        or lower.removesuffix("s") in PERSON_NOUNS
    )


_SLIP_LETTERS = "aeiouy"


def slips(key: str) -> Iterator[str]:
    """The words one slip of the keyboard away from `key` ("Florn", "Saorise", "Florinn" for
    "Florin" and "Saoirse"): a letter more, two letters swapped, a vowel missing or wrong.
    Only vowels are put in or changed, so an English word one consonant away stays apart."""
    n = len(key)
    for k in range(n):
        yield key[:k] + key[k + 1 :]
    for k in range(n - 1):
        yield key[:k] + key[k + 1] + key[k] + key[k + 2 :]
    for k in range(n + 1):
        for v in _SLIP_LETTERS:
            yield key[:k] + v + key[k:]
    for k in range(n):
        for v in _SLIP_LETTERS:
            if v != key[k]:
                yield key[:k] + v + key[k + 1 :]


@lru_cache(maxsize=8192)
def near_english(lower: str) -> bool:
    """A misspelt English word ("becuase", "freind", "seperate"): one slip from one of five
    letters or more with the same first letter (not "ills" for "lils")."""
    return any(
        len(slip) >= 5 and slip[0] == lower[0] and slip in english_words() for slip in slips(lower)
    )
