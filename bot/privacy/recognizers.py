"""The Presidio analyzer, built to run offline with UK recognizers switched on."""

from collections.abc import Iterable

import regex
import tldextract
from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NoOpNlpEngine
from presidio_analyzer.predefined_recognizers import (
    DateRecognizer,
    EmailRecognizer,
    NhsRecognizer,
    PhoneRecognizer,
    UkNinoRecognizer,
    UkPostcodeRecognizer,
    UrlRecognizer,
)

from bot.privacy import patterns

# Presidio's entity names -> ours.
ENTITY_NAMES = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "UK_NHS": "NHS_NUMBER",
    "UK_NINO": "NI_NUMBER",
    "UK_POSTCODE": "POSTCODE",
    "DATE_TIME": "DATE",
    "URL": "URL",
}


def _tld_alternation(base: str) -> tuple[str, list[str]]:
    """The `(?:(?:com)|(?:edu)|…)` group after the dot in Presidio's URL pattern, and its
    literals in order."""
    start = base.index("[.](?:") + len("[.]")
    end = base.index(")(?:/", start) + 1
    group = base[start:end]
    literals = regex.findall(r"\(\?:([a-z]+)\)", group)
    assert group == "(?:" + "|".join(f"(?:{t})" for t in literals) + ")", "Presidio changed"
    return group, literals


def _prefix_tree(literals: list[str]) -> str:
    """A regex that picks, at a position, the literal the alternation would pick: the first
    listed one that matches. A literal after one of its own prefixes can never be picked, so
    those are dropped; among the rest the longest match is the first listed, which a greedy
    tree of common prefixes finds."""
    kept: list[str] = []
    for literal in literals:
        if not any(literal.startswith(earlier) for earlier in kept):
            kept.append(literal)
    return "(?:" + _tree(sorted(set(kept))) + ")"


def _tree(words: list[str]) -> str:
    branches: list[str] = []
    ends_here = "" in words
    by_first: dict[str, list[str]] = {}
    for word in words:
        if word:
            by_first.setdefault(word[0], []).append(word[1:])
    for first, rests in by_first.items():
        branches.append(first + _subtree(rests))
    return "|".join(branches) if not ends_here else f"(?:{'|'.join(branches)})?"


def _subtree(rests: list[str]) -> str:
    if rests == [""]:
        return ""
    return f"(?:{_tree(rests)})"


_TLD_ALTERNATION, _TLDS = _tld_alternation(UrlRecognizer.BASE_URL_REGEX)
_HOST_START = r"(?:\G|(?<![a-z0-9.\-]))"


def _linear_url(name: str, pattern: str) -> str:
    if name not in ("Standard Url", "Non schema URL"):
        return pattern
    flags, body = pattern[: len("(?i)")], pattern[len("(?i)") :]
    assert flags == "(?i)", "Presidio changed"
    start = _HOST_START if name == "Non schema URL" else ""
    return flags + start + body.replace(_TLD_ALTERNATION, _prefix_tree(_TLDS))


# The public suffix list snapshot bundled with tldextract: no fetch, no cache on disk.
_OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's email recognizer without the public-suffix-list download."""

    def validate_result(self, pattern_text: str) -> bool:
        return _OFFLINE_TLD(pattern_text).fqdn != ""


def linear_email_patterns() -> list[Pattern]:
    """Presidio's email pattern, started only where a match can begin: at the first letter or
    digit of a run of address characters, or where the previous match ended. The same matches;
    the stock one tries every letter of "a.a.a.…@x" and reads to the "@" from each."""
    return [
        Pattern(
            p.name,
            r"\b(?:\G|(?<=(?:^|[^!#$%&'*+\-/=?^_`{|}~.\w])[!#$%&'*+\-/=?^`{|}~.]*))"
            + p.regex.removeprefix(r"\b"),
            p.score,
        )
        for p in EmailRecognizer.PATTERNS
    ]


def linear_url_patterns() -> list[Pattern]:
    """Presidio's URL patterns, made linear ("a.a.a." took 4 ms a character):

    - the top-level-domain alternation (~675 literal branches, tried at every dot) is written
      as a tree of common prefixes that makes the same choice (where nothing after it can fail
      and send the search back into it: not in the quoted patterns, which start at a quote);
    - a URL without a scheme starts where a run of host characters starts (or where the
      previous match ended), not at each of its characters, each of which read up to 253
      characters on. The same matches wherever that run is at most 253 characters long, the
      longest a host name can be; a longer one is not a host name.
    """
    return [Pattern(p.name, _linear_url(p.name, p.regex), p.score) for p in UrlRecognizer.PATTERNS]


class NhsNumberRecognizer(PatternRecognizer):
    """Ten digits that pass the Modulus 11 check, as written 943 476 5919 or 943-476-5919."""

    def validate_result(self, pattern_text: str) -> bool:
        return nhs_checksum_ok(pattern_text)


# National helplines a note may point a family to: public, so not a family's number.
PUBLIC_NUMBERS = frozenset(
    {
        "08001111",  # Childline
        "08088005000",  # NSPCC helpline
        "116123",  # Samaritans
        "116000",  # Missing People / Runaway Helpline
        "08082000247",  # National Domestic Abuse Helpline
        "0800555111",  # Crimestoppers
        "08081000900",  # Stop It Now
        "08088025544",  # YoungMinds parents helpline
        "08088004444",  # Shelter
        "08088002222",  # Family Lives
        "08000283550",  # NSPCC FGM helpline
        "0800789321",  # Anti-Terrorist Hotline
        "08000121700",  # Modern Slavery Helpline
        "03001236600",  # FRANK
        "08088010327",  # Men's Advice Line
    }
)
_SPOKEN = {
    "oh": "0", "o": "0", "zero": "0", "nought": "0", "one": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_REPEAT = {"double": 2, "triple": 3, "treble": 3}


def spoken_digits(text: str) -> str:
    """The digits of a number as written or dictated ("oh seven double oh" -> "0700"), with
    its "+" ("plus" when dictated)."""
    digits: list[str] = []
    repeat = 1
    for word in regex.findall(r"\+|\d|[a-z]+", text.lower()):
        if word in _REPEAT:
            repeat = _REPEAT[word]
            continue
        if word in ("+", "plus"):
            digits.append("+")
        else:
            digits.append((word if word.isdigit() else _SPOKEN.get(word, "")) * repeat)
        repeat = 1
    return "".join(digits)


_EXTENSION = regex.compile(patterns.EXTENSION + "$", regex.IGNORECASE)


def national_digits(text: str) -> str:
    """A UK number's digits as dialled inside the UK ("+44 (0)7700 ..." -> "07700 ..."); any
    other number's digits as written; an extension left out."""
    digits = spoken_digits(_EXTENSION.sub("", text))
    for prefix in ("+44", "0044"):
        if digits.startswith(prefix):
            rest = digits[len(prefix) :]
            return "0" + (rest[1:] if rest.startswith("0") else rest)
    if digits.startswith("00"):  # another country's number dialled from the UK
        return digits[2:]
    return digits.lstrip("+")


def is_public_number(text: str) -> bool:
    return national_digits(text) in PUBLIC_NUMBERS


class UkPhoneRecognizer(PatternRecognizer):
    """UK numbers libphonenumber rejects (Ofcom drama ranges, typos in spacing, dictated
    numbers) by digit count; national helplines are left alone."""

    def validate_result(self, pattern_text: str) -> bool:
        digits = national_digits(pattern_text)
        if digits in PUBLIC_NUMBERS:
            return False
        # A mobile number with a digit too many is still someone's number, mistyped.
        longest = 12 if digits.startswith("07") else 11
        return 10 <= len(digits) <= longest if digits.startswith("0") else 9 <= len(digits) <= 15


# Numbers after a phone word that are something else: a date ("ring on 14.3.24"), years.
_NOT_A_PHONE = regex.compile(
    r"\d{1,2}\s?([/.\-])\s?\d{1,2}\s?\1\s?\d{2,4}|(?:19|20)\d\d\s?[\-/–]\s?(?:19|20)?\d\d"
)


class CuedPhoneRecognizer(PatternRecognizer):
    """A number after a word that says it is a phone number: any length a phone number has,
    with or without its area or country code."""

    def validate_result(self, pattern_text: str) -> bool:
        digits = national_digits(pattern_text)
        if digits in PUBLIC_NUMBERS or _NOT_A_PHONE.fullmatch(pattern_text):
            return False
        return 6 <= len(digits) <= 15


class LibPhoneRecognizer(PhoneRecognizer):
    """Presidio's libphonenumber recognizer for GB numbers, leaving national helplines."""

    def analyze(  # type: ignore[no-untyped-def]
        self, text: str, entities: list[str], nlp_artifacts=None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        return [r for r in results if not is_public_number(text[r.start : r.end])]


# After a reference, the second of a pair with an aside between: "incident numbers 0455
# (Friday) and 0461", "log 1187 for mum and 1188 for dad". Read from the end of the first, in a
# bounded window, within the sentence.
_NEXT_OF_PAIR = regex.compile(
    r"[^.;\n\d]{0,40}?(?:\band\b|,|&|\bor\b|\bthen\b)[^.;\n\d£$€%]{0,30}?"
    r"(?<![\w/\-])(\d[\d/\-]{1,14}\d)\b(?![/\-.,]?\d|\s*(?:%|mins?|minutes|hours|hrs|days|weeks|years))",
    regex.IGNORECASE,
)
_YEAR = regex.compile(r"(?:19|20)\d\d")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


class CaseNumberRecognizer(PatternRecognizer):
    """Case numbers, and the second number of a pair when it has the first one's shape."""

    def analyze(  # type: ignore[no-untyped-def]
        self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        found = list(results)
        for first in results:
            previous = text[first.start : first.end]
            end = first.end
            while (match := _NEXT_OF_PAIR.match(text, end)) is not None:
                second = match.group(1)
                if abs(_digits(second) - _digits(previous)) > 1 or _YEAR.fullmatch(second):
                    break
                found.append(
                    RecognizerResult(
                        first.entity_type,
                        match.start(1),
                        match.end(1),
                        first.score,
                        recognition_metadata=first.recognition_metadata,
                    )
                )
                previous, end = second, match.end(1)
        return found


def nhs_checksum_ok(text: str) -> bool:
    digits = [int(ch) for ch in text if ch.isdigit()]
    if len(digits) != 10:
        return False
    total = sum(d * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == digits[9]


def _pattern_recognizer(
    entity: str,
    specs: Iterable[tuple[str, str, float]],
    cls: type[PatternRecognizer] = PatternRecognizer,
    suffix: str = "",
) -> PatternRecognizer:
    return cls(
        supported_entity=entity,
        patterns=[Pattern(name, regex, score) for name, regex, score in specs],
        name=f"infoshare_{entity.lower()}" + (f"_{suffix}" if suffix else ""),
    )


def build_recognizers() -> list[EntityRecognizer]:
    return [
        OfflineEmailRecognizer(supported_entity="EMAIL", patterns=linear_email_patterns()),
        UrlRecognizer(supported_entity="URL", patterns=linear_url_patterns()),
        LibPhoneRecognizer(supported_regions=["GB"]),  # reports PHONE_NUMBER
        NhsRecognizer(supported_entity="NHS_NUMBER"),
        UkNinoRecognizer(supported_entity="NI_NUMBER"),
        # The stock pattern scores a bare postcode 0.1; this scores the same pattern 0.6.
        UkPostcodeRecognizer(
            supported_entity="POSTCODE",
            patterns=[Pattern(p.name, p.regex, 0.6) for p in UkPostcodeRecognizer.PATTERNS],
        ),
        DateRecognizer(supported_entity="DATE"),
        _pattern_recognizer("DATE", patterns.DATE),
        _pattern_recognizer("POSTCODE", patterns.POSTCODE),
        _pattern_recognizer("PHONE", patterns.PHONE, UkPhoneRecognizer),
        _pattern_recognizer("PHONE", patterns.PHONE_AFTER_CUE, CuedPhoneRecognizer, "cued"),
        _pattern_recognizer("EMAIL", patterns.EMAIL),
        _pattern_recognizer("URL", patterns.URL + patterns.SLACK_LINK),
        _pattern_recognizer("NHS_NUMBER", patterns.NHS_NUMBER, NhsNumberRecognizer),
        _pattern_recognizer("NHS_NUMBER", patterns.NHS_NUMBER_UNCHECKED, suffix="unchecked"),
        _pattern_recognizer("NI_NUMBER", patterns.NI_NUMBER),
        _pattern_recognizer("SLACK_MENTION", patterns.SLACK_MENTION),
        _pattern_recognizer("CASE_NUMBER", patterns.CASE_NUMBER, CaseNumberRecognizer),
        _pattern_recognizer("ADDRESS", patterns.ADDRESS),
    ]


class NoContextEnhancer(ContextAwareEnhancer):
    """Presidio's default enhancer compares the lemmas around each finding with context words;
    with no NLP model there are none, and it deep-copied every result first (a sixth of the
    time of a call). This one returns the results as they are."""

    def __init__(self) -> None:
        super().__init__(0.0, 0.0, 0, 0)

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results


def build_analyzer() -> AnalyzerEngine:
    registry = RecognizerRegistry(supported_languages=["en"])
    for recognizer in build_recognizers():
        registry.add_recognizer(recognizer)
    nlp_engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=["en"],
        context_aware_enhancer=NoContextEnhancer(),
    )
