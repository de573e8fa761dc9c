"""Person-name detection that works offline.

A capitalised or all-caps word is a name when it is in Faker's person-name lists (a maintained
list shipped in a PyPI package), unless it is also a common English word (``name_words.txt``) or a
word of this domain (``words/not_names.txt``): then it needs context. Context rules also catch
names no list has: after a title ("Mrs Okafor"), after "called"/"named"/"known as", before "'s
mum", initials ("J.S.", "JS"), surnames after a first name, and every word already found in this
dialog. Every name found carries the name of the rule that found it (``name_rules.py``).
"""

from collections.abc import Callable
from dataclasses import dataclass

from bot.privacy.context import Context
from bot.privacy.lexicon import (
    ACRONYMS,
    FUNCTION_WORDS,
    LONGEST_NAME,
    NOT_NAMES,
    SPEECH_VERBS,
    WORD_NAMES,
    common_words,
    listed,
    name_list,
    ordinary,
    slips,
)
from bot.privacy.name_rules import (
    NO_RULE,
    REMEMBERED,
    SAME_TEXT,
    SLIP,
    SPELLED_OUT,
    SURNAME,
    deciding_rule,
    joins_found,
)
from bot.privacy.person_slots import not_a_word, unknown_word
from bot.privacy.tokens import Word, fold, is_capitalised, normalise

__all__ = ["NameFinder", "Verdict", "Word", "name_list", "normalise"]


@dataclass(frozen=True)
class Verdict:
    """What the rules made of one word: ``rule`` found it (``is_name``) or turned it down."""

    word: Word
    rule: str
    is_name: bool

    @property
    def text(self) -> str:
        return self.word.text

    @property
    def start(self) -> int:
        return self.word.start

    @property
    def end(self) -> int:
        return self.word.end


class NameFinder:
    """Finds name words in a text; ``remembered`` tells whether a word was seen in the dialog."""

    def __init__(self, remembered: Callable[[str], bool], has_memory: bool = True) -> None:
        self._remembered = remembered
        self._has_memory = has_memory

    def find(self, text: str) -> list[Verdict]:
        """The words found as names, in text order, each with the rule that found it."""
        return [v for v in self.explain(text) if v.is_name]

    def explain(self, text: str) -> list[Verdict]:
        """Every word of the text with the rule that found it or turned it down."""
        c = Context(text)
        verdicts: dict[int, Verdict] = {}
        found: dict[int, Verdict] = {}
        for i, word in enumerate(c.tokens):
            rule = deciding_rule(c, i)
            verdicts[i] = Verdict(word, rule.name, rule.is_name)
            if rule.is_name:
                found[i] = verdicts[i]
        _extend_surnames(c, found)
        _extend_around(c, found)
        seen = {normalise(v.text) for v in found.values()}
        self._spelled_out(c, found, seen)
        slipped: dict[str, bool] = {}
        for i, word in enumerate(c.tokens):
            key = normalise(word.text)
            if i not in found and len(key) > 1 and key not in FUNCTION_WORDS:
                forms = _forms(key)
                if any(form in seen for form in forms):
                    found[i] = Verdict(word, SAME_TEXT, True)
                elif self._has_memory and any(self._remembered(form) for form in forms):
                    found[i] = Verdict(word, REMEMBERED, True)
                elif _may_be_slip(key):
                    if key not in slipped:
                        slipped[key] = any(
                            slip in seen or (self._has_memory and self._remembered(slip))
                            for slip in slips(key)
                        )
                    if slipped[key]:
                        found[i] = Verdict(word, SLIP, True)
        verdicts.update(found)
        return [verdicts.get(i, Verdict(w, NO_RULE, False)) for i, w in enumerate(c.tokens)]


    def _spelled_out(self, c: Context, found: dict[int, Verdict], seen: set[str]) -> None:
        """ "Femi F E M I", "Z A R A Zara": a run of single letters that spells a name found in
        this text or remembered in the dialog."""
        tokens, i = c.tokens, 0
        while i < len(tokens):
            j = i
            while (
                j < len(tokens)
                and len(tokens[j].text) == 1
                and tokens[j].text.isalpha()
                and (j == i or c.gap(tokens[j - 1], tokens[j]) == " ")
            ):
                j += 1
            if j - i >= 3:
                key = normalise("".join(t.text for t in tokens[i:j]))
                if key in seen or (self._has_memory and self._remembered(key)):
                    for k in range(i, j):
                        found[k] = Verdict(tokens[k], SPELLED_OUT, True)
            i = max(j, i + 1)


# Rules that find a name owning what follows it, without an apostrophe.
_OWNERS = frozenset(
    [
        "lower-case owner without an apostrophe",
        "lower-case owner of a person",
        "lower-case family",
        "plural or possessive of a listed name",
    ]
)


def _extend_lower_case_surname(c: Context, found: dict[int, Verdict], i: int) -> None:
    j = i + 1
    if j >= len(c.tokens) or j in found or c.gap(c.tokens[i], c.tokens[j]) != " ":
        return
    if "." in c.tokens[i].text:  # "j.t. said": initials stand for the whole name
        return
    if found[i].rule in _OWNERS:  # "tasnims best friend": what follows an owner is owned
        return
    word = c.tokens[j].text
    folded = fold(word)
    # "jordan smith": a surname that is also a word, but not a function or field word.
    surname_word = folded in common_words() and not (
        folded in FUNCTION_WORDS or folded in NOT_NAMES or folded in WORD_NAMES
    )
    if (
        word.islower()
        and (listed(word) or (len(word) >= 4 and unknown_word(word)))
        and (surname_word or not ordinary(folded))
        and folded not in SPEECH_VERBS
        and not c.tokens[i].possessive
    ):
        found[j] = Verdict(c.tokens[j], SURNAME, True)


# The longest word looked at for slips: its slips are about 13 times its length in number, each
# as long as it, so without a cap one long token cost time in the square of its length.
_LONGEST_SLIP = LONGEST_NAME


def _may_be_slip(key: str) -> bool:
    """A word long enough, and no word of the language, to be a misspelt name."""
    return 5 <= len(key) <= _LONGEST_SLIP and not_a_word(key)


def _forms(key: str) -> list[str]:
    """The word and, for "kaylees" or "the Tadesses", the name it may be the plural or
    possessive of (no apostrophe)."""
    if key.endswith("s") and len(key) > 4:
        return [key, key[:-1]]
    return [key]


def _extend_around(c: Context, found: dict[int, Verdict]) -> None:
    """First names before a found surname ("from Sagal Mohamud's"), names listed with a found
    name ("Abdullah, Layan and Youssef") and a nickname in brackets ("Funmilayo (Funmi)"). Each
    rule looks only at a word's neighbours, so only the neighbours of a word just found need
    another look (a pass over every word per word found would be quadratic in a long run of
    capitalised words)."""
    pending = list(range(len(c.tokens)))
    while pending:
        j = pending.pop()
        if j in found:
            continue
        rule = joins_found(c, found.keys(), j)
        if rule is not None and not c.welsh_word(j):  # not "Mae" of "Mae Rhodri yn ..."
            found[j] = Verdict(c.tokens[j], rule, True)
            pending += [
                k for k in (j - 2, j - 1, j + 1, j + 2) if 0 <= k < len(c.tokens) and k not in found
            ]


def _patronymic(c: Context, j: int) -> bool:
    """Word `j` is the Welsh "ap"/"ab" (son of) before a capitalised name."""
    tokens = c.tokens
    return (
        tokens[j].text in ("ap", "ab")
        and j + 1 < len(tokens)
        and c.gap(tokens[j - 1], tokens[j]) == " "
        and c.gap(tokens[j], tokens[j + 1]) == " "
        and is_capitalised(tokens[j + 1].text)
        and not tokens[j - 1].possessive
    )


def _extend_surnames(c: Context, found: dict[int, Verdict]) -> None:
    """A capitalised word right after a found name is its surname ("Jay Kowalczyk"), and so is
    a listed lower-case one after a lower-case name ("tadesse haile")."""
    tokens = c.tokens
    for i in sorted(found):
        if tokens[i].text.islower():
            _extend_lower_case_surname(c, found, i)
            continue
        j = i + 1
        while j < len(tokens) and j not in found:
            nxt, cur = tokens[j], tokens[j - 1]
            after = tokens[j + 1].text if j + 1 < len(tokens) else ""
            # "Liam Foster pushed" is a surname, "Liam Foster Carer" is not.
            domain_word = nxt.text.lower() in NOT_NAMES and not (
                listed(nxt.text) and not is_capitalised(after)
            )
            if _patronymic(c, j):  # "Elis ap Dafydd", "Rhodri ab Owain"
                found[j] = Verdict(nxt, SURNAME, True)
                found[j + 1] = Verdict(tokens[j + 1], SURNAME, True)
                j += 2
                continue
            if (
                cur.possessive
                or c.gap(cur, nxt) != " "
                or not is_capitalised(nxt.text)
                or domain_word
                or nxt.text.lower() in ACRONYMS
            ):
                break
            found[j] = Verdict(nxt, SURNAME, True)
            j += 1
