"""What each outcome requires the practitioner to record."""

from __future__ import annotations

from dataclasses import replace

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
    wanted_fields,
)

FULL_SHARE = DecisionFields(
    reasons="risk of neglect",
    purpose="so social care can assess the risk",
    information="attendance concerns",
    shared_with="school nurse",
    lawful_basis=LawfulBasis.PUBLIC_TASK,
    consent=Consent.NOT_SOUGHT_RISK,
    informed=Informed.NO_RISK,
    special_category=SpecialCategory.NONE,
)


DECISIONS = [kind for kind in OutcomeKind if kind is not OutcomeKind.ADVICE_SOUGHT]


@pytest.mark.parametrize("kind", DECISIONS)
def test_every_decision_requires_reasons(kind: OutcomeKind) -> None:
    assert "reasons" in required_fields(kind)
    assert "reasons" in problems(kind, DecisionFields())


def test_sharing_requires_what_with_whom_and_for_what_purpose() -> None:
    for kind in (OutcomeKind.SHARE, OutcomeKind.SHARE_WITHOUT_CONSENT):
        assert set(required_fields(kind)) >= {
            "purpose",
            "information",
            "shared_with",
            "lawful_basis",
            "special_category",
        }
        assert problems(kind, FULL_SHARE) == {}
        assert problems(kind, replace(FULL_SHARE, purpose="")) == {
            "purpose": "Please fill in: purpose of sharing."
        }


def test_not_sharing_asks_who_requested_it_not_who_got_it() -> None:
    wanted = wanted_fields(OutcomeKind.DO_NOT_SHARE)
    assert "requested_by" in wanted and "shared_with" not in wanted
    assert required_fields(OutcomeKind.DO_NOT_SHARE) == ("reasons",)


def test_advice_sought_asks_who_was_asked_what_they_said_and_what_next() -> None:
    assert problems(OutcomeKind.ADVICE_SOUGHT, DecisionFields(reasons="unsure")) == {
        "advice_from": "Please fill in: advice sought from.",
        "advice_given": "Please fill in: what they advised.",
        "next_steps": "Please fill in: what happens next.",
    }
    # The doubt itself is optional: there is no decision yet to give reasons for.
    assert wanted_fields(OutcomeKind.ADVICE_SOUGHT)[-1] == "reasons"
    advice = DecisionFields(advice_from="DSL", advice_given="refer", next_steps="refer today")
    assert problems(OutcomeKind.ADVICE_SOUGHT, advice) == {}


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
        "purpose": "so social care can assess the risk",
        "information": "attendance concerns",
        "shared_with": "school nurse",
    }
