import pytest

from bot.privacy.escape import escape_slack


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<!channel> now", "&lt;!channel&gt; now"),
        ("ask <@U123>", "ask &lt;@U123&gt;"),
        ("<https://x|y>", "&lt;https://x|y&gt;"),
        ("A&E", "A&amp;E"),
        ("&lt; stays literal", "&amp;lt; stays literal"),
        ("<#C1|x> and <!subteam^S1>", "&lt;#C1|x&gt; and &lt;!subteam^S1&gt;"),
    ],
)
def test_control_characters_are_escaped(raw: str, escaped: str) -> None:
    assert escape_slack(raw) == escaped


@pytest.mark.parametrize("word", ["@channel", "@here", "@everyone", "@HERE"])
def test_plain_broadcast_words_cannot_notify(word: str) -> None:
    out = escape_slack(f"hi {word} please")
    assert word not in out
    assert out.replace("\u200b", "") == f"hi {word} please"


def test_no_raw_angle_brackets_survive() -> None:
    out = escape_slack("<<!here>> <@U1|name> & <mailto:a@b.c|x>")
    assert "<" not in out and ">" not in out
    assert "&amp;" in out
