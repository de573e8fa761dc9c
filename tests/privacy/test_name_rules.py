"""Every name the anonymiser finds says which rule found it; every word turned down says why."""

import pytest

from bot.privacy.anonymiser import Anonymiser, Finding
from bot.privacy.name_rules import (
    FIRST_NAME,
    LISTED_WITH,
    NICKNAME,
    NO_RULE,
    REMEMBERED,
    SAME_TEXT,
    SURNAME,
    WORD_RULES,
)


def _rules_of_names(anonymiser: Anonymiser, text: str) -> dict[str, str]:
    """The rule of the first name finding of each text."""
    rules: dict[str, str] = {}
    for f in anonymiser.anonymise(text).findings:
        if f.entity == "NAME":
            rules.setdefault(text[f.start : f.end], f.rule)
    return rules


@pytest.mark.parametrize(
    ("text", "name", "rule"),
    [
        ("Spoke to Mrs Patel today", "Patel", "after a title"),
        ("J.S. said no", "J.S.", "dotted initials"),
        ("Pupil JS said no", "JS", "initials"),
        ("a boy called Zephyr is here", "Zephyr", "after a cue"),
        ("mum (kayleigh) rang", "kayleigh", "lower-case name"),
        ("Hodan (mum) rang", "Hodan", "aside about a person"),
        (
            "flagged 4 attendances for Chidinma in 6 weeks",
            "Chidinma",
            "alone after a word that takes a person",
        ),
        ("Jasleen's bedroom was cold", "Jasleen", "possessive before a lower-case word"),
        ("Grace told the teacher", "Grace", "listed, before a speech verb"),
        ("Ivy is 2", "Ivy", "listed, before an age or aside"),
        ("AMIR KHAN is missing", "AMIR KHAN", "listed, in capitals"),
        ("we met Kacper today", "Kacper", "listed name"),
        ("we met Zorbo Kowalczyk today", "Zorbo Kowalczyk", f"{FIRST_NAME} + listed name"),
        ("Liam Zzyzxq pushed him", "Liam Zzyzxq", f"listed name + {SURNAME}"),
        ("Abdullah, Layan and Youssef", "Layan", LISTED_WITH),
        ("Kacper (Kaz) rang", "Kaz", NICKNAME),
        ("Grace was late. We saw Grace today", "Grace", SAME_TEXT),
    ],
)
def test_each_name_says_which_rule_found_it(
    anonymiser: Anonymiser, text: str, name: str, rule: str
) -> None:
    assert _rules_of_names(anonymiser, text)[name] == rule


def test_a_name_remembered_from_an_earlier_turn_says_so(anonymiser: Anonymiser) -> None:
    first = anonymiser.anonymise("Zephyr's mum rang")
    later = anonymiser.anonymise("later zephyr came back", first.known)
    assert [f.rule for f in later.findings] == [REMEMBERED]


@pytest.mark.parametrize(
    ("text", "word", "rule"),
    [
        ("Our DSL rang", "DSL", "field acronym"),
        ("Summer was collected", "Summer", "listed domain word"),
        ("Funmilayo rang", "Funmilayo", "unlisted word without person context"),
        ("saw her in Early Help", "Early", "listed domain word"),
        ("Daisy is on the plan", "Daisy", "common word starting a sentence"),
    ],
)
def test_a_word_turned_down_says_which_rule_turned_it_down(
    anonymiser: Anonymiser, text: str, word: str, rule: str
) -> None:
    verdicts = {v.text: v for v in anonymiser.explain_names(text)}
    assert not verdicts[word].is_name
    assert verdicts[word].rule == rule
    assert word not in _rules_of_names(anonymiser, text)


def test_other_findings_name_their_recognizer(anonymiser: Anonymiser) -> None:
    findings = anonymiser.anonymise("call 07700 900123 or mail jo.b@example.org").findings
    assert all(f.rule for f in findings)
    assert {f.entity for f in findings} == {"PHONE", "EMAIL"}


def test_rule_names_are_distinct() -> None:
    names = [r.name for r in WORD_RULES] + [
        FIRST_NAME,
        LISTED_WITH,
        NICKNAME,
        SAME_TEXT,
        REMEMBERED,
        SURNAME,
        NO_RULE,
    ]
    assert len(names) == len(set(names))


def test_the_rule_does_not_change_what_a_finding_is() -> None:
    assert Finding("NAME", 0, 3, rule="listed name") == Finding("NAME", 0, 3, rule="initials")
