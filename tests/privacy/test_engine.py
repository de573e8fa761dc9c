"""The recognizer engine that replaced Presidio's: the behaviours of Presidio's it keeps."""

from bot.privacy.engine import Analyzer, Pattern, PatternRecognizer, Result, replace
from bot.privacy.recognizers import LibPhoneRecognizer, build_analyzer


class EvenDigits(PatternRecognizer):
    def validate_result(self, pattern_text: str) -> bool | None:
        return None if pattern_text == "77" else int(pattern_text) % 2 == 0


def test_a_validator_raises_a_match_to_certain_or_drops_it() -> None:
    recognizer = EvenDigits("N", [Pattern("digits", r"\d+", 0.3)])
    found = {(r.start, r.end, r.score) for r in recognizer.analyze("12 13 77")}
    assert found == {(0, 2, 1.0), (6, 8, 0.3)}


def test_patterns_ignore_case_and_a_dot_matches_a_newline() -> None:
    recognizer = PatternRecognizer("X", [Pattern("ab", r"a.b", 0.5)])
    assert [(r.start, r.end) for r in recognizer.analyze("A\nB")] == [(0, 3)]


def test_below_the_threshold_is_dropped_and_a_contained_result_of_the_same_entity_too() -> None:
    analyzer = Analyzer(
        [
            PatternRecognizer("DATE", [Pattern("long", r"1 May 2020", 0.6)]),
            PatternRecognizer("DATE", [Pattern("short", r"May 2020", 0.6)]),
            PatternRecognizer("YEAR", [Pattern("year", r"2020", 0.6)]),
            PatternRecognizer("DAY", [Pattern("weak", r"\b1\b", 0.2)]),
        ]
    )
    found = {(r.entity, r.start, r.end) for r in analyzer.analyze("on 1 May 2020", 0.35)}
    assert found == {("DATE", 3, 13), ("YEAR", 9, 13)}


def test_a_stronger_result_inside_a_weaker_one_stays() -> None:
    analyzer = Analyzer(
        [
            PatternRecognizer("DATE", [Pattern("long", r"1 May 2020", 0.5)]),
            PatternRecognizer("DATE", [Pattern("short", r"May 2020", 0.9)]),
        ]
    )
    assert {(r.start, r.end) for r in analyzer.analyze("1 May 2020", 0.35)} == {(0, 10), (2, 10)}


def test_replace_joins_findings_of_one_entity_with_only_spaces_between() -> None:
    text = "Jo  Smith, Al and Bo 07700 900123"
    spans = [("NAME", 0, 2), ("NAME", 4, 9), ("NAME", 11, 13), ("NAME", 18, 20), ("PHONE", 21, 33)]
    assert replace(text, spans) == "[NAME], [NAME] and [NAME] [PHONE]"


def test_replace_leaves_text_without_findings_alone() -> None:
    assert replace("nothing here", []) == "nothing here"


def test_libphonenumber_finds_valid_gb_numbers_and_leaves_helplines() -> None:
    found = LibPhoneRecognizer().analyze("ring 0113 496 0000 or Childline 0800 1111")
    assert [(r.entity, r.start, r.end) for r in found] == [("PHONE_NUMBER", 5, 18)]


def test_every_recognizer_is_named_for_the_explanations() -> None:
    results: list[Result] = build_analyzer().analyze("jo@example.com on 01/02/2020", 0.35)
    assert {r.recognizer for r in results} >= {"OfflineEmailRecognizer", "DateRecognizer"}
