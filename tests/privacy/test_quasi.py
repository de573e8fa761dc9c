"""Quasi-identifiers (issue 8): schools, health settings, places, workplaces, vehicle
registrations and social handles go; agencies, generic settings, cities and countries stay."""

import pytest

from bot.privacy.anonymiser import Anonymiser
from bot.privacy.gazetteer import BIG_PLACE, large_area, settlement, settlements
from bot.text.rendering import render


@pytest.mark.parametrize(
    ("text", "entity", "secret"),
    [
        ("Class teacher at St Aidan's CE Primary rang.", "SCHOOL", "St Aidan's CE Primary"),
        ("He is in Year 5 at Rosewood Academy now.", "SCHOOL", "Rosewood Academy"),
        ("Sister attends Oakfield Nursery.", "SCHOOL", "Oakfield Nursery"),
        ("DSL from Ysgol Bryn Gwyn phoned.", "SCHOOL", "Ysgol Bryn Gwyn"),
        ("she goes to school at st marys, the dsl knows", "SCHOOL", "st marys"),
        ("attends brookside primary yr 3", "SCHOOL", "brookside primary"),
        ("Rosewood Academy DSL emailed", "SCHOOL", "Rosewood Academy"),
        ("moved up to Langley Park School for Girls", "SCHOOL", "Langley Park School for Girls"),
        ("Registered with Parkside Surgery since May.", "HEALTH_SETTING", "Parkside Surgery"),
        ("based at Elm Tree Medical Centre", "HEALTH_SETTING", "Elm Tree Medical Centre"),
        ("missed at the Ashby Health Centre", "HEALTH_SETTING", "the Ashby Health Centre"),
        ("registered at Meddygfa Tywyn", "HEALTH_SETTING", "Meddygfa Tywyn"),
        ("gp is castle street surgery", "HEALTH_SETTING", "castle street surgery"),
        ("Family live on the Meadows estate now.", "PLACE", "the Meadows estate"),
        ("on the meadows estate again", "PLACE", "meadows estate"),
        ("They now live in Haddon with nan.", "PLACE", "Haddon"),
        ("mum moved to Little Ouseburn in the summer", "PLACE", "Little Ouseburn"),
        ("Dad is originally from Treorchy.", "PLACE", "Treorchy"),
        ("The family are on the Beechwood site.", "PLACE", "the Beechwood site"),
        ("grans in abertillery most weekends", "PLACE", "abertillery"),
        ("Grandad lives near Ashby-de-la-Zouch.", "PLACE", "Ashby-de-la-Zouch"),
        ("lives in Street with her dad", "PLACE", "Street"),
        ("Mum works at Greggs in town.", "ORG", "Greggs"),
        ("dad works for Hartley Haulage and is away", "ORG", "Hartley Haulage"),
        ("She works in the kitchen at the Red Lion.", "ORG", "the Red Lion"),
        ("reg AB12 CDE seen", "VEHICLE_REG", "AB12 CDE"),
        ("van YK19XFT waits", "VEHICLE_REG", "YK19XFT"),
        ("black golf reg wf68 kpz at 3am", "VEHICLE_REG", "wf68 kpz"),
        ("a blue Corsa (P123 ABC) outside", "VEHICLE_REG", "P123 ABC"),
        ("insta: jaydenx_07", "SOCIAL_HANDLE", "jaydenx_07"),
        ("his snap is kaizzy22 and", "SOCIAL_HANDLE", "kaizzy22"),
        ("tiktok @ruby.rose.x has videos", "SOCIAL_HANDLE", "@ruby.rose.x"),
        ("His Xbox gamertag is ShadowRyder99.", "SOCIAL_HANDLE", "ShadowRyder99"),
        ("her insta is maddiexoxo", "SOCIAL_HANDLE", "maddiexoxo"),
        ("the car, YF 62 KLM, is dad's", "VEHICLE_REG", "YF 62 KLM"),
        ("Gran has them in Thurnscoe most weekends.", "PLACE", "Thurnscoe"),
        ("They're living on Beechwood now.", "PLACE", "Beechwood"),
        ("Hollybrook Primary's DSL rang.", "SCHOOL", "Hollybrook Primary"),
        ("yr 6 @ oakfield primary, mum ok", "SCHOOL", "oakfield primary"),
        ("registered at hill view surgey", "HEALTH_SETTING", "hill view surgey"),
        ("seen at Parkside Medical Center", "HEALTH_SETTING", "Parkside Medical Center"),
        ("Uncle runs Patel's Newsagents.", "ORG", "Patel's Newsagents"),
        ("Mum works at the Crown and Anchor.", "ORG", "the Crown and Anchor"),
        ("Dad takes them to Al-Noor Mosque.", "ORG", "Al-Noor Mosque"),
        ("He trains at Hollybank Boxing Club.", "ORG", "Hollybank Boxing Club"),
        ("They are in Haven House refuge.", "PLACE", "Haven House refuge"),
        ("Yr 9 at Brinsworth, disclosed to her tutor.", "SCHOOL", "Brinsworth"),
        ("He started at Kingsmead in May.", "SCHOOL", "Kingsmead"),
        ("He was taken to Seacroft Hospital.", "HEALTH_SETTING", "Seacroft"),
        ("Born at Leeds General Infirmary.", "HEALTH_SETTING", "Leeds General"),
        ("admitted to Ward 40 overnight", "HEALTH_SETTING", "40"),
        ("Baby is on the LGI neonatal unit.", "HEALTH_SETTING", "LGI"),
        ("Dad is now at the Becklin Centre.", "PLACE", "Becklin"),
        ("They now live in Haddon on Monday.", "PLACE", "Haddon"),
        ("Dad works at the kebab shop on Harehills Road.", "ORG", "Harehills"),
        ("They attend the gurdwara on Tong Road.", "ORG", "Tong"),
        ("Seen in the Morrisons car park at 1am.", "PLACE", "Morrisons"),
        ("staying in the Lovell Park flats", "PLACE", "Lovell"),
        ("found in the lay-by on the A64", "PLACE", "A64"),
        ("Mum wants to move back to Huddersfield.", "PLACE", "Huddersfield"),
        ("They live in Wakefield now.", "PLACE", "Wakefield"),
        ("Nan lives in Holme on Spalding Moor.", "PLACE", "Spalding"),
        ("Works at Sunrise Car Wash, Kirkstall.", "PLACE", "Kirkstall"),
        ("She has been messaging jaydenb_07 at night.", "SOCIAL_HANDLE", "jaydenb_07"),
        ("Placed in the Premier Inn on Wellington Street.", "ADDRESS", "Wellington"),
        ("Room 12, the Grange Hotel, Station Road.", "ADDRESS", "Grange"),
        ("They are in a B&B on Harrogate Road.", "ADDRESS", "Harrogate"),
    ],
)
def test_quasi_identifier_is_removed(
    anonymiser: Anonymiser, text: str, entity: str, secret: str
) -> None:
    result = anonymiser.anonymise(text)
    assert secret not in result.text
    assert f"[{entity}]" in result.text, result.text
    assert result.removed_summary().get(entity) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Referred to Children's Social Care via the MASH after the disclosure.",
        "The GP has been told; he was seen in A&E and kept in the hospital overnight.",
        "CAMHS closed the case; Early Help will offer a worker from the local authority.",
        "The police, the NSPCC, Childline and the Health Visiting service were told.",
        "The primary school has concerns; the nursery raised a bruise.",
        "The Virtual School head has been asked for advice about the PEP.",
        "The family moved to London last year and came to England from Poland.",
        "The family came from Manchester; the social worker from Cardiff Council is allocated.",
        "Rochdale Children's Services hold the plan; Barnsley MASH holds another.",
        "Referred to Heathfield MASH, then to Heathfield Children's Services.",
        "Housing offered a flat on a council estate; they live on a local authority site.",
        "Mum works for the NHS and dad works shifts at a warehouse.",
        "He is on Snapchat and TikTok and talks to people he does not know.",
        "She has an Instagram account her mum does not know about.",
        "The sexual health clinic and the walk-in centre both made referrals.",
        "The Children's Centre runs a baby group that mum used to attend.",
        "Reading and writing are below expectations; in March they were evicted.",
        "There is still hope; the bath water was too hot; he was found on the street.",
        "He was placed in a children's home in Leeds, then moved to Wales.",
        "The case moved to Early Help, then to Child Protection, then to Stage 2.",
        "Dad moved to Universal Credit; the family moved to Band A on the register.",
        "The interview was in Tigrinya; he is behind in Maths; it is logged in Mosaic.",
        "The Christmas school holidays were hard; he goes to the Polish Saturday school.",
        "The family attend church every Sunday; the Boxing Club coach saw bruising.",
        "Mum was offered a place in a Women's Aid refuge; the Youth Club closed early.",
        "Her insta is private and his snap is blocked.",
        "went to nursery late and was picked up from nursery by nan",
        "She attends Speech and Language Therapy; mum attends Alcoholics Anonymous.",
        "He is on a Child in Need plan; staff did Keeping Children Safe in Education.",
        "Good practice is to speak to the DSL first.",
        "Her father is still in Lagos; mum grew up in Gdansk.",
        "The Harbour Centre is a sexual assault referral centre.",
        "Wakefield children's services called; a referral to Wakefield followed.",
        "Baby is on the neonatal unit and was seen at the hospital.",
        "He was in year10 last year; see the chronology e.g. the entries in 2023.",
    ],
)
def test_agencies_generic_settings_and_big_places_stay(anonymiser: Anonymiser, text: str) -> None:
    assert anonymiser.anonymise(text).text == text


def test_a_school_is_remembered_later_in_the_text_and_the_dialog(
    anonymiser: Anonymiser, rules_only: Anonymiser
) -> None:
    first = anonymiser.anonymise("Jay is at Oakfield Primary; Oakfield rang twice.")
    assert "Oakfield" not in first.text
    # No school cue here ("teacher at oakfield" is one): only the memory can catch it.
    later = anonymiser.anonymise("oakfield rang to say he was scared.", first.known)
    assert "oakfield" not in later.text
    # Only the dialog that named it remembers it (the rules; the tagger may take a lower-case
    # word before "rang" for a name anyway).
    fresh = rules_only.anonymise("oakfield rang to say he was scared.")
    assert "oakfield" in fresh.text


def test_a_saints_school_is_one_school_not_a_name(anonymiser: Anonymiser) -> None:
    result = anonymiser.anonymise("Teacher at St Aidan's CE Primary raised it.")
    assert result.text == "Teacher at [SCHOOL] raised it."


def test_a_slack_mention_stays_a_slack_mention(anonymiser: Anonymiser) -> None:
    assert anonymiser.anonymise("shared with <@U04ABCD12>").text == "shared with [SLACK_MENTION]"


def test_the_gazetteer_knows_villages_and_tells_cities_from_them() -> None:
    assert len(settlements()) > 5000
    treorchy, leeds = settlement("Treorchy"), settlement("Leeds")
    assert treorchy is not None and treorchy.small
    assert leeds is not None and leeds.population >= BIG_PLACE and not leeds.small
    street = settlement("Street")
    assert street is not None and street.ordinary_word
    assert large_area("Kent") and large_area("Poland") and large_area("Lambeth")
    assert not large_area("Treorchy")


def test_the_preview_names_each_kind_in_words() -> None:
    shown = render("removed.j2", removed={"SCHOOL": 1, "PLACE": 2, "SOCIAL_HANDLE": 1})
    assert "1 social media name, 1 school, 2 places" in shown
