"""Round four of the structured identifiers (issue 8): formats met in new training text."""

import pytest

from bot.privacy.anonymiser import Anonymiser
from bot.privacy.recognizers import spoken_digits


def _removed(anonymiser: Anonymiser, text: str, secret: str) -> set[str]:
    """The entities of the findings over `secret` if together they cover every letter and digit
    of it; else nothing."""
    findings = anonymiser.anonymise(text).findings
    start = text.index(secret)
    end = start + len(secret)
    spots = [i for i in range(start, end) if text[i].isalnum()]
    if not all(any(f.start <= i < f.end for f in findings) for i in spots):
        return set()
    return {f.entity for f in findings if f.start < end and start < f.end}


@pytest.mark.parametrize(
    ("text", "secret", "entity"),
    [
        # Phones: "hundred" in dictation, the leading zero left off, letter o's for zeros.
        (
            "uncle is oh seven seven double oh nine hundred six four one",
            "oh seven seven double oh nine hundred six four one",
            "PHONE",
        ),
        (
            "seven seven double oh nine double oh three three eight was the one on the form",
            "seven seven double oh nine double oh three three eight",
            "PHONE",
        ),
        ("text mum on o77oo 9oo 862 later", "o77oo 9oo 862", "PHONE"),
        ("home o161 496 o377", "o161 496 o377", "PHONE"),
        # NHS numbers dictated word by word (the checksum holds).
        (
            "nhs number nine four three four seven six five nine one nine full stop",
            "nine four three four seven six five nine one nine",
            "NHS_NUMBER",
        ),
        # Postcodes: a wide gap inside the inward part; dictated with number words.
        ("lives LS11 5  AB with nan", "LS11 5  AB", "POSTCODE"),
        ("postcode N E twenty three seven T P", "N E twenty three seven T P", "POSTCODE"),
        ("the postcode is M fourteen six B W", "M fourteen six B W", "POSTCODE"),
        # Emails with a number said in words.
        (
            "email sam dot reid seventy two at yahoo dot co dot uk",
            "sam dot reid seventy two at yahoo dot co dot uk",
            "EMAIL",
        ),
        # Case numbers.
        # (The log's date may win the span: removed either way.)
        ("0412 of 09/08", "0412 of 09/08", None),
        ("police log 2290 28/02 refers", "2290 28/02", None),
        (
            "crime number two two slash four four five six one two slash two six",
            "two two slash four four five six one two slash two six",
            "CASE_NUMBER",
        ),
        ("the MRN is RWA 339-1120 on the wristband", "RWA 339-1120", "CASE_NUMBER"),
        ("driver badge TXL 2207 on the dash", "TXL 2207", "CASE_NUMBER"),
        ("20240311-0087", "20240311-0087", "CASE_NUMBER"),
        # Dates.
        ("last seen by the HV 26/3", "26/3", "DATE"),
        ("she said it was Friday the thirteenth full stop", "Friday the thirteenth", "DATE"),
        (
            "dob the fourth of the ninth twenty twenty",
            "the fourth of the ninth twenty twenty",
            "DATE",
        ),
        ("twins born 17th at the LGI", "17th", "DATE"),
        ("she rang last week Weds about it", "last week Weds", "DATE"),
        # Addresses.
        ("they moved into 6 Beech Mt in June", "6 Beech Mt", "ADDRESS"),
        ("nan lives on Alma Tce", "Alma Tce", None),
        ("at number eight Church Lane full stop", "number eight Church Lane", "ADDRESS"),
        ("sixty one Moor Road comma", "sixty one Moor Road", "ADDRESS"),
        ("placed at Rm 9, Crescent Lodge Hotel overnight", "Rm 9, Crescent Lodge Hotel", "ADDRESS"),
        ("Flat 2/1, 40 Dale St", "Flat 2/1, 40 Dale St", "ADDRESS"),
        ("the family are on Hill Top Lane, pitch 4", "Hill Top Lane, pitch 4", "ADDRESS"),
        ("on Mill St Fri night", "Mill St", "ADDRESS"),
        ("the van was seen at The Hollies, Bardsey", "The Hollies, Bardsey", "ADDRESS"),
        ("Room 3 at the Premier Inn on Wellington Street", "Room 3 at the Premier Inn", "ADDRESS"),
    ],
)
def test_round_four_formats(
    anonymiser: Anonymiser, text: str, secret: str, entity: str | None
) -> None:
    removed = _removed(anonymiser, text, secret)
    assert entity in removed if entity else removed


@pytest.mark.parametrize(
    "clean",
    [
        "He is on 24/7 supervision at the unit.",
        "Her weight went from 17.2 to 15.9 over the term.",
        "The 3rd missing episode triggered a strategy meeting.",
        "Benefit is paid on the 1st of each month.",
        "Height is on the 25th centile.",
        "The club is open mon wed fri 4 til 8.",
        "every tues n thurs he goes to cadets",
        "A no under-18s condition is on his licence.",
        "Childline number 0800 1111 was given to her.",
        pytest.param(
            "The hearing is at Leeds Youth Court next month.",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the learned tagger, trained on more text, takes 'Leeds Youth' for an ORG",
            ),
        ),
        "Solihull Approach sessions were offered.",
        "The girl is 15, Gillick competent, and asked for privacy.",
        "the lad 16 told officers street names only, no real ones",
        "We owe about nine hundred pounds in rent.",
        "She is the second of the three children.",
        "They are moving to Wales, so the file goes to the new LA.",
    ],
)
def test_round_four_clean_sentences(anonymiser: Anonymiser, clean: str) -> None:
    assert anonymiser.anonymise(clean).text == clean


def test_hundreds_and_letter_os_are_digits() -> None:
    assert spoken_digits("oh seven seven double oh nine hundred one two three") == "07700900123"
    assert spoken_digits("o77oo 9oo 123") == "07700900123"
