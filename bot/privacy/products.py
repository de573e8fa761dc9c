"""Brands and products are not people: "Nike trainers", "a Red Bull", "cans of Stella",
"vaping a Lost Mary", "Calpol and Piriton" (``words/brands.txt``).

A brand stays a name where only a person fits: after a title or a cue ("Mr McDonald", "known
as Stella") and in a person slot ("Stella said", "Zara is 4"). A brand that is also a first
name in the lists (Stella, Zara, Nike) is the brand only next to a word for a thing bought
("Zara coat", "cans of Stella") or after "a"/"an"; "with Stella" stays a name.
"""

from bot.privacy.context import Context
from bot.privacy.lexicon import BRANDS, POSSESSED, PRODUCT_NOUNS, ambiguous, listed
from bot.privacy.person_slots import lower_case_subject, subject
from bot.privacy.tokens import fold, is_capitalised

_ARTICLES = frozenset(["a", "an"])


def names_a_product(c: Context, i: int) -> bool:
    """Word `i` is (in) a brand's name and nothing makes it a person."""
    word = c.tokens[i]
    if c.in_brand_phrase(i):
        pass
    elif word.possessive and c.phrase_word(i) in BRANDS:  # "McDonald's", not "McDonald's mum"
        if c.next_word(i) in POSSESSED:
            return False
    elif fold(word.text) in BRANDS:
        if listed(word.text) and not ambiguous(word.text) and not _next_to_a_product_word(c, i):
            return False
    else:
        return False
    return not _person_slot(c, i)


def _person_slot(c: Context, i: int) -> bool:
    if c.after_title(i) or c.after_cue(i):
        return True
    if is_capitalised(c.tokens[i].text):
        return subject(c, i)
    return lower_case_subject(c, i)


def _next_to_a_product_word(c: Context, i: int) -> bool:
    """ "Nike trainers", "a Zara coat", "cans of Stella", "a Stella"; not "Zara's coat"."""
    word, before, after = c.tokens[i], c.prev(i), c.next(i)
    if word.possessive:
        return False
    if after is not None and c.gap(word, after) == " " and after.text.lower() in PRODUCT_NOUNS:
        return True
    if before is None or c.gap(before, word) != " ":
        return False
    lower = before.text.lower()
    if lower in _ARTICLES:
        return True
    container = c.prev(i - 1)
    return lower == "of" and container is not None and container.text.lower() in PRODUCT_NOUNS
