"""Round ten (issue 8): classes from the misses and over-removals of the training and pending
authors, and of `tq`, `tr` and `ts` (written for this round).

Each class is tested on sentences written for this file, with sentences beside it for the near
misses it must not let through.
"""

import pytest

from bot.privacy.anonymiser import Anonymiser
from tests.privacy.findings import assert_unchanged, covered


# One letter that names a part, a band or a code is no initial: after a word such as "section",
# "band" or "plan", in a list of letters glossed in brackets, in a statute's paragraph.
@pytest.mark.parametrize(
    "text",
    [
        "Attendance codes we use: B (off-site education), E (excluded), I (illness), M (medical).",
        "Priority bands are A (emergency), B (urgent) and C (routine) for the waiting list.",
        "Section E of the plan lists the outcomes, and section K the placement.",
        "The bundle has tabs A–G and the reports are usually in tab G? no, section G.",
        "Is this covered by Art 6(1)(c) or by Sch 8 para 4(b)?",
        "If that fails we go to plan B and ask the virtual school head.",
        "He is on the Category C list for the prison visits.",
        "Hep B jab is due at the 1 year check.",
    ],
)
def test_lettered_parts_bands_and_codes_are_no_initials(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Saw J at the gate and she said K had been crying.", "K"),
        ("Present: J (mum), K (dad) and L (nan).", "K"),
        ("Children: R (aged 6), T (aged 3) and W (baby).", "T"),
        ("Section 47 done, spoke to B after school.", "B"),
    ],
)
def test_initials_near_them_still_go(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret, "NAME")


# A setting named only by the field's acronym is a kind of service, not one place; a police unit
# named by what it does is no health setting; a ward's shorthand is no hospital.
@pytest.mark.parametrize(
    "text",
    [
        "The ASD clinic sent the letter to mum.",
        "we took him to the SALT clinic in the morning",
        "She's a student at an FE college, so KCSIE still applies.",
        "The Missing Persons Unit have the return interview.",
        "Child Abuse Investigation Unit will lead the joint visit.",
        "baby went up to paeds from ED",
        "taken straight to resus, then majors",
    ],
)
def test_generic_settings_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        ("seen at the BRI clinic by the paediatrician", "BRI", "HEALTH_SETTING"),
        ("Baby is on the LGI neonatal unit.", "LGI", "HEALTH_SETTING"),
        ("she was taken to jimmys by ambulance", "jimmys", "HEALTH_SETTING"),
        ("He attends the Oakfield ASD unit at Hillside School.", "Hillside School", "SCHOOL"),
    ],
)
def test_named_settings_still_go(anonymiser: Anonymiser, text: str, secret: str, kind: str) -> None:
    assert covered(anonymiser, text, secret, kind)


# A number given in parts (`tq`): its other or corrected ending, its first groups cut short, the
# start given after "number is", the end given as a correction, figures sent alone as a turn, and
# a number said with hyphens, commas, hundreds or without its 0.
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("her mob is 07700 900 652, no sorry 625, she misread it", "625"),
        ("two numbers for nan: 07700 900 318/381", "381"),
        ("the form only has 0161 496 0 then it stops", "0161 496 0"),
        ("he left 0114 496... and the line went", "0114 496"),
        ("mum's new number is 07700 and she'll text the rest", "07700"),
        ("sorry, the last four digits are 0927 not 0972", "0927 not 0972"),
        ("0113", "0113"),
        ("496 0815", "496 0815"),
        ("my number is oh-seven-seven-double-oh, nine double-oh, three-one-four", "three-one-four"),
        ("she wrote 07700 nine-hundred 4 4 2 on the sheet", "nine-hundred 4 4 2"),
        ("dad's as he said it: seven seven zero zero nine zero zero two one six", "two one six"),
    ],
)
def test_numbers_given_in_parts_go(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret, "PHONE")


@pytest.mark.parametrize(
    "text",
    [
        "Call 0800 1111 or 116 123 any time.",
        "ring the office or 12:30 is fine for the meeting",
        "2025",
        "ages 4, 6, 9 and 12 in the household",
        "twenty-one in the class and forty-two in the year group",
        "she owes nine hundred pounds in rent arrears",
        "The last bit is the hardest part of the assessment.",
    ],
)
def test_numbers_that_are_no_phone_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# Whose home and where in the building, written before an address (`tq`).
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("she's staying c/o her auntie's, 14 Larch Grove for now", "c/o her auntie's"),
        ("they live above the Golden Dragon, 82 Station Road", "above"),
        ("noise from the top flat, 3 Kelso Street again", "the top flat"),
    ],
)
def test_lead_ins_of_an_address_go_with_it(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret, "ADDRESS")


# A sentence written in Welsh (`tr`): its common words ("Beth" what, "Mae" is, "Dan" under,
# "Allan" out) and its words spelled as only Welsh spells are no names; the names in it still go.
@pytest.mark.parametrize(
    "text",
    [
        "Beth yw'r trothwy ar gyfer atgyfeirio i'r Swyddog Lles Addysg?",
        "Mae'r canllaw newydd wedi dod allan, ond oes angen newid y polisi?",
        "Oes rhaid i'r pennaeth fod yn y cyfarfod? Mae o dan bwysau.",
        "Ydy'r Fframwaith Hyfforddiant Diogelu Cenedlaethol yn orfodol i lywodraethwyr?",
        "Rydym yn defnyddio MyConcern ers mis Medi, oes angen asesiad?",
        "Oes gan yr ysgol unrhyw rôl ar ôl i'r plentyn adael?",
        "Mae hi'n mynd i'r ysgol heddiw, beth am y cyfarfod?",
    ],
)
def test_welsh_sentences_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        ("Mae Rhodri a Gwenllian yn byw gyda nain ers mis Medi.", "Gwenllian", "NAME"),
        ("Diogelu: Ffion a Gruff Llewelyn, mae'r fam yn poeni.", "Llewelyn", "NAME"),
        ("Ydy Ffion yn yr ysgol heddiw? Mae Mrs Beth Evans yn gofyn.", "Beth Evans", "NAME"),
        ("Mae Osian yn Ysgol Bryn Gwyn ac mae'n hapus.", "Bryn Gwyn", "SCHOOL"),
        ("Mae Mam yn gweithio nos yn Cartref Gofal Pen y Bryn.", "Cartref Gofal Pen y Bryn", "ORG"),
        ("Beth Jones rang about the visit, she is worried about Osian.", "Beth", "NAME"),
    ],
)
def test_names_in_welsh_sentences_still_go(
    anonymiser: Anonymiser, text: str, secret: str, kind: str
) -> None:
    assert covered(anonymiser, text, secret, kind)


# More of the field's acronyms (`tr`): no initials.
@pytest.mark.parametrize(
    "text",
    [
        "Is a VPF the same as a PPN, or does the VRU use its own form?",
        "The JCQ rules and the YJB guidance both mention it.",
        "Should health records say WNB rather than DNA for children?",
    ],
)
def test_more_field_acronyms_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# A habit is no date: "every second Thursday", "the first Monday of the month", Welsh "bob" (every).
@pytest.mark.parametrize(
    "text",
    [
        "The exploitation panel meets every second Wednesday at the station.",
        "Supervision is on the last Friday of each month.",
        "We do the training on the third Tuesday of every month.",
        "Mae'r clwb ieuenctid yn cwrdd bob nos Fercher yn y neuadd.",
        "Bob dydd Gwener mae'r nyrs ysgol yn dod i mewn.",
    ],
)
def test_habits_are_no_dates(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("She was last seen on the first Monday of the holidays.", "Monday"),
        ("It happened the Wednesday before, at the park.", "Wednesday"),
        ("Mae Osian yn dod i'r ysgol nos Iau nesaf.", "nos Iau"),
    ],
)
def test_one_day_still_goes(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret, "DATE")


# The name of a report, an inquiry, a covenant or a set of principles is no place or organisation.
@pytest.mark.parametrize(
    "text",
    [
        "Can you remind me what the Munro Review said about compliance?",
        "The Children's Commissioner quoted the Jillings Inquiry again.",
        "Does the Care Leaver Covenant cover apprenticeships?",
        "Which of the Caldicott Principles covers sharing with the police?",
    ],
)
def test_document_names_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        ("The family worship at New Covenant Pentecostal Church on Sundays.", "Covenant", None),
        ("Dad works at Hartley Policy Solutions in the office park.", "Hartley", None),
    ],
)
def test_settings_with_such_words_still_go(
    anonymiser: Anonymiser, text: str, secret: str, kind: str | None
) -> None:
    assert covered(anonymiser, text, secret, kind)


# A word of the language no names list holds, after another capitalised one, ends the title of a
# thing ("National Minimum Standards"); names after a word for a person, and settings named so,
# still go.
@pytest.mark.parametrize(
    "text",
    [
        "The National Minimum Standards (2011) for fostering - do they cover lodgings?",
        "Boarding schools: National Minimum Standards (2022) - who inspects them?",
    ],
)
def test_titles_of_common_words_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Baby Jericho was born at home, mum declined the midwife.", "Jericho"),
        ("Dad works for a valeting firm called Sparkle Valet on the retail park.", "Sparkle Valet"),
    ],
)
def test_names_and_firms_after_such_words_still_go(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret)


# Numbers of a clean line (`tq`): an amount or the minutes of a time are no house number; hours
# given before the days; IT and field acronyms; a medicine and its dose.
@pytest.mark.parametrize(
    "text",
    [
        "The taxi was £18 each way, paid from the section 17 budget.",
        "Doors open 08:40, registers close at 08:50.",
        "Duty hours are 09:00 to 17:00 Mon-Thu and 09:00 to 16:30 Fri.",
        "Reset your PIN before the VPN update, and use MFA on the laptop.",
        "A DRO needs debts under the limit; RAR days are set by the court.",
        "Melatonin 3mg at bedtime, prescribed by the paediatrician.",
    ],
)
def test_clean_numbers_and_codes_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("She has moved to 32 Each Way, off the ring road.", "32 Each Way"),
        ("Seen at home on Fri 9-10am with mum present.", "Fri"),
    ],
)
def test_their_near_misses_still_go_too(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret)


# A reference with its system's letters glued on before it, or a log's date code after it, is one
# reference (`tq`). (The letters of "PPN/WY/889231" were a name before; they now go with it.)
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("PPN PPN/WY/889231 submitted.", "PPN/WY/889231"),
        ("the letter's ref is LCC/HOU/2026/4471, from housing", "LCC/HOU/2026/4471"),
        ("patient no on the GP letter: NHS-K2-0081234", "NHS-K2-0081234"),
        ("Storm log 0344 14FEB, attended by response", "0344 14FEB"),
    ],
)
def test_references_keep_their_letters_and_log_dates(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret, "CASE_NUMBER")


@pytest.mark.parametrize(
    "text",
    [
        "Read the guidance on and/or sharing, section 4/5 of the policy.",
        "The 24/7 line is on the poster, 9/10 staff have done it.",
    ],
)
def test_slashes_without_a_reference_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# Whose house it is, before an address (`tq`).
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("she's stopping at her cousin's, 9 Alder Walk this week", "her cousin's"),
        ("he went back to his nan's boyfriend's, 41 Hope Street", "his nan's boyfriend's"),
    ],
)
def test_whose_house_goes_with_the_address(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret, "ADDRESS")


# A school named after a school role and "at" ("the new family liaison at Blaen-y-Cwm"), not a
# big town, and not "school for" a meeting or a subject (`ts`).
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("I'm the head of year at Penrhos, ringing about a Y9", "Penrhos"),
        ("family liaison officer at the Kestrel Academy here", "Kestrel"),
        ("I'm the school nurse for Thornbury Vale", "Thornbury"),
    ],
)
def test_schools_after_a_school_role_go(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret, "SCHOOL")


@pytest.mark.parametrize(
    "text",
    [
        "I'm the school nurse for Leeds, covering the east.",
        "The Virtual School for the PEP meeting wants the reports.",
        "He stays after school for Maths club.",
    ],
)
def test_no_school_after_a_role_where_none_is_named(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# More kinds of workplace, club and health setting by name (`tu`), and a Welsh hospital by its
# opening word.
@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        ("Mum cleans for Harbourside Cleaning on early shifts.", "Harbourside Cleaning", "ORG"),
        ("Dad drives for Medway Express Couriers at night.", "Medway Express", "ORG"),
        ("The optician at Clearview Optometrists noticed the bruise.", "Clearview", None),
        ("He is at Ysbyty Maelor with his mum.", "Ysbyty Maelor", "HEALTH_SETTING"),
        ("She works weekends at Patel's Cash & Carry.", "Patel's Cash & Carry", None),
        ("Referral came from Eastside Food Share this morning.", "Eastside Food Share", "ORG"),
        ("He is staying at St Columba's Night Shelter.", "St Columba's Night Shelter", None),
        ("She wants to go to Coleg Menai next year.", "Coleg Menai", "SCHOOL"),
        ("Dad's cousin runs Kaur's Cash & Carry on the corner.", "Kaur's Cash & Carry", None),
        ("The girls were found working at Jade Nails & Spa.", "Jade Nails & Spa", None),
        ("His van says K Doyle Plastering on the side.", "K Doyle Plastering", None),
        ("Mum does nights at Riverside Distribution now.", "Riverside Distribution", None),
    ],
)
def test_more_named_settings_go(
    anonymiser: Anonymiser, text: str, secret: str, kind: str | None
) -> None:
    assert covered(anonymiser, text, secret, kind)


@pytest.mark.parametrize(
    "text",
    [
        "The CAMHS SPA triaged it as routine.",
        "Swindon's Family Hub runs the parenting course.",
        "The cleaning firm said she left early.",
    ],
)
def test_generic_services_stay_too(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# What practitioners type into the record's boxes (`tt`): the field's words for the people in a
# case (SU, PoP, SOI, FOB, OIC), tools and orders (UDS, DRR, BWV), "Woman says", "Fraser/Gillick",
# an Osman warning, a habit's session, a public-sector domain named bare, Welsh boxes.
@pytest.mark.parametrize(
    "text",
    [
        "SU agreed to the referral; UDS clear this month, DRR review next week.",
        "PoP told first; SPO advised sharing only the risk to the children.",
        "SOI remanded, OIC updated the IP, BWV reviewed.",
        "NBV done, FOB not present, next ANC in 2/52.",
        "Woman says she has no support at home.",
        "Fraser/Gillick competence assessed and recorded.",
        "Osman warning considered and not needed.",
        "Who comes to the friday session is on the sign-in sheet.",
        "Sent from nhs.net to the council's secure address, see GOV.UK guidance.",
        "Cyngor: siarad efo Mam gynta, cynnig help gyda gofal plant.",
    ],
)
def test_record_boxes_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        ("Insta is kayla.mx and snap kaylam_22", "kayla.mx", "SOCIAL_HANDLE"),
        ("Her business site is kaylas-lashes.example.com", "kaylas-lashes.example.com", "URL"),
        ("Fraser said he would come to the meeting.", "Fraser", "NAME"),
        ("Address: 3 Mill Row, Hexham\tDad: unknown", "Hexham", None),
    ],
)
def test_near_misses_of_the_record_boxes_still_go(
    anonymiser: Anonymiser, text: str, secret: str, kind: str | None
) -> None:
    assert covered(anonymiser, text, secret, kind)


@pytest.mark.parametrize(
    "text",
    [
        "PoP has a new partner; the licence needs him to tell us.",
        "Gwybodaeth: beth ddywedodd y plentyn wrth yr athrawes.",
        "Pwrpas: cadw'r plant yn ddiogel.",
    ],
)
def test_mixed_case_acronyms_and_short_welsh_boxes_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# A weekday with its day of the month is one day even beside a habit ("weekly"); a month after a
# date found without it joins it (`tt`).
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("GP appt Thurs 12th - I'll see her weekly after that", "Thurs 12th"),
        ("absent on 3 Mar, 4 Mar and 11 Mar this term", "4 Mar"),
    ],
)
def test_days_beside_habits_and_lists_go(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret, "DATE")


@pytest.mark.parametrize(
    "text",
    ["Tuesday and Thursday are her swimming nights, weekly.", "The 2nd may be too late."],
)
def test_habits_and_may_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# Chains, an NHS employer and a saint's town are no setting of a family's (`tu`); a saint's school
# and a hotel where a family stays still go.
@pytest.mark.parametrize(
    "text",
    [
        "Halfords and Wickes are both on the retail park, nothing to do with this.",
        "I work for Leeds Teaching Hospitals NHS Trust in the safeguarding team.",
        "I'm employed by Hywel Dda University Health Board as a school nurse.",
        "Our patch covers parts of St Helens and Wigan.",
    ],
)
def test_chains_employers_and_saints_towns_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("She's in year 4 at St Helen's, the Catholic one.", "St Helen's"),
        ("Mum and the baby are in one room at the Travelodge in Walsall.", "Travelodge"),
        ("Mum works nights for Sunrise Care Trust.", "Sunrise Care Trust"),
    ],
)
def test_schools_and_places_of_stay_still_go(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret)


# A dotted initial before a surname after a word no sentence ends on ("confirm if D. Okafor").
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Can you check whether K. Mensah is still on roll?", "K."),
        ("Mum said that T. Okoro hit her.", "T."),
    ],
)
def test_dotted_initials_after_such_words_go(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret, "NAME")


# A tagger's setting of only lower-case words for a kind of setting is none (`tw`).
@pytest.mark.parametrize(
    "text",
    [
        "I'm the DSL at a primary school in the valleys and need advice.",
        "Deputy DSL at a secondary academy here, quick question about consent.",
    ],
)
def test_kinds_of_setting_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


# Case records pasted (`ty`): a protocol named after a kind of setting, a team after "transferred
# to", Approved Premises, and more of the field's acronyms.
@pytest.mark.parametrize(
    "text",
    [
        "Followed the Bruising in Non-Mobile Infants protocol; strategy discussion held.",
        "Case transferred to Long-Term Team after the assessment.",
        "Licence condition: reside at Approved Premises until review.",
        "ETE referral made; POM allocated; CRD is in March.",
        "FGC held, KPI met, IHA done within 20 working days.",
    ],
)
def test_case_record_lines_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        ("She was transferred to Kingsmead in May from another school.", "Kingsmead", "SCHOOL"),
        ("He now lives at Ashworth House AP in Derby.", "Ashworth House", None),
        ("Sibling attends Brookfield Infants on the estate.", "Brookfield Infants", "SCHOOL"),
    ],
)
def test_their_near_misses_in_records_still_go(
    anonymiser: Anonymiser, text: str, secret: str, kind: str | None
) -> None:
    assert covered(anonymiser, text, secret, kind)


# Urgent, emergency, child development and dental settings by name, and a Welsh unit (`tx`); the
# kinds alone stay.
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("He was seen at Marsh Lane UTC with a scald.", "Marsh Lane UTC"),
        ("Brought into Harbourside Children's ED at 2am.", "Harbourside"),
        ("The Oakwell Child Development Centre report is due.", "Oakwell"),
        ("Dental nurse at Quarry Hill Dental rang us.", "Quarry Hill Dental"),
        ("Baby was on Uned Dryw for a week after birth.", "Uned Dryw"),
    ],
)
def test_named_urgent_care_and_dental_settings_go(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret, "HEALTH_SETTING")


@pytest.mark.parametrize(
    "text",
    [
        "Children's Emergency Department sent the notification to the HV.",
        "Third ED attendance this term, flagged to the GP.",
        "The Child Development Centre will assess him in the spring.",
    ],
)
def test_kinds_of_urgent_care_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)
