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
def test_lettered_parts_bands_and_codes_are_no_initials(
    anonymiser: Anonymiser, text: str
) -> None:
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
def test_named_settings_still_go(
    anonymiser: Anonymiser, text: str, secret: str, kind: str
) -> None:
    assert covered(anonymiser, text, secret, kind)
