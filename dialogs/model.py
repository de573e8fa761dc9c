"""The shape of a flow: questions, advice points and outcomes, as read from YAML."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Answer(StrEnum):
    """The three answers every question offers."""

    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"

    @property
    def label(self) -> str:
        return {"yes": "Yes", "no": "No", "not_sure": "Not sure"}[self.value]


class OutcomeKind(StrEnum):
    SHARE = "share"
    SHARE_WITHOUT_CONSENT = "share_without_consent"
    DO_NOT_SHARE = "do_not_share"
    ADVICE_SOUGHT = "advice_sought"

    @property
    def label(self) -> str:
        return {
            "share": "Share",
            "share_without_consent": "Share without consent",
            "do_not_share": "Do not share",
            "advice_sought": "Advice sought",
        }[self.value]

    @property
    def shares(self) -> bool:
        return self in (OutcomeKind.SHARE, OutcomeKind.SHARE_WITHOUT_CONSENT)


class Topic(StrEnum):
    """What a question settles for the record: its answer narrows the record's choices."""

    IDENTIFIABLE = "identifiable"
    CONFIDENTIAL = "confidential"
    CONSENT = "consent"
    LAWFUL_BASIS = "lawful_basis"
    SPECIAL_CATEGORY = "special_category"
    SAFEGUARDING_CONDITION = "safeguarding_condition"
    INFORMED = "informed"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Sourced(_Strict):
    # Whether a node's words are the source's own (`quoted`) or ours, based on it (`derived`);
    # `cites` names the part of the source it follows, e.g. "golden rule 3".
    source: Literal["quoted", "derived"] | None = None
    cites: str = ""


class Question(_Sourced):
    kind: Literal["question"]
    text: str
    plain: str = Field(
        default="",
        description="The question in plain English (our words); `text` keeps the source's "
        "wording, shown with the help",
    )
    short: str = Field(description="A few words naming the question, for summaries and diagrams")
    help: str
    answers: dict[Answer, str]
    asks_about: Topic | None = None

    @property
    def asked(self) -> str:
        """The words the practitioner is asked: the plain version where there is one."""
        return self.plain or self.text

    @field_validator("answers", mode="before")
    @classmethod
    def _yaml_booleans_are_answers(cls, value: Any) -> Any:
        # PyYAML reads a bare `yes:` / `no:` key as a boolean; accept it as the answer it meant.
        if not isinstance(value, dict):
            return value
        answers = {}
        for key, target in value.items():
            answer = _answer_key(key)
            if answer in answers:
                raise ValueError(f"the answer {answer!r} is given twice")
            answers[answer] = target
        return answers


def _answer_key(key: Any) -> Any:
    if key is True:
        return "yes"
    if key is False:
        return "no"
    return key


class Advice(_Sourced):
    kind: Literal["advice"]
    text: str
    ask: list[str] = Field(min_length=1, description="Who to ask, one role per item")
    reminder: str = Field(description="Describe the case without naming the child or family")
    record: str = Field(description="The advice-sought outcome node")


class Outcome(_Sourced):
    kind: Literal["outcome"]
    outcome: OutcomeKind
    title: str
    guidance: str
    safeguarding_reminder: str = Field(
        default="",
        description="At a do-not-share outcome: refer a child who may be at risk all the same",
    )
    checklist: bool = Field(
        default=False, description="Show the flow's share checklist at this outcome"
    )
    record: list[str] = Field(min_length=1, description="What must be recorded")


Node = Annotated[Question | Advice | Outcome, Field(discriminator="kind")]


class Emergency(_Strict):
    title: str
    text: str


class Flow(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: int = Field(ge=1)
    title: str
    source: str
    summary: str = ""
    superseded: str = Field(default="", description="What replaced this advice, if anything")
    start: str
    emergency: Emergency
    share_checklist: list[str] = Field(min_length=1)
    key_points: list[str] = Field(default_factory=list)
    nodes: dict[str, Node]

    def question(self, node_id: str) -> Question:
        node = self.nodes[node_id]
        if not isinstance(node, Question):
            raise KeyError(node_id)
        return node
