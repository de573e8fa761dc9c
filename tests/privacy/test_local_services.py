"""Local authorities, their services and the field's local acronyms are not people (clean text
is left alone), while a person of the same name, or initials, in a person's place is still
removed."""

import pytest

from bot.privacy.anonymiser import Anonymiser
from tests.privacy.findings import assert_unchanged, names_found

# Councils, counties, police force and health areas that are also in the names lists, as the
# authority or in a service's name; several words, lower case, abbreviations.
LOCAL_AREAS = [
    "Kent's Levels of Need guidance says level 3, so it's going to Early Help.",
    "Barnet MASH and the Barnet 0-19 Early Help Hub have both had the information.",
    "Camden MASH advised a Prevent referral, so I've contacted the Camden Prevent coordinator.",
    "Kent and Medway ICB designated nurse gave advice.",
    "Telford & Wrekin Family Connect: referral accepted.",
    "Is the threshold guide the same for Torbay and Devon?",
    "The SARC for Avon and Somerset saw her, police aware.",
    "North East and North Cumbria ICB designated nurse asked for a copy of the rationale.",
    "Shared with Newham's Children and Young People's Services front door.",
    "The Luton Early Help Assessment was started by the family support worker.",
    "Perinatal mental health team in Devon have taken her on.",
    "AfC front door in Kingston took it.",
    "merton MASH said its a CIN",
    "Pembs said ring back tomorrow.",
    "Lewisham MASH want us at the strategy meeting, the Met's South East BCU will chair it.",
    "Redcar and Cleveland's Multi-Agency Children's Hub too.",
    "Windsor and Maidenhead Achieving for Children front door has been informed.",
    "The Blackburn with Darwen front door said use the Pan-Lancashire Continuum of Need.",
]

# Local services' names whose words are in the names lists.
LOCAL_SERVICES = [
    "Kent Integrated Children's Services Front Door accepted the referral.",
    "Derbyshire Starting Point took the referral.",
    "Shared with the Norfolk MASH and the Just One Norfolk health visiting team.",
    "Midlands Partnership University NHS FT health visitors have been invited.",
    "Torbay MASH and the Torbay and South Devon NHS FT 0-19 team both informed.",
]

# Acronyms of local bodies and services, also where a person could stand, and capitals
# before a word a body takes.
LOCAL_ACRONYMS = [
    "KCC front door said they'll screen by tomorrow.",
    "WYP safeguarding unit want the DSL log by close of play.",
    "NWP said they'll do a joint visit with Children's Services.",
    "CRT said it sits at level 3 on the Continuum of Need.",
    "rang CASS, 40 min wait, gave up, did the online form",
    "MARU said it's an early help thing and sent it to the Early Help Hub.",
    "CTM UHB safeguarding team gave advice.",
    "Manchester Youth Justice Service and GMP's Integrated Offender Management team are involved.",
    "ChAD said ring the police if he's seen near the house.",
    "LLR ICB designated doctor gave advice on the medical.",
    "Hampshire's SEN team and the Children's Reception Team are both in the loop.",
    "The XQZ team will pick it up.",
]


@pytest.mark.parametrize("text", LOCAL_AREAS + LOCAL_SERVICES + LOCAL_ACRONYMS)
def test_local_bodies_are_left_alone(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)


@pytest.mark.parametrize("text", LOCAL_AREAS + LOCAL_SERVICES + LOCAL_ACRONYMS)
def test_the_rules_alone_leave_them_alone(rules_only: Anonymiser, text: str) -> None:
    assert_unchanged(rules_only, text)


# The same words where only a person fits.
PEOPLE = [
    ("Mrs Kent rang about the bruise.", ["Kent"]),
    ("Kent said he was scared to go home.", ["Kent"]),
    ("Devon (aged 7) disclosed at school.", ["Devon"]),
    ("Kent and Devon Smith were seen at home.", ["Kent", "Devon Smith"]),
    ("I told Kingston about the referral.", ["Kingston"]),
    ("Devon's mum was upset at pick-up.", ["Devon"]),
    ("JRT said she was hit with a belt.", ["JRT"]),
    ("spoke to KIRSTY today", ["KIRSTY"]),
    ("Chloe BRADSHAW had visible injury to left cheek.", ["Chloe BRADSHAW"]),
    ("MUSTAFA family moved from Thornaby.", ["MUSTAFA"]),
    ("mum LAM Siu Fong, concern re dad", ["LAM Siu Fong"]),
    ("KAYLEE'S brother came instead.", ["KAYLEE"]),
]


@pytest.mark.parametrize(("text", "names"), PEOPLE)
def test_a_person_of_the_same_name_is_still_removed(
    anonymiser: Anonymiser, rules_only: Anonymiser, text: str, names: list[str]
) -> None:
    for each in (anonymiser, rules_only):
        found = names_found(each, text)
        for name in names:
            assert any(name in f for f in found), (name, found)


def test_a_town_of_a_council_is_still_a_place_on_its_own(rules_only: Anonymiser) -> None:
    """Only the council's name in full is the council's: the town alone is still a place."""
    text = "Mum moved to Redcar last month."
    assert rules_only.anonymise(text).text == "Mum moved to [PLACE] last month."
