"""A learned sequence tagger beside the rules: an averaged perceptron over tokens, greedy
left-to-right decoding with the previous tag as a feature, IO tags.

Pure Python on purpose (the server's memory is tight): the weights are hashed features, one
``array('h')`` per tag, quantised to 16 bits. Features are hashed with ``zlib.crc32`` so a model
scores the same in every process (``hash()`` of a string changes with PYTHONHASHSEED). The model
is trained by ``scripts/train_tagger.py`` and stored in ``tagger_model.bin`` beside this file.
"""

from __future__ import annotations

import json
import struct
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import regex

from bot.privacy.gazetteer import heads, large_area, settlement, word_set
from bot.privacy.lexicon import (
    ACRONYMS,
    AGENCY_HEADS,
    FUNCTION_WORDS,
    KNOWN_PLACES,
    PEOPLES,
    PERSON_NOUNS,
    POSSESSED,
    SERVICES,
    TITLES,
    brands_naming_nobody,
    common_words,
    english_words,
    listed,
    ordinary,
)
from bot.privacy.scales import numbered_only

# Finer kinds are folded into OTHER: the rules catch dates and structured identifiers nearly
# always, and fewer tags keep the model small and fast.
TAGS = ("O", "NAME", "SCHOOL", "HEALTH_SETTING", "PLACE", "ORG", "ADDRESS", "OTHER")
TAG_OF_LABEL = {tag: tag for tag in TAGS[1:-1]}
OUTSIDE = 0
FEATURE_VERSION = 2
MODEL_RESOURCE = "tagger_model.bin"
MAGIC = b"ISTG"
# A word longer than this is cut before its features are made: no name is that long, and a
# hostile 16 KB "word" must not cost more than its scan.
LONGEST_WORD = 40
_TOKEN = regex.compile(r"[^\W_]+(?:[\-'’][^\W_]+)*|\S")
_POSSESSIVE = regex.compile(r"['’][sS]$")
_ALNUM = regex.compile(r"[^\W_]")
_SENTENCE_END = frozenset('.!?|:;"()[]•*-–—')
# Tags worth a finding; OTHER only teaches the model what a date or a number looks like.
EMITTED = frozenset(TAGS[1:-1])


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Span:
    entity: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Words (with inner hyphens and apostrophes) and single punctuation marks; a possessive
    "'s" is a token of its own, so "Jay's" tags "Jay"."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        tail = _POSSESSIVE.search(word) if len(word) > 2 else None
        if tail:
            tokens.append(Token(word[: tail.start()], start, start + tail.start()))
            tokens.append(Token(tail.group(), start + tail.start(), end))
        else:
            tokens.append(Token(word, start, end))
    return tokens


def feature_index(feature: str, buckets: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) % buckets


def shape(word: str) -> str:
    """Letters and digits as X, x and d, runs of one kind shortened to two: "McDonald" XxXx."""
    out: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if len(out) >= 2 and out[-1] == kind and out[-2] == kind:
            continue
        out.append(kind)
    return "".join(out)


@cache
def _generic_words() -> frozenset[str]:
    return word_set("generic_words")


def flags(word: str) -> str:
    """What the project's word lists say about a word, as letters."""
    lower = word.lower()
    if not word[:1].isalpha():
        return "-"
    found = "C" if word[:1].isupper() else "c"
    if len(word) > 1 and word.isupper():
        found += "U"
    if listed(lower):
        found += "L"
    if lower in english_words():
        found += "E"
    if ordinary(lower):
        found += "O"
    if lower in TITLES:
        found += "T"
    if lower in FUNCTION_WORDS:
        found += "F"
    if lower in _generic_words():
        found += "G"
    place = settlement(word)
    if place is not None:
        found += "S" if place.small else "B"
    if large_area(word):
        found += "A"
    head = heads().get(lower)
    if head:
        found += "H" + head[:2]
    return found


def _own_features(word: str) -> list[str]:
    lower = word.lower()
    word_flags = flags(word)
    features = [
        "bias",
        "w=" + lower,
        "sh=" + shape(word),
        "p3=" + lower[:3],
        "s3=" + lower[-3:],
        "s2=" + lower[-2:],
        "fl=" + word_flags,
        "len=" + str(min(len(word), 12)),
    ]
    features += ["f:" + letter for letter in word_flags if letter.isupper()]
    return features


def _neighbour_features(word: str, offset: int) -> list[str]:
    lower = word.lower()
    features = [f"w{offset}={lower}"]
    if offset in (-1, 1):
        features += [f"sh{offset}={shape(word)}", f"fl{offset}={flags(word)}"]
    return features


# Positions of a token's neighbours whose words are features of it.
OFFSETS = (-2, -1, 1, 2)
_EDGE = {-2: "<s2>", -1: "<s>", 1: "</s>", 2: "</s2>"}
# Where a word's features as each neighbour lie in its cached entry, and where its own begin.
_SLOTS = {-2: (0, 1), -1: (1, 4), 1: (4, 7), 2: (7, 8)}
_OWN = 8


class Features:
    """Each token's feature indices: the word's own ones and its neighbours', cached per word
    (compactly: a word's entry is one array, the neighbour slots first, see ``_SLOTS``)."""

    def __init__(self, buckets: int) -> None:
        self.buckets = buckets
        self.of_word = lru_cache(maxsize=4096)(self._of_word)
        edges = array(
            "i", (i for o in OFFSETS for i in self._indices(_neighbour_features(_EDGE[o], o)))
        )
        self._edges = {o: edges[a:b] for o, (a, b) in _SLOTS.items()}

    def _indices(self, features: Iterable[str]) -> tuple[int, ...]:
        return tuple(feature_index(f, self.buckets) for f in features)

    def _of_word(self, word: str) -> array:
        word = word[:LONGEST_WORD]
        around = (i for o in OFFSETS for i in self._indices(_neighbour_features(word, o)))
        return array("i", (*around, *self._indices(_own_features(word))))

    def static(self, tokens: Sequence[Token]) -> list[list[int]]:
        """The indices of every token's features that do not depend on the tags before it."""
        words = [self.of_word(t.text) for t in tokens]
        n = len(tokens)
        out: list[list[int]] = []
        for i, entry in enumerate(words):
            indices = entry[_OWN:].tolist()
            for o, (a, b) in _SLOTS.items():
                j = i + o
                # The token at offset o from i: its features as the word at that offset.
                indices += words[j][a:b] if 0 <= j < n else self._edges[o]
            if i == 0 or tokens[i - 1].text in _SENTENCE_END:
                word = tokens[i].text[:LONGEST_WORD]
                indices += self._indices(("start", "start&fl=" + flags(word)))
            out.append(indices)
        return out

    def previous(self, tag: int, token: Token | None) -> tuple[int, ...]:
        """The features of the tag given to the token before (None at the start)."""
        return self._of_previous(tag, shape(token.text[:LONGEST_WORD]) if token else "")

    @lru_cache(maxsize=1024)  # noqa: B019 - one Features per model, kept for the process
    def _of_previous(self, tag: int, word_shape: str) -> tuple[int, ...]:
        return self._indices((f"pt={tag}", f"pt={tag}&sh={word_shape}"))


def spans_of(tokens: Sequence[Token], tags: Sequence[int]) -> list[Span]:
    """Runs of tagged tokens, each one span typed by its most frequent tag (the first on ties)."""
    spans: list[Span] = []
    run: list[int] = []
    for i in range(len(tokens) + 1):
        if i < len(tokens) and tags[i] != OUTSIDE:
            run.append(i)
            continue
        if run:
            counts = Counter(tags[j] for j in run)
            best = max(counts.values())
            tag = next(tags[j] for j in run if counts[tags[j]] == best)
            spans.append(Span(TAGS[tag], tokens[run[0]].start, tokens[run[-1]].end))
            run = []
    return spans


@dataclass(frozen=True)
class Analysis:
    """The tagger's spans in a text, and how sure it was of each token."""

    spans: list[Span]
    starts: list[int]
    ends: list[int]
    # The best tag's score over "O"'s, in weight units; None for a token with no letter or digit.
    confidence: list[float | None]

    def outside(self, start: int, end: int, veto: float) -> bool:
        """Whether every word of text[start:end] scores "O" over any tag by more than `veto`."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end, lo=first)
        sure = [c for c in self.confidence[first:last] if c is not None]
        return bool(sure) and all(c < -veto for c in sure)


class Tagger:
    """Scores each token for every tag from quantised weights; a token is tagged when its best
    tag beats "O" by more than the margin chosen by cross-validation (that tag's own margin in
    `tag_margins`, if it has one). With a `veto`, a rule's finding whose every word scores "O"
    by more than it is dropped (see the anonymiser)."""

    def __init__(
        self,
        weights: Sequence[array],
        margin: float,
        scale: float,
        veto: float | None = None,
        screen: bool = False,
    ) -> None:
        self.weights = list(weights)
        self.buckets = len(weights[0])
        self.features = Features(self.buckets)
        self.margin = margin
        self.scale = scale
        self.veto = veto
        self.screen = screen  # drop spans the word lists say identify nobody (`plausible`)
        # Name rules whose "not a name" a one-word NAME span of the tagger defers to.
        self.defer: frozenset[str] = frozenset()
        self.tag_margins: dict[str, float] = {}

    def tag(self, tokens: Sequence[Token]) -> tuple[list[int], list[float]]:
        """Each token's tag, and its best tag's score over "O"'s (weight units)."""
        static = self.features.static(tokens)
        margins = [self.tag_margins.get(t, self.margin) / self.scale for t in TAGS]
        weights = self.weights
        tags: list[int] = []
        confidence: list[float] = []
        previous = -1
        for i, indices in enumerate(static):
            indices += self.features.previous(previous, tokens[i - 1] if i else None)
            scores = [sum(map(w.__getitem__, indices)) for w in weights]
            best = max(range(1, len(scores)), key=scores.__getitem__)
            over = scores[best] - scores[OUTSIDE]
            tag = best if over > margins[best] else OUTSIDE
            tags.append(tag)
            confidence.append(over * self.scale)
            previous = tag
        return tags, confidence

    def deferring(self, rules: object) -> Tagger:
        self.defer = frozenset(map(str, rules)) if isinstance(rules, list) else frozenset()
        return self

    def analyse(self, text: str) -> Analysis:
        tokens = tokenize(text)
        tags, confidence = self.tag(tokens)
        spans = [s for s in spans_of(tokens, tags) if s.entity in EMITTED]
        if self.screen:
            spans = [
                s
                for s in spans
                if plausible(text[s.start : s.end], s.entity)
                and not _names_a_method(text, s)
                and not _cut_from_an_agency(text, s)
                and not numbered_only(text, s.start, s.end, s.entity)
            ]
        return Analysis(
            spans,
            [t.start for t in tokens],
            [t.end for t in tokens],
            [c if _ALNUM.search(t.text) else None for t, c in zip(tokens, confidence, strict=True)],
        )

    def find(self, text: str) -> list[Span]:
        return self.analyse(text).spans


_SPAN_WORD = regex.compile(r"[^\W\d_][\w'’]*")


@cache
def _identifies_nobody() -> frozenset[str]:
    """Whole phrases the rules' lists say point to nobody: national employers and services,
    brands, venues and places that are no particular one, peoples and languages."""
    lists = ("national_employers", "not_venues", "not_places", "generic_words")
    named = SERVICES | PEOPLES | ACRONYMS | KNOWN_PLACES | brands_naming_nobody()
    return frozenset().union(*map(word_set, lists)) | named


def _big_place(name: str) -> bool:
    """A country, region or city too big to point to a family ("Leeds", "Yorkshire")."""
    place = settlement(name)
    return large_area(name) or (place is not None and not place.small)


def plausible(phrase: str, entity: str) -> bool:
    """Whether a tagged span may identify someone by the word lists: not only kinds of setting
    ("Academy", "Ward", "Club"), not a national employer or service ("Greggs", "Caring Dads"),
    not a big city, county or country for a place, nothing in lower case made only of
    English words ("sky", "miles", "the box")."""
    found = _SPAN_WORD.findall(phrase)
    lowers = [w.lower().removesuffix("'s").removesuffix("’s") for w in found]
    if not lowers or all(w in _generic_words() or w in heads() for w in lowers):
        return False
    bare = " ".join(lowers).removeprefix("the ")
    if bare in _identifies_nobody() or bare.removesuffix("s") in _identifies_nobody():
        return False
    if entity != "NAME" and _big_place(phrase):
        return False
    # "Cousins in Leeds", "Lad disclosed": words for people, not a name.
    if entity == "NAME" and all(w in PERSON_NOUNS or w in POSSESSED for w in lowers):
        return False
    if phrase.islower():
        return not all(w in english_words() or w in common_words() for w in lowers)
    return True


_NEXT_WORD = regex.compile(r"[ \t]+([\w\-]+)")


def _names_a_method(text: str, span: Span) -> bool:
    """A setting's span that ends in, or comes right before, a word for a method, a document or
    a service ("Bradford Practice Framework", "Practice Standards", "school nursing")."""
    if span.entity == "NAME":
        return False
    methods = word_set("method_nouns")
    last = _SPAN_WORD.findall(text[span.start : span.end])
    if last and last[-1].lower() in methods:
        return True
    m = _NEXT_WORD.match(text, span.end)
    return m is not None and m[1].lower() in methods


_POSSESSIVE_NEXT_WORD = regex.compile(r"(['’]s)?[ \t]+([\w\-]+)")


def _cut_from_an_agency(text: str, span: Span) -> bool:
    """A setting's span whose last word begins the two-word head of an agency's name, as in
    "[Heathfield Children]'s Services": the whole names an agency, and the place before it
    names nobody (bot/privacy/words/agency_heads.txt)."""
    if span.entity == "NAME":
        return False
    last = _SPAN_WORD.findall(text[span.start : span.end])
    m = _POSSESSIVE_NEXT_WORD.match(text, span.end)
    if not last or m is None:
        return False
    head = f"{last[-1]}{m[1] or ''} {m[2]}".lower().replace("’", "'")
    return head in AGENCY_HEADS


def dump(
    weights: Sequence[Sequence[float]],
    margin: float,
    header: dict[str, object],
    veto: float | None = None,
    screen: bool = False,
    defer: Iterable[str] = (),
    tag_margins: dict[str, float] | None = None,
) -> bytes:
    """The model file: magic, header length, JSON header, zlib of the 16-bit weights."""
    largest = max((abs(v) for w in weights for v in w), default=1.0) or 1.0
    scale = largest / 32767
    packed = array("h", (round(v / scale) for w in weights for v in w))
    meta = {
        **header,
        "tags": list(TAGS),
        "buckets": len(weights[0]),
        "scale": scale,
        "margin": margin,
        "tag_margins": tag_margins or {},
        "veto": veto,
        "screen": screen,
        "defer": sorted(defer),
        "feature_version": FEATURE_VERSION,
    }
    head = json.dumps(meta, sort_keys=True).encode("utf-8")
    return MAGIC + struct.pack("<I", len(head)) + head + zlib.compress(packed.tobytes(), 9)


def header_of(data: bytes) -> dict[str, object]:
    if data[:4] != MAGIC:
        raise ValueError("not a tagger model")
    (length,) = struct.unpack("<I", data[4:8])
    header: dict[str, object] = json.loads(data[8 : 8 + length])
    return header


def load(data: bytes) -> Tagger:
    header = header_of(data)
    (length,) = struct.unpack("<I", data[4:8])
    packed = array("h")
    packed.frombytes(zlib.decompress(data[8 + length :]))
    buckets = int(str(header["buckets"]))
    if header.get("tags") != list(TAGS) or len(packed) != buckets * len(TAGS):
        raise ValueError("the tagger model does not fit this code: retrain it")
    weights = [packed[k * buckets : (k + 1) * buckets] for k in range(len(TAGS))]
    veto = header.get("veto")
    tagger = Tagger(
        weights,
        float(str(header["margin"])),
        float(str(header["scale"])),
        None if veto is None else float(str(veto)),
        bool(header.get("screen", False)),
    ).deferring(header.get("defer", []))
    tag_margins = header.get("tag_margins")
    if isinstance(tag_margins, dict):
        tagger.tag_margins = {str(t): float(m) for t, m in tag_margins.items() if t in TAGS}
    return tagger


def model_bytes() -> bytes:
    return resources.files("bot.privacy").joinpath(MODEL_RESOURCE).read_bytes()


@cache
def default_tagger() -> Tagger | None:
    """The committed model, or None when there is none yet."""
    try:
        data = model_bytes()
    except FileNotFoundError:
        return None
    return load(data)
