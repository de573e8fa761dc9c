"""A large read-only set of words, packed into one string: a tenth of a frozenset's memory.

A frozenset of the 156,000 listed names took 13 MB (a string object of about 56 bytes a name,
and the hash table). Packed, they are one string of the words in order, each between newlines
(1.3 MB), and an index from each word's first ``PREFIX`` characters to the stretch of the string
that holds the words starting with them; a lookup is a dict lookup and a search of that stretch
(a few hundred characters). It costs about ten times a frozenset's lookup, under a microsecond,
which the name rules can afford: they look up a few hundred words for a text of 500 characters.

Building it frees every word object before the index is made, so the memory they took is
returned whole rather than left in pieces among objects that stay.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Set
from itertools import groupby

PREFIX = 3
_SEPARATOR = "\n"  # no word holds one: the word lists are files of one word a line
_BOUND_BITS = 32


class PackedWords(Set[str]):
    __slots__ = ("_count", "_index", "_others", "_text")

    def __init__(self, words: Iterable[str] = ()) -> None:
        unique = set(words)
        # A string takes the width of its widest character: the few words outside ASCII
        # ("sa’idu") are kept apart so the packed string stays at one byte a character.
        self._others = frozenset(word for word in unique if not word.isascii())
        if any(_SEPARATOR in word for word in self._others):
            raise ValueError("a word with a line break cannot be packed")
        ascii_words = sorted(unique - self._others)
        self._count = len(unique)
        del unique
        # Each prefix's share of the string, in order: one array, no object per prefix yet.
        sizes = array("q", (_share(list(group)) for _, group in groupby(ascii_words, _prefix)))
        self._text = _SEPARATOR.join(["", *ascii_words, ""]) if ascii_words else _SEPARATOR
        if self._text.count(_SEPARATOR) != len(ascii_words) + 1:
            raise ValueError("a word with a line break cannot be packed")
        del ascii_words
        self._index = _index(self._text, sizes)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if not word.isascii():
            return word in self._others
        bounds = self._index.get(word[:PREFIX])
        if bounds is None or _SEPARATOR in word:
            return False
        start, end = bounds >> _BOUND_BITS, bounds & ((1 << _BOUND_BITS) - 1)
        return self._text.find(f"{_SEPARATOR}{word}{_SEPARATOR}", start, end) >= 0

    def __iter__(self) -> Iterator[str]:
        if len(self._text) > 1:
            yield from self._text[1:-1].split(_SEPARATOR)
        yield from self._others

    def __len__(self) -> int:
        return self._count


def _prefix(word: str) -> str:
    return word[:PREFIX]


def _share(words: list[str]) -> int:
    """The characters a group of words takes in the packed string, a separator after each."""
    return sum(map(len, words)) + len(words)


def _index(text: str, sizes: array[int]) -> dict[str, int]:
    """Each prefix's stretch of ``text``, from the separator before its first word to just
    after the one following its last word, as ``start << 32 | end``."""
    index: dict[str, int] = {}
    start = 0  # the separator before the group's first word
    for size in sizes:
        first_end = text.find(_SEPARATOR, start + 1)
        index[text[start + 1 : min(first_end, start + 1 + PREFIX)]] = (
            start << _BOUND_BITS | (start + size + 1)
        )
        start += size
    return index
