"""Typed replies: the words practitioners use, and what they mean."""

from __future__ import annotations

import re

import pytest

from dialogs.engine import Move
from dialogs.replies import HINT, Command, parse_reply


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("yes", Move.YES),
        ("Y", Move.YES),
        ("  Yes. ", Move.YES),
        ("yes!", Move.YES),
        ("no", Move.NO),
        ("n", Move.NO),
        ("NO", Move.NO),
        ("not sure", Move.NOT_SURE),
        ("Not Sure", Move.NOT_SURE),
        ("not_sure", Move.NOT_SURE),
        ("unsure", Move.NOT_SURE),
        ("don't know", Move.NOT_SURE),
        ("Don’t know", Move.NOT_SURE),  # a phone's curly apostrophe
        ("dont know", Move.NOT_SURE),
        ("idk", Move.NOT_SURE),
        ("?", Move.NOT_SURE),
        ("not sure?", Move.NOT_SURE),
        ("back", Move.BACK),
        ("go back", Move.BACK),
        ("restart", Move.RESTART),
        ("start again", Move.RESTART),
        ("advice sought", Move.ADVICE_SOUGHT),
        ("help", Command.HELP),
        ("Why am I asked this?", Command.HELP),
        ("quit", Command.QUIT),
        ("exit", Command.QUIT),
        ("emergency", Command.EMERGENCY),
        ("999", Command.EMERGENCY),
        ("pause", Command.PAUSE),
    ],
)
def test_words_and_synonyms(text: str, meaning: Move | Command) -> None:
    assert parse_reply(text) == meaning


@pytest.mark.parametrize("text", ["", "   ", "banana", "yes please share it", "yess", "nob"])
def test_unknown_words_mean_nothing(text: str) -> None:
    assert parse_reply(text) is None


def test_no_word_means_two_things() -> None:
    from dialogs import replies

    words = [word for group in replies._SYNONYMS.values() for word in group]
    assert len(words) == len(set(words))


def test_hint_is_one_line_naming_the_answers() -> None:
    assert "\n" not in HINT
    for word in ("yes", "no", "not sure", "back", "help"):
        assert word in HINT


@pytest.mark.parametrize("text", ["ok", "OK", "okay", "Ok."])
def test_an_acknowledgement_is_not_taken_as_yes(text: str) -> None:
    assert parse_reply(text) is None


@pytest.mark.parametrize("text", ["resume", "Carry on", "carry on.", "continue"])
def test_resume_words_mean_resume(text: str) -> None:
    assert parse_reply(text) is Command.RESUME


def test_every_word_the_bot_asks_the_practitioner_to_type_works() -> None:
    """Words a template shows as *typed* (after "type", "reply" or "or") mean something."""
    from pathlib import Path

    import bot.text

    templates = Path(bot.text.__file__).parent / "templates"
    asked: set[str] = set()
    for path in templates.glob("*.j2"):
        if path.name.startswith("preview_"):  # the terminal's preview reads its own words
            continue
        for sentence in re.findall(r"(?:[Tt]ype|[Rr]eply|[Aa]nswer)[^.:]*", path.read_text()):
            asked.update(re.findall(r"\*([a-z](?:[a-z ]*[a-z])?)\*", sentence))
    assert {"yes", "no", "not sure", "resume", "carry on", "pause", "start"} <= asked
    assert [word for word in sorted(asked) if parse_reply(word) is None] == []
