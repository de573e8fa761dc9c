"""What a decision record holds, and which parts each outcome requires.

Golden rule 7: record the decision and the reasons, whether or not you share; if you share,
what, with whom and for what purpose. The ICO adds the justification and whether consent was
sought. Every free-text field is anonymised by the adapter before it is stored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from enum import StrEnum

from dialogs.model import OutcomeKind


class LawfulBasis(StrEnum):
    PUBLIC_TASK = "public_task"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    LEGITIMATE_INTERESTS = "legitimate_interests"
    CONSENT = "consent"
    CONTRACT = "contract"
    NOT_PERSONAL = "not_personal"

    @property
    def label(self) -> str:
        return _LABELS[self]


class Consent(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    NOT_SOUGHT_RISK = "not_sought_risk"
    NOT_SOUGHT_OTHER = "not_sought_other"
    NOT_NEEDED = "not_needed"
    NOT_RELIED_ON = "not_relied_on"

    @property
    def label(self) -> str:
        return _LABELS[self]


class SpecialCategory(StrEnum):
    """Special category (or criminal offence) data, and the condition it is shared under."""

    # Values unlike any other choice's: the labels share one table keyed by value.
    NONE = "none_included"
    SAFEGUARDING = "dpa_sch1_para18"
    LAW_ENFORCEMENT = "dpa_sch8_para4"
    EXPLICIT_CONSENT = "art9_explicit_consent"
    VITAL_INTERESTS = "art9_vital_interests"
    OTHER = "art9_other"

    @property
    def label(self) -> str:
        return _LABELS[self]


class Informed(StrEnum):
    YES = "yes"
    NO_RISK = "no_risk"
    NO_NOT_YET = "no_not_yet"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[StrEnum, str] = {
    LawfulBasis.PUBLIC_TASK: "Public task (UK GDPR 6(1)(e))",
    LawfulBasis.LEGAL_OBLIGATION: "Legal obligation (UK GDPR 6(1)(c))",
    LawfulBasis.VITAL_INTERESTS: "Vital interests (UK GDPR 6(1)(d))",
    LawfulBasis.LEGITIMATE_INTERESTS: "Legitimate interests (UK GDPR 6(1)(f))",
    LawfulBasis.CONSENT: "Consent (UK GDPR 6(1)(a))",
    LawfulBasis.CONTRACT: "Contract (UK GDPR 6(1)(b))",
    LawfulBasis.NOT_PERSONAL: "None needed: not personal information",
    Consent.GIVEN: "Sought and given",
    Consent.REFUSED: "Sought and refused",
    Consent.NOT_SOUGHT_RISK: "Not sought: asking would increase the risk of harm",
    Consent.NOT_SOUGHT_OTHER: "Not sought: another reason (see reasons)",
    Consent.NOT_NEEDED: "Not needed (not personal or not confidential)",
    Consent.NOT_RELIED_ON: "Not needed: another lawful basis (e.g. a child at risk)",
    SpecialCategory.NONE: "None included",
    SpecialCategory.SAFEGUARDING: "Included: safeguarding (DPA 2018 Sch. 1 para 18)",
    SpecialCategory.LAW_ENFORCEMENT: "Included, police: law enforcement (DPA 2018 Sch. 8 para 4)",
    SpecialCategory.EXPLICIT_CONSENT: "Included: explicit consent (UK GDPR 9(2)(a))",
    SpecialCategory.VITAL_INTERESTS: "Included: vital interests (UK GDPR 9(2)(c))",
    SpecialCategory.OTHER: "Included: another condition (say which in the reasons)",
    Informed.YES: "Yes, the person knows it was shared",
    Informed.NO_RISK: "No: telling them would create or increase the risk of harm",
    Informed.NO_NOT_YET: "Not yet (will be told)",
    Informed.NOT_APPLICABLE: "Not applicable",
}

# Counted as typed. Escaped (`&` becomes `&amp;`), anonymised and quoted, the summary can grow
# about fivefold; it is split across sections, and tests/bot/test_blocks.py checks that the
# worst case of every field still fits one audit message and one preview.
TEXT_LIMIT = 1500
SHORT_LIMIT = 200


@dataclass(frozen=True)
class DecisionFields:
    # In the order a summary shows them.
    reasons: str = ""
    information: str = ""
    shared_with: str = ""
    purpose: str = ""
    requested_by: str = ""
    lawful_basis: LawfulBasis | None = None
    consent: Consent | None = None
    informed: Informed | None = None
    advice_from: str = ""
    advice_given: str = ""
    next_steps: str = ""
    special_category: SpecialCategory | None = None

    def to_dict(self) -> dict[str, str]:
        return {key: str(value) for key, value in asdict(self).items() if value}

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> DecisionFields:
        return cls(
            **{name: data.get(name, "") for name in FREE_TEXT},
            lawful_basis=LawfulBasis(data["lawful_basis"]) if data.get("lawful_basis") else None,
            consent=Consent(data["consent"]) if data.get("consent") else None,
            informed=Informed(data["informed"]) if data.get("informed") else None,
            special_category=(
                SpecialCategory(data["special_category"]) if data.get("special_category") else None
            ),
        )

    def text_fields(self) -> dict[str, str]:
        """The free-text fields: the ones the anonymiser must see."""
        return {name: getattr(self, name) for name in FREE_TEXT if getattr(self, name)}


FREE_TEXT = (
    "reasons",
    "information",
    "shared_with",
    "purpose",
    "requested_by",
    "advice_from",
    "advice_given",
    "next_steps",
)
FIELD_LABELS = {
    "reasons": "Reasons",
    "information": "Information (what, or what kind)",
    "shared_with": "Shared with (agency or role)",
    "purpose": "Purpose of sharing",
    "requested_by": "Requested by (agency or role)",
    "lawful_basis": "Lawful basis",
    "consent": "Consent",
    "informed": "Person informed",
    "advice_from": "Advice sought from (role)",
    "advice_given": "What they advised",
    "next_steps": "What happens next",
    "special_category": "Special category data (Article 9 condition)",
}
# Free text that may run long; the rest are a line each.
LONG_TEXT = ("reasons", "advice_given", "next_steps")
assert set(FIELD_LABELS) == {field.name for field in fields(DecisionFields)}
assert len(_LABELS) == sum(map(len, (LawfulBasis, Consent, Informed, SpecialCategory)))


def required_fields(outcome: OutcomeKind) -> tuple[str, ...]:
    if outcome.shares:
        return (
            "reasons",
            "information",
            "shared_with",
            "purpose",
            "lawful_basis",
            "special_category",
            "consent",
            "informed",
        )
    if outcome is OutcomeKind.ADVICE_SOUGHT:
        return ("advice_from", "advice_given", "next_steps")
    return ("reasons",)


def wanted_fields(outcome: OutcomeKind) -> tuple[str, ...]:
    """Fields asked for at this outcome, in the form's order: the required ones plus useful
    optional ones. Not sharing: who asked for it, not who got it. Advice: who was asked,
    what they said, what happens next, then what the doubt was."""
    if outcome is OutcomeKind.DO_NOT_SHARE:
        return ("reasons", "requested_by", "information")
    if outcome is OutcomeKind.ADVICE_SOUGHT:
        return (*required_fields(outcome), "reasons")
    return required_fields(outcome)


def problems(outcome: OutcomeKind, record: DecisionFields) -> dict[str, str]:
    """Field name -> a friendly message, for every field that is missing or too long."""
    found: dict[str, str] = {}
    for name in required_fields(outcome):
        if not getattr(record, name):
            found[name] = f"Please fill in: {FIELD_LABELS[name].split(' (')[0].lower()}."
    for name in FREE_TEXT:
        limit = TEXT_LIMIT if name in LONG_TEXT else SHORT_LIMIT
        length = len(getattr(record, name))
        if length > limit:
            found[name] = (
                f"This is {length} characters; please keep it under {limit}. "
                "Your case record can hold the detail."
            )
    return found
