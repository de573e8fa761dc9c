"""What the anonymiser found in a text, as the privacy tests check it."""

from bot.privacy.anonymiser import Anonymiser


def assert_unchanged(anonymiser: Anonymiser, text: str) -> None:
    """Clean text comes back as it went in; a failure names each finding and its rule."""
    result = anonymiser.anonymise(text)
    assert result.text == text, [(f.entity, text[f.start : f.end], f.rule) for f in result.findings]


def names_found(anonymiser: Anonymiser, text: str) -> list[str]:
    """The words of `text` the anonymiser removed as names."""
    findings = anonymiser.anonymise(text).findings
    return [text[f.start : f.end] for f in findings if f.entity == "NAME"]
