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

from collections.abc import Iterable, Iterator, Set

PREFIX = 3
_SEPARATOR = "\n"  # no word holds one: the word lists are files of one word a line
_BOUND_BITS = 32


class PackedWords(Set[str]):
    __slots__ = ("_count", "_index", "_others", "_text")

    def __init__(self, words: Iterable[str] = ()) -> None:
        unique = set(words)
        if any(_SEPARATOR in word for word in unique):
            raise ValueError("a word with a line break cannot be packed")
        # A string takes the width of its widest character: the few words outside ASCII
        # ("sa’idu") are kept apart so the packed string stays at one byte a character.
        self._others = frozenset(word for word in unique if not word.isascii())
        ascii_words = sorted(unique - self._others)
        self._count = len(unique)
        del unique
        self._text = _SEPARATOR + "".join(f"{word}{_SEPARATOR}" for word in ascii_words)
        del ascii_words
        self._index = _index(self._text)

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


def _index(text: str) -> dict[str, int]:
    """Each prefix's stretch of ``text``, from the separator before its first word to just
    after the one following its last word, as ``start << 32 | end``. Words sharing a prefix
    are together, ``text`` being in order."""
    index: dict[str, int] = {}
    prefix, start = "", 0
    at = 0  # the separator before the current word
    while at < len(text) - 1:
        after = text.find(_SEPARATOR, at + 1)
        word_prefix = text[at + 1 : min(after, at + 1 + PREFIX)]
        if word_prefix != prefix:
            if at > 0:
                index[prefix] = start << _BOUND_BITS | (at + 1)
            prefix, start = word_prefix, at
        at = after
    if at > 0:
        index[prefix] = start << _BOUND_BITS | (at + 1)
    return index
