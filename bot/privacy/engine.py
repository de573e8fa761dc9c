"""The recognizer engine: runs the pattern recognizers and replaces what they find.

It does what the parts of Presidio we used did, and only that, without Presidio's import (which
pulled in spaCy, about 100 MB of the server's memory, for an NLP engine we never ran): patterns
compiled with the same flags by the same `regex` module; a validator that turns a match's score
to 1 or drops it; the same removal of results that a result of the same entity with at least
its score contains; the same score threshold; and the replace operator, which also joins two
findings of one entity with only spaces between them into one placeholder.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import regex

FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE
MAX_SCORE = 1.0
MIN_SCORE = 0.0


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: str
    score: float
    # Regexes that every match of this pattern holds a match of (a digit, a month's name): a
    # text without one of them skips the pattern (``pattern_gates.py``).
    gates: tuple[str, ...] = ()


@lru_cache(maxsize=64)
def _compiled_gate(gate: str) -> "regex.Pattern[str]":
    return regex.compile(gate, FLAGS)


class Gates:
    """Which gates a text opens, each searched for at most once per text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._open: dict[str, bool] = {}

    def open(self, gate: str) -> bool:
        opened = self._open.get(gate)
        if opened is None:
            opened = self._open[gate] = _compiled_gate(gate).search(self._text) is not None
        return opened


@dataclass(frozen=True)
class Result:
    entity: str
    start: int
    end: int
    score: float
    recognizer: str = field(default="", compare=False)

    def contained_in(self, other: "Result") -> bool:
        return self.start >= other.start and self.end <= other.end


class Recognizer(Protocol):
    name: str

    def analyze(self, text: str, gates: Gates | None = None) -> list[Result]: ...


class PatternRecognizer:
    """Regular expressions for one entity; a subclass may validate each match."""

    def __init__(self, supported_entity: str, patterns: Iterable[Pattern], name: str = "") -> None:
        self.entity = supported_entity
        self.name = name or type(self).__name__
        self.patterns = [(p, regex.compile(p.regex, FLAGS)) for p in patterns]

    def validate_result(self, pattern_text: str) -> bool | None:
        """True: certainly this entity (score 1); False: not it (dropped); None: keep the score."""
        return None

    def analyze(self, text: str, gates: Gates | None = None) -> list[Result]:
        gates = gates or Gates(text)
        results = []
        for pattern, compiled in self.patterns:
            for gate in pattern.gates:
                if not gates.open(gate):
                    break
            else:
                results += self._matches(text, pattern, compiled)
        return remove_duplicates(results)

    def _matches(self, text: str, pattern: Pattern, compiled: "regex.Pattern[str]") -> list[Result]:
        results = []
        for match in compiled.finditer(text):
            start, end = match.span()
            if start == end:
                continue
            score = pattern.score
            valid = self.validate_result(text[start:end])
            if valid is not None:
                score = MAX_SCORE if valid else MIN_SCORE
            if score > MIN_SCORE:
                results.append(Result(self.entity, start, end, score, self.name))
        return results


def remove_duplicates(results: list[Result]) -> list[Result]:
    """Drop a result that another result of the same entity contains with at least its score."""
    if not results:  # most recognizers find nothing in most texts
        return []
    ordered = sorted(set(results), key=lambda r: (r.entity, r.start, -(r.end - r.start), -r.score))
    kept: list[Result] = []
    active: list[Result] = []
    entity = None
    for result in ordered:
        if result.entity != entity:
            entity, active = result.entity, []
        if result.score == 0:
            continue
        active = [a for a in active if a.end >= result.start]
        if any(result.contained_in(a) and result.score <= a.score for a in active):
            continue
        kept.append(result)
        active.append(result)
    return sorted(kept, key=lambda r: (-r.score, r.start, -(r.end - r.start)))


class Analyzer:
    def __init__(self, recognizers: Iterable[Recognizer]) -> None:
        self.recognizers = list(recognizers)

    def analyze(self, text: str, score_threshold: float) -> list[Result]:
        gates = Gates(text)
        found = [r for recognizer in self.recognizers for r in recognizer.analyze(text, gates)]
        return remove_duplicates([r for r in found if r.score >= score_threshold])


_SPACES = re.compile(r"^( )+$")


def replace(text: str, spans: Iterable[tuple[str, int, int]]) -> str:
    """Each (entity, start, end) span, none overlapping another, becomes "[ENTITY]"; spans of one
    entity with only spaces between them become one. An empty span hides nothing and is left."""
    joined: list[tuple[str, int, int]] = []
    for entity, start, end in sorted((s for s in spans if s[1] < s[2]), key=lambda s: s[1]):
        # Presidio's test, `$` and all: it also lets a gap of spaces and one final newline through.
        if joined and joined[-1][0] == entity and _SPACES.search(text[joined[-1][2] : start]):
            start = joined.pop()[1]
        joined.append((entity, start, end))
    pieces: list[str] = []
    at = 0
    for entity, start, end in joined:
        pieces += [text[at:start], f"[{entity}]"]
        at = end
    return "".join([*pieces, text[at:]])
