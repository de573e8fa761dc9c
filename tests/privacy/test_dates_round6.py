"""Round six of the dates (issue 8): classes of dates the training text showed missed.

Each class is tested on sentences written for this file, with clean sentences beside it for the
near misses the class must not take: counts, scores, versions, times, fractions, durations.
"""

import pytest

from bot.privacy.anonymiser import Anonymiser
from tests.privacy.findings import assert_unchanged


def _dated(anonymiser: Anonymiser, text: str, secret: str) -> bool:
    """Every letter and digit of `secret` in `text` lies inside a DATE finding."""
    findings = [f for f in anonymiser.anonymise(text).findings if f.entity == "DATE"]
    start = text.index(secret)
    spots = [i for i in range(start, start + len(secret)) if text[i].isalnum()]
    return all(any(f.start <= i < f.end for f in findings) for i in spots)


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # A day and month opening the items of a chronology or a list.
        (
            "Timeline: 02.11 moved to nan's; 15.11 school raised nits; 28.11 seen by GP",
            ("02.11", "15.11", "28.11"),
        ),
        ("Log for the term: 6/1 late again; 9/1 no PE kit; 21/1 upset at home time", ("6/1",)),
        ("• 07.03 rang mum • 12.03 home visit, no answer", ("07.03", "12.03")),
        # The other end of a range, a time or not between.
        ("absent from school 12/2 08:45 - 14/2 15:00 with no reason given", ("14/2",)),
        ("she stayed at her aunt's 20.12 to 02.01 over the holidays", ("20.12", "02.01")),
        # A day and month after a word of when or of an event.
        ("three exclusions this year, latest 11/6", ("11/6",)),
        ("A&E attendance 30.10 with a cut hand", ("30.10",)),
        ("she disclosed 5/9 to her form tutor", ("5/9",)),
        ("the landlord gave s21 notice 3/10 and she panicked", ("3/10",)),
        ("two missed appointments, DNA 8/2 and again 15/2", ("8/2",)),
        # Days listed after one a word has dated.
        ("missed school on 4/11, 11/11, 18/11 and 25/11", ("11/11", "18/11")),
        # Ordinals listed, and a bare ordinal ending its clause.
        ("he was off the 3rd, 4th and 7th without a note", ("the 3rd, 4th and 7th",)),
        ("home visits 2nd & 9th, both no answer", ("2nd & 9th",)),
        ("see incident log 2213 of 27th", ("27th",)),
        ("referral came in on 2nd March and the strategy was 4th.", ("4th",)),
        ("HV appointment 23rd, letter sent", ("23rd",)),
        ("core group done, RCPC 11th and review 25th.", ("11th", "25th")),
        # The day of a month named only by this, next or last.
        ("the tenancy ends on the 28th of next month", ("the 28th of next month",)),
        ("court is the third of this month", ("the third of this month",)),
        # Weeks of a month, the weekend or week of a day.
        ("not seen since the 3rd week of March", ("the 3rd week of March",)),
        ("back at school from the first wk of Nov", ("the first wk of Nov",)),
        ("they are away the weekend of the 21st with dad", ("the weekend of the 21st",)),
        # A season, a term or a feast with its year; months of a year.
        ("the move happened in the autumn of 2022", ("the autumn of 2022",)),
        ("no contact since spring term 2024", ("spring term 2024",)),
        ("they went to Bangladesh at Christmas 2023", ("Christmas 2023",)),
        ("records for Oct-Jan 24 requested", ("Oct-Jan 24",)),
        ("placement from March to July 2022", ("March to July 2022",)),
        # A feast that a day is counted from.
        ("they fly out the day after Eid", ("Eid",)),
        ("off school for eid, back on the 14th", ("eid",)),
        ("fasting all through Ramadan 2025", ("Ramadan 2025",)),
        ("the family were in Lagos summer 22.", ("summer 22",)),
        # "sat", "sun", "wed" after a clock time or ending a clause after an object.
        ("picked up by police 3am wed near the canal", ("wed",)),
        ("found 1.30am sun outside the chippy", ("sun",)),
        ("last seen sat 21:30ish near the bus station", ("sat 21:30ish",)),
        ("mum's partner pushed him sat, he says", ("sat",)),
        ("nan says she saw it sun.", ("sun",)),
        ("the 12 year old went missing sat, found sun", ("sat",)),
        ("social worker can visit Sat or Mon", ("Sat",)),
        # Welsh weekdays after "nos" with their mutation, and listed.
        ("Mae hi'n aros gyda dad nos Fercher.", ("nos Fercher",)),
        ("Dim ysgol Mercher a Gwener yr wythnos hon.", ("Mercher a Gwener",)),
        ("Roedd e gyda'i dad nos Lun.", ("nos Lun",)),
        # A date of birth said number by number.
        ("dob is oh nine one one twenty ten, ring back", ("oh nine one one twenty ten",)),
        ("born twelve oh two oh seven according to nan", ("twelve oh two oh seven",)),
        ("D O B two six oh one two oh one five", ("two six oh one two oh one five",)),
    ],
)
def test_round_six_dates(anonymiser: Anonymiser, text: str, secrets: tuple[str, ...]) -> None:
    for secret in secrets:
        assert _dated(anonymiser, text, secret), secret


@pytest.mark.parametrize(
    "clean",
    [
        # Scores, fractions and counts in a list.
        "Spelling 6/10; reading 9/10; maths 7/10 this week.",
        "Marks: 4/5; 3/5; 5/5 across the quizzes.",
        "He attended 3/4 sessions; 1/4 he refused.",
        "About 2/3 of the group completed the course.",
        "Scores: 6/10, 7/10, 9/10 on the mock papers.",
        "Section 20 agreed for 2/3 children.",
        "Targets: 2/3 met; 1/3 not met yet.",
        "Session plan: 1.1 introductions; 1.2 feelings; 1.3 keeping safe.",
        "Dose 1/2 tablet; 1/4 at night if needed.",
        # Counts by ordinals.
        "This is the 2nd referral in a year.",
        "It was the 1st time she had told anyone.",
        "He has had a 3rd DNA at the dentist.",
        "Weight is on the 2nd centile.",
        "Her 1st and 2nd children live with their dad.",
        "The 2nd and 3rd floors are closed for repairs.",
        "She came 1st in the spelling bee and her brother was 2nd.",
        "He finished 2nd and 3rd in the two races.",
        "The twins are 3rd and 4th in the family.",
        "Rent is due on the 1st of each month.",
        "The first week of a new placement is the hardest.",
        "The 2nd week of the course covers attachment.",
        "The 2nd visit went better than the 1st.",
        "In summer 12 children joined the club.",
        # Versions, rooms, times, measures, money, percentages, ages.
        "Version 3.10 of the form; 4.2 is due out later.",
        "Arrived at 10.05; left at 11.10 after the review.",
        "Her BMI went from 18.9 to 17.8 over the summer.",
        "Attendance is 88.4% this term; last term it was 91%.",
        "Arrears stand at £14.50 a week.",
        "She is 13 and her brother is 10.",
        # The field's labels and durations.
        "She is in Form 7 and on Tier 2 support.",
        "The s47 enquiry was agreed at the strategy discussion.",
        "She is 9/52 pregnant and booked late.",
        "Signed off work for 3/7 with a chest infection.",
        "The 0-19 service will pick this up.",
        # Verbs and the sun.
        "At 2pm sat with mum to go through the plan.",
        "At noon sun was out so they played in the garden.",
        "She sat. Then she cried.",
        "They sat in the sun.",
        "They walked home in the setting sun.",
        "EID checks were done by the border officer.",
        "Mum sat nav broke so she was late.",
        # Seasons and feasts with no year.
        "In the summer she plays out a lot.",
        "She moved from Tier 2 to Tier 3 in the spring term.",
    ],
)
def test_round_six_clean_sentences(anonymiser: Anonymiser, clean: str) -> None:
    assert_unchanged(anonymiser, clean)
