"""Words of a text as the name finder sees them, and the forms they are looked up by."""

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ı": "i",
    }
)
_WORD = regex.compile(
    r"(?-i:[A-Z])\.\s?(?-i:[A-Z])(?:\.\s?(?-i:[A-Z]))?(?:\.\s?)?(?!\w)|(?<![\w.])(?!(?:e\.g|i\.e|a\.m|p\.m|n\.b|c\.f|a\.k)\.)(?-i:[a-z])\.(?-i:[a-z])\.(?![\w.])|[^\W\d_][\w'’\-]*(?<![\-'’])",
    regex.UNICODE,
)
_POSSESSIVE = regex.compile(r"(?:['’]s|s['’]|['’])$", regex.IGNORECASE)


@dataclass(frozen=True)
class Word:
    text: str  # the word without a possessive ending
    start: int
    end: int
    possessive: bool


def words(text: str) -> Iterator[Word]:
    for m in _WORD.finditer(text):
        raw = m.group()
        if "." in raw:  # initials "J.S."
            stripped = raw.rstrip()
            yield Word(stripped, m.start(), m.start() + len(stripped), False)
            continue
        bare = _POSSESSIVE.sub("", raw)
        yield Word(bare, m.start(), m.start() + len(bare), len(bare) != len(raw))


# The rules ask about the same word several times; a text repeats words.
@lru_cache(maxsize=8192)
def fold(word: str) -> str:
    """Lower case without diacritics: "Wiśniewska" and "Wisniewska" look up the same."""
    if word.isascii():  # nothing to translate, decompose or drop
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=8192)
def normalise(word: str) -> str:
    """The form a name is remembered by: NFKC, lower case, no dots, no possessive."""
    folded = unicodedata.normalize("NFKC", word).replace("’", "'").lower()
    return _POSSESSIVE.sub("", folded).replace(".", "").replace(" ", "")


def parts(word: str) -> list[str]:
    """The folded parts of a hyphenated word ("Smith-Jones")."""
    return [p for p in fold(word).split("-") if p]


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


@lru_cache(maxsize=8192)
def is_all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)
