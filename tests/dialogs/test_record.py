"""What each outcome requires the practitioner to record."""

from __future__ import annotations

import pytest

from dialogs.model import OutcomeKind
from dialogs.record import (
    SHORT_LIMIT,
    TEXT_LIMIT,
    Consent,
    DecisionFields,
    Informed,
    LawfulBasis,
    SpecialCategory,
    problems,
    required_fields,
)

FULL_SHARE = DecisionFields(
    reasons="risk of neglect",
    information="attendance concerns",
    shared_with="school nurse",
    lawful_basis=LawfulBasis.PUBLIC_TASK,
    consent=Consent.NOT_SOUGHT_RISK,
    informed=Informed.NO_RISK,
    special_category=SpecialCategory.NONE,
)


@pytest.mark.parametrize("kind", list(OutcomeKind))
def test_every_outcome_requires_reasons(kind: OutcomeKind) -> None:
    assert "reasons" in required_fields(kind)
    assert "reasons" in problems(kind, DecisionFields())


def test_sharing_requires_what_with_whom_and_why() -> None:
    for kind in (OutcomeKind.SHARE, OutcomeKind.SHARE_WITHOUT_CONSENT):
        assert set(required_fields(kind)) >= {
            "information",
            "shared_with",
            "lawful_basis",
            "special_category",
        }
        assert problems(kind, FULL_SHARE) == {}


def test_advice_sought_requires_who_was_asked() -> None:
    assert problems(OutcomeKind.ADVICE_SOUGHT, DecisionFields(reasons="unsure")) == {
        "advice_from": "Please fill in: advice from."
    }


def test_text_limits() -> None:
    ok = DecisionFields(reasons="r" * TEXT_LIMIT, shared_with="s" * SHORT_LIMIT)
    assert problems(OutcomeKind.DO_NOT_SHARE, ok) == {}
    long = DecisionFields(reasons="r" * (TEXT_LIMIT + 1), shared_with="s" * (SHORT_LIMIT + 1))
    assert set(problems(OutcomeKind.DO_NOT_SHARE, long)) == {"reasons", "shared_with"}


def test_fields_round_trip() -> None:
    assert DecisionFields.from_dict(FULL_SHARE.to_dict()) == FULL_SHARE
    assert DecisionFields.from_dict({}) == DecisionFields()
    assert FULL_SHARE.text_fields() == {
        "reasons": "risk of neglect",
        "information": "attendance concerns",
        "shared_with": "school nurse",
    }
