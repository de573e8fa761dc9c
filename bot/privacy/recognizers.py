"""The recognizers of structured identifiers, run by ``engine.py`` (once Presidio's)."""

from collections.abc import Iterable

import phonenumbers
import regex

from bot.privacy import patterns, public_suffix, stock_patterns
from bot.privacy.engine import (
    Analyzer,
    Gates,
    Pattern,
    PatternRecognizer,
    Recognizer,
    Result,
    remove_duplicates,
)
from bot.privacy.gazetteer import large_area, settlement
from bot.privacy.lexicon import KINDS_OF_ROAD
from bot.privacy.pattern_gates import DIGIT, gates

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


# Compiled once: regex's own cache costs a lookup per call.
_DIGIT_OR_WORD = regex.compile(r"\+|\d|[a-z]+")


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


_HOST_START = r"(?:\G|(?<![a-z0-9.\-]))"
_TLD_TREE = _prefix_tree(list(stock_patterns.URL_TLDS))


def _linear_url(name: str, pattern: str) -> str:
    if name not in ("Standard Url", "Non schema URL"):
        return pattern
    flags, body = pattern[: len("(?i)")], pattern[len("(?i)") :]
    assert flags == "(?i)"
    start = _HOST_START if name == "Non schema URL" else ""
    return flags + start + body.replace(stock_patterns.URL_TLD_ALTERNATION, _TLD_TREE)


class OfflineEmailRecognizer(PatternRecognizer):
    """Presidio's email recognizer without the public-suffix-list download: a match is an
    address when its domain ends in a public suffix with a name before it."""

    def validate_result(self, pattern_text: str) -> bool:
        # The public suffix list snapshot bundled with tldextract: no fetch, no cache on disk.
        return public_suffix.has_registered_name(pattern_text)


# Public-sector web and mail domains, named bare ("nhs.net", "GOV.UK", "hwb.gov.wales"): where
# everyone's services live, no one's address.
_PUBLIC_HOST = regex.compile(
    r"(?:[a-z0-9\-]+\.)*(?:gov\.uk|gov\.wales|llyw\.cymru|nhs\.uk|nhs\.net|police\.uk)\.?",
    regex.IGNORECASE,
)


class UrlRecognizer(PatternRecognizer):
    """Presidio's URL patterns in their linear form; a public-sector domain named bare, with no
    path, is no one's address."""

    def validate_result(self, pattern_text: str) -> bool:
        return _PUBLIC_HOST.fullmatch(pattern_text) is None


def linear_email_patterns() -> list[Pattern]:
    """Presidio's email pattern, started only where a match can begin: at the first letter or
    digit of a run of address characters, or where the previous match ended. The same matches;
    the stock one tries every letter of "a.a.a.…@x" and reads to the "@" from each."""
    return [
        Pattern(
            name,
            r"\b(?:\G|(?<=(?:^|[^!#$%&'*+\-/=?^_`{|}~.\w])[!#$%&'*+\-/=?^`{|}~.]*))"
            + pattern.removeprefix(r"\b"),
            score,
            gates("EMAIL", name),
        )
        for name, pattern, score in stock_patterns.EMAIL
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
    return [
        Pattern(name, _linear_url(name, regex), score, gates("URL", name))
        for name, regex, score in stock_patterns.URL
    ]


class NhsNumberRecognizer(PatternRecognizer):
    """Ten digits that pass the Modulus 11 check, as written 943 476 5919 or 943-476-5919."""

    def validate_result(self, pattern_text: str) -> bool:
        return nhs_checksum_ok(spoken_digits(pattern_text))


# "the Solihull Approach": a street type that also names a method, after a town or county.
_METHOD_STREET = regex.compile(
    r"(?:the\s+)?(?P<area>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)\s+Approach", regex.IGNORECASE
)


_PLAIN_LOWER_STREET = regex.compile(
    r"(?P<name>[a-z]+(?:\s+[a-z]+)?)\s+(?:road|street|avenue|lane|crescent|terrace|grove"
    r"|gardens|rise|mews|parade)"
)


class AddressRecognizer(PatternRecognizer):
    """Addresses; "the Solihull Approach", a town's or county's name before "Approach", is a
    way of working (a parenting programme), not a street."""

    def validate_result(self, pattern_text: str) -> bool | None:
        if (lower := _PLAIN_LOWER_STREET.fullmatch(pattern_text)) is not None:
            # "on busy road", "on the slip road": a kind of road, not one road's name.
            return lower["name"] not in KINDS_OF_ROAD
        m = _METHOD_STREET.fullmatch(pattern_text)
        if m is None:
            return None
        place = settlement(m["area"])
        return not (large_area(m["area"]) or (place is not None and not place.small))


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
        # Added from each service's published number (written from knowledge, November 2026).
        "08000280285",  # NSPCC Whistleblowing Advice Line
        "08005999247",  # Karma Nirvana (honour-based abuse and forced marriage)
        "02070080151",  # Forced Marriage Unit
        "08088024040",  # Respect Phoneline
        "08085002222",  # Rape Crisis support line
        "08000684141",  # Papyrus HOPELINE247
        "08009995428",  # Galop LGBT+ domestic abuse helpline
        "08081689111",  # Victim Support
        "03001232040",  # Action Fraud
        "08088020133",  # National Gambling Helpline
        "08088026868",  # The Lullaby Trust bereavement support
        "03001233393",  # Mind Infoline
        "08088010366",  # Family Rights Group advice line
        "08088010331",  # NAPAC
        "08088081677",  # Cruse Bereavement Support
        "08088088141",  # Hourglass (abuse of older people)
        "08088010800",  # Live Fear Free (Wales)
    }
)
_SPOKEN = {
    "oh": "0", "o": "0", "zero": "0", "nought": "0", "one": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "l": "1",
}  # fmt: skip
_REPEAT = {"double": 2, "triple": 3, "treble": 3}


def spoken_digits(text: str) -> str:
    """The digits of a number as written or dictated ("oh seven double oh" -> "0700", "nine
    hundred" -> "900"), with its "+" ("plus" when dictated); letter o's typed among the digits
    ("o77oo") are zeros."""
    digits: list[str] = []
    repeat = 1
    for word in _DIGIT_OR_WORD.findall(text.lower()):
        if word in _REPEAT:
            repeat = _REPEAT[word]
            continue
        if word in ("+", "plus"):
            digits.append("+")
        elif word == "hundred":
            digits.append("00")
        elif word.strip("o") == "":
            digits.append("0" * len(word) * repeat)
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


# Ranges of Ofcom's National Telephone Numbering Plan that no household is given: 080 numbers
# are freephone (free to the caller, paid by the organisation that answers: helplines such as
# Respect's 0808 802 4040 or Crimestoppers' 0800 555 111), and 116 numbers are the harmonised
# European services of social value (116 000 missing children, 116 123 emotional support).
_PUBLIC_RANGES = regex.compile(r"080\d{7,8}|116\d{3}")


def public_digits(digits: str) -> bool:
    """A helpline's number: listed above, or in a range no family's number is in."""
    return digits in PUBLIC_NUMBERS or _PUBLIC_RANGES.fullmatch(digits) is not None


def is_public_number(text: str) -> bool:
    return public_digits(national_digits(text))


class UkPhoneRecognizer(PatternRecognizer):
    """UK numbers libphonenumber rejects (Ofcom drama ranges, typos in spacing, dictated
    numbers) by digit count; national helplines are left alone."""

    def validate_result(self, pattern_text: str) -> bool:
        digits = national_digits(pattern_text)
        if public_digits(digits):
            return False
        if pattern_text[:1].isalpha() and digits[:1] not in ("0", "+"):
            return len(digits) == 10 and digits.startswith("7")  # a mobile said without its 0
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
        if public_digits(digits) or _NOT_A_PHONE.fullmatch(pattern_text):
            return False
        return 6 <= len(digits) <= 15


class LibPhoneRecognizer:
    """libphonenumber's matcher for GB numbers, as Presidio's phone recognizer ran it (valid
    numbers only, score 0.4), leaving national helplines."""

    name = "LibPhoneRecognizer"
    SCORE = 0.4

    def analyze(self, text: str, gates: Gates | None = None) -> list[Result]:
        if not (gates or Gates(text)).open(DIGIT):  # a number it matches starts with a digit
            return []
        matches = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.VALID)
        found = [Result("PHONE_NUMBER", m.start, m.end, self.SCORE, self.name) for m in matches]
        return [r for r in remove_duplicates(found) if not is_public_number(text[r.start : r.end])]


class StockNhsRecognizer(PatternRecognizer):
    """Presidio's NHS number recognizer: ten digits whose weighted sum is a multiple of 11."""

    def validate_result(self, pattern_text: str) -> bool:
        digits = pattern_text.replace("-", "").replace(" ", "")
        return sum(int(c) * m for c, m in zip(digits, reversed(range(11)), strict=False)) % 11 == 0


# After a reference, the second of a pair with an aside between: "incident numbers 0455
# (Friday) and 0461", "log 1187 for mum and 1188 for dad". Read from the end of the first, in a
# bounded window, within the sentence.
_NEXT_OF_PAIR = regex.compile(
    r"[^.;\n\d]{0,40}?(?:\band\b|,|&|\bor\b|\bthen\b)[^.;\n\d£$€%]{0,30}?"
    r"(?<![\w/\-])(\d[\d/\-]{1,14}\d)\b(?![/\-.,]?\d|\s*(?:%|mins?|minutes|hours|hrs|days|weeks|years))",
    regex.IGNORECASE,
)
_YEAR = regex.compile(r"(?:19|20)\d\d")


# The system a reference belongs to, written right before it, is part of it: "CPOMS #48213",
# "Mosaic 1190335", "LAC 10459". Capitals that label a number are not (they say what it is).
_SYSTEM_TAG = regex.compile(
    r"(?<![\w/\-])(?:(?-i:[A-Z]{2,6})|(?i:mosaic|niche|athena|storm|liquidlogic|eclipse|"
    r"systmone|myconcern|carefirst|capita|synergy|arbor|protocol|wcchis))\s?#?\s?\Z"
)
_LABEL_CAPITALS = frozenset(
    {"REF", "REFS", "NO", "NOS", "ID", "NUM", "NUMBER", "TEL", "MOB", "EXT", "DOB", "NHS", "NI"}
    | {"UPN", "ULN", "MRN", "CRN", "URN", "PNC", "PND", "CAD"}
)


def _with_system_tag(text: str, result: Result) -> Result:
    before = text[max(0, result.start - 16) : result.start]
    if not before or (not before[-1].isspace() and before[-1] != "#"):
        return result
    match = _SYSTEM_TAG.search(before)
    if match is None or match.group().rstrip(" #").upper() in _LABEL_CAPITALS:
        return result
    start = result.start - (len(before) - match.start())
    return Result(result.entity, start, result.end, result.score, result.recognizer)


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


class CaseNumberRecognizer(PatternRecognizer):
    """Case numbers, and the second number of a pair when it has the first one's shape."""

    def analyze(self, text: str, gates: Gates | None = None) -> list[Result]:
        # A national helpline after "number" is no one's reference ("Childline number 0800 1111").
        results = [
            r for r in super().analyze(text, gates) if not is_public_number(text[r.start : r.end])
        ]
        results = [_with_system_tag(text, r) for r in results]
        found = list(results)
        for first in results:
            previous = text[first.start : first.end]
            end = first.end
            while (match := _NEXT_OF_PAIR.match(text, end)) is not None:
                second = match.group(1)
                if abs(_digits(second) - _digits(previous)) > 1 or _YEAR.fullmatch(second):
                    break
                found.append(
                    Result(
                        first.entity, match.start(1), match.end(1), first.score, first.recognizer
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
        patterns=[Pattern(name, regex, score, gates(entity, name)) for name, regex, score in specs],
        name=f"infoshare_{entity.lower()}" + (f"_{suffix}" if suffix else ""),
    )


def _stock(
    entity: str,
    specs: Iterable[tuple[str, str, float]],
    name: str,
    cls: type[PatternRecognizer] = PatternRecognizer,
) -> PatternRecognizer:
    """One of Presidio's recognizers, named as Presidio named it."""
    return cls(entity, [Pattern(*spec, gates(entity, spec[0])) for spec in specs], name=name)


def build_recognizers() -> list[Recognizer]:
    # The stock pattern scores a bare postcode 0.1; this scores the same pattern 0.6.
    postcode = [(name, regex, 0.6) for name, regex, _ in stock_patterns.POSTCODE]
    return [
        OfflineEmailRecognizer("EMAIL", linear_email_patterns()),
        UrlRecognizer("URL", linear_url_patterns(), name="UrlRecognizer"),
        LibPhoneRecognizer(),  # reports PHONE_NUMBER
        _stock("NHS_NUMBER", stock_patterns.NHS, "NhsRecognizer", StockNhsRecognizer),
        _stock("NI_NUMBER", stock_patterns.NINO, "UkNinoRecognizer"),
        _stock("POSTCODE", postcode, "UkPostcodeRecognizer"),
        _stock("DATE", stock_patterns.DATE, "DateRecognizer"),
        _pattern_recognizer("DATE", patterns.DATE),
        _pattern_recognizer("POSTCODE", patterns.POSTCODE),
        _pattern_recognizer("PHONE", patterns.PHONE, UkPhoneRecognizer),
        _pattern_recognizer("PHONE", patterns.PHONE_AFTER_CUE, CuedPhoneRecognizer, "cued"),
        _pattern_recognizer("PHONE", patterns.PARTIAL_PHONE, suffix="partial"),
        _pattern_recognizer("EMAIL", patterns.EMAIL),
        _pattern_recognizer("URL", patterns.URL + patterns.SLACK_LINK),
        _pattern_recognizer("NHS_NUMBER", patterns.NHS_NUMBER, NhsNumberRecognizer),
        _pattern_recognizer("NHS_NUMBER", patterns.NHS_NUMBER_UNCHECKED, suffix="unchecked"),
        _pattern_recognizer("NI_NUMBER", patterns.NI_NUMBER),
        _pattern_recognizer("SLACK_MENTION", patterns.SLACK_MENTION),
        _pattern_recognizer("CASE_NUMBER", patterns.CASE_NUMBER, CaseNumberRecognizer),
        _pattern_recognizer("ADDRESS", patterns.ADDRESS, AddressRecognizer),
    ]


def build_analyzer() -> Analyzer:
    return Analyzer(build_recognizers())
