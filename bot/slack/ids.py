"""Every action id, callback id, button value and modal metadata format, defined once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum

from dialogs.engine import Move, State


class Action(StrEnum):
    YES = "answer_yes"
    NO = "answer_no"
    NOT_SURE = "answer_not_sure"
    BACK = "back"
    RESTART = "restart"  # confirmed: "Yes, start again"
    RESTART_ASK = "restart_ask"  # "Start again" in the step's menu: asks first
    KEEP_ANSWERS = "keep_answers"
    MORE = "step_more"  # the step's overflow menu (back, start again, pause)
    ADVICE_SOUGHT = "advice_sought"
    HELP = "help"
    EMERGENCY = "emergency"
    PAUSE = "pause"
    RESUME = "resume"
    RECORD = "record_decision"
    START_NEW = "start_new"
    START_FRESH = "start_fresh"  # close the unfinished dialog met again, and start anew
    START = "start_decision"  # the App Home's Start button
    REVIEWED = "review_mark_reviewed"
    COMMENT = "review_add_comment"
    FOLLOW_UP = "review_needs_follow_up"
    # Asking a lead (bot/slack/listeners/advice.py).
    ASK_LEAD = "advice_ask_lead"
    WITHDRAW_ADVICE = "advice_withdraw"
    TAKE_ADVICE = "advice_take"
    ANSWER_ADVICE = "advice_answer"
    APPLY_ADVICE = "advice_apply"
    KEEP_ADVICE = "advice_keep"


#: The buttons on an audit post, for supervisors only.
REVIEW_ACTIONS = (Action.REVIEWED, Action.COMMENT, Action.FOLLOW_UP)


MOVES: dict[Action, Move] = {
    Action.YES: Move.YES,
    Action.NO: Move.NO,
    Action.NOT_SURE: Move.NOT_SURE,
    Action.BACK: Move.BACK,
    Action.RESTART: Move.RESTART,
    Action.ADVICE_SOUGHT: Move.ADVICE_SOUGHT,
}


class Callback(StrEnum):
    RECORD = "record_decision"
    PREVIEW = "preview_decision"
    COMMENT = "review_comment"
    FOLLOW_UP = "review_follow_up"
    ASK_LEAD = "advice_ask"
    SEND_ADVICE = "advice_send"
    ANSWER_ADVICE = "advice_answer"


# The preview's input for a word the anonymiser missed: its block id starts with the prefix.
MARK_BLOCK_PREFIX = "mark-missed-"
MARK_INPUT = "mark_missed"


_STEP_REF = re.compile(r"^(\d{1,12}):(\d{1,4}):([a-z0-9][a-z0-9-]{0,63})$")


@dataclass(frozen=True)
class StepRef:
    """Which step of which dialog a button belongs to: a stale button is recognised by it."""

    dialog_id: int
    answered: int  # how many answers the dialog had when the step was shown
    node: str

    @classmethod
    def of(cls, dialog_id: int, state: State) -> StepRef:
        return cls(dialog_id, len(state.answers), state.node)

    def is_current(self, dialog_id: int, state: State) -> bool:
        return self == StepRef.of(dialog_id, state)

    def encode(self) -> str:
        return f"{self.dialog_id}:{self.answered}:{self.node}"

    @classmethod
    def decode(cls, value: object) -> StepRef | None:
        match = _STEP_REF.match(value) if isinstance(value, str) else None
        if match is None:
            return None
        return cls(int(match.group(1)), int(match.group(2)), match.group(3))


@dataclass(frozen=True)
class MenuChoice:
    """An option of a step's overflow menu: the button it stands for, and that button's step."""

    action: Action
    step: str  # StepRef, encoded

    def encode(self) -> str:
        return f"{self.action.value} {self.step}"

    @classmethod
    def decode(cls, value: object) -> MenuChoice | None:
        action, _, step = value.partition(" ") if isinstance(value, str) else ("", "", "")
        try:
            return cls(Action(action), step)
        except ValueError:
            return None


@dataclass(frozen=True)
class PreviewRef:
    """The preview modal's metadata: the step it records and the digest of the draft it
    showed, so an older preview cannot confirm a newer draft."""

    step: StepRef
    draft: str

    def encode(self) -> str:
        return json.dumps({"ref": self.step.encode(), "draft": self.draft})

    @classmethod
    def decode(cls, value: object) -> PreviewRef | None:
        try:
            data = json.loads(value) if isinstance(value, str) else None
        except json.JSONDecodeError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("draft"), str):
            return None
        step = StepRef.decode(data.get("ref"))
        return None if step is None else cls(step, data["draft"])


_REVIEW_REF = re.compile(r"^(IS-\d{4}-\d{4,8}):(\d{1,6})$")


@dataclass(frozen=True)
class ReviewRef:
    """Which decision an audit post's button is about, and how many reviews the post showed:
    a double click, or Slack delivering the same click twice, names the same review."""

    reference: str
    seen: int

    def encode(self) -> str:
        return f"{self.reference}:{self.seen}"

    @classmethod
    def decode(cls, value: object) -> ReviewRef | None:
        match = _REVIEW_REF.match(value) if isinstance(value, str) else None
        return None if match is None else cls(match.group(1), int(match.group(2)))


@dataclass(frozen=True)
class NoteRef:
    """The comment and follow-up modals' metadata: the decision, and the audit post to update."""

    review: ReviewRef
    channel: str
    ts: str

    def encode(self) -> str:
        return json.dumps({"ref": self.review.encode(), "channel": self.channel, "ts": self.ts})

    @classmethod
    def decode(cls, value: object) -> NoteRef | None:
        try:
            data = json.loads(value) if isinstance(value, str) else None
        except json.JSONDecodeError:
            return None
        if not isinstance(data, dict):
            return None
        review, channel, ts = ReviewRef.decode(data.get("ref")), data.get("channel"), data.get("ts")
        if review is None or not isinstance(channel, str) or not isinstance(ts, str):
            return None
        return cls(review, channel, ts)


_ADVICE_REF = re.compile(r"^advice:(\d{1,12})$")


@dataclass(frozen=True)
class AdviceRef:
    """Which advice request a button, or the preview modal, is about."""

    request_id: int

    def encode(self) -> str:
        return f"advice:{self.request_id}"

    @classmethod
    def decode(cls, value: object) -> AdviceRef | None:
        match = _ADVICE_REF.match(value) if isinstance(value, str) else None
        return None if match is None else cls(int(match.group(1)))


@dataclass(frozen=True)
class AdviceAnswerRef:
    """The answer modal's metadata: the request, and the post in the advice channel."""

    advice: AdviceRef
    channel: str
    ts: str

    def encode(self) -> str:
        return json.dumps({"ref": self.advice.encode(), "channel": self.channel, "ts": self.ts})

    @classmethod
    def decode(cls, value: object) -> AdviceAnswerRef | None:
        try:
            data = json.loads(value) if isinstance(value, str) else None
        except json.JSONDecodeError:
            return None
        if not isinstance(data, dict):
            return None
        advice, channel, ts = AdviceRef.decode(data.get("ref")), data.get("channel"), data.get("ts")
        if advice is None or not isinstance(channel, str) or not isinstance(ts, str):
            return None
        return cls(advice, channel, ts)
