"""Typed replies (in a DM or a terminal) and the moves or commands they mean."""

from __future__ import annotations

import re
from enum import StrEnum

from dialogs.engine import Move


class Command(StrEnum):
    """Typed words that are not engine moves."""

    HELP = "help"
    QUIT = "quit"
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    EMERGENCY = "emergency"


_SYNONYMS: dict[Move | Command, tuple[str, ...]] = {
    # Only clear words: "ok" is how people acknowledge a message, not an answer to a question.
    Move.YES: ("yes", "y", "yeah", "yep", "yup", "correct", "aye"),
    Move.NO: ("no", "n", "nope", "nah"),
    Move.NOT_SURE: (
        "not sure",
        "not_sure",
        "notsure",
        "unsure",
        "don't know",
        "dont know",
        "do not know",
        "idk",
        "no idea",
        "not certain",
        "maybe",
        "unclear",
        "?",
    ),
    Move.BACK: ("back", "b", "undo", "previous", "go back"),
    Move.RESTART: ("restart", "start again", "start over", "reset"),
    Move.ADVICE_SOUGHT: ("advice sought", "advice_sought", "record advice", "advice"),
    Command.HELP: ("help", "h", "why", "explain", "what does this mean", "why am i asked this"),
    Command.QUIT: ("quit", "q", "exit", "stop", "bye"),
    Command.START: ("start", "hi", "hello", "hey", "begin", "new"),
    Command.PAUSE: ("pause", "later"),
    Command.RESUME: ("resume", "carry on", "continue", "go on"),
    Command.EMERGENCY: ("emergency", "danger", "999", "urgent"),
}
_WORDS = {word: meaning for meaning, words in _SYNONYMS.items() for word in words}
_PUNCTUATION = re.compile(r"[\s.!,;:]+")

HINT = "Please answer yes, no or not sure (or type back, restart, help or quit)."


def parse_reply(text: str) -> Move | Command | None:
    """The move or command a typed reply means, or None if it is not one we know."""
    words = _PUNCTUATION.sub(" ", text.lower().replace("’", "'")).strip()
    if len(words) > 1:
        words = words.rstrip("?").strip()
    return _WORDS.get(words)
