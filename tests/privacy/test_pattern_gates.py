"""A pattern's gates hold for every match it makes, so skipping it without them finds the same.

Gates (bot/privacy/pattern_gates.py) are keyed by the names of patterns another file defines: a
renamed pattern would silently lose its gate, and a pattern changed to match without its gate
would silently lose findings. The second test runs every gated pattern ungated over the tuning
texts (never the held-out ones) and a few hand-written ones, and looks for each gate in every
text a match was found in.
"""

from __future__ import annotations

import regex

from bot.privacy.engine import Gates, PatternRecognizer
from bot.privacy.pattern_gates import GATES
from bot.privacy.recognizers import build_recognizers
from scripts.anonymiser_report import parse_turn, read_lines, tuning_files

EXTRA = [
    "seen on the 14th of March, DOB 03/15, born 2011, ring 07700 900123",
    "Sat 15/3 at 7pm, wed 3rd, last sun, ddydd Sul, y 9fed o Fawrth, 21ain Ionawr",
    "her mobile is seven seven double oh nine one two three four five six",
    "w/c 4th March, 14MAR24, Sept 2023, 2024-05-17T14:00, 14 03 2015, 14-3-2015",
    "no 14 Ashdown Road, flat 2 Jubilee Mansions, pitch 6, nhs no 943 476 5919",
]


def _gated_patterns() -> list[tuple[str, str, regex.Pattern[str], tuple[str, ...]]]:
    return [
        (recognizer.entity, pattern.name, compiled, pattern.gates)
        for recognizer in build_recognizers()
        if isinstance(recognizer, PatternRecognizer)
        for pattern, compiled in recognizer.patterns
        if pattern.gates
    ]


def _texts() -> list[str]:
    corpora, cleans = tuning_files()
    texts = [
        parse_turn(turn)[0]
        for path in corpora
        for item in read_lines(path)
        for turn in item.split(" || ")
    ]
    return texts + [line for path in cleans for line in read_lines(path)] + EXTRA


def test_every_gate_names_a_pattern() -> None:
    gated = {(entity, name) for entity, name, _, _ in _gated_patterns()}
    assert set(GATES) == gated


def test_every_match_opens_its_gates() -> None:
    patterns = _gated_patterns()
    matched = 0
    for text in _texts():
        gates = Gates(text)
        for entity, name, compiled, needed in patterns:
            match = compiled.search(text)
            if match is None or match.start() == match.end():
                continue
            matched += 1
            for gate in needed:
                assert gates.open(gate), f"{entity} {name!r}: {match.group()!r} without {gate}"
    assert matched > 500  # the texts do exercise the gated patterns
