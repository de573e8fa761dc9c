"""A case reference keeps the name of the system it belongs to (issue 8): "SystmOne 88213" is
removed whole, so the reader of the audit post cannot look it up by system and number; the
capitals that only say what the number is ("UPN", "ref") stay as they help the reader."""

import pytest

from bot.privacy.anonymiser import Anonymiser


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Concern logged as MYCONCERN #20417 after lunch.", "MYCONCERN #20417"),
        ("Her file is Eclipse 5503129 in our team.", "Eclipse 5503129"),
        ("Picked up under CIN 88314 last term.", "CIN 88314"),
        ("He is open to YJS 4471209 and attends weekly.", "YJS 4471209"),
        ("The pair is SystmOne 9923110 and EMIS 7712003.", "SystmOne 9923110"),
        ("The pair is SystmOne 9923110 and EMIS 7712003.", "EMIS 7712003"),
    ],
)
def test_a_system_named_before_a_reference_goes_with_it(
    anonymiser: Anonymiser, text: str, reference: str
) -> None:
    result = anonymiser.anonymise(text)
    assert reference not in result.text
    start = text.index(reference)
    covered = [f for f in result.findings if f.start <= start and f.end >= start + len(reference)]
    assert covered, result.findings


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Pupil UPN K802299100413 moved school.", "UPN"),
        ("Use ref 55012876 when you call.", "ref"),
        ("Her NHS no 943 476 5919 is on the letter.", "NHS no"),
    ],
)
def test_a_label_before_a_reference_stays(anonymiser: Anonymiser, text: str, label: str) -> None:
    result = anonymiser.anonymise(text)
    assert label in result.text
    assert any(ch.isdigit() for ch in text) and not any(ch.isdigit() for ch in result.text)
