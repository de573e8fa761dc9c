"""A word or phrase the practitioner marks as missed: removed from an anonymised draft.

The phrase goes wherever it stands, in any case, as one `[REMOVED]`; each of its words is
remembered for the dialog by its keyed digest (never as text), and the text is anonymised again
with that memory so other forms of the words ("Ouseburn's") go too. The placeholders already in
the draft are hidden from that second pass: "[DATE], told" must not make "DATE" a name."""

from __future__ import annotations

import re
from collections import Counter
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.privacy.tokens import words

if TYPE_CHECKING:
    from bot.privacy.anonymiser import Anonymiser

MARK_LIMIT = 100
MARKED = "REMOVED"
_PLACEHOLDER = re.compile(r"\[[A-Z]+(?:_[A-Z]+)*\]")


class MarkProblem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_FOUND = "not_found"
    TOO_SLOW = "too_slow"


def problem(phrase: str) -> MarkProblem | None:
    """Why `phrase` cannot be marked as it is typed, if it cannot."""
    if len(phrase) > MARK_LIMIT:
        return MarkProblem.TOO_LONG
    if not any(ch.isalnum() for ch in phrase):
        return MarkProblem.EMPTY
    return None


def digests(anonymiser: Anonymiser, phrase: str) -> frozenset[str]:
    """What the dialog remembers the phrase's words by."""
    return frozenset(anonymiser.digest(word.text) for word in words(phrase))


def remove_marked(
    anonymiser: Anonymiser, text: str, phrase: str, known: frozenset[str]
) -> tuple[str, frozenset[str]]:
    """`text` without `phrase` (and with anything `known` now catches), and the names known."""
    pattern = _phrase_pattern(phrase)
    text = _placeholder_or(pattern).sub(lambda m: m.group(1) or f"[{MARKED}]", text)
    # Spaces keep every offset: the findings index the text itself.
    hidden = _PLACEHOLDER.sub(lambda m: " " * len(m.group()), text)
    result = anonymiser.anonymise(hidden, known)
    kept: list[str] = []
    pos = 0
    for finding in sorted(result.findings, key=lambda f: f.start):
        for start, end in _outside_placeholders(text, finding.start, finding.end):
            if start >= pos and any(ch.isalnum() for ch in text[start:end]):
                kept += [text[pos:start], f"[{finding.entity}]"]
                pos = end
    kept.append(text[pos:])
    return "".join(kept), result.known


def placeholder_counts(texts: list[str]) -> dict[str, int]:
    """How many of each placeholder the texts show: what was removed from them."""
    return dict(Counter(m.group()[1:-1] for text in texts for m in _PLACEHOLDER.finditer(text)))


def _phrase_pattern(phrase: str) -> str:
    """The phrase's words in order, any spacing between them, not inside a longer word."""
    parts = [re.escape(part) for part in phrase.split()]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


def _placeholder_or(pattern: str) -> re.Pattern[str]:
    """A placeholder (left as it is) or the phrase in any case."""
    return re.compile(rf"({_PLACEHOLDER.pattern})|(?i:{pattern})")


def _outside_placeholders(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of text[start:end] that are not placeholders."""
    pieces: list[tuple[int, int]] = []
    pos = start
    for m in _PLACEHOLDER.finditer(text, start, end):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, end))
    return [(a, b) for a, b in pieces if a < b]
