"""Round eight (issue 8): classes from the misses and over-removals of training authors `tl`,
`tm` and `tk`, and over-removals seen while testing.

Each class is tested on sentences written for this file, with clean sentences beside it for the
near misses it must not take.
"""

import pytest

from bot.privacy.anonymiser import Anonymiser
from tests.privacy.findings import assert_unchanged, covered, names_found


@pytest.mark.parametrize(
    "text",
    [
        # A clinical age in twelfths, "old" after it or "aged" before it.
        "Baby was born at 34 weeks and is now 18/12 old.",
        "aged 14/12 at the time of the fall",
        "two 13/12 olds in the nursery room",
        # A clause about a dwelling is no description of one.
        "The room was cold at 12 Hill Rd.",
        "The flat smelt of damp when we visited at 4 Mill Lane.",
    ],
)
def test_ages_and_clauses_stay_clean(anonymiser: Anonymiser, text: str) -> None:
    findings = anonymiser.anonymise(text).findings
    assert not any(f.entity == "DATE" for f in findings), text
    assert all(f.start > 0 for f in findings), "a finding took the sentence's start"


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        ("seen 18/12 and again 20/12", "18/12", "DATE"),
        ("The room was cold at 12 Hill Rd.", "12 Hill Rd", "ADDRESS"),
        ("the flat above the barbers on Whitehall Road", "Whitehall Road", None),
        ("the end house on Spencer Place is theirs", "the end house on Spencer Place", "ADDRESS"),
    ],
)
def test_dates_and_dwellings_beside_them_still_go(
    anonymiser: Anonymiser, text: str, secret: str, kind: str | None
) -> None:
    assert covered(anonymiser, text, secret, kind)


def test_clean_sentences_are_unchanged(anonymiser: Anonymiser) -> None:
    assert_unchanged(anonymiser, "Baby was born at 34 weeks and is now 18/12 old.")


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        # A phone begun in figures and finished in words.
        ("her phone number is 07700 900 three three eight", "07700 900 three three eight", "PHONE"),
        ("call 0113 496 0 seven one eight please", "0113 496 0 seven one eight", "PHONE"),
        # A reference with its year or its letter after it, found by its shape alone.
        ("it was logged as WY13205/25 yesterday", "WY13205/25", "CASE_NUMBER"),
        ("the reference the police gave mum was PP-1187-B", "PP-1187-B", "CASE_NUMBER"),
        # Dictated with "stroke" for the slash, and tens said as tens.
        (
            "crime ref forty two stroke one one eight seven three",
            "forty two stroke one one eight seven three",
            "CASE_NUMBER",
        ),
        (
            "ref one four stroke two two nine one zero",
            "one four stroke two two nine one zero",
            "CASE_NUMBER",
        ),
        # "sat", "sun", "wed" after a clock time with its am or pm.
        ("Roman was found at the park at 11pm sat by police", "sat", "DATE"),
        ("she came in at 9am wed crying", "wed", "DATE"),
    ],
)
def test_identifiers_in_pieces_and_shapes(
    anonymiser: Anonymiser, text: str, secret: str, kind: str
) -> None:
    assert covered(anonymiser, text, secret, kind)


@pytest.mark.parametrize(
    "text",
    [
        "she has 2 kids, 1 is 4 and one is six",
        "she had a stroke at forty two",
        "at 11pm sat by the fire with her brother",
        "at 11pm sat down with her and talked",
        "at 2pm sun cream was put on all the children",
        "The score was 2 stroke 3 at half time.",
    ],
)
def test_their_near_misses_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # The items of a chronology, three or more in the calendar's order.
        (
            "chronology: 3.3 friend disclosure, 4.3 referral to MASH, 6.3 strat, 18.3 absent",
            ("3.3", "4.3", "6.3", "18.3"),
        ),
        ("HV: 3/1 wt 5.1kg / 17/1 wt 5.1kg / 31/1 wt 5.05kg", ("3/1", "17/1", "31/1")),
        ("5/2 - rang mum; 9/2 - no answer; 11/2 - home visit", ("5/2", "9/2", "11/2")),
    ],
)
def test_the_days_heading_a_chronology_are_dates(
    anonymiser: Anonymiser, text: str, secrets: tuple[str, ...]
) -> None:
    for secret in secrets:
        assert covered(anonymiser, text, secret, "DATE"), secret


@pytest.mark.parametrize(
    "text",
    [
        # Not in the calendar's order, or measures, or only two.
        "Scores: 3.3 reading, 4.3 maths, 2.1 science",
        "weights 3.3 kg, 4.3 kg, 6.3 kg",
        "levels: 2.1 reading, 2.2 writing, 1.3 maths",
        "Results 4.2 overall, 4.5 attainment",
    ],
)
def test_numbers_that_head_no_chronology_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # A town after the locality, one or two words, with an apostrophe.
        ("Referral: 3 Tŷ Gwyn Terrace, Gurnos, Merthyr Tydfil CF47 9BT.", "Merthyr Tydfil"),
        ("Family address 6 Saxon Way, Terrington Marsh, King's Lynn PE34 4QD.", "King's Lynn"),
    ],
)
def test_an_address_keeps_its_town_after_its_locality(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # A family's surname with an "s" after "the", typed in lower case.
        ("the karimis know im doing it", "karimis"),
        ("the lakatoses - gp is the health centre", "lakatoses"),
        ("home conditions really bad at the thompsons, dog mess on floor", "thompsons"),
        ("did the home visit with the chens", "chens"),
        # An owner without an apostrophe, before more of what a person has.
        ("can i share without Leilas consent", "Leilas"),
        ("tasnims best friend came to see me worried", "tasnims"),
        # A family word or a title typed in lower case before a capitalised name.
        ("aunt May is taking her to her house for a bit", "May"),
        ("jaden calls nan grandma Zofia lol", "Zofia"),
        ("uncle Will will take her", "Will"),
    ],
)
def test_families_owners_and_titles_typed_in_lower_case(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret, "NAME")


@pytest.mark.parametrize(
    "text",
    [
        "the greens were playing and the browns won",
        "the cases are open, the patients were seen, the hollies are flowering",
        "the woods, the hills, the fields, the marshes, the parks, the wards, the halls",
        "the kids best friend came round",
        "the teachers views were clear",
        "the kids miss School when it is shut",
        "she wants to start in may at a new school",
    ],
)
def test_plurals_owners_and_days_that_are_words_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


def test_an_owner_takes_no_surname(anonymiser: Anonymiser) -> None:
    text = "tasnims best friend came to see me worried"
    assert not covered(anonymiser, text, "best")


def test_a_day_after_a_family_word_is_no_name(anonymiser: Anonymiser) -> None:
    assert names_found(anonymiser, "we saw nan Monday and she was fine") == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # Addresses typed in lower case: a street after "on", a room in a named building.
        ("theyre back!! seen the van on lowmoor lane last night", "lowmoor lane"),
        ("they live on ash grove now", "ash grove"),
        (
            "address for the family is flat 12 carver house, sefton rd",
            "flat 12 carver house, sefton rd",
        ),
        ("hes in room 214 at the crown hotel", "room 214 at the crown hotel"),
        # A reference after "occ", or with a letter and a figure before its first dash.
        ("pasted: child present at incident, occ 25-0314-1187", "25-0314-1187"),
        ("HO ref for the family A1-22-0045871", "A1-22-0045871"),
    ],
)
def test_lower_case_addresses_and_references(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "we were on our way home, on close terms, on memory lane, on a long drive, on some road",
        "she is in room 12 in the main house",
        "we met in room 4 at the community house",
        "occ therapist came 2 times this term",
    ],
)
def test_rooms_ways_and_therapists_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        # A name typed in lower case before the kind of place it names.
        (
            "and the GP, abbeyfield surgery, to see if theyve re registered",
            "abbeyfield surgery",
            "HEALTH_SETTING",
        ),
        ("shared with police and northfield academy DSL", "northfield academy", "SCHOOL"),
        (
            "college safeguarding lead here (westgate college). he disclosed",
            "westgate college",
            "SCHOOL",
        ),
        ("the imam at abu bakr mosque rang me", "abu bakr mosque", "ORG"),
    ],
)
def test_named_places_typed_in_lower_case(
    anonymiser: Anonymiser, text: str, secret: str, kind: str
) -> None:
    assert covered(anonymiser, text, secret, kind)


@pytest.mark.parametrize(
    "text",
    [
        "she goes to the local surgery and the village church and sixth form college",
        "she is at primery school and the kids school and her bsl school and forest school",
        "TfC said it's a strategy discussion, they'll invite school.",
        # Text-speak the tagger might take for a name.
        "im worried but the kid says everything is fine, what now",
        "im the only one in the building today, can i make the decision alone",
    ],
)
def test_kinds_of_place_and_text_speak_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    "text",
    [
        "is gillick the same as the other test? always get them mixed up",
        "Is that ok under Gillick?",
        "PLS HELP she just texted me from a number i dont know",
        "TBH not sure, OMG what a day",
    ],
)
def test_the_competence_test_and_shouted_text_speak_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


def test_a_surname_after_a_title_still_goes(anonymiser: Anonymiser) -> None:
    assert names_found(anonymiser, "Mrs Gillick came in with her son") == ["Gillick"]
    assert names_found(anonymiser, "TBH I dont know. JS said so.") == ["JS"]


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # A name that is also a word, joined to a found name, the two doing something.
        ("Amber and Crystal were left with a 12 year old babysitter", "Amber"),
        ("Crystal and Amber both go to the club", "Amber"),
        # An adverb of time between a name and its speech verb.
        ("Joy just told me her uncle drives her to a house", "Joy"),
    ],
)
def test_word_names_with_a_found_name_or_an_adverb(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert secret in names_found(anonymiser, text)


@pytest.mark.parametrize(
    "text",
    [
        "The rating moved to Amber and the plan was reviewed.",
        "Housing just said they would call",
        "School then told mum to come in",
        "Police later said it was fine",
    ],
)
def test_ratings_and_services_before_a_verb_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


def test_a_home_written_in_pieces_is_one_address(anonymiser: Anonymiser) -> None:
    text = "he's at the YMCA on Gower St, room 31 now, keyworker says"
    found = anonymiser.anonymise(text).findings
    assert [(f.entity, text[f.start : f.end]) for f in found] == [
        ("ADDRESS", "YMCA on Gower St, room 31")
    ]


def test_two_homes_stay_two(anonymiser: Anonymiser) -> None:
    text = "moved from 4 Oak Rd to 7 Elm St"
    assert [f.entity for f in anonymiser.anonymise(text).findings] == ["ADDRESS", "ADDRESS"]


def test_a_word_name_after_a_capitalised_word_that_is_no_name_stays(
    anonymiser: Anonymiser,
) -> None:
    assert_unchanged(anonymiser, "Category changed from Neglect to Emotional Harm at the RCPC.")
    assert names_found(anonymiser, "I spoke to Sarah Cross about it.") == ["Sarah Cross"]


@pytest.mark.parametrize(
    "text",
    [
        # An age, a count or a school year after a word that labels references.
        "LGBTQ+ young person. 15yo told the school nurse they are non-binary",
        "One of our 17s has been sleeping on sofas",
        "One of our Y10 lads has been hanging around late.",
        # Capitals that the words around them make an acronym.
        "risk of significant harm under s47 CA 1989, younger sibling aged 2",
        "Referring to the perinatal MH team with consent",
        "child staying with maternal GM overnight under a safety plan",
        "Family Group Conference coordinator. FGC planned for a family of 5 kids.",
        "The club's DSP (designated safeguarding person) is away",
        "Police liaison officer at a secondary school officer (SSO).",
    ],
)
def test_ages_and_acronyms_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("John Smith came in. JS said he was fine.", "JS"),
        ("JS just said so.", "JS"),
        ("Jane Smith (JS) was there.", "JS"),
        ("our ref 17s/2231 is on the form", "17s/2231"),
    ],
)
def test_initials_and_references_beside_them_still_go(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret)


@pytest.mark.parametrize(
    "text",
    [
        # A word for a person, its 's a "has", its aside about the person it stands for.
        "Teacher, Y6. Kid's been writing really violent stories",
        "ED nurse. Teen (16) came in with a deep cut",
        "Childminder, Ofsted registered. Mindee's dad turned up",
        "Neighbour's reported the kids are never out. Nothing's changed. Chair's decision.",
        "GP. 5yo brought in by her childminder, not a parent. Childminder says she came like that",
        # Welsh words and kinship words.
        "Social worker, Welsh-speaking family. Mam-gu rang me crying in Welsh",
        "Cylch Meithrin leader. Plentyn (3) has come in 3 days with the same nappy",
        "Kinship carer assessment for Nain and Taid. Taid has an old conviction.",
        "ysgol wants me to share the assessment",
        # Acronyms after "in" or "on", and places that are words of the language.
        "11yo with type 1 diabetes in DKA, parents forgot the insulin",
        "Mum's in ICU. Partner also on OST. Home visit planned.",
        "CSC in Mosaic, police in Niche. 3 in Safety.",
    ],
)
def test_roles_welsh_words_and_acronyms_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Hodan (mum) is worried.", "Hodan"),
        ("Xanthe's bedroom is cold.", "Xanthe"),
        ("Taid Gwilym collects her on Fridays.", "Gwilym"),
        ("Requested by DS Catherine Ng of the team", "Catherine Ng"),
        ("jaden got stabbed in the leg, hes in QMC", "QMC"),
        ("after a party at a flat on NYE she said", "NYE"),
        ("SENCO ysgol y graig rang", "ysgol y graig"),
        ("She lives in Little Ouseburn now.", "Little Ouseburn"),
    ],
)
def test_names_places_and_days_beside_them_still_go(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret)


@pytest.mark.parametrize(
    "text",
    [
        # A word of the language after a title's full stop starts a sentence.
        "young carer for her because of her MS. Should I refer to the young carers service",
        "Response PC. Attended a concern for welfare for a 4yo",
        # Lower-case words before a kind of place that name no place.
        "Can I share the physical obs with the school nurse so she can monitor",
        "at a home visit the kids' school rang. That's chhaupadi-like practice.",
        # Words for a person with an age or an 's; capitals after an owner or before a dose.
        "Youth worker, inner city. Lad, 15, stabbed in the thigh. Lad's back from missing.",
        "isolation, mum's MH. Started on methylphenidate XL 18mg.",
        "Rushed DM - Y3 kid just told TA she has no bed. Mom and Dad both on methadone.",
        "Just wanted to record my part. Only had the boy (10) one weekend. Already rang.",
        # Labels before their numbers, rates and grades that look like postcodes.
        "Police crime report open for Sec 76 SCA 2015. I need to write the Reg 40 notification.",
        "A&E doctor, ST4. 15yo, BMI 14.8, HR 44 lying, postural drop of 25.",
    ],
)
def test_sentences_labels_and_rates_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Mr. Smith came. I spoke to PC. Jones today.", "Smith"),
        ("Mr. Smith came. I spoke to PC. Jones today.", "Jones"),
        ("they live in ST4 now and LS7 before", "ST4"),
        ("they live in ST4 now and LS7 before", "LS7"),
    ],
)
def test_names_and_districts_beside_them_still_go(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret)


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        ("strangulation mid-August 2024. Partner arrested.", "mid-August 2024", "DATE"),
        ("in early March 2023 and at the end of May 2024", "end of May 2024", "DATE"),
        ("Reported it 2 wks ago Thurs. IDVA?", "2 wks ago Thurs", "DATE"),
        ("the kids' dad has them wk beginning 6th and he's drinking", "wk beginning 6th", "DATE"),
        ("Moved in at 88 Hallgate, Wigan who has 2 girls", "88 Hallgate", "ADDRESS"),
    ],
)
def test_parts_of_months_weeks_and_streets_named_with_a_gate(
    anonymiser: Anonymiser, text: str, secret: str, kind: str
) -> None:
    assert covered(anonymiser, text, secret, kind)


@pytest.mark.parametrize(
    "text",
    [
        "We met in the middle of the month, early on, late in the day.",
        "The Watergate tapes came up in history.",
    ],
)
def test_parts_of_days_and_words_after_numbers_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize(
    "text",
    [
        "Hi can u help. Im a TA and a little boy in my class told me",
        "one of them is her bf and he's 22. Ive told her I have to pass it on. ive told her too",
        "Wales, kinship. I'm the child's Nain. The SW says I can't tell the school",
        "Compassion fatigue in the team for this mum, which isn't fair on her",
        'He told his teacher, in English, "Mami’s friend smacks me"',
    ],
)
def test_contractions_articles_and_words_for_mum_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


def test_a_contraction_before_a_capital_may_be_a_name(anonymiser: Anonymiser) -> None:
    assert names_found(anonymiser, "Mr Im Ji-hoon came in today.") == ["Im Ji-hoon"]


@pytest.mark.parametrize(
    "text",
    [
        "Who is the Caldicott Guardian for the trust?",
        "Shared with: the Named Midwife for Safeguarding. The named nurse agreed.",
        "Mum is Filipina and works as a nurse.",
        "Macmillan have been involved since mum's diagnosis.",
        "bromley MASH ok'd it, EH 2 call mum l8r",
        "Midwife says the unborn baby will need a pre-birth assessment.",
    ],
)
def test_questions_roles_services_and_modals_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


def test_a_name_that_is_a_modal_before_a_speech_verb_still_goes(anonymiser: Anonymiser) -> None:
    assert names_found(anonymiser, "dad will said so") == ["will"]
    assert names_found(anonymiser, "mum Shona works at the pharmacy") == ["Shona"]


def test_a_centile_a_measure_moved_from_is_no_day(anonymiser: Anonymiser) -> None:
    assert_unchanged(anonymiser, "Dropped from the 25th to the 2nd centile over 3 months.")
    text = "from the 9th to the 14th she stayed with nan"
    assert covered(anonymiser, text, "the 9th", "DATE")


# The review's cases (round 8): each reproduced, then fixed.
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # Names and initials that text-speak, acronym heads or owners must not hide.
        ("BC said she was scared to go home.", "BC"),
        ("Ting said she was scared of her stepdad.", "Ting"),
        ("KB positive for cannabis on the swab.", "KB"),
        ("Police did a safe and well check on JM last night.", "JM"),
        ("Spoke with her KB about the incident.", "KB"),
        ("Legend (6) attends nursery.", "Legend"),
        ("Tiger's been excluded again.", "Tiger"),
        # Postcode districts with "area" after them.
        ("Dad lives in the ST4 area now.", "ST4"),
        ("They are in the EH1 area.", "EH1"),
        ("reviewed by sgt T. Ward - fine", "T"),
        ("she was drinking in the car park on mill lane", "mill lane"),
    ],
)
def test_the_reviews_identifiers_go(anonymiser: Anonymiser, text: str, secret: str) -> None:
    assert covered(anonymiser, text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "Child found wandering on busy road at night, then on the ring road and on back lane.",
        "Visited 10 Oak Road, Baby in cot and settled.",
        "Scaling: 2/10 worried, 5/10 ok, 7/10 happy at the end.",
        "Scores: 2/5 attendance, 3/5 behaviour, 4/5 engagement. SDQ: 4/10 emotional, 6/10 conduct",
        "mum is waiting for bariatric surgery and a paeds clinic, then an ortho clinic",
        "a sen school and an ebd school",
        "went to uncle\nPolice attended later that night.",
        "Contact with nanny Sundays only. Went to nan Easter weekend.",
        "Dad and grandad Both attended.",
        "his ds Minecraft and the pc Fortnite",
        "room 12 at the local hotel",
        "He has 3 Colgate toothbrushes at dads.",
    ],
)
def test_the_reviews_clean_sentences_stay(anonymiser: Anonymiser, text: str) -> None:
    found = anonymiser.anonymise(text).findings
    # (An address before the comma may go; nothing after it, nor anything else.)
    assert all(text[f.start : f.end] == "10 Oak Road" for f in found), [
        (f.entity, text[f.start : f.end]) for f in found
    ]


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        (
            "She's at Tower View Sixth Form. Police and CSC together?",
            "Tower View Sixth Form",
            "SCHOOL",
        ),
        ("mw is Bethan at Hillcrest birth centre", "Hillcrest birth centre", "HEALTH_SETTING"),
        ("a party at Al-Noor community hall on the 14th", "Al-Noor community hall", "ORG"),
    ],
)
def test_a_sixth_form_a_birth_centre_and_a_hall_by_name(
    anonymiser: Anonymiser, text: str, secret: str, kind: str
) -> None:
    assert covered(anonymiser, text, secret, kind)


def test_kinds_of_them_and_a_towns_family_hub_stay(anonymiser: Anonymiser) -> None:
    assert_unchanged(anonymiser, "She is in the sixth form. He goes to a birth centre.")
    assert_unchanged(anonymiser, "Swindon's Family Hub team will allocate.")


@pytest.mark.parametrize(
    "text",
    [
        "Midwife, Welsh-speaking area. Woman booked at 10 weeks.",
        "The Age Assessment team will do a Merton-compliant assessment. Sky-high DASH score.",
        "housing have offered a flat 40 miles away",
        "the learning from the review said agencies weren't talking to each other",
    ],
)
def test_describing_compounds_distances_and_each_other_stay(
    anonymiser: Anonymiser, text: str
) -> None:
    assert_unchanged(anonymiser, text)


def test_a_flat_with_its_building_still_goes(anonymiser: Anonymiser) -> None:
    assert covered(anonymiser, "lives at flat 4 Oak Court now", "flat 4 Oak Court", "ADDRESS")
