"""Classes of clean text the anonymiser once altered, each left alone as a class, beside the
names in the same shapes that it must still remove."""

import pytest

from bot.privacy.anonymiser import Anonymiser, _sure_not_identifying
from bot.privacy.tagger import Span
from tests.privacy.findings import assert_unchanged, names_found

# A possessive before a medical noun is a condition, in lower case too; so is a hyphenated
# eponym of two or more people.
CONDITIONS = [
    "The boy has Down's syndrome and uses Makaton signs at school.",
    "Bell's palsy explains the droop of her face.",
    "Addison's disease means his steroid card goes on every trip.",
    "Cushing's syndrome is being ruled out before anyone calls it neglect.",
    "Sydenham's chorea may explain the sudden movements.",
    "Wilms' tumour was treated when she was three.",
    "Hirschsprung's disease needs stoma care during the school day.",
    "Fabricated illness, once called Munchausen's by proxy, was considered and ruled out.",
    "Maslow's hierarchy came up in supervision.",
    "Ehlers-Danlos is suspected, so the bruising needs a paediatric opinion.",
    "Guillain-Barré recovery means he uses a wheelchair this term.",
    "Legg-Calvé-Perthes is why she limps.",
    "Stevens-Johnson reaction to the new tablets, seen in hospital.",
    "What's the difference between a strategy meeting and a strategy discussion?",
    "There's been no contact since the summer.",
]

# A place or person's name followed by the noun of an agency names the agency; so do the
# Welsh health boards, with or without "University Health Board".
AGENCIES = [
    "Kent Police have asked for the chronology.",
    "Devon and Cornwall Police want the welfare log.",
    "Thames Valley Police and Avon and Somerset Constabulary were both informed.",
    "Newport Children's Services are leading the assessment.",
    "Leeds Community Healthcare will follow it up.",
    "Bristol First Response took the referral.",
    "Nottingham City MASH screened it the same day.",
    "Swansea Bay health board safeguarding team gave advice.",
    "Cardiff and Vale University Health Board safeguarding service gave advice.",
    "Hywel Dda health visiting team know the family.",
    "Betsi Cadwaladr safeguarding children team asked for a copy.",
    "Shared with: Kent Police",
]

# Tools, scales, apps and field acronyms.
TOOLS = [
    "The Whooley questions were positive at booking.",
    "The Hollie Guard app was recommended by the police.",
    "The Ask for ANI codeword scheme was explained to mum.",
    "ASQ-3 at 24 months was below the cut-off; the ASQ:SE-2 was within range.",
    "EPDS of 14, GAD-7 of 12 and PHQ-9 of 16.",
    "DASH RIC completed with mum, MARAC referral made.",
    "PEP review held with the virtual school.",
    "LADO consulted, internal HR process instead.",
    "Who do I ring out of hours, is it EDT or the police?",
    "Head injury, CT normal, explanation consistent.",
    "YOS requested school reports.",
    "MMR and preschool booster outstanding.",
    "BMI dropped to 15.8 over the term.",
    "PPN submitted and shared with MASH.",
    "EMIS record updated and the safeguarding code added.",
    "Attendance pulled from SIMS and Arbor.",
    "Discussed at the MACE meeting.",
    "DC from CAIT asked for the records.",
    "The NICE guideline on bruising in non-mobile babies applies.",
]

# A word of the language starting a short reply, before a comma.
REPLIES = [
    "Ok, I'll ring the MASH now.",
    "Done, referral form submitted.",
    "Fine, but record the time you rang.",
    "Self-harm, shared with parent and GP.",
    "Q: What does the traffic light tool say? A: Green, age appropriate, no sharing needed.",
]

# Brands, products, shops, drinks and medicines (words/brands.txt), a brand that is also a first
# name next to a word for a thing bought.
BRANDS = [
    "She had a Burger King bag and a can of Monster Energy when she came in.",
    "Three empty bottles of Smirnoff and a Strongbow crate by the bin.",
    "Dad says he buys Aptamil but the tin in the cupboard was empty.",
    "He owes the older lads for a Canada Goose coat and some Trapstar joggers.",
    "Gaviscon and Infacol tried for the reflux, GP to review.",
    "Cans of Stella in the fridge, no other alcohol seen.",
    "She wants a Zara top for her birthday.",
    "Mum orders from Uber Eats most nights.",
    "Found a Geek Bar and Rizla papers in his blazer pocket.",
    "He was given Nando's vouchers by a man he met online.",
]
# A setting's kind followed by a word for a method, a document or a service; a police force's
# unit; a town before "Approach"; public helplines.
METHODS = [
    "We used the Bradford Practice Framework to structure the plan.",
    "The Hampshire Practice Standards say a manager signs it off.",
    "Staffordshire school nursing team will see him in clinic.",
    "Humber Teaching NHS FT school nursing service have been told.",
    "Cheshire Constabulary's Vulnerable Persons unit were told.",
    "West Midlands Police's Child Abuse Investigation unit rang back.",
    "Dad found the Solihull Approach helpful.",
    "Rape Crisis can be reached on 0808 500 2222 at any hour.",
    "The NSPCC whistleblowing advice line, 0800 028 0285, was given to the staff member.",
]

# Lower-case words of the language or the field in a names list, contractions without their
# apostrophe, laws named after people in lower case, words for a person starting a sentence.
WORDS = [
    "Booked in at 12 weeks, nil concerns raised by mum.",
    "the duty rota was short so the visit moved",
    "Para 3 of the protocol covers this.",
    "her tone changed when dad came in",
    "teacher said to ring the office before 9",
    "wheres the form for a referral to early help",
    "asked about sarah's law and was told no",
    "Patient is 16 and wants it kept confidential.",
    "Youngster disclosed that he was scared to go home.",
    "Cousins were staying over at the weekend.",
    "The HVs and two SWs met at the hub.",
    "Non-verbal, so the visit used pictures.",
    "Post-natal depression was diagnosed in March.",
    "Ok ta",
    "Nah not yet",
    "Dyfed-Powys Police and Essex Constabulary's missing team were told.",
    "St Mungo's Trust outreach workers found him sleeping out.",
    "Karma Nirvana gave advice on the honour-based abuse concern.",
    "Grantham and District NHS FT health visitors were told.",
]

# Case-note shorthand for a relative (maternal grandmother, paternal grandfather, great-
# grandparents) is a role, not a person's initials.
KINSHIP = [
    "Home visit, MGM also there.",
    "PGF collects him from school on Fridays.",
    "MGGM and PGM both came to the review.",
    "mgm present throughout",
]

CLEAN_CLASSES = CONDITIONS + AGENCIES + TOOLS + REPLIES + BRANDS + METHODS + WORDS + KINSHIP


# The learned tagger still takes these for a setting (its screen keeping "... Trust" spans
# cost quasi-identifier recall on the training text).
_TAGGER_TAKES_FOR_A_SETTING = {"St Mungo's Trust outreach workers found him sleeping out."}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            text,
            marks=pytest.mark.xfail(strict=True, reason="the learned tagger takes it for a school"),
        )
        if text in _TAGGER_TAKES_FOR_A_SETTING
        else text
        for text in CLEAN_CLASSES
    ],
)
def test_clean_text_of_these_classes_is_left_alone(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize("text", CLEAN_CLASSES)
def test_the_rules_alone_leave_it_alone(rules_only: Anonymiser, text: str) -> None:
    assert_unchanged(rules_only, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a possessive before other lower-case nouns stays a person's
        ("Jasleen's bedroom was cold.", "Jasleen"),
        ("Vorlessa's review is due.", "Vorlessa"),
        ("Mr Ehlers-Danlos rang.", "Ehlers-Danlos"),
        # a name before a lower-case "police", or a name then an agency in a list
        ("Kayden police came round again.", "Kayden"),
        ("Spoke to Tyler, Kent Police were there.", "Tyler"),
        # "questions" after a name without "the" is asking the person
        ("I asked Tyler questions about the bruise.", "Tyler"),
        # a name before a comma and an age, a date of birth or more names
        ("Skye, 4 months, seen today.", "Skye"),
        ("Charlie, aged 3, was found wandering.", "Charlie"),
        ("Ruby, DOB unknown, presented at A&E.", "Ruby"),
        ("Amara, can you ring me back?", "Amara"),
        # "Sims" and "Cait" in ordinary case stay names
        ("Jordan Sims said he was scared.", "Jordan Sims"),
        ("Cait said she was scared.", "Cait"),
        # a name after "spoke to", a law's namesake owning a relative, a name in a person slot
        ("spoke to grace after school", "grace"),
        ("sarah's mum rang the school", "sarah"),
        ("Kai disclosed he was scared.", "Kai"),
        ("Mr Booker rang the office.", "Booker"),
        ("Ex-partner Tyler Hussain rang.", "Tyler Hussain"),
        ("Pre-school staff said Amira was hungry.", "Amira"),
        # a brand that is also a name, where a person fits
        ("Stella said the bottles were hers.", "Stella"),
        ("Walked home with Zara after school.", "Zara"),
        ("Zara's coat was wet through.", "Zara"),
        ("Mr Nandos came to the door.", "Nandos"),
        ("Calpol was given by Mrs Peroni.", "Peroni"),
        ("Kayden McDonald's mum rang.", "Kayden McDonald"),
        # a relative's name beside the shorthand for the relative
        ("Oksana Melnyk (MGM) was present.", "Oksana Melnyk"),
        ("PGF Tadesse Haile attended.", "Tadesse Haile"),
    ],
)
def test_names_in_the_same_shapes_are_still_removed(
    rules_only: Anonymiser, text: str, name: str
) -> None:
    assert name in names_found(rules_only, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Daisy, Ivy and Jasmine were off school.", {"Daisy", "Ivy", "Jasmine"}),
        ("Lola, Mia and Ellis Grant are on plans.", {"Lola", "Mia", "Ellis Grant"}),
    ],
)
def test_a_list_of_names_at_the_start_is_still_removed(
    rules_only: Anonymiser, text: str, words: set[str]
) -> None:
    assert words <= set(names_found(rules_only, text))


@pytest.mark.parametrize(
    ("text", "entity", "removed"),
    [
        ("They moved to 4 Bramley Approach in May.", "ADDRESS", "4 Bramley Approach"),
        ("He attends Oakfield Primary School in year 3.", "SCHOOL", "Oakfield Primary School"),
        ("The Oakfield school nurse saw her on Monday.", "SCHOOL", "Oakfield school"),
        ("Seen at Elm Tree Practice by the GP.", "HEALTH_SETTING", "Elm Tree Practice"),
        ("She attends St Mungo's and is in year 2.", "SCHOOL", "St Mungo"),
        ("They moved to Boston and District last year.", "PLACE", "Boston"),
        # Freephone (080) numbers are no household's (the public-number rule); a geographic one is.
        ("Dad's number is 0161 496 0223.", "PHONE", "0161 496 0223"),
    ],
)
def test_settings_and_numbers_in_the_same_shapes_are_still_removed(
    rules_only: Anonymiser, text: str, entity: str, removed: str
) -> None:
    findings = rules_only.anonymise(text).findings
    assert any(f.entity == entity and removed in text[f.start : f.end] for f in findings)


@pytest.mark.parametrize(
    ("text", "entity", "phrase", "dropped"),
    [
        # every word a local area, an agency or a local service: the tagger's span goes
        ("South Tyneside Integrated Safeguarding Hub logged it.", "SCHOOL", "Tyneside", True),
        ("Front Door Leeds say the cluster team should lead.", "SCHOOL", "Front Door", True),
        ("Cheshire East's ChECS team gave advice.", "NAME", "Cheshire East", True),
        # a brand is no person but may be a workplace
        ("Dad works nights at Nandos now.", "ORG", "Nandos", False),
        ("Dad said Nandos gave him a shift.", "NAME", "Nandos", True),
        # where a person fits, the rules found a name and turned nothing down
        ("Nandos said she could start on Monday.", "NAME", "Nandos", False),
        # a word the rules did not turn down keeps the span
        ("He goes to Tameside Youth Club on Fridays.", "ORG", "Tameside Youth Club", False),
    ],
)
def test_a_tagger_span_the_rules_are_sure_of_is_dropped(
    rules_only: Anonymiser, text: str, entity: str, phrase: str, dropped: bool
) -> None:
    start = text.index(phrase)
    turned_down = rules_only.rule_findings(text, frozenset()).turned_down
    span = Span(entity, start, start + len(phrase))
    assert _sure_not_identifying(text, turned_down)(span) is dropped
