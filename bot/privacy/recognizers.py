"""The Presidio analyzer, built to run offline with UK recognizers switched on."""

from collections.abc import Iterable

import tldextract
from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerRegistry,
)
from presidio_analyzer.nlp_engine import NoOpNlpEngine
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

# The public suffix list snapshot bundled with tldextract: no fetch, no cache on disk.
_OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's email recognizer without the public-suffix-list download."""

    def validate_result(self, pattern_text: str) -> bool:
        return _OFFLINE_TLD(pattern_text).fqdn != ""


class NhsNumberRecognizer(PatternRecognizer):
    """Ten digits that pass the Modulus 11 check, as written 943 476 5919 or 943-476-5919."""

    def validate_result(self, pattern_text: str) -> bool:
        return nhs_checksum_ok(pattern_text)


class UkPhoneRecognizer(PatternRecognizer):
    """UK numbers libphonenumber rejects (Ofcom drama ranges, typos in spacing) by digit count."""

    def validate_result(self, pattern_text: str) -> bool:
        digits = "".join(ch for ch in pattern_text if ch.isdigit())
        if digits.startswith("0044"):
            digits = "0" + digits[4:]
        elif digits.startswith("44") and pattern_text.lstrip().startswith("+"):
            digits = "0" + digits[2:]
        if digits.startswith("00"):
            digits = digits[1:]
        return 10 <= len(digits) <= 11 if digits.startswith("0") else 9 <= len(digits) <= 15


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
) -> PatternRecognizer:
    return cls(
        supported_entity=entity,
        patterns=[Pattern(name, regex, score) for name, regex, score in specs],
        name=f"infoshare_{entity.lower()}",
    )


def build_recognizers() -> list[EntityRecognizer]:
    return [
        OfflineEmailRecognizer(supported_entity="EMAIL"),
        UrlRecognizer(supported_entity="URL"),
        PhoneRecognizer(supported_regions=["GB"]),  # reports PHONE_NUMBER
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
        _pattern_recognizer("EMAIL", patterns.EMAIL),
        _pattern_recognizer("URL", patterns.URL + patterns.SLACK_LINK),
        _pattern_recognizer("NHS_NUMBER", patterns.NHS_NUMBER, NhsNumberRecognizer),
        _pattern_recognizer("NI_NUMBER", patterns.NI_NUMBER),
        _pattern_recognizer("SLACK_MENTION", patterns.SLACK_MENTION),
        _pattern_recognizer("CASE_NUMBER", patterns.CASE_NUMBER),
        _pattern_recognizer("ADDRESS", patterns.ADDRESS),
    ]


def build_analyzer() -> AnalyzerEngine:
    registry = RecognizerRegistry(supported_languages=["en"])
    for recognizer in build_recognizers():
        registry.add_recognizer(recognizer)
    nlp_engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
