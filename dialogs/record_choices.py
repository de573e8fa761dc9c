"""Which record choices the path allows: a record must not contradict the answers given.

After "no consent" the record cannot say consent was given; after "it identifies someone" it
cannot say no lawful basis was needed. The questions that settle such things name their topic
(`asks_about`); every other question leaves the choices as they are.
"""

from __future__ import annotations

from dialogs.engine import State
from dialogs.model import Answer, Flow, Question, Topic
from dialogs.record import Consent, DecisionFields, Informed, LawfulBasis, SpecialCategory

Choice = LawfulBasis | Consent | Informed | SpecialCategory
ChoiceFields = dict[str, tuple[Choice, ...]]


def answers_by_topic(flow: Flow, state: State) -> dict[Topic, Answer]:
    said: dict[Topic, Answer] = {}
    for node_id, move in state.answers:
        node = flow.nodes.get(node_id)
        if isinstance(node, Question) and node.asks_about is not None:
            said[node.asks_about] = Answer(move)
    return said


def record_choices(flow: Flow, state: State) -> ChoiceFields:
    """Field name -> the options the record may offer on this path, in their usual order."""
    said = answers_by_topic(flow, state)
    return {
        "lawful_basis": tuple(_lawful_bases(said)),
        "special_category": tuple(_special_category(said)),
        "consent": tuple(_consent(said)),
        "informed": tuple(_informed(said)),
    }


def _lawful_bases(said: dict[Topic, Answer]) -> list[LawfulBasis]:
    if said.get(Topic.IDENTIFIABLE) is Answer.NO:
        return [LawfulBasis.NOT_PERSONAL]
    # "Not personal information" is the reason no basis is needed, so only after "identifies
    # no one"; consent cannot be the basis after "no consent".
    excluded = {LawfulBasis.NOT_PERSONAL}
    if said.get(Topic.CONSENT) is Answer.NO:
        excluded.add(LawfulBasis.CONSENT)
    return [basis for basis in LawfulBasis if basis not in excluded]


def _special_category(said: dict[Topic, Answer]) -> list[SpecialCategory]:
    if said.get(Topic.IDENTIFIABLE) is Answer.NO or said.get(Topic.SPECIAL_CATEGORY) is Answer.NO:
        return [SpecialCategory.NONE]
    if said.get(Topic.SAFEGUARDING_CONDITION) is Answer.YES:
        return [SpecialCategory.SAFEGUARDING, SpecialCategory.LAW_ENFORCEMENT]
    if said.get(Topic.SPECIAL_CATEGORY) is Answer.YES:
        return [item for item in SpecialCategory if item is not SpecialCategory.NONE]
    return list(SpecialCategory)


def _consent(said: dict[Topic, Answer]) -> list[Consent]:
    consent = said.get(Topic.CONSENT)
    if consent is Answer.YES:
        return [Consent.GIVEN]
    if said.get(Topic.IDENTIFIABLE) is Answer.NO:
        return [Consent.NOT_NEEDED]
    excluded = set()
    if consent is Answer.NO:
        excluded |= {Consent.GIVEN, Consent.NOT_NEEDED}
    if said.get(Topic.CONFIDENTIAL) is not Answer.NO:
        excluded.add(Consent.NOT_NEEDED)  # it was personal and, as far as we know, confidential
    return [item for item in Consent if item not in excluded]


def _informed(said: dict[Topic, Answer]) -> list[Informed]:
    engaged = said.get(Topic.INFORMED)
    if engaged is Answer.YES:
        return [item for item in Informed if item is not Informed.NO_RISK]
    if engaged is Answer.NO:
        return [item for item in Informed if item is not Informed.YES]
    return list(Informed)


def prefilled_choices(flow: Flow, state: State) -> dict[str, Choice]:
    """Field name -> the choice the path already settles, to show chosen (the practitioner
    may change it within what `record_choices` allows): the only choice left, or, after "it
    is not safe to tell them", that they were not told for that reason."""
    choices = record_choices(flow, state)
    settled: dict[str, Choice] = {
        name: options[0] for name, options in choices.items() if len(options) == 1
    }
    if answers_by_topic(flow, state).get(Topic.INFORMED) is Answer.NO:
        settled.setdefault("informed", Informed.NO_RISK)
    return settled


def inconsistent_fields(flow: Flow, state: State, record: DecisionFields) -> list[str]:
    """The chosen values this path does not allow (a stale form, or a typed value)."""
    choices = record_choices(flow, state)
    return [
        name
        for name, allowed in choices.items()
        if getattr(record, name) is not None and getattr(record, name) not in allowed
    ]
