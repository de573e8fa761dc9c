"""Round 2 of issue 8: name shapes the rules missed and words they wrongly took for names."""

import pytest

from bot.privacy.anonymiser import Anonymiser
from tests.privacy.findings import names_found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Spoke to Gethin ap Rhys about the bruise.", "Gethin ap Rhys"),
        ("Abdirisaq said he was hungry.", "Abdirisaq"),
        ("Joy told staff she was cold.", "Joy"),
        ("r.j. said he was scared of his uncle.", "r.j."),
        ("brandann was late again.", "brandann"),
        ("Police say big J drives the older boys about.", "big J"),
    ],
)
def test_name_shapes_are_found(anonymiser: Anonymiser, text: str, name: str) -> None:
    assert names_found(anonymiser, text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "NNU were told before the transfer.",
        "Seen at the LGI with a UTI.",
        "Conwy asked for the chronology.",
        "Uncle lives in Karachi.",
        "A blue Qashqai was parked outside.",
        "I've told the school.",
        "He keeps goin out at night.",
        "Mae'r plentyn yn byw gyda ei nain.",
        "Read the story in the Sun.",
        "Use e.g. the DASH form.",
    ],
)
def test_field_words_are_not_names(anonymiser: Anonymiser, text: str) -> None:
    assert names_found(anonymiser, text) == []
