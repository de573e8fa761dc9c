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


def inside(anonymiser: Anonymiser, text: str, secret: str, kind: str | None) -> list[bool]:
    """For each letter and digit of `secret` in `text`: is it inside a finding (of `kind`)?"""
    findings = [
        f for f in anonymiser.anonymise(text).findings if kind is None or f.entity == kind
    ]
    start = text.index(secret)
    spots = [i for i in range(start, start + len(secret)) if text[i].isalnum()]
    return [any(f.start <= i < f.end for f in findings) for i in spots]


def covered(anonymiser: Anonymiser, text: str, secret: str, kind: str | None = None) -> bool:
    """Every letter and digit of `secret` in `text` lies inside a finding of `kind`."""
    return all(inside(anonymiser, text, secret, kind))
