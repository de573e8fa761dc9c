"""Person slots: where the syntax around a word says it names a person, whatever the lists say
of the word ("Will was upset", "spoke to grace", "Grace and Faith Obi", "the Fenwicks")."""

from collections.abc import Container

import regex

from bot.privacy.context import Context
from bot.privacy.lexicon import (
    DEICTIC,
    FUNCTION_WORDS,
    NOT_NAMES,
    NOT_SLOT_NAMES,
    PERSON_BEFORE,
    PERSON_NOUNS,
    POSSESSED,
    SPEECH_VERBS,
    SPOKE_TO,
    WORD_NAMES,
    ambiguous,
    common_words,
    community_names,
    dropped_g,
    english_words,
    listed,
    may_be_subject,
    name_list,
    near_english,
    ordinary,
    respelt_name,
)
from bot.privacy.tokens import fold, is_all_caps, is_capitalised, parts


def lower_case_subject(c: Context, i: int) -> bool:
    """ "may has asked", "precious said", "said mason is with his dad": a listed word starting
    a clause in a person slot."""
    word = c.tokens[i].text
    return (
        c.starts_clause(i)
        and all(p in name_list() or respelt_name(p) for p in parts(word))
        and may_be_subject(word)
        and c.person_slot(i)
    )


def subject(c: Context, i: int) -> bool:
    """ "Will was upset", "Fartun disclosed", "Zarlasht is 16": a capitalised word in a person
    slot where a clause starts, whatever the lists say of it ("Safe in Education says" is
    not); an English word only where nothing but a person fits ("Justice was excluded")."""
    text = c.tokens[i].text
    if is_all_caps(text) or not c.starts_clause(i):
        return False
    if may_be_subject(text):
        return c.person_slot(_end_of_full_name(c, i))
    lower = fold(text)
    return (
        lower in english_words()
        and lower not in NOT_NAMES
        and lower not in PERSON_NOUNS  # "Teenager is 15"
        and lower not in FUNCTION_WORDS
        and lower not in DEICTIC
        and c.person_only_slot(i)
    )


def _end_of_full_name(c: Context, i: int) -> int:
    """The last word of "Tesfaldet Gebrehiwet": up to two more capitalised words that could be
    part of a name (no English or field word), so a slot after a full name is seen."""
    end = i
    while end - i < 2 and end + 1 < len(c.tokens):
        nxt = c.tokens[end + 1]
        if (
            c.tokens[end].possessive
            or c.gap(c.tokens[end], nxt) != " "
            or not is_capitalised(nxt.text)
            or is_all_caps(nxt.text)
            or not may_be_subject(nxt.text)
            or fold(nxt.text) in english_words()
        ):
            break
        end += 1
    return end


def plural_of_name(c: Context, i: int) -> bool:
    """ "the Fenwicks", "Dariuszs mum", "Florins car": a listed name with an "s", as a family
    or an owner (an owner even when the name is also a word)."""
    word = c.tokens[i]
    stem = word.text[:-1]
    if word.possessive or not word.text.endswith("s") or len(stem) < 3 or not listed(stem):
        return False
    if (
        c.next_word(i) in POSSESSED
        and may_be_subject(stem)
        and fold(stem) not in WORD_NAMES
        and unknown_word(fold(word.text))
    ):
        return True
    if ambiguous(stem) or ordinary(fold(stem)):
        return False
    prev = c.prev(i)
    return prev is not None and prev.text.lower() == "the"


def lower_case_owner(c: Context, i: int) -> bool:
    """ "shanices brother": a lower-case listed name with an "s" and no apostrophe, before a
    relation word."""
    word = c.tokens[i]
    stem = word.text[:-1]
    return (
        word.text.endswith("s")
        and len(stem) >= 4
        and unknown_word(word.text)
        and c.next_word(i) in POSSESSED
        and stem in name_list()
        and not ordinary(stem)
        and stem not in english_words()
        and not dropped_g(stem)
    )


def lower_case_family(c: Context, i: int) -> bool:
    """ "the karimis", "the lakatoses": a listed surname with an "s" or "es" after "the", typed
    in lower case, when neither it nor its stem is a word ("the greens", "the cases" stay)."""
    word = c.tokens[i].text
    prev = c.prev(i)
    if prev is None or prev.text.lower() != "the" or c.gap(prev, c.tokens[i]) != " ":
        return False
    if not word.endswith("s") or word.endswith("ss") or not not_a_word(word):
        return False
    if word in PERSON_NOUNS or word[:-1] in PERSON_NOUNS:  # "the mindees"
        return False
    stems = [word[:-1], *([word[:-2]] if word.endswith("es") else [])]
    return any(
        len(stem) >= 4
        and stem in name_list()
        and stem not in english_words()
        and not ordinary(stem)
        for stem in stems
    )


# Labels of a record field that a name follows ("child: yonas", "CYP - filmon").
_LABELS = frozenset(["name", "names", "child", "cyp", "yp", "pupil", "victim", "perp", "suspect"])
_LABEL_GAPS = frozenset([": ", " - ", " – ", ":"])


def _person_noun_before(c: Context, i: int) -> bool:
    """ "dad florin", "mum is fartun", "child: yonas": a word for a person (and "is") or a
    field label right before word `i`."""
    prev = c.prev(i)
    if prev is None or prev.possessive:
        return False
    lower, gap = prev.text.lower(), c.gap(prev, c.tokens[i])
    if gap in _LABEL_GAPS:
        return lower in PERSON_NOUNS or lower in _LABELS
    if gap != " ":
        return False
    if lower in ("is", "was") and i >= 2:
        return _person_noun_before(c, i - 1) and c.tokens[i - 2].text.lower() in PERSON_NOUNS
    return lower in PERSON_NOUNS


def not_a_word(lower: str) -> bool:
    """No word of English, this field or text-speak, and long enough to be a name."""
    return (
        len(lower) >= 4
        and lower.isalpha()
        and lower not in english_words()
        and not ordinary(lower)
        and not dropped_g(lower)
        # "didnt", "wasnt": a contraction typed without its apostrophe
        and not (lower.endswith("nt") and lower[:-1] + "'t" in english_words())
    )


def unknown_word(lower: str) -> bool:
    """Not a word (``not_a_word``), nor one misspelt ("becuase", "freind")."""
    return not_a_word(lower) and not near_english(lower)


_MODALS = frozenset(["will", "may", "can", "must", "should", "would", "could", "might", "shall"])


def lower_case_after_relation(c: Context, i: int) -> bool:
    """ "bf keano picked her up", "dad florin was drunk", "stepdad mark was shouting": a
    lower-case word after a word for a person, when it is no word of the language, or when it
    is a listed name and what follows fits a person."""
    if not _person_noun_before(c, i):
        return False
    word = c.tokens[i].text
    if word in _MODALS and c.next_word(i) not in SPEECH_VERBS:  # "baby will need" ("dad will said")
        return False
    listed_name = all(p in name_list() for p in parts(word))
    if c.tokens[i - 1].text.lower() in ("is", "was"):
        # "mum is tigist", "mum is fartun hersi", but not "mum is agoraphobic"
        return unknown_word(word) and (listed_name or _surname_follows(c, i))
    if unknown_word(word):
        return True
    if listed_name and may_be_subject(word) and word not in FUNCTION_WORDS and c.person_slot(i):
        return True
    # "bro mason visits him", "girl wren 13", "cousin jimmy gave it him": a name that is also
    # a word, before what a person does, an age or the end of the clause.
    return (
        c.tokens[i - 1].text.lower() in _KIN
        and slot_name(word)
        and (_AGE_AFTER_NAME.match(c.text, c.tokens[i].end) is not None or _act_follows(c, i))
    )


def _surname_follows(c: Context, i: int) -> bool:
    nxt = c.next(i)
    return (
        nxt is not None
        and nxt.text.islower()
        and c.gap(c.tokens[i], nxt) == " "
        and (listed(nxt.text) or unknown_word(nxt.text))
        and not ordinary(fold(nxt.text))
    )


def lower_case_in_brackets(c: Context, i: int) -> bool:
    """ "mum (tigist)", "dad (mark)": a lone lower-case word in brackets after a word for a
    person, when it is a listed name or no word of the language."""
    word = c.tokens[i]
    before = c.prev(i)
    if (
        before is None
        or before.text.lower() not in PERSON_NOUNS
        or c.gap(before, word).strip() != "("
        or c.text[word.end : word.end + 1] != ")"
    ):
        return False
    lower = word.text
    if unknown_word(lower):
        return True
    return (
        all(p in name_list() for p in parts(lower))
        and (lower in WORD_NAMES or lower not in english_words())
        and may_be_subject(lower)
    )


def first_of_pair(c: Context, found: Container[int], j: int) -> bool:
    """ "Grace and Faith Obi", "Tsega and Meron Gebremedhin": the first name of two people
    who share the surname after the second."""
    tokens, word = c.tokens, c.tokens[j]
    if j + 3 >= len(tokens) or not is_capitalised(word.text) or is_all_caps(word.text):
        return False
    joiner, first, surname = tokens[j + 1], tokens[j + 2], tokens[j + 3]
    return (
        joiner.text == "and"
        and c.gap(word, joiner) == " "
        and c.gap(joiner, first) == " "
        and c.gap(first, surname) == " "
        and j + 2 in found
        and j + 3 in found
        and not word.possessive
        and (may_be_subject(word.text) or not ordinary(fold(word.text)))
    )


def second_of_pair(c: Context, found: Container[int], j: int) -> bool:
    """ "Brooklyn and Paisley Hughes": between "Name and" and a found surname."""
    tokens, word = c.tokens, c.tokens[j]
    if j < 2 or j + 1 >= len(tokens) or not is_capitalised(word.text) or is_all_caps(word.text):
        return False
    before, joiner, surname = tokens[j - 2], tokens[j - 1], tokens[j + 1]
    return (
        joiner.text == "and"
        and j - 2 in found
        and j + 1 in found
        and c.gap(before, joiner) == " "
        and c.gap(joiner, word) == " "
        and c.gap(word, surname) == " "
        and not word.possessive
        and fold(word.text) not in NOT_NAMES
    )


def lower_case_spoken_to(c: Context, i: int) -> bool:
    """ "spoke to grace today": a listed word, even one that is also a word, after "spoke to";
    not a role or an agency ("spoke to mum", "spoke to housing")."""
    word, prev = c.tokens[i].text, c.prev(i)
    if prev is None or prev.text.lower() != "to" or c.gap(prev, c.tokens[i]) != " ":
        return False
    verb = c.prev(i - 1)
    return (
        verb is not None
        and verb.text.lower() in SPOKE_TO
        and c.gap(verb, prev) == " "
        and all(p in name_list() or respelt_name(p) for p in parts(word))
        and fold(word) not in english_words()
        # "said to ring the duty line": after "said to", a word of the language is a verb.
        and not (verb.text.lower() == "said" and fold(word) in common_words())
        and may_be_subject(word)
    )


# Words after which a lone unknown lower-case word is a person ("spoke w tesfaldet"); not
# "about", "for", "re", which take things as often.
_TAKES_A_PERSON = PERSON_BEFORE - frozenset(["about", "for", "re", "including", "both", "and"])
_AGE_ASIDE = regex.compile(r" ?\((?:aged? ?)?\d{1,2}(?: ?(?:yrs?|years?|y/o|yo|m|months?))?\)")


def lower_case_unknown_after_person_word(c: Context, i: int) -> bool:
    """ "spoke w tesfaldet", "rang tigist x3": an unknown lower-case word where the sentence
    takes a person."""
    word, prev = c.tokens[i], c.prev(i)
    return (
        prev is not None
        and prev.text.lower() in _TAKES_A_PERSON
        and c.gap(prev, word) == " "
        and len(word.text) >= 4
        and unknown_word(word.text)
    )


def lower_case_before_age(c: Context, i: int) -> bool:
    """ "kids are rebin (7) and zhino (4)": a listed or unknown lower-case word before an age
    in brackets."""
    word = c.tokens[i]
    if _AGE_ASIDE.match(c.text, word.end) is None:
        return False
    lower = word.text
    return unknown_word(lower) or (
        all(p in name_list() for p in parts(lower)) and not ordinary(lower)
    )


def lower_case_after_person_word(c: Context, i: int) -> bool:
    """ "with tadesse haile": a listed name in lower case where the sentence takes a person.
    The names-dataset names are noisier (slang, typos), so only the longer ones count."""
    word, prev = c.tokens[i].text, c.prev(i)
    word_parts = parts(word)
    return (
        prev is not None
        and prev.text.lower() in PERSON_BEFORE
        and c.gap(prev, c.tokens[i]) == " "
        and len(word) >= 3
        and bool(word_parts)
        and (
            all(
                p in name_list() and not ordinary(p) and (p not in community_names() or len(p) >= 5)
                for p in word_parts
            )
            # "lily-mai": two names joined are a name, even when each is also a word.
            or (len(word_parts) > 1 and all(p in name_list() for p in word_parts))
        )
    )


# Words for a person that a name follows in notes typed in a hurry ("bro mason", "lad jay").
_KIN_SHORT = frozenset(["bro", "sis", "cuz", "lad", "lads", "mate"])
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
# An age right after a word: "summer 15 turned up", "wren (13)", "saffron, 16, pregnant",
# "blaze 7 and", "kai 19." - not a count ("summer 2 weeks", "will do 14 of them"), a decimal,
# a time or "2" for "to" ("hope 2 see u").
_AGE_AFTER_NAME = regex.compile(
    r"(?:\s?\(\s?(?:aged?\s?)?\d{1,2}\s?(?:yrs?|y/?o)?\s?\)"
    r"|,\s(?:aged?\s)?\d{1,2}(?:\s?(?:yrs?|y/?o))?\s?,"
    # (Not a range: "amber 90–95%".)
    r"|\s(?:aged?\s)?\d{1,2}(?![\d%:/]|[.,]\d|[\-–]\d)(?:\s?(?:yrs?|y/?o|years?\sold))?"
    r"(?=\s*(?:$|[,.;:!?)\-–]|(?:and|n|&|from|who|w|with|has|had|is|was|lives|living|turned"
    r"|sed|said|says|told|r|are|were|left|went|came|got|ran|stayed)\b)))",
    regex.IGNORECASE,
)
# What a person is owned by in "graces mum", "wren's mam", "rickys younger bro", "wrens tiktok".
_OWNED = frozenset(
    [
        "aunt",
        "auntie",
        "aunty",
        "bf",
        "boyfriend",
        "bro",
        "brother",
        "brothers",
        "carer",
        "cousin",
        "cousins",
        "cuz",
        "dad",
        "daddy",
        "daughter",
        "ex",
        "father",
        "fb",
        "friend",
        "friends",
        "gf",
        "girlfriend",
        "gran",
        "grandad",
        "grandma",
        "grandmother",
        "insta",
        "mam",
        "mate",
        "mates",
        "mother",
        "mum",
        "mummy",
        "nain",
        "nan",
        "nanny",
        "partner",
        "sibling",
        "siblings",
        "sis",
        "sister",
        "sisters",
        "snap",
        "snapchat",
        "son",
        "stepdad",
        "stepmum",
        "step-dad",
        "step-mum",
        "surname",
        "taid",
        "tiktok",
        "twin",
        "uncle",
    ]
)
# One person a name may follow: "bro mason", "girl wren" (not "parents eve", "worker visa").
_KIN = _OWNED | frozenset(["girl", "boy", "lad", "man", "woman", "baby"])
_OWNED_MODIFIERS = frozenset(["older", "younger", "big", "little", "lil", "new", "step", "birth"])
_OWNER_DETERMINERS = frozenset(
    ["the", "a", "an", "his", "her", "their", "my", "your", "our", "its", "this", "that"]
)
_ACTS_AUXILIARIES = frozenset(["is", "was", "has", "had", "r", "are", "were", "gets", "got"])
_CLAUSE_END = frozenset(",.;:!?)-–")
# "shady to the family", "mo to everyone": what a person is called by.
_KNOWN_TO = regex.compile(
    r"\s+to\s+(?:the\s+family|everyone|everybody|(?:his|her|their)\s+(?:mates|friends|family))\b",
    regex.IGNORECASE,
)


def slot_name(word: str) -> bool:
    """A lower-case word that can be a first name in a person slot, even when it is also a word
    ("summer", "wren", "mason", "will"): every part listed, and no role, agency, pronoun,
    speech verb, counted noun or particle ("mum", "housing", "said", "ward", "so")."""
    lower = fold(word)
    return (
        all(p in name_list() or respelt_name(p) for p in parts(word))
        and may_be_subject(word)
        and (lower in WORD_NAMES or (lower not in FUNCTION_WORDS and lower not in NOT_NAMES))
        and lower not in NOT_SLOT_NAMES
        and lower not in SPEECH_VERBS
        and lower not in PERSON_NOUNS
        and lower not in PERSON_BEFORE
        and lower not in _KIN_SHORT
        and not dropped_g(lower)
    )


def _act_follows(c: Context, i: int) -> bool:
    """What follows word `i` is what a person does: a speech verb, "is"/"has", or a verb in
    -s or -ed ("mason visits", "sully drinks")."""
    word, nxt = c.tokens[i], c.next(i)
    if nxt is None or c.gap(word, nxt) != " ":
        return False
    lower = nxt.text.lower()
    if lower in SPEECH_VERBS or lower in _ACTS_AUXILIARIES or lower in _IRREGULAR_ACTS:
        return True
    return (
        len(lower) > 3
        and nxt.text.islower()
        and (lower.endswith("ed") or (lower.endswith("s") and not lower.endswith("ss")))
        and lower not in _PLURAL_NOUNS
    )


# Plural nouns a name that is a word often comes before ("summer holidays").
_PLURAL_NOUNS = frozenset(["holidays", "hols", "months", "weeks", "days", "years", "nights"])
# Past tenses without -ed that say what a person did ("cousin jimmy gave it him").
_IRREGULAR_ACTS = frozenset(["gave", "got", "kept", "made", "sold", "bought", "sent", "let"])


def _person_position(c: Context, i: int) -> bool:
    """Word `i` starts a clause or follows a word for a person, "and"/"n"/"&", or a word that
    takes a person ("girl wren", "hunter 9 and blaze 7", "with faith")."""
    prev = c.prev(i)
    if prev is None or c.starts_clause(i):
        return True
    lower = prev.text.lower()
    return (
        c.gap(prev, c.tokens[i]) == " "
        and not prev.possessive
        and (
            lower in PERSON_NOUNS
            or lower in _KIN_SHORT
            or lower in ("n", "&")
            or lower in PERSON_BEFORE
        )
    )


def lower_case_word_name_before_age(c: Context, i: int) -> bool:
    """ "summer 15 turned up", "girl wren 13", "hunter 9 and blaze 7", "will 14": a name that
    is also a word, in a person position, right before an age. Not a month ("may 15")."""
    word = c.tokens[i]
    return (
        not word.possessive
        and fold(word.text) not in _MONTHS
        and (slot_name(word.text) or unknown_word(word.text))
        and _AGE_AFTER_NAME.match(c.text, word.end) is not None
        and _person_position(c, i)
    )


def lower_case_owner_of_person(c: Context, i: int) -> bool:
    """ "graces mum", "wren's mam", "deans dad", "rickys younger bro", "wrens tiktok": a name
    that is also a word, with or without its apostrophe, owning a person or an account."""
    word = c.tokens[i]
    j = i + 1
    if j >= len(c.tokens) or word.text.lower() in DEICTIC:  # "for this mum"
        return False
    if c.gap(word, c.tokens[j]).strip(" '’s") != "" or "\n" in c.gap(word, c.tokens[j]):
        return False
    if c.tokens[j].text.lower() in _OWNED_MODIFIERS and j + 1 < len(c.tokens):
        if c.gap(c.tokens[j], c.tokens[j + 1]) != " ":
            return False
        j += 1
    if c.tokens[j].text.lower() not in _OWNED or (c.tokens[j - 1].possessive and j > i + 1):
        return False
    prev = c.prev(i)
    if prev is not None and prev.text.lower() in _OWNER_DETERMINERS:
        return False
    text = word.text
    if word.possessive:
        return slot_name(text) or unknown_word(text)
    if not text.endswith("s") or text.endswith("ss") or len(text) < 4:
        return False
    return slot_name(text[:-1]) or slot_name(text)


def lower_case_after_cue(c: Context, i: int) -> bool:
    """ "lad called miles", "rhiannon aka rhi", "his name is king", "shady to the family": a
    name in lower case where the words around say it is what someone is called."""
    word = c.tokens[i].text
    if word.lower() in NOT_NAMES or not (slot_name(word) or unknown_word(word)):
        return False
    if c.after_cue(i):
        return True
    return (
        i > 0
        and "," in c.gap(c.tokens[i - 1], c.tokens[i])
        and _KNOWN_TO.match(c.text, c.tokens[i].end) is not None
    )


def coordinated_lower_case(c: Context, found: Container[int], j: int) -> bool:
    """ "tyler n rio", "will 14 and his sister faith 10" (after the sister), "patience n
    blessing r sisters": a lower-case name listed with a found name. A name that is also a word
    needs an age, a verb of a person or the end of the clause after it."""
    word = c.tokens[j]
    if word.possessive or not word.text.islower() or not slot_name(word.text):
        return False
    coordinated = False
    for k in (j - 2, j - 1, j + 1, j + 2):
        if 0 <= k < len(c.tokens) and k in found:
            other = c.tokens[k]
            between = c.text[min(word.end, other.end) : max(word.start, other.start)]
            joined = _LOWER_COORDINATION.fullmatch(between)
            # "tyler, rowan and jasmine", but not "hi, Ayo" or "done, Mason would"
            if joined is not None and (other.text.islower() or between.strip() != ","):
                coordinated = True
    if not coordinated:
        return False
    lower = fold(word.text)
    if not ordinary(lower):
        return True
    return _AGE_AFTER_NAME.match(c.text, word.end) is not None or _act_follows(c, j)


_LOWER_COORDINATION = regex.compile(r",\s*|,?\s+(?:and|n|&|or)\s+")
