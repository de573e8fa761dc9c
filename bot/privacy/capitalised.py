"""Runs of capitalised words ("Our Lady of Lourdes RC", "Ashton under Hill"), the raw material of
the quasi-identifier rules, and what makes a run name one particular place."""

from bot.privacy.gazetteer import word_set
from bot.privacy.lexicon import ACRONYMS, FUNCTION_WORDS, TITLES

# One capitalised word: "Aidan's", "Ashby-de-la-Zouch", "McDonald's", "St.", "CE", "C of E".
CAP = (
    r"(?:C\s?of\s?E\b|(?:St|Mt)\.?(?=\s)|\p{Lu}[\p{Ll}\p{Lu}]*(?:[\-'’]\p{L}+)*(?:['’]s?)?"
    r"|\d+(?:st|nd|rd|th)\b)"
)
_JOIN = (
    r"(?:\s+(?:of|de|la|le|upon|on|under|in|y|yr|the)(?=\s+\p{Lu})"
    r"|\s+(?:and|&)(?=\s+(?:Infants?|Juniors?|Sons?|Daughters?|Co|Carry|Spa|Beauty)\b)"
    r"|(?<=\b(?:School|Academy|College|Centre))\s+(?:and|&|for)(?=\s+\p{Lu}))?"
)
# Up to eight words; the regex engine tries shorter runs when what follows needs it.
RUN = rf"{CAP}(?:{_JOIN}\s+{CAP}){{0,7}}"


def words_of(text: str) -> list[str]:
    return text.replace("’", "'").split()


def leading_trimmed(text: str, start: int, end: int) -> int:
    """The start of `text[start:end]` with leading openers and function words left out ("Her
    Oakfield Primary" starts at "Oakfield"); "the" stays, so "the Meadows estate" is one."""
    openers = word_set("openers")
    pos = start
    while pos < end and not text.startswith("Our Lady", pos):
        first = text[pos:end].split(maxsplit=1)[0]
        bare = first.lower().rstrip(",.;:")
        if bare == "the" or (bare not in openers and bare not in FUNCTION_WORDS):
            break
        pos += len(first)
        while pos < end and text[pos].isspace():
            pos += 1
    return pos


def distinctive(words: list[str], generic: frozenset[str]) -> bool:
    """Some word of the run names something particular: not a generic word of its kind, an
    acronym of the field, a title, an opener or a function word."""
    openers = word_set("openers")
    for word in words:
        whole = word.lower().replace("’", "'").strip(",.;:()")
        bare = whole.removesuffix("'s").removesuffix("'")
        if not bare or bare.isdigit() or {whole, bare} & generic:
            continue
        if bare in openers or bare in FUNCTION_WORDS or bare in ACRONYMS or bare in TITLES:
            continue
        return True
    return False
