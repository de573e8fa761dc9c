"""Structured and semi-structured identifiers in the shapes practitioners write them."""

import pytest

from bot.privacy.anonymiser import Anonymiser
from bot.privacy.recognizers import is_public_number, national_digits, spoken_digits


def _removed(anonymiser: Anonymiser, text: str, secret: str) -> set[str]:
    """The entities of the findings over `secret`, if together they cover every letter and
    digit of it (none survives); else nothing."""
    findings = anonymiser.anonymise(text).findings
    start = text.index(secret)
    end = start + len(secret)
    spots = [i for i in range(start, end) if text[i].isalnum()]
    if not all(any(f.start <= i < f.end for f in findings) for i in spots):
        return set()
    return {f.entity for f in findings if f.start < end and start < f.end}


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("he shouted at him last weds and left", "last weds"),
        ("saw her fri night outside the shop", "fri night"),
        ("dad didnt bring her tues nite", "tues nite"),
        ("Meeting booked for Thurs 14th at the school.", "Thurs 14th"),
        ("She told the TA on Saturday she was alone.", "Saturday"),
        ("came in MONDAY with a mark", "MONDAY"),
        ("Home visit sat cancelled, no answer.", "sat"),
        ("police rang sat morning", "sat morning"),
        ("it happened Tuesday gone at nans", "Tuesday gone"),
        ("The incident was on 7/11 and reported.", "7/11"),
        ("seen on 14/02 with a black eye", "14/02"),
        ("Visit Sat 15/3 - no answer.", "Sat 15/3"),
        ("Strategy meeting held on 23rd Jan.", "23rd Jan"),
        ("She told me the 14th was when dad came.", "14th"),
        ("She was born on 9th of October.", "9th of October"),
        ("Her date of birth is twenty-third of May 2017.", "twenty-third of May 2017"),
        ("Incident logged 14.07.2023 at 22:40 by staff.", "14.07.2023 at 22:40"),
        ("Meeting: 2024-05-17T14:00 at the hub.", "2024-05-17T14:00"),
        ("Exclusion: 5.3 to 9.3", "5.3 to 9.3"),
        ("Referral received 3rd May from the HV.", "3rd May"),
    ],
)
def test_dates(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert "DATE" in _removed(anonymiser, text, secret)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Kyle now lives at 14 Ashdown with his aunt.", "14 Ashdown"),
        ("The car was parked on Beech Rd outside.", "Beech Rd"),
        ("Mum is at Flat 3b, 22 Kings Ave now.", "Flat 3b, 22 Kings Ave"),
        ("they live at Rose Cottage, Haddon and the lane is not gritted", "Rose Cottage, Haddon"),
        ("Family staying at Hollins Farm, no landline.", "Hollins Farm"),
        ("Nan has pitch 6 on the council site.", "pitch 6"),
        ("Uncle has a static caravan on Cliff Lane.", "static caravan on Cliff Lane"),
        ("They are on the Long Meadow site.", "Long Meadow site"),
        ("staying at flat 12 Tower Court", "flat 12 Tower Court"),
        ("Block C, 40 Harrison Tower, 11th floor", "Block C, 40 Harrison Tower"),
        ("new address 12 Heol y Bont, Pontypridd", "12 Heol y Bont"),
        ("Mam is at Tŷ Gwyn, Ffordd Las.", "Tŷ Gwyn, Ffordd Las"),
        ("They are at Fferm Pen-y-Bryn for lambing.", "Fferm Pen-y-Bryn"),
        ("address is 22 kings ave now", "22 kings ave"),
        ("they live on Kingsway near the roundabout", "Kingsway"),
        ("family at 112 Stockport Road West", "112 Stockport Road West"),
    ],
)
def test_addresses(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert _removed(anonymiser, text, secret)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Police occurrence number 14/123456/24 for it.", "14/123456/24"),
        ("Operation Encompass notification OE-2024-0831 today.", "OE-2024-0831"),
        ("UPN A123456789012 for transfer.", "A123456789012"),
        ("pupil number 204411 on the list", "204411"),
        ("Hospital number RXH1234567 at A&E.", "RXH1234567"),
        ("MRN 00438812 for the admission.", "00438812"),
        ("your ref HV 22381 please", "HV 22381"),
        ("Refs 123/45 and 124/45 relate to the brothers.", "124/45"),
        ("incident numbers 0455 and 0461 from the weekend", "0461"),
        ("Police incident 0934 of 12/02 relates.", "0934 of 12/02"),
    ],
)
def test_case_numbers(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert _removed(anonymiser, text, secret)


@pytest.mark.parametrize(
    ("text", "secret", "entity"),
    [
        ("mums email is jo dot bloggs at gmail dot com", "jo dot bloggs at gmail dot com", "EMAIL"),
        ("dad on darren[at]hotmail[dot]co[dot]uk only", "darren[at]hotmail[dot]co[dot]uk", "EMAIL"),
        ("email: p . kowalska @ wp . pl", "p . kowalska @ wp . pl", "EMAIL"),
        ("her email jade_x_99 at hotmail.com", "jade_x_99 at hotmail.com", "EMAIL"),
        ("postcode LS115AB", "LS115AB", "POSTCODE"),
        ("it ends L S 11 5 A B, mum said", "L S 11 5 A B", "POSTCODE"),
        ("New postcode is CF10  1EP.", "CF10  1EP", "POSTCODE"),
        ("Refuge is somewhere in BD3, withheld.", "BD3", "POSTCODE"),
        ("nhs number 9434 765 919", "9434 765 919", "NHS_NUMBER"),
        ("NHS: 943.476.5919", "943.476.5919", "NHS_NUMBER"),
        ("nhs number is 485-777-3456", "485-777-3456", "NHS_NUMBER"),
        ("ni no qq 123456 c", "qq 123456 c", "NI_NUMBER"),
        ("her number is 07700.900.789", "07700.900.789", "PHONE"),
        ("Dad on 0 7 7 0 0 9 0 0 3 2 1", "0 7 7 0 0 9 0 0 3 2 1", "PHONE"),
        (
            "mobile is oh seven seven double oh nine oh oh one two three",
            "oh seven seven double oh nine oh oh one two three",
            "PHONE",
        ),
        ("Landline +44 (0)20 7946 0000.", "+44 (0)20 7946 0000", "PHONE"),
        ("mob o7700 900 222", "o7700 900 222", "PHONE"),
    ],
)
def test_structured_variants(anonymiser: Anonymiser, text: str, secret: str, entity: str) -> None:
    assert entity in _removed(anonymiser, text, secret)


@pytest.mark.parametrize(
    "clean",
    [
        "She may need a referral to CAMHS if things do not improve.",
        "I asked for a second opinion from the named nurse.",
        "Mum was reminded to put sun cream on her before the trip.",
        "He sat on his own at lunch and did not speak to anyone.",
        "The sat nav in the car was used to track her.",
        "Absences are mostly on Mondays and Fridays.",
        "Contact happens every Saturday at the contact centre.",
        "She goes swimming on Saturday mornings with her dad.",
        "Sunday school is the one place she says she feels safe.",
        "He rated his mood 3/10 on the scale we use.",
        "The group is for children aged 7-11.",
        "This is the 3rd time she has been reported missing.",
        "The Family Court will hear the application.",
        "He was prescribed 2.5 mg of melatonin.",
        "Childline is free on 0800 1111 for any child who needs to talk.",
        "The NSPCC helpline is 0808 800 5000 for adults worried about a child.",
        "Please quote the reference number when you reply.",
        "The caravan was cold and damp when we visited.",
        "He plays football on the school pitch most lunchtimes.",
    ],
)
def test_clean_sentences_keep_their_words(anonymiser: Anonymiser, clean: str) -> None:
    assert anonymiser.anonymise(clean).text == clean


def test_a_weekday_that_dates_an_event_is_removed_and_a_habit_is_kept(
    anonymiser: Anonymiser,
) -> None:
    assert anonymiser.anonymise("Police attended on Saturday night.").text == (
        "Police attended on [DATE]."
    )
    habit = "Tuesday and Thursday are contact days with dad."
    assert anonymiser.anonymise(habit).text == habit


def test_spoken_and_written_digits() -> None:
    assert spoken_digits("oh seven seven double oh nine triple one") == "077009111"
    assert national_digits("+44 (0)7700 900312") == "07700900312"
    assert national_digits("0044 7700 900312") == "07700900312"
    assert national_digits("plus four four seven seven") == "077"
    assert is_public_number("0808 800 5000")
    assert not is_public_number("07700 900123")


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "Staying in the flat above the barbers on Whitehall Road.",
            "the flat above the barbers on Whitehall Road",
        ),
        ("at her sister's flat on Brunswick Terrace", "her sister's flat on Brunswick Terrace"),
        (
            "They were placed in the Travelodge on Kirkstall Road.",
            "the Travelodge on Kirkstall Road",
        ),
        ("Dean is at Barrack Street hostel on licence.", "Barrack Street hostel"),
        (
            "placed at Greenfields Children's Home, Wetherby Road.",
            "Greenfields Children's Home, Wetherby Road",
        ),
        ("They live at The Laurels, Park Avenue, a big house.", "The Laurels, Park Avenue"),
        ("Mae'r teulu'n byw yn Hafan Deg, Ffordd Manod.", "Hafan Deg, Ffordd Manod"),
        ("with their aunt at Ard na Gréine, Knockmore.", "Ard na Gréine, Knockmore"),
        ("The family are in a caravan at Hollins Farm.", "a caravan at Hollins Farm"),
        ("on a narrowboat moored at Apperley Bridge", "a narrowboat moored at Apperley Bridge"),
        ("Ellie lives at 4 Spencer Mount with mum.", "4 Spencer Mount"),
        ("Dad said he hit him last weekend.", "last weekend"),
        ("Off school from the 2nd with no explanation.", "the 2nd"),
        ("Mae hi wedi bod yn absennol ers nos Sul.", "nos Sul"),
        ("Digwyddodd y peth ar y 9fed yn y parc.", "y 9fed"),
        ("Mum's email is jo dot smith 84 at gmail dot com.", "jo dot smith 84 at gmail dot com"),
    ],
)
def test_round_two_classes(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert _removed(anonymiser, text, secret)


@pytest.mark.parametrize(
    "clean",
    [
        "The child is 10, Iraqi Kurdish, and speaks some English.",
        "She is 14, White British, and in Year 9.",
        "The school is on the 2nd floor of the building.",
        "We discussed the flat with the housing officer at the meeting.",
        "Every weekend she goes to her dad's.",
    ],
)
def test_round_two_clean_sentences(anonymiser: Anonymiser, clean: str) -> None:
    assert anonymiser.anonymise(clean).text == clean


@pytest.mark.parametrize(
    ("text", "secret", "entity"),
    [
        ("home phone 496 0718, no mobile", "496 0718", "PHONE"),
        ("grans number is 234567 (village, no code)", "234567", "PHONE"),
        ("mum's Polish mobile 512 345 678", "512 345 678", "PHONE"),
        ("mob07912345678", "07912345678", "PHONE"),
        ("mum's work 0113 496 0718 ext 2245", "0113 496 0718 ext 2245", "PHONE"),
        ("ring me on 07912345678x", "07912345678", "PHONE"),
        ("number is 07912 three four five six seven eight", "07912 three four five six", "PHONE"),
        ("dad's number is seven seven double oh nine oh oh one two three", "seven seven", "PHONE"),
        ("uncle in Dublin 00353 87 123 4567", "00353 87 123 4567", "PHONE"),
        ("her email jo.bloggs@gmail,com (typo on form)", "jo.bloggs@gmail,com", "EMAIL"),
        ("her fb facebook dot com slash jodie dot b", "facebook dot com slash jodie dot b", "URL"),
        ("her page is tiktok.com slash kaylz", "tiktok.com slash kaylz", "URL"),
        ("it was march the fourteenth", "march the fourteenth", "DATE"),
        ("dob fourteenth of march twenty fifteen", "fourteenth of march twenty fifteen", "DATE"),
        ("she stayed at her dad's the Sunday before", "the Sunday before", "DATE"),
        ("she went missing Friday before last", "Friday before last", "DATE"),
        ("nxt tues is the review", "nxt tues", "DATE"),
        ("born 14th Mar '15", "14th Mar '15", "DATE"),
        ("left school 03/2024", "03/2024", "DATE"),
        ("DOB: 14 03 2015", "14 03 2015", "DATE"),
        ("excluded w/c 4th march", "w/c 4th march", "DATE"),
        ("seen 14MAR24 by police", "14MAR24", "DATE"),
        ("she went missing on Halloween", "Halloween", "DATE"),
        ("review is Tuesday week", "Tuesday week", "DATE"),
        ("overnight 14-15/3 she was out", "14-15/3", "DATE"),
        ("lives at number 14 Ashdown", "number 14 Ashdown", "ADDRESS"),
        ("no 14 ashdown road", "no 14 ashdown road", "ADDRESS"),
        ("staying Rm 3, Holly House", "Rm 3, Holly House", "ADDRESS"),
        ("the Old School House, Bramley", "the Old School House, Bramley", "ADDRESS"),
        ("5 Maes-y-Coed is nan's", "5 Maes-y-Coed", "ADDRESS"),
        ("dad's at the Travelodge on Kingsway, room 14", "room 14", "ADDRESS"),
        ("CPOMS 22145", "22145", "CASE_NUMBER"),
        ("incident numbers 0455 (Friday) and 0461 (Saturday)", "0461", "CASE_NUMBER"),
        ("log 1187 for mum and 1188 for dad", "1188", "CASE_NUMBER"),
    ],
)
def test_round_three_classes(anonymiser: Anonymiser, text: str, secret: str, entity: str) -> None:
    assert entity in _removed(anonymiser, text, secret)


@pytest.mark.parametrize(
    "clean",
    [
        "Tuesday and Thursday are his football nights",
        "call 0800 1111 for Childline",
        "lived at home 2015-2019 with nan",
        "ring mum 3 or 4 times",
        "the fourth child was born at home",
        "it was the fifth time",
        "she read it in the Sun",
        "hearing at the Family Court, Leeds.",
        "she is number 1 Priority",
        "meeting at school, room 5",
        "case closed, she was 14 and 15 mins late",
        "back in the dot com era, dad ran a shop",
    ],
)
def test_round_three_clean_sentences(anonymiser: Anonymiser, clean: str) -> None:
    assert anonymiser.anonymise(clean).text == clean


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("crime ref 4471 from 2023 and 2024", "crime ref [CASE_NUMBER] from 2023 and 2024"),
        ("email jo@x.com, or ring", "email [EMAIL], or ring"),
        ("log 1187, she was 14 and 15 mins late", "log [CASE_NUMBER], she was 14 and 15 mins late"),
    ],
)
def test_only_the_identifier_goes_from_a_sentence_of_numbers(
    anonymiser: Anonymiser, text: str, expected: str
) -> None:
    assert anonymiser.anonymise(text).text == expected
