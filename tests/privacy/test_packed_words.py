"""PackedWords answers as a frozenset of the same words would."""

import random

import pytest

from bot.privacy import lexicon
from bot.privacy.packed_words import PackedWords


@pytest.mark.parametrize(
    "words",
    [
        [],
        [""],
        ["a"],
        ["ab", "abc", "abcd", "abd", "b", ""],
        ["sa’idu", "akyerε", "smith", "smithe", "smit"],
        ["mac an ultaigh", "o'brien", "smith-jones"],
    ],
)
def test_small_sets(words: list[str]) -> None:
    packed, plain = PackedWords(words), frozenset(words)
    assert len(packed) == len(plain)
    assert sorted(packed) == sorted(plain)
    probes = {w + s for w in [*words, "", "a", "ab", "x"] for s in ["", "a", "d", "\n", "\nb"]}
    probes |= {w[:k] for w in words for k in range(len(w))} | {"\n", "ab\nabc", "abc\nabd"}
    assert {p for p in probes if p in packed} == {p for p in probes if p in plain}
    assert 3 not in packed and None not in packed


def test_a_line_break_in_a_word_is_refused() -> None:
    with pytest.raises(ValueError, match="line break"):
        PackedWords(["a\nb"])


def test_the_lists_answer_as_frozensets_would() -> None:
    rng = random.Random(5)
    for packed in (lexicon.name_list(), lexicon.english_words(), lexicon.community_names()):
        words = list(packed)
        plain = frozenset(words)
        assert len(words) == len(plain) == len(packed)
        probes = rng.sample(words, 5000)
        probes += [w[:-1] for w in probes] + [w + "s" for w in probes] + [w.upper() for w in probes]
        probes += ["".join(rng.choice("aeilnorsty’-' ") for _ in range(rng.randint(0, 9)))
                   for _ in range(5000)]
        assert all((p in packed) == (p in plain) for p in probes)
