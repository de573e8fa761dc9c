"""Ratings, grades, numbered labels, rooms and the field's clinical acronyms identify nobody
(bot/privacy/scales.py and the acronym lists); the names, rooms and addresses of the same
shapes are still removed."""

import pytest

from bot.privacy.anonymiser import Anonymiser
from bot.privacy.scales import only_ratings, room_alone
from tests.privacy.findings import assert_unchanged, names_found

RATINGS = [
    "The contact was RAG rated Green after the manager's review.",
    "Threshold decision: Amber, so early help leads and the MASH steps back.",
    "BRAG rating on the tracker went from Green to Red overnight.",
    "Response times: Red same day, Amber within 3 days, Green within 10 days.",
    "Red on the exploitation screening tool, strategy discussion booked.",
    "We were graded Amber on the audit for supervision records.",
    "Estyn judged the setting Good last spring.",
    "Ofsted rated the nursery Outstanding in its last inspection.",
    "Graded Medium risk after the second DASH.",
    "OASys puts him at ROSH Medium, probation will review in 6 months.",
    "His score sits in the Low band for peer problems.",
]

NUMBERED = [
    "She is Yr 7 now and struggling with the move up.",
    "Yr 11 mocks start after half term.",
    "Chapter 3 of the guidance covers information sharing.",
    "Principle 4 says share as early as possible.",
    "Form 10K has a new tutor this term.",
    "The panel sits in Room 4 on Thursdays.",
    "Interviews are in Room 1.07, then Room G3 for the debrief.",
    "The meeting moved to the 4th floor.",
    "see para 3.2 of the protocol and entry 14 on the log",
]

ACRONYMS = [
    "BP 142/90 at the antenatal check, repeat in a week.",
    "CO reading 9 ppm, smoking cessation offered.",
    "Tooth extractions under GA planned for next month.",
    "OAE passed in the left ear only.",
    "HPV catch-up offered in Year 9.",
    "Below expected in GPS and maths at KS2.",
    "FCA report due before the final hearing.",
    "The ISA with health is being rewritten.",
    "YRO with a supervision requirement for 9 months.",
    "Police applied for an EPO that evening.",
    "The MERLIN came through after the night shift.",
    "ECG and bloods normal, discharged from the ward.",
    "IEP targets reviewed with the SENCO.",
    "Her case goes to the MACE panel for a decision.",
    "The Leeds MACE meets monthly.",
    "Temperature 38.9, CRP 60, IV antibiotics started.",
    "GCS 15 throughout, no LOC, CT not needed.",
]


@pytest.mark.parametrize("text", RATINGS + NUMBERED + ACRONYMS)
def test_left_alone(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize("text", RATINGS + NUMBERED + ACRONYMS)
def test_left_alone_by_the_rules(rules_only: Anonymiser, text: str) -> None:
    assert_unchanged(rules_only, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a colour that is a first name stays a name in a person slot, whatever the text rates
        ("Amber said the RAG rating felt unfair to her.", "Amber"),
        ("Amber (15) was rated Red on the screening tool.", "Amber"),
        ("Amber, 15, was rated Red on the screening tool.", "Amber"),
        ("Rated Red after I spoke to Amber at school.", "Amber"),
        ("Amber's mum disputes the RAG rating.", "Amber"),
        ("Amber Gill was rated Red on the screening tool.", "Amber Gill"),
        # without a scale in the text a colour word is a name as before
        ("Took Amber and her brother to the dentist.", "Amber"),
        # a name before a number is still a name
        ("Nevaeh 14 was seen at the walk-in centre.", "Nevaeh"),
        # initials stay initials
        ("Strategy meeting attended by JK and the DSL.", "JK"),
    ],
)
def test_names_in_the_same_shapes_are_still_removed(
    rules_only: Anonymiser, text: str, name: str
) -> None:
    assert name in names_found(rules_only, text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Moved into Room 9, Carlisle House, last week.", "Room 9"),
        ("Placed at the Station Hotel, room 31.", "room 31"),
        ("Dad has a room in a hostel in Seacroft, room 6.", "room 6"),
    ],
)
def test_a_room_where_someone_stays_is_still_an_address(
    anonymiser: Anonymiser, text: str, address: str
) -> None:
    result = anonymiser.anonymise(text)
    assert address not in result.text, result.text


def test_a_venue_with_a_capitals_only_acronym_word_in_ordinary_case_is_still_removed(
    rules_only: Anonymiser,
) -> None:
    text = "He drinks at the Mace Arms most nights."
    assert "Mace Arms" not in rules_only.anonymise(text).text


def test_a_room_alone_is_no_address_only_where_nobody_stays() -> None:
    text = "Review in Room 12 at 2pm."
    assert room_alone(text, 10, 17)
    text = "She is staying in Room 12 for now."
    assert not room_alone(text, 18, 25)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("High", True),
        ("the Amber", True),
        ("Requires Improvement", True),
        ("ROSH Medium", True),
        ("Oakwood Green", False),
        ("Highfield", False),
        ("Green Lane", False),
    ],
)
def test_only_ratings(phrase: str, expected: bool) -> None:
    assert only_ratings(phrase) is expected


# Numbers that identify nobody: a document's version after a record's name, an hour before a
# comma, a freephone or 116 number (no household has one).
NUMBERS = [
    "Minutes saved to the safeguarding log v2.1 after the panel.",
    "Stay and Play runs 10 to 12, Messy Play after lunch.",
    "The office shuts early, ring before 4, they lock up at half past.",
    "The charity's freephone advice line is 0808 196 8200.",
    "Gave her the free number, 0800 047 3311, for out of hours.",
    "Samaritans can be reached on 116 123 day and night.",
]


@pytest.mark.parametrize("text", NUMBERS)
def test_numbers_that_identify_nobody_are_left_alone(rules_only: Anonymiser, text: str) -> None:
    assert_unchanged(rules_only, text)


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Police log V2210934 refers to the same night.", "V2210934"),
        ("She moved to 5, Church Lane last week.", "5, Church Lane"),
        ("lives at 14, beech rise with her nan", "14, beech rise"),
        ("Dad's mobile is 07700 900456, his work line 0113 496 0456.", "07700 900456"),
        ("Dad's mobile is 07700 900456, his work line 0113 496 0456.", "0113 496 0456"),
    ],
)
def test_identifiers_of_the_same_shapes_are_still_removed(
    rules_only: Anonymiser, text: str, identifier: str
) -> None:
    assert identifier not in rules_only.anonymise(text).text


@pytest.mark.parametrize(
    ("text", "setting"),
    [
        ("Baby moved to NICU at Jessop Wing overnight.", "Jessop Wing"),
        ("He was seen in ED at Pinderfields with a head injury.", "Pinderfields"),
    ],
)
def test_a_hospital_after_its_department_acronym_is_removed(
    rules_only: Anonymiser, text: str, setting: str
) -> None:
    assert setting not in rules_only.anonymise(text).text


def test_a_department_acronym_before_a_month_is_no_hospital(rules_only: Anonymiser) -> None:
    assert_unchanged(rules_only, "Seen in ED in March and discharged with advice.")
