"""Quasi-identifiers, round 3 (issue 8): a setting named by the slot it stands in (after a
health, hang-out or venue cue, in a form field, in lower case after a cue) or by a kind word in
lower case after its name; services, programmes, national employers and big places stay."""

import pytest

from bot.privacy.anonymiser import Anonymiser


@pytest.mark.parametrize(
    ("text", "entity", "secret"),
    [
        ("Dad preaches at Mount Zion church on Sundays.", "ORG", "Zion"),
        ("Gran is in the Elms nursing home now.", "ORG", "Elms"),
        ("Uncle drives for Pennine Aggregates quarry.", "ORG", "Pennine"),
        ("Carers are with Bright Horizons fostering agency.", "ORG", "Horizons"),
        ("They pray at Masjid Umar every Friday.", "ORG", "Umar"),
        ("She did work experience at Cafe Lumiere.", "ORG", "Lumiere"),
        ("The family attend Elim Church of God in Christ.", "ORG", "Elim"),
        ("He plays for Stanningley Rangers.", "ORG", "Stanningley"),
        ("Stepdad drinks at the Golden Fleece every night.", "ORG", "Fleece"),
        ("Mum volunteers at the Sunrise Kitchen on weekends.", "ORG", "Sunrise"),
        ("dad works at screwfix in the retail park", "ORG", "screwfix"),
        ("Employer: Haigh Joinery", "ORG", "Haigh"),
        ("Dad works at Patel's, Patel's have given him nights.", "ORG", "Patel"),
        ("The lads hang out at Rizwans after school.", "PLACE", "Rizwan"),
        ("they hang round the back of lidl", "PLACE", "lidl"),
        ("Police found them down the Cuckoo Steps at 2am.", "PLACE", "Cuckoo"),
        ("She goes up the Ridge with older boys.", "PLACE", "Ridge"),
        ("lives in wortley with her nan", "PLACE", "wortley"),
        ("He has been hanging round tinshill with older lads.", "PLACE", "tinshill"),
        ("He was rushed to the BRI with a head injury.", "HEALTH_SETTING", "BRI"),
        ("Mum was admitted to Lynfield Mount last night.", "HEALTH_SETTING", "Lynfield"),
        ("Baby was born at Furness General.", "HEALTH_SETTING", "Furness"),
        ("seen at tommys for the bleeding", "HEALTH_SETTING", "tommys"),
        ("registered at the kirkgate practice", "HEALTH_SETTING", "kirkgate"),
        ("taken to dewsbury hospital by ambulance", "HEALTH_SETTING", "dewsbury"),
        ("GP is Dr Okafor and Partners.", "HEALTH_SETTING", "Okafor"),
        ("She is on Ward 9 at the General.", "HEALTH_SETTING", "General"),
        ("YP seen at the walk-in at Guiseley for a cut.", "HEALTH_SETTING", "Guiseley"),
        ("yr 10 at prince henrys, attendance poor", "SCHOOL", "prince henrys"),
        ("She is at Moorlands in Year 2.", "SCHOOL", "Moorlands"),
        ("School: Co-op Academy Woodlands", "SCHOOL", "Woodlands"),
    ],
)
def test_a_setting_named_by_its_slot_is_removed(
    anonymiser: Anonymiser, text: str, entity: str, secret: str
) -> None:
    result = anonymiser.anonymise(text)
    assert secret.lower() not in result.text.lower(), result.text
    assert f"[{entity}]" in result.text, result.text


@pytest.mark.parametrize(
    "text",
    [
        "Dad works for Network Rail and mum works at the Job Centre.",
        "He works for the council and she works for the Post Office.",
        "She is applying for a job at Greggs.",
        "Dad works for himself; mum works at a school.",
        "He was taken to A&E and then admitted to PICU.",
        "Baby was born in Eritrea and came here via Italy.",
        "She was seen in clinic and taken to hospital.",
        "He plays for England under 16s and wants to play for Leeds United.",
        "Mum goes to the Freedom Programme and the food bank.",
        "They go to the mosque and the Eritrean church.",
        "The referral went to the Early Help Hub.",
        "Dad attended the Child Protection Conference with his solicitor.",
        "Mum attended Caring Dads and Strengthening Families.",
        "They met at the Family Hub for the review.",
        "The boys hang around the shops and the park.",
        "He went down South for work.",
        pytest.param(
            "Police found him at Leeds Station at midnight.",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the learned tagger takes it for a health setting: a clean false positive",
            ),
        ),
        "School: not in school",
        "Employer: self-employed",
        "GP: none registered",
        "registered at the same practice as her mum",
        "She volunteers with Barnardo's and Home-Start.",
        "The Trussell Trust foodbank gave them a parcel.",
    ],
)
def test_services_national_bodies_and_big_places_stay(anonymiser: Anonymiser, text: str) -> None:
    assert anonymiser.anonymise(text).text == text


def test_a_setting_named_by_its_slot_is_remembered_for_the_dialog(anonymiser: Anonymiser) -> None:
    first = anonymiser.anonymise("Mum was admitted to Lynfield Mount.")
    assert "Lynfield" not in first.text
    later = anonymiser.anonymise("Lynfield say she can go home on leave.", first.known)
    assert "Lynfield" not in later.text
