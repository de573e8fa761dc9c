"""Round eleven (issue 8): classes from the misses and over-removals of the training and pending
authors, and of the authors written for this round.

Each class is tested on sentences written for this file, with sentences beside it for the near
misses it must not let through.
"""

import pytest

from bot.privacy.anonymiser import Anonymiser
from tests.privacy.findings import assert_unchanged, covered


# A number said in words starts at a word of its own: "phone" does not end in a spoken "one".
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("phone 07 700 900 123 after 4", "07 700 900 123"),
        ("phone oh seven seven double oh nine double oh one two three", "oh seven seven"),
        ("mob seven seven double oh nine double oh one two three", "seven seven double"),
    ],
)
def test_a_spoken_number_starts_at_a_word(anonymiser: Anonymiser, text: str, secret: str) -> None:
    result = anonymiser.anonymise(text)
    assert result.text.startswith(("phone [", "mob ["))
    assert covered(anonymiser, text, secret, "PHONE")


# A letter o typed for a zero or l for a one among a number's figures, even before a word that
# starts with one ("... 338 on the fax").
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("The number is O1632 96O 338 on the fax", "O1632 96O 338"),
        ("Sticky note: Stacey O77OO 9OO 5l2!!", "O77OO 9OO 5l2"),
        ('her text says "my number is 07700900l98"', "07700900l98"),
        ("07700 900 l98 or the old one", "07700 900 l98"),
    ],
)
def test_letters_typed_for_figures_are_still_a_number(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret, "PHONE")


@pytest.mark.parametrize(
    "text",
    [
        "he was 10 on the o1 list",
        "Room 0l is the quiet room on level 2",
        "We saw 10 of the 100 logs on our own",
    ],
)
def test_words_among_figures_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# Where in the building and whose home, before an address; short street types; a house number
# after a word of place, after the street just named, or as "the house number".
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Mrs Osei is at first floor rear, 7 Penhale Terrace, buzzer broken", "first floor rear"),
        ("Referral form says 3/2, 118 Calder Street, Wrexham.", "3/2, 118 Calder"),
        ("gran says he turned up at her bungalow, 6 Thornbury Close, at 11pm", "her bungalow"),
        ("Admission form: 9 Cotswold Vw, Stroud.", "9 Cotswold Vw"),
        ("the system has Flat 33 Tern Hse Wellington Way", "Tern Hse"),
        ("can you check it's right? 2 Pennine Vw Glossop", "2 Pennine Vw"),
        ("house number is 7, not 1, the top has fallen off", "7"),
        ("van parked most nights outside number 20", "number 20"),
        ("they have moved to a 3 bed on Larch Road, number 22", "number 22"),
    ],
)
def test_more_of_an_address_goes_with_it(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret, "ADDRESS")


@pytest.mark.parametrize(
    "text",
    [
        "We scored 3/4, 2 children were absent from the session.",
        "The meeting is on the first floor, 2 rooms along from reception.",
        "Her house, 3 bedrooms, is too small for the family.",
        "He lives outside number of catchment areas we cover.",
        "Ask for the road, number 3 on the list of closures.",
    ],
)
def test_numbers_near_such_words_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# A short box answer written in Welsh, with few of the language's commonest words but mostly
# its words: its service and field words name nobody; names in it still go.
@pytest.mark.parametrize(
    "text",
    [
        "Rhannu gyda'r Person Diogelu Dynodedig yn unig.",
        "Pwrpas: atgyfeiriad i Dechrau'n Deg.",
        "Atgyfeiriad i'r gwasanaeth Gwybodaeth, Cyngor a Chymorth.",
        "Pwrpas: Cynllun Datblygu Unigol i'r plentyn.",
        "Plentyn ar y Gofrestr Amddiffyn Plant.",
        "Ni chafodd caniatâd ei geisio oherwydd y risg i'r plentyn.",
    ],
)
def test_welsh_box_answers_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Pwrpas: atgyfeiriad i Sioned Pritchard.", "Sioned Pritchard"),
        ("Gwybodaeth am Elis a'i fam, Ceri.", "Ceri"),
        ("Cyngor: siarad â Dylan cyn rhannu.", "Dylan"),
    ],
)
def test_names_in_welsh_box_answers_still_go(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret, "NAME")


# A building named where a service meets, trains or sits is the practitioner's office, not a
# family's home; a named house where someone lives or stays still goes.
@pytest.mark.parametrize(
    "text",
    [
        "The Early Help locality team are on the second floor of Latterbarrow House.",
        "Our Level 3 refresher is booked for the spring, two half days at Latterbarrow House.",
        "MACE meets every fourth Tuesday at Chiltern Gate House, room 2.04.",
        "Are the IAA team on the ground floor of Tŷ Taf or the first floor now?",
        "The Penhallow House interview rooms have panic alarms now, finally.",
        "Legal gateway panel is on Thursdays at Dockside Exchange, fourth floor.",
    ],
)
def test_an_office_named_where_a_service_works_stays(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Mum is staying at Ledgard House, the meeting room there is hers to use.", "Ledgard"),
        ("He lives at Oak Tree House now; the meeting is at school.", "Oak Tree House"),
        ("Staff at Brambles House said he came back at 2am, after the meeting.", "Brambles"),
    ],
)
def test_a_house_where_someone_stays_still_goes(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret)


# Numbers as they arrive: groups parted by slashes, a country code without its "+", an ending
# said later in the clause and corrected, several other endings after one number.
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("☎ 07700/900/236 (mum)", "07700/900/236"),
        ("Number she gave: 44 7700 900 567 (no plus, no zero)", "44 7700 900 567"),
        ("mum's number is the same as before but ends 471 not 417", "471 not 417"),
        ("07700 900 160/161/162 are the family's three phones", "160/161/162"),
    ],
)
def test_numbers_as_they_arrive_go(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret, "PHONE")


@pytest.mark.parametrize(
    "text",
    [
        "She is 44 and has 7 kids, 900 pounds owed.",
        "the number of kids ends in 3 not 4 in the report",
        "We saw 2026/27 budget lines and 1/2/3 ratings.",
    ],
)
def test_other_numbers_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# What a form's export glues together: a postcode to its town, a date of birth to its label.
@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        ("Address: 9 Hollinbrake Row, HullHU5 2NB - the form glued it", "HU5 2NB", "POSTCODE"),
        ("She's moved to BarnsleyS70 4JD per the letter", "S70 4JD", "POSTCODE"),
        ("NHS no9990308241 DOB11/04/2024 name on the summary", "11/04/2024", "DATE"),
    ],
)
def test_what_an_export_glues_together_goes(
    anonymiser: Anonymiser, text: str, secret: str, kind: str
) -> None:
    assert covered(anonymiser, text, secret, kind)


@pytest.mark.parametrize(
    "text",
    ["She has an iPhone12 and a PlayStation5 at home.", "Grade 7 in GCSE maths, 2 in PE."],
)
def test_product_names_with_figures_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# A house number of an address found, written again alone; a room, then the place of stay it
# is in; "c/o" right before the address.
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Envelope says 12-14 Walmer Street but post for the flat goes to 12a", "12a"),
        ("he gave 27 Pinfold Street; it's a shop, with a door at the side marked 27A", "27A"),
        ("Child lives at 64-66 Carlton Hill, split into 2 flats, they're in 66", "66"),
        ("Client now at Brookfield Approved Premises, room 14, curfew 11pm-7am.", "room 14"),
        ("Eldest son lives in Room 7 at the YMCA on Leopold Row", "Room 7"),
        ("the mum's in room 214 at the Nightfall Rest Hotel since Monday", "room 214"),
        ('Dad gave the court "c/o 19 Parkfield Lane", his solicitor\'s office', "c/o 19"),
    ],
)
def test_more_pieces_of_a_home_go(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret, "ADDRESS")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The training is in room 4 at the Holiday Inn conference suite.", "room 4 at the"),
        (
            "Mum at 7 Greave Lane has 7 children, is 7 weeks pregnant, seen at 7pm.",
            "has 7 children, is 7 weeks",
        ),
    ],
)
def test_counts_and_rooms_of_no_home_stay(anonymiser: Anonymiser, text: str, kept: str) -> None:
    assert kept in anonymiser.anonymise(text).text


# More kinds of organisation by name: a larder, a swimming club, care homes, a call centre; a
# setting's name ends before the days it meets.
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Mum now uses Kingstanding Community Larder weekly.", "Kingstanding Community Larder"),
        ("He swims with Wearside Otters ASC but has stopped.", "Wearside Otters ASC"),
        ("She works for Ribble Valley Care Homes as a carer.", "Ribble Valley Care Homes"),
        ("Her mum works nights at Doxford Park Call Centre.", "Doxford Park Call Centre"),
    ],
)
def test_more_organisations_by_name_go(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret, "ORG")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("He plays for Kestrel FC on Saturdays.", "on Saturdays"),
        ("She goes to Marsh Lane Scouts every Tuesday.", "every Tuesday"),
        ("The Decent Homes Standard review is due.", "The Decent Homes Standard"),
        ("She is on the Troubled Families Project list.", "Troubled Families Project"),
    ],
)
def test_what_is_no_part_of_an_organisation_stays(
    anonymiser: Anonymiser, text: str, kept: str
) -> None:
    assert kept in anonymiser.anonymise(text).text


# More of the field's acronyms; a kind of clinic starting a sentence; a weekday naming a
# service's habit ("the Friday drop-in"); a Welsh centre used as an office.
@pytest.mark.parametrize(
    "text",
    [
        "Niche RMS down again, paper notebook until it's back.",
        "Supervision with my PDU head moved, HQ says ESR is down.",
        "The LSCP training is free for PVI settings and for HCAs.",
        "OASys refresher is mandatory every 3 years for POs.",
        "CAU has 8 trolleys and 2 side rooms.",
        "Sleep clinic for children with autism, who runs one here?",
        "Tongue-tie clinic referral is via the midwife, not the HV.",
        "Are the midwives still doing the Friday drop-in supervision over Teams?",
        "Can you summarise it for the Monday briefing?",
        "Our team meet on Mondays at 9:30 at Canolfan Teifi, upstairs.",
    ],
)
def test_more_clean_lines_of_the_field_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        ("Saw RM and PO at the door, both 14.", "PO", "NAME"),
        ("Oakfield clinic saw him last week.", "Oakfield clinic", "HEALTH_SETTING"),
        ("Saw him on Friday at the drop-in.", "Friday", "DATE"),
    ],
)
def test_their_near_misses_go(anonymiser: Anonymiser, text: str, secret: str, kind: str) -> None:
    assert covered(anonymiser, text, secret, kind)


# A postcode typed with a letter O for its inward zero, or its letters apart.
@pytest.mark.parametrize(
    ("text", "secret"),
    [("postcode is LS6 3Q R", "LS6 3Q R"), ("LS6 OQR, with an O for the nought", "LS6 OQR")],
)
def test_postcodes_typed_oddly_go(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret, "POSTCODE")


def test_a_number_plate_with_an_o_is_still_a_number_plate(anonymiser: Anonymiser) -> None:
    text = "The man drives a black Range Rover, reg CP19 OWN."
    assert covered(anonymiser, text, "CP19 OWN", "VEHICLE_REG")


# A number's groups parted by the dashes a word processor or a phone's keyboard types.
@pytest.mark.parametrize(
    ("text", "secret"),
    [("mum 07700–900–123 call after 3", "07700–900–123"), ("mum on 07700—900123", "07700—900123")],
)
def test_numbers_parted_by_long_dashes_go(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret, "PHONE")


@pytest.mark.parametrize(
    "text", ["Open 9–5, Mon–Fri, the 0–19 service.", "Ages 0–19, plan 2019–2024."]
)
def test_ranges_with_long_dashes_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# Spaces that a copy from a web page or a system keeps (no-break, thin) part a number's groups
# as a plain space does; the text around keeps them.
def test_no_break_spaces_part_numbers_as_spaces(anonymiser: Anonymiser) -> None:
    text = "NHS 999\u00a0123\u00a04567 and mum\u00a0on 0113\u202f496\u202f0123"
    result = anonymiser.anonymise(text)
    assert result.text == "NHS [NHS_NUMBER] and mum\u00a0on [PHONE]"


# A name given alone, as a box's whole answer or a reply; a first name no list holds before a
# surname found, at the start of a sentence.
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Jago Trembath", "Jago Trembath"),
        ("Tegen Hocking.", "Tegen Hocking"),
        ("Mererid Parry, Huw Parry, Rhostryfan", "Mererid"),
    ],
)
def test_a_name_given_alone_goes(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret, "NAME")


@pytest.mark.parametrize(
    "text", ["Flying Start", "Early Help", "Thank you", "Diolch yn fawr", "Ofsted Inspection"]
)
def test_two_words_of_a_service_or_a_reply_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# A room of the service's own building, where it meets or supervises contact, is no home; a
# room where someone stays still goes.
@pytest.mark.parametrize(
    "text",
    [
        "Strategy meeting is in Room 12, Level 3, usual Teams link if you can't make it.",
        "Contact takes place at the family centre, Room 3, supervised by a contact worker.",
        "Interview room 1 has the two-way mirror, room 2 is the soft room for children.",
        "Achieving Best Evidence interview booked, police and social worker to attend.",
    ],
)
def test_a_services_own_rooms_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Shay is in room 9 at Ledgard House, meeting at 2", "room 9"),
        ("She is in room 14 at the Travelodge, meeting tomorrow at 10", "room 14"),
    ],
)
def test_a_room_where_someone_stays_still_goes(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret, "ADDRESS")


# From the review of this round: what its rules must not let through.
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # Short English messages are no Welsh sentences, whatever Welsh words they share.
        ("Beth and Dan need help", "Beth"),
        ("Siblings: Beth, Dan, Mai", "Mai"),
        ("Pam, Beth, Medi, Tai", "Medi"),
        ("Medi Evans, ysgol Penglais", "Medi"),
        # A building's name is on one line, holds no possessive and no first name.
        ("Strategy meeting re Tyler Grant\nLedgard House, first floor", "Tyler Grant"),
        ("Core group meeting at Kelly Smith's House tomorrow 10am", "Kelly Smith"),
        ("Meeting with Tyler Grant House Manager at 2pm", "Tyler"),
        # Where someone works, stays, is seen or exploited is not the service's office.
        ("Dad works at Brunswick House, second floor", "Brunswick"),
        ("Jade is sofa surfing, last seen at Ledgard House, meeting tomorrow", "Ledgard"),
        ("CSE concerns: Tia seen in the car park at Mercury House", "Mercury"),
        ("Mae Elin yn byw yn Nhŷ Glyndŵr, ystafell 4", "Glyndŵr"),
        # A word of the language before a school, a nursery or a surgery still names one.
        ("Woodlands school rang about Tyler", "Woodlands"),
        ("Beech surgery said no", "Beech"),
    ],
)
def test_what_the_review_found_still_goes(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret)


def test_ages_and_counts_are_no_house_number(anonymiser: Anonymiser) -> None:
    text = "Flat 3, 12 Mill Road. She has 3 siblings, is in Year 12, is 12 today, seen at 3."
    assert anonymiser.anonymise(text).text == (
        "[ADDRESS]. She has 3 siblings, is in Year 12, is 12 today, seen at 3."
    )
